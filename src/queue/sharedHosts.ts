/**
 * Turns at hosts shared by every worker: the live fetcher's HostTurns (src/domain/hostLease.ts) over the
 * host lease in Redis (src/queue/hostLease.ts). A request waits for its host up to a budget; a host busy
 * for longer makes the job go back to the queue to run later without spending an attempt (docs/scale.md:
 * "a job waits in the worker for its host up to twice the host delay and is then moved to the delayed set").
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { HostBusyError, type HostLease, type HostTurns } from '../domain/hostLease.ts';
import { RedisHostLease } from './hostLease.ts';

/**
 * Takes `host` for `holder` (a name unique to this one request), waiting while it is busy for at most
 * `budgetMs` in all. Resolves to true when taken, or to the wait still ahead (ms, by the lease's clock)
 * when taking it would pass the budget. Throws what the lease's store throws. Shared by the workers and
 * by the queue bench (bench/queueWorker.ts).
 */
export async function waitForHost(lease: HostLease, host: string, holder: string, budgetMs: number): Promise<true | { waitMs: number }> {
  for (let waited = 0; ; ) {
    const grant = await lease.acquire(host, holder);
    if (grant.granted) return true;
    if (waited + grant.waitMs > budgetMs) return { waitMs: grant.waitMs };
    await sleep(grant.waitMs);
    waited += grant.waitMs;
  }
}

/** How a worker's turns are kept. */
export interface SharedHostOptions {
  /** Namespace of the lease keys in Redis (`<queue prefix>:host:`). */
  keyPrefix: string;
  /** A lease a killed worker never gave back is free after this, ms: more than the longest request (requestDeadlineMs). */
  leaseMs: number;
  /** The longest a request waits for its host, ms, given the host's spacing; Infinity waits as long as it takes. */
  budgetMs: (delayMs: number) => number;
  /** Names the worker in each holder, for whoever reads the keys. */
  workerId: string;
}

/**
 * The fetcher's turns from the lease in Redis. Each take() is a new holder; the host's spacing is the
 * one the fetcher gives with the call (its robots.txt Crawl-delay included), carried to the lease's
 * script. A release that fails (Redis gone) is let be: the lease expires after leaseMs.
 */
export class SharedHostGate implements HostTurns {
  private readonly lease: RedisHostLease;
  /** The spacing last asked for per host: the lease reads it through its limits when it runs a script. */
  private readonly delays = new Map<string, number>();

  /** `redis`: a connected client of the worker's (not BullMQ's blocking one). */
  constructor(redis: Redis, private readonly options: SharedHostOptions) {
    this.lease = new RedisHostLease(redis, { delayMs: (host) => this.delays.get(host) ?? 0, leaseMs: options.leaseMs }, options.keyPrefix);
  }

  async take(host: string, delayMs: number): Promise<() => Promise<void>> {
    this.delays.set(host, delayMs);
    const holder = `${this.options.workerId}:${randomUUID()}`;
    const taken = await waitForHost(this.lease, host, holder, this.options.budgetMs(delayMs));
    if (taken !== true) throw new HostBusyError(host, taken.waitMs);
    return async () => {
      // The spacing after this request is the one it was taken with.
      this.delays.set(host, delayMs);
      await this.lease.release(host, holder).catch(() => undefined);
    };
  }
}
