/**
 * What each job of the queue does (src/queue/jobs.ts), with the pipeline's own pieces: the crawl-source
 * job reads a source's lists as a run does (readSourceLists) and hands each fresh link to a page job; the
 * page job fetches, keeps the raw response, extracts and stores (storeArticle); the brief job composes,
 * verifies, renders and records the issue as `xinzhi brief` does — with config/briefs/, each brief the day
 * was enqueued for, into its own store, as `run` does (writeBriefsOfDay). Each is idempotent — run twice, the
 * store ends the same: a page already stored is not fetched again, documents are replaced by URL, a
 * source's run is replaced by (run, source), the issue is written again whole.
 *
 * Failures: a page that does not answer, or answers 5xx or 429, fails its attempt (retried with backoff,
 * then dead-lettered); any other 4xx fails it for good. A host busy beyond the wait budget sends the job
 * back to the delayed set without spending an attempt.
 */
import { DelayedError, UnrecoverableError, WaitingChildrenError, type Job } from 'bullmq';
import { crawlOfBriefs } from '../config/briefs.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { Source } from '../config/schema.ts';
import { HostBusyError } from '../domain/hostLease.ts';
import type { FetchedResponse } from '../domain/response.ts';
import { issueWindow } from '../pipeline/compose.ts';
import { healthAlerts, readSourceLists, storeArticle, type CrawlReport, type ListedEntry, type SourceFailure } from '../pipeline/crawl.ts';
import { IssuePublishedError } from '../pipeline/render.ts';
import { writeBriefsOfDay, writeIssueOfDay, type BriefOutcome } from '../pipeline/run.ts';
import type { RenderAssets } from '../render/assets.ts';
import type { Store } from '../store/store.ts';
import { errorLine, UserError } from '../util/errors.ts';
import { isRetryableStatus } from '../util/retry.ts';
import { redactSecrets } from '../util/secrets.ts';
import type { WorkerFetchers } from './fetchers.ts';
import {
  childOptions,
  jobErrorMessage,
  jobIds,
  jobOptions,
  type BriefJobData,
  type BriefLine,
  type BriefResult,
  type BriefsResult,
  type CrawlSourceJobData,
  type FetchPageJobData,
  type JobQueue,
  type PageResult,
  type SourceResult,
} from './jobs.ts';

/** One brief of config/briefs/ as a worker knows it: its config (loadBriefs) and its render assets. */
export interface WorkerBrief {
  loaded: LoadedConfig;
  assets: RenderAssets;
}

/** What the jobs of one worker process share. */
export interface JobContext {
  /** The main config: its catalog is every source a job may name. */
  loaded: LoadedConfig;
  /** The shared store (documents, runs; the main config's issues). */
  store: Store;
  /** Where issues are written (the worker's --out; a brief of config/briefs/ into <out>/<id>/). */
  outDir: string;
  assets: RenderAssets;
  /** The briefs of the worker's config/briefs/ (empty without the folder). */
  briefs: WorkerBrief[];
  /** The data folder and the store address, where each brief's own store is opened (openBriefStore). */
  dataDir: string;
  storeUrl: string | undefined;
  queue: JobQueue;
  fetchers: WorkerFetchers;
}

/** A job's failure as BullMQ keeps it: both languages of a UserError (jobErrorMessage), secrets removed. */
function jobError(err: unknown, unrecoverable = false): Error {
  const message = redactSecrets(jobErrorMessage(errorLine(err, 'zh'), errorLine(err, 'en')));
  return unrecoverable ? new UnrecoverableError(message) : new Error(message);
}

/** The catalog's source of a job; a source no longer in the catalog fails the job for good. */
function sourceOf(loaded: LoadedConfig, sourceId: string): Source {
  const source = loaded.sources.find((s) => s.id === sourceId);
  if (!source) throw jobError(new UserError(`来源目录中没有来源 ${sourceId}`, `no source ${sourceId} in the catalog`), true);
  return source;
}

