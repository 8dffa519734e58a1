import { composeIssue } from '../pipeline/compose.ts';
import { writeIssue } from '../pipeline/render.ts';
import { SqliteStore } from '../store/sqlite.ts';
import { UserError } from '../util/errors.ts';
import { t } from '../util/i18n.ts';
import { loadCommandConfig, requireDate, type CommandContext } from './context.ts';
import { llmLines } from './summary.ts';

/** `xinzhi brief --date D`: recomposes and renders an issue from stored documents, without fetching. */
export async function briefCommand(context: CommandContext): Promise<number> {
  const loaded = loadCommandConfig(context);
  const issueDate = requireDate(context);
  const store = new SqliteStore(context.dataDir);
  try {
    const composed = await composeIssue(store, loaded, issueDate);
    const folder = writeIssue(composed.brief, context.outDir, loaded.config.render);
    const failed = composed.brief.checks.filter((c) => !c.ok);
    if (context.json) context.print(JSON.stringify({ folder, items: composed.brief.items.length, writer: composed.brief.writer, llm: composed.brief.stats.llm, failedChecks: failed }));
    else {
      if (composed.brief.stats.llm) for (const line of llmLines(composed.brief.stats.llm, context.lang)) context.print(line);
      context.print(`${t(context.lang, 'wrote')}: ${folder}`);
    }
    if (failed.length > 0) throw new UserError(t('zh', 'verifyFailed', failed.length), t('en', 'verifyFailed', failed.length));
    return 0;
  } finally {
    store.close();
  }
}
