import { writeIssue } from '../pipeline/render.ts';
import { renderAssets } from '../render/assets.ts';
import { SqliteStore } from '../store/sqlite.ts';
import { UserError } from '../util/errors.ts';
import { t } from '../util/i18n.ts';
import { readBriefFile } from './briefFile.ts';
import { loadCommandConfig, type CommandContext } from './context.ts';

/**
 * `xinzhi render FILE.json`: re-renders a brief.json (one an editor changed, say) into out/<date>/.
 * Images and fonts are the config's; a path in the file is not read. A reference links only to a
 * stored document (--data). Returns the exit code.
 */
export function renderCommand(context: CommandContext): number {
  const file = context.positionals[0];
  if (!file) throw new UserError('用法：xinzhi render <brief.json> [--out 目录] [--data 目录]', 'usage: xinzhi render <brief.json> [--out DIR] [--data DIR]');
  const brief = readBriefFile(file);
  const loaded = loadCommandConfig(context);
  const assets = renderAssets(loaded.file, loaded.config);
  const store = new SqliteStore(context.dataDir);
  try {
    const folder = writeIssue(brief, context.outDir, assets, (url) => store.documentByUrl(url) !== undefined);
    context.print(context.json ? JSON.stringify({ folder }) : `${t(context.lang, 'wrote')}: ${folder}`);
    return 0;
  } finally {
    store.close();
  }
}
