import { t, type Lang } from '../util/i18n.ts';
/** Counters of a crawl in progress, for the live display and the plain log. */
export class CrawlProgress {
  sourcesDone = 0;
  pagesFetched = 0;
  bytes = 0;
  errors = 0;
  private readonly hostMs = new Map<string, { total: number; count: number }>();
  private readonly started = new Map<string, number[]>();

  constructor(readonly sourcesTotal: number, private readonly now: () => number = Date.now) {}

  requestStarted(url: URL): void {
    const starts = this.started.get(url.href) ?? [];
    starts.push(this.now());
    this.started.set(url.href, starts);
  }

  responded(url: string, bytes: number): void {
    this.pagesFetched++;
    this.bytes += bytes;
    const start = this.started.get(url)?.shift();
    if (start === undefined) return;
    const host = new URL(url).host;
    const entry = this.hostMs.get(host) ?? { total: 0, count: 0 };
    entry.total += this.now() - start;
    entry.count++;
    this.hostMs.set(host, entry);
  }

  /** Hosts by mean response time, slowest first. */
  slowestHosts(limit: number): { host: string; meanMs: number }[] {
    return [...this.hostMs]
      .map(([host, { total, count }]) => ({ host, meanMs: Math.round(total / count) }))
      .sort((a, b) => b.meanMs - a.meanMs)
      .slice(0, limit);
  }

  line(lang: Lang = 'zh'): string {
    const slow = this.slowestHosts(3).map((h) => `${h.host} ${h.meanMs}ms`).join(', ');
    return t(lang, 'progressLine', this.sourcesDone, this.sourcesTotal, this.pagesFetched, (this.bytes / 1024 / 1024).toFixed(1), this.errors) + (slow ? t(lang, 'progressSlow', slow) : '');
  }
}
