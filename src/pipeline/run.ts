import { join } from 'node:path';
import type { CrawlReport } from './crawl.ts';
import { crawledSources, crawlSources } from './crawl.ts';
import type { BrowserFetcher } from '../crawl/browser.ts';
import type { Fetcher } from '../crawl/fetcher.ts';
import { browserFetcherFromConfig, liveFetcherFromConfig } from '../crawl/fromConfig.ts';
import { ReplayFetcher } from '../crawl/replay.ts';
import { WarcWriter, type ArchiveDamage } from '../crawl/warc.ts';
import type { LoadedConfig } from '../config/load.ts';
import { CrawlProgress } from '../crawl/progress.ts';
import { taxonomySegmenter } from '../analyze/relevance.ts';
import type { SourceRun, Store } from '../store/store.ts';
import { openBriefStore } from '../store/briefStore.ts';
import { crawlOfBriefs } from '../config/briefs.ts';
import { openStore } from '../store/open.ts';
import { errorLine } from '../util/errors.ts';
import { secondsSince, shanghaiDay } from '../util/time.ts';
import type { Brief } from '../domain/brief.ts';
import { composeIssue, issueWindow, type ComposeTimings } from './compose.ts';
import { renderAssets, type RenderAssets } from '../render/assets.ts';
import { writeAndRecordIssue } from './render.ts';

export interface RunOptions {
  loaded: LoadedConfig;
  dataDir: string;
  /** The store's address (src/store/open.ts): a postgres:// one, or undefined for the SQLite file in dataDir. */
  storeUrl?: string;
  outDir: string;
  issueDate: string;
  /** A WARC file or folder to replay instead of fetching live. */
  replay?: string;
  /** Watches the crawl: the CLI's live display or plain log. */
  onCrawlStart?: (progress: CrawlProgress) => void;
  onSourceDone?: (run: SourceRun) => void;
  onCrawlEnd?: () => void;
  /** Told of an archive read up to its damage (a replay), or repaired before the day's records are appended to it. */
  onArchiveDamage?: (damage: ArchiveDamage) => void;
}

/** What a run's crawl did: the part of its summary a run that failed after its crawl still has. */
export interface CrawlSummary {
  issueDate: string;
  mode: 'live' | 'replay';
  crawl: CrawlReport;
  /**
   * Archives found damaged: a replay read up to the damage (documents after it are missing from the
   * issue), or the day's archive repaired before appending. Empty when every archive read whole.
   */
  archiveDamage: ArchiveDamage[];
  seconds: { crawl: number };
}

/**
 * A run that failed after its crawl (no relevant document, a render or write error): `crawled` is what the
 * crawl did, to be shown before the error, and `cause` what failed. The run's row records both.
 */
export class RunFailure extends Error {
  override readonly name = 'RunFailure';
  constructor(readonly crawled: CrawlSummary, override readonly cause: unknown) {
    super(errorLine(cause));
  }
}

/** What a run did for one brief after the crawl: its issue composed, checked, written and recorded. */
export interface IssueSummary {
  outFolder: string;
  storyGroups: number;
  itemsChosen: number;
  failedChecks: { name: string; item: number | null; detail: string }[];
  /** Sections kept out of the published formats because a check failed: their headline and the findings. */
  withheld: { headline: string; reasons: string[] }[];
  /** What the LLM writer did, when it ran. */
  llm?: Brief['stats']['llm'];
  seconds: ComposeTimings & { render: number };
}

export interface RunSummary extends CrawlSummary, Omit<IssueSummary, 'seconds'> {
  seconds: { crawl: number; render: number } & ComposeTimings;
}

/** One brief's part of a run of several (runBriefsDay): its issue, or the error that stopped it. */
export type BriefOutcome = { id: string; title: string } & ({ ok: true; issue: IssueSummary } | { ok: false; error: unknown });

/** A run of several briefs: the one crawl, then each brief's outcome, in the order of the briefs. */
export interface BriefsRunSummary extends CrawlSummary {
  briefs: BriefOutcome[];
}

