/**
 * A worker's fetchers: the live fetcher of src/crawl/fromConfig.ts, its every request taken in turn with
 * the other workers through the host lease (SharedHostGate), its responses archived in a WARC file of the
 * worker's own. Two of them, as the two kinds of crawl job need:
 *
 * - `lists`, for a crawl-source job's entry points: the config's retries, the browser for `fetch: browser`
 *   sources, and no limit on the wait for a host (a source's lists are read in one go: deferring the job
 *   half way would read them all again);
 * - `pages`, for a fetch-page job: no retries of the page inside the attempt (the queue retries the job,
 *   with backoff; robots.txt keeps the config's retries), and a host busy for longer than twice its delay
 *   throws HostBusyError, so the job goes back to the queue without holding a worker slot.
 *
 * Both read robots.txt through the answers shared by every worker in Redis (RedisRobotsCache): a host is
 * asked for it once an hour by the whole fleet (once in five minutes while it cannot be fetched), not
 * once by each worker's fetchers; an answer fetched for an older run is asked again.
 *
 * A fetcher keeps what it learnt of a site for its life (a Crawl-delay, an open circuit), so a
 * worker makes them again every hour, and whenever a job of a newer run than any it has seen comes (a day
 * enqueued, or enqueued again with --again), as a run makes them each morning: a day whose sites were down
 * (robots.txt unreachable: nothing fetched, per RFC 9309) is crawled afresh once they are back. The archive is the Shanghai
 * day's file `archives/<day>.worker-<host>-<pid>.warc.gz` in the data folder: one writer per file
 * (WarcWriter's rule), and a replay of the folder reads every file in it.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import type { Config, Source } from '../config/schema.ts';
import type { BrowserFetcher } from '../crawl/browser.ts';
import type { Fetcher } from '../crawl/fetcher.ts';
import { browserFetcherFromConfig, liveFetcherFromConfig } from '../crawl/fromConfig.ts';
import { WarcWriter, type ArchiveDamage } from '../crawl/warc.ts';
import { shanghaiDay } from '../util/time.ts';
import { RedisRobotsCache } from './robotsCache.ts';
import { SharedHostGate } from './sharedHosts.ts';

/** An hour's fetchers and what they hold open. */
interface HourFetchers {
  hour: number;
  lists: Fetcher;
  pages: Fetcher;
  browser: BrowserFetcher;
  archive: WarcWriter;
}

/** How a worker's fetchers are made. */
export interface WorkerFetcherOptions {
  crawl: Config['crawl'];
  sources: readonly Source[];
  /** A connected client for the host leases. */
  redis: Redis;
  /** Namespace of the lease keys: `<queue prefix>:host:`. */
  leaseKeyPrefix: string;
  /** Namespace of the shared robots.txt answers and their locks: `<queue prefix>:` (RedisRobotsCache). */
  robotsKeyPrefix: string;
  dataDir: string;
  /** Names this worker in the lease holders. */
  workerId: string;
  onArchiveDamage?: (damage: ArchiveDamage) => void;
}

const HOUR_MS = 3600_000;
/**
 * How long the fleet remembers a robots.txt that could not be fetched (5xx, no answer), ms: RFC 9309
 * §2.3.1.4 has the crawler stay out meanwhile, briefly, so a site back up is crawled again soon.
 */
export const ROBOTS_UNREACHABLE_TTL_MS = 5 * 60 * 1000;
/** Grace given an hour's fetchers once the next hour's were made, for the jobs still using them, ms. */
const RETIRE_AFTER_MS = 10 * 60 * 1000;

/** The fetchers of a worker process, made again each hour; close() when the worker stops. */
export class WorkerFetchers {
  private current: HourFetchers | undefined;
  private readonly retiring = new Set<HourFetchers>();
  /** The day's archive, shared by that day's fetchers. */
  private archive: { day: string; writer: WarcWriter } | undefined;
  /** The newest run (the store's run id) a job has brought. */
  private run: number | undefined;

