import { join } from 'node:path';
import type { LoadedConfig } from '../config/load.ts';
import type { BriefOutcome } from '../pipeline/run.ts';
import { publishIssue } from '../publish/dispatch.ts';
import { openBriefStore } from '../store/briefStore.ts';
import type { Store } from '../store/store.ts';
import { runSchedule, type ScheduleEvent, type ScheduledJob } from '../schedule/loop.ts';
import { scheduleTrigger } from '../schedule/plan.ts';
import { t, type Lang, type MessageKey } from '../util/i18n.ts';
import { errorLine, UserError } from '../util/errors.ts';
import { loadCommandBriefs, openCommandStore, storeUrl, type CommandContext } from './context.ts';
import { resultLine, writtenIssue } from './publish.ts';
import { reportedBriefsRun, reportedRun } from './run.ts';

const reasons: Record<'trigger' | 'catch-up' | 'retry', MessageKey> = { trigger: 'scheduleReasonTrigger', 'catch-up': 'scheduleReasonCatchUp', retry: 'scheduleReasonRetry' };

/**
 * `2026-12-01 06:30`: a planned time as the operator reads it, on the Beijing clock whatever the machine's
 * zone; with its seconds when it is not on the minute (a retry an hour after a run that ended at 06:31:38).
 */
function beijingTime(at: Date): string {
  const text = new Date(at.getTime() + 8 * 3600_000).toISOString().replace('T', ' ');
  return at.getUTCSeconds() === 0 ? text.slice(0, 16) : text.slice(0, 19);
}

/** One line per event of the schedule, in the operator's language. */
export function scheduleLine(event: ScheduleEvent, lang: Lang): string {
  switch (event.kind) {
    case 'waiting':
      return t(lang, 'scheduleWaiting', beijingTime(event.run.at), event.run.issueDate, event.run.reason === 'retry' ? ` · ${t(lang, 'scheduleReasonRetry')}` : '');
    case 'started':
      return t(lang, 'scheduleStarted', event.run.issueDate, t(lang, reasons[event.run.reason]));
    case 'finished':
      if (event.outcome === 'written') return t(lang, 'scheduleWritten', event.run.issueDate);
      if (event.outcome === 'needs-review') return t(lang, 'scheduleNeedsReview', event.run.issueDate);
      return t(lang, 'scheduleFailed', event.run.issueDate, event.detail, event.retries ? t(lang, 'scheduleRetry') : '');
    case 'published':
      return t(lang, 'schedulePublished', event.issueDate);
    case 'publish-failed':
      return t(lang, 'schedulePublishFailed', event.issueDate, event.detail);
    case 'awaiting-approval':
      return t(lang, 'scheduleAwaiting', event.issueDate);
  }
}

/** Resolves at `until`, or at once when the signal aborts. Long waits are cut into steps, as timers cap at about 24.8 days. */
function sleepUntil(until: Date, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const step = () => {
      const left = until.getTime() - Date.now();
      if (left <= 0 || signal.aborted) return done();
      timer = setTimeout(step, Math.min(left, 3_600_000));
    };
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    let timer: NodeJS.Timeout | undefined;
    signal.addEventListener('abort', done, { once: true });
    step();
  });
}

/** Sends a written issue (out/…/DATE) to a brief's channels as `xinzhi publish` does; throws a UserError when a channel failed. */
async function sendIssue(context: CommandContext, outDir: string, issueDate: string, publish: NonNullable<LoadedConfig['config']['publish']>, store: Store): Promise<void> {
  const results = await publishIssue({ ...writtenIssue(outDir, issueDate), publish, force: false, env: process.env }, store);
  for (const result of results) context.print(context.json ? JSON.stringify({ event: 'channel', ...result }) : resultLine(result, context.lang));
  const failed = results.filter((result) => result.status === 'failed').map((result) => result.name);
  if (failed.length > 0) throw new UserError(t('zh', 'publish.someFailed', failed.length, failed.join(', ')), t('en', 'publish.someFailed', failed.length, failed.join(', ')));
}