/** Sends the job back to the delayed set to run in `waitMs`, without spending an attempt (as bench/queueWorker.ts does). */
async function defer(job: Job, token: string, waitMs: number): Promise<never> {
  await job.moveToDelayed(Date.now() + waitMs, token);
  throw new DelayedError();
}

/**
 * Links listed before this instant are not fetched: the run's rule (runDay), from the config and the date,
 * over `windowDays` when the job names it (the longest window of the briefs it crawls for).
 */
function listedSince(loaded: LoadedConfig, date: string, windowDays = loaded.config.selection.windowDays): Date {
  const window = issueWindow(date, windowDays);
  return new Date(window.start.getTime() - loaded.config.crawl.listedWithinDays * 24 * 3600 * 1000);
}

/**
 * A crawl-source job, in two steps. First: the source's entry points read (conditional GETs, lists kept
 * raw), a page job added per fresh link as this job's child, what was listed recorded in the job's data,
 * and the job moved to wait for its children. Then, once they are done (or set aside, out of attempts):
 * each list's state kept when every link it gave was answered and none was left over the cap, the
 * source's run saved, and the counts returned.
 */
export async function crawlSource(job: Job<CrawlSourceJobData>, token: string, context: JobContext): Promise<SourceResult> {
  const { loaded, store, queue } = context;
  const source = sourceOf(loaded, job.data.sourceId);
  if (job.data.step !== 'pages') {
    const { date, runId } = job.data;
    const lists: ListedEntry[] = [];
    const read = await readSourceLists(
      source,
      {
        fetcher: context.fetchers.now(runId).lists,
        store,
        runId,
        maxArticlesPerSource: loaded.config.crawl.maxArticlesPerSource,
        concurrency: 1,
        listedSince: listedSince(loaded, date, job.data.windowDays),
        conditional: true,
        emptyRunsAlert: loaded.config.crawl.emptyRunsAlert,
      },
      (entry) => lists.push(entry),
    );
    const elsewhere: string[] = [];
    const options = { ...jobOptions(queue.settings), ...childOptions, parent: { id: job.id!, queue: job.queueQualifiedName } };
    for (const url of new Set(lists.flatMap((entry) => entry.links))) {
      try {
        await queue.queue.add('fetch-page', { date, runId, sourceId: source.id, url, store: job.data.store } satisfies FetchPageJobData, { ...options, jobId: jobIds.fetchPage(date, url) });
      } catch (err) {
        // ParentJobCannotBeReplaced: another source listed the same page today, and its job reads it.
        if ((err as { code?: number }).code !== -7) throw err;
        elsewhere.push(url);
      }
    }
    await job.updateData({ ...job.data, step: 'pages', lists, read, elsewhere });
  }
  if (await job.moveToWaitingChildren(token)) throw new WaitingChildrenError();
  return finishSource(job, source, context);
}

/** The second step of crawlSource: its children's outcomes gathered, states kept, the source's run saved. */
async function finishSource(job: Job<CrawlSourceJobData>, source: Source, context: JobContext): Promise<SourceResult> {
  const { store, queue } = context;
  const { runId, lists = [], read } = job.data;
  const pages = Object.values(await job.getChildrenValues<PageResult>());
  const failures: SourceFailure[] = [...(read?.failures ?? [])];
  const answered = new Set(pages.map((page) => page.url));
  const kept = new Set<string>();
  let pagesFetched = read?.pagesFetched ?? 0;
  for (const page of pages) {
    pagesFetched += page.fetched;
    if (page.keptUrl) kept.add(page.keptUrl);
    for (const failure of page.failures) failures.push({ sourceId: source.id, ...failure });
  }
  // Pages out of attempts: set aside (ignoreDependencyOnFailure), their last error kept by their parent.
  for (const [key, reason] of Object.entries(await job.getIgnoredChildrenFailures())) {
    const child = await queue.queue.getJob(key.slice(key.lastIndexOf(':') + 1));
    const url = (child?.data as FetchPageJobData | undefined)?.url ?? key;
    const [zh, en] = reason.split('\n');
    failures.push({ sourceId: source.id, url, reason: zh ?? reason, reasonEn: en ?? zh ?? reason });
  }
  // A list's state is kept once its articles were read (SourceCrawl's rule), so a list whose page died is read again next run.
  for (const entry of lists) {
    if (entry.overCap || !entry.links.every((url) => answered.has(url))) continue;
    for (const state of entry.states) {
      const response = await store.storedResponse(state.url, state.sha256);
      if (response) await store.saveUrlState(state.url, response, state.sha256);
    }
  }
  failures.sort((a, b) => a.url.localeCompare(b.url));
  const run = {
    ...(read?.run ?? { sourceId: source.id, entriesOk: 0, linksFound: 0, unchanged: 0, listShape: null }),
    finishedAt: new Date().toISOString(),
    documentsNew: kept.size,
    errors: failures.map((f) => `${f.url}: ${f.reason}`),
  };
  // One row per run and source (replaced when the job runs again).
  await store.saveSourceRun(runId, run);
  return { sourceId: source.id, run, pagesFetched, documentsKept: [...kept], linksSkipped: read?.linksSkipped ?? 0, failures };
}

