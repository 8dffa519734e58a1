import { Agent, request } from 'undici';
import { UserError } from '../util/errors.ts';
import { publicOnlyLookup } from './address.ts';
import type { FetchOptions } from './fetcher.ts';
import type { FetchedResponse } from './warc.ts';

export interface HttpOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  allowPrivate: boolean;
  conditional?: FetchOptions['conditional'];
  /** Further request headers (a rendered page's cookie, referer, accept); they never replace the User-Agent. */
  headers?: FetchOptions['headers'];
}

/** A failure before a whole response arrived: connection, timeout, truncation. Worth a retry. */
export class NetworkError extends UserError {}

const publicAgent = new Agent({ connect: { lookup: publicOnlyLookup } });
const anyAgent = new Agent();

/** One GET, no redirects followed, the body read up to maxBytes. */
export async function httpGet(url: URL, options: HttpOptions): Promise<FetchedResponse> {
  const fetchedAt = new Date().toISOString();
  const headers: Record<string, string> = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'accept-language': 'zh-CN,zh;q=0.9' };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  headers['user-agent'] = options.userAgent;
  if (options.conditional?.etag) headers['if-none-match'] = options.conditional.etag;
  if (options.conditional?.lastModified) headers['if-modified-since'] = options.conditional.lastModified;
  let res: Awaited<ReturnType<typeof request>>;
  try {
    res = await request(url, {
      method: 'GET',
      headers,
      dispatcher: options.allowPrivate ? anyAgent : publicAgent,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  } catch (err) {
    const cause = (err as Error & { cause?: NodeJS.ErrnoException }).cause;
    if ((err as NodeJS.ErrnoException).code === 'EPRIVATEADDRESS' || cause?.code === 'EPRIVATEADDRESS') {
      throw new UserError(`拒绝访问私有地址 ${url.href}（DNS 解析为私有地址）`, `refusing private address ${url.href} (resolves to a private address)`);
    }
    throw new NetworkError(`请求失败 ${url.href}：${(err as Error).message}`, `request failed ${url.href}: ${(err as Error).message}`);
  }
  const tooLarge = () => new UserError(`响应过大（超过 ${options.maxBytes} 字节）：${url.href}`, `response larger than ${options.maxBytes} bytes: ${url.href}`);
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    res.body.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > options.maxBytes) {
        res.body.destroy();
        throw tooLarge();
      }
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new NetworkError(`读取响应中断 ${url.href}：${(err as Error).message}`, `response cut off ${url.href}: ${(err as Error).message}`);
  }
  const responseHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) responseHeaders[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { url: url.href, status: res.statusCode, headers: responseHeaders, body: Buffer.concat(chunks), fetchedAt };
}
