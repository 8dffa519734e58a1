import { join } from 'node:path';
import type { CrawlReport } from '../crawl/crawl.ts';
import { crawledSources, crawlSources } from '../crawl/crawl.ts';
import type { BrowserFetcher } from '../crawl/browser.ts';
import type { Fetcher } from '../crawl/fetcher.ts';
import { browserFetcherFromConfig, liveFetcherFromConfig } from '../crawl/fromConfig.ts';
import { ReplayFetcher } from '../crawl/replay.ts';
import { WarcWriter } from '../crawl/warc.ts';
import type { LoadedConfig } from '../config/load.ts';
import { CrawlProgress } from '../crawl/progress.ts';
import type { SourceRun } from '../store/sqlite.ts';
import { SqliteStore } from '../store/sqlite.ts';
import { secondsSince, shanghaiDay } from '../util/time.ts';
import type { Brief } from '../brief/model.ts';
import { composeIssue, issueWindow, type ComposeTimings } from './compose.ts';
import { renderAssets } from '../render/assets.ts';
import { writeIssue } from './render.ts';

export interface RunOptions {
  loaded: LoadedConfig;
  dataDir: string;
  outDir: string;
  issueDate: string;
  /** A WARC file or folder to replay instead of fetching live. */
  replay?: string;
  /** Watches the crawl: the CLI's live display or plain log. */
  onCrawlStart?: (progress: CrawlProgress) => void;
  onSourceDone?: (run: SourceRun) => void;
  onCrawlEnd?: () => void;
  /** Told what the crawl did once it is over, before the issue is composed (which may fail: no document in the window). */
  onCrawled?: (crawl: CrawlReport) => void;
}

export interface RunSummary {
  issueDate: string;
  mode: 'live' | 'replay';
  outFolder: string;
  crawl: CrawlReport;
  storyGroups: number;
  itemsChosen: number;
  failedChecks: { name: string; item: number | null; detail: string }[];
  /** Sections kept out of the published formats because a check failed: their headline and the findings. */
  withheld: { headline: string; reasons: string[] }[];
  /** What the LLM writer did, when it ran. */
  llm?: Brief['stats']['llm'];
  seconds: { crawl: number; render: number } & ComposeTimings;
}

/** The main job: crawl (or replay) → extract → store → analyze → select → compose → verify → render. */
export async function runDay(options: RunOptions): Promise<RunSummary> {
  const { loaded, issueDate } = options;
  const crawlConfig = loaded.config.crawl;
  // The config's images and fonts are checked before the crawl, so a bad key fails at once, not at the end.
  const assets = renderAssets(loaded.file, loaded.config);
  const store = new SqliteStore(options.dataDir);
  try {
    const mode = options.replay ? 'replay' : 'live';
    const runId = store.startRun(issueDate, mode);
    let started = performance.now();
    const progress = new CrawlProgress(crawledSources(loaded.sources).length);
    const archive = new WarcWriter(join(options.dataDir, 'archives', `${shanghaiDay(new Date().toISOString())}.warc.gz`));
    const replay = options.replay ? await ReplayFetcher.open(options.replay, crawlConfig.maxBytes) : undefined;
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
    const crawlSeconds = secondsSince(started);
    options.onCrawled?.(crawl);
    const composed = await composeIssue(store, loaded, issueDate);
    started = performance.now();
    const outFolder = await writeIssue(composed.brief, options.outDir, assets, (url) => store.documentByUrl(url) !== undefined);
    const summary: RunSummary = {
      issueDate,
      mode,
      outFolder,
      crawl,
      storyGroups: composed.storyGroups,
      itemsChosen: composed.brief.items.length,
      failedChecks: composed.brief.checks.filter((c) => !c.ok),
      withheld: (composed.brief.withheld ?? []).map((w) => ({ headline: w.item.headline, reasons: w.reasons })),
      llm: composed.brief.stats.llm,
      seconds: { crawl: crawlSeconds, ...composed.timings, render: secondsSince(started) },
    };
    store.finishRun(runId, summary);
    return summary;
  } finally {
    store.close();
  }
}
