import { publishIssue } from '../publish/dispatch.ts';
import { runSchedule, type ScheduleEvent, type ScheduledJob } from '../schedule/loop.ts';
import { scheduleTrigger } from '../schedule/plan.ts';
import { t, type Lang, type MessageKey } from '../util/i18n.ts';
import { UserError } from '../util/errors.ts';
import { loadCommandConfig, openCommandStore, type CommandContext } from './context.ts';
import { resultLine, writtenIssue } from './publish.ts';
import { reportedRun } from './run.ts';

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

/**
 * `xinzhi schedule [--once]`: runs the day's job at the configured time (schedule.cron, Asia/Shanghai by
 * default), catches up a missed day on start and retries a failed run once. With `--once` it runs what is
 * due now and exits (for a crontab line), non-zero when the run it made failed. SIGINT or SIGTERM stops it after the run in progress.
 */
export async function scheduleCommand(context: CommandContext): Promise<number> {
  const loaded = loadCommandConfig(context);
  const settings = loaded.config.schedule;
  scheduleTrigger(settings);
  const store = await openCommandStore(context, loaded);
  const publish = loaded.config.publish;
  const job: ScheduledJob = {
    write: async (issueDate) => {
      // As `run` does: under the data folder's lock (a `run` already writing it fails this attempt, or it waits with
      // --wait), the crawl's progress on stderr, and the summary printed, a failed run's crawl before its error.
      const summary = await reportedRun(context, loaded, 'schedule', issueDate);
      return summary.withheld.length > 0 || summary.failedChecks.length > 0 ? 'needs-review' : 'written';
    },
    // The same sending as `xinzhi publish`: each channel once, failures retried, every try recorded.
    ...(publish?.auto
      ? {
          publish: async (issueDate: string) => {
            const results = await publishIssue({ ...writtenIssue(context.outDir, issueDate), publish, force: false, env: process.env }, store);
            for (const result of results) context.print(context.json ? JSON.stringify({ event: 'channel', ...result }) : resultLine(result, context.lang));
            const failed = results.filter((result) => result.status === 'failed').map((result) => result.name);
            if (failed.length > 0) throw new UserError(t('zh', 'publish.someFailed', failed.length, failed.join(', ')), t('en', 'publish.someFailed', failed.length, failed.join(', ')));
          },
        }
      : {}),
  };
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
