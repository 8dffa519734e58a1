/**
 * The jobs of xinzhi's queue (BullMQ on Redis, docs/scale.md) and how a day is enqueued. One queue holds
 * three kinds of job, tied into one flow per issue date:
 *
 *   brief (compose, verify, render and record the issue)
 *     └─ crawl-source × each enabled source (its entry points → its fresh article links)
 *          └─ fetch-page × each fresh link (added by the crawl-source job as its own children)
 *
 * With config/briefs/ (README "Several briefs from one crawl") the crawl-source jobs are the union of the
 * briefs' sources, each once, and the one brief job writes every brief the day was enqueued for (its data
 * names them), each into its own store — a BullMQ child has one parent, so one crawl cannot feed a brief
 * job per brief; the job reports each brief's outcome instead.
 *
 * A parent runs once its children are done; `ignoreDependencyOnFailure` on every child means a child
 * out of attempts (a dead page, a source that cannot be read) is set aside, never blocking its parent,
 * and stays in the failed set: the dead-letter list `xinzhi jobs failed` reads. Every job has an id made
 * from what it is for — the date, the source, the URL's digest — so enqueuing twice adds nothing.
 */
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { FlowProducer, Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { LoadedConfig } from '../config/load.ts';
import type { SourceFailure } from '../pipeline/crawl.ts';
import { crawledSources } from '../pipeline/crawl.ts';
import type { ListedEntry } from '../pipeline/crawl.ts';
import { crawlOfBriefs } from '../config/briefs.ts';
import type { SourceRun, Store } from '../store/store.ts';
import { UserError } from '../util/errors.ts';
import type { QueueSettings } from './settings.ts';

/** The one queue's name; its keys are `<prefix>:jobs:…`. */
export const QUEUE_NAME = 'jobs';

/** The kinds of job. */
export const JOB_NAMES = ['brief', 'crawl-source', 'fetch-page'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/**
 * What every job's data carries beside its own: the store the day was enqueued on (Store.location: the
 * SQLite file, or the PostgreSQL address without its password), which a worker on another store refuses
 * (src/queue/worker.ts; absent in jobs enqueued before it was recorded, which any worker takes), and the
 * refusals so far while no worker of that store has taken the job: how many, and `since` (ms since 1970)
 * the first refusal or, when later, the last refusal that found a worker of that store online
 * (src/queue/storePresence.ts) — the job fails for good 2 × lockMs after it.
 */
export interface StoreBound {
  store?: string;
  refused?: { since: number; count: number };
}

/**
 * A brief job: the issue of `date` (YYYY-MM-DD, Shanghai), recorded as run `runId` of the store. `briefs`:
 * the ids of config/briefs/ it writes, each into out/<id>/<date>/ and its own store; absent, the main config's
 * one brief into out/<date>/. `settled`: the briefs an earlier attempt wrote, or found published by the desk,
 * which a retry does not write again.
 */
export interface BriefJobData extends StoreBound {
  date: string;
  runId: number;
  briefs?: string[];
  settled?: BriefLine[];
}

/**
 * A crawl-source job: one source's entry points for the issue of `date`. `step` and what follows are its
 * own progress (BullMQ's "process step jobs" pattern): after its lists were read it records what they
 * listed, adds a page job per fresh link as its child, and waits for them; run again (its children done,
 * or its worker killed), it goes on from the step it recorded.
 */
export interface CrawlSourceJobData extends StoreBound {
  date: string;
  runId: number;
  sourceId: string;
  /** The days of the longest window of the briefs the day was enqueued for (absent: the worker's config's). */
  windowDays?: number;
  step?: 'pages';
  /** What each entry point listed (step pages). */
  lists?: ListedEntry[];
  /** The lists' part of the source's run, and what the lists cost and skipped (step pages). */
  read?: { run: SourceRun; pagesFetched: number; linksSkipped: number; failures: SourceFailure[] };
  /** Links a page job of another source holds today (one URL, one job): not this source's to wait for. */
  elsewhere?: string[];
}

/** A fetch-page job: one article page of source `sourceId`, for the issue of `date`, kept under run `runId`. */
export interface FetchPageJobData extends StoreBound {
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

/** What a brief job of the main config's one brief did: its issue's folder and counts. */
export interface BriefResult {
  date: string;
  outFolder: string;
  items: number;
  failedChecks: number;
  withheld: number;
}

/**
 * One brief's part of a brief job of several (BriefsResult): written (its folder and counts), or not, with
 * its error in jobErrorMessage's form and whether it was refused because the desk has published the issue
 * (writing again would never cure it).
 */
export type BriefLine = { id: string; title: string } & (
  | { ok: true; outFolder: string; items: number; failedChecks: number; withheld: number }
  | { ok: false; error: string; published: boolean }
);

/** What a brief job of config/briefs/ did: each brief's outcome, in the order its data names them. */
export interface BriefsResult {
  date: string;
  briefs: BriefLine[];
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

/**
 * Whether two store locations (Store.location) name the same store: SQLite files by their real path; PostgreSQL
 * addresses by host, port (default 5432), database and schema (default xinzhi), whatever user connects —
 * two workers may sign in as different roles to one database. Two names of one host (an alias, an IP
 * address) still count as two stores: a location cannot tell them apart.
 */
export function sameStore(a: string, b: string): boolean {
  return storeKey(a) === storeKey(b);
}

/** What sameStore compares: a store location (Store.location) reduced to what names the store. */
export function storeKey(location: string): string {
  if (!/^postgres(ql)?:\/\//i.test(location)) {
    // One SQLite file reached through a symbolic link is still one store; a path missing here is another machine's.
    try {
      return realpathSync(location);
    } catch {
      return location;
    }
  }
  try {
    const url = new URL(location);
    return `postgres://${url.hostname.toLowerCase()}:${url.port || '5432'}${url.pathname}?schema=${url.searchParams.get('schema') ?? 'xinzhi'}`;
  } catch {
    return location;
  }
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
   * `loaded` (crawledSources), each job's data naming `store` (its location: the store every job of the
   * day must be run on). With `briefs` (config/briefs/, loadBriefs; empty or absent: the main config's one
   * brief), the crawl-source jobs are the union of their sources, each once, looking back as far as the
   * longest window (crawlOfBriefs, as `run` crawls), and the brief job names them all (BriefJobData.briefs). When the day's brief job is still held (waiting, active, done within
   * keepCompletedSeconds, or failed), nothing is added and no run is started: the answer says so with the
   * job's state — unless `again` is given and that job has finished (completed or failed), in which case
   * the day's earlier jobs are removed first (removeDay) and the day is enqueued anew. `again` on a day
   * still in progress throws a UserError naming its state. Otherwise a run is started in `store` (mode
   * `queue`), its id carried by every job. `removed`: how many earlier jobs of the day were removed.
   */
  async enqueueDay(
    loaded: LoadedConfig,
    store: Store,
    date: string,
    options: { again?: boolean; briefs?: readonly LoadedConfig[] } = {},
  ): Promise<{ added: boolean; briefId: string; state: string; sources: number; briefs?: string[]; runId?: number; removed?: number }> {
    const briefId = jobIds.brief(date);
    const briefs = options.briefs ?? [];
    const crawl = briefs.length > 0 ? crawlOfBriefs(loaded, briefs) : loaded;
    const sources = crawledSources(crawl.sources);
    const ofBriefs = briefs.length > 0 ? { briefs: briefs.map((brief) => brief.scope!.id) } : {};
    const held = await this.queue.getJob(briefId);
    if (held) {
      const state = await held.getState();
      if (!options.again) return { added: false, briefId, state, sources: sources.length, ...ofBriefs };
      if (state !== 'completed' && state !== 'failed') {
        throw new UserError(
          `期号 ${date} 仍在队列中进行（${briefId}，状态 ${state}）：等它完成或失败后再用 --again 重新运行`,
          `issue ${date} is still in progress in the queue (${briefId}, ${state}): run it again with --again once it has finished or failed`,
        );
      }
    }
    // The earlier day's jobs go first: a new crawl-source or page job under an id still held would not be added.
    const removed = await this.removeDay(date);
    const runId = await store.startRun(date, 'queue');
    const jobOptionsOf = jobOptions(this.settings);
    const bound = { store: store.location };
    const answer = { added: true, briefId, sources: sources.length, ...ofBriefs, runId, ...(removed > 0 ? { removed } : {}) };
    const briefData = { date, runId, ...bound, ...ofBriefs } satisfies BriefJobData;
    const window = briefs.length > 0 ? { windowDays: crawl.config.selection.windowDays } : {};
    // A flow's parent waits for children it has; a catalog with nothing enabled gets the brief alone.
    if (sources.length === 0) {
      await this.queue.add('brief', briefData, { ...jobOptionsOf, jobId: briefId });
      return { ...answer, state: 'waiting' };
    }
    await this.flows.add({
      name: 'brief',
      queueName: QUEUE_NAME,
      data: briefData,
      opts: { ...jobOptionsOf, jobId: briefId },
      children: sources.map((source) => ({
        name: 'crawl-source',
        queueName: QUEUE_NAME,
        data: { date, runId, sourceId: source.id, ...bound, ...window } satisfies CrawlSourceJobData,
        opts: { ...jobOptionsOf, ...childOptions, jobId: jobIds.crawlSource(date, source.id) },
      })),
    });
    return { ...answer, state: 'waiting-children' };
  }

  /**
   * Removes every job the queue holds for the issue of `date` — its brief job with its crawl-source and
   * page children (the flow), and any of them left without it (a failed page or source outlives its brief,
   * which is removed keepCompletedSeconds after it completed) — found by their ids (jobIds: `brief-D`,
   * `crawl-D-…`, `page-D-…`). Resolves to how many were removed. A job a worker holds (active, locked)
   * is not removed: a UserError names it. The caller makes sure the day is not in progress.
   */
  async removeDay(date: string): Promise<number> {
    const briefId = jobIds.brief(date);
    const ofDay = (id: string) => id === briefId || id.startsWith(`crawl-${date}-`) || id.startsWith(`page-${date}-`);
    const held = await this.queue.getRanges(['active', 'waiting', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'], 0, -1);
    const ids = held.filter(ofDay);
    // The brief first, with its whole tree (BullMQ's removeChildren follows processed, failed and ignored
    // children); then what is left without it. A job gone with its brief's tree is skipped.
    for (const id of [...ids.filter((id) => id === briefId), ...ids.filter((id) => id !== briefId)]) {
      if (!(await this.queue.getJob(id))) continue;
      if ((await this.queue.remove(id, { removeChildren: true })) === 0) {
        throw new UserError(`任务 ${id} 正由工作进程处理，无法移除：等它结束后再试`, `job ${id} is being run by a worker and cannot be removed: try again once it has finished`);
      }
    }
    return ids.length;
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
