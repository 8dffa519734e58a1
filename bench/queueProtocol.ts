/**
 * What the coordinator of `npm run bench:queue` (bench/queue.ts) and its worker processes
 * (bench/queueWorker.ts) share: the settings, passed through the environment, and the messages a
 * worker sends over IPC. The engines' own bookkeeping is the record of what was done; the messages only
 * let the coordinator see which jobs a worker had in hand when it was killed, and count deferrals.
 */
import type { EngineName, EngineSettings } from './queueEngines.ts';

/** Where the host leases live: a Redis key prefix (BullMQ runs), a PostgreSQL table (pg-boss runs). */
export const LEASE_PREFIX = 'xinzhi-bench-queue:host:';
export const LEASE_TABLE = 'xinzhi_bench_queue_host_lease';

/** Everything a worker process needs to know. */
export interface WorkerSettings extends EngineSettings {
  engine: EngineName;
  queue: string;
  /** noop: the engine alone (jobs do nothing); fetch: a GET per job under the shared host lease. */
  mode: 'noop' | 'fetch';
  /** Jobs in hand at once per worker process. */
  concurrency: number;
  /** Spacing between requests to one host, ms (hostDelayMs). */
  delayMs: number;
  /** A lease a killed worker never released is free after this, ms (more than requestTimeoutMs). */
  leaseMs: number;
  requestTimeoutMs: number;
  /** A job waits this long at most for its host inside the worker (ms); longer, and it is deferred. */
  waitBudgetMs: number;
  workerId: string;
}

/**
 * A worker's message: ready (connected, waiting for "go"), a job started, a job ended with its outcome.
 * They travel in arrays, one per turn of the worker's event loop.
 */
export type WorkerMessage =
  | { t: 'ready' }
  | { t: 'start'; key: string }
  | { t: 'end'; key: string; outcome: 'done' | 'repeat' | 'defer' | 'fail' };

/** The coordinator's message to a worker: start consuming, or finish the jobs in hand and exit. */
export type CoordinatorMessage = { t: 'go' } | { t: 'stop' };

/** The settings as environment variables for a worker process. */
export function toEnv(settings: WorkerSettings): Record<string, string> {
  return { QUEUE_BENCH: JSON.stringify(settings) };
}

/** The settings a worker was started with; throws when it was not started by the coordinator. */
export function fromEnv(env: NodeJS.ProcessEnv): WorkerSettings {
  if (!env.QUEUE_BENCH) throw new Error('bench/queueWorker.ts is started by bench/queue.ts');
  return JSON.parse(env.QUEUE_BENCH) as WorkerSettings;
}
