import { fileURLToPath } from 'node:url';
import { loadSources } from '../config/load.ts';
import { runDay } from '../pipeline/run.ts';
import { parseIssueDate } from '../util/time.ts';
import { loadCommandConfig, needsReview, requireDate, stringOption, type CommandContext } from './context.ts';
import { crawlWatcher } from './progress.ts';
import { formatSummary } from './summary.ts';

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
  const summary = await runDay({ loaded, dataDir: context.dataDir, outDir: context.outDir, issueDate, replay, ...watcher });
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
