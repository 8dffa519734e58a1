/**
 * A worker process's BullMQ Worker: it takes the queue's jobs (src/queue/jobs.ts) up to a concurrency,
 * runs them (src/queue/handlers.ts), tells of each finished one, and stops cleanly. Any number of these
 * run on any number of machines, sharing Redis and the store.
 */
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { brief, crawlSource, fetchPage, type JobContext } from './handlers.ts';
import { jobErrorMessage, QUEUE_NAME, sameStore, type BriefJobData, type CrawlSourceJobData, type FetchPageJobData, type StoreBound } from './jobs.ts';
import { recoveryOptions, type QueueSettings } from './settings.ts';
import { StorePresence } from './storePresence.ts';

/** xinzhi's stall limit: a job caught by three kills in a row is more likely at fault than its workers. */
const MAX_STALLED = 3;

/**
 * A job that finished one way or another: `completed`; `retry` (an attempt failed, another follows after
 * the backoff); `failed` (out of attempts, or failed for good: now in the dead-letter list). `error` is
 * the job's failure (jobErrorMessage's form); `result` what it returned. Dates and ids as the job's data has them.
 */
export interface FinishedJob {
  id: string;
  name: string;
  outcome: 'completed' | 'retry' | 'failed';
  date: string | null;
  sourceId: string | null;
  url: string | null;
  /** Attempts made so far, and allowed. */
  attempts: number;
  maxAttempts: number;
  error?: string;
  result?: unknown;
}

/**
 * A job a worker would not run because it was enqueued for another store: its id and kind, the store it
 * was enqueued for (`jobStore`), this worker's (`workerStore`), how many times it was refused so far, and
 * `pauseMs`: set when a worker of the job's store was online, how long this worker stops taking jobs so that
 * one takes it (see refuseForeign).
 */
export interface Refusal {
  id: string;
  name: string;
  jobStore: string;
  workerStore: string;
  count: number;
  pauseMs?: number;
}

/**
 * How long a job refused while a worker of its store is online waits in the delayed set (ms): long enough
 * that the refusing worker's own blocked fetch, woken by the job's return, finds it not yet due (it was
 * paused meanwhile), short enough that the idle worker of its store takes it at once.
 */
const HAND_BACK_MS = 250;

/** A running worker. */
export interface RunningWorker {
  /**
   * Stops taking jobs, waits for those in hand to finish, and closes BullMQ's use of the connections
   * (the connection itself stays the caller's). Safe to call again.
   */
  stop(): Promise<void>;
  /**
   * Stops at once: the jobs in hand are sent back to wait for another worker (their attempts unspent;
   * what they wrote is idempotent), then BullMQ is closed without waiting for them.
   */
  release(): Promise<void>;
  /** How many jobs it has in hand now. */
  inHand(): number;
}

/** How a worker starts. */
export interface WorkerOptions {
  connection: Redis;
  settings: QueueSettings;
  /** Jobs in hand at once. */
  concurrency: number;
  context: JobContext;
  /** Told of every finished job (see FinishedJob). */
  onFinished: (finished: FinishedJob) => void;
  /** Told of every job refused for its store (see refuseForeign), before it is handed back or failed. */
  onRefused: (refusal: Refusal) => void;
  /** Told of BullMQ's own errors (a lost connection, a lock it could not renew). */
  onError: (err: Error) => void;
  /** This worker's id, as it announces itself on its store (StorePresence). */
  workerId: string;
}

/** What a job was for, from its data. */
function purpose(job: Job): Pick<FinishedJob, 'date' | 'sourceId' | 'url'> {
  const data = job.data as Partial<FetchPageJobData>;
  return { date: data.date ?? null, sourceId: data.sourceId ?? null, url: data.url ?? null };
}

/**
 * Refuses a job enqueued for a store other than this worker's (`location`): a worker must never write a
 * day into another store, where a page's document lands apart from its day (SQLite: "FOREIGN KEY
 * constraint failed", the run being the other store's) and the brief comes out short with nothing failed.
 *
 * BullMQ cannot route a job to some workers of a queue: any worker may take any job. So a refused job is
 * sent back to the delayed set (moveToDelayed, as a busy host's page is: no attempt spent) for a worker of
 * its store to take. Whether one is online, every worker announces (StorePresence):
 * - one is online: the job goes back for HAND_BACK_MS and this worker stops taking jobs for lockMs / 2
 *   (`pause`), so that an idle worker of the store takes it rather than losing the race to this one again
 *   and again; the time does not count toward failure (its `since` is now);
 * - none is: the job waits from backoffMs, doubling, up to lockMs / 2. Once no worker of its store has been
 *   online for 2 × lockMs since its first refusal — the span in which a stalled job is handed out again,
 *   time for a worker just started to announce itself — it fails for good (UnrecoverableError: no retry on
 *   this or any worker) with one line naming both stores, and stays in the dead-letter list (`xinzhi jobs
 *   failed`), its parent going on as with any failed child.
 * A job taken by a worker of its store forgets its refusals. Jobs without a store (enqueued before it was
 * recorded) are taken by any worker.
 */
