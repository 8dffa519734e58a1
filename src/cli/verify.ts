import { SourceDirectory } from '../analyze/origin.ts';
import { checkOptions } from '../pipeline/compose.ts';
import { checkBrief, referencedSources } from '../pipeline/recheck.ts';
import { EXIT_NEEDS_REVIEW, UserError } from '../util/errors.ts';
import { t } from '../util/i18n.ts';
import { readBriefFile } from './briefFile.ts';
import { openBriefScope, type CommandContext } from './context.ts';
import { withheldLines } from './summary.ts';

/**
 * `xinzhi verify FILE.json`: rechecks a brief (also one edited by hand) against the stored sources. Exit 0
 * when every check passes and nothing is withheld; 1 (an error line) when a check fails; EXIT_NEEDS_REVIEW
 * when the checks pass but sections are withheld (a brief `render` wrote from a failing one).
 */
export async function verifyCommand(context: CommandContext): Promise<number> {
  // main has checked that there is exactly one argument (commands.ts).
  const file = context.positionals[0]!;
  const brief = readBriefFile(file);
  // The brief of config/briefs/ the file belongs to (--brief): its minimum of items, its themes, its store.
  const { loaded, store } = await openBriefScope(context, { existing: true });
  const directory = new SourceDirectory(loaded.scope?.catalog ?? loaded.sources, loaded.bodies);
  try {
    // The checks `brief` and `render` make, so the three agree on one brief.json.
    const checks = checkBrief(brief, { sourceOf: await referencedSources(store, brief), bodies: directory.knownBodies(), minItems: loaded.config.selection.minItems, options: checkOptions(loaded) });
    const failed = checks.filter((c) => !c.ok);
    // Sections `render` withheld passed no check: the brief is not ready to go out, whatever its other checks say.
    const withheld = (brief.withheld ?? []).map((w) => ({ headline: w.item.headline, reasons: w.reasons }));
    if (context.json) context.print(JSON.stringify({ file, ok: failed.length === 0 && withheld.length === 0, checks, withheld }));
    else {
      for (const check of failed) context.print(`[${check.name}] ${check.detail}`);
      if (withheld.length > 0) for (const line of withheldLines(withheld, context.lang)) context.print(line.trimStart());
    }
    if (failed.length > 0) throw new UserError(t('zh', 'verifyFailed', failed.length), t('en', 'verifyFailed', failed.length));
    if (withheld.length > 0) {
      process.stderr.write(`xinzhi: ${t(context.lang, 'verifyWithheld', withheld.length)}\n`);
      return EXIT_NEEDS_REVIEW;
    }
    if (!context.json) context.print(t(context.lang, 'verifyOk', file));
    return 0;
  } finally {
    await store.close();
  }
}
