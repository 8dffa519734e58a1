import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { formatReference } from '../brief/references.ts';
import type { Brief } from '../brief/model.ts';
import { chineseFullDate, shanghaiDayWindow } from '../util/time.ts';
import type { ConfigImage, ImageKind } from './assets.ts';
import { sectionNumber } from './markdown.ts';

const templatePath = fileURLToPath(new URL('./brief.typ', import.meta.url));

/** The path, in Typst's project, of the QR image of each kind: the template names these literally. */
const qrPaths: Record<ImageKind, string> = { png: '/qr.png', jpeg: '/qr.jpg', svg: '/qr.svg' };

/**
 * The data the Typst template reads: the brief, with the strings the house style derives from it, and
 * the kind of QR image mapped into the project (null for none). Paths are never data: the template
 * picks the image's path by its kind.
 */
export function briefView(brief: Brief, qrKind: ImageKind | null) {
  return {
    brief,
    dateText: chineseFullDate(brief.date),
    items: brief.items.map((item) => ({ title: `${sectionNumber(item.n)}${item.headline}`, paragraphs: item.paragraphs })),
    referenceLines: brief.references.map(formatReference),
    qrKind,
  };
}

let workspace: string | undefined;

/**
 * Typst's project root (its --root): a private folder made for this process and left empty. Typst
 * reads a path in its project from the shadow files we map first and from the disk under the root
 * after, and refuses any path outside the root, so a read in the template can reach only the files
 * renderPdf maps. The folder is removed when the process exits.
 */
export function typstRoot(): string {
  if (!workspace) {
    const made = mkdtempSync(join(tmpdir(), 'xinzhi-typst-'));
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
    workspace = made;
  }
  return workspace;
}

let compiler: NodeCompiler | undefined;
let compilerFonts = '';

/** One compiler per set of font folders: loading fonts is the slow part, so it is kept for the next brief. */
function compilerFor(fontPaths: readonly string[]): NodeCompiler {
  const key = fontPaths.join('\n');
  if (!compiler || compilerFonts !== key) {
    // A folder that does not exist adds no fonts: Typst skips it.
    compiler = NodeCompiler.create({ workspace: typstRoot(), fontArgs: [{ fontPaths: [...fontPaths] }] });
    compilerFonts = key;
  }
  return compiler;
}

/**
 * Compiles Typst source in the project root holding only `files` (path in the project → bytes), with
 * the fonts of `fontPaths`. `date` (YYYY-MM-DD), when given, is the document's creation date, 00:00
 * Shanghai time; without it Typst writes the time of rendering. Returns the PDF. Throws when Typst
 * reports an error, with its diagnostics: a template that cannot be typeset is a fault of ours, not the user's.
 */
export function typesetPdf(source: string, files: Readonly<Record<string, Buffer>>, fontPaths: readonly string[], date?: string): Buffer {
  const typst = compilerFor(fontPaths);
  // The files of one brief are not left for the next.
  typst.resetShadow();
  for (const [path, content] of Object.entries(files)) typst.mapShadow(join(typstRoot(), path), content);
  const result = typst.compile({ mainFileContent: source });
  const document = result.result;
  if (!document || result.hasError()) {
    const diagnostics = result.takeDiagnostics()?.shortDiagnostics ?? [];
    throw new Error(`Typst 排版失败 (typesetting failed): ${JSON.stringify(diagnostics).slice(0, 300)}`);
  }
  // Typst writes this as the PDF's CreationDate and ModDate and derives the file's ID from it.
  const creationTimestamp = date === undefined ? undefined : shanghaiDayWindow(date).start.getTime() / 1000;
  return typst.pdf(document, { creationTimestamp });
}

/**
 * Typesets the brief with Typst; the table of contents carries the page numbers Typst computed. The
 * QR image is the config's (renderAssets), already read and checked: this reads no file but the
 * template. The PDF's dates are the (00:00 of brief.date, +08:00), so the same brief gives the
 * same bytes. Returns the PDF.
 */
export function renderPdf(brief: Brief, options: { fontPaths: readonly string[]; qr?: ConfigImage | null }): Buffer {
  const files: Record<string, Buffer> = {};
  if (options.qr) files[qrPaths[options.qr.kind]] = options.qr.bytes;
  files['/brief-view.json'] = Buffer.from(JSON.stringify(briefView(brief, options.qr?.kind ?? null)));
  return typesetPdf(readFileSync(templatePath, 'utf8'), files, options.fontPaths, brief.date);
}
