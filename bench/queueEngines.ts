/**
 * The two queue engines of `npm run bench:queue` behind one small interface, so that the coordinator
 * (bench/queue.ts) and the workers (bench/queueWorker.ts) run the same workload on both: BullMQ on Redis
 * and pg-boss on PostgreSQL. Each is configured as xinzhi would run it: retries with exponential backoff,
 * failed jobs kept in a dead-letter list, a killed worker's jobs handed out again (BullMQ: its lock is not
 * renewed and the stalled-job check puts the job back; pg-boss: the job expires and maintenance retries it),
 * jobs enqueued under an id made from their key, so enqueuing twice adds nothing.
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DelayedError, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { recoveryOptions } from '../src/queue/settings.ts';

/** A "fetch page" job as both engines carry it (`enqueuedAt`: epoch ms by the coordinator's clock). */
export interface PageJob {
  key: string;
  host: number;
  page: number;
  port: number;
  enqueuedAt: number;
}

/** What a handler made of a job: done, or to be run again in `waitMs` (its host is busy; no attempt spent). */
export type Outcome = { kind: 'done' } | { kind: 'defer'; waitMs: number };

/** A handler: a throw fails the attempt (retried with backoff, then dead-lettered). */
export type Handler = (job: PageJob) => Promise<Outcome>;

/** The engines measured. */
export type EngineName = 'bullmq' | 'pgboss';

/** Settings shared by the coordinator and its workers (passed to workers through the environment). */
export interface EngineSettings {
  redisUrl: string;
  pgUrl: string;
  /** Attempts per job, the first included. */
  attempts: number;
  /** First retry after this many ms, doubling after each failure. */
  backoffMs: number;
  /**
   * BullMQ: a job's lock lasts this long and is renewed at half of it while the worker lives; the stalled
   * check runs every half of it too. pg-boss: a job active this long has expired (alive or not), and
   * maintenance looks for expired jobs every half of it. So a killed worker's job is back within about
   * 1.5 × recoveryMs on both.
   */
  recoveryMs: number;
}

/** One engine, as the coordinator and the workers use it. */
export interface Engine {
  readonly name: EngineName;
  /** Coordinator: removes the queue, its jobs and its dead letters, and sets them up again. */
  reset(): Promise<void>;
  /** Coordinator: adds jobs (in bulk); a job whose key was added before is not added again. */
  enqueue(jobs: PageJob[]): Promise<void>;
  /** Coordinator: jobs waiting, delayed, retrying or active. */
  unfinished(): Promise<number>;
  /** Coordinator: the keys of the jobs in the dead-letter list. */
  deadLetterKeys(): Promise<string[]>;
  /**
   * Coordinator: takes up to `batch` ready jobs as one worker would and completes them at once (BullMQ:
   * one by one, as its workers take jobs; pg-boss: one fetch and one complete); returns how many it took.
   */
  takeAndComplete(batch: number): Promise<number>;
  /** Coordinator, at the end: removes everything the engine keeps for this queue, then closes. */
  destroy(): Promise<void>;
  /** Worker: runs `handler` on up to `concurrency` jobs at a time, until close(). */
  work(concurrency: number, handler: Handler): Promise<void>;
  /** Stops working (waits for the jobs in hand) and closes the connections. */
  close(): Promise<void>;
}

/** Opens `name` on `queue` (a queue name of letters and dashes). */
export async function openEngine(name: EngineName, queue: string, settings: EngineSettings): Promise<Engine> {
  return name === 'bullmq' ? new BullEngine(queue, settings) : await PgBossEngine.open(queue, settings);
}

/** The Redis key prefix of the bench's BullMQ queues, apart from anything else on the server. */
const BULL_PREFIX = 'xinzhi-bench-queue';
/** The PostgreSQL schema of the bench's pg-boss, apart from anything else in the database. */
export const BOSS_SCHEMA = 'xinzhi_bench_queue';
const CHUNK = 1000;

class BullEngine implements Engine {
  readonly name = 'bullmq';
  private readonly connection: Redis;
  private readonly queue: Queue<PageJob>;
  private worker: Worker<PageJob> | undefined;
  private taker: Worker<PageJob> | undefined;
  /** Connections handed to BullMQ, which leaves closing them to their owner. */
  private readonly connections: Redis[] = [];

