import type { EntryPoint, Source } from '../config/schema.ts';
import { readEntryPoint } from '../sources/entries.ts';
import { emptyStreak } from '../sources/health.ts';
import type { ListedLink } from '../sources/listPage.ts';
import { requestOptions, type EntryRequest, type FetchEntryPage } from '../sources/request.ts';
import type { SourceRun, Store, UrlState } from '../store/store.ts';
import { errorLine } from '../util/errors.ts';
import { redactSecrets } from '../util/secrets.ts';
import { rendersInBrowser } from '../crawl/browser.ts';
import { articleOfResponse, joinContinuations, responseText } from '../crawl/document.ts';
import type { Fetcher } from '../crawl/fetcher.ts';
import type { CrawlProgress } from '../crawl/progress.ts';
import type { FetchedResponse } from '../domain/response.ts';

/** What went wrong at one address of a source, cleaned of secrets (redactSecrets): a run's failures are printed, stored and sent. */
export interface SourceFailure {
  sourceId: string;
  url: string;
  /** One line in Chinese (lines of the crawl's own carry an English gloss in brackets). */
  reason: string;
  /** The same line in English, for --lang en. */
  reasonEn: string;
}

export interface SourceAlert {
  sourceId: string;
  kind: 'empty' | 'structure';
  detail: string;
  /** The detail in English, for --lang en. */
  detailEn: string;
}

export interface CrawlReport {
  sourcesRead: number;
  /** Sources the catalog keeps but marks `disabled`: not read, and not failures. */
  sourcesDisabled: number;
  /** Sources none of whose entry points the archive holds (replay and import only). */
  sourcesNotArchived: number;
  pagesFetched: number;
  documentsKept: number;
  /** Links not fetched again: stored before, or listed long before the window. */
  linksSkipped: number;
  failures: SourceFailure[];
  alerts: SourceAlert[];
}

export interface CrawlContext {
  fetcher: Fetcher;
  store: Store;
  runId: number;
  maxArticlesPerSource: number;
  /** Sources read at once; each host is still limited by the fetcher's politeness. */
  concurrency: number;
  /** Links listed before this instant are not fetched. */
  listedSince?: Date;
  /** Ask the server whether a list changed since the last run (live runs only). */
  conditional: boolean;
  /** Whether the fetcher holds a URL (a replay): sources it holds nothing of are not read. */
  covers?: (url: string) => boolean;
  emptyRunsAlert: number;
  progress?: CrawlProgress;
  /** Called when a source is done, for the plain log. */
  onSourceDone?: (run: SourceRun) => void;
}

/**
 * A list's state (validators and body hash: saveUrlState) not kept yet: kept once the articles it listed
 * were read, so that a run killed in between reads the list again. The response is found again in the
 * store by its URL and digest (storedResponse).
 */
export interface PendingUrlState {
  url: string;
  sha256: string;
}

/**
 * What one entry point of a source listed, handed to whoever reads its articles instead of this module (a
 * crawl-source job of the queue hands the links to page jobs, src/queue/handlers.ts): the fresh links
 * (not stored, not listed long before the window; at most maxArticlesPerSource), whether links were left
 * over the cap, and the list states to keep once every link was answered and none was left over.
 */
export interface ListedEntry {
  entryUrl: string;
  links: string[];
  overCap: boolean;
  states: PendingUrlState[];
}

/** An article page's failures (as SourceFailure without the source) and where its document was kept, if it was. */
export interface ArticleOutcome {
  keptUrl?: string;
  failures: { url: string; reason: string; reasonEn: string }[];
}

/**
 * Extracts and stores one fetched article page (`response`, kept raw as row `responseId` already):
 * articleOfResponse, its continuation pages joined (fetched by `fetchContinuation`, which resolves
 * undefined for a page that did not answer), then saveDocument under the address that served it. A page
 * that cannot be read or is partial yields failures, never a throw; what the store or `fetchContinuation`
 * throws is thrown (a queue's page job defers itself when a continuation's host is busy).
 */