/**
 * One brief's issue of the day from what the store holds: composed (composeIssue), its documents' facets
 * kept, written to `outDir`/<date>/ and recorded (writeAndRecordIssue). Returns what the run summary says
 * of it; throws what those throw (a UserError when nothing relevant was found).
 */
export async function writeIssueOfDay(store: Store, loaded: LoadedConfig, issueDate: string, outDir: string, assets: RenderAssets): Promise<IssueSummary> {
  const composed = await composeIssue(store, loaded, issueDate);
  await store.saveDocumentFacets(issueDate, composed.facets);
  const started = performance.now();
  const outFolder = await writeAndRecordIssue(store, composed.brief, outDir, assets);
  return {
    outFolder,
    storyGroups: composed.storyGroups,
    itemsChosen: composed.brief.items.length,
    failedChecks: composed.brief.checks.filter((c) => !c.ok),
    withheld: (composed.brief.withheld ?? []).map((w) => ({ headline: w.item.headline, reasons: w.reasons })),
    llm: composed.brief.stats.llm,
    seconds: { ...composed.timings, render: secondsSince(started) },
  };
}

/**
 * The crawl of a day, shared by one brief or several: `crawlLoaded`'s sources read once (or replayed) into
 * the store of options.dataDir, opened with crawlLoaded's taxonomy for search, then `after` given the store,
 * the run's row and what the crawl did. The store is closed when `after` settles; its result is returned.
 */
async function crawlThen<T>(options: Omit<RunOptions, 'loaded'>, crawlLoaded: LoadedConfig, after: (store: Store, runId: number, crawled: CrawlSummary) => Promise<T>): Promise<T> {
  const { issueDate } = options;
  const crawlConfig = crawlLoaded.config.crawl;
  const started = performance.now();
  // Each damage is told as it is met (a line on stderr) and kept for the summary, which a cron job's mail shows.
  const archiveDamage: ArchiveDamage[] = [];
  const onDamage = (damage: ArchiveDamage) => {
    archiveDamage.push(damage);
    options.onArchiveDamage?.(damage);
  };
  // An archive that cannot be replayed fails the run before it is recorded.
  const replay = options.replay ? await ReplayFetcher.open(options.replay, { maxBytes: crawlConfig.maxBytes, onDamage }) : undefined;
  // Documents and the issue are indexed for the desk's search as they are written.
  const store = await openStore(options.dataDir, { url: options.storeUrl, searchSegment: taxonomySegmenter(crawlLoaded.taxonomy) });
  try {
    const mode = replay ? 'replay' : 'live';
    const runId = await store.startRun(issueDate, mode);
    const progress = new CrawlProgress(crawledSources(crawlLoaded.sources).length);
    const archive = new WarcWriter(join(options.dataDir, 'archives', `${shanghaiDay(new Date().toISOString())}.warc.gz`), onDamage);
    // A replay reads renderings from the archive: it never starts a browser.
    let browser: BrowserFetcher | undefined;
    const fetcher: Fetcher =
      replay ??
      (browser = browserFetcherFromConfig(
        crawlConfig,
        liveFetcherFromConfig(crawlConfig, crawlLoaded.sources, {
          onResponse: (response) => archive.append(response),
          onRequest: (url) => progress.requestStarted(url),
        }),
        { onRendered: (rendered) => archive.appendRendered(rendered) },
      ));
    const window = issueWindow(issueDate, crawlLoaded.config.selection.windowDays);
    options.onCrawlStart?.(progress);
    let crawl: CrawlReport;
    try {
      crawl = await crawlSources(crawlLoaded.sources, {
        fetcher,
        store,
        runId,
        maxArticlesPerSource: crawlConfig.maxArticlesPerSource,
        concurrency: crawlConfig.concurrency,
        listedSince: new Date(window.start.getTime() - crawlConfig.listedWithinDays * 24 * 3600 * 1000),
        conditional: !replay,
        covers: replay ? (url) => replay.covers(url) : undefined,
        emptyRunsAlert: crawlConfig.emptyRunsAlert,
        progress,
        onSourceDone: options.onSourceDone,
      });
    } finally {
      await browser?.close();
      await archive.close();
      options.onCrawlEnd?.();
    }
    return await after(store, runId, { issueDate, mode, crawl, archiveDamage, seconds: { crawl: secondsSince(started) } });
  } finally {
    await store.close();
  }
}