  constructor(private readonly queueName: string, private readonly settings: EngineSettings) {
    this.connection = this.connect();
    this.queue = new Queue<PageJob>(queueName, {
      connection: this.connection,
      prefix: BULL_PREFIX,
      // Completed jobs are kept (the bench reads nothing from them; xinzhi would keep a day of them).
      defaultJobOptions: { attempts: settings.attempts, backoff: { type: 'exponential', delay: settings.backoffMs }, removeOnComplete: { age: 3600 } },
    });
  }

  private connect(): Redis {
    const connection = new Redis(this.settings.redisUrl, { maxRetriesPerRequest: null });
    this.connections.push(connection);
    return connection;
  }

  async reset(): Promise<void> {
    await this.queue.obliterate({ force: true });
  }

  async enqueue(jobs: PageJob[]): Promise<void> {
    for (let i = 0; i < jobs.length; i += CHUNK) {
      await this.queue.addBulk(jobs.slice(i, i + CHUNK).map((data) => ({ name: 'page', data, opts: { jobId: data.key } })));
    }
  }

  async unfinished(): Promise<number> {
    const counts = await this.queue.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'waiting-children');
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  }

  async deadLetterKeys(): Promise<string[]> {
    // BullMQ's failed set holds only jobs out of attempts (or stalled too often): its dead letters.
    return (await this.queue.getFailed(0, -1)).map((job) => (job.data as PageJob).key);
  }

  async takeAndComplete(batch: number): Promise<number> {
    this.taker ??= new Worker<PageJob>(this.queueName, null, { connection: this.connect(), prefix: BULL_PREFIX, autorun: false });
    const token = 'probe';
    let taken = 0;
    for (; taken < batch; taken++) {
      const job = await this.taker.getNextJob(token, { block: false });
      if (!job) break;
      await job.moveToCompleted('ok', token, false);
    }
    return taken;
  }

  async destroy(): Promise<void> {
    await this.queue.obliterate({ force: true });
    await this.close();
  }

  async work(concurrency: number, handler: Handler): Promise<void> {
    const { recoveryMs } = this.settings;
    this.worker = new Worker<PageJob>(
      this.queueName,
      async (job, token) => {
        const outcome = await handler(job.data);
        if (outcome.kind === 'defer') {
          // Back to the delayed set without spending an attempt.
          await job.moveToDelayed(Date.now() + outcome.waitMs, token);
          throw new DelayedError();
        }
      },
      {
        connection: this.connect(),
        prefix: BULL_PREFIX,
        concurrency,
        // As xinzhi's workers find a killed worker's jobs; a job caught by several kills in a row is still retried rather than failed.
        ...recoveryOptions(recoveryMs, 5),
      },
    );
    // "could not renew lock" comes when a job moved itself to the delayed set between two renewals: noise.
    // A lock really lost shows in the figures as a page fetched twice.
    if (process.env.DETAIL) this.worker.on('error', (err) => console.error(`bullmq worker: ${err.message}`));
    else this.worker.on('error', () => undefined);
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.taker?.close(true);
    await this.queue.close();
    for (const connection of this.connections) connection.disconnect();
  }
}

class PgBossEngine implements Engine {
  readonly name = 'pgboss';
  private readonly dead: string;
  private closing = false;
  private loop: Promise<void> | undefined;

  private constructor(private readonly queueName: string, private readonly settings: EngineSettings, private readonly boss: PgBoss, private readonly pool: pg.Pool) {
    this.dead = `${queueName}-dead`;
  }

  /** Starts pg-boss (installing its schema if missing) with maintenance every half recovery time. */
  static async open(queue: string, settings: EngineSettings): Promise<PgBossEngine> {
    const boss = new PgBoss({
      connectionString: settings.pgUrl,
      schema: BOSS_SCHEMA,
      max: 6,
      schedule: false,
      supervise: true,
      maintenanceIntervalSeconds: Math.max(1, Math.round(settings.recoveryMs / 2000)),
    });
    boss.on('error', (err) => console.error(`pg-boss: ${err.message}`));
    await boss.start();
    return new PgBossEngine(queue, settings, boss, new pg.Pool({ connectionString: settings.pgUrl, max: 2 }));
  }

