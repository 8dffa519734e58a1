/**
 * npm run bench:queue — the job queue engines of issue 18 side by side on one workload: BullMQ 6 on Redis
 * and pg-boss 10 on PostgreSQL (both servers on this machine). For each engine:
 *
 * 1. The engine alone: NOOP_JOBS jobs that do nothing, through WORKERS worker processes.
 * 2. The crawl: HOSTS simulated hosts on loopback (bench/crawlSites.ts, latency 50–500 ms per host) with
 *    PAGES pages each, one "fetch page" job per page, enqueued at once in a shuffled order. WORKERS
 *    worker processes (bench/queueWorker.ts) each hold CONCURRENCY jobs at a time; every KILL_EVERY_MS one
 *    is killed (SIGKILL) and a new one started. Politeness — one request in flight per host, starts
 *    DELAY_MS after the previous start and end — is held by a lease per host in the engine's own store
 *    (src/queue/hostLease.ts in Redis, src/store/hostLeasePg.ts in PostgreSQL). Every FLAKY_EVERY-th page
 *    answers 503 once (a retry with backoff), every BROKEN_EVERY-th always 500 (a dead letter).
 *
 * The sites record every request, so politeness violations are counted as the sites saw them. Pages are
 * stored idempotently in PostgreSQL (bench/queuePages.ts): a job lost is one neither stored nor in the
 * dead-letter list; a duplicate completion is a job whose page was stored and that ran again. CPU is
 * read from /proc for the workers and for the Redis and PostgreSQL servers (machine-wide). Not a test:
 * run it on a quiet machine; the machine's load is printed with the figures.
 *
 * Settings by environment: HOSTS (1000), PAGES (6), DELAY_MS (1000), WORKERS (3), CONCURRENCY (200 per
 * worker), KILL_EVERY_MS (5000; 0: none), NOOP_JOBS (10000), FLAKY_EVERY (50), BROKEN_EVERY (500),
 * RECOVERY_MS (10000), DEADLINE_MS (120000 per crawl), ENGINES (bullmq,pgboss), PROBE_BACKLOG (off; e.g.
 * 1000,10000,100000), REDIS_URL, PG_URL, DETAIL=1 (engine errors), WORKER_PROF=1 (CPU profiles of the
 * workers in the temporary folder).
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pg from 'pg';
import { PgHostLease } from '../src/store/hostLeasePg.ts';
import { politenessViolations, startSites } from './siteLog.ts';
import { openEngine, type Engine, type EngineName, type EngineSettings, type PageJob } from './queueEngines.ts';
import { dropPages, resetPages, storedPages } from './queuePages.ts';
import { LEASE_PREFIX, LEASE_TABLE, toEnv, type CoordinatorMessage, type WorkerMessage, type WorkerSettings } from './queueProtocol.ts';

const env = process.env;
const HOSTS = Number(env.HOSTS ?? 1000);
const PAGES = Number(env.PAGES ?? 6);
const DELAY_MS = Number(env.DELAY_MS ?? 1000);
const WORKERS = Number(env.WORKERS ?? 3);
const CONCURRENCY = Number(env.CONCURRENCY ?? 200);
const KILL_EVERY_MS = Number(env.KILL_EVERY_MS ?? 5000);
const NOOP_JOBS = Number(env.NOOP_JOBS ?? 10_000);
const FLAKY_EVERY = Number(env.FLAKY_EVERY ?? 50);
const BROKEN_EVERY = Number(env.BROKEN_EVERY ?? 500);
/** A phase not drained by then is stopped, and what is left counts as lost. */
const DEADLINE_MS = Number(env.DEADLINE_MS ?? 120_000);
/** Optional: ready backlogs at which to time handing out jobs (e.g. 1000,10000,100000); off by default. */
const PROBE_BACKLOG = (env.PROBE_BACKLOG ?? '').split(',').filter(Boolean).map(Number);
const ENGINES = (env.ENGINES ?? 'bullmq,pgboss').split(',') as EngineName[];
/** A start this much closer than DELAY_MS, as a site's clock sees it, counts as a violation. */
const TOLERANCE_MS = 10;
const settings: EngineSettings = {
  redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  pgUrl: env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  attempts: 3,
  backoffMs: 1000,
  recoveryMs: Number(env.RECOVERY_MS ?? 10_000),
};
const REQUEST_TIMEOUT_MS = 5000;
const LEASE_MS = REQUEST_TIMEOUT_MS + 1000;
const LABEL: Record<EngineName, string> = { bullmq: 'BullMQ 6.7.0 (Redis)', pgboss: 'pg-boss 10.4.2 (PostgreSQL)' };