export async function storeArticle(response: FetchedResponse, responseId: number, source: Source, store: Store, fetchContinuation: (url: string) => Promise<FetchedResponse | undefined>): Promise<ArticleOutcome> {
  const failures: ArticleOutcome['failures'] = [];
  const url = response.url;
  let read: ReturnType<typeof articleOfResponse>;
  try {
    // After a redirect the document lives at the address that served it.
    read = articleOfResponse(response, source);
  } catch (err) {
    return { failures: [{ url, reason: `解析失败：${errorLine(err)}`, reasonEn: `extraction failed: ${errorLine(err, 'en')}` }] };
  }
  if ('reason' in read) return { failures: [{ url, reason: read.reason, reasonEn: read.reasonEn }] };
  let joined: Awaited<ReturnType<typeof joinContinuations>>;
  let fetchError: { error: unknown } | undefined;
  try {
    joined = await joinContinuations(response, read.article, source, async (next) => {
      try {
        return await fetchContinuation(next);
      } catch (err) {
        fetchError ??= { error: err };
        throw err;
      }
    });
  } catch (err) {
    if (fetchError) throw fetchError.error;
    return { failures: [{ url, reason: `解析失败：${errorLine(err)}`, reasonEn: `extraction failed: ${errorLine(err, 'en')}` }] };
  }
  if (joined.missing.length > 0) failures.push({ url, reason: `文档不完整，缺续页 ${joined.missing.join(' ')}`, reasonEn: `partial document: continuation pages missing ${joined.missing.join(' ')}` });
  await store.saveDocument(source.id, url, responseId, joined.article);
  return { keptUrl: url, failures };
}

class SourceCrawl {
  pagesFetched = 0;
  linksSkipped = 0;
  /** Addresses of the documents stored: two links that redirect to one page keep one document. */
  readonly keptUrls = new Set<string>();
  readonly failures: SourceFailure[] = [];
  private entriesOk = 0;
  private linksFound = 0;
  private unchanged = 0;
  private listShape: string | null = null;

  /** `handOff`: where each entry's fresh links go instead of being read here (see ListedEntry). */
  constructor(private readonly source: Source, private readonly context: CrawlContext, private readonly handOff?: (entry: ListedEntry) => void) {}

  /** Records a failure: `reason` in Chinese, `reasonEn` in English (the same line when not given), neither holding a secret. */
  private fail(url: string, reason: string, reasonEn = reason): void {
    this.failures.push({ sourceId: this.source.id, url: redactSecrets(url), reason: redactSecrets(reason), reasonEn: redactSecrets(reasonEn) });
    if (this.context.progress) this.context.progress.errors++;
  }

  /**
   * Fetches and keeps the raw response before anything parses it; a failure is recorded, never thrown.
   * `render`: read the page in the browser (a list of a `fetch: browser` source); the requests it refused are failures too.
   */
  private async get(target: string | EntryRequest, state?: UrlState, render = false): Promise<{ response: FetchedResponse; responseId: number; sha256: string } | undefined> {
    const { fetcher, store, runId } = this.context;
    const request = typeof target === 'string' ? { url: target } : target;
    const url = request.url;
    let response: FetchedResponse;
    try {
      response = await fetcher.fetch(url, {
        allowPrivate: this.source.allowPrivate,
        robots: this.source.robots,
        conditional: state ? { etag: state.etag ?? undefined, lastModified: state.lastModified ?? undefined } : undefined,
        ...requestOptions(request),
        ...(render ? { render, onSubrequestRefused: (refused: string, reason: string) => this.fail(refused, `${url} 渲染时的请求未完成：${reason}`, `${url}: a request of the rendered page was not completed: ${reason}`) } : {}),
      });
    } catch (err) {
      this.fail(url, errorLine(err, 'zh'), errorLine(err, 'en'));
      return undefined;
    }
    this.pagesFetched++;
    this.context.progress?.responded(response.url, response.body.length);
    const saved = await store.saveResponse(runId, this.source.id, response);
    if (response.status !== 200 && response.status !== 304) {
      this.fail(url, `HTTP ${response.status}`);
      return undefined;
    }
    return { response, responseId: saved.id, sha256: saved.sha256 };
  }

  async run(): Promise<SourceRun> {
    // A replay reads the entry points its archive holds; the others were not crawled that day.
    const covers = this.context.covers;
    for (const entry of this.source.entries) if (!covers || covers(entry.url)) await this.readEntry(entry);
    return {
      sourceId: this.source.id,
      finishedAt: new Date().toISOString(),
      entriesOk: this.entriesOk,
      linksFound: this.linksFound,
      unchanged: this.unchanged,
      documentsNew: this.keptUrls.size,
      errors: this.failures.map((f) => `${f.url}: ${f.reason}`),
      listShape: this.listShape,
    };
  }