  async reset(): Promise<void> {
    for (const name of [this.queueName, this.dead]) if (await this.boss.getQueue(name)) await this.boss.deleteQueue(name);
    await this.boss.createQueue(this.dead);
    await this.boss.createQueue(this.queueName, {
      name: this.queueName,
      retryLimit: this.settings.attempts - 1,
      retryDelay: Math.max(1, Math.round(this.settings.backoffMs / 1000)),
      retryBackoff: true,
      expireInSeconds: Math.max(1, Math.round(this.settings.recoveryMs / 1000)),
      deadLetter: this.dead,
    });
  }

  async enqueue(jobs: PageJob[]): Promise<void> {
    for (let i = 0; i < jobs.length; i += CHUNK) {
      await this.boss.insert(jobs.slice(i, i + CHUNK).map((data) => ({ id: uuidOf(data.key), name: this.queueName, data })));
    }
  }

  async unfinished(): Promise<number> {
    return await this.boss.getQueueSize(this.queueName, { before: 'completed' });
  }

  async deadLetterKeys(): Promise<string[]> {
    const keys: string[] = [];
    for (;;) {
      const jobs = await this.boss.fetch<PageJob>(this.dead, { batchSize: 1000 });
      if (jobs.length === 0) return keys;
      keys.push(...jobs.map((job) => job.data.key));
      await this.boss.complete(this.dead, jobs.map((job) => job.id));
    }
  }

  async takeAndComplete(batch: number): Promise<number> {
    const jobs = await this.boss.fetch<PageJob>(this.queueName, { batchSize: batch });
    if (jobs.length) await this.boss.complete(this.queueName, jobs.map((job) => job.id));
    return jobs.length;
  }

  async destroy(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true });
    await this.pool.query(`DROP SCHEMA IF EXISTS ${BOSS_SCHEMA} CASCADE`);
    await this.pool.end();
  }

  /**
   * pg-boss 10's work() polls at most every 0.5 s per loop and waits for a whole batch before fetching the
   * next, so one slow page holds up its batch. This loop fetches as many jobs as there are free slots,
   * as soon as a tenth of them are free, and polls every POLL_MS while the queue has nothing ready.
   */
  async work(concurrency: number, handler: Handler): Promise<void> {
    const POLL_MS = 100;
    let inFlight = 0;
    let slotFreed: (() => void) | undefined;
    const run = async (job: PgBoss.JobWithMetadata<PageJob>) => {
      try {
        const outcome = await handler(job.data);
        if (outcome.kind === 'done') await this.boss.complete(this.queueName, job.id);
        else await this.defer(job, outcome.waitMs);
      } catch (err) {
        await this.boss.fail(this.queueName, job.id, { message: err instanceof Error ? err.message : String(err) }).catch(() => undefined);
      }
    };
    this.loop = (async () => {
      while (!this.closing) {
        const free = concurrency - inFlight;
        // A fetch per freed slot would be a query per job: wait for a tenth of the slots, or 20 ms.
        if (free < Math.max(1, concurrency / 10)) {
          await Promise.race([new Promise<void>((resolve) => (slotFreed = resolve)), sleep(20)]);
          continue;
        }
        const jobs = await this.boss.fetch<PageJob>(this.queueName, { batchSize: free, includeMetadata: true });
        for (const job of jobs) {
          inFlight++;
          void run(job).finally(() => {
            inFlight--;
            slotFreed?.();
            slotFreed = undefined;
          });
        }
        if (jobs.length < free) await sleep(POLL_MS);
      }
      while (inFlight > 0) await new Promise<void>((resolve) => (slotFreed = resolve));
    })();
  }

  /**
   * pg-boss 10 has no "run this later, no attempt spent": the job is completed and a copy sent to start
   * later, in one transaction, carrying the attempts it has left.
   */
  private async defer(job: PgBoss.JobWithMetadata<PageJob>, waitMs: number): Promise<void> {
    const client = await this.pool.connect();
    const db = { executeSql: (text: string, values: unknown[]) => client.query(text, values) };
    try {
      await client.query('BEGIN');
      await this.boss.complete(this.queueName, job.id, {}, { db });
      await this.boss.send(this.queueName, job.data, { startAfter: new Date(Date.now() + waitMs), retryLimit: Math.max(0, job.retryLimit - job.retryCount), db });
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.loop;
    await this.boss.stop({ graceful: true, wait: true });
    await this.pool.end();
  }
}

/** A UUID made from a job's key (pg-boss ids are UUIDs), so the same key is the same job. */
function uuidOf(key: string): string {
  const hex = createHash('sha1').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
