/**
 * npm run bench:scale — issue 18's benchmark, not a test. HOSTS simulated hosts on loopback
 * (bench/crawlSites.ts: 50–500 ms latency per host, ARTICLES article pages each, a list and robots.txt)
 * crawled for one issue, two ways, on fresh sites each time:
 *
 * 1. single — `xinzhi run` in one process on SQLite, the embedded default;
 * 2. queue  — `xinzhi jobs enqueue` and WORKERS `xinzhi worker` processes on PostgreSQL and Redis, one
 *    of them killed (SIGKILL) every KILL_EVERY_MS and started again.
 *
 * Both are the real commands on one config (a catalog of HOSTS sources, crawl.concurrency CONCURRENCY per
 * process, hostDelayMs DELAY_MS). Printed side by side: pages/s (requests the sites answered ÷ time),
 * documents/s, time to the written issue, politeness violations as the sites logged them, jobs lost (pages
 * neither stored nor in the dead-letter list), duplicate documents (rows beyond one per page address), pages
 * fetched more than once, and the ceiling the politeness rule allows on these hosts.
 *
 * Settings by environment: HOSTS (2000), ARTICLES (3), DELAY_MS (1000), WORKERS (3), CONCURRENCY (200),
 * KILL_EVERY_MS (30000; 0: none), LOCK_MS (10000: how soon a killed worker's jobs come back), DEADLINE_MS
 * (900000 per way), WAYS (single,queue), PG_URL, REDIS_URL, FLAKY_EVERY / BROKEN_EVERY (0: off; see
 * crawlSites.ts). The machine and its load are printed with the figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { QUEUE_NAME, jobIds } from '../src/queue/jobs.ts';
import { openStore } from '../src/store/open.ts';
import { politenessCeiling, politenessViolations, startSites, type LogEntry, type Site } from './siteLog.ts';

const env = process.env;
const HOSTS = Number(env.HOSTS ?? 2000);
const ARTICLES = Number(env.ARTICLES ?? 3);
const DELAY_MS = Number(env.DELAY_MS ?? 1000);
const WORKERS = Number(env.WORKERS ?? 3);
const CONCURRENCY = Number(env.CONCURRENCY ?? 200);
const KILL_EVERY_MS = Number(env.KILL_EVERY_MS ?? 30_000);
const LOCK_MS = Number(env.LOCK_MS ?? 10_000);
const DEADLINE_MS = Number(env.DEADLINE_MS ?? 900_000);
const WAYS = (env.WAYS ?? 'single,queue').split(',');
const PG_URL = env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The two clocks (the lease's, the site's) are read at different moments. */
const TOLERANCE_MS = 10;
/** The sample day's issue: crawlSites lists its articles on 2026-06-18. */
const DATE = '2026-06-19';

const repoRoot = new URL('..', import.meta.url).pathname;
const cli = join(repoRoot, 'bin', 'xinzhi.js');
const work = mkdtempSync(join(tmpdir(), 'xinzhi-bench-scale-'));
const schema = `xz_bench_scale_${process.pid}`;
const prefix = `xinzhi-bench-scale-${process.pid}`;

/** One way's figures. */
interface Result {
  way: string;
  seconds: number;
  crawlSeconds: number;
  requests: number;
  documents: number;
  urls: number;
  violations: number;
  lost: number;
  refetched: number;
  deadPages: number;
  kills: number;
  exit: string;
}

/** The config of both ways: the shipped one, its catalog replaced by the simulated hosts, its limits set. */
function writeConfig(sites: readonly Site[], dir: string, store: string | null): string {
  cpSync(join(repoRoot, 'config'), join(dir, 'config'), { recursive: true });
  const catalog = join(dir, 'catalog.yaml');
  writeFileSync(
    catalog,
    sites.map((site, i) => `- { id: site-${i}, name: 模拟站点${i}经济和信息化局, tier: municipal, region: 测试, homepage: "http://127.0.0.1:${site.port}/", allowPrivate: true, entries: [{ type: list, url: "http://127.0.0.1:${site.port}/list/" }] }\n`).join(''),
  );
  const file = join(dir, 'config', 'xinzhi.yaml');
  const text = readFileSync(file, 'utf8')
    .replace(/^sources: sources /m, `sources: ${catalog} `)
    .replace(/hostDelayMs: \d+/, `hostDelayMs: ${DELAY_MS}`)
    .replace(/concurrency: \d+/, `concurrency: ${CONCURRENCY}`)
    // A killed worker's host lease is free after the request deadline: kept near the lock.
    .replace(/requestDeadlineMs: \d+/, `requestDeadlineMs: ${LOCK_MS}`)
    .replace(/formats: \[[^\]]*\]/, 'formats: [json, md]');
  const extra = store ? `\nstore: ${store}\nqueue:\n  redis: ${REDIS_URL}\n  prefix: ${prefix}\n  lockMs: ${LOCK_MS}\n` : '';
  writeFileSync(file, text + extra);
  return file;
}

