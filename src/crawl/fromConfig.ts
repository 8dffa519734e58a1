import type { Config, Source } from '../config/schema.ts';
import { BrowserFetcher, type BrowserFetcherOptions } from './browser.ts';
import type { Fetcher } from './fetcher.ts';
import { LiveFetcher, type LiveFetcherOptions } from './live.ts';

/** Per-host spacing that sources asked for, keyed by the hosts of their entry points. */
function hostDelaysOf(sources: readonly Source[]): Map<string, number> {
  const delays = new Map<string, number>();
  for (const source of sources) {
    if (source.hostDelayMs === undefined) continue;
    for (const entry of source.entries) delays.set(new URL(entry.url).host, source.hostDelayMs);
  }
  return delays;
}

/**
 * The live fetcher as the config's crawl settings and the catalog's per-source overrides describe it;
 * `hooks` add the archive, the progress display and, in a queue worker, the turns at hosts shared with
 * the other workers, robots.txt's answers shared with them and its own retries (LiveFetcherOptions.sharedHosts,
 * sharedRobots, robotsRetries).
 */
export function liveFetcherFromConfig(crawl: Config['crawl'], sources: readonly Source[], hooks: Pick<LiveFetcherOptions, 'onResponse' | 'onRequest' | 'sharedHosts' | 'sharedRobots' | 'robotsRetries'> = {}): LiveFetcher {
  return new LiveFetcher({ ...crawl, hostDelays: hostDelaysOf(sources), ...hooks });
}

/**
 * Page time for a browser rendering, in requests' timeouts: a list page is its document, a few scripts and
 * the JSON they read, each waiting out the host's spacing (a Crawl-delay of several seconds on some sites).
 */
const PAGE_TIMEOUTS = 6;

/**
 * The browser fetch of the `fetch: browser` sources' list pages over `inner` (the live fetcher), with the
 * config's limits: a page has PAGE_TIMEOUTS × crawl.timeoutMs (2 minutes by default) and crawl.maxBytes
 * for all its responses. The caller closes it at the end of the run.
 */
export function browserFetcherFromConfig(crawl: Config['crawl'], inner: Fetcher, hooks: Pick<BrowserFetcherOptions, 'onRendered'> = {}): BrowserFetcher {
  return new BrowserFetcher(inner, { pageTimeoutMs: PAGE_TIMEOUTS * crawl.timeoutMs, maxBytes: crawl.maxBytes, ...hooks });
}
