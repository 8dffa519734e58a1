import { setTimeout as sleep } from 'node:timers/promises';
import { UserError } from '../util/errors.ts';
import { assertPublicLiteral } from './address.ts';
import { CircuitBreakers } from './breaker.ts';
import type { FetchOptions, Fetcher } from './fetcher.ts';
import { httpRequest, NetworkError, type NetworkFailure } from './http.ts';
import { HostGate } from './politeness.ts';
import { isRetryableStatus, retryDelayMs } from '../util/retry.ts';
import { robotsBody, robotsRules, type RobotsRecord, type RobotsRules, type SharedRobots } from './robots.ts';
import type { FetchedResponse } from '../domain/response.ts';
import { HostBusyError, type HostTurns } from '../domain/hostLease.ts';

export interface LiveFetcherOptions {
  userAgent: string;
  /** Idle time allowed a request, in ms: for its headers and each pause in its body. */
  timeoutMs: number;
  /** Time allowed one request as a whole, in ms (crawl.requestDeadlineMs). */
  requestDeadlineMs: number;
  maxBytes: number;
  hostDelayMs: number;
  hostConcurrency: number;
  concurrency: number;
  retries: number;
  /**
   * Retries of robots.txt, when they differ from `retries`: a queue worker's page fetcher retries no page
   * (the queue retries the job) but still retries robots.txt, whose failure keeps it off the whole site.
   */
  robotsRetries?: number;
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
  /**
   * Turns at hosts shared with other processes (the queue's workers, src/queue/sharedHosts.ts): taken
   * after this fetcher's own gate, for every request (robots.txt, redirects, retries), and given back when
   * the request ended. A HostBusyError from it rejects the fetch as it is.
   */
  sharedHosts?: HostTurns;
  /**
   * robots.txt answers shared with other processes (the queue's workers, src/queue/robotsCache.ts): an
   * origin's robots.txt is read from there, and fetched (through this fetcher, archived as any response)
   * only when none is stored; the answer is held here as long as the shared one lives. Without it an
   * origin's robots.txt is fetched once for this fetcher's life.
   */
  sharedRobots?: SharedRobots;
}

/** A robots.txt as fetched for an origin: its rules, and when it could not be read, why. */
interface RobotsAnswer {
  robotsUrl: string;
  rules: RobotsRules;
  /** The status it answered with, or null when no answer came. */
  status: number | null;
  /** The network failure that left it unread. */
  failure: NetworkError | null;
}

/** What a network failure of robots.txt is called when it gave no code (the deadline gives none). */
const failureWords: Record<NetworkFailure, { zh: string; en: string }> = {
  dns: { zh: '域名无法解析', en: 'DNS failure' },
  tls: { zh: 'TLS 失败', en: 'TLS failure' },
  connect: { zh: '连接失败', en: 'connection failed' },
  timeout: { zh: '超时', en: 'timed out' },
};

/**
 * The live fetcher's refusal of a URL on account of robots.txt. `disallowed`: the file was read and its
 * rules exclude the URL. `unreachable`: the file answered 5xx or not at all, and RFC 9309 §2.3.1.3-4 says to
 * stay out for now; the line says the file could not be fetched and why — the network error's code
 * (ENOTFOUND, ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT) or the status — and names robots.txt's address, so a
 * report names the real cause rather than blaming rules nobody read. The status or the failure is kept
 * for `sources check`.
 */
export class RobotsRefusal extends UserError {
  constructor(readonly url: string, readonly reason: 'disallowed' | 'unreachable', readonly robots: Omit<RobotsAnswer, 'rules'>) {
    super(...RobotsRefusal.lines(url, reason, robots));
  }

