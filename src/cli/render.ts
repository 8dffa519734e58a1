import { SourceDirectory } from '../analyze/origin.ts';
import { checkOptions } from '../pipeline/compose.ts';
import { recheckBrief, referencedSources } from '../pipeline/recheck.ts';
import { refuseIfPublished, writeIssue } from '../pipeline/render.ts';
import { renderAssets } from '../render/assets.ts';
import { UserError } from '../util/errors.ts';
import { t } from '../util/i18n.ts';
import { readBriefFile } from './briefFile.ts';
import { needsReview, openBriefScope, type CommandContext } from './context.ts';
import { reviewLines } from './summary.ts';

/**
 * `xinzhi render FILE.json`: re-renders a brief.json (one an editor changed, say) into out/<date>/.
 * The brief is checked again against the stored sources (--data) as `xinzhi brief` checks it, and
 * what is written carries the new checks, never the file's: a failing section is withheld and the
 * exit code is EXIT_NEEDS_REVIEW, as for `brief`. Images and fonts are the config's; a path in the
 * file is not read. Returns the exit code.
 */
export async function renderCommand(context: CommandContext): Promise<number> {
  // main has checked that there is exactly one argument (commands.ts).
  const file = context.positionals[0]!;
  const input = readBriefFile(file);
  // A config key at fault is named before the store is opened (openBriefScope checks every brief's assets first).
  const { loaded, store, outDir, briefId } = await openBriefScope(context, { existing: true });
  const assets = renderAssets(loaded.file, loaded.config);
  const directory = new SourceDirectory(loaded.scope?.catalog ?? loaded.sources, loaded.bodies);
  try {
    // A brief.json of another brief of config/briefs/ would replace this brief's issue under its readers' links.
    if (briefId !== undefined && input.title !== loaded.config.brief.title) {
      throw new UserError(`${file} 的刊名“${input.title}”不是简报 ${briefId} 的刊名“${loaded.config.brief.title}”：用 --brief 指定它所属的简报`, `${file} is titled “${input.title}”, not “${loaded.config.brief.title}” as brief ${briefId} is: name the brief it belongs to with --brief`);
    }
    await refuseIfPublished(store, input.date);
    const sourceOf = await referencedSources(store, input);
    const brief = await recheckBrief(input, { sourceOf, bodies: directory.knownBodies(), minItems: loaded.config.selection.minItems, options: checkOptions(loaded) });
    const folder = await writeIssue(brief, outDir, assets, (url) => sourceOf(url) !== undefined);
    // An issue already sent is now other files under the links its readers have: said, so the correction goes out too.
    const sent = await store.sentChannels(brief.date);
    if (sent.length > 0) process.stderr.write(`xinzhi: ${t(context.lang, 'renderedSent', brief.date, sent.join(context.lang === 'zh' ? '、' : ', '))}\n`);
    const failed = brief.checks.filter((c) => !c.ok);
    const withheld = brief.withheld ?? [];
    // `brief` writes the abstract again without a withheld section; render has only the file's text, so
    // the abstract may still speak of one: the editor is told, and the exit code says review anyway.
    const abstractKept = withheld.length > (input.withheld?.length ?? 0);
    if (context.json) {
      context.print(JSON.stringify({ folder, items: brief.items.length, failedChecks: failed, withheld: withheld.map((w) => ({ headline: w.item.headline, reasons: w.reasons })), abstractKept }));
    } else {
      context.print(`  ${t(context.lang, 'checksRun', brief.checks.length, failed.length)}`);
      for (const line of reviewLines(brief, context.lang)) context.print(line);
      if (abstractKept) context.print(`  ${t(context.lang, 'abstractKept')}`);
      context.print(`${t(context.lang, 'wrote')}: ${folder}`);
    }
    return needsReview(context, withheld.length, failed.length);
  } finally {
    await store.close();
  }
}
