import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Per-host politeness shared by every worker on every machine: a lease per host kept in the queue
 * engine's store, so that the rule of src/crawl/politeness.ts holds across processes and not just inside
 * one. The rule: at most one request in flight to a host; a request starts at least the host's delay
 * after the previous one started and after the previous one ended. Time is the store's clock (Redis TIME,
 * PostgreSQL clock_timestamp()), never a worker's, so machines with skewed clocks still agree.
 *
 * A worker calls acquire() before sending and release() once the response (or the error) is in. A holder
 * that never releases (a worker killed mid-request) loses the lease after `leaseMs`; the spacing from that
 * request's start still holds.
 */
export interface HostLease {
  /**
   * Tries to take `host` for one request now. `holder` names this one request (unique per acquisition,
   * e.g. worker id + job id + attempt): release() only frees a lease its holder still has.
   * Returns a grant, or how long to wait before trying again. Throws what the store's client throws.
   */
  acquire(host: string, holder: string): Promise<LeaseGrant>;
  /**
   * Ends the request of `holder` on `host`: the lease is freed and the next start put at least the
   * host's delay from now. Returns false (and changes nothing) when the holder no longer has the lease
   * (it expired and another took it, or it was released already).
   */
  release(host: string, holder: string): Promise<boolean>;
}

/**
 * The answer of acquire(): granted, or refused with `waitMs` (ms, ≥ 1, by the store's clock) until the
 * host may be free. While a request is in flight its end is unknown, so the wait is then a guess: the
 * spacing from its start, or a tenth of the delay when that has passed.
 */
export type LeaseGrant = { granted: true } | { granted: false; waitMs: number };

/** The limits of a shared host lease. */
export interface HostLeaseLimits {
  /** Spacing for a host, ms: hostDelayMs, or a Crawl-delay learnt from robots.txt. */
  delayMs: (host: string) => number;
  /**
   * How long a lease outlives a holder that never releases it, ms. Must exceed the longest a request may
   * take (the fetcher's requestDeadlineMs), or a slow request could still be in flight when the next starts.
   */
  leaseMs: number;
}

// One hash per host: holder, until (lease end) and next (earliest next start), in ms by the server's clock.
// The key expires once both are past, so hosts not crawled for a while leave nothing behind.
const acquireScript = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local delay = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'holder', 'until', 'next')
local leaseUntil = tonumber(state[2]) or 0
local nextAt = tonumber(state[3]) or 0
if state[1] and leaseUntil > now then
  return math.max(nextAt - now, math.ceil(delay / 10), 1)
end
if nextAt > now then return nextAt - now end
leaseUntil = now + tonumber(ARGV[3])
nextAt = now + delay
redis.call('HSET', KEYS[1], 'holder', ARGV[1], 'until', leaseUntil, 'next', nextAt)
redis.call('PEXPIREAT', KEYS[1], math.max(leaseUntil, nextAt))
return 0
`;

const releaseScript = `
if redis.call('HGET', KEYS[1], 'holder') ~= ARGV[1] then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local nextAt = math.max(tonumber(redis.call('HGET', KEYS[1], 'next')) or 0, now + tonumber(ARGV[2]))
redis.call('HDEL', KEYS[1], 'holder', 'until')
redis.call('HSET', KEYS[1], 'next', nextAt)
redis.call('PEXPIREAT', KEYS[1], nextAt)
return 1
`;

/**
 * The lease in Redis (the store BullMQ uses): one hash per host under `prefix`, changed only by a Lua
 * script, so each acquire or release is one atomic round trip. One key per call, so it works on a Redis
 * Cluster too.
 */
export class RedisHostLease implements HostLease {
  private readonly scripts = { acquire: sha1(acquireScript), release: sha1(releaseScript) };

  /** `redis`: a connected client (not one in subscriber mode); `prefix`: namespace of the host keys. */
  constructor(private readonly redis: Redis, private readonly limits: HostLeaseLimits, private readonly prefix = 'xinzhi:host:') {}

  async acquire(host: string, holder: string): Promise<LeaseGrant> {
    const wait = Number(await this.run('acquire', acquireScript, host, [holder, this.limits.delayMs(host), this.limits.leaseMs]));
    return wait === 0 ? { granted: true } : { granted: false, waitMs: wait };
  }

  async release(host: string, holder: string): Promise<boolean> {
    return Number(await this.run('release', releaseScript, host, [holder, this.limits.delayMs(host)])) === 1;
  }

  /** The key that holds a host's state (for tests and for cleaning up). */
  key(host: string): string {
    return this.prefix + host;
  }

  // EVALSHA saves sending the script on every call; a server that has not seen it yet (a restart, a
  // SCRIPT FLUSH) answers NOSCRIPT once and gets the full text.
  private async run(name: keyof typeof this.scripts, script: string, host: string, args: (string | number)[]): Promise<unknown> {
    try {
      return await this.redis.evalsha(this.scripts[name], 1, this.key(host), ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return await this.redis.eval(script, 1, this.key(host), ...args);
    }
  }
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
