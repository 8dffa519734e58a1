import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { Agent, buildConnector, request } from 'undici';
import { UserError } from '../util/errors.ts';
import { PrivateAddressError, publicOnlyLookup } from './address.ts';
import { ACCEPT_ENCODING, contentCodings, decodeBody } from './contentCoding.ts';
import type { FetchOptions } from './fetcher.ts';
import type { FetchedResponse } from '../domain/response.ts';

export interface HttpOptions {
  userAgent: string;
  /** Idle time allowed, in ms: for the headers, and for each pause in the body. */
  timeoutMs: number;
  /**
   * Time allowed for the whole request, in ms, from its start to the body's last byte (crawl.requestDeadlineMs):
   * what cuts a server that trickles a byte at a time, which no idle timeout does.
   */
  deadlineMs: number;
  /** Cap on the body in bytes, as received and again as decoded. */
  maxBytes: number;
  allowPrivate: boolean;
  conditional?: FetchOptions['conditional'];
  /** GET unless said; a POST sends `body` as `contentType`. */
  method?: FetchOptions['method'];
  body?: string;
  contentType?: string;
  /** Further request headers (Referer, Accept, a rendered page's cookie); they never replace the User-Agent. */
  headers?: FetchOptions['headers'];
}

/**
 * What kind of network failure stopped a request, read from the error's code (never its message):
 * - `dns`: the name does not resolve (ENOTFOUND, EAI_AGAIN, any getaddrinfo failure);
 * - `tls`: the TLS handshake or the certificate failed (ERR_SSL_*, ERR_TLS_*, EPROTO, an X.509 verify
 *   code), or the server hung up after the TCP connection was made and before the handshake ended;
 * - `timeout`: connecting, the headers or a pause in the body took longer than allowed, or the whole
 *   request longer than its deadline;
 * - `connect`: anything else on the way: refused, reset, unreachable, cut off.
 */
export type NetworkFailure = 'dns' | 'tls' | 'connect' | 'timeout';

/** A failure before a whole response arrived: connection, timeout, truncation. Worth a retry. */
export class NetworkError extends UserError {
  /**
   * @param kind what failed, for a report that names the cause (`sources check`)
   * @param code the system's or undici's error code (ENOTFOUND, ERR_SSL_WRONG_VERSION_NUMBER, UND_ERR_HEADERS_TIMEOUT), when it gave one
   * @param url the address asked for (a redirect's target, a robots.txt: not always the one a caller named)
   */
  constructor(zh: string, en: string, readonly kind: NetworkFailure, readonly code: string | null, readonly url: string) {
    super(zh, en);
  }
}

/** OpenSSL's certificate verification codes as Node reports them (the tls module's "X509 certificate error codes"). */
const certificateCodes = new Set([
  'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_CRL', 'UNABLE_TO_DECRYPT_CERT_SIGNATURE', 'UNABLE_TO_DECRYPT_CRL_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY', 'CERT_SIGNATURE_FAILURE', 'CRL_SIGNATURE_FAILURE', 'CERT_NOT_YET_VALID', 'CERT_HAS_EXPIRED',
  'CRL_NOT_YET_VALID', 'CRL_HAS_EXPIRED', 'ERROR_IN_CERT_NOT_BEFORE_FIELD', 'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'ERROR_IN_CRL_LAST_UPDATE_FIELD', 'ERROR_IN_CRL_NEXT_UPDATE_FIELD', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'CERT_CHAIN_TOO_LONG', 'CERT_REVOKED', 'INVALID_CA',
  'PATH_LENGTH_EXCEEDED', 'INVALID_PURPOSE', 'CERT_UNTRUSTED', 'CERT_REJECTED', 'HOSTNAME_MISMATCH',
]);
const timeoutCodes = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/**
 * Errors of connections that failed between the TCP connection and the end of the TLS handshake. A server
 * that hangs up there gives a plain ECONNRESET, which only the moment it came at tells from a reset later.
 */
const handshakeFailures = new WeakSet<object>();

