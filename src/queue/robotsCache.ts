/**
 * robots.txt answers shared by every worker in the queue's Redis (the live fetcher's SharedRobots,
 * src/crawl/robots.ts), so that a host is asked for its robots.txt once per period across the whole fleet
 * rather than once by each worker's fetchers (docs/scale.md: three workers asked 4,000 more requests than
 * one process, all robots.txt).
 *
 * One key per origin, `<prefix>:robots:<origin>`, holding the answer as JSON (status, body, the network
 * failure, when it was fetched, the run it was fetched for) with a TTL: an hour for a file read or
 * unavailable (the life of a worker's fetchers), five minutes for an unreachable one — RFC 9309 §2.3.1.4
 * lets a crawler treat that as disallow-all, but a site that comes back should not be shut out for an
 * hour. A worker that finds no answer takes `<prefix>:robots-lock:<origin>` (SET NX PX) and fetches; one
 * that finds the lock taken waits for the holder's answer, up to a bound, then fetches itself. Every
 * command touches one key, as the host lease's do (src/queue/hostLease.ts), so it works on a Redis Cluster.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { robotsUnreachable, type RobotsRecord, type SharedRobots } from '../crawl/robots.ts';

/** How the answers are kept; times in ms. */
export interface RobotsCacheOptions {
  /** Namespace of the keys: `<queue prefix>:` (the answers are under `robots:`, the locks under `robots-lock:`). */
  keyPrefix: string;
  /** How long an answer read or unavailable (200, 4xx, a redirect) is kept. */
  ttlMs: number;
  /** How long an unreachable answer (5xx, no answer: everything disallowed) is kept. */
  unreachableTtlMs: number;
  /** How long the fetch lock of an origin lasts when its holder never frees it (a killed worker). */
  lockMs: number;
  /** The longest a worker waits for another's fetch before it fetches itself. */
  waitMs: number;
  /**
   * The run (the store's run id) of the fetchers using it, when known: an answer fetched for an older run
   * is asked again, as a worker makes its fetchers afresh for a newer run (src/queue/fetchers.ts) so that a
   * day run again after its sites were down does not meet the robots.txt they could not give then.
   */
  run?: number;
}

/** An answer as kept in Redis. */
interface Stored extends RobotsRecord {
  run: number | null;
}

/** Compare-and-delete: the lock is freed only by the worker that holds it. */
const releaseScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** The first pause of a worker waiting for another's fetch, ms, doubling up to POLL_MAX_MS. */
const POLL_FIRST_MS = 50;
const POLL_MAX_MS = 500;

/** The robots.txt answers in the queue's Redis; one per worker's fetchers (their run), on the worker's connection. */
export class RedisRobotsCache implements SharedRobots {
  /** `redis`: a connected client of the worker's (not BullMQ's blocking one). */
  constructor(private readonly redis: Redis, private readonly options: RobotsCacheOptions) {}

  /** The key of an origin's answer (for tests and for cleaning up). */
  key(origin: string): string {
    return `${this.options.keyPrefix}robots:${origin}`;
  }

  /** The key of an origin's fetch lock. */
  lockKey(origin: string): string {
    return `${this.options.keyPrefix}robots-lock:${origin}`;
  }

  async answer(origin: string, fetch: () => Promise<RobotsRecord>): Promise<{ record: RobotsRecord; ttlMs: number }> {
    const key = this.key(origin);
    const lock = this.lockKey(origin);
    const deadline = Date.now() + this.options.waitMs;
    for (let pause = POLL_FIRST_MS; ; pause = Math.min(2 * pause, POLL_MAX_MS)) {
      const kept = await this.read(key);
      if (kept) return kept;
      const token = randomUUID();
      if ((await this.redis.set(lock, token, 'PX', this.options.lockMs, 'NX')) === 'OK') {
        try {
          // Another worker may have stored its answer and freed the lock between the read and the SET.
          return (await this.read(key)) ?? (await this.fetchAndStore(key, fetch));
        } finally {
          // A failed release is let be: the lock expires after lockMs.
          await this.redis.eval(releaseScript, 1, lock, token).catch(() => undefined);
        }
      }
      // The holder is slow (retries, a long host wait) or gone: better one more request than a job stuck.
      const left = deadline - Date.now();
      if (left <= 0) return await this.fetchAndStore(key, fetch);
      await sleep(Math.min(pause, left));
    }
  }

  /** The answer kept under `key` and its time left, or undefined when there is none, it is of an older run, or it cannot be read. */
  private async read(key: string): Promise<{ record: RobotsRecord; ttlMs: number } | undefined> {
    const replies = await this.redis.multi().get(key).pttl(key).exec();
    const raw = replies?.[0]?.[1];
    const pttl = Number(replies?.[1]?.[1]);
    // PTTL -2: gone since the GET; -1: no expiry (never set so by this code): held for the usual time.
    if (typeof raw !== 'string' || pttl === -2) return undefined;
    const stored = parseStored(raw);
    if (!stored) return undefined;
    const { run } = this.options;
    if (run !== undefined && stored.run !== null && stored.run < run) return undefined;
    const record: RobotsRecord = { status: stored.status, body: stored.body, failure: stored.failure, fetchedAt: stored.fetchedAt };
    return { record, ttlMs: pttl > 0 ? pttl : this.options.ttlMs };
  }

  private async fetchAndStore(key: string, fetch: () => Promise<RobotsRecord>): Promise<{ record: RobotsRecord; ttlMs: number }> {
    const record = await fetch();
    const ttlMs = robotsUnreachable(record.status) ? this.options.unreachableTtlMs : this.options.ttlMs;
    const stored: Stored = { ...record, run: this.options.run ?? null };
    // The answer stands for this worker even when it cannot be shared (Redis gone: the host lease fails next anyway).
    await this.redis.set(key, JSON.stringify(stored), 'PX', ttlMs).catch(() => undefined);
    return { record, ttlMs };
  }
}

/** A kept answer, or undefined when the text is not one (written by another version, say): asked again. */
function parseStored(raw: string): Stored | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const statusOk = v.status === null || typeof v.status === 'number';
  const failure = v.failure as Record<string, unknown> | null | undefined;
  const failureOk = failure === null || (typeof failure === 'object' && typeof failure.kind === 'string' && typeof failure.zh === 'string' && typeof failure.en === 'string' && typeof failure.url === 'string');
  const runOk = v.run === null || typeof v.run === 'number';
  if (!statusOk || !failureOk || !runOk || typeof v.body !== 'string' || typeof v.fetchedAt !== 'string') return undefined;
  return value as Stored;
}
