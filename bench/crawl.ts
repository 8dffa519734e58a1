/**
 * npm run bench:crawl — the crawler against 500 simulated hosts on loopback (50–500 ms latency), under
 * the default politeness (one request in flight per host, 1 s from the end of one to the start of the next). Prints the pages/s reached
 * against the theoretical rate the limits allow, politeness violations as the sites saw them, and the
 * crawler's peak memory. Not a test: run it on a quiet machine.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { sourceSchema } from '../src/config/schema.ts';
import { crawlSources } from '../src/pipeline/crawl.ts';
import { LiveFetcher } from '../src/crawl/live.ts';
import { WarcWriter } from '../src/crawl/warc.ts';
import { openStore } from '../src/store/open.ts';
import { politenessViolations, startSites, type LogEntry, type Site } from './siteLog.ts';

const HOSTS = Number(process.env.HOSTS ?? 500);
const ARTICLES = Number(process.env.ARTICLES ?? 4);
const DELAY_MS = Number(process.env.DELAY_MS ?? 1000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 512);
/** A start this much closer than DELAY_MS, as the site's clock sees it, counts as a violation. */
const TOLERANCE_MS = 10;

const sitesProcess = await startSites({ HOSTS: String(HOSTS), ARTICLES: String(ARTICLES) });
const { sites } = sitesProcess;

const dir = mkdtempSync(join(tmpdir(), 'xinzhi-bench-crawl-'));
// The store commands use: SQLite in the folder, or PostgreSQL when XINZHI_STORE names one.
const store = await openStore(dir, { url: process.env.XINZHI_STORE });
const archive = new WarcWriter(join(dir, 'bench.warc.gz'));
const sources = sites.map((site, i) =>
  sourceSchema.parse({ id: `site-${i}`, name: `模拟站点${i}`, tier: 'municipal', region: '测试', homepage: `http://127.0.0.1:${site.port}/`, allowPrivate: true, entries: [{ type: 'list', url: `http://127.0.0.1:${site.port}/list/` }] }),
);
const fetcher = new LiveFetcher({
  userAgent: 'xinzhi-bench/1.0', timeoutMs: 10_000, requestDeadlineMs: 30_000, maxBytes: 1_000_000, hostDelayMs: DELAY_MS, hostConcurrency: 1, concurrency: CONCURRENCY,
  retries: 0, retryBaseMs: 100, maxRedirects: 5, breakerThreshold: 5, breakerCooldownMs: 60_000, onResponse: (r) => archive.append(r),
});

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const started = performance.now();
const cpuBefore = process.cpuUsage();
const report = await crawlSources(sources, { fetcher, store, runId: await store.startRun('2026-06-19', 'bench'), maxArticlesPerSource: 50, concurrency: CONCURRENCY, conditional: true, emptyRunsAlert: 3 });
const crawlSeconds = (performance.now() - started) / 1000;
await archive.close();
const seconds = (performance.now() - started) / 1000;
if (process.env.DETAIL) console.log(`crawl ${crawlSeconds.toFixed(2)} s, archive flushed at ${seconds.toFixed(2)} s`);
const cpu = process.cpuUsage(cpuBefore);
clearInterval(sampler);

const log = await sitesProcess.log();

// Per host, requests go one after another, each starting DELAY_MS after the previous one ended. The fastest
// the limits allow is the slowest host's chain, or the global limit, whichever is longer.
const chain = (site: Site) => site.requests * site.latencyMs + (site.requests - 1) * DELAY_MS;
const totalRequests = sites.reduce((n, s) => n + s.requests, 0);
const theoreticalSeconds = Math.max(...sites.map(chain), sites.reduce((ms, s) => ms + s.requests * s.latencyMs, 0) / CONCURRENCY) / 1000;

const violations = politenessViolations(log, DELAY_MS, TOLERANCE_MS);
const byHost = new Map<number, LogEntry[]>();
for (const entry of log) byHost.set(entry.host, [...(byHost.get(entry.host) ?? []), entry]);

const firstStart = Math.min(...log.map((e) => e.start));
const spans = [...byHost].map(([host, entries]) => ({ host, span: entries.at(-1)!.end - entries[0]!.start, chain: chain(sites[host]!), startDelay: entries[0]!.start - firstStart }));
spans.sort((a, b) => b.span + b.startDelay - (a.span + a.startDelay));
if (process.env.DETAIL) for (const s of spans.slice(0, 5)) console.log(`host ${s.host}: first request after ${(s.startDelay / 1000).toFixed(2)} s, span ${(s.span / 1000).toFixed(2)} s (chain ${(s.chain / 1000).toFixed(2)} s)`);
if (process.env.DETAIL) {
  const gaps = [...byHost.values()].flatMap((entries) => entries.slice(1).map((e, i) => e.start - entries[i]!.end)).sort((a, b) => a - b);
  const q = (p: number) => gaps[Math.floor(p * (gaps.length - 1))]!.toFixed(0);
  const worst = spans[0]!;
  console.log(byHost.get(worst.host)!.map((e) => `${e.path} ${(e.start - firstStart).toFixed(0)}–${(e.end - firstStart).toFixed(0)}`).join(' | '));
  console.log(`gap from a response's end to the next start on its host: p10 ${q(0.1)} ms, p50 ${q(0.5)} ms, p90 ${q(0.9)} ms, max ${q(1)} ms`);
}
const rate = log.length / seconds;
const theoreticalRate = totalRequests / theoreticalSeconds;
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`hosts ${HOSTS} · latency 50–500 ms · ${ARTICLES + 2} requests per host (robots.txt, list, ${ARTICLES} articles) · host delay ${DELAY_MS} ms · 1 in flight per host · global ${CONCURRENCY}`);
console.log(`requests ${log.length} (expected ${totalRequests}) · documents ${report.documentsKept} · failures ${report.failures.length}`);
console.log(`time ${seconds.toFixed(2)} s · theoretical ${theoreticalSeconds.toFixed(2)} s`);
console.log(`pages/s ${rate.toFixed(1)} · theoretical ${theoreticalRate.toFixed(1)} · ${((rate / theoreticalRate) * 100).toFixed(1)}% of the limit`);
console.log(`politeness violations ${violations} (two in flight, or starts closer than ${DELAY_MS} − ${TOLERANCE_MS} ms, as the sites saw them)`);
if (process.env.DETAIL) console.log(`event loop delay p50 ${(loopDelay.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms`);
console.log(`peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB · crawler CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
await store.close();
rmSync(dir, { recursive: true, force: true });
