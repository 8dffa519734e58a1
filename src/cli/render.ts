import { writeIssue } from '../pipeline/render.ts';
import { UserError } from '../util/errors.ts';
import { t } from '../util/i18n.ts';
import { readBriefFile } from './briefFile.ts';
import { loadCommandConfig, type CommandContext } from './context.ts';

/** `xinzhi render FILE.json`: re-renders a brief.json (one an editor changed, say) into out/<date>/. */
export function renderCommand(context: CommandContext): number {
  const file = context.positionals[0];
  if (!file) throw new UserError('用法：xinzhi render <brief.json> [--out 目录]', 'usage: xinzhi render <brief.json> [--out DIR]');
  const brief = readBriefFile(file);
  const loaded = loadCommandConfig(context);
  const folder = writeIssue(brief, context.outDir, loaded.config.render);
  context.print(context.json ? JSON.stringify({ folder }) : `${t(context.lang, 'wrote')}: ${folder}`);
  return 0;
}
