/**
 * What the job queue's tests share (test/queue.test.ts, test/queueFaults.test.ts, test/queueBriefs.test.ts):
 * the Redis they use, `xinzhi worker` started as a user starts it with its --json lines collected, a wait
 * that polls, and the removal of a test's queue and keys from Redis.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_NAME } from '../src/queue/jobs.ts';
import { cliPath, repoRoot } from './helpers.ts';
import { sleep } from './sites.ts';

/** The Redis of the queue's tests: this machine's and CI's, or XINZHI_TEST_REDIS. */
export const REDIS_URL = process.env.XINZHI_TEST_REDIS ?? 'redis://127.0.0.1:6379';

/** A worker process, its --json lines as they came, its stderr so far, and its exit code once it ends. */
export interface WorkerProcess {
  child: ChildProcessWithoutNullStreams;
  lines: Record<string, unknown>[];
  stderr: () => string;
  exited: Promise<number | null>;
  /** Its lines about finished jobs of `name` with `outcome` (completed, failed …). */
  jobs: (name: string, outcome: string) => Record<string, unknown>[];
}

/** Starts `xinzhi worker --json ARGS…`; the caller kills it (or waits for it to stop). */
export function startWorker(args: readonly string[]): WorkerProcess {
  const child = spawn(process.execPath, [cliPath, 'worker', '--json', ...args], { cwd: repoRoot });
  const lines: Record<string, unknown>[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      lines.push(JSON.parse(buffer.slice(0, end)) as Record<string, unknown>);
      buffer = buffer.slice(end + 1);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const jobs = (name: string, outcome: string) => lines.filter((line) => line.event === 'job' && line.name === name && line.outcome === outcome);
  return { child, lines, stderr: () => stderr, exited, jobs };
}

/** Waits until `check` holds, polling every 50 ms; fails naming `what` (and `detail()`) after `ms`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 30_000, detail = () => ''): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what} ${detail()}`);
    await sleep(50);
  }
}

/** Removes a test's queue (every job, in every state) and whatever else it kept under `prefix` (the host leases). */
export async function clearQueue(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  const queue = new Queue(QUEUE_NAME, { connection: redis, prefix });
  await queue.obliterate({ force: true });
  await queue.close();
  const leftover = await redis.keys(`${prefix}:*`);
  if (leftover.length) await redis.del(...leftover);
  redis.disconnect();
}
