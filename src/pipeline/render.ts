import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Brief } from '../brief/model.ts';
import type { Config } from '../config/schema.ts';
import { assertCjkFont } from '../render/fonts.ts';
import { renderHtml } from '../render/html.ts';
import { renderMarkdown } from '../render/markdown.ts';
import { renderPdf } from '../render/pdf.ts';
import { writeFolderAtomically } from '../util/atomicDir.ts';
import { UserError } from '../util/errors.ts';

function qrDataUri(path: string): string {
  try {
    return `data:image/png;base64,${readFileSync(path).toString('base64')}`;
  } catch {
    throw new UserError(`无法读取二维码图片 ${path}`, `cannot read QR image ${path}`);
  }
}

/** Renders every configured format and writes them as out/<date>/, whole or not at all. Returns the folder. */
export function writeIssue(brief: Brief, outDir: string, render: Config['render']): string {
  const files: Record<string, string | Buffer> = {};
  for (const format of render.formats) {
    if (format === 'json') files['brief.json'] = `${JSON.stringify(brief, null, 2)}\n`;
    if (format === 'md') files['brief.md'] = renderMarkdown(brief);
    if (format === 'html') files['brief.html'] = renderHtml(brief, brief.footer.qrImage ? qrDataUri(brief.footer.qrImage) : undefined);
    if (format === 'pdf') {
      assertCjkFont(render.fontPaths);
      files['brief.pdf'] = renderPdf(brief, { fontPaths: render.fontPaths, qrImage: brief.footer.qrImage });
    }
  }
  const folder = join(outDir, brief.date);
  writeFolderAtomically(folder, files);
  return folder;
}
