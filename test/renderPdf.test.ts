import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Brief } from '../src/brief/model.ts';
import { formatReference } from '../src/brief/references.ts';
import type { ConfigImage } from '../src/render/assets.ts';
import { renderPdf, typesetPdf, typstRoot } from '../src/render/pdf.ts';
import { tempDir } from './helpers.ts';
import { briefWith, hostileBrief, typstTricks } from './hostileBrief.ts';

const fontPaths = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/truetype'];
/** A 1×1 PNG, standing in for the account's QR code. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** Writes a brief's PDF and returns its path. */
function pdfOf(brief: Brief, options: { fontPaths: readonly string[]; qr?: ConfigImage | null } = { fontPaths }): string {
  const path = join(tempDir(), 'brief.pdf');
  writeFileSync(path, renderPdf(brief, options));
  return path;
}

/** The first line of /etc/passwd: no local file's content may reach an edition. */
const passwdFirstLine = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!;

const poppler = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });
const withoutSpace = (text: string) => text.replace(/\s+/g, '');

describe('PDF edition: scraped text never becomes Typst markup or code', () => {
  it('prints every field of the brief as the very text it was given: no code runs, no file is read', () => {
    const brief = hostileBrief();
    const pdf = pdfOf(brief);
    // In the order typeset (the masthead's tracking would shuffle a layout reading), above the page
    // numbers (a field across pages would hold one); line breaks fall anywhere in justified text, so
    // compare without white space.
    const text = withoutSpace(poppler('pdftotext', ['-raw', '-x', '0', '-y', '0', '-W', '595', '-H', '770', pdf, '-']));
    const fields = [
      brief.title, brief.publisher, brief.producers, '2026年6月19日', brief.abstract,
      ...brief.items.flatMap((item, i) => [`${'一二'[i]}、${item.headline}`, ...item.paragraphs]),
      ...brief.references.map(formatReference),
      brief.footer.account, brief.footer.platform, brief.footer.disclaimer,
    ];
    for (const field of fields) assert.ok(text.includes(withoutSpace(field)), `not printed as text: ${field}`);
    assert.ok(!text.includes(withoutSpace(passwdFirstLine)));
    assert.ok(!text.includes('注入'));
    assert.ok(!text.includes('求值'));
    // Each Typst trick (#import, #include, #image, #set, #show, #eval) is in the text as it was given.
    assert.ok(text.includes(withoutSpace(typstTricks)));
    // The document's own title, in the PDF's metadata, is the brief's title and date, as text.
    assert.match(poppler('pdfinfo', [pdf]), new RegExp(`Title:\\s+${brief.title.slice(0, 9)}`));
  });

  it('prints the config\'s QR code when given one, of each kind, and leaves it for no later brief', () => {
    // pdfimages lists a PNG's picture and, apart, its transparency mask.
    const images = (path: string) => poppler('pdfimages', ['-list', path]).split('\n').filter((line) => line.trim().split(/\s+/)[2] === 'image').length;
    const qr: ConfigImage = { key: 'brief.footer.qrImage', kind: 'png', bytes: png };
    assert.equal(images(pdfOf(hostileBrief(), { fontPaths, qr })), 1);
    assert.equal(images(pdfOf(hostileBrief(), { fontPaths, qr: null })), 0);
    // A JPEG (made here by poppler from a PDF page) is embedded as one picture.
    const jpegFile = join(tempDir(), 'qr');
    poppler('pdftoppm', ['-jpeg', '-r', '4', '-singlefile', pdfOf(briefWith('')), jpegFile]);
    const jpeg: ConfigImage = { key: 'brief.footer.qrImage', kind: 'jpeg', bytes: readFileSync(`${jpegFile}.jpg`) };
    assert.equal(images(pdfOf(hostileBrief(), { fontPaths, qr: jpeg })), 1);
    // An SVG is drawn, not embedded as a picture: the PDF grows by its shapes.
    const svg: ConfigImage = { key: 'brief.footer.qrImage', kind: 'svg', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="2" height="2"/><rect x="2" y="2" width="2" height="2"/></svg>') };
    const plain = readFileSync(pdfOf(briefWith(''))).length;
    assert.ok(readFileSync(pdfOf(briefWith(''), { fontPaths, qr: svg })).length > plain);
    // The image of one brief is not left for the next.
    assert.equal(images(pdfOf(hostileBrief())), 0);
  });

  it('refuses to print a brief the template cannot read, rather than print part of it', () => {
    const broken = { ...hostileBrief(), footer: {} } as unknown as Brief;
    assert.throws(() => renderPdf(broken, { fontPaths }), /^Error: Typst 排版失败 \(typesetting failed\): .*account/);
  });
});

describe('Typst reads only the files renderPdf maps into its project', () => {
  const readThrough = (source: string, files: Record<string, Buffer> = {}) => typesetPdf(source, files, fontPaths);

  it('finds no file of the disk from the template: not by an absolute path, not by climbing out of its root', () => {
    assert.throws(() => readThrough('#read("/etc/passwd")'), /file not found/);
    assert.throws(() => readThrough('#read("../../../../../../etc/passwd")'), /outside of project root|access denied/);
    assert.throws(() => readThrough('#image("/etc/passwd")'), /file not found/);
    assert.throws(() => readThrough('#include "/etc/passwd"'), /file not found/);
    // A file it was given is read: the project root is where the mapped files are.
    const pdf = readThrough('#read("/given.txt")', { '/given.txt': Buffer.from('mapped') });
    assert.match(pdf.subarray(0, 5).toString(), /^%PDF-/);
  });

  it('works in a private folder of its own that stays empty: the files are mapped, never written', () => {
    renderPdf(hostileBrief(), { fontPaths, qr: { key: 'brief.footer.qrImage', kind: 'png', bytes: png } });
    assert.match(typstRoot(), /xinzhi-typst-/);
    assert.deepEqual(readdirSync(typstRoot()), []);
  });

  it('names every file it reads by a literal path, and includes, imports, evaluates and plugs in nothing', () => {
    const template = readFileSync(new URL('../src/render/brief.typ', import.meta.url), 'utf8').replace(/^\s*\/\/.*$/gm, '');
    const calls = [...template.matchAll(/\b(json|image|read|csv|yaml|toml|xml|cbor|plugin|eval|include|import)\b\s*\(?\s*("[^"]*"|[^\s),]*)/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(calls, [['json', '"/brief-view.json"'], ['image', '"/qr.png"'], ['image', '"/qr.jpg"'], ['image', '"/qr.svg"']]);
  });
});

describe('Chinese typesetting', () => {
  it('never starts a PDF line with +: 人工智能+ stays on one line wherever the line breaks', () => {
    // Paragraphs whose every place could put + at a line's start: shifted one character at a time.
    const paragraphs = Array.from({ length: 24 }, (_, i) => `${'数'.repeat(i)}${'推进人工智能+行动，'.repeat(12)}`);
    const brief = { ...briefWith(''), items: [{ ...briefWith('').items[0]!, headline: '标题', paragraphs }] };
    const lines = poppler('pdftotext', ['-layout', pdfOf(brief), '-']).split('\n').map((line) => line.trim());
    assert.ok(lines.some((line) => line.includes('人工智能+')));
    assert.deepEqual(lines.filter((line) => /^[+＋]/.test(line)), []);
  });
});
