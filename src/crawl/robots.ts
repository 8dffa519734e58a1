import { createRequire } from 'node:module';
import type { FetchedResponse } from '../domain/response.ts';
import type { NetworkFailure } from './http.ts';

// robots-parser is CommonJS whose types claim an ES default export; require gives the function itself.
const robotsParser = createRequire(import.meta.url)('robots-parser') as typeof import('robots-parser').default;

export interface RobotsRules {
  /**
   * Where the rules come from, as RFC 9309 §2.3.1 names the cases: `read` the file answered 200 and these
   * are its rules; `unavailable` it answered 4xx (or a redirect): no rules, all allowed; `unreachable` a
   * server error or no answer: everything disallowed for now. Says why a URL is refused.
   */
  readonly state: 'read' | 'unavailable' | 'unreachable';
  isAllowed(url: string): boolean;
  /** Crawl-delay in milliseconds, when the site asks for one. */
  crawlDelayMs(): number | undefined;
}

const allowAll: RobotsRules = { state: 'unavailable', isAllowed: () => true, crawlDelayMs: () => undefined };
const disallowAll: RobotsRules = { state: 'unreachable', isAllowed: () => false, crawlDelayMs: () => undefined };

/**
 * Rules from a robots.txt response, as RFC 9309 reads them: a 4xx means no rules, a server error or an
 * unreachable file means stay out for now.
 */
export function robotsRules(robotsUrl: string, response: FetchedResponse | undefined, userAgent: string): RobotsRules {
  if (!response || robotsUnreachable(response.status)) return disallowAll;
  // A 4xx means the file is unavailable: no rules. So does a redirect, which is not followed here (RFC 9309
  // lets a crawler read a redirect it does not follow as unavailable).
  if (response.status !== 200) return allowAll;
  const parsed = robotsParser(robotsUrl, response.body.toString('utf8'));
  // Groups name a crawler by its product token, not the whole User-Agent line.
  const token = userAgent.split(/[\s/]/)[0] ?? userAgent;
  return {
    state: 'read',
    isAllowed: (url) => parsed.isAllowed(url, token) !== false,
    crawlDelayMs: () => {
      const seconds = parsed.getCrawlDelay(token);
      return seconds === undefined ? undefined : seconds * 1000;
    },
  };
}

/**
 * Whether a robots.txt that answered `status` (null: no answer at all) counts as unreachable — everything
 * disallowed for now (RFC 9309 §2.3.1.4) — rather than read or unavailable. robotsRules and the shared
 * cache's short memory of such answers (src/queue/robotsCache.ts) both go by it.
 */
export function robotsUnreachable(status: number | null): boolean {
  return status === null || status >= 500;
}

/**
 * A robots.txt answer as it can be kept and handed to another process: enough to read the same rules
 * again with robotsRules, and to name the cause when the file could not be fetched.
 */
export interface RobotsRecord {
  /** The status it answered with, or null when no answer came. */
  status: number | null;
  /** The body as UTF-8 text (robotsRules reads it so), only for a 200, cut as robotsBody says; '' otherwise. */
  body: string;
  /** The network failure that left it unread: NetworkError's kind, code, address and lines. */
  failure: { kind: NetworkFailure; code: string | null; url: string; zh: string; en: string } | null;
  /** When it was fetched: ISO 8601, UTC. */
  fetchedAt: string;
}

/**
 * What of robots.txt's body is kept for its rules, in bytes: RFC 9309 §2.5 has a crawler parse at least
 * 500 KiB and lets it ignore the rest, and a record of every origin's file sits in the queue's Redis.
 */
export const ROBOTS_MAX_BYTES = 500 * 1024;

/** A 200 body as a record keeps it: UTF-8 text, cut at its last line end within ROBOTS_MAX_BYTES (a rule cut half way would mean another). */
export function robotsBody(body: Buffer): string {
  if (body.length <= ROBOTS_MAX_BYTES) return body.toString('utf8');
  const cut = body.subarray(0, ROBOTS_MAX_BYTES);
  const end = cut.lastIndexOf(0x0a);
  return cut.subarray(0, end < 0 ? 0 : end + 1).toString('utf8');
}

/**
 * robots.txt answers shared by several fetchers (the queue's workers, src/queue/robotsCache.ts), so that
 * a host is asked for its robots.txt once per period across them all rather than once by each.
 */
export interface SharedRobots {
  /**
   * The answer of `origin`'s robots.txt (`https://host:port`): one that another fetcher stored and that is
   * still fresh, or else the one `fetch` gives (it fetches through the caller's polite, archived path),
   * then stored for the others. `ttlMs` is how long, from now, the caller may go on using it without asking
   * again. Rejects with what `fetch` rejects with (nothing is stored then), or with what the store throws
   * when reading.
   */
  answer(origin: string, fetch: () => Promise<RobotsRecord>): Promise<{ record: RobotsRecord; ttlMs: number }>;
}