/**
 * undici's connector, noting the errors of connections that failed during the TLS handshake. undici's
 * connector returns the socket it opens (not in its types, hence the cast); were that to change, the note is
 * just not taken and such a failure reads as `connect`.
 */
function handshakeNotingConnector(options: buildConnector.BuildOptions): buildConnector.connector {
  const connect = buildConnector(options);
  return (target, callback) => {
    let connected = false;
    const socket = (connect as unknown as (...args: Parameters<buildConnector.connector>) => Socket | undefined)(target, (...args) => {
      const [err] = args;
      if (err && connected && target.protocol === 'https:') handshakeFailures.add(err);
      callback(...args);
    });
    socket?.once?.('connect', () => (connected = true));
  };
}

/** The error whose code tells the cause: the error itself, else the first of an AggregateError's that has one. */
function codedError(err: unknown): (Error & { code?: string; syscall?: string }) | undefined {
  if (!(err instanceof Error)) return undefined;
  const coded = err as Error & { code?: string; errors?: unknown[] };
  if (typeof coded.code === 'string' || !Array.isArray(coded.errors)) return coded;
  return coded.errors.find((e): e is Error & { code: string } => e instanceof Error && typeof (e as { code?: unknown }).code === 'string') ?? coded;
}

/** The kind of a network failure and its code, from the error the HTTP client threw (see NetworkFailure). */
export function classifyNetworkError(err: unknown): { kind: NetworkFailure; code: string | null } {
  const coded = codedError(err);
  const code = typeof coded?.code === 'string' ? coded.code : null;
  if (coded === undefined || code === null) return { kind: 'connect', code: null };
  if (code === 'ENOTFOUND' || code.startsWith('EAI_') || coded.syscall === 'getaddrinfo') return { kind: 'dns', code };
  if (timeoutCodes.has(code)) return { kind: 'timeout', code };
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code === 'EPROTO' || certificateCodes.has(code)) return { kind: 'tls', code };
  if (handshakeFailures.has(coded) || handshakeFailures.has(err as Error)) return { kind: 'tls', code };
  return { kind: 'connect', code };
}

/** A NetworkError for a failed request, its kind and code read from the client's error. */
function networkError(url: URL, zh: string, en: string, err: unknown): NetworkError {
  const { kind, code } = classifyNetworkError(err);
  return new NetworkError(zh, en, kind, code, url.href);
}

const publicAgent = new Agent({ connect: handshakeNotingConnector({ lookup: publicOnlyLookup }) });
const anyAgent = new Agent({ connect: handshakeNotingConnector({}) });

/** One header's value as text: undici gives a list for a repeated header. */
function headerValue(value: string | string[]): string {
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The response headers as the archive keeps them, describing the body as kept: decoded, so its
 * Content-Encoding is moved to X-Xinzhi-Content-Encoding and its Content-Length is the decoded size; and
 * whole, so no Transfer-Encoding (undici has undone the chunking). A reader of the archive (replay,
 * import, any WARC tool) then reads the body as the crawl read it, and never decodes it again.
 */
function keptHeaders(raw: Record<string, string | string[] | undefined>, body: Buffer): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name.toLowerCase()] = headerValue(value);
  }
  delete headers['transfer-encoding'];
  const coding = headers['content-encoding'];
  if (coding !== undefined) {
    delete headers['content-encoding'];
    headers['x-xinzhi-content-encoding'] = coding;
    if (headers['content-length'] !== undefined) headers['content-length'] = String(body.length);
  }
  return headers;
}

/**
 * One request (a GET, or a POST with its body), no redirects followed, the body read and decoded
 * (gzip, deflate, br) up to maxBytes both as received and as decoded, all within deadlineMs. A request
 * that was more than a plain GET (a POST, or extra headers) is returned with the response as `request`,
 * so the archive keeps what was asked as well as what came back. Throws a NetworkError (retryable) for a
 * failure on the way, a timeout and the deadline included; a UserError for a body too large or that
 * does not decode.
 */
