import { join } from 'node:path';
import { previewIssue, publishIssue, selectedChannels, type ChannelPreview, type ChannelResult, type PublishRun } from '../publish/dispatch.ts';
import { EXIT_PUBLISH_FAILED, UserError } from '../util/errors.ts';
import { t, type Lang } from '../util/i18n.ts';
import { channelLabel } from '../publish/label.ts';
import { readBriefFile } from './briefFile.ts';
import type { DataLock } from '../store/lock.ts';
import { openBriefScope, requireDate, stringOption, takeDataLock, type CommandContext } from './context.ts';


/** One line of the summary: the channel and what happened to it. */
export function resultLine(result: ChannelResult, lang: Lang): string {
  const colon = lang === 'zh' ? '：' : ': ';
  let what: string;
  if (result.status === 'sent') {
    const form = result.form === 'headlines' || result.form === 'cut' ? t(lang, `publish.form.${result.form}`) : '';
    what = `${t(lang, 'publish.sent')}${result.attempts > 1 ? t(lang, 'publish.tries', result.attempts) : ''}${form}`;
  } else if (result.status === 'skipped') {
    what = `${t(lang, 'publish.skipped', result.sentBefore?.sentAt ?? '')}${result.sentBefore?.changed ? t(lang, 'publish.changed') : ''}`;
  } else {
    what = t(lang, 'publish.failed', result.attempts, result.reason?.[lang] ?? '');
  }
  return `  ${channelLabel(result, lang)}${colon}${what}`;
}

/** The lines of a dry run for one channel: the request as it would go (masked), or why it could not be made. */
function previewLines(preview: ChannelPreview, lang: Lang): string[] {
  const lines = [`== ${channelLabel(preview, lang)} ==`];
  if (preview.sentBefore) lines.push(`# ${t(lang, 'publish.wouldSkip', preview.sentBefore)}`);
  if (preview.reason) lines.push(t(lang, 'publish.cannot', preview.reason[lang]));
  if (preview.http) {
    const { url, headers, body, form } = preview.http;
    if (form === 'headlines' || form === 'cut') lines.push(`# ${t(lang, `publish.form.${form}`).replace(/^[；;]\s*/, '')}`);
    lines.push(`POST ${url}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), '', body);
  }
  if (preview.mail) {
    const { server, from, to, subject, parts } = preview.mail;
    lines.push(`SMTP ${server}`, `From: ${from}`, `To: ${to.join(', ')}`, `Subject: ${subject}`, ...parts.map((part) => `${part.role}: ${part.file} (${part.bytes} bytes)`));
  }
  lines.push('');
  return lines;
}

/**
 * The issue of `date` as written in `outDir`, ready to go out: its folder and its brief.json. Throws a
 * UserError naming the file when it is missing or unreadable, or is another day's brief; and when it needs
 * an editor's review — a section withheld or a check failed (its abstract may still speak of what was
 * withheld) — until an editor has corrected it and `xinzhi render` has checked it again.
 */
export function writtenIssue(outDir: string, date: string): Pick<PublishRun, 'brief' | 'folder'> {
  const folder = join(outDir, date);
  const file = join(folder, 'brief.json');
  const brief = readBriefFile(file);
  if (brief.date !== date) throw new UserError(`${file} 是 ${brief.date} 的简报，不是 ${date} 的`, `${file} is the brief of ${brief.date}, not of ${date}`);
  const withheld = brief.withheld?.length ?? 0;
  const failed = brief.checks.filter((check) => !check.ok).length;
  if (withheld > 0 || failed > 0) {
    throw new UserError(
      `${file} 需编辑审核（撤下 ${withheld} 条，未通过的核查 ${failed} 项），不发布：编辑改定后用 xinzhi render 重新核查，再发布`,
      `${file} needs an editor's review (${withheld} sections withheld, ${failed} checks failed) and is not published: correct it, check it again with xinzhi render, then publish`,
    );
  }
  return { brief, folder };
}

/**
 * `xinzhi publish --date D [--channel NAME] [--dry-run] [--force]`: sends the issue written in out/D/ to the
 * channels of the config's `publish:` section (src/publish/dispatch.ts). Prints a line per channel (sent,
 * skipped as sent before, failed with the reason) or, with --json, one JSON object. Returns 0 when every
 * channel was sent or skipped, EXIT_PUBLISH_FAILED when one failed; a bad config, an unknown channel or a
 * missing brief.json throw (exit 1) before anything is sent. --dry-run prints what each channel would
 * receive, secrets masked, and sends and records nothing (exit EXIT_PUBLISH_FAILED when a channel could not
 * be prepared).
 */
export async function publishCommand(context: CommandContext): Promise<number> {
  const date = requireDate(context);
  // The brief of config/briefs/ the issue is (--brief): its channels, its out/<id>/ folder, its deliveries.
  const { loaded, store, outDir } = await openBriefScope(context);
  let lock: DataLock | undefined;
  try {
    const publish = loaded.config.publish;
    // A brief's channels are its own file's (never inherited): that file is the one to name.
    const file = loaded.scope?.file ?? loaded.file;
    if (!publish) throw new UserError(t('zh', 'publish.noChannels', file), t('en', 'publish.noChannels', file));
    const only = stringOption(context, 'channel');
    selectedChannels(publish, only);
    const run: PublishRun = { ...writtenIssue(outDir, date), publish, ...(only ? { only } : {}), force: context.values.force === true, env: process.env };
    // Two publishes of one data folder at once would each find a channel not yet sent, and send it twice.
    lock = await takeDataLock(context, 'publish');
    if (context.values['dry-run'] === true) {
      const previews = await previewIssue(run, store);
      if (context.json) context.print(JSON.stringify({ date, dryRun: true, channels: previews }));
      else {
        context.print(t(context.lang, 'publish.dryRun', date));
        for (const preview of previews) for (const line of previewLines(preview, context.lang)) context.print(line);
      }
      return previews.some((preview) => preview.reason) ? EXIT_PUBLISH_FAILED : 0;
    }
    const results = await publishIssue(run, store);
    const count = (status: ChannelResult['status']) => results.filter((result) => result.status === status).length;
    const failed = results.filter((result) => result.status === 'failed');
    if (context.json) context.print(JSON.stringify({ date, dryRun: false, channels: results }));
    else {
      context.print(t(context.lang, 'publish.title', date));
      for (const result of results) context.print(resultLine(result, context.lang));
      context.print(t(context.lang, 'publish.summary', count('sent'), count('skipped'), failed.length));
    }
    if (failed.length === 0) return 0;
    process.stderr.write(`xinzhi: ${t(context.lang, 'publish.someFailed', failed.length, failed.map((result) => result.name).join(', '))}\n`);
    return EXIT_PUBLISH_FAILED;
  } finally {
    lock?.release();
    await store.close();
  }
}
