import { setTimeout as sleep } from 'node:timers/promises';
import { UserError } from '../util/errors.ts';
import { assertPublicLiteral } from './address.ts';
import { CircuitBreakers } from './breaker.ts';
import type { FetchOptions, Fetcher } from './fetcher.ts';
import { httpGet, NetworkError } from './http.ts';
import { HostGate } from './politeness.ts';
import { isRetryableStatus, retryDelayMs } from './retry.ts';
import { robotsRules, type RobotsRules } from './robots.ts';
import type { FetchedResponse } from './warc.ts';

export interface LiveFetcherOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  hostDelayMs: number;
  hostConcurrency: number;
  concurrency: number;
  retries: number;
  retryBaseMs: number;
  maxRedirects: number;
  breakerThreshold: number;
  breakerCooldownMs: number;
  /** Per-host spacing that a source asked for, overriding hostDelayMs. */
  hostDelays?: ReadonlyMap<string, number>;
  /** Called with every response (robots.txt, redirects, failed attempts) before anyone parses it. */
  onResponse?: (response: FetchedResponse) => Promise<void>;
  /** Called when a request starts, for the progress display. */
  onRequest?: (url: URL) => void;
}

/**
 * The live web, fetched as a good citizen: robots.txt honoured (with its Crawl-delay), per-host spacing
 * and concurrency, a global concurrency limit, retries with backoff and jitter on network errors, 429 and
 * 5xx (never on other 4xx), a circuit breaker per host, a size cap and a redirect limit. Redirects are
 * followed by hand, so every hop is checked (protocol, private addresses, robots.txt).
 */
export class LiveFetcher implements Fetcher {
  private readonly gate: HostGate;
  private readonly breakers: CircuitBreakers;
  private readonly robots = new Map<string, Promise<RobotsRules>>();
  private readonly robotsDelays = new Map<string, number>();

  constructor(private readonly options: LiveFetcherOptions) {
    this.breakers = new CircuitBreakers(options.breakerThreshold, options.breakerCooldownMs);
    this.gate = new HostGate({ perHost: options.hostConcurrency, global: options.concurrency, delayMs: (host) => this.hostDelay(host) });
  }

  private hostDelay(host: string): number {
    return Math.max(this.options.hostDelays?.get(host) ?? this.options.hostDelayMs, this.robotsDelays.get(host) ?? 0);
  }

  async fetch(url: string, options: FetchOptions): Promise<FetchedResponse> {
    if (options.render) throw new UserError(`此抓取方式不能渲染页面（需要浏览器抓取）：${url}`, `this fetcher cannot render pages (a browser fetch is needed): ${url}`);
    let current = new URL(url);
    for (let hop = 0; hop <= this.options.maxRedirects; hop++) {
      if (!['http:', 'https:'].includes(current.protocol)) throw new UserError(`不支持的协议 ${current.href}`, `unsupported protocol: ${current.href}`);
      if (!options.allowPrivate) assertPublicLiteral(current);
      if (options.robots !== 'ignore') {
        const rules = await this.rulesFor(current, options);
        if (!rules.isAllowed(current.href)) throw new UserError(`robots.txt 不允许抓取 ${current.href}`, `robots.txt disallows ${current.href}`);
      }
      const response = await this.getWithRetries(current, options, hop === 0 ? { conditional: options.conditional, headers: options.headers } : {});
      const location = response.headers.location;
      if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
        current = new URL(location, current);
        continue;
      }
      return response;
    }
    throw new UserError(`重定向过多（超过 ${this.options.maxRedirects} 次）：${url}`, `too many redirects (over ${this.options.maxRedirects}): ${url}`);
  }

  /** The robots.txt rules of an origin, fetched once per run through the same polite, archived path. */
  private rulesFor(url: URL, options: FetchOptions): Promise<RobotsRules> {
    let rules = this.robots.get(url.origin);
    if (!rules) {
      const robotsUrl = `${url.origin}/robots.txt`;
      rules = this.getWithRetries(new URL(robotsUrl), options, {})
        .catch((err: unknown) => {
          if (err instanceof NetworkError) return undefined;
          throw err;
        })
        .then((response) => {
          const parsed = robotsRules(robotsUrl, response, this.options.userAgent);
          const delay = parsed.crawlDelayMs();
          if (delay !== undefined) {
            this.robotsDelays.set(url.host, delay);
            this.gate.pushBack(url.host);
          }
          return parsed;
        });
      this.robots.set(url.origin, rules);
    }
    return rules;
  }

  /** One URL, retried on network errors, 429 and 5xx; the last response or error stands. `extra`: the first hop's validators and headers. */
  private async getWithRetries(url: URL, options: FetchOptions, extra: Pick<FetchOptions, 'conditional' | 'headers'>): Promise<FetchedResponse> {
    const host = url.host;
    for (let attempt = 0; ; attempt++) {
      const release = await this.gate.acquire(host);
      // Checked with the slot in hand: requests queued behind a failing one see its failure.
      if (!this.breakers.allows(host)) {
        release();
        throw new UserError(`主机 ${host} 连续失败，已暂停访问（熔断）：${url.href}`, `host ${host} failed repeatedly and is paused (circuit open): ${url.href}`);
      }
      let response: FetchedResponse | undefined;
      let failure: unknown;
      try {
        this.gate.started(host);
        this.options.onRequest?.(url);
        response = await httpGet(url, { userAgent: this.options.userAgent, timeoutMs: this.options.timeoutMs, maxBytes: this.options.maxBytes, allowPrivate: options.allowPrivate, ...extra });
      } catch (err) {
        failure = err;
      }
      const retryable = failure instanceof NetworkError || (response !== undefined && isRetryableStatus(response.status));
      // The breaker learns the outcome before the slot passes on, so the next request in line sees it.
      if (retryable) this.breakers.failed(host);
      else if (!failure) this.breakers.succeeded(host);
      release();
      if (response) await this.options.onResponse?.(response);
      if (!retryable) {
        if (failure) throw failure;
        return response!;
      }
      if (attempt >= this.options.retries || this.breakers.isOpen(host)) {
        if (failure) throw failure;
        return response!;
      }
      await sleep(retryDelayMs(attempt, this.options.retryBaseMs, response?.headers['retry-after']));
    }
  }
}