  constructor(private readonly options: WorkerFetcherOptions) {}

  /**
   * The fetchers for a job of run `runId` (the store's run its day was enqueued under): this hour's, made
   * on first use in it, or anew when `runId` is newer than any run seen before. A job of an older run
   * uses the current ones: two days in flight do not make them over and over.
   */
  now(runId?: number): { lists: Fetcher; pages: Fetcher } {
    const hour = Math.floor(Date.now() / HOUR_MS);
    const newRun = runId !== undefined && this.run !== undefined && runId > this.run;
    if (runId !== undefined && (this.run === undefined || runId > this.run)) this.run = runId;
    if (this.current?.hour !== hour || newRun) {
      const old = this.current;
      if (old) {
        this.retiring.add(old);
        setTimeout(() => void this.retire(old), RETIRE_AFTER_MS).unref();
      }
      this.current = this.make(hour);
    }
    return this.current;
  }

  /** The archive of the Shanghai day of now. */
  private archiveOfToday(): WarcWriter {
    const day = shanghaiDay(new Date().toISOString());
    if (this.archive?.day !== day) {
      const path = join(this.options.dataDir, 'archives', `${day}.worker-${hostname()}-${process.pid}.warc.gz`);
      this.archive = { day, writer: new WarcWriter(path, this.options.onArchiveDamage) };
    }
    return this.archive.writer;
  }

  private make(hour: number): HourFetchers {
    const { crawl, sources, redis, leaseKeyPrefix, robotsKeyPrefix, workerId } = this.options;
    const archive = this.archiveOfToday();
    const onResponse = (response: Parameters<WarcWriter['append']>[0]) => archive.append(response);
    // A lease outlives the longest request, so a killed worker's host is free again soon after (docs/scale.md).
    const leaseMs = crawl.requestDeadlineMs + 1000;
    const waiting = new SharedHostGate(redis, { keyPrefix: leaseKeyPrefix, leaseMs, budgetMs: () => Infinity, workerId });
    const deferring = new SharedHostGate(redis, { keyPrefix: leaseKeyPrefix, leaseMs, budgetMs: (delayMs) => Math.max(2 * delayMs, 500), workerId });
    // An answer lives as long as a worker's fetchers; a worker waits for another's fetch of robots.txt about
    // as long as one request may take (the lock of a killed worker is free by then), then fetches itself.
    const sharedRobots = new RedisRobotsCache(redis, { keyPrefix: robotsKeyPrefix, ttlMs: HOUR_MS, unreachableTtlMs: ROBOTS_UNREACHABLE_TTL_MS, lockMs: leaseMs, waitMs: leaseMs, run: this.run });
    const browser = browserFetcherFromConfig(crawl, liveFetcherFromConfig(crawl, sources, { onResponse, sharedHosts: waiting, sharedRobots }), { onRendered: (rendered) => archive.appendRendered(rendered) });
    const pages = liveFetcherFromConfig({ ...crawl, retries: 0 }, sources, { onResponse, sharedHosts: deferring, robotsRetries: crawl.retries, sharedRobots });
    return { hour, lists: browser, pages, browser, archive };
  }

  private async retire(fetchers: HourFetchers): Promise<void> {
    if (!this.retiring.delete(fetchers)) return;
    await fetchers.browser.close();
    // A day's archive is closed once no fetchers of that day are left (a late append would open it again).
    const inUse = [this.current, ...this.retiring].some((other) => other?.archive === fetchers.archive);
    if (!inUse) await fetchers.archive.close();
  }

  /** Closes the browsers and archive files still open. */
  async close(): Promise<void> {
    for (const fetchers of [...this.retiring]) await this.retire(fetchers);
    if (this.current) {
      await this.current.browser.close();
      await this.current.archive.close();
      this.current = undefined;
    }
    await this.archive?.writer.close();
  }
}