/** Whether a status fails the page for good: a 4xx other than 408 and 429 will not change on a retry. */
function finalStatus(status: number): boolean {
  return status >= 400 && status < 500 && !isRetryableStatus(status) && status !== 408;
}

/**
 * A fetch-page job: a page already stored is not fetched again (the job ran before, or another source's
 * run stored it); otherwise it is fetched (its host's turn taken with every worker), kept raw
 * (saveResponse) before anything parses it, then extracted with its continuation pages and stored.
 */
export async function fetchPage(job: Job<FetchPageJobData>, token: string, context: JobContext): Promise<PageResult> {
  const { store, loaded } = context;
  const { url, runId, sourceId } = job.data;
  if (await store.hasDocument(url)) return { url, keptUrl: url, already: true, fetched: 0, failures: [] };
  const source = sourceOf(loaded, sourceId);
  const { pages } = context.fetchers.now(runId);
  const options = { allowPrivate: source.allowPrivate, robots: source.robots };
  let fetched = 0;
  const get = async (address: string): Promise<{ response: FetchedResponse; responseId: number }> => {
    const response = await pages.fetch(address, options);
    fetched++;
    const saved = await store.saveResponse(runId, sourceId, response);
    return { response, responseId: saved.id };
  };
  // A host busy past the budget defers the job (no attempt spent); any other error fails the attempt.
  const attempt = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof HostBusyError) return await defer(job, token, err.waitMs);
      throw jobError(err);
    }
  };
  const page = await attempt(() => get(url));
  const status = page.response.status;
  if (status !== 200) throw jobError(new UserError(`HTTP ${status}：${url}`, `HTTP ${status}: ${url}`), finalStatus(status));
  const outcome = await attempt(() =>
    storeArticle(page.response, page.responseId, source, store, async (next) => {
      try {
        const continuation = await get(next);
        return continuation.response.status === 200 ? continuation.response : undefined;
      } catch (err) {
        if (err instanceof HostBusyError) throw err;
        // A continuation that does not answer is named as missing by storeArticle.
        return undefined;
      }
    }),
  );
  // Failures name the link the source listed, as a run's do, unless they are about a page kept at another address.
  const failures = outcome.failures.map((failure) => (outcome.keptUrl ? failure : { ...failure, url }));
  return { url, keptUrl: outcome.keptUrl, already: false, fetched, failures };
}

/** The seconds from enqueuing a day to its brief job starting: the crawl's part of the run, as the summary records it. */
function crawlSeconds(job: Job): number {
  return Math.round((job.processedOn ?? Date.now()) - job.timestamp) / 1000;
}

/**
 * The error a brief job fails with, from what stopped `err` (one brief's, or the issue's): an issue the desk
 * has published fails for good (IssuePublishedError: no retry, no way to run the day again named, since
 * none would change it); any other says, when the crawl had `problems`, that retrying does not crawl again
 * and what does.
 */
