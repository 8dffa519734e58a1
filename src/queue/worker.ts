/**
 * A worker process's BullMQ Worker: it takes the queue's jobs (src/queue/jobs.ts) up to a concurrency,
 * runs them (src/queue/handlers.ts), tells of each finished one, and stops cleanly. Any number of these
 * run on any number of machines, sharing Redis and the store.
 */
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { brief, crawlSource, fetchPage, type JobContext } from './handlers.ts';
import { QUEUE_NAME, type BriefJobData, type CrawlSourceJobData, type FetchPageJobData } from './jobs.ts';
import { recoveryOptions, type QueueSettings } from './settings.ts';

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
  /** Told of BullMQ's own errors (a lost connection, a lock it could not renew). */
  onError: (err: Error) => void;
}

/** What a job was for, from its data. */
function purpose(job: Job): Pick<FinishedJob, 'date' | 'sourceId' | 'url'> {
  const data = job.data as Partial<FetchPageJobData>;
  return { date: data.date ?? null, sourceId: data.sourceId ?? null, url: data.url ?? null };
}

/** Starts a worker on the queue of `settings`; resolves once it is connected and taking jobs. */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { settings, context } = options;
  const inHand = new Map<string, { job: Job; token: string }>();
  const worker = new Worker(
    QUEUE_NAME,
    async (job: Job, token?: string) => {
      // BullMQ always passes a token to a processor function; without one, moveToDelayed and the steps could not be taken.
      if (token === undefined) throw new Error(`job ${job.id} came without a lock token`);
      inHand.set(job.id!, { job, token });
      try {
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
  let stopping: Promise<void> | undefined;
  return {
    stop: () => (stopping ??= worker.close()),
    async release() {
      for (const { job, token } of inHand.values()) await job.moveToWait(token).catch(() => undefined);
      inHand.clear();
      await worker.close(true);
    },
    inHand: () => inHand.size,
  };
}
