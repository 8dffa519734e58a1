import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { HostLease, HostLeaseLimits, LeaseGrant } from '../domain/hostLease.ts';

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
