import { fileURLToPath } from 'node:url';
import { runDay } from '../pipeline/run.ts';
import { parseIssueDate } from '../util/time.ts';
import { loadCommandConfig, needsReview, requireDate, stringOption, type CommandContext } from './context.ts';
import { crawlWatcher } from './progress.ts';
import { formatSummary } from './summary.ts';

/** The bundled sample day, replayed by `xinzhi demo`. */
export const sampleArchive = fileURLToPath(new URL('../../samples/2026-06-18', import.meta.url));
export const sampleIssueDate = '2026-06-19';

async function runAndReport(context: CommandContext, issueDate: string, replay: string | undefined): Promise<number> {
  const watcher = context.json ? {} : crawlWatcher();
  const summary = await runDay({ loaded: loadCommandConfig(context), dataDir: context.dataDir, outDir: context.outDir, issueDate, replay, ...watcher });
  if (context.json) context.print(JSON.stringify(summary));
  else for (const line of formatSummary(summary, context.lang)) context.print(line);
  return needsReview(context, summary.withheld.length, summary.failedChecks.length);
}

/** `xinzhi run --date D [--replay ARCHIVE]`: the main job for one issue. */
export function runCommand(context: CommandContext): Promise<number> {
  return runAndReport(context, requireDate(context), stringOption(context, 'replay'));
}

/** `xinzhi demo`: `run --replay samples/2026-06-18 --date 2026-06-19`. */
export function demoCommand(context: CommandContext): Promise<number> {
  const date = stringOption(context, 'date');
  return runAndReport(context, date ? parseIssueDate(date) : sampleIssueDate, stringOption(context, 'replay') ?? sampleArchive);
}
