import type { Config, Source } from '../config/schema.ts';
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

/** The live fetcher as the config's crawl settings and the catalog's per-source overrides describe it. */
export function liveFetcherFromConfig(crawl: Config['crawl'], sources: readonly Source[], hooks: Pick<LiveFetcherOptions, 'onResponse' | 'onRequest'> = {}): LiveFetcher {
  return new LiveFetcher({ ...crawl, hostDelays: hostDelaysOf(sources), ...hooks });
}
