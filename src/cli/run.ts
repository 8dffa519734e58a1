import { fileURLToPath } from 'node:url';
import { loadSources } from '../config/load.ts';
import type { CrawlReport } from '../crawl/crawl.ts';
import { runDay, type RunSummary } from '../pipeline/run.ts';
import { parseIssueDate } from '../util/time.ts';
import { loadCommandConfig, needsReview, requireDate, stringOption, type CommandContext } from './context.ts';
import { crawlWatcher } from './progress.ts';
import { formatCrawl, formatSummary } from './summary.ts';

/** The bundled sample day, replayed by `xinzhi demo`. */
export const sampleArchive = fileURLToPath(new URL('../../samples/2026-06-18', import.meta.url));
export const sampleIssueDate = '2026-06-19';
/**
 * The catalog the sample day was crawled with. A replay reads the entry points its archive holds, so the
 * sample is replayed with its own catalog: the bundled one follows the real sites and has moved on.
 */
export const sampleCatalog = fileURLToPath(new URL('../../samples/2026-06-18/catalog.yaml', import.meta.url));

async function runAndReport(context: CommandContext, issueDate: string, replay: string | undefined, catalog?: string): Promise<number> {
  const watcher = context.json ? {} : crawlWatcher();
  const loaded = loadCommandConfig(context);
  if (catalog) Object.assign(loaded, loadSources(catalog));
  let crawled: CrawlReport | undefined;
  let summary: RunSummary;
  try {
    summary = await runDay({ loaded, dataDir: context.dataDir, outDir: context.outDir, issueDate, replay, ...watcher, onCrawled: (crawl) => (crawled = crawl) });
  } catch (err) {
    // A run that fails after its crawl (no document in the window) says first what the crawl met, by source.
    if (crawled && !context.json) for (const line of formatCrawl(issueDate, crawled, context.lang)) context.print(line);
    throw err;
  }
  if (context.json) context.print(JSON.stringify(summary));
  else for (const line of formatSummary(summary, context.lang)) context.print(line);
  return needsReview(context, summary.withheld.length, summary.failedChecks.length);
}

/** `xinzhi run --date D [--replay ARCHIVE]`: the main job for one issue. */
export function runCommand(context: CommandContext): Promise<number> {
  return runAndReport(context, requireDate(context), stringOption(context, 'replay'));
}

/** `xinzhi demo`: `run --replay samples/2026-06-18 --date 2026-06-19`, with the catalog the sample was crawled with. */
export function demoCommand(context: CommandContext): Promise<number> {
  const date = stringOption(context, 'date');
  const replay = stringOption(context, 'replay');
  return runAndReport(context, date ? parseIssueDate(date) : sampleIssueDate, replay ?? sampleArchive, replay ? undefined : sampleCatalog);
}
