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

/**
 * What is wrong with a Redis address, in Chinese and English, or undefined when it is one ioredis reads
 * as meant: scheme redis: or rediss:, then `//`, an optional user and password, a host, an optional port
 * (a number from 1 to 65535) and an optional database (`/` and a number), then an optional query (ioredis'
 * own options). ioredis itself takes `redis://host:63x9` or `redis://host/abc` and fails later, deep in
 * a command (`select NaN`), so the address is checked before any connection.
 */
export function redisUrlProblem(url: string): { zh: string; en: string } | undefined {
  if (/\s/.test(url)) return { zh: '含有空白字符', en: 'it holds white space' };
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1];
  if (scheme === undefined || !/^rediss?$/i.test(scheme)) return { zh: '应以 redis:// 或 rediss:// 开头', en: 'it must begin with redis:// or rediss://' };
  const rest = url.slice(scheme.length + 1);
  if (!rest.startsWith('//')) return { zh: `${scheme}: 之后应为 //主机`, en: `${scheme}: must be followed by //host` };
  // The user and password end at the last @ before the query: a password with an unescaped / or @ is never
  // read as the host, and an @ in the query's options is not taken for a password's end.
  const query = rest.indexOf('?') < 0 ? rest.length : rest.indexOf('?');
  const match = /^([^?#]*)(\?[^#]*)?(#.*)?$/.exec(rest.slice(rest.lastIndexOf('@', query) + 1).replace(/^\/\//, ''));
  if (!match) return { zh: '无法解析', en: 'it cannot be read' };
  if (match[3] !== undefined) return { zh: '不应含有 #', en: 'it must not hold #' };
  const beforeQuery = match[1] ?? '';
  const slash = beforeQuery.indexOf('/');
  const hostPort = slash < 0 ? beforeQuery : beforeQuery.slice(0, slash);
  const path = slash < 0 ? '' : beforeQuery.slice(slash);
  const parts = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(hostPort);
  const host = parts?.[1] ?? '';
  const port = parts?.[2];
  if (host === '' || host === '[]') return { zh: '缺少主机名', en: 'it names no host' };
  if (port === '') return { zh: '冒号后缺少端口', en: 'no port after the colon' };
  if (port !== undefined && (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)) {
    return { zh: `端口 “${port}” 应为 1 到 65535 的数字`, en: `port "${port}" must be a number from 1 to 65535` };
  }
  if (path !== '' && path !== '/' && !/^\/\d{1,5}$/.test(path)) return { zh: `数据库 “${path.slice(1)}” 应为数字（如 /0）`, en: `database "${path.slice(1)}" must be a number (such as /0)` };
  try {
    new URL(url);
  } catch {
    return { zh: '不是有效的网址', en: 'it is not a valid URL' };
  }
  return undefined;
}

/**
 * A Redis address as messages show it, never a user, a password or the query (which may hold one): a
 * well-formed address as scheme, host, port and database; any other as it was written, those parts cut.
 */
export function redisAddress(url: string): string {
  if (redisUrlProblem(url) === undefined) {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname.length > 1 ? parsed.pathname : ''}`;
  }
  // Everything between the scheme (with its slashes) and the last @ is the user and the password.
  const shown = url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/{0,2}|)[^]*@/, '$1');
  return shown.replace(/[?#].*$/, '');
}

/** How long a first connection may take before Redis counts as unreachable, ms. */
const CONNECT_TIMEOUT_MS = 5000;

/**
 * Connects to the queue's Redis. The address is checked first (redisUrlProblem): a malformed one rejects
 * with a UserError naming it and what is wrong, before any connection. The first connection is tried
 * once: a refused connection, an unknown host or a timeout rejects with a UserError naming the
 * address (credentials left out). Once connected, a lost connection is retried every half second or so,
 * as BullMQ needs (maxRetriesPerRequest null: commands wait for the connection to come back). The caller
 * disconnects it; BullMQ leaves closing a connection it was given to its owner.
 */
export async function openRedis(url: string): Promise<Redis> {
  const address = redisAddress(url);
  const problem = redisUrlProblem(url);
  if (problem) {
    throw new UserError(`任务队列的 Redis 地址 ${address} 有误：${problem.zh}（应为 redis://主机:端口[/数据库]）`, `the queue's Redis address ${address} is wrong: ${problem.en} (expected redis://host:port[/db])`);
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