async function refuseForeign(
  job: Job,
  token: string,
  location: string,
  settings: QueueSettings,
  presence: StorePresence,
  pause: (ms: number) => void,
  onRefused: (refusal: Refusal) => void,
): Promise<void> {
  const data = job.data as StoreBound;
  if (data.store === undefined || sameStore(data.store, location)) {
    if (data.refused !== undefined) await job.updateData({ ...(job.data as object), refused: undefined });
    return;
  }
  const now = Date.now();
  // Redis failing to answer is taken as nobody online: the job is handed back as before, no attempt spent.
  const online = await presence.online(data.store).catch(() => false);
  const refused = { since: online ? now : (data.refused?.since ?? now), count: (data.refused?.count ?? 0) + 1 };
  const pauseMs = online ? settings.lockMs / 2 : undefined;
  onRefused({ id: job.id!, name: job.name, jobStore: data.store, workerStore: location, count: refused.count, ...(pauseMs === undefined ? {} : { pauseMs }) });
  const budgetMs = 2 * settings.lockMs;
  if (now - refused.since >= budgetMs) {
    const seconds = Math.round(budgetMs / 1000);
    throw new UnrecoverableError(
      jobErrorMessage(
        `任务 ${job.id} 是为存储 ${data.store} 加入的，工作进程的存储却是 ${location}：${seconds} 秒内没有使用该存储的工作进程在线，已放弃`,
        `job ${job.id} was enqueued for store ${data.store} but the worker's store is ${location}: no worker on that store was online for ${seconds} s; given up`,
      ),
    );
  }
  await job.updateData({ ...(job.data as object), refused });
  // Paused before the job goes back, so this worker takes no new job once it is due.
  if (pauseMs !== undefined) pause(pauseMs);
  const waitMs = online ? HAND_BACK_MS : Math.min(settings.backoffMs * 2 ** (refused.count - 1), settings.lockMs / 2);
  await job.moveToDelayed(Date.now() + waitMs, token);
  throw new DelayedError();
}

/** Starts a worker on the queue of `settings`; resolves once it is connected and taking jobs. */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { settings, context } = options;
  const inHand = new Map<string, { job: Job; token: string }>();
  const location = context.store.location;
  // Announced before the first job is taken: a worker refusing this store's jobs meanwhile hands them back for it.
  const presence = new StorePresence(options.connection, settings.prefix, settings.lockMs);
  const withdraw = await presence.keepAnnounced(location, options.workerId, options.onError);
  let stopping = false;
  let resumeAt = 0;
  let resumeTimer: NodeJS.Timeout | undefined;
  /** Stops taking new jobs (those in hand go on) until `ms` from now, or later when asked again meanwhile. */
  const pause = (ms: number) => {
    resumeAt = Math.max(resumeAt, Date.now() + ms);
    if (resumeTimer !== undefined || stopping) return;
    void worker.pause(true).catch(options.onError);
    const wake = () => {
      if (Date.now() < resumeAt) {
        resumeTimer = setTimeout(wake, resumeAt - Date.now());
        return;
      }
      resumeTimer = undefined;
      if (!stopping) void worker.resume();
    };
    resumeTimer = setTimeout(wake, resumeAt - Date.now());
  };
  const worker = new Worker(
    QUEUE_NAME,
    async (job: Job, token?: string) => {
      // BullMQ always passes a token to a processor function; without one, moveToDelayed and the steps could not be taken.
      if (token === undefined) throw new Error(`job ${job.id} came without a lock token`);
      inHand.set(job.id!, { job, token });
      try {
        await refuseForeign(job, token, location, settings, presence, pause, options.onRefused);
        switch (job.name) {
          case 'fetch-page':
            return await fetchPage(job as Job<FetchPageJobData>, token, context);
          case 'crawl-source':
            return await crawlSource(job as Job<CrawlSourceJobData>, token, context);
          case 'brief':
            return await brief(job as Job<BriefJobData>, context);
          default:
            throw new Error(`unknown job ${job.name}`);
        }
      } finally {
        inHand.delete(job.id!);
      }
    },
    { connection: options.connection, prefix: settings.prefix, concurrency: options.concurrency, ...recoveryOptions(settings.lockMs, MAX_STALLED) },
  );
  worker.on('completed', (job, result) => {
    options.onFinished({ id: job.id!, name: job.name, outcome: 'completed', ...purpose(job), attempts: job.attemptsMade, maxAttempts: job.opts.attempts ?? 1, result });
  });
  worker.on('failed', (job, err) => {
    if (!job) return options.onError(err);
    const maxAttempts = job.opts.attempts ?? 1;
    // BullMQ counts the attempt before it emits; a job failed for good (UnrecoverableError) or out of attempts is in the failed set.
    const dead = job.finishedOn !== undefined || job.attemptsMade >= maxAttempts;
    options.onFinished({ id: job.id!, name: job.name, outcome: dead ? 'failed' : 'retry', ...purpose(job), attempts: job.attemptsMade, maxAttempts, error: err.message });
  });
  worker.on('error', (err) => options.onError(err));
  await worker.waitUntilReady();
  let closing: Promise<void> | undefined;
  /** No more resuming, no more announcing: the worker is going. */
  const leave = async () => {
    stopping = true;
    clearTimeout(resumeTimer);
    await withdraw();
  };
  return {
    stop: () =>
      (closing ??= (async () => {
        await leave();
        await worker.close();
      })()),
    async release() {
      await leave();
      for (const { job, token } of inHand.values()) await job.moveToWait(token).catch(() => undefined);
      inHand.clear();
      await worker.close(true);
    },
    inHand: () => inHand.size,
  };
}
