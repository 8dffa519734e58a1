import { SourceDirectory } from '../analyze/origin.ts';
import { checkOptions } from '../pipeline/compose.ts';
import { checkBrief } from '../pipeline/recheck.ts';
import { SqliteStore } from '../store/sqlite.ts';
import { UserError } from '../util/errors.ts';
import { t } from '../util/i18n.ts';
import { readBriefFile } from './briefFile.ts';
import { loadCommandConfig, type CommandContext } from './context.ts';

/** `xinzhi verify FILE.json`: rechecks a brief (also one edited by hand) against the stored sources. */
export function verifyCommand(context: CommandContext): number {
  // main has checked that there is exactly one argument (commands.ts).
  const file = context.positionals[0]!;
  const brief = readBriefFile(file);
  const loaded = loadCommandConfig(context);
  const directory = new SourceDirectory(loaded.sources, loaded.bodies);
  const store = SqliteStore.openExisting(context.dataDir);
  try {
    // The checks `brief` and `render` make, so the three agree on one brief.json.
    const checks = checkBrief(brief, { sourceOf: (url) => store.documentByUrl(url), bodies: directory.knownBodies(), minItems: loaded.config.selection.minItems, options: checkOptions(loaded) });
    const failed = checks.filter((c) => !c.ok);
    if (context.json) context.print(JSON.stringify({ file, ok: failed.length === 0, checks }));
    else for (const check of failed) context.print(`[${check.name}] ${check.detail}`);
    if (failed.length > 0) throw new UserError(t('zh', 'verifyFailed', failed.length), t('en', 'verifyFailed', failed.length));
    if (!context.json) context.print(t(context.lang, 'verifyOk', file));
    return 0;
  } finally {
    store.close();
  }
}
