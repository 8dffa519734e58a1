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
import type { SourceRun } from '../store/store.ts';
import { openStore } from '../store/open.ts';
import { errorLine } from '../util/errors.ts';
import { secondsSince, shanghaiDay } from '../util/time.ts';
import type { Brief } from '../domain/brief.ts';
import { composeIssue, issueWindow, type ComposeTimings } from './compose.ts';
import { renderAssets } from '../render/assets.ts';
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

export interface RunSummary extends CrawlSummary {
  outFolder: string;
  storyGroups: number;
  itemsChosen: number;
  failedChecks: { name: string; item: number | null; detail: string }[];
  /** Sections kept out of the published formats because a check failed: their headline and the findings. */
  withheld: { headline: string; reasons: string[] }[];
  /** What the LLM writer did, when it ran. */
  llm?: Brief['stats']['llm'];
  seconds: { crawl: number; render: number } & ComposeTimings;
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
  const crawlConfig = loaded.config.crawl;
  // The config's images and fonts are checked before the crawl, so a bad key fails at once, not at the end.
  const assets = renderAssets(loaded.file, loaded.config);
  let started = performance.now();
  // Each damage is told as it is met (a line on stderr) and kept for the summary, which a cron job's mail shows.
  const archiveDamage: ArchiveDamage[] = [];
  const onDamage = (damage: ArchiveDamage) => {
    archiveDamage.push(damage);
    options.onArchiveDamage?.(damage);
  };
  // An archive that cannot be replayed fails the run before it is recorded.
  const replay = options.replay ? await ReplayFetcher.open(options.replay, { maxBytes: crawlConfig.maxBytes, onDamage }) : undefined;
  // Documents and the issue are indexed for the desk's search as they are written.
  const store = await openStore(options.dataDir, { url: options.storeUrl, searchSegment: taxonomySegmenter(loaded.taxonomy) });
  try {
    const mode = replay ? 'replay' : 'live';
    const runId = await store.startRun(issueDate, mode);
    const progress = new CrawlProgress(crawledSources(loaded.sources).length);
    const archive = new WarcWriter(join(options.dataDir, 'archives', `${shanghaiDay(new Date().toISOString())}.warc.gz`), onDamage);
    // A replay reads renderings from the archive: it never starts a browser.
    let browser: BrowserFetcher | undefined;
    const fetcher: Fetcher =
      replay ??
      (browser = browserFetcherFromConfig(
        crawlConfig,
        liveFetcherFromConfig(crawlConfig, loaded.sources, {
          onResponse: (response) => archive.append(response),
          onRequest: (url) => progress.requestStarted(url),
        }),
        { onRendered: (rendered) => archive.appendRendered(rendered) },
      ));
    const window = issueWindow(issueDate, loaded.config.selection.windowDays);
    options.onCrawlStart?.(progress);
    let crawl: CrawlReport;
    try {
      crawl = await crawlSources(loaded.sources, {
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
    const crawled: CrawlSummary = { issueDate, mode, crawl, archiveDamage, seconds: { crawl: secondsSince(started) } };
    try {
      const composed = await composeIssue(store, loaded, issueDate);
      await store.saveDocumentFacets(issueDate, composed.facets);
      started = performance.now();
      const outFolder = await writeAndRecordIssue(store, composed.brief, options.outDir, assets);
      const summary: RunSummary = {
        ...crawled,
        outFolder,
        storyGroups: composed.storyGroups,
        itemsChosen: composed.brief.items.length,
        failedChecks: composed.brief.checks.filter((c) => !c.ok),
        withheld: (composed.brief.withheld ?? []).map((w) => ({ headline: w.item.headline, reasons: w.reasons })),
        llm: composed.brief.stats.llm,
        seconds: { ...crawled.seconds, ...composed.timings, render: secondsSince(started) },
      };
      await store.finishRun(runId, summary);
      return summary;
    } catch (err) {
      await store.finishRun(runId, { ...crawled, error: errorLine(err, 'en') });
      throw new RunFailure(crawled, err);
    }
  } finally {
    await store.close();
  }
}
