/**
 * The scheduler's loop: wait for the planned run, write the issue, publish it when configured, record
 * every attempt, and plan again. I/O is passed in, so a test drives it with its own clock and job.
 */
import { errorLine } from '../util/errors.ts';
import { MAX_ATTEMPTS, nextRun, type PlannedRun, type ScheduleSettings } from './plan.ts';
import type { AttemptsSoFar } from '../domain/schedule.ts';

/** How a scheduled attempt ended: the issue written, written with sections withheld for review, or not written. */
export type ScheduledOutcome = 'written' | 'needs-review' | 'failed';

/** The day's job as the scheduler runs it. */
export interface ScheduledJob {
  /** Writes the issue of a date (YYYY-MM-DD); resolves with whether it needs review, throws when it was not written. */
  write(issueDate: string): Promise<'written' | 'needs-review'>;
  /** Sends a written issue to the channels; absent when the config does not publish on its own (`publish.auto` off). */
  publish?: (issueDate: string) => Promise<void>;
}

/** Where attempts are remembered across restarts (the store's scheduled_runs). */
export interface AttemptLog {
  scheduledAttempts(issueDate: string): Promise<AttemptsSoFar>;
  startScheduledRun(issueDate: string, attempt: number, reason: string, at: Date): Promise<number>;
  finishScheduledRun(id: number, outcome: ScheduledOutcome, detail: string, at: Date): Promise<void>;
}

/**
 * nextRun (a pure plan that reads attempts synchronously) over a log read asynchronously: the plan is made
 * with the attempts known so far, the dates it asked about and did not know are read, and it is made again
 * until it asked about nothing new. A plan asks about a handful of dates (the last trigger's, the next ones
 * until one is not done), so this reads each once.
 */
export async function planNextRun(now: Date, settings: ScheduleSettings, log: Pick<AttemptLog, 'scheduledAttempts'>): Promise<PlannedRun> {
  const known = new Map<string, AttemptsSoFar>();
  for (;;) {
    const unknown = new Set<string>();
    const run = nextRun(now, settings, (issueDate) => {
      const so = known.get(issueDate);
      if (so) return so;
      unknown.add(issueDate);
      return { attempts: 0, succeeded: false, lastAt: null };
    });
    if (unknown.size === 0) return run;
    for (const issueDate of unknown) known.set(issueDate, await log.scheduledAttempts(issueDate));
  }
}

/** What the loop tells its watcher (the CLI prints each as a line). */
export type ScheduleEvent =
  | { kind: 'waiting'; run: PlannedRun }
  | { kind: 'started'; run: PlannedRun }
  | { kind: 'finished'; run: PlannedRun; outcome: ScheduledOutcome; detail: string; retries: boolean }
  | { kind: 'published'; issueDate: string }
  | { kind: 'publish-failed'; issueDate: string; detail: string }
  | { kind: 'awaiting-approval'; issueDate: string };

export interface ScheduleIo {
  now(): Date;
  /** Resolves when `until` comes or the signal aborts, whichever is first. */
  sleepUntil(until: Date, signal: AbortSignal): Promise<void>;
  report(event: ScheduleEvent): void;
}

/**
 * Runs the schedule until the signal aborts; with `once`, runs what is due now (a missed trigger, a retry
 * whose time has come) and returns without waiting. One attempt runs at a time; an attempt in progress
 * finishes before an abort is honoured. Returns the outcomes of the attempts it ran, in order.
 */
export async function runSchedule(settings: ScheduleSettings, job: ScheduledJob, log: AttemptLog, io: ScheduleIo, options: { once: boolean; signal: AbortSignal }): Promise<ScheduledOutcome[]> {
  const outcomes: ScheduledOutcome[] = [];
  while (!options.signal.aborted) {
    const run = await planNextRun(io.now(), settings, log);
    if (run.at.getTime() > io.now().getTime()) {
      io.report({ kind: 'waiting', run });
      if (options.once) break;
      await io.sleepUntil(run.at, options.signal);
      if (options.signal.aborted) break;
    }
    outcomes.push(await attempt(run, settings, job, log, io));
  }
  return outcomes;
}

/** Whether a planned run retries the issue of an attempt. */
function isRetryOf(planned: PlannedRun, run: PlannedRun): boolean {
  return planned.reason === 'retry' && planned.issueDate === run.issueDate;
}

/** One attempt: recorded before it starts (a killed attempt counts), then its outcome; a written issue is published when the job publishes. */
async function attempt(run: PlannedRun, settings: ScheduleSettings, job: ScheduledJob, log: AttemptLog, io: ScheduleIo): Promise<ScheduledOutcome> {
  io.report({ kind: 'started', run });
  const id = await log.startScheduledRun(run.issueDate, run.attempt, run.reason, io.now());
  let outcome: ScheduledOutcome;
  let detail = '';
  try {
    outcome = await job.write(run.issueDate);
  } catch (err) {
    outcome = 'failed';
    detail = errorLine(err);
  }
  await log.finishScheduledRun(id, outcome, detail, io.now());
  // A failure says it will be retried only when the plan retries it (not when the next trigger comes first).
  const retries = outcome === 'failed' && run.attempt < MAX_ATTEMPTS && isRetryOf(await planNextRun(io.now(), settings, log), run);
  io.report({ kind: 'finished', run, outcome, detail, retries });
  if (outcome === 'failed') return outcome;
  // A section withheld by its checks waits for an editor, as does every issue when publishing is not automatic.
  if (!job.publish || outcome === 'needs-review') {
    io.report({ kind: 'awaiting-approval', issueDate: run.issueDate });
    return outcome;
  }
  try {
    await job.publish(run.issueDate);
    io.report({ kind: 'published', issueDate: run.issueDate });
  } catch (err) {
    io.report({ kind: 'publish-failed', issueDate: run.issueDate, detail: errorLine(err) });
  }
  return outcome;
}
