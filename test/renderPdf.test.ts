import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Brief } from '../src/brief/model.ts';
import { formatReference } from '../src/brief/references.ts';
import { renderPdf } from '../src/render/pdf.ts';
import { UserError } from '../src/util/errors.ts';
import { tempDir } from './helpers.ts';
import { briefWith, hostileBrief } from './hostileBrief.ts';

const fontPaths = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/truetype'];
/** A 1×1 PNG, standing in for the account's QR code. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** Writes a brief's PDF and returns its path. */
function pdfOf(brief: Brief, options: { fontPaths: readonly string[]; qrImage?: string | null } = { fontPaths }): string {
  const path = join(tempDir(), 'brief.pdf');
  writeFileSync(path, renderPdf(brief, options));
  return path;
}

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
    assert.ok(!text.includes('root:x:0:0'));
    assert.ok(!text.includes('注入'));
    // The document's own title, in the PDF's metadata, is the brief's title and date, as text.
    assert.match(poppler('pdfinfo', [pdf]), new RegExp(`Title:\\s+${brief.title.slice(0, 9)}`));
  });

  it('prints the QR code when given one, and says which image it cannot read', () => {
    const dir = tempDir();
    const qr = join(dir, 'qr.png');
    writeFileSync(qr, png);
    // pdfimages lists a PNG's picture and, apart, its transparency mask.
    const images = (path: string) => poppler('pdfimages', ['-list', path]).split('\n').filter((line) => line.trim().split(/\s+/)[2] === 'image').length;
    assert.equal(images(pdfOf(hostileBrief(), { fontPaths, qrImage: qr })), 1);
    assert.equal(images(pdfOf(hostileBrief(), { fontPaths, qrImage: null })), 0);
    assert.throws(() => renderPdf(hostileBrief(), { fontPaths, qrImage: join(dir, 'missing.png') }), (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.equal(err.message, `无法读取二维码图片 ${join(dir, 'missing.png')}`);
      assert.equal(err.en, `cannot read QR image ${join(dir, 'missing.png')}`);
      return true;
    });
    // The image of one brief is not left for the next.
    assert.equal(images(pdfOf(hostileBrief())), 0);
  });

  it('refuses to print a brief the template cannot read, rather than print part of it', () => {
    const broken = { ...hostileBrief(), footer: {} } as unknown as Brief;
    assert.throws(() => renderPdf(broken, { fontPaths }), /^Error: Typst 排版失败 \(typesetting failed\): .*account/);
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
