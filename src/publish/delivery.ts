/**
 * What every HTTP channel shares: the request a channel builds (and the masked copy that dry-run prints and
 * errors may name), the POST itself, and the reading of the answer. A channel module builds; this sends.
 */
import { httpRequest, NetworkError } from '../crawl/http.ts';
import { isRetryableStatus } from '../util/retry.ts';
import { UserError } from '../util/errors.ts';
import type { MessageForm } from './robotText.ts';

/** A failed delivery: why, in Chinese and English, and whether a later try may go through (network, 5xx, rate limit). */
export class DeliveryFailure extends UserError {
  /**
   * @param transient a retry may help (network failure, 408/429/5xx, a robot's rate limit); otherwise it will not (a bad signature, a missing file)
   * @param retryAfter the server's Retry-After header, when it sent one
   */
  constructor(zh: string, en: string, readonly transient: boolean, readonly retryAfter?: string) {
    super(zh, en);
  }
}

/** What replaces a secret wherever a message is shown. */
export const MASK = '***';

/** A POST with a JSON body, as sent (secrets in the address, signatures in place) and as shown (masked). */
export interface HttpMessage {
  url: URL;
  headers: Record<string, string>;
  /** The raw body, exactly the bytes sent (UTF-8). */
  body: string;
  /** The same request for dry-run and messages: the address's path and query, signatures and keys replaced by MASK. */
  shown: { url: string; headers: Record<string, string>; body: string };
}

/**
 * A channel's message ready to go: the request, how much of the brief it carries, and its content without
 * timestamp or signature (what the store's digest is taken of, the same on every try).
 */
export interface PreparedRequest {
  message: HttpMessage;
  /** How much of the brief it carries (robotText's forms), or `summary` for a webhook's fixed summary. */
  form: MessageForm | 'summary';
  content: string;
}

/** An answer: HTTP status, headers (lower-case names) and body text. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * A secret address as it may be shown: scheme and host only. A robot's key sits in the path (Feishu
 * `/hook/<id>`) or the query (WeCom `key=`, DingTalk `access_token=`), and a webhook's may sit anywhere.
 */
export function maskedAddress(url: URL): string {
  return `${url.origin}/${MASK}`;
}

/** Answers larger than this are not read whole: a robot answers in a few hundred bytes. */
const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * POSTs a message and returns the answer, whatever its status. Throws a DeliveryFailure: transient for a
 * network failure or timeout, permanent otherwise. The address is never part of the failure's text (it holds
 * the robot's key); the dispatcher also redacts every secret from any text it prints or stores.
 */
export async function postMessage(message: HttpMessage, options: { timeoutMs: number; userAgent: string }): Promise<HttpAnswer> {
  try {
    const response = await httpRequest(message.url, {
      method: 'POST',
      body: message.body,
      contentType: message.headers['content-type'] ?? 'application/json; charset=utf-8',
      headers: { accept: 'application/json', ...message.headers },
      userAgent: options.userAgent,
      timeoutMs: options.timeoutMs,
      // A robot that trickles its answer is cut off like a slow site (two pauses' worth in all).
      deadlineMs: 2 * options.timeoutMs,
      maxBytes: MAX_ANSWER_BYTES,
      // The address is the operator's, from the environment, never a scraped one: a relay on the LAN is allowed.
      allowPrivate: true,
    });
    return { status: response.status, headers: response.headers, body: response.body.toString('utf8') };
  } catch (err) {
    if (err instanceof NetworkError) {
      const what = `${err.kind}${err.code ? ` ${err.code}` : ''}`;
      throw new DeliveryFailure(`网络错误（${what}）：${message.shown.url}`, `network error (${what}): ${message.shown.url}`, true);
    }
    const text = err instanceof Error ? err.message : String(err);
    throw new DeliveryFailure(`请求失败：${text}`, `request failed: ${text}`, false);
  }
}

/** A status outside 2xx as a failure, transient for 408, 429 and 5xx; null for 2xx. */
export function statusFailure(answer: HttpAnswer): DeliveryFailure | null {
  if (answer.status >= 200 && answer.status < 300) return null;
  return new DeliveryFailure(`HTTP ${answer.status}`, `HTTP ${answer.status}`, isRetryableStatus(answer.status), answer.headers['retry-after']);
}

/** One line of an answer's body for a message: at most 200 characters, whitespace collapsed. */
function snippet(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/**
 * A robot's JSON answer read the way its platform documents it: success only when the code field is 0. A
 * robot answers HTTP 200 with an error code for most failures (a bad signature, a message too long), so a
 * 200 alone is no success; an answer that is not JSON or lacks the field is a failure too. `codeFields` are
 * tried in order (Feishu's `code`, then its older `StatusCode`); `transientCodes` are the platform's rate
 * limits, worth a retry after the backoff. Returns null on success.
 */
export function robotAnswerFailure(answer: HttpAnswer, codeFields: readonly string[], messageFields: readonly string[], transientCodes: ReadonlySet<number>): DeliveryFailure | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    parsed = undefined;
  }
  const record = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const field = codeFields.find((name) => typeof record[name] === 'number');
  if (field === undefined) {
    const status = statusFailure(answer);
    if (status) return status;
    const body = snippet(answer.body);
    return new DeliveryFailure(`应答不是机器人的 JSON（缺少 ${codeFields[0]}）：${body}`, `the answer is not the robot's JSON (no ${codeFields[0]}): ${body}`, false);
  }
  const code = record[field] as number;
  if (code === 0) return statusFailure(answer);
  const said = messageFields.map((name) => record[name]).find((value) => typeof value === 'string') as string | undefined;
  const reason = `${field} ${code}${said ? ` ${snippet(said)}` : ''}`;
  return new DeliveryFailure(`机器人返回错误：${reason}`, `the robot answered an error: ${reason}`, transientCodes.has(code) || isRetryableStatus(answer.status), answer.headers['retry-after']);
}
