import { jobErrorText, JobQueue } from '../queue/jobs.ts';
import { openRedis, queueSettings, redisAddress, type QueueSettings } from '../queue/settings.ts';
import { UserError } from '../util/errors.ts';
import { t, type MessageKey } from '../util/i18n.ts';
import { shanghaiMinute } from '../util/time.ts';
import { loadCommandBriefs, loadCommandConfig, openCommandStore, requireDate, type CommandContext } from './context.ts';

/** The states `xinzhi jobs` counts, in the order it prints them. */
const STATES = ['waiting', 'active', 'delayed', 'waiting-children', 'prioritized', 'completed', 'failed'] as const;

/** Opens the queue of the command's config; the caller closes it (and its connection, through `done`). */
async function openQueue(settings: QueueSettings): Promise<{ queue: JobQueue; done: () => Promise<void> }> {
  const redis = await openRedis(settings.redisUrl);
  const queue = new JobQueue(redis, settings);
  return {
    queue,
    done: async () => {
      await queue.close();
      redis.disconnect();
    },
  };
}

/**
 * `xinzhi jobs` and its subcommands, on the queue of the config (`queue:`, XINZHI_REDIS):
 * - no subcommand: how many jobs are in each state, and how many workers are connected;
 * - `enqueue --date D [--again] [--brief ID]`: the issue of D as one flow (src/queue/jobs.ts), on the command's
 *   store, once: a day still held is not added again (the line says how to run it again when it has finished
 *   or failed); with --again, a finished or failed day's jobs are removed and the day enqueued anew. With
 *   config/briefs/, every brief (or the one --brief names) from one crawl of their sources' union;
 * - `failed`: the dead-letter list, one line per job (its id, kind, what it was for, attempts, when, last error);
 * - `retry ID` or `retry --all`: failed jobs sent back to wait, their attempts renewed.
 * With --json each prints one JSON document. Redis unreachable or its address malformed: one line naming
 * the address, exit 1.
 */
export async function jobsCommand(context: CommandContext): Promise<number> {
  const [sub, id] = context.positionals;
  if (sub !== undefined && !['enqueue', 'failed', 'retry'].includes(sub)) throw new UserError(t('zh', 'queue.usage'), t('en', 'queue.usage'));
  if ((sub !== 'retry' && id !== undefined) || (sub === 'retry' && (id === undefined) === (context.values.all !== true))) throw new UserError(t('zh', 'queue.usage'), t('en', 'queue.usage'));
  if ((context.values.again === true || context.values.brief !== undefined) && sub !== 'enqueue') throw new UserError(t('zh', 'queue.usage'), t('en', 'queue.usage'));
  // Enqueuing reads config/briefs/ (an unknown --brief is named before Redis is asked anything).
  const { main: loaded, briefs } = sub === 'enqueue' ? loadCommandBriefs(context) : { main: loadCommandConfig(context), briefs: [] };
  // A date is checked before Redis is asked anything.
  const date = sub === 'enqueue' ? requireDate(context) : undefined;
  const settings = queueSettings(loaded.config);
  const { queue, done } = await openQueue(settings);
  const { lang } = context;
  try {
    if (sub === undefined) {
      const { states, workers } = await queue.counts();
      if (context.json) context.print(JSON.stringify({ queue: redisAddress(settings.redisUrl), prefix: settings.prefix, states, workers }));
      else {
        context.print(t(lang, 'queue.counts', redisAddress(settings.redisUrl), settings.prefix));
        for (const state of STATES) context.print(`  ${t(lang, `queue.state.${state}` as MessageKey)}: ${states[state] ?? 0}`);
        context.print(`  ${t(lang, 'queue.workers')}: ${workers}`);
      }
      return 0;
    }
    if (sub === 'enqueue') {
      const store = await openCommandStore(context, loaded);
      try {
        const result = await queue.enqueueDay(loaded, store, date!, { again: context.values.again === true, briefs });
        if (context.json) context.print(JSON.stringify({ date, ...result }));
        else if (result.added) {
          if (result.removed !== undefined) context.print(t(lang, 'queue.removedDay', date!, result.removed));
          const ids = result.briefs?.join(lang === 'en' ? ', ' : '、');
          context.print(t(lang, ids === undefined ? 'queue.enqueued' : 'queue.enqueuedBriefs', date!, result.briefId, result.sources, result.runId ?? '', ids ?? ''));
        } else {
          // A day that has finished (or failed) is run again only on request: say how.
          const finished = result.state === 'completed' || result.state === 'failed';
          context.print(t(lang, 'queue.alreadyEnqueued', date!, result.briefId, result.state) + (finished ? t(lang, 'queue.againHint', date!) : ''));
        }
      } finally {
        await store.close();
      }
      return 0;
    }
    if (sub === 'failed') {
      const failed = await queue.failed();
      if (context.json) context.print(JSON.stringify(failed.map((job) => ({ ...job, error: jobErrorText(job.error, lang) }))));
      else if (failed.length === 0) context.print(t(lang, 'queue.noFailed'));
      else {
        for (const job of failed) {
          const what = job.url ?? [job.sourceId, job.date].filter(Boolean).join(' ');
          context.print(t(lang, 'queue.failedLine', job.id, job.name, what, job.attempts, job.failedAt ? shanghaiMinute(job.failedAt) : '', jobErrorText(job.error, lang)));
        }
      }
      return 0;
    }
    // retry
    if (context.values.all === true) {
      const count = await queue.retryAll();
      context.print(context.json ? JSON.stringify({ retried: count }) : t(lang, 'queue.retried', count));
      return 0;
    }
    if (!(await queue.retry(id!))) throw new UserError(t('zh', 'queue.notFailed', id!), t('en', 'queue.notFailed', id!));
    context.print(context.json ? JSON.stringify({ retried: 1, id }) : t(lang, 'queue.retried', 1));
    return 0;
  } finally {
    await done();
  }
}
