import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { taxonomySegmenter } from '../analyze/relevance.ts';
import { WorkerFetchers } from '../queue/fetchers.ts';
import { briefLineText, type JobContext } from '../queue/handlers.ts';
import { jobErrorText, JobQueue, type BriefResult, type BriefsResult, type PageResult, type SourceResult } from '../queue/jobs.ts';
import { openRedis, queueSettings, redisAddress } from '../queue/settings.ts';
import { startWorker, type FinishedJob } from '../queue/worker.ts';
import { renderAssets } from '../render/assets.ts';
import type { Store } from '../store/store.ts';
import { UserError } from '../util/errors.ts';
import { t, type Lang } from '../util/i18n.ts';
import { redactSecrets } from '../util/secrets.ts';
import { loadCommandBriefs, openCommandStore, storeUrl, stringOption, type CommandContext } from './context.ts';
import { archiveDamageLine } from './summary.ts';

/** What a finished job returned, in a line's words (and in --json, the counts rather than every URL). */
function resultSummary(finished: FinishedJob, lang: Lang): { text: string; json: Record<string, unknown> } {
  if (finished.name === 'fetch-page') {
    const page = finished.result as PageResult;
    const text = page.keptUrl ? t(lang, page.already ? 'queue.pageHeld' : 'queue.pageKept') : t(lang, 'queue.pageNotKept', page.failures.map((f) => (lang === 'en' ? f.reasonEn : f.reason)).join('; '));
    return { text, json: { keptUrl: page.keptUrl ?? null, already: page.already, fetched: page.fetched, failures: page.failures } };
  }
  if (finished.name === 'crawl-source') {
    const source = finished.result as SourceResult;
    const counts = { pagesFetched: source.pagesFetched, documentsKept: source.documentsKept.length, linksSkipped: source.linksSkipped, failures: source.failures.length };
    return { text: t(lang, 'queue.sourceDone', counts.pagesFetched, counts.documentsKept, counts.linksSkipped, counts.failures), json: counts };
  }
  const result = finished.result as BriefResult | BriefsResult;
  // Several briefs: each one's outcome, in the order the job names them.
  if ('briefs' in result) return { text: result.briefs.map((line) => briefLineText(line, lang)).join(lang === 'en' ? '; ' : '；'), json: { ...result } };
  return { text: t(lang, 'queue.briefDone', result.items, result.outFolder), json: { ...result } };
}

/** One line per finished job: its outcome, its kind, what it was for, and what came of it. */
export function finishedLine(finished: FinishedJob, lang: Lang): string {
  const what = finished.url ?? (finished.name === 'crawl-source' ? `${finished.sourceId} ${finished.date}` : (finished.date ?? finished.id));
  let detail: string;
  if (finished.outcome === 'completed') detail = resultSummary(finished, lang).text;
  else {
    const error = jobErrorText(finished.error ?? '', lang);
    detail = finished.outcome === 'retry' ? t(lang, 'queue.attempt', finished.attempts, finished.maxAttempts, error) : t(lang, 'queue.dead', finished.attempts, error);
  }
  return `${t(lang, `queue.${finished.outcome}`)} ${finished.name} ${what}${lang === 'en' ? ': ' : '：'}${detail}`;
}

/** The --concurrency given, or the config's crawl.concurrency. */
function concurrencyOf(context: CommandContext, fallback: number): number {
  const given = stringOption(context, 'concurrency');
  if (given === undefined) return fallback;
  const value = Number(given);
  if (!Number.isInteger(value) || value < 1 || value > 1000) throw new UserError(t('zh', 'queue.badConcurrency', given), t('en', 'queue.badConcurrency', given));
  return value;
}

/**
 * `xinzhi worker [--concurrency N]`: takes jobs from the queue (config `queue:`, XINZHI_REDIS) and runs
 * them until SIGINT or SIGTERM; its first line names its store, the queue's Redis address and prefix. A brief
 * job writes the briefs of config/briefs/ it names (each into --out/<id>/ and its own store), or the main
 * config's one brief. A job enqueued for another store is refused (src/queue/worker.ts), a line on stderr
 * naming both (and, when a worker of that store is online, how long this one pauses for it). Signals: the
 * first finishes the jobs in hand and exits 0, a second hands them back to the queue at once. One line per finished job on stdout (--json: one JSON object per line); BullMQ's
 * own errors (a lost connection) on stderr, each at most every ten seconds. No data-folder lock: any
 * number of workers share the store (PostgreSQL for several machines; SQLite for one).
 */
