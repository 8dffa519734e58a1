import { join } from 'node:path';
import type { Brief } from '../domain/brief.ts';
import type { RenderAssets } from '../render/assets.ts';
import { renderDocx } from '../render/docx.ts';
import { assertCjkFont } from '../render/fonts.ts';
import { renderHtml } from '../render/html.ts';
import { renderMarkdown } from '../render/markdown.ts';
import { renderPdf } from '../render/pdf.ts';
import { issuePage, issuePageName, writeSite } from '../render/site.ts';
import { renderWechat } from '../render/wechat.ts';
import type { Store } from '../store/store.ts';
import { referencedSources } from './recheck.ts';
import { writeFolderAtomically } from '../util/atomicDir.ts';
import { UserError } from '../util/errors.ts';
import { shanghaiMinute } from '../util/time.ts';

/**
 * Renders every configured format and writes them as out/<date>/, whole or not at all, with the
 * issue's page; then the archive site's index and feed (writeSite) over every issue in `outDir`.
 * Resolves to the folder. Files come from `assets` (the config's, read by renderAssets), never from the brief: its
 * `footer.qrImage` is not read, and brief.json records the config's setting in its place.
 * `isStored` says whether a reference's address is a stored document's; only those become links.
 * Every format is a function of the brief and the config alone (no clock), so the same brief.json
 * renders the same bytes.
 */
export async function writeIssue(brief: Brief, outDir: string, assets: RenderAssets, isStored: (url: string) => boolean): Promise<string> {
  const published: Brief = { ...brief, footer: { ...brief.footer, qrImage: assets.qrSetting } };
  const options = { qr: assets.qr, linkable: isStored };
  const files: Record<string, string | Buffer> = {};
  for (const format of assets.formats) {
    if (format === 'json') files['brief.json'] = `${JSON.stringify(published, null, 2)}\n`;
    if (format === 'md') files['brief.md'] = renderMarkdown(published, options);
    if (format === 'html') files['brief.html'] = renderHtml(published, options);
    if (format === 'pdf') {
      assertCjkFont(assets.fontPaths);
      files['brief.pdf'] = renderPdf(published, { fontPaths: assets.fontPaths, qr: assets.qr, theme: assets.pdfTheme, linkable: isStored });
    }
    if (format === 'docx') files['brief.docx'] = await renderDocx(published, { ...options, fonts: assets.docx });
    if (format === 'wechat') files['brief.wechat.html'] = renderWechat(published, { linkable: isStored, settings: assets.wechat });
  }
  files[issuePageName] = issuePage(published, Object.keys(files), assets.site);
  const folder = join(outDir, brief.date);
  writeFolderAtomically(folder, files);
  writeSite(outDir, assets.site);
  return folder;
}

/**
 * An issue the desk has published, refused to anything but the desk's own edition (refuseIfPublished): a
 * UserError that writing again never cures (only the desk's correction changes what readers got), so the
 * queue's brief job fails it for good rather than retrying it, and names no way to run the day again.
 */
export class IssuePublishedError extends UserError {}

/**
 * Refuses (IssuePublishedError naming the issue, its revision and when) to write anything but the desk's own
 * edition over an issue the desk has published: out/DATE holds what readers were sent, and a change goes out
 * as the desk's correction (kept edition, 更正说明), never by replacing the files behind it. `brief`, `run`,
 * the queue's brief job and `render` all ask this first.
 */
export async function refuseIfPublished(store: Store, issueDate: string): Promise<void> {
  const last = (await store.desk.publications(issueDate)).at(-1);
  if (!last) return;
  const at = shanghaiMinute(last.publishedAt);
  throw new IssuePublishedError(
    `${issueDate} 期已由编辑台发布（第 ${last.revision} 版，${at}，北京时间）：读者已收到这一版，不再从命令行改写；要改动请在编辑台修改并发布更正`,
    `issue ${issueDate} was published from the desk (revision ${last.revision}, ${at} Beijing time): readers have it, and it is not written over from the command line; change it on the desk and publish a correction`,
  );
}

/**
 * Writes the issue (writeIssue, its references linked where the store holds them) and only then records it
 * in the store as the issue of its date: an issue whose folder could not be written never went out, and a
 * later issue must not compare itself with it. `run`, `brief` and the queue's brief job write a machine draft
 * this way; the desk writes the revision it publishes (`edition: 'published'`). A machine draft of an issue
 * the desk has published is refused (IssuePublishedError, nothing written): out/DATE holds what readers were sent, and
 * a later `brief` must not replace it behind the desk's back — a change goes out as the desk's correction.
 * Returns the folder; throws what writeIssue throws, with nothing recorded.
 */
export async function writeAndRecordIssue(store: Store, brief: Brief, outDir: string, assets: RenderAssets, edition: 'draft' | 'published' = 'draft'): Promise<string> {
  if (edition === 'draft') await refuseIfPublished(store, brief.date);
  const sourceOf = await referencedSources(store, brief);
  const folder = await writeIssue(brief, outDir, assets, (url) => sourceOf(url) !== undefined);
  await store.saveIssue(brief.date, brief, brief.stats.themeShares);
  return folder;
}