/** The worker processes of one phase: started, killed and replaced, stopped; their messages tallied. */
class Crew {
  readonly children: { child: ChildProcess; inHand: Set<string>; cpuAtReady?: number }[] = [];
  /** CPU seconds of killed workers between their "ready" and their death. */
  private killedCpu = 0;
  /** Jobs in hand in a killed worker, by key: when it was killed. */
  private readonly orphans = new Map<string, number>();
  readonly redelivered: number[] = [];
  readonly counts = { start: 0, done: 0, repeat: 0, defer: 0, fail: 0, orphaned: 0 };
  kills = 0;
  private running = false;

  constructor(private readonly base: Omit<WorkerSettings, 'workerId'>) {}

  /** Starts the workers and, once all are connected, lets them go together; returns when they are off. */
  async start(count: number): Promise<void> {
    const ready = Array.from({ length: count }, (_, i) => this.spawn(i));
    await Promise.all(ready);
    this.running = true;
    for (const { child } of this.children) send(child, { t: 'go' });
  }

  private spawn(slot: number): Promise<void> {
    const child = fork(new URL('./queueWorker.ts', import.meta.url), [], { execArgv: ['--import', 'tsx', ...(env.WORKER_PROF ? ['--cpu-prof', `--cpu-prof-dir=${join(tmpdir(), 'xinzhi-bench-queue-prof')}`] : [])], env: { ...env, ...toEnv({ ...this.base, workerId: `w${slot}-${this.kills}` }) } });
    const entry: Crew['children'][number] = { child, inHand: new Set<string>() };
    this.children[slot] = entry;
    return new Promise((resolve) => {
      child.on('message', (messages: WorkerMessage[]) => messages.forEach((message) => {
        if (message.t === 'ready') {
          entry.cpuAtReady = processCpu(child.pid);
          if (this.running) send(child, { t: 'go' });
          resolve();
        } else if (message.t === 'start') {
          this.counts.start++;
          entry.inHand.add(message.key);
          const killedAt = this.orphans.get(message.key);
          if (killedAt !== undefined) {
            this.redelivered.push(Date.now() - killedAt);
            this.orphans.delete(message.key);
          }
        } else {
          this.counts[message.outcome]++;
          entry.inHand.delete(message.key);
        }
      }));
    });
  }

  /** Kills the next worker in turn and starts another in its place. */
  kill(): void {
    const slot = this.kills % this.children.length;
    const { child, inHand, cpuAtReady } = this.children[slot]!;
    if (cpuAtReady !== undefined) this.killedCpu += processCpu(child.pid) - cpuAtReady;
    child.kill('SIGKILL');
    for (const key of inHand) this.orphans.set(key, Date.now());
    this.counts.orphaned += inHand.size;
    this.kills++;
    void this.spawn(slot);
  }

  /** Lets the workers finish what they hold and exit; kills any still there after 15 s. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(
      this.children.map(({ child }) => {
        if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        send(child, { t: 'stop' });
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        return exited.finally(() => clearTimeout(timer));
      }),
    );
  }

  /** CPU seconds the workers spent since they were ready (their start-up left out), the killed ones included. */
  cpu(): number {
    return this.children.reduce((sum, { child, cpuAtReady }) => sum + (cpuAtReady === undefined ? 0 : processCpu(child.pid) - cpuAtReady), this.killedCpu);
  }
}

function send(child: ChildProcess, message: CoordinatorMessage): void {
  if (child.connected) child.send(message);
}

/** Waits until the engine has nothing waiting, delayed or active, or the deadline; returns the seconds taken. */
async function drain(engine: Engine, started: number, onTick?: () => void): Promise<{ seconds: number; drained: boolean }> {
  for (;;) {
    // Not faster: counting pg-boss's unfinished jobs costs PostgreSQL a few ms.
    await sleep(250);
    onTick?.();
    const seconds = (performance.now() - started) / 1000;
    if ((await engine.unfinished()) === 0) return { seconds, drained: true };
    if (seconds * 1000 > DEADLINE_MS) return { seconds, drained: false };
  }
}

