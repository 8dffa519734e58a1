import { createRequire } from 'node:module';
import type { FetchedResponse } from './warc.ts';

// robots-parser is CommonJS whose types claim an ES default export; require gives the function itself.
const robotsParser = createRequire(import.meta.url)('robots-parser') as typeof import('robots-parser').default;

export interface RobotsRules {
  isAllowed(url: string): boolean;
  /** Crawl-delay in milliseconds, when the site asks for one. */
  crawlDelayMs(): number | undefined;
}

const allowAll: RobotsRules = { isAllowed: () => true, crawlDelayMs: () => undefined };
const disallowAll: RobotsRules = { isAllowed: () => false, crawlDelayMs: () => undefined };

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
    isAllowed: (url) => parsed.isAllowed(url, token) !== false,
    crawlDelayMs: () => {
      const seconds = parsed.getCrawlDelay(token);
      return seconds === undefined ? undefined : seconds * 1000;
    },
  };
}