/**
 * The main job: crawl (or replay) → extract → store → analyze → select → compose → verify → render, and
 * the issue recorded once its folder is written. A failure after the crawl throws a RunFailure carrying
 * the crawl's summary; the run's row is finished with it and the error. A run killed part way is resumed
 * by running the day again: documents are stored once by address, and a list's state is kept only after
 * its articles were read (crawlSources).
 */
export async function runDay(options: RunOptions): Promise<RunSummary> {
  const { loaded, issueDate } = options;
  // The config's images and fonts are checked before the crawl, so a bad key fails at once, not at the end.
  const assets = renderAssets(loaded.file, loaded.config);
  return crawlThen(options, loaded, async (store, runId, crawled) => {
    try {
      const { seconds, ...issue } = await writeIssueOfDay(store, loaded, issueDate, options.outDir, assets);
      const summary: RunSummary = { ...crawled, ...issue, seconds: { ...crawled.seconds, ...seconds } };
      await store.finishRun(runId, summary);
      return summary;
    } catch (err) {
      await store.finishRun(runId, { ...crawled, error: errorLine(err, 'en') });
      throw new RunFailure(crawled, err);
    }
  });
}

/**
 * Each brief's issue of the day (writeIssueOfDay) from the `shared` store: read with the brief's taxonomy
 * and sources, written to `outDir`/<id>/<date>/ with its `assets` (by index), recorded in its own issue
 * store (openBriefStore, in `dataDir`). One brief's failure is kept in its outcome and the next goes on.
 * Resolves to the outcomes in the order of `briefs`.
 */
export async function writeBriefsOfDay(
  shared: Store,
  briefs: readonly LoadedConfig[],
  assets: readonly RenderAssets[],
  where: { dataDir: string; storeUrl?: string; outDir: string; issueDate: string },
): Promise<BriefOutcome[]> {
  const outcomes: BriefOutcome[] = [];
  for (const [i, brief] of briefs.entries()) {
    const id = brief.scope!.id;
    const named = { id, title: brief.config.brief.title };
    try {
      const store = await openBriefStore(shared, where.dataDir, id, { url: where.storeUrl, searchSegment: taxonomySegmenter(brief.taxonomy) });
      try {
        outcomes.push({ ...named, ok: true, issue: await writeIssueOfDay(store, brief, where.issueDate, join(where.outDir, id), assets[i]!) });
      } finally {
        await store.close();
      }
    } catch (err) {
      outcomes.push({ ...named, ok: false, error: err });
    }
  }
  return outcomes;
}

/**
 * Several briefs of one day from one crawl (issue 18): the union of their sources crawled once
 * (crawlOfBriefs) into the shared store, then each brief composed from it with its own taxonomy and
 * sources (loaded.scope), written to `outDir`/<id>/<date>/ and recorded in its own issue store
 * (openBriefStore). A brief that fails (no relevant document, a render error) is told in its outcome and
 * the others go on. The run's row records the crawl and each brief's outcome. Throws only what stops the
 * crawl itself (an archive that cannot be replayed, a store that cannot be opened) or a bad render setting,
 * checked before the crawl.
 */
export async function runBriefsDay(options: Omit<RunOptions, 'loaded'> & { main: LoadedConfig; briefs: LoadedConfig[] }): Promise<BriefsRunSummary> {
  const { main, briefs, issueDate } = options;
  const assets = briefs.map((brief) => renderAssets(brief.file, brief.config));
  return crawlThen(options, crawlOfBriefs(main, briefs), async (shared, runId, crawled) => {
    const outcomes = await writeBriefsOfDay(shared, briefs, assets, { ...options, issueDate });
    const recorded = outcomes.map((outcome) => (outcome.ok ? outcome : { id: outcome.id, title: outcome.title, ok: false, error: errorLine(outcome.error, 'en') }));
    await shared.finishRun(runId, { ...crawled, briefs: recorded });
    return { ...crawled, briefs: outcomes };
  });
}