/** Runs the CLI to its end; resolves to its exit code and output. */
function runCli(args: readonly string[], extraEnv: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...env, XINZHI_STORE: '', ...extraEnv } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Requests of a page path answered 200 more than once: fetched again after a kill or a retry. */
function refetched(log: readonly LogEntry[]): number {
  const ok = new Map<string, number>();
  for (const e of log) if (e.status === 200 && e.path.startsWith('/a/')) ok.set(`${e.host}${e.path}`, (ok.get(`${e.host}${e.path}`) ?? 0) + 1);
  return [...ok.values()].reduce((n, c) => n + c - 1, 0);
}

/** Documents in the store and distinct addresses among them. */
async function countDocuments(dataDir: string, url: string | undefined): Promise<{ documents: number; urls: number }> {
  const store = await openStore(dataDir, { url });
  try {
    let documents = 0;
    const seen = new Set<string>();
    for (const doc of await store.documentsPublishedBetween(new Date('2026-06-17T16:00:00Z'), new Date('2026-06-18T16:00:00Z'))) {
      documents++;
      seen.add(doc.url);
    }
    return { documents, urls: seen.size };
  } finally {
    await store.close();
  }
}

const expectedPages = HOSTS * ARTICLES;
/** The simulated hosts as the last way saw them (the same latencies each time). */
let sitesSeen: Site[] = [];

async function single(): Promise<Result> {
  const sites = await startSites({ HOSTS: String(HOSTS), ARTICLES: String(ARTICLES), FLAKY_EVERY: env.FLAKY_EVERY ?? '0', BROKEN_EVERY: env.BROKEN_EVERY ?? '0' });
  sitesSeen = sites.sites;
  const dir = join(work, 'single');
  const config = writeConfig(sites.sites, dir, null);
  const started = performance.now();
  const run = await runCli(['run', '--date', DATE, '--config', config, '--data', join(dir, 'data'), '--out', join(dir, 'out'), '--json']);
  const seconds = (performance.now() - started) / 1000;
  const log = await sites.log();
  const summary = run.stdout ? (JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { seconds?: { crawl?: number } }) : {};
  const counted = await countDocuments(join(dir, 'data'), undefined);
  return {
    way: 'single process, SQLite',
    seconds,
    crawlSeconds: summary.seconds?.crawl ?? NaN,
    requests: log.length,
    ...counted,
    violations: politenessViolations(log, DELAY_MS, TOLERANCE_MS),
    lost: expectedPages - counted.urls,
    refetched: refetched(log),
    deadPages: 0,
    kills: 0,
    exit: `exit ${run.code}${run.code === 0 ? '' : `: ${run.stderr.trim().split('\n').at(-1)}`}`,
  };
}

