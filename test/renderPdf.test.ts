import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Brief } from '../src/domain/brief.ts';
import { formatReference } from '../src/brief/references.ts';
import type { ConfigImage } from '../src/render/assets.ts';
import { loadConfig } from '../src/config/load.ts';
import { renderAssets } from '../src/render/assets.ts';
import { linkTarget } from '../src/util/escape.ts';
import { defaultPdfTheme, renderPdf, typesetPdf, typstRoot, type PdfOptions, type PdfTheme } from '../src/render/pdf.ts';
import { UserError } from '../src/util/errors.ts';
import { repoRoot, tempDir } from './helpers.ts';
import { briefWith, hostileBrief, hostileUrls, typstTricks } from './hostileBrief.ts';

const fontPaths = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/truetype'];
/** A 1×1 PNG, standing in for the account's QR code. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** Writes a brief's PDF and returns its path. */
function pdfOf(brief: Brief, options: PdfOptions = { fontPaths }): string {
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
    // In the order typeset (the masthead's tracking would shuffle a layout reading), between the
    // running header and the page numbers (a field across pages would hold them); line breaks fall
    // anywhere in justified text, so compare without white space.
    const text = withoutSpace(poppler('pdftotext', ['-raw', '-x', '0', '-y', '62', '-W', '595', '-H', '708', pdf, '-']));
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
    const { pdf } = readThrough('#read("/given.txt")', { '/given.txt': Buffer.from('mapped') });
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
    assert.deepEqual(calls, [
      ['json', '"/brief-view.json"'],
      ['image', '"/logo.png"'], ['image', '"/logo.jpg"'], ['image', '"/logo.svg"'],
      ['image', '"/qr.png"'], ['image', '"/qr.jpg"'], ['image', '"/qr.svg"'],
    ]);
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

/** The addresses of a PDF's link annotations (/URI strings, PDF escapes undone), in page order. */
function linkAddresses(pdf: Buffer): string[] {
  return [...pdf.toString('latin1').matchAll(/\/URI\s*\(((?:\\.|[^\\)])*)\)/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
}

/** Writes a PDF to a fresh file and returns its path, for poppler's tools. */
function writeTo(pdf: Buffer): string {
  const path = join(tempDir(), 'brief.pdf');
  writeFileSync(path, pdf);
  return path;
}

/** How many pixels of page 1, drawn at 30 dpi, are within a small distance of `rgb`. */
function pixelsOf(pdf: string, rgb: readonly [number, number, number]): number {
  // PPM: a text header (P6, width, height, 255), then three bytes a pixel.
  const ppm = execFileSync('pdftoppm', ['-r', '30', '-f', '1', '-l', '1', '-singlefile', pdf]);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
  let count = 0;
  for (let i = header[0].length; i + 2 < ppm.length; i += 3) {
    if (Math.abs(ppm[i]! - rgb[0]) + Math.abs(ppm[i + 1]! - rgb[1]) + Math.abs(ppm[i + 2]! - rgb[2]) < 24) count++;
  }
  return count;
}

/** The text of one page's band: y from `top`, `height` points down (A4 is 842 high). */
const band = (pdf: string, page: number, top: number, height: number) =>
  poppler('pdftotext', ['-f', String(page), '-l', String(page), '-x', '0', '-y', String(top), '-W', '595', '-H', String(height), pdf, '-']);

/** A config file holding the bundled config with `render` replaced: loadConfig checks it against the schema first. */
function configWithRender(render: string): string {
  const bundled = readFileSync(join(repoRoot, 'config/xinzhi.yaml'), 'utf8');
  const file = join(tempDir(), 'xinzhi.yaml');
  // The taxonomy, catalog and registry stay the bundled ones: only the file moves.
  const text = bundled
    .replace(/^render:[\s\S]*$/m, `render:\n${render}\n`)
    .replace(/^(themes|sources|bodies): (\S+)/gm, (_, key: string, path: string) => `${key}: ${join(repoRoot, 'config', path)}`);
  writeFileSync(file, text);
  return file;
}

describe('PDF edition: the reference issue\'s page furniture', () => {
  it('runs the title and the issue\'s date over a rule from page 2 on, never on page 1, with page numbers', () => {
    const pdf = pdfOf(briefWith(''));
    assert.ok(Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [pdf]))![1]) >= 2);
    // The band above the top margin (2.4cm = 68pt): the masthead itself starts below it.
    assert.equal(withoutSpace(band(pdf, 1, 0, 62)), '');
    assert.equal(withoutSpace(band(pdf, 2, 0, 62)), withoutSpace(`${briefWith('').title}2026年6月19日`));
    assert.equal(withoutSpace(band(pdf, 1, 775, 67)), '1');
    assert.equal(withoutSpace(band(pdf, 2, 775, 67)), '2');
  });

  it('closes with the footer block: the account, its QR code, the platform, the disclaimer, in that order', () => {
    const brief = briefWith('');
    const pdf = pdfOf(brief, { fontPaths, qr: { key: 'brief.footer.qrImage', kind: 'png', bytes: png } });
    const text = withoutSpace(poppler('pdftotext', [pdf, '-']));
    const at = [brief.footer.account, brief.footer.platform, brief.footer.disclaimer].map((line) => text.lastIndexOf(withoutSpace(line)));
    assert.ok(at[0]! > text.indexOf('参考文献'), 'after the references');
    assert.deepEqual([...at].sort((a, b) => a - b), at);
    assert.ok(at.every((i) => i >= 0));
    // The QR code sits between the account and the platform: on the page of the block, below the account's line.
    const bbox = poppler('pdftotext', ['-bbox', pdf, '-']);
    const lastPage = bbox.split('<page ').at(-1)!;
    const yOf = (word: string) => Number(new RegExp(`yMin="([\\d.]+)"[^>]*>${word}`).exec(lastPage)?.[1]);
    const image = poppler('pdfimages', ['-list', pdf]).split('\n').find((line) => line.trim().split(/\s+/)[2] === 'image')!;
    assert.equal(Number(image.trim().split(/\s+/)[0]), Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [pdf]))![1]));
    assert.ok(yOf('平台') - yOf('公众号') > 60, 'room for the 3cm QR code between the account and the platform');
  });

  it('links each reference to its address: only http(s) addresses the pipeline knows as stored', () => {
    const brief = briefWith('');
    const http = [hostileUrls.quoted, hostileUrls.escaped, hostileUrls.unescaped];
    assert.deepEqual(linkAddresses(renderPdf(brief, { fontPaths, linkable: () => true })), http.map((url) => linkTarget(url)));
    // javascript: and data: addresses never link, stored or not.
    for (const url of linkAddresses(renderPdf(brief, { fontPaths, linkable: () => true }))) assert.match(url, /^https:\/\/[^\s"<>]+$/);
    assert.deepEqual(linkAddresses(renderPdf(brief, { fontPaths, linkable: (url) => url === hostileUrls.escaped })), [hostileUrls.escaped]);
    assert.deepEqual(linkAddresses(renderPdf(brief, { fontPaths })), []);
    // The address is printed too, for a reader of paper.
    const text = withoutSpace(poppler('pdftotext', [pdfOf(brief, { fontPaths, linkable: (url) => url === hostileUrls.escaped }), '-']));
    assert.ok(text.includes(hostileUrls.escaped));
    for (const other of ['a.gov.cn', linkTarget(hostileUrls.unescaped)!, 'javascript', 'data:']) assert.ok(!text.includes(other), other);
  });
});

