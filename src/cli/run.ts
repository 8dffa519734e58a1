import { fileURLToPath } from 'node:url';
import type { LoadedConfig } from '../config/load.ts';
import type { ArchiveDamage } from '../crawl/warc.ts';
import { RunFailure, runBriefsDay, runDay, type BriefOutcome, type BriefsRunSummary, type RunSummary } from '../pipeline/run.ts';
import { errorLine } from '../util/errors.ts';
import { t } from '../util/i18n.ts';
import { parseIssueDate } from '../util/time.ts';
import { loadCommandBriefs, needsReview, requireDate, stringOption, storeUrl, takeDataLock, type CommandContext } from './context.ts';
import { crawlWatcher } from './progress.ts';
import { archiveDamageLine, formatBriefsSummary, formatCrawlSummary, formatSummary } from './summary.ts';

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

/**
 * reportedRun for several briefs (runBriefsDay): one crawl under the data folder's lock, then each brief;
 * the summary printed (JSON: the crawl's with `briefs`, each with its issue or its `error` line). Returns the
 * summary; throws what stops the crawl itself.
 */
export async function reportedBriefsRun(context: CommandContext, main: LoadedConfig, briefs: LoadedConfig[], command: string, issueDate: string, replay?: string): Promise<BriefsRunSummary> {
  const watcher = context.json ? {} : crawlWatcher(context.lang);
  const onArchiveDamage = (damage: ArchiveDamage) => process.stderr.write(`xinzhi: ${archiveDamageLine(damage, context.lang)}\n`);
  const lock = await takeDataLock(context, command);
  let summary: BriefsRunSummary;
  try {
    summary = await runBriefsDay({ main, briefs, dataDir: context.dataDir, storeUrl: storeUrl(main), outDir: context.outDir, issueDate, replay, onArchiveDamage, ...watcher });
  } finally {
    lock.release();
  }
  if (context.json) {
    const briefsJson = summary.briefs.map((outcome) => (outcome.ok ? outcome : { id: outcome.id, title: outcome.title, ok: false, error: errorLine(outcome.error, context.lang) }));
    context.print(JSON.stringify({ ...summary, briefs: briefsJson }));
  } else for (const line of formatBriefsSummary(summary, context.lang)) context.print(line);
  return summary;
}

/**
 * The exit code of a command that wrote several briefs: the worst of them, as one brief's would be —
 * 1 when one was not written (each told on stderr), else EXIT_NEEDS_REVIEW when one needs review
 * (needsReview, counted over all), else 0.
 */
export function briefsExitCode(context: CommandContext, outcomes: readonly BriefOutcome[]): number {
  const written = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.issue] : []));
  const review = needsReview(context, written.reduce((n, issue) => n + issue.withheld.length, 0), written.reduce((n, issue) => n + issue.failedChecks.length, 0));
  const failed = outcomes.filter((outcome) => !outcome.ok);
  for (const outcome of failed) process.stderr.write(`xinzhi: ${t(context.lang, 'briefNotWritten', outcome.id, outcome.ok ? '' : errorLine(outcome.error, context.lang))}\n`);
  if (failed.length === 0) return review;
  process.stderr.write(`xinzhi: ${t(context.lang, 'briefsNotWritten', failed.length, outcomes.length)}\n`);
  return 1;
}

/**
 * `run` and `demo`: the day run and reported; the exit code says whether it needs an editor's review. With
 * config/briefs/, every brief (or the one --brief names) from one crawl.
 */
async function runAndReport(context: CommandContext, command: string, issueDate: string, replay: string | undefined, catalog?: string): Promise<number> {
  const { main, briefs } = loadCommandBriefs(context, catalog);
  if (briefs.length > 0) return briefsExitCode(context, (await reportedBriefsRun(context, main, briefs, command, issueDate, replay)).briefs);
  const summary = await reportedRun(context, main, command, issueDate, replay);
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
