import { fileURLToPath } from 'node:url';
import { loadSources, type LoadedConfig } from '../config/load.ts';
import type { ArchiveDamage } from '../crawl/warc.ts';
import { RunFailure, runDay, type RunSummary } from '../pipeline/run.ts';
import { errorLine } from '../util/errors.ts';
import { parseIssueDate } from '../util/time.ts';
import { loadCommandConfig, needsReview, requireDate, stringOption, storeUrl, takeDataLock, type CommandContext } from './context.ts';
import { crawlWatcher } from './progress.ts';
import { archiveDamageLine, formatCrawlSummary, formatSummary } from './summary.ts';

/** The bundled sample day, replayed by `xinzhi demo`. */
export const sampleArchive = fileURLToPath(new URL('../../samples/2026-06-18', import.meta.url));
export const sampleIssueDate = '2026-06-19';
/**
 * The catalog the sample day was crawled with. A replay reads the entry points its archive holds, so the
 * sample is replayed with its own catalog: the bundled one follows the real sites and has moved on.
 */
export const sampleCatalog = fileURLToPath(new URL('../../samples/2026-06-18/catalog.yaml', import.meta.url));

/**
 * Runs the day holding the data folder's lock (taken for `command`) and prints its summary, as `run`,
 * `demo` and each scheduled attempt do. A run that fails after its crawl prints what the crawl did first,
 * then throws its error (one line on stderr, from main). Returns the summary.
 */
export async function reportedRun(context: CommandContext, loaded: LoadedConfig, command: string, issueDate: string, replay?: string): Promise<RunSummary> {
  const watcher = context.json ? {} : crawlWatcher(context.lang);
  const onArchiveDamage = (damage: ArchiveDamage) => process.stderr.write(`xinzhi: ${archiveDamageLine(damage, context.lang)}\n`);
  const lock = await takeDataLock(context, command);
  let summary: RunSummary;
  try {
    summary = await runDay({ loaded, dataDir: context.dataDir, storeUrl: storeUrl(loaded), outDir: context.outDir, issueDate, replay, onArchiveDamage, ...watcher });
  } catch (err) {
    if (!(err instanceof RunFailure)) throw err;
    if (context.json) context.print(JSON.stringify({ ...err.crawled, error: errorLine(err.cause, context.lang) }));
    else for (const line of formatCrawlSummary(err.crawled, context.lang)) context.print(line);
    throw err.cause;
  } finally {
    lock.release();
  }
  if (context.json) context.print(JSON.stringify(summary));
  else for (const line of formatSummary(summary, context.lang)) context.print(line);
  return summary;
}

/** `run` and `demo`: the day run and reported; the exit code says whether it needs an editor's review. */
async function runAndReport(context: CommandContext, command: string, issueDate: string, replay: string | undefined, catalog?: string): Promise<number> {
  const loaded = loadCommandConfig(context);
  if (catalog) Object.assign(loaded, loadSources(catalog));
  const summary = await reportedRun(context, loaded, command, issueDate, replay);
  return needsReview(context, summary.withheld.length, summary.failedChecks.length);
}

/** `xinzhi run --date D [--replay ARCHIVE]`: the main job for one issue. */
export function runCommand(context: CommandContext): Promise<number> {
  return runAndReport(context, 'run', requireDate(context), stringOption(context, 'replay'));
}

/** `xinzhi demo`: `run --replay samples/2026-06-18 --date 2026-06-19`, with the catalog the sample was crawled with. */
export function demoCommand(context: CommandContext): Promise<number> {
  const date = stringOption(context, 'date');
  const replay = stringOption(context, 'replay');
  return runAndReport(context, 'demo', date ? parseIssueDate(date) : sampleIssueDate, replay ?? sampleArchive, replay ? undefined : sampleCatalog);
}
