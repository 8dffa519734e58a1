import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { formatReference } from '../brief/references.ts';
import { sectionNumber, type Brief } from '../domain/brief.ts';
import { pdfThemeSchema, type Config } from '../config/schema.ts';
import { UserError } from '../util/errors.ts';
import { chineseFullDate, shanghaiDayWindow } from '../util/time.ts';
import type { ConfigImage, ImageKind } from './assets.ts';
import { correctionLines } from './corrections.ts';
import { linkTarget } from '../util/escape.ts';

const templatePath = fileURLToPath(new URL('./brief.typ', import.meta.url));

/** The path, in Typst's project, of the QR image of each kind: the template names these literally. */
const qrPaths: Record<ImageKind, string> = { png: '/qr.png', jpeg: '/qr.jpg', svg: '/qr.svg' };
/** The same for the logo above the masthead. */
const logoPaths: Record<ImageKind, string> = { png: '/logo.png', jpeg: '/logo.jpg', svg: '/logo.svg' };

/**
 * The PDF's look, from the config's `render.pdf.theme` (pdfThemeSchema checked every value) with its
 * logo read by renderAssets: what the template receives as data, never as code.
 */
export type PdfTheme = Omit<Config['render']['pdf']['theme'], 'logo'> & { logo: ConfigImage | null };

/** The look of a brief whose config says nothing of it: the schema's defaults, without a logo. */
export const defaultPdfTheme: PdfTheme = { ...pdfThemeSchema.parse({}), logo: null };

/**
 * The data the Typst template reads: the brief, with the strings the house style derives from it, the
 * issue's date as numbers (the PDF's own date), each reference's line and its link (an http(s) address
 * `linkable` allows, else null), the theme's values, and the kinds of the QR image and logo mapped into
 * the project (null for none). Paths are never data: the template picks an image's path by its kind.
 */
export function briefView(brief: Brief, options: { qrKind: ImageKind | null; theme: PdfTheme; linkable: (url: string) => boolean }) {
  const { logo, ...theme } = options.theme;
  return {
    brief,
    dateText: chineseFullDate(brief.date),
    items: brief.items.map((item) => ({ title: `${sectionNumber(item.n)}${item.headline}`, paragraphs: item.paragraphs })),
    references: brief.references.map((r) => ({ text: formatReference(r), url: options.linkable(r.url) ? linkTarget(r.url) : null })),
    corrections: correctionLines(brief),
    qrKind: options.qrKind,
    theme: { ...theme, bodyFont: theme.bodyFont ?? null, headingFont: theme.headingFont ?? null, logoKind: logo?.kind ?? null },
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

/** What Typst made of a source: the PDF, and the warnings it gave (an unknown font family, say). */
export interface Typeset {
  pdf: Buffer;
  warnings: string[];
}

/**
 * Compiles Typst source in the project root holding only `files` (path in the project → bytes), with
 * the fonts of `fontPaths`. `date` (YYYY-MM-DD), when given, is the document's creation date, 00:00
 * Shanghai time; without it Typst writes the time of rendering. Returns the PDF and Typst's warnings.
 * Throws when Typst reports an error, with its diagnostics: a template that cannot be typeset is a fault
 * of ours, not the user's.
 */
export function typesetPdf(source: string, files: Readonly<Record<string, Buffer>>, fontPaths: readonly string[], date?: string): Typeset {
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
  const warnings = (result.takeWarnings()?.shortDiagnostics ?? []).map((d: { message?: unknown }) => String(d.message));
  // Typst writes this as the PDF's CreationDate and ModDate and derives the file's ID from it.
  const creationTimestamp = date === undefined ? undefined : shanghaiDayWindow(date).start.getTime() / 1000;
  return { pdf: typst.pdf(document, { creationTimestamp }), warnings };
}

/** What renderPdf takes besides the brief: all of it the config's or the pipeline's, never the brief's. */
export interface PdfOptions {
  fontPaths: readonly string[];
  /** The QR code under the footer block (renderAssets); none when null or absent. */
  qr?: ConfigImage | null;
  /** The look; the schema's defaults when absent. */
  theme?: PdfTheme;
  /** Whether a reference's address may be a link (see EditionOptions); none is, when absent. */
  linkable?: (url: string) => boolean;
}

/**
 * Typesets the brief with Typst; the table of contents carries the page numbers Typst computed. The
 * QR image and logo are the config's (renderAssets), already read and checked: this reads no file but
 * the template. The PDF's dates are the (00:00 of brief.date, +08:00), so the same brief gives
 * the same bytes. Returns the PDF. Throws a UserError naming render.pdf.theme.bodyFont or headingFont
 * when the config names a family no font folder holds: Typst would print in another font without a word.
 */
export function renderPdf(brief: Brief, options: PdfOptions): Buffer {
  const theme = options.theme ?? defaultPdfTheme;
  const files: Record<string, Buffer> = {};
  if (options.qr) files[qrPaths[options.qr.kind]] = options.qr.bytes;
  if (theme.logo) files[logoPaths[theme.logo.kind]] = theme.logo.bytes;
  const view = briefView(brief, { qrKind: options.qr?.kind ?? null, theme, linkable: options.linkable ?? (() => false) });
  files['/brief-view.json'] = Buffer.from(JSON.stringify(view));
  const { pdf, warnings } = typesetPdf(readFileSync(templatePath, 'utf8'), files, options.fontPaths, brief.date);
  for (const key of ['bodyFont', 'headingFont'] as const) {
    const family = theme[key];
    // Typst names an unknown family in lower case.
    if (family !== undefined && warnings.includes(`unknown font family: ${family.toLowerCase()}`)) {
      throw new UserError(
        `配置键 render.pdf.theme.${key} 的字体 ${family} 不在 render.fontPaths 的任何目录中`,
        `config key render.pdf.theme.${key}: no folder of render.fontPaths holds the font ${family}`,
      );
    }
  }
  return pdf;
}