/** The engine alone: jobs that do nothing. */
async function noopPhase(name: EngineName) {
  const engine = await openEngine(name, 'noop', settings);
  await engine.reset();
  const jobs = Array.from({ length: NOOP_JOBS }, (_, i): PageJob => ({ key: `noop-${i}`, host: 0, page: i, port: 0, enqueuedAt: Date.now() }));
  const enqueueStarted = performance.now();
  await engine.enqueue(jobs);
  const enqueueSeconds = (performance.now() - enqueueStarted) / 1000;
  const crew = new Crew(workerSettings(name, 'noop'));
  await crew.start(WORKERS);
  const servers = serverMeter();
  const { seconds, drained } = await drain(engine, performance.now());
  const cpu = { workers: crew.cpu(), ...servers() };
  await crew.stop();
  await engine.destroy();
  return { enqueuePerSecond: NOOP_JOBS / enqueueSeconds, jobsPerSecond: drained ? NOOP_JOBS / seconds : NaN, noopCpu: perThousand(cpu, NOOP_JOBS) };
}

/**
 * The cost of handing out a job against the ready backlog: for each size, the queue is filled up to it and
 * 1000 jobs are taken and completed in batches of 50 by one client. Returns, by size, ms per job: of the
 * wall clock, and of the server's CPU (Redis for BullMQ, PostgreSQL for pg-boss).
 */
async function probePhase(name: EngineName): Promise<Map<number, { wallMs: number; serverMs: number }>> {
  const engine = await openEngine(name, 'probe', settings);
  await engine.reset();
  const result = new Map<number, { wallMs: number; serverMs: number }>();
  let filled = 0;
  for (const size of PROBE_BACKLOG) {
    const jobs = Array.from({ length: size + 1000 - filled }, (_, i): PageJob => ({ key: `probe-${filled + i}`, host: 0, page: 0, port: 0, enqueuedAt: Date.now() }));
    await engine.enqueue(jobs);
    filled += jobs.length;
    const started = performance.now();
    const servers = serverMeter();
    let taken = 0;
    for (let got = -1; taken < 1000 && got !== 0; taken += got) got = await engine.takeAndComplete(Math.min(50, 1000 - taken));
    filled -= taken;
    const cpu = servers();
    result.set(size, { wallMs: (performance.now() - started) / taken, serverMs: ((name === 'bullmq' ? cpu.redis : cpu.postgres) * 1000) / taken });
  }
  await engine.destroy();
  return result;
}

/** What every worker of a phase is told: the engine's settings, the politeness rule and the wait budget. */
function workerSettings(name: EngineName, mode: 'noop' | 'fetch'): Omit<WorkerSettings, 'workerId'> {
  return { ...settings, engine: name, queue: mode, mode, concurrency: CONCURRENCY, delayMs: DELAY_MS, leaseMs: LEASE_MS, requestTimeoutMs: REQUEST_TIMEOUT_MS, waitBudgetMs: 2 * DELAY_MS };
}

