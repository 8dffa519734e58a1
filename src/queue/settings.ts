/**
 * The job queue's settings and its connection to Redis: what `xinzhi worker` and `xinzhi jobs` read from
 * the config's `queue:` key (src/config/schema.ts) and XINZHI_REDIS, and the one connection each process
 * opens, refused with one line naming the address when Redis cannot be reached.
 */
import { Redis } from 'ioredis';
import type { Config } from '../config/schema.ts';
import { UserError } from '../util/errors.ts';

/** The queue as a process uses it; times in ms. */
export interface QueueSettings {
  /** The Redis address, credentials and all (never printed: see redisAddress). */
  redisUrl: string;
  /** The namespace of the queue's keys and of the host leases' keys. */
  prefix: string;
  /** Tries of a job, the first included. */
  attempts: number;
  /** The first retry's delay, doubling after each failure. */
  backoffMs: number;
  /** A job's lock; a killed worker's jobs are handed out again within about 1.5 × lockMs. */
  lockMs: number;
  /** How long completed jobs are kept, in seconds. */
  keepCompletedSeconds: number;
}

/**
 * The settings of the config's `queue:` key, its defaults filled in: attempts from crawl.retries + 1 and
 * backoffMs from crawl.retryBaseMs when not given (docs/scale.md: the queue's retries stand in for the
 * fetcher's); XINZHI_REDIS in `env`, when set, overrides the address.
 */
export function queueSettings(config: Config, env: NodeJS.ProcessEnv = process.env): QueueSettings {
  const queue = config.queue;
  const fromEnv = env.XINZHI_REDIS;
  return {
    redisUrl: fromEnv !== undefined && fromEnv !== '' ? fromEnv : (queue?.redis ?? 'redis://127.0.0.1:6379'),
    prefix: queue?.prefix ?? 'xinzhi',
    attempts: queue?.attempts ?? config.crawl.retries + 1,
    backoffMs: queue?.backoffMs ?? config.crawl.retryBaseMs,
    lockMs: queue?.lockMs ?? 30_000,
    keepCompletedSeconds: queue?.keepCompletedSeconds ?? 600,
  };
}

/**
 * How a worker finds a killed worker's jobs (docs/scale.md): a job's lock lasts `lockMs` and is renewed
 * every half of it while its worker lives; the stalled check runs every half of it too, so a dead worker's
 * jobs are back in about 1.5 × lockMs at most. A stall does not spend an attempt; a job stalled more than
 * `maxStalledCount` times fails. Shared with the queue bench (bench/queueEngines.ts).
 */
export function recoveryOptions(lockMs: number, maxStalledCount: number): { lockDuration: number; stalledInterval: number; maxStalledCount: number } {
  return { lockDuration: lockMs, stalledInterval: Math.round(lockMs / 2), maxStalledCount };
}

/** A Redis address as messages show it: scheme, host, port and database, never a user or a password. */
export function redisAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname.length > 1 ? parsed.pathname : ''}`;
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}

/** How long a first connection may take before Redis counts as unreachable, ms. */
const CONNECT_TIMEOUT_MS = 5000;

/**
 * Connects to the queue's Redis. The first connection is tried once: an address that is not redis:// or
 * rediss://, a refused connection, an unknown host or a timeout rejects with a UserError naming the
 * address (credentials left out). Once connected, a lost connection is retried every half second or so,
 * as BullMQ needs (maxRetriesPerRequest null: commands wait for the connection to come back). The caller
 * disconnects it; BullMQ leaves closing a connection it was given to its owner.
 */
export async function openRedis(url: string): Promise<Redis> {
  const address = redisAddress(url);
  if (!/^rediss?:\/\/\S+$/i.test(url)) {
    throw new UserError(`Redis 地址 ${address} 无法识别：应为 redis://主机:端口`, `Redis address ${address} not understood: expected redis://host:port`);
  }
  let connected = false;
  let lastError: Error | undefined;
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: null,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // null stops retrying: the first connection fails at once rather than waiting forever.
    retryStrategy: (times) => (connected ? Math.min(times * 200, 2000) : null),
  });
  redis.on('error', (err: Error) => (lastError = err));
  try {
    await redis.connect();
    connected = true;
  } catch (err) {
    redis.disconnect();
    const cause = lastError ?? (err as Error);
    const reason = (cause as NodeJS.ErrnoException).code ?? cause.message;
    throw new UserError(`无法连接任务队列的 Redis ${address}（${reason}）`, `cannot connect to the queue's Redis at ${address} (${reason})`);
  }
  return redis;
}
