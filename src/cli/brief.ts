import { taxonomySegmenter } from '../analyze/relevance.ts';
import type { LoadedConfig } from '../config/load.ts';
import { writeBriefsOfDay, type BriefOutcome } from '../pipeline/run.ts';
import { errorLine } from '../util/errors.ts';
import { composeIssue } from '../pipeline/compose.ts';
import { writeAndRecordIssue } from '../pipeline/render.ts';
import { renderAssets } from '../render/assets.ts';
import { t } from '../util/i18n.ts';
import { loadCommandBriefs, needsReview, requireDate, openLockedStore, storeUrl, type CommandContext } from './context.ts';
import { briefsExitCode } from './run.ts';
import { briefOutcomeLines, llmLines, reviewLines } from './summary.ts';

/**
 * `brief` with config/briefs/: each brief (or the one --brief names) composed from the shared store with its
 * own taxonomy and sources, written to out/<id>/<date>/ and recorded in its own issue store
 * (openBriefStore). One brief failing does not stop the others; the exit code is the worst (briefsExitCode).
 */
async function briefsCommand(context: CommandContext, main: LoadedConfig, briefs: LoadedConfig[], issueDate: string): Promise<number> {
  const assets = briefs.map((brief) => renderAssets(brief.file, brief.config));
  const { store: shared, release } = await openLockedStore(context, 'brief', main, { searchSegment: taxonomySegmenter(main.taxonomy) });
  let outcomes: BriefOutcome[];
  try {
    outcomes = await writeBriefsOfDay(shared, briefs, assets, { dataDir: context.dataDir, storeUrl: storeUrl(main), outDir: context.outDir, issueDate });
  } finally {
    await release();
  }
  if (context.json) context.print(JSON.stringify({ briefs: outcomes.map((outcome) => (outcome.ok ? outcome : { id: outcome.id, title: outcome.title, ok: false, error: errorLine(outcome.error, context.lang) })) }));
  else for (const outcome of outcomes) for (const line of briefOutcomeLines(outcome, context.lang)) context.print(line);
  return briefsExitCode(context, outcomes);
}

/** `xinzhi brief --date D`: recomposes and renders an issue from stored documents, without fetching, and records it once written. */
export async function briefCommand(context: CommandContext): Promise<number> {
  const { main: loaded, briefs } = loadCommandBriefs(context);
  const issueDate = requireDate(context);
  if (briefs.length > 0) return briefsCommand(context, loaded, briefs, issueDate);
  const assets = renderAssets(loaded.file, loaded.config);
  // It records the issue: one command at a time on the data folder.
  const { store, release } = await openLockedStore(context, 'brief', loaded, { searchSegment: taxonomySegmenter(loaded.taxonomy) });
  try {
    const composed = await composeIssue(store, loaded, issueDate);
    await store.saveDocumentFacets(issueDate, composed.facets);
    const folder = await writeAndRecordIssue(store, composed.brief, context.outDir, assets);
    const failed = composed.brief.checks.filter((c) => !c.ok);
    const withheld = (composed.brief.withheld ?? []).map((w) => ({ headline: w.item.headline, reasons: w.reasons }));
    if (context.json) context.print(JSON.stringify({ folder, items: composed.brief.items.length, writer: composed.brief.writer, llm: composed.brief.stats.llm, failedChecks: failed, withheld }));
    else {
      // What an operator reads first: how much the day held and how much of it was written and checked.
      const { stats } = composed.brief;
      context.print(t(context.lang, 'briefTitle', issueDate));
      context.print(`  ${t(context.lang, 'documentsInWindow')}: ${stats.documents} · ${t(context.lang, 'storyGroups')}: ${stats.storyGroups} · ${t(context.lang, 'itemsChosen')}: ${composed.brief.items.length}`);
      context.print(`  ${t(context.lang, 'checksRun', composed.brief.checks.length, failed.length)}`);
      if (composed.brief.stats.llm) for (const line of llmLines(composed.brief.stats.llm, context.lang)) context.print(line);
      for (const line of reviewLines(composed.brief, context.lang)) context.print(line);
      context.print(`${t(context.lang, 'wrote')}: ${folder}`);
    }
    return needsReview(context, withheld.length, failed.length);
  } finally {
    await release();
  }
}