/** The worker processes: started, one killed every KILL_EVERY_MS and replaced, stopped. */
class Crew {
  private readonly workers: ChildProcess[] = [];
  kills = 0;
  constructor(private readonly args: readonly string[]) {}
  start(): void {
    const child = spawn(process.execPath, [cli, 'worker', '--json', ...this.args], { env: { ...env, XINZHI_STORE: '' }, stdio: ['ignore', 'ignore', 'inherit'] });
    this.workers.push(child);
  }
  killOne(): void {
    const victim = this.workers.shift();
    if (!victim) return;
    victim.kill('SIGKILL');
    this.kills++;
    this.start();
  }
  async stop(): Promise<void> {
    await Promise.all(this.workers.map((child) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM'))))));
  }
}

async function queued(): Promise<Result> {
  const sites = await startSites({ HOSTS: String(HOSTS), ARTICLES: String(ARTICLES), FLAKY_EVERY: env.FLAKY_EVERY ?? '0', BROKEN_EVERY: env.BROKEN_EVERY ?? '0' });
  sitesSeen = sites.sites;
  const dir = join(work, 'queue');
  const storeUrl = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}`;
  const config = writeConfig(sites.sites, dir, storeUrl);
  const args = ['--config', config, '--data', join(dir, 'data')];
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE_NAME, { connection: redis, prefix });
  const crew = new Crew([...args, '--out', join(dir, 'out')]);
  const started = performance.now();
  const enqueued = await runCli(['jobs', 'enqueue', '--date', DATE, ...args]);
  if (enqueued.code !== 0) throw new Error(`enqueue failed: ${enqueued.stderr}`);
  for (let i = 0; i < WORKERS; i++) crew.start();
  let nextKill = performance.now() + KILL_EVERY_MS;
  let crawlSeconds = NaN;
  let state = 'unknown';
  while (performance.now() - started < DEADLINE_MS) {
    await sleep(500);
    if (KILL_EVERY_MS > 0 && performance.now() >= nextKill) {
      crew.killOne();
      nextKill += KILL_EVERY_MS;
    }
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'waiting-children', 'prioritized');
    const pending = (state: string) => counts[state] ?? 0;
    // The crawl is done when only the brief is left (waiting or running): no page or source job in any state.
    if (Number.isNaN(crawlSeconds) && pending('waiting-children') === 0 && pending('waiting') + pending('active') + pending('delayed') + pending('prioritized') <= 1) crawlSeconds = (performance.now() - started) / 1000;
    state = await queue.getJobState(jobIds.brief(DATE));
    if (state === 'completed' || state === 'failed') break;
  }
  const seconds = (performance.now() - started) / 1000;
  await crew.stop();
  const failed = await queue.getFailed();
  const deadPages = new Set(failed.filter((job) => job.name === 'fetch-page').map((job) => (job.data as { url: string }).url));
  await queue.obliterate({ force: true });
  await queue.close();
  // What BullMQ does not own: host leases and shared robots.txt answers (they expire, an hour at most).
  const leftover = await redis.keys(`${prefix}:*`);
  if (leftover.length) await redis.del(...leftover);
  redis.disconnect();
  const log = await sites.log();
  const counted = await countDocuments(join(dir, 'data'), storeUrl);
  return {
    way: `${WORKERS} workers, PostgreSQL + Redis`,
    seconds,
    crawlSeconds,
    requests: log.length,
    ...counted,
    violations: politenessViolations(log, DELAY_MS, TOLERANCE_MS),
    lost: expectedPages - counted.urls - deadPages.size,
    refetched: refetched(log),
    deadPages: deadPages.size,
    kills: crew.kills,
    exit: `brief job ${state}`,
  };
}

const load = loadavg()[0]!.toFixed(1);
const results: Result[] = [];
try {
  for (const way of WAYS) results.push(way === 'queue' ? await queued() : await single());
} finally {
  const db = new pg.Client({ connectionString: PG_URL });
  await db.connect();
  await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await db.end();
  rmSync(work, { recursive: true, force: true });
}

const rows: [string, (r: Result) => string][] = [
  ['time to the written issue, s', (r) => r.seconds.toFixed(1)],
  ['crawl drained, s', (r) => r.crawlSeconds.toFixed(1)],
  ['requests the sites answered', (r) => String(r.requests)],
  ['pages/s (requests ÷ crawl time)', (r) => (r.requests / r.crawlSeconds).toFixed(1)],
  ['documents stored', (r) => String(r.documents)],
  ['documents/s (÷ crawl time)', (r) => (r.documents / r.crawlSeconds).toFixed(1)],
  ['politeness violations (sites saw)', (r) => String(r.violations)],
  ['jobs lost (pages neither stored nor dead)', (r) => String(r.lost)],
  ['duplicate documents (rows − addresses)', (r) => String(r.documents - r.urls)],
  ['pages fetched more than once', (r) => String(r.refetched)],
  ['dead letters (pages)', (r) => String(r.deadPages)],
  ['workers killed', (r) => String(r.kills)],
  ['outcome', (r) => r.exit],
];
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${load} at start`);
console.log(`hosts ${HOSTS} · ${ARTICLES} articles each (+ list, robots.txt) · latency 50–500 ms · host delay ${DELAY_MS} ms · concurrency ${CONCURRENCY} per process · kill every ${KILL_EVERY_MS / 1000} s`);
const width = Math.max(...rows.map(([label]) => label.length));
console.log(`${''.padEnd(width)}  ${results.map((r) => r.way.padEnd(34)).join('')}`);
for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${results.map((r) => value(r).padEnd(34)).join('')}`);
// The sites' latencies come from a seeded generator: every way crawled the same ones.
const limit = politenessCeiling(sitesSeen, DELAY_MS);
console.log(`ceiling the politeness rule allows on these hosts: ${limit.toFixed(0)} pages/s (Σ 1 / (delay + latency)); a host's ${ARTICLES + 2} requests take at least ${(((ARTICLES + 2) * (DELAY_MS + 500) - DELAY_MS) / 1000).toFixed(1)} s at the slowest latency`);