function briefError(err: unknown, problems: number, date: string): Error {
  if (err instanceof IssuePublishedError) return jobError(err, true);
  // Retrying this job composes again from what was stored; only enqueuing the day again crawls again.
  if (problems === 0) return jobError(err);
  return jobError(
    new UserError(
      `${errorLine(err, 'zh')}（抓取有 ${problems} 项问题；重试此任务不会重新抓取，重新运行这一天：xinzhi jobs enqueue --date ${date} --again）`,
      `${errorLine(err, 'en')} (the crawl had ${problems} problems; retrying this job does not crawl again; to run the day again: xinzhi jobs enqueue --date ${date} --again)`,
    ),
  );
}

/** The briefs of `ids` the worker knows (a missing one is named by writeBriefs), as crawlOfBriefs takes them. */
function briefsOf(context: JobContext, ids: readonly string[]): WorkerBrief[] {
  return ids.flatMap((id) => context.briefs.filter((brief) => brief.loaded.scope!.id === id));
}

/**
 * What the crawl of a brief job's day did, added up from its crawl-source jobs (their results, and those set
 * aside out of attempts), as runDay's summary records a crawl; `scope` is the config whose sources were
 * crawled (the main one, or the union of the briefs').
 */
async function crawlOfJob(job: Job<BriefJobData>, store: Store, scope: LoadedConfig): Promise<CrawlReport> {
  const { date } = job.data;
  const sources = Object.values(await job.getChildrenValues<SourceResult>());
  const setAside = Object.entries(await job.getIgnoredChildrenFailures());
  const kept = new Set(sources.flatMap((source) => source.documentsKept));
  return {
    sourcesRead: sources.length,
    sourcesDisabled: scope.sources.length - scope.sources.filter((source) => source.disabled === undefined).length,
    sourcesNotArchived: 0,
    pagesFetched: sources.reduce((sum, source) => sum + source.pagesFetched, 0),
    documentsKept: kept.size,
    linksSkipped: sources.reduce((sum, source) => sum + source.linksSkipped, 0),
    failures: [
      ...sources.flatMap((source) => source.failures),
      ...setAside.map(([key, reason]) => {
        const sourceId = key.slice(key.lastIndexOf(':') + 1).replace(`crawl-${date}-`, '');
        const [zh, en] = reason.split('\n');
        return { sourceId, url: '', reason: zh ?? reason, reasonEn: en ?? zh ?? reason };
      }),
    ].sort((a, b) => a.sourceId.localeCompare(b.sourceId) || a.url.localeCompare(b.url)),
    alerts: await healthAlerts(store, scope.sources.filter((source) => sources.some((read) => read.sourceId === source.id)), scope.config.crawl.emptyRunsAlert),
  };
}

/**
 * A brief job, once its sources are crawled (or set aside). The main config's one brief (no `briefs` in its
 * data): writeIssueOfDay, as `xinzhi brief` does, into <out>/<date>/. With `briefs`: writeBriefs. The run
 * the day belongs to is finished with a summary like runDay's (its crawl part added up from the
 * crawl-source jobs), or with the error before it is thrown (briefError).
 */
export async function brief(job: Job<BriefJobData>, context: JobContext): Promise<BriefResult | BriefsResult> {
  const { store, loaded } = context;
  const { date, runId } = job.data;
  const known = job.data.briefs === undefined ? [] : briefsOf(context, job.data.briefs);
  const crawl = await crawlOfJob(job, store, known.length > 0 ? crawlOfBriefs(loaded, known.map((brief) => brief.loaded)) : loaded);
  const crawled = { issueDate: date, mode: 'queue', crawl, archiveDamage: [], seconds: { crawl: crawlSeconds(job) } };
  if (job.data.briefs !== undefined) return writeBriefs(job, job.data.briefs, context, crawled);
  try {
    const { seconds, ...issue } = await writeIssueOfDay(store, loaded, date, context.outDir, context.assets);
    await store.finishRun(runId, { ...crawled, ...issue, seconds: { ...crawled.seconds, ...seconds } });
    return { date, outFolder: issue.outFolder, items: issue.itemsChosen, failedChecks: issue.failedChecks.length, withheld: issue.withheld.length };
  } catch (err) {
    await store.finishRun(runId, { ...crawled, error: errorLine(err, 'en') });
    throw briefError(err, crawl.failures.length, date);
  }
}

