import { join } from 'node:path';
import type { Brief } from '../brief/model.ts';
import type { RenderAssets } from '../render/assets.ts';
import { assertCjkFont } from '../render/fonts.ts';
import { renderHtml } from '../render/html.ts';
import { renderMarkdown } from '../render/markdown.ts';
import { renderPdf } from '../render/pdf.ts';
import type { SqliteStore } from '../store/sqlite.ts';
import { writeFolderAtomically } from '../util/atomicDir.ts';

/**
 * Renders every configured format and writes them as out/<date>/, whole or not at all. Returns the folder.
 * Files come from `assets` (the config's, read by renderAssets), never from the brief: its
 * `footer.qrImage` is not read, and brief.json records the config's setting in its place.
 * `isStored` says whether a reference's address is a stored document's; only those become links.
 */
export function writeIssue(brief: Brief, outDir: string, assets: RenderAssets, isStored: (url: string) => boolean): string {
  const published: Brief = { ...brief, footer: { ...brief.footer, qrImage: assets.qrSetting } };
  const options = { qr: assets.qr, linkable: isStored };
  const files: Record<string, string | Buffer> = {};
  for (const format of assets.formats) {
    if (format === 'json') files['brief.json'] = `${JSON.stringify(published, null, 2)}\n`;
    if (format === 'md') files['brief.md'] = renderMarkdown(published, options);
    if (format === 'html') files['brief.html'] = renderHtml(published, options);
    if (format === 'pdf') {
      assertCjkFont(assets.fontPaths);
      files['brief.pdf'] = renderPdf(published, { fontPaths: assets.fontPaths, qr: assets.qr });
    }
  }
  const folder = join(outDir, brief.date);
  writeFolderAtomically(folder, files);
  return folder;
}

/**
 * Writes the issue (writeIssue, its references linked where the store holds them) and only then records it
 * in the store as the issue of its date: an issue whose folder could not be written never went out, and a
 * later issue must not compare itself with it. `run` and `brief` both write an issue this way. Returns the
 * folder; throws what writeIssue throws, with nothing recorded.
 */
export function writeAndRecordIssue(store: SqliteStore, brief: Brief, outDir: string, assets: RenderAssets): string {
  const folder = writeIssue(brief, outDir, assets, (url) => store.documentByUrl(url) !== undefined);
  store.saveIssue(brief.date, brief, brief.stats.themeShares);
  return folder;
}
