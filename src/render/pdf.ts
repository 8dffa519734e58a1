import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { formatReference } from '../brief/references.ts';
import type { Brief } from '../brief/model.ts';
import { UserError } from '../util/errors.ts';
import { chineseFullDate } from '../util/time.ts';
import { sectionNumber } from './markdown.ts';

const templatePath = fileURLToPath(new URL('./brief.typ', import.meta.url));
/** A workspace no real file lives in: the template can read only the files mapped into it. */
const workspace = '/xinzhi-typst-workspace';

/** The data the Typst template reads: the brief, with the strings the house style derives from it. */
export function briefView(brief: Brief, hasQr: boolean) {
  return {
    brief,
    dateText: chineseFullDate(brief.date),
    items: brief.items.map((item) => ({ title: `${sectionNumber(item.n)}${item.headline}`, paragraphs: item.paragraphs })),
    referenceLines: brief.references.map(formatReference),
    qrImage: hasQr ? '/qr.png' : null,
  };
}

let compiler: NodeCompiler | undefined;
let compilerFonts = '';

function compilerFor(fontPaths: readonly string[]): NodeCompiler {
  const key = fontPaths.join('\n');
  if (!compiler || compilerFonts !== key) {
    // A folder that does not exist adds no fonts: Typst skips it.
    compiler = NodeCompiler.create({ workspace, fontArgs: [{ fontPaths: [...fontPaths] }] });
    compilerFonts = key;
  }
  return compiler;
}

/** Typesets the brief with Typst; the table of contents carries the page numbers Typst computed. */
export function renderPdf(brief: Brief, options: { fontPaths: readonly string[]; qrImage?: string | null }): Buffer {
  const typst = compilerFor(options.fontPaths);
  typst.resetShadow();
  let hasQr = false;
  if (options.qrImage) {
    try {
      typst.mapShadow(`${workspace}/qr.png`, readFileSync(options.qrImage));
      hasQr = true;
    } catch {
      throw new UserError(`无法读取二维码图片 ${options.qrImage}`, `cannot read QR image ${options.qrImage}`);
    }
  }
  typst.mapShadow(`${workspace}/brief-view.json`, Buffer.from(JSON.stringify(briefView(brief, hasQr))));
  const result = typst.compile({ mainFileContent: readFileSync(templatePath, 'utf8') });
  const document = result.result;
  if (!document || result.hasError()) {
    const diagnostics = result.takeDiagnostics()?.shortDiagnostics ?? [];
    throw new Error(`Typst 排版失败 (typesetting failed): ${JSON.stringify(diagnostics).slice(0, 300)}`);
  }
  return typst.pdf(document);
}