export async function httpRequest(url: URL, options: HttpOptions): Promise<FetchedResponse> {
  const fetchedAt = new Date().toISOString();
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'accept-language': 'zh-CN,zh;q=0.9' };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  headers['user-agent'] = options.userAgent;
  // Only the codings we can decode, whatever a caller's headers asked for.
  headers['accept-encoding'] = ACCEPT_ENCODING;
  if (options.conditional?.etag) headers['if-none-match'] = options.conditional.etag;
  if (options.conditional?.lastModified) headers['if-modified-since'] = options.conditional.lastModified;
  const body = method === 'POST' ? Buffer.from(options.body ?? '') : undefined;
  if (body) headers['content-type'] = options.contentType ?? 'application/x-www-form-urlencoded; charset=UTF-8';
  // The idle timeouts below cut a server that stops; only a deadline on the whole cuts one that trickles.
  const deadline = AbortSignal.timeout(options.deadlineMs);
  const pastDeadline = () => {
    const seconds = options.deadlineMs / 1000;
    return new NetworkError(`请求超时（${seconds} 秒内未收完响应）：${url.href}`, `request timed out (no whole response within ${seconds} s): ${url.href}`, 'timeout', null, url.href);
  };
  let res: Awaited<ReturnType<typeof request>>;
  try {
    res = await request(url, {
      method,
      headers,
      body,
      dispatcher: options.allowPrivate ? anyAgent : publicAgent,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      signal: deadline,
    });
  } catch (err) {
    const cause = (err as Error & { cause?: NodeJS.ErrnoException }).cause;
    if ((err as NodeJS.ErrnoException).code === 'EPRIVATEADDRESS' || cause?.code === 'EPRIVATEADDRESS') {
      throw new PrivateAddressError(url.href, null);
    }
    if (deadline.aborted) throw pastDeadline();
    throw networkError(url, `请求失败 ${url.href}：${(err as Error).message}`, `request failed ${url.href}: ${(err as Error).message}`, err);
  }
  // However the reading ends (a cap, an unknown coding, the deadline), undici reports a body destroyed
  // unread as an 'error' event: the reason is thrown already, and nobody else listens.
  res.body.on('error', () => undefined);
  const tooLarge = () => new UserError(`响应过大（超过 ${options.maxBytes} 字节）：${url.href}`, `response larger than ${options.maxBytes} bytes: ${url.href}`);
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    letGo(res.body);
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  try {
    const applied = contentCodings(headerValue(res.headers['content-encoding'] ?? ''), url.href);
    let received = 0;
    const raw = (async function* () {
      for await (const chunk of res.body) {
        received += (chunk as Buffer).length;
        if (received > options.maxBytes) throw tooLarge();
        yield chunk as Buffer;
      }
    })();
    // The decoded size is capped as it grows: reading stops, and with it the decoding, the moment it is over.
    let size = 0;
    for await (const chunk of decodeBody(raw, applied, url.href)) {
      size += chunk.length;
      // (A body under no coding passed the cap as received first.)
      if (size > options.maxBytes) {
        throw new UserError(`响应解压后过大（超过 ${options.maxBytes} 字节）：${url.href}`, `response larger than ${options.maxBytes} bytes once decoded: ${url.href}`);
      }
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof UserError) throw err;
    if (deadline.aborted) throw pastDeadline();
    throw networkError(url, `读取响应中断 ${url.href}：${(err as Error).message}`, `response cut off ${url.href}: ${(err as Error).message}`, err);
  } finally {
    letGo(res.body);
  }
  const decoded = Buffer.concat(chunks);
  const sent = body || options.headers ? { request: { method, headers, body: body ?? Buffer.alloc(0) } } : {};
  return { url: url.href, status: res.statusCode, headers: keptHeaders(res.headers, decoded), body: decoded, fetchedAt, ...sent };
}

/** Ends a response body whatever stopped its reading (its end, a cap, an unknown coding, the deadline), so the connection is let go. */
function letGo(body: Readable): void {
  if (!body.destroyed) body.destroy();
}

