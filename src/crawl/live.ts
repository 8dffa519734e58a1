import { request } from 'undici';
import { UserError } from '../util/errors.ts';
import { assertPublicUrl } from './address.ts';
import type { Fetcher } from './fetcher.ts';
import type { FetchedResponse } from './warc.ts';

export interface LiveFetcherOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  /** Minimum time between two requests to one host. */
  hostDelayMs?: number;
  maxRedirects?: number;
}

/**
 * Fetches over HTTP with undici: one request at a time per host, spaced, bounded in time and size.
 * Redirects are followed by hand, so every hop is checked against private addresses; the response
 * carries the address it was finally served from.
 */
export class LiveFetcher implements Fetcher {
  readonly archives = true;
  private readonly hostQueues = new Map<string, Promise<unknown>>();
  private readonly lastRequestAt = new Map<string, number>();

  constructor(private readonly options: LiveFetcherOptions) {}

  fetch(url: string, { allowPrivate }: { allowPrivate: boolean }): Promise<FetchedResponse> {
    const host = new URL(url).host;
    const previous = this.hostQueues.get(host) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.fetchFollowing(url, allowPrivate));
    this.hostQueues.set(host, next);
    return next;
  }

  private async politeWait(host: string): Promise<void> {
    const delay = this.options.hostDelayMs ?? 1000;
    const last = this.lastRequestAt.get(host);
    const wait = last === undefined ? 0 : last + delay - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    this.lastRequestAt.set(host, Date.now());
  }

  private async fetchFollowing(url: string, allowPrivate: boolean): Promise<FetchedResponse> {
    let current = new URL(url);
    for (let hop = 0; hop <= (this.options.maxRedirects ?? 5); hop++) {
      if (!['http:', 'https:'].includes(current.protocol)) throw new UserError(`不支持的协议 ${current.href}`, `unsupported protocol: ${current.href}`);
      if (!allowPrivate) await assertPublicUrl(current);
      await this.politeWait(current.host);
      const response = await this.fetchOnce(current);
      const location = response.headers.location;
      if (response.status >= 300 && response.status < 400 && location) {
        current = new URL(location, current);
        continue;
      }
      return response;
    }
    throw new UserError(`重定向过多：${url}`, `too many redirects: ${url}`);
  }

  private async fetchOnce(url: URL): Promise<FetchedResponse> {
    const fetchedAt = new Date().toISOString();
    let res: Awaited<ReturnType<typeof request>>;
    try {
      res = await request(url, {
        method: 'GET',
        headers: { 'user-agent': this.options.userAgent, accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
    } catch (err) {
      throw new UserError(`请求失败 ${url.href}：${(err as Error).message}`, `request failed ${url.href}: ${(err as Error).message}`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > this.options.maxBytes) {
        res.body.destroy();
        throw new UserError(`响应过大（超过 ${this.options.maxBytes} 字节）：${url.href}`, `response larger than ${this.options.maxBytes} bytes: ${url.href}`);
      }
      chunks.push(chunk as Buffer);
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    return { url: url.href, status: res.statusCode, headers, body: Buffer.concat(chunks), fetchedAt };
  }
}