/** The crawl under kills. */
async function fetchPhase(name: EngineName, db: pg.Pool) {
  const sitesProcess = await startSites({ HOSTS: String(HOSTS), ARTICLES: String(PAGES), FLAKY_EVERY: String(FLAKY_EVERY), BROKEN_EVERY: String(BROKEN_EVERY) });
  const { sites } = sitesProcess;

  const engine = await openEngine(name, 'fetch', settings);
  await engine.reset();
  await resetPages(db, name);
  await resetLeases(name, db);
  const crew = new Crew(workerSettings(name, 'fetch'));
  await crew.start(WORKERS);

  const jobs = shuffle(sites.flatMap((site, host) => Array.from({ length: PAGES }, (_, page): PageJob => ({ key: `h${host}-p${page}`, host, page, port: site.port, enqueuedAt: 0 }))));
  const started = performance.now();
  const startedAt = Date.now();
  const servers = serverMeter();
  for (let i = 0; i < jobs.length; i += 1000) {
    const chunk = jobs.slice(i, i + 1000);
    for (const job of chunk) job.enqueuedAt = Date.now();
    await engine.enqueue(chunk);
  }
  let nextKill = performance.now() + KILL_EVERY_MS;
  const { seconds, drained } = await drain(engine, started, () => {
    if (KILL_EVERY_MS > 0 && performance.now() >= nextKill) {
      crew.kill();
      nextKill += KILL_EVERY_MS;
    }
  });
  const cpu = { workers: crew.cpu(), ...servers() };
  await crew.stop();

  const log = await sitesProcess.log();
  const stored = await storedPages(db, name);
  const dead = await engine.deadLetterKeys();
  await engine.destroy();

  const done = new Set([...stored.map((p) => p.key), ...dead]);
  const enqueuedAt = new Map(jobs.map((j) => [j.key, j.enqueuedAt]));
  const latencies = stored.map((p) => p.doneAt - enqueuedAt.get(p.key)!).sort((a, b) => a - b);
  // The pace before the tail: the last jobs of a killed worker wait out the recovery time.
  const doneTimes = stored.map((p) => p.doneAt - startedAt).sort((a, b) => a - b);
  const most = Math.floor(0.95 * jobs.length);
  const okFetches = new Map<string, number>();
  for (const e of log) if (e.status === 200) okFetches.set(`${e.host}${e.path}`, (okFetches.get(`${e.host}${e.path}`) ?? 0) + 1);
  return {
    drained,
    seconds,
    requests: log.length,
    jobsPerSecond: crew.counts.start / seconds,
    pagesPerSecond: stored.length / seconds,
    pacePerSecond: doneTimes.length >= most ? most / (doneTimes[most - 1]! / 1000) : NaN,
    stored: stored.length,
    violations: politenessViolations(log, DELAY_MS, TOLERANCE_MS),
    lost: jobs.filter((j) => !done.has(j.key)).length,
    duplicates: stored.reduce((n, p) => n + p.repeats, 0),
    refetched: [...okFetches.values()].reduce((n, c) => n + c - 1, 0),
    p50: quantile(latencies, 0.5) / 1000,
    p95: quantile(latencies, 0.95) / 1000,
    failedAttempts: crew.counts.fail,
    retries: crew.counts.fail - dead.filter(isBroken).length,
    dead: dead.length,
    deadBroken: dead.filter(isBroken).length,
    deferred: crew.counts.defer,
    kills: crew.kills,
    orphaned: crew.counts.orphaned,
    redeliveredP50: quantile(crew.redelivered.sort((a, b) => a - b), 0.5) / 1000,
    redeliveredMax: (crew.redelivered.at(-1) ?? NaN) / 1000,
    cpu: perThousand(cpu, stored.length),
    sites,
  };
}

/** Whether a job's page always answers 500 (bench/crawlSites.ts counts articles over all hosts). */
function isBroken(key: string): boolean {
  const [, host, page] = /^h(\d+)-p(\d+)$/.exec(key) ?? [];
  return BROKEN_EVERY > 0 && (Number(host) * PAGES + Number(page)) % BROKEN_EVERY === BROKEN_EVERY - 1;
}

/** CPU seconds per thousand jobs or pages. */
function perThousand(cpu: { workers: number; redis: number; postgres: number }, n: number) {
  const k = n / 1000;
  return { workers: cpu.workers / k, redis: cpu.redis / k, postgres: cpu.postgres / k };
}

/** Starts from no leases: the previous phase's would only delay the first requests. */
async function resetLeases(name: EngineName, db: pg.Pool): Promise<void> {
  if (name === 'pgboss') {
    await new PgHostLease(db, { delayMs: () => DELAY_MS, leaseMs: LEASE_MS }, LEASE_TABLE).install();
    await db.query(`TRUNCATE ${LEASE_TABLE}`);
  } else {
    const redis = new Redis(settings.redisUrl);
    for (let cursor = '0'; ; ) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${LEASE_PREFIX}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      if ((cursor = next) === '0') break;
    }
    redis.disconnect();
  }
}