describe('PDF edition: restyled from the config, never by code', () => {
  const theme = (change: Partial<PdfTheme>): PdfTheme => ({ ...defaultPdfTheme, ...change });

  it('sets the paper, fonts, accent colour and logo the theme names', () => {
    const a5 = pdfOf(briefWith(''), { fontPaths, theme: theme({ paper: 'a5' }) });
    // A5: 148 × 210 mm.
    assert.match(poppler('pdfinfo', [a5]), /Page size:\s+419\.5\d* x 595\.2\d* pts/);
    const sans = pdfOf(briefWith(''), { fontPaths, theme: theme({ bodyFont: 'Noto Sans CJK SC' }) });
    assert.doesNotMatch(poppler('pdffonts', [sans]), /Serif/);
    assert.match(poppler('pdffonts', [pdfOf(briefWith(''))]), /NotoSerifCJK/);
    // The accent fills the masthead's title and its rule: page 1 shows the colour, and not the default's.
    const blue = pdfOf(briefWith(''), { fontPaths, theme: theme({ accent: '#1d4ed8' }) });
    assert.ok(pixelsOf(blue, [0x1d, 0x4e, 0xd8]) > 200);
    assert.equal(pixelsOf(blue, [0x9b, 0x1c, 0x1c]), 0);
    assert.ok(pixelsOf(pdfOf(briefWith('')), [0x9b, 0x1c, 0x1c]) > 200);
    const images = (path: string) => poppler('pdfimages', ['-list', path]).split('\n').filter((line) => line.trim().split(/\s+/)[2] === 'image').length;
    assert.equal(images(pdfOf(briefWith(''), { fontPaths, theme: theme({ logo: { key: 'render.pdf.theme.logo', kind: 'png', bytes: png } }) })), 1);
    assert.equal(images(pdfOf(briefWith(''), { fontPaths, theme: theme({ logo: null }) })), 0);
  });

  it('names the key of a font family no font folder holds, and only of one the config names', () => {
    // Without Noto (dejavu alone), the default theme still renders: the defaults are a fallback, not a demand.
    assert.doesNotThrow(() => renderPdf(briefWith(''), { fontPaths: ['/usr/share/fonts/truetype/dejavu'] }));
    for (const key of ['bodyFont', 'headingFont'] as const) {
      assert.throws(() => renderPdf(briefWith(''), { fontPaths, theme: theme({ [key]: 'No Such Family' }) }), (err: unknown) => {
        assert.ok(err instanceof UserError);
        assert.equal(err.message, `配置键 render.pdf.theme.${key} 的字体 No Such Family 不在 render.fontPaths 的任何目录中`);
        return true;
      });
    }
  });

  it('refuses a theme value that is not a colour, a family name or a paper, naming the key', () => {
    const hostileValues: [string, string][] = [
      ['accent', `"#9b1c1c\\"); #read(\\"/etc/passwd\\")"`],
      ['accent', 'red'],
      ['accent', '"#9b1c1c80"'],
      ['bodyFont', `'Noto", weight: "bold'`],
      ['headingFont', `'x) #eval("1")'`],
      ['bodyFont', `"Noto\\nSerif"`],
      ['paper', `'a4" + read("/etc/passwd")'`],
    ];
    for (const [key, value] of hostileValues) {
      const file = configWithRender(`  pdf:\n    theme:\n      ${key}: ${value}`);
      assert.throws(() => loadConfig(file), (err: unknown) => {
        assert.ok(err instanceof UserError, String(err));
        assert.ok(err.message.includes(`的键 render.pdf.theme.${key} 无效`), err.message);
        assert.ok(err.en.includes(`key render.pdf.theme.${key} is invalid`), err.en);
        return true;
      }, `${key}: ${value}`);
    }
    const good = loadConfig(configWithRender('  pdf:\n    theme:\n      accent: "#1D4ED8"\n      bodyFont: 思源宋体\n      paper: a5')).config.render.pdf.theme;
    assert.deepEqual(good, { accent: '#1D4ED8', bodyFont: '思源宋体', logo: null, paper: 'a5' });
  });

  it('reads the logo like the QR image: from the config folder only, checked to be an image', () => {
    const file = configWithRender('  pdf:\n    theme:\n      logo: /etc/passwd');
    const loaded = loadConfig(file).config;
    assert.throws(() => renderAssets(file, loaded), (err: unknown) => err instanceof UserError && /^配置键 render\.pdf\.theme\.logo 指向的 \/etc\/passwd不在/.test(err.message));
    writeFileSync(join(file, '..', 'logo.png'), png);
    const withLogo = { ...loaded, render: { ...loaded.render, pdf: { theme: { ...loaded.render.pdf.theme, logo: 'logo.png' } } } };
    assert.deepEqual(renderAssets(file, withLogo).pdfTheme.logo, { key: 'render.pdf.theme.logo', kind: 'png', bytes: png });
  });
});

describe('PDF edition: reproducible', () => {
  it('gives the same bytes for the same brief, dated by the issue, never by the clock', async () => {
    const brief = briefWith('');
    const first = renderPdf(brief, { fontPaths, linkable: () => true });
    // Past a second boundary: a render time would show.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = renderPdf(structuredClone(brief), { fontPaths, linkable: () => true });
    assert.ok(first.equals(second), 'byte-identical');
    // 00:00 of the day in Beijing, as pdfinfo shows it on a machine keeping Beijing time.
    const beijingInfo = (pdf: Buffer) => execFileSync('pdfinfo', [writeTo(pdf)], { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Shanghai' } });
    const info = beijingInfo(first);
    assert.match(info, /CreationDate:\s+Fri Jun 19 00:00:00 2026/);
    assert.match(info, /ModDate:\s+Fri Jun 19 00:00:00 2026/);
    // Another issue date is another PDF date.
    assert.match(beijingInfo(renderPdf({ ...brief, date: '2026-07-01' }, { fontPaths })), /CreationDate:\s+Wed Jul {2}1 00:00:00 2026/);
  });
});