  private async readEntry(entry: EntryPoint): Promise<void> {
    const { store, conditional } = this.context;
    let answered = false;
    let lost = false;
    // A list's state (its validators, its hash) is kept once its articles were read: kept before, a run
    // killed in between would find the list unchanged the next time and never read them. So with an article
    // that did not answer, or links left over the per-source cap: the next run reads the list again.
    const states: (PendingUrlState & { response: FetchedResponse })[] = [];
    const keepStates = async () => {
      for (const state of states) await store.saveUrlState(state.url, state.response, state.sha256);
    };
    // Every page of the entry goes through get(): polite, archived, stored, and reported when it fails. The
    // page that holds the list is asked for conditionally; unchanged (a 304, or the same bytes where the
    // server gives no validators), it is still read from the store, as a JPaaS shell must be.
    const fetchPage: FetchEntryPage = async (request) => {
      const previous = request.watch && conditional ? await store.urlState(request.url) : undefined;
      // A `fetch: browser` source's list pages are read as the browser draws them; its POSTs (a Hanweb group) are not pages.
      const fetched = await this.get(request, previous, rendersInBrowser(this.source, entry) && (request.method ?? 'GET') === 'GET');
      lost ||= !fetched;
      if (!fetched) return undefined;
      if (!answered) this.entriesOk++;
      answered = true;
      const { response, sha256 } = fetched;
      const unchanged = previous !== undefined && (response.status === 304 || previous.sha256 === sha256);
      if (request.watch && !unchanged) states.push({ url: request.url, response, sha256 });
      const kept = response.status === 304 && previous ? await store.storedResponse(request.url, previous.sha256) : response;
      return { url: response.url, text: kept ? responseText(kept) : '', unchanged };
    };
    const read = await readEntryPoint(entry, fetchPage);
    if (read.failure) this.fail(read.failure.url, errorLine(read.failure.error, 'zh'), errorLine(read.failure.error, 'en'));
    if (read.unchanged) {
      await keepStates();
      this.unchanged++;
      return;
    }
    if (answered) this.listShape = read.shape;
    this.linksFound += read.links.length;
    // A page that could not be had or read is reported already.
    if (read.links.length === 0 && !read.failure && !lost) this.fail(entry.url, '入口未给出文章链接', 'no article links found');
    const fresh = await this.freshLinks(read.links);
    const cap = this.context.maxArticlesPerSource;
    if (this.handOff) {
      this.handOff({ entryUrl: entry.url, links: fresh.slice(0, cap).map((link) => link.url), overCap: fresh.length > cap, states: states.map(({ url, sha256 }) => ({ url, sha256 })) });
      return;
    }
    // All at once: the fetcher's politeness decides how many reach the host together.
    const done = await Promise.all(fresh.slice(0, cap).map((link) => this.readArticle(link.url)));
    // Kept when each was answered and none was left over the cap.
    if (fresh.length <= cap && done.every(Boolean)) await keepStates();
  }

  /** The links not stored before and not listed long before the window, each once; the others are counted as skipped. */
  private async freshLinks(links: ListedLink[]): Promise<ListedLink[]> {
    const { store, listedSince } = this.context;
    // A link listed twice (on two pages, or by two entry points) is read once.
    const unique = [...new Map(links.map((link) => [link.url, link])).values()];
    const fresh: ListedLink[] = [];
    for (const link of unique) {
      const old = listedSince && link.listedAt && new Date(link.listedAt).getTime() < listedSince.getTime();
      const seen = !old && (await store.hasDocument(link.url));
      if (old || seen) this.linksSkipped++;
      else fresh.push(link);
    }
    return fresh;
  }