const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/** The fields of /proc/<pid>/stat after the command name; undefined when the process is gone. */
function stat(pid: string): { comm: string; fields: number[] } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return { comm: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')), fields: text.slice(text.lastIndexOf(')') + 2).split(' ').map(Number) };
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) one process has used; 0 when it cannot be read (not Linux, gone). */
function processCpu(pid: number | undefined): number {
  const f = pid === undefined ? undefined : stat(String(pid))?.fields;
  return f ? ((f[11] ?? 0) + (f[12] ?? 0)) / TICKS : 0;
}

/**
 * CPU seconds used so far by every process named `comm` (redis-server, postgres), with their exited
 * children: a PostgreSQL backend's time goes to the postmaster when its connection closes. Machine-wide:
 * anyone else's use of the same server is counted too.
 */
function serverCpu(comm: string): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const s = stat(pid);
    if (s?.comm === comm) ticks += s.fields.slice(11, 15).reduce((a, b) => a + b, 0);
  }
  return ticks / TICKS;
}

/** Starts measuring the servers' CPU; the function returned gives the seconds since. */
function serverMeter(): () => { redis: number; postgres: number } {
  const before = { redis: serverCpu('redis-server'), postgres: serverCpu('postgres') };
  return () => ({ redis: serverCpu('redis-server') - before.redis, postgres: serverCpu('postgres') - before.postgres });
}

/** The value at quantile q of sorted numbers (nearest rank); NaN when there are none. */
function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN;
}

