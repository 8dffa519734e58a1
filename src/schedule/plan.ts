/**
 * When the scheduled job runs next, and for which issue: the configured cron trigger, a day missed while
 * the machine was off caught up on start, a failed run retried once later the same morning. Pure: the
 * times and the attempts already made are passed in.
 */
import { Cron } from 'croner';
import { UserError } from '../util/errors.ts';
import { shanghaiDay } from '../util/time.ts';
import type { AttemptsSoFar } from '../domain/schedule.ts';

/** The schedule as configured: a cron expression read in a time zone, and when a failed run is retried. */
export interface ScheduleSettings {
  /** Five fields (minute hour day month weekday), or six with seconds first; croner's syntax. */
  cron: string;
  /** An IANA zone: Asia/Shanghai unless configured. */
  timezone: string;
  /** Minutes after a failed attempt that the one retry runs. */
  retryAfterMinutes: number;
  /** Whether a trigger missed while the process was not running is run on start. */
  catchUp: boolean;
}

/** The next scheduled run: when, for which issue (YYYY-MM-DD), and which attempt it is (1, or 2 for the retry). */
export interface PlannedRun {
  at: Date;
  issueDate: string;
  attempt: number;
  /** Why it runs then: at its trigger, caught up on start, or retried after a failure. */
  reason: 'trigger' | 'catch-up' | 'retry';
}

/** A run is attempted at most this many times per issue: the first, and one retry. */
export const MAX_ATTEMPTS = 2;

/**
 * The cron trigger of a schedule; throws a UserError naming the key for an expression or zone croner
 * refuses.
 */
export function scheduleTrigger(settings: Pick<ScheduleSettings, 'cron' | 'timezone'>): Cron {
  try {
    const trigger = new Cron(settings.cron, { timezone: settings.timezone, paused: true });
    // Croner reads the zone only when it computes a time: an unknown zone fails here, not at construction.
    trigger.nextRun();
    return trigger;
  } catch (err) {
    const reason = (err as Error).message;
    throw new UserError(`配置项 schedule.cron / schedule.timezone 无效（${settings.cron}，${settings.timezone}）：${reason}`, `invalid schedule.cron / schedule.timezone (${settings.cron}, ${settings.timezone}): ${reason}`);
  }
}

/**
 * The issue a trigger produces: the Shanghai calendar day it fires on, whatever zone the cron is read in,
 * since issue dates are Shanghai days (a 06:30 run on 30 November writes the issue of 30 November).
 */
export function issueDateOfTrigger(trigger: Date): string {
  return shanghaiDay(trigger.toISOString());
}

/**
 * How late a trigger may be run and still count as on time: a cron line that starts `schedule --once` at
 * 06:30 starts it a little after. Later than this, running it is catching up a missed issue.
 */
export const ON_TIME_MS = 15 * 60_000;

/**
 * The next run, given the time now and what was attempted for the most recent trigger's issue:
 * - that trigger not yet answered by an attempt (none ended after it fired), and the issue neither
 *   written nor out of attempts: run it now — on time within ON_TIME_MS of the trigger, else as a
 *   catch-up when `catchUp` is on (the machine was off at its time);
 * - answered by an attempt that failed: retry it `retryAfterMinutes` after that attempt, but only before
 *   the next trigger (the retry belongs to that morning);
 * - otherwise the next trigger whose issue is still to write, at its time.
 * Only the most recent missed trigger is caught up: an issue of days ago is not news any more.
 * `attemptsOf` answers for an issue date.
 */
export function nextRun(now: Date, settings: ScheduleSettings, attemptsOf: (issueDate: string) => AttemptsSoFar): PlannedRun {
  const trigger = scheduleTrigger(settings);
  const next = trigger.nextRun(now);
  if (!next) throw new UserError(`schedule.cron 不再触发：${settings.cron}`, `schedule.cron never fires again: ${settings.cron}`);
  // The latest trigger at or before now: croner's previous runs are strictly before the time given.
  const [previous] = trigger.previousRuns(1, new Date(now.getTime() + 1));
  if (previous) {
    const issueDate = issueDateOfTrigger(previous);
    const so = attemptsOf(issueDate);
    if (!so.succeeded && so.attempts < MAX_ATTEMPTS) {
      const answered = so.lastAt !== null && so.lastAt.getTime() >= previous.getTime();
      if (!answered) {
        const onTime = now.getTime() - previous.getTime() <= ON_TIME_MS;
        if (onTime || settings.catchUp) return { at: now, issueDate, attempt: so.attempts + 1, reason: onTime ? 'trigger' : 'catch-up' };
      } else {
        const retryAt = new Date(Math.max(now.getTime(), so.lastAt!.getTime() + settings.retryAfterMinutes * 60_000));
        if (retryAt < next) return { at: retryAt, issueDate, attempt: so.attempts + 1, reason: 'retry' };
      }
    }
  }
  // The next trigger whose issue is still to write: with several triggers a day, those of an issue written
  // (or out of attempts) are passed over. A year of hourly triggers at most.
  for (let candidate: Date | null = next, seen = 0; candidate && seen < 9000; candidate = trigger.nextRun(candidate), seen++) {
    const issueDate = issueDateOfTrigger(candidate);
    const so = attemptsOf(issueDate);
    if (!so.succeeded && so.attempts < MAX_ATTEMPTS) return { at: candidate, issueDate, attempt: so.attempts + 1, reason: 'trigger' };
  }
  throw new UserError(`schedule.cron 不再触发：${settings.cron}`, `schedule.cron never fires again: ${settings.cron}`);
}
