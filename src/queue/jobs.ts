/**
 * The jobs of xinzhi's queue (BullMQ on Redis, docs/scale.md) and how a day is enqueued. One queue holds
 * three kinds of job, tied into one flow per issue date:
 *
 *   brief (compose, verify, render and record the issue)
 *     └─ crawl-source × each enabled source (its entry points → its fresh article links)
 *          └─ fetch-page × each fresh link (added by the crawl-source job as its own children)
 *
 * A parent runs once its children are done; `ignoreDependencyOnFailure` on every child means a child
 * out of attempts (a dead page, a source that cannot be read) is set aside, never blocking its parent,
 * and stays in the failed set: the dead-letter list `xinzhi jobs failed` reads. Every job has an id made
 * from what it is for — the date, the source, the URL's digest — so enqueuing twice adds nothing.
 */
import { createHash } from 'node:crypto';
import { FlowProducer, Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { LoadedConfig } from '../config/load.ts';
import type { SourceFailure } from '../pipeline/crawl.ts';
import { crawledSources } from '../pipeline/crawl.ts';
import type { ListedEntry } from '../pipeline/crawl.ts';
import type { SourceRun, Store } from '../store/store.ts';
import type { QueueSettings } from './settings.ts';

/** The one queue's name; its keys are `<prefix>:jobs:…`. */
export const QUEUE_NAME = 'jobs';

/** The kinds of job. */
export const JOB_NAMES = ['brief', 'crawl-source', 'fetch-page'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** A brief job: the issue of `date` (YYYY-MM-DD, Shanghai), recorded as run `runId` of the store. */
export interface BriefJobData {
  date: string;
  runId: number;
}

/**
 * A crawl-source job: one source's entry points for the issue of `date`. `step` and what follows are its
 * own progress (BullMQ's "process step jobs" pattern): after its lists were read it records what they
 * listed, adds a page job per fresh link as its child, and waits for them; run again (its children done,
 * or its worker killed), it goes on from the step it recorded.
 */
export interface CrawlSourceJobData {
  date: string;
  runId: number;
  sourceId: string;
  step?: 'pages';
  /** What each entry point listed (step pages). */
  lists?: ListedEntry[];
  /** The lists' part of the source's run, and what the lists cost and skipped (step pages). */
  read?: { run: SourceRun; pagesFetched: number; linksSkipped: number; failures: SourceFailure[] };
  /** Links a page job of another source holds today (one URL, one job): not this source's to wait for. */
  elsewhere?: string[];
}

/** A fetch-page job: one article page of source `sourceId`, for the issue of `date`, kept under run `runId`. */
export interface FetchPageJobData {
  date: string;
  runId: number;
  sourceId: string;
  url: string;
}

/** What a page job did: its document's address when kept (`already`: it was stored before the job ran), its failures. */
export interface PageResult {
  url: string;
  keptUrl?: string;
  already: boolean;
  /** Responses fetched: the page and its continuation pages. */
  fetched: number;
  failures: { url: string; reason: string; reasonEn: string }[];
}

/** What a crawl-source job did: the source's run as saved, with the counts a run's summary adds up. */
export interface SourceResult {
  sourceId: string;
  run: SourceRun;
  pagesFetched: number;
  documentsKept: string[];
  linksSkipped: number;
  failures: SourceFailure[];
}

/** What a brief job did. */
export interface BriefResult {
  date: string;
  outFolder: string;
  items: number;
  failedChecks: number;
  withheld: number;
}

/**
 * A job in the dead-letter list: its id and kind, what it was for (the issue date; the source; the page's
 * URL), the attempts it made, its last error (jobErrorText reads it in a language) and when it failed
 * (ISO 8601 UTC).
 */
export interface DeadLetter {
  id: string;
  name: string;
  date: string | null;
  sourceId: string | null;
  url: string | null;
  attempts: number;
  error: string;
  failedAt: string | null;
}

/**
 * The message a job fails with: BullMQ keeps one string (failedReason), so a UserError's two lines are
 * kept both, Chinese then English on the next line; any other error's one line as it is.
 */
export function jobErrorMessage(zh: string, en: string): string {
  return zh === en ? zh : `${zh}\n${en}`;
}

/** A failed job's reason (jobErrorMessage) in `lang`: the line of that language, or the one line there is. */
export function jobErrorText(reason: string, lang: 'zh' | 'en'): string {
  const [zh, en] = reason.split('\n');
  return (lang === 'en' ? (en ?? zh) : zh) ?? '';
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);

/** Job ids: what a job is for, so the same day, source or page is the same job (BullMQ refuses ':' in ids). */
export const jobIds = {
  brief: (date: string) => `brief-${date}`,
  crawlSource: (date: string, sourceId: string) => `crawl-${date}-${sourceId}`,
  fetchPage: (date: string, url: string) => `page-${date}-${digest(url)}`,
};

/**
 * Options every job gets: `attempts` tries with exponential backoff from `backoffMs`, completed jobs kept
 * `keepCompletedSeconds`, failed ones kept (the dead-letter list).
 */
export function jobOptions(settings: QueueSettings): JobsOptions {
  return {
    attempts: settings.attempts,
    backoff: { type: 'exponential', delay: settings.backoffMs },
    removeOnComplete: { age: settings.keepCompletedSeconds },
    removeOnFail: false,
  };
}

/** A child's options beside jobOptions: out of attempts, it is set aside and its parent goes on. */
export const childOptions: JobsOptions = { ignoreDependencyOnFailure: true };

/**
 * The queue as a producer or an admin uses it, on `connection` (the caller's; closed by the caller):
 * the Queue and a FlowProducer under the settings' prefix. close() closes them, not the connection.
 */
export class JobQueue {
  readonly queue: Queue;
  private readonly flows: FlowProducer;

  /**
   * `onError` is told of the connection's errors (Redis gone for a while): an EventEmitter's 'error' with no
   * listener would end the process. Without it they are let be: a command's call fails with its own error.
   */
  constructor(connection: Redis, readonly settings: QueueSettings, onError: (err: Error) => void = () => undefined) {
    this.queue = new Queue(QUEUE_NAME, { connection, prefix: settings.prefix, defaultJobOptions: jobOptions(settings) });
    this.flows = new FlowProducer({ connection, prefix: settings.prefix });
    this.queue.on('error', onError);
    this.flows.on('error', onError);
  }

  /**
   * Enqueues the issue of `date`: a brief job whose children are a crawl-source job per enabled source of
   * `loaded` (crawledSources). When the day's brief job is still held (waiting, active, done within
   * keepCompletedSeconds, or failed), nothing is added and no run is started: the answer says so with the
   * job's state. Otherwise a run is started in `store` (mode `queue`), its id carried by every job.
   */
  async enqueueDay(loaded: LoadedConfig, store: Store, date: string): Promise<{ added: boolean; briefId: string; state: string; sources: number; runId?: number }> {
    const briefId = jobIds.brief(date);
    const sources = crawledSources(loaded.sources);
    const held = await this.queue.getJob(briefId);
    if (held) return { added: false, briefId, state: await held.getState(), sources: sources.length };
    const runId = await store.startRun(date, 'queue');
    const options = jobOptions(this.settings);
    // A flow's parent waits for children it has; a catalog with nothing enabled gets the brief alone.
    if (sources.length === 0) {
      await this.queue.add('brief', { date, runId } satisfies BriefJobData, { ...options, jobId: briefId });
      return { added: true, briefId, state: 'waiting', sources: 0, runId };
    }
    await this.flows.add({
      name: 'brief',
      queueName: QUEUE_NAME,
      data: { date, runId } satisfies BriefJobData,
      opts: { ...options, jobId: briefId },
      children: sources.map((source) => ({
        name: 'crawl-source',
        queueName: QUEUE_NAME,
        data: { date, runId, sourceId: source.id } satisfies CrawlSourceJobData,
        opts: { ...options, ...childOptions, jobId: jobIds.crawlSource(date, source.id) },
      })),
    });
    return { added: true, briefId, state: 'waiting-children', sources: sources.length, runId };
  }

  /** How many jobs are in each state (BullMQ's: waiting, active, delayed, waiting-children, prioritized, completed, failed), and how many workers are connected. */
  async counts(): Promise<{ states: Record<string, number>; workers: number }> {
    const states = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'waiting-children', 'prioritized', 'completed', 'failed');
    return { states, workers: await this.queue.getWorkersCount() };
  }

  /** The dead-letter list: every job in the failed set, oldest failure first. */
  async failed(): Promise<DeadLetter[]> {
    const jobs = await this.queue.getFailed(0, -1);
    return jobs
      .filter((job) => job.id !== undefined)
      .map((job) => {
        const data = job.data as Partial<FetchPageJobData>;
        return {
          id: job.id!,
          name: job.name,
          date: data.date ?? null,
          sourceId: data.sourceId ?? null,
          url: data.url ?? null,
          attempts: job.attemptsMade,
          error: job.failedReason ?? '',
          failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
        };
      })
      .sort((a, b) => (a.failedAt ?? '').localeCompare(b.failedAt ?? '') || a.id.localeCompare(b.id));
  }

  /**
   * Sends a failed job back to wait with its attempts renewed; false when no job has that id, or the job
   * is not in the failed set (BullMQ retries only finished jobs).
   */
  async retry(id: string): Promise<boolean> {
    const job = await this.queue.getJob(id);
    if (!job || (await job.getState()) !== 'failed') return false;
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return true;
  }

  /**
   * Sends every failed job back to wait, attempts renewed as retry() does (Queue.retryJobs keeps the
   * attempts made, so a job out of them would fail again after one); resolves to how many went back.
   */
  async retryAll(): Promise<number> {
    let count = 0;
    for (const job of await this.queue.getFailed(0, -1)) {
      // A job retried or removed meanwhile (another `jobs retry`) is not counted.
      const retried = await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true }).then(() => true, () => false);
      if (retried) count++;
    }
    return count;
  }

  /** Closes the queue's and the flow producer's use of the connection. */
  async close(): Promise<void> {
    await this.flows.close();
    await this.queue.close();
  }
}
