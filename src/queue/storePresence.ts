/**
 * Which stores have a worker online, as Redis tells every worker of a queue (its prefix). BullMQ cannot
 * route a job to some workers only, so a worker refuses a job enqueued for another store and hands it back
 * (src/queue/worker.ts); to hand it back well it must know whether a worker of that store is there to take
 * it. Each worker announces its store: one sorted set per store, `<prefix>:store-workers:<digest of the
 * store's key>`, whose members are worker ids scored with the instant (Redis' clock, ms) their
 * announcement lapses. A worker announces every third of the time-to-live and withdraws when it stops; a
 * killed one lapses by itself. Redis' own clock (TIME) is read in the scripts, so machines whose clocks
 * differ agree on who is online.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { storeKey } from './jobs.ts';

/** Adds or renews KEYS[1]'s member ARGV[1] until now + ARGV[2] ms, drops lapsed members, keeps the set as long. */
const ANNOUNCE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('PEXPIRE', KEYS[1], ttl)
return 1`;

/** How many of KEYS[1]'s members have not lapsed. */
const ONLINE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf')`;

/** A worker's view of the stores' presence under one queue prefix. */
export class StorePresence {
  /**
   * `redis`: the caller's connection (never closed here); `prefix`: the queue's; `ttlMs`: how long an
   * announcement lasts (the worker passes lockMs: a killed worker is gone from it within that).
   */
  constructor(private readonly redis: Redis, private readonly prefix: string, readonly ttlMs: number) {}

  /** The key of a store's set: its location (Store.location) reduced by storeKey, so two names of one store share it. */
  key(location: string): string {
    return `${this.prefix}:store-workers:${createHash('sha256').update(storeKey(location)).digest('hex').slice(0, 24)}`;
  }

  /** Announces worker `workerId` on the store at `location` for ttlMs. Rejects with Redis' error. */
  async announce(location: string, workerId: string): Promise<void> {
    await this.redis.eval(ANNOUNCE, 1, this.key(location), workerId, String(this.ttlMs));
  }

  /** Withdraws worker `workerId` from the store at `location` (a worker that stops). Rejects with Redis' error. */
  async withdraw(location: string, workerId: string): Promise<void> {
    await this.redis.zrem(this.key(location), workerId);
  }

  /** Whether a worker of the store at `location` is online (announced within ttlMs). Rejects with Redis' error. */
  async online(location: string): Promise<boolean> {
    return Number(await this.redis.eval(ONLINE, 1, this.key(location))) > 0;
  }

  /**
   * Announces `workerId` on `location` now (awaited, so a worker is known before it takes a job) and every
   * third of ttlMs after; resolves to a function that stops announcing and withdraws it. A failed
   * renewal is told to `onError` (the next may succeed: a lapse only makes refused jobs wait less).
   */
  async keepAnnounced(location: string, workerId: string, onError: (err: Error) => void): Promise<() => Promise<void>> {
    await this.announce(location, workerId);
    const timer = setInterval(() => void this.announce(location, workerId).catch(onError), Math.max(100, Math.floor(this.ttlMs / 3)));
    timer.unref();
    return async () => {
      clearInterval(timer);
      await this.withdraw(location, workerId).catch(onError);
    };
  }
}