  private static lines(url: string, reason: RobotsRefusal['reason'], { robotsUrl, status, failure }: RobotsRefusal['robots']): [string, string] {
    if (reason === 'disallowed') return [`robots.txt 不允许抓取 ${url}`, `robots.txt disallows ${url}`];
    const cause = failure ? { zh: failure.code ?? failureWords[failure.kind].zh, en: failure.code ?? failureWords[failure.kind].en } : { zh: `HTTP ${status}`, en: `HTTP ${status}` };
    return [
      `robots.txt 无法获取（${cause.zh}）：${robotsUrl}，按 RFC 9309 暂不抓取 ${url}`,
      `robots.txt could not be fetched (${cause.en}): ${robotsUrl}; not fetching ${url} for now per RFC 9309`,
    ];
  }
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
  /** Each origin's robots.txt answer, and until when it holds (performance.now() ms; Infinity without sharedRobots). */
  private readonly robots = new Map<string, { answer: Promise<RobotsAnswer>; until: number }>();
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
    let asked = options;
    for (let hop = 0; hop <= this.options.maxRedirects; hop++) {
      if (!['http:', 'https:'].includes(current.protocol)) throw new UserError(`不支持的协议 ${current.href}`, `unsupported protocol: ${current.href}`);
      if (!options.allowPrivate) assertPublicLiteral(current);
      if (options.robots !== 'ignore') {
        const { rules, ...robots } = await this.rulesFor(current, options);
        if (!rules.isAllowed(current.href)) throw new RobotsRefusal(current.href, rules.state === 'unreachable' ? 'unreachable' : 'disallowed', robots);
      }
      // Extra headers (a rendered page's cookie, a Referer) go to the site they were meant for, never across a redirect to another.
      const sent = current.origin === new URL(url).origin ? asked : { ...asked, headers: undefined };
      const response = await this.getWithRetries(current, sent, hop === 0 ? options.conditional : undefined);
      const location = response.headers.location;
      if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
        current = new URL(location, current);
        // As browsers do (RFC 9110 §15.4): a POST redirected by 301, 302 or 303 is followed with a GET, without
        // its body; 307 and 308 repeat the POST.
        if (asked.method === 'POST' && [301, 302, 303].includes(response.status)) asked = { ...asked, method: 'GET', body: undefined, contentType: undefined };
        continue;
      }
      return response;
    }
    throw new UserError(`重定向过多（超过 ${this.options.maxRedirects} 次）：${url}`, `too many redirects (over ${this.options.maxRedirects}): ${url}`);
  }

  /**
   * The robots.txt rules of an origin: fetched once per run through the same polite, archived path, or,
   * with sharedRobots, read from the answer another process fetched and held as long as that one lives.
   */
  private rulesFor(url: URL, options: FetchOptions): Promise<RobotsAnswer> {
    const held = this.robots.get(url.origin);
    if (held && performance.now() < held.until) return held.answer;
    const robotsUrl = `${url.origin}/robots.txt`;
    const fetchRecord = () => this.fetchRobots(robotsUrl, options);
    const shared = this.options.sharedRobots;
    let ttlMs = Infinity;
    const record = shared
      ? shared.answer(url.origin, fetchRecord).then((got) => {
          ttlMs = got.ttlMs;
          return got.record;
        })
      : fetchRecord();
    const answer = record.then((got) => {
      const entry = this.robots.get(url.origin);
      if (entry?.answer === answer) entry.until = performance.now() + ttlMs;
      return this.answerOf(url, robotsUrl, got);
    });
    this.robots.set(url.origin, { answer, until: Infinity });
    // A host busy past a queue worker's wait is no answer of robots.txt: the next fetch asks again. So is,
    // with shared answers, any failure (Redis unreachable a moment): it must not keep the site shut for an hour.
    answer.catch((err: unknown) => {
      if ((err instanceof HostBusyError || shared) && this.robots.get(url.origin)?.answer === answer) this.robots.delete(url.origin);
    });
    return answer;
  }

  /** robots.txt fetched (a plain GET, whatever the request that needs its rules) and kept as a record; a network failure is an answer too. */
  private async fetchRobots(robotsUrl: string, options: FetchOptions): Promise<RobotsRecord> {
    try {
      const response = await this.getWithRetries(new URL(robotsUrl), { allowPrivate: options.allowPrivate, robots: options.robots }, undefined, this.options.robotsRetries);
      return { status: response.status, body: response.status === 200 ? robotsBody(response.body) : '', failure: null, fetchedAt: response.fetchedAt };
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err;
      return { status: null, body: '', failure: { kind: err.kind, code: err.code, url: err.url, zh: err.message, en: err.en }, fetchedAt: new Date().toISOString() };
    }
  }

  /** The rules of a record, its Crawl-delay applied to the host's spacing. */
  private answerOf(url: URL, robotsUrl: string, record: RobotsRecord): RobotsAnswer {
    const response: FetchedResponse | undefined =
      record.status === null ? undefined : { url: robotsUrl, status: record.status, headers: {}, body: Buffer.from(record.body, 'utf8'), fetchedAt: record.fetchedAt };
    const { failure } = record;
    const rules = robotsRules(robotsUrl, response, this.options.userAgent);
    const delay = rules.crawlDelayMs();
    if (delay !== undefined) {
      this.robotsDelays.set(url.host, delay);
      this.gate.pushBack(url.host);
    }
    return { robotsUrl, rules, status: record.status, failure: failure && new NetworkError(failure.zh, failure.en, failure.kind, failure.code, failure.url) };
  }

  /** One request, retried on network errors, 429 and 5xx (a POST as a GET: list APIs only read); the last response or error stands. */
  private async getWithRetries(url: URL, options: FetchOptions, conditional: FetchOptions['conditional'], retries = this.options.retries): Promise<FetchedResponse> {
    const host = url.host;
    for (let attempt = 0; ; attempt++) {
      const release = await this.gate.acquire(host);
      // Checked with the slot in hand: requests queued behind a failing one see its failure.
      if (!this.breakers.allows(host)) {
        release();
        throw new UserError(`主机 ${host} 连续失败，已暂停访问（熔断）：${url.href}`, `host ${host} failed repeatedly and is paused (circuit open): ${url.href}`);
      }
      let endTurn: (() => Promise<void>) | undefined;
      try {
        endTurn = await this.options.sharedHosts?.take(host, this.hostDelay(host));
      } catch (err) {
        release();
        throw err;
      }
      let response: FetchedResponse | undefined;
      let failure: unknown;
      try {
        this.gate.started(host);
        this.options.onRequest?.(url);
        response = await httpRequest(url, {
          userAgent: this.options.userAgent,
          timeoutMs: this.options.timeoutMs,
          deadlineMs: this.options.requestDeadlineMs,
          maxBytes: this.options.maxBytes,
          allowPrivate: options.allowPrivate,
          conditional,
          method: options.method,
          body: options.body,
          contentType: options.contentType,
          headers: options.headers,
        });
      } catch (err) {
        failure = err;
      }
      await endTurn?.();
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
      if (attempt >= retries || this.breakers.isOpen(host)) {
        if (failure) throw failure;
        return response!;
      }
      await sleep(retryDelayMs(attempt, this.options.retryBaseMs, response?.headers['retry-after']));
    }
  }
}