/** A seeded shuffle, so both engines get the same order. */
function shuffle<T>(items: T[]): T[] {
  let seed = 7;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

async function serverVersions(db: pg.Pool): Promise<string> {
  const redis = new Redis(settings.redisUrl);
  const info = await redis.info('server');
  redis.disconnect();
  const { rows } = await db.query<{ server_version: string }>('SHOW server_version');
  return `Redis ${/redis_version:(\S+)/.exec(info)?.[1] ?? '?'}, PostgreSQL ${rows[0]?.server_version.split(' ')[0] ?? '?'}`;
}

const db = new pg.Pool({ connectionString: settings.pgUrl, max: 2 });
const load = loadavg()[0]!.toFixed(1);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${await serverVersions(db)} (all on this machine), load average ${load} at start`);
console.log(
  `${HOSTS} hosts × ${PAGES} pages · latency 50–500 ms · host delay ${DELAY_MS} ms, 1 in flight per host · ${WORKERS} workers × ${CONCURRENCY} jobs in hand · ${KILL_EVERY_MS > 0 ? `one killed every ${KILL_EVERY_MS / 1000} s` : 'no kills'} · ` +
    `${settings.attempts} attempts, backoff ${settings.backoffMs} ms doubling · recovery ${settings.recoveryMs / 1000} s · 1 page in ${FLAKY_EVERY} fails once, 1 in ${BROKEN_EVERY} always`,
);

type Row = [string, (r: Results) => string];
type Results = Awaited<ReturnType<typeof noopPhase>> & { crawl: Awaited<ReturnType<typeof fetchPhase>>; probe: Awaited<ReturnType<typeof probePhase>> };
const results = new Map<EngineName, Results>();
try {
  for (const name of ENGINES) {
    const noop = await noopPhase(name);
    const crawl = await fetchPhase(name, db);
    const probe = await probePhase(name);
    results.set(name, { ...noop, crawl, probe });
    if (!crawl.drained) console.log(`${LABEL[name]}: not drained within ${DEADLINE_MS / 1000} s`);
  }
} finally {
  await dropPages(db);
  await db.query(`DROP TABLE IF EXISTS ${LEASE_TABLE}`);
  await resetLeases('bullmq', db);
}

const sites = [...results.values()][0]?.crawl.sites ?? [];
const ceiling = HOSTS / (DELAY_MS / 1000);
// Counting the spacing from each response's end too (as src/crawl/politeness.ts does), a host gives a page
// every delay + latency; the slowest host's chain bounds the run.
const ceilingFromEnd = sites.reduce((sum, s) => sum + 1000 / (DELAY_MS + s.latencyMs), 0);
const idealSeconds = Math.max(...sites.map((s) => (PAGES * s.latencyMs + (PAGES - 1) * DELAY_MS) / 1000));
// Enqueued at once and run as fast as the rule allows, a host's k-th page is done at latency + k × (delay + latency).
const idealDone = sites.flatMap((s) => Array.from({ length: PAGES }, (_, k) => s.latencyMs + k * (DELAY_MS + s.latencyMs))).sort((a, b) => a - b);
const f = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const cpuCell = (c: { workers: number; redis: number; postgres: number }) => `${f(c.workers, 2)} / ${f(c.redis, 2)} / ${f(c.postgres, 2)}`;
const rows: Row[] = [
  ['engine alone: no-op jobs/s', (r) => f(r.jobsPerSecond)],
  ['  CPU s per 1000 jobs: workers / Redis / PostgreSQL', (r) => cpuCell(r.noopCpu)],
  ['enqueue in bulk, jobs/s', (r) => f(r.enqueuePerSecond)],
  ['crawl: time to drain, s', (r) => `${f(r.crawl.seconds, 1)}${r.crawl.drained ? '' : ' (deadline)'}`],
  ['jobs/s (every hand-out: deferrals, retries, re-runs)', (r) => f(r.crawl.jobsPerSecond)],
  ['pages/s (pages stored / time to drain)', (r) => f(r.crawl.pagesPerSecond)],
  ['pages/s until 95% of pages were stored', (r) => f(r.crawl.pacePerSecond)],
  ['  CPU s per 1000 pages: workers / Redis / PostgreSQL', (r) => cpuCell(r.crawl.cpu)],
  ['share of the ceiling (spacing from the end), to 95%', (r) => `${f((100 * r.crawl.pacePerSecond) / ceilingFromEnd)}%`],
  ['requests the sites saw', (r) => String(r.crawl.requests)],
  ['politeness violations (sites saw)', (r) => String(r.crawl.violations)],
  ['jobs lost (neither stored nor dead-lettered)', (r) => String(r.crawl.lost)],
  ['duplicate completions (absorbed)', (r) => String(r.crawl.duplicates)],
  ['pages fetched twice (sites saw)', (r) => String(r.crawl.refetched)],
  ['enqueue→done p50 / p95, s', (r) => `${f(r.crawl.p50, 1)} / ${f(r.crawl.p95, 1)}`],
  ['failed attempts (5xx) / retried with backoff', (r) => `${r.crawl.failedAttempts} / ${r.crawl.retries}`],
  ['dead letters: broken pages / others (out of attempts)', (r) => `${r.crawl.deadBroken} / ${r.crawl.dead - r.crawl.deadBroken}`],
  ['deferrals (host busy, no attempt spent)', (r) => String(r.crawl.deferred)],
  ['kills / jobs in hand at the kills', (r) => `${r.crawl.kills} / ${r.crawl.orphaned}`],
  ['killed jobs back in work after p50 / max, s', (r) => `${f(r.crawl.redeliveredP50, 1)} / ${f(r.crawl.redeliveredMax, 1)}`],
  ...PROBE_BACKLOG.map((size): Row => [`take + complete at a ready backlog of ${size}: ms/job, wall / server CPU`, (r) => `${f(r.probe.get(size)?.wallMs ?? NaN, 2)} / ${f(r.probe.get(size)?.serverMs ?? NaN, 2)}`]),
];
const names = [...results.keys()];
const width = Math.max(...rows.map(([label]) => label.length));
console.log(['', ...names.map((n) => LABEL[n])].map((c, i) => (i === 0 ? c.padEnd(width) : c.padStart(28))).join(''));
for (const [label, cell] of rows) console.log([label.padEnd(width), ...names.map((n) => cell(results.get(n)!).padStart(28))].join(''));
console.log(
  `ceiling the politeness rule allows: ${f(ceiling)} pages/s (hosts / host delay); ${f(ceilingFromEnd)} pages/s counting the spacing from each response's end; ` +
    `ideal time ${f(idealSeconds, 1)} s for ${HOSTS * PAGES} pages (the slowest host's chain), ideal enqueue→done p50 ${f(quantile(idealDone, 0.5) / 1000, 1)} s, p95 ${f(quantile(idealDone, 0.95) / 1000, 1)} s`,
);
console.log(`expected: ${Math.floor((HOSTS * PAGES) / BROKEN_EVERY)} dead letters (broken pages), ${Math.ceil((HOSTS * PAGES) / FLAKY_EVERY)} flaky pages`);
await db.end();