/** The day's job of the config's one brief: `run`, then (publish.auto) the same sending as `xinzhi publish`. */
function oneBriefJob(context: CommandContext, loaded: LoadedConfig, store: Store): ScheduledJob {
  const publish = loaded.config.publish;
  return {
    write: async (issueDate) => {
      // As `run` does: under the data folder's lock (a `run` already writing it fails this attempt, or it waits with
      // --wait), the crawl's progress on stderr, and the summary printed, a failed run's crawl before its error.
      const summary = await reportedRun(context, loaded, 'schedule', issueDate);
      return summary.withheld.length > 0 || summary.failedChecks.length > 0 ? 'needs-review' : 'written';
    },
    ...(publish?.auto ? { publish: (issueDate: string) => sendIssue(context, context.outDir, issueDate, publish, store) } : {}),
  };
}

/**
 * The day's job with config/briefs/: one crawl and every brief (as `run`), the attempt failed only when no
 * brief was written, needing review when one was not or one has a section withheld; then each brief whose
 * own `publish.auto` is on and whose issue passed every check is sent from out/<id>/DATE with its own store.
 */
function briefsJob(context: CommandContext, main: LoadedConfig, briefs: LoadedConfig[], shared: Store): ScheduledJob {
  const written = new Map<string, BriefOutcome[]>();
  const sendable = (outcome: BriefOutcome): boolean => outcome.ok && outcome.issue.withheld.length === 0 && outcome.issue.failedChecks.length === 0;
  return {
    write: async (issueDate) => {
      const { briefs: outcomes } = await reportedBriefsRun(context, main, briefs, 'schedule', issueDate);
      written.set(issueDate, outcomes);
      const failed = outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.id);
      if (failed.length === outcomes.length) throw new UserError(t('zh', 'briefsNotWritten', failed.length, outcomes.length), t('en', 'briefsNotWritten', failed.length, outcomes.length));
      return outcomes.every(sendable) ? 'written' : 'needs-review';
    },
    ...(briefs.some((brief) => brief.config.publish?.auto)
      ? {
          publish: async (issueDate: string) => {
            // Every brief is sent even when one's channel fails; the failures are told together.
            const failures: string[] = [];
            for (const outcome of written.get(issueDate) ?? []) {
              const brief = briefs.find((candidate) => candidate.scope!.id === outcome.id)!;
              const publish = brief.config.publish;
              if (!publish?.auto || !sendable(outcome)) continue;
              const store = await openBriefStore(shared, context.dataDir, outcome.id, { url: storeUrl(main) });
              try {
                await sendIssue(context, join(context.outDir, outcome.id), issueDate, publish, store);
              } catch (err) {
                failures.push(`${outcome.id}: ${errorLine(err, context.lang)}`);
              } finally {
                await store.close();
              }
            }
            if (failures.length > 0) throw new UserError(failures.join('；'), failures.join('; '));
          },
        }
      : {}),
  };
}

/**
 * `xinzhi schedule [--once]`: runs the day's job at the configured time (schedule.cron, Asia/Shanghai by
 * default), catches up a missed day on start and retries a failed run once. With `--once` it runs what is
 * due now and exits (for a crontab line), non-zero when the run it made failed. SIGINT or SIGTERM stops it after the run in progress.
 */
export async function scheduleCommand(context: CommandContext): Promise<number> {
  const { main: loaded, briefs } = loadCommandBriefs(context);
  const settings = loaded.config.schedule;
  scheduleTrigger(settings);
  const store = await openCommandStore(context, loaded);
  const job = briefs.length > 0 ? briefsJob(context, loaded, briefs, store) : oneBriefJob(context, loaded, store);
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const io = {
      now: () => new Date(),
      sleepUntil,
      report: (event: ScheduleEvent) => context.print(context.json ? JSON.stringify({ event: event.kind, ...event }) : scheduleLine(event, context.lang)),
    };
    const outcomes = await runSchedule(settings, job, store, io, { once: context.values.once === true, signal: controller.signal });
    // Under cron (--once), a failed run exits non-zero so cron reports it; the retry is the next --once.
    return outcomes.includes('failed') ? 1 : 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await store.close();
  }
}
