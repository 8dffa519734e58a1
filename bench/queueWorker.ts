/**
 * A worker process of `npm run bench:queue`, started (and killed) by bench/queue.ts. In fetch mode each
 * job takes its host's shared lease (Redis for BullMQ, PostgreSQL for pg-boss), GETs its page from the
 * simulated sites, releases the lease and stores the page idempotently in PostgreSQL. A host busy for
 * longer than the wait budget sends the job back to the engine to run later. In noop mode jobs do nothing.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { Agent, request } from 'undici';
import type { HostLease } from '../src/domain/hostLease.ts';
import { RedisHostLease } from '../src/queue/hostLease.ts';
import { waitForHost } from '../src/queue/sharedHosts.ts';
import { PgHostLease } from '../src/store/hostLeasePg.ts';
import { openEngine, type Handler, type PageJob } from './queueEngines.ts';
import { storePage } from './queuePages.ts';
import { fromEnv, LEASE_PREFIX, LEASE_TABLE, type CoordinatorMessage, type WorkerMessage } from './queueProtocol.ts';

const settings = fromEnv(process.env);
// Messages go out once per turn of the event loop, in one write: a write per message cost a tenth of a
// worker's time. A kill loses at most the last turn's, which only blurs the count of jobs in hand.
let outbox: WorkerMessage[] = [];
const tell = (message: WorkerMessage) => {
  if (outbox.length === 0) setImmediate(() => {
    process.send?.(outbox);
    outbox = [];
  });
  outbox.push(message);
};
// Keep-alive connections per host, as the crawler's undici Agent keeps them (src/crawl/http.ts).
const agent = new Agent({ connections: 2, keepAliveTimeout: 10_000 });
const engine = await openEngine(settings.engine, settings.queue, settings);
const db = new pg.Pool({ connectionString: settings.pgUrl, max: 6 });
const redis = settings.engine === 'bullmq' ? new Redis(settings.redisUrl) : undefined;
const limits = { delayMs: () => settings.delayMs, leaseMs: settings.leaseMs };
const lease: HostLease = redis ? new RedisHostLease(redis, limits, LEASE_PREFIX) : new PgHostLease(db, limits, LEASE_TABLE);

/** Waits for the host within the budget (as xinzhi's workers do); the lease's holder name, or the wait left when the job is deferred. */
async function takeHost(host: string, key: string): Promise<{ holder: string } | { waitMs: number }> {
  const holder = `${settings.workerId}:${key}:${randomUUID()}`;
  const taken = await waitForHost(lease, host, holder, settings.waitBudgetMs);
  return taken === true ? { holder } : taken;
}

const fetchPage: Handler = async (job: PageJob) => {
  tell({ t: 'start', key: job.key });
  const host = `127.0.0.1:${job.port}`;
  const taken = await takeHost(host, job.key);
  if ('waitMs' in taken) {
    tell({ t: 'end', key: job.key, outcome: 'defer' });
    return { kind: 'defer', waitMs: taken.waitMs };
  }
  let status = 0;
  let bytes = 0;
  try {
    const response = await request(`http://${host}/a/t20260618_${job.page}.html`, { dispatcher: agent, signal: AbortSignal.timeout(settings.requestTimeoutMs) });
    bytes = (await response.body.arrayBuffer()).byteLength;
    status = response.statusCode;
  } catch {
    // A timeout or a refused connection fails the attempt below, like a 5xx.
  } finally {
    await lease.release(host, taken.holder);
  }
  if (status !== 200) {
    tell({ t: 'end', key: job.key, outcome: 'fail' });
    throw new Error(`${host} answered ${status || 'nothing'}`);
  }
  const first = await storePage(db, settings.engine, job.key, bytes, settings.workerId);
  tell({ t: 'end', key: job.key, outcome: first ? 'done' : 'repeat' });
  return { kind: 'done' };
};

const noop: Handler = async () => ({ kind: 'done' });

process.on('message', (message: CoordinatorMessage) => {
  if (message.t === 'go') void engine.work(settings.concurrency, settings.mode === 'fetch' ? fetchPage : noop);
  if (message.t === 'stop') {
    void (async () => {
      await engine.close();
      await db.end();
      await agent.close();
      redis?.disconnect();
      process.exit(0);
    })();
  }
});
tell({ t: 'ready' });