  /** Reads and stores one article; false when the page did not answer (a network failure or an HTTP error, reported). */
  private async readArticle(url: string): Promise<boolean> {
    const page = await this.get(url);
    if (!page) return false;
    try {
      // Continuation pages go through get() like any page: polite, archived, and reported when they fail.
      const outcome = await storeArticle(page.response, page.responseId, this.source, this.context.store, async (next) => (await this.get(next))?.response);
      for (const failure of outcome.failures) this.fail(failure.url === page.response.url && !outcome.keptUrl ? url : failure.url, failure.reason, failure.reasonEn);
      if (outcome.keptUrl) this.keptUrls.add(outcome.keptUrl);
    } catch (err) {
      this.fail(url, `解析失败：${errorLine(err)}`, `extraction failed: ${errorLine(err, 'en')}`);
    }
    return true;
  }
}

/**
 * Reads one source's entry points as a run does (conditional GETs, each list kept raw, failures recorded)
 * and hands each entry's fresh links to `handOff` instead of reading them: the first step of a queue's
 * crawl-source job. Resolves to the source's run so far (documentsNew 0: its articles are read elsewhere),
 * how many pages it fetched and links it skipped, and its failures.
 */
export async function readSourceLists(source: Source, context: CrawlContext, handOff: (entry: ListedEntry) => void): Promise<{ run: SourceRun; pagesFetched: number; linksSkipped: number; failures: SourceFailure[] }> {
  const crawl = new SourceCrawl(source, context, handOff);
  const run = await crawl.run();
  return { run, pagesFetched: crawl.pagesFetched, linksSkipped: crawl.linksSkipped, failures: crawl.failures };
}

/** Sources that yielded no links for `runs` runs in a row, or whose list changed its layout since the run before. */
export async function healthAlerts(store: Store, sources: readonly Source[], runs: number): Promise<SourceAlert[]> {
  const alerts: SourceAlert[] = [];
  for (const source of sources) {
    const recent = await store.sourceRuns(source.id, Math.max(runs, 2));
    if (emptyStreak(recent) >= runs) {
      alerts.push({ sourceId: source.id, kind: 'empty', detail: `连续 ${runs} 次未取得文章链接`, detailEn: `no links for ${runs} runs` });
    }
    const [latest, previous] = recent;
    if (latest?.listShape && previous?.listShape && latest.listShape !== previous.listShape) {
      alerts.push({ sourceId: source.id, kind: 'structure', detail: `列表页结构已变化：${previous.listShape} → ${latest.listShape}`, detailEn: `list layout changed: ${previous.listShape} → ${latest.listShape}` });
    }
  }
  return alerts;
}

/** The sources a run reads: all but those the catalog marks `disabled`. */
export function crawledSources(sources: readonly Source[]): Source[] {
  return sources.filter((source) => source.disabled === undefined);
}

/**
 * Reads every enabled source's entry points and new articles; one failing source never stops the others.
 * A disabled source is counted, never fetched: it cannot fail, and it raises no alert.
 */
export async function crawlSources(sources: readonly Source[], context: CrawlContext): Promise<CrawlReport> {
  const enabled = crawledSources(sources);
  const report: CrawlReport = { sourcesRead: 0, sourcesDisabled: sources.length - enabled.length, sourcesNotArchived: 0, pagesFetched: 0, documentsKept: 0, linksSkipped: 0, failures: [], alerts: [] };
  const kept = new Set<string>();
  const read: Source[] = [];
  const queue = enabled.filter((source) => {
    const archived = !context.covers || source.entries.some((entry) => context.covers!(entry.url));
    if (!archived) report.sourcesNotArchived++;
    return archived;
  });
  const worker = async () => {
    for (let source = queue.shift(); source; source = queue.shift()) {
      const crawl = new SourceCrawl(source, context);
      const run = await crawl.run();
      await context.store.saveSourceRun(context.runId, run);
      read.push(source);
      report.sourcesRead++;
      report.pagesFetched += crawl.pagesFetched;
      report.linksSkipped += crawl.linksSkipped;
      for (const url of crawl.keptUrls) kept.add(url);
      report.failures.push(...crawl.failures);
      if (context.progress) context.progress.sourcesDone++;
      context.onSourceDone?.(run);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, context.concurrency) }, worker));
  report.documentsKept = kept.size;
  report.failures.sort((a, b) => a.sourceId.localeCompare(b.sourceId) || a.url.localeCompare(b.url));
  report.alerts = await healthAlerts(context.store, read.sort((a, b) => a.id.localeCompare(b.id)), context.emptyRunsAlert);
  return report;
}
