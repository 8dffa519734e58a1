/**
 * The simulated sites of the crawl benchmarks (bench/crawlSites.ts, run as a process of their own) seen
 * from the benchmark: start them, read back every request they logged, and count the requests that broke
 * xinzhi's politeness rule (src/crawl/politeness.ts) as the sites saw them. bench:crawl, bench:queue and
 * bench:scale share these, so the three count alike.
 */
import { fork } from 'node:child_process';

/** One simulated host: its port, its fixed latency, and the requests a crawl makes of it (robots.txt, the list, its articles). */
export interface Site {
  port: number;
  latencyMs: number;
  requests: number;
}

/** One request as a site logged it: which host, which path, start and end (ms since the epoch), status. */
export interface LogEntry {
  host: number;
  path: string;
  start: number;
  end: number;
  status: number;
}

/** The simulated sites, started with `env` (HOSTS, ARTICLES, LATENCY_MIN/MAX, FLAKY_EVERY, BROKEN_EVERY: see crawlSites.ts). */
export interface SiteProcess {
  sites: Site[];
  /** Every request logged so far; the sites close after answering. */
  log(): Promise<LogEntry[]>;
}

export async function startSites(env: Record<string, string>): Promise<SiteProcess> {
  const child = fork(new URL('./crawlSites.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env } });
  const sites = await new Promise<Site[]>((resolve) => child.on('message', (m: { type: string; sites?: Site[] }) => m.type === 'ready' && resolve(m.sites!)));
  return {
    sites,
    log: () => {
      const received = new Promise<LogEntry[]>((resolve) => child.on('message', (m: { type: string; log?: LogEntry[] }) => m.type === 'log' && resolve(m.log!)));
      child.send({ type: 'log' });
      return received;
    },
  };
}

/**
 * Requests that broke the rule as the sites saw them: two in flight to one host, or a start less than
 * `delayMs` (less `toleranceMs`, for the two clocks) after the previous request to the host ended.
 */
export function politenessViolations(log: readonly LogEntry[], delayMs: number, toleranceMs: number): number {
  const byHost = new Map<number, LogEntry[]>();
  for (const entry of log) byHost.set(entry.host, [...(byHost.get(entry.host) ?? []), entry]);
  let count = 0;
  for (const entries of byHost.values()) {
    entries.sort((a, b) => a.start - b.start);
    for (let i = 1; i < entries.length; i++) {
      const [previous, current] = [entries[i - 1]!, entries[i]!];
      if (current.start < previous.end || current.start - previous.end < delayMs - toleranceMs) count++;
    }
  }
  return count;
}

/**
 * The most pages per second the politeness rule allows over these sites: each host one request at a time,
 * the next `delayMs` after the previous one's end, so a host gives 1 / (delay + latency) pages a second.
 */
export function politenessCeiling(sites: readonly Site[], delayMs: number): number {
  return sites.reduce((sum, site) => sum + 1000 / (delayMs + site.latencyMs), 0);
}