/** A brief's outcome (writeBriefsOfDay's) as a brief job keeps it: counts, or its error in both languages. */
function briefLine(outcome: BriefOutcome): BriefLine {
  const named = { id: outcome.id, title: outcome.title };
  if (outcome.ok) {
    const { issue } = outcome;
    return { ...named, ok: true, outFolder: issue.outFolder, items: issue.itemsChosen, failedChecks: issue.failedChecks.length, withheld: issue.withheld.length };
  }
  const error = redactSecrets(jobErrorMessage(errorLine(outcome.error, 'zh'), errorLine(outcome.error, 'en')));
  return { ...named, ok: false, error, published: outcome.error instanceof IssuePublishedError };
}

/** One brief's part of a brief job's line, in `lang`: where it was written, or why not. */
export function briefLineText(line: BriefLine, lang: 'zh' | 'en'): string {
  if (line.ok) return lang === 'en' ? `brief ${line.id}: ${line.items} sections, written to ${line.outFolder}` : `简报 ${line.id}：${line.items} 条，已写入 ${line.outFolder}`;
  const [zh, en] = line.error.split('\n');
  return lang === 'en' ? `brief ${line.id} not written: ${en ?? zh}` : `简报 ${line.id} 未写成：${zh}`;
}

/**
 * A brief job of config/briefs/: each brief of `ids` (writeBriefsOfDay) composed from the shared store with
 * its own taxonomy and sources, written to <out>/<id>/<date>/ and recorded in its own store; one brief
 * failing does not stop the others. Briefs an earlier attempt settled (written, or refused as published by
 * the desk: BriefJobData.settled) are not written again. A brief the worker's config/briefs/ lacks is not
 * written, named. Every brief written: the job completes with each brief's outcome. Otherwise it fails
 * with one line naming each brief's outcome (written ones included), the settled ones kept in its data for
 * the retry: for good when only published issues stand in the way (nothing a retry could change), else as
 * an attempt, briefError's way.
 */
async function writeBriefs(job: Job<BriefJobData>, ids: readonly string[], context: JobContext, crawled: { crawl: CrawlReport } & Record<string, unknown>): Promise<BriefsResult> {
  const { date, runId } = job.data;
  const settled = job.data.settled ?? [];
  const pending = ids.filter((id) => !settled.some((line) => line.id === id));
  const known = briefsOf(context, pending);
  const written = await writeBriefsOfDay(
    context.store,
    known.map((brief) => brief.loaded),
    known.map((brief) => brief.assets),
    { dataDir: context.dataDir, storeUrl: context.storeUrl, outDir: context.outDir, issueDate: date },
  );
  const lines = ids.map((id): BriefLine => {
    const earlier = settled.find((line) => line.id === id);
    if (earlier) return earlier;
    const outcome = written.find((candidate) => candidate.id === id);
    if (outcome) return briefLine(outcome);
    const missing = new UserError(`工作进程的配置中没有简报 ${id}（config/briefs/${id}.yaml）`, `the worker's config has no brief ${id} (config/briefs/${id}.yaml)`);
    return briefLine({ id, title: id, ok: false, error: missing });
  });
  // The run records each brief's outcome, as runBriefsDay's does (errors in English, as a run's are kept).
  await context.store.finishRun(runId, { ...crawled, briefs: lines.map((line) => (line.ok ? line : { ...line, error: line.error.split('\n').at(-1) })) });
  const failed = lines.filter((line) => !line.ok);
  if (failed.length === 0) return { date, briefs: lines };
  await job.updateData({ ...job.data, settled: lines.filter((line) => line.ok || line.published) });
  const zh = lines.map((line) => briefLineText(line, 'zh')).join('；');
  const en = lines.map((line) => briefLineText(line, 'en')).join('; ');
  const retryable = failed.some((line) => !line.ok && !line.published);
  throw briefError(retryable ? new UserError(zh, en) : new IssuePublishedError(zh, en), crawled.crawl.failures.length, date);
}
