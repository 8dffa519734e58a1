import { createRequire } from 'node:module';
import type { FetchedResponse } from '../domain/response.ts';

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
  if (!response || response.status >= 500) return disallowAll;
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