export async function workerCommand(context: CommandContext): Promise<number> {
  // Every brief of config/briefs/: a brief job names those it writes.
  const { main: loaded, briefs } = loadCommandBriefs(context);
  const concurrency = concurrencyOf(context, loaded.config.crawl.concurrency);
  const settings = queueSettings(loaded.config);
  const assets = renderAssets(loaded.file, loaded.config);
  const redis = await openRedis(settings.redisUrl);
  let store: Store | undefined;
  let queue: JobQueue | undefined;
  let fetchers: WorkerFetchers | undefined;
  const say = (event: string, line: string, fields: Record<string, unknown> = {}) => context.print(context.json ? JSON.stringify({ event, ...fields }) : line);
  // Signals count from before anything is printed: a SIGTERM while the store opens or the queue's worker starts
  // (it takes jobs, and prints refusals, before startWorker settles) must stop it as any other, not kill it
  // (an exit by signal, no code) — installing a listener takes a moment the first time.
  let received = 0;
  let onSignal = () => {};
  const signalled = () => {
    received++;
    onSignal();
  };
  process.on('SIGINT', signalled);
  process.on('SIGTERM', signalled);
  try {
    // Documents and issues are indexed for the desk's search as they are written, as `run` does.
    store = await openCommandStore(context, loaded, { searchSegment: taxonomySegmenter(loaded.taxonomy) });
    queue = new JobQueue(redis, settings);
    const workerId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    fetchers = new WorkerFetchers({
      crawl: loaded.config.crawl,
      sources: loaded.sources,
      redis,
      leaseKeyPrefix: `${settings.prefix}:host:`,
      robotsKeyPrefix: `${settings.prefix}:`,
      dataDir: context.dataDir,
      workerId,
      onArchiveDamage: (damage) => process.stderr.write(`xinzhi: ${archiveDamageLine(damage, context.lang)}\n`),
    });
    const jobContext: JobContext = {
      loaded,
      store,
      outDir: context.outDir,
      assets,
      briefs: briefs.map((brief) => ({ loaded: brief, assets: renderAssets(brief.file, brief.config) })),
      dataDir: context.dataDir,
      storeUrl: storeUrl(loaded),
      queue,
      fetchers,
    };
    const lastError = new Map<string, number>();
    // Printed before the first job can finish, so it is always the first line: where this worker reads and writes.
    const started = { store: store.location, queue: redisAddress(settings.redisUrl), prefix: settings.prefix, concurrency, workerId };
    say('started', t(context.lang, 'queue.started', started.store, started.queue, started.prefix, concurrency), started);
    const lastRefusal = new Map<string, number>();
    const running = await startWorker({
      workerId,
      connection: redis,
      settings,
      concurrency,
      context: jobContext,
      onFinished: (finished) => {
        // The result in --json is its counts: a crawl-source job's whole list of URLs is the store's to tell.
        const result = finished.outcome === 'completed' ? resultSummary(finished, context.lang).json : undefined;
        say('job', finishedLine(finished, context.lang), { ...finished, error: finished.error === undefined ? undefined : jobErrorText(finished.error, context.lang), result });
      },
      onRefused: (refusal) => {
        // Every job of a day enqueued elsewhere is refused: one line per store every ten seconds says it,
        // and at once when a worker of that store comes online (or goes).
        const online = refusal.pauseMs !== undefined;
        const key = `${refusal.jobStore} ${online}`;
        const at = lastRefusal.get(key) ?? 0;
        if (Date.now() - at < 10_000) return;
        lastRefusal.set(key, Date.now());
        const line = online
          ? t(context.lang, 'queue.refusedOnline', refusal.id, refusal.jobStore, refusal.workerStore, Math.round(refusal.pauseMs! / 100) / 10)
          : t(context.lang, 'queue.refused', refusal.id, refusal.jobStore, refusal.workerStore);
        process.stderr.write(`xinzhi: ${line}\n`);
      },
      onError: (err) => {
        // A lost connection repeats its error many times a second: once per ten seconds is enough to be seen.
        const at = lastError.get(err.message) ?? 0;
        if (Date.now() - at < 10_000) return;
        lastError.set(err.message, Date.now());
        process.stderr.write(`xinzhi: ${redactSecrets(t(context.lang, 'queue.workerError', err.message))}\n`);
      },
    });
    await new Promise<void>((resolve) => {
      // The first signal finishes the jobs in hand; the second hands them back at once; later ones change nothing.
      const first = () => {
        say('stopping', t(context.lang, 'queue.stopping', running.inHand()), { inHand: running.inHand() });
        void running.stop().then(resolve, resolve);
      };
      const second = () => {
        void running.release().then(() => {
          say('released', t(context.lang, 'queue.released'));
          resolve();
        }, resolve);
      };
      let handled = 0;
      onSignal = () => {
        while (handled < Math.min(received, 2)) [first, second][handled++]!();
      };
      onSignal();
    });
    say('stopped', t(context.lang, 'queue.stopped'));
    return 0;
  } finally {
    process.off('SIGINT', signalled);
    process.off('SIGTERM', signalled);
    await fetchers?.close();
    await queue?.close();
    await store?.close();
    redis.disconnect();
  }
}
