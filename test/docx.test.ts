import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { JSDOM } from 'jsdom';
import type { Brief } from '../src/domain/brief.ts';
import { formatReference } from '../src/brief/references.ts';
import { configSchema, docxFontsSchema } from '../src/config/schema.ts';
import { renderAssets, type ConfigImage } from '../src/render/assets.ts';
import { renderDocx, type DocxOptions } from '../src/render/docx.ts';
import { linkTarget } from '../src/util/escape.ts';
import { UserError } from '../src/util/errors.ts';
import { tempDir } from './helpers.ts';
import { hostile, hostileBrief, hostileUrls } from './hostileBrief.ts';
import { unzip } from './unzip.ts';

/** A 1×1 PNG, standing in for the account's QR code. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const qr: ConfigImage = { key: 'brief.footer.qrImage', kind: 'png', bytes: png };
const fonts = docxFontsSchema.parse({});
const options: DocxOptions = { qr, linkable: () => true, fonts };
const passwdFirstLine = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!;

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const { DOMParser } = new JSDOM('').window;

/** A package part parsed as XML; fails when it is not well-formed (Word refuses such a file). */
function xml(parts: ReturnType<typeof unzip>, name: string): Document {
  const part = parts.get(name);
  assert.ok(part, `no part ${name}`);
  const doc = new DOMParser().parseFromString(part.data.toString('utf8'), 'application/xml');
  assert.equal(doc.getElementsByTagName('parsererror').length, 0, `${name} is not well-formed XML`);
  return doc;
}

const all = (node: Document | Element, name: string) => [...node.getElementsByTagNameNS(W, name)];
const wAttr = (element: Element | undefined, name: string) => element?.getAttributeNS(W, name) ?? null;

/** Each paragraph of the body, in order: its style (or '') and its text as Word shows it (runs' text joined). */
function paragraphs(doc: Document): [string, string][] {
  return all(doc, 'p').map((p) => [wAttr(all(p, 'pStyle')[0], 'val') ?? '', all(p, 't').map((t) => t.textContent).join('')]);
}

async function render(brief: Brief = hostileBrief(), given: Partial<DocxOptions> = {}) {
  const parts = unzip(await renderDocx(brief, { ...options, ...given }));
  return { parts, document: xml(parts, 'word/document.xml') };
}

describe('DOCX edition: Word structure', () => {
  it('is a package of well-formed parts: masthead, abstract, contents, sections, references and footer, in the house order', async () => {
    const brief = hostileBrief();
    const { parts, document } = await render(brief);
    for (const name of parts.keys()) if (/\.(xml|rels)$/.test(name)) xml(parts, name);
    const headings = brief.items.map((item, i) => `${'一二'[i]}、${item.headline}`);
    const references = brief.references.map((r) => {
      const href = linkTarget(r.url);
      return ['Reference', `${formatReference(r)}${href ? ` ${href}` : ''}`];
    });
    assert.deepEqual(paragraphs(document), [
      ['Title', brief.title],
      ['', brief.publisher],
      ['', brief.producers],
      ['', '2026年6月19日'],
      ['Label', '摘要'],
      ['', brief.abstract],
      ['Label', '目录'],
      ...[...headings, '参考文献'].map((heading) => ['TOC1', heading]),
      ['Heading1', headings[0]], ...brief.items[0]!.paragraphs.map((p) => ['', p]),
      ['Heading1', headings[1]], ...brief.items[1]!.paragraphs.map((p) => ['', p]),
      ['Heading1', '参考文献'],
      ...references,
      ['', ''],
      ['', ''],
      ['', brief.footer.account],
      ['', brief.footer.platform],
      ['', brief.footer.disclaimer],
    ]);
    // The references are a numbered list, [1], [2] …
    const numbered = all(document, 'p').filter((p) => all(p, 'numPr').length > 0);
    assert.deepEqual(numbered.map((p) => wAttr(all(p, 'pStyle')[0], 'val')), brief.references.map(() => 'Reference'));
    const numbering = xml(parts, 'word/numbering.xml');
    const numId = wAttr(all(numbered[0]!, 'numId')[0], 'val');
    const num = all(numbering, 'num').find((n) => wAttr(n, 'numId') === numId)!;
    const abstract = all(numbering, 'abstractNum').find((a) => wAttr(a, 'abstractNumId') === wAttr(all(num, 'abstractNumId')[0], 'val'))!;
    assert.deepEqual([wAttr(all(abstract, 'numFmt')[0], 'val'), wAttr(all(abstract, 'lvlText')[0], 'val')], ['decimal', '[%1]']);
  });

  it('has a table of contents field Word fills on opening, over Heading 1 paragraphs its navigation pane lists', async () => {
    const { parts, document } = await render();
    assert.deepEqual(all(document, 'instrText').map((i) => i.textContent), ['TOC \\h \\o "1-1"']);
    assert.equal(wAttr(all(document, 'fldChar')[0], 'dirty'), 'true');
    // An on/off element with no w:val is on.
    const updateFields = all(xml(parts, 'word/settings.xml'), 'updateFields');
    assert.equal(updateFields.length, 1);
    assert.ok(['', 'true', '1', 'on'].includes(wAttr(updateFields[0], 'val') ?? ''));
    const styles = xml(parts, 'word/styles.xml');
    const heading1 = all(styles, 'style').find((s) => wAttr(s, 'styleId') === 'Heading1')!;
    assert.equal(wAttr(all(heading1, 'name')[0], 'val'), 'Heading 1');
    assert.equal(wAttr(all(heading1, 'outlineLvl')[0], 'val'), '0');
    // The abstract's and the contents' titles are not in the outline, as in the PDF's contents.
    const label = all(styles, 'style').find((s) => wAttr(s, 'styleId') === 'Label')!;
    assert.equal(all(label, 'outlineLvl').length, 0);
    // The footer's page number is the only other field.
    assert.deepEqual(all(xml(parts, 'word/footer1.xml'), 'instrText').map((i) => i.textContent), ['PAGE']);
  });

  it('names the Chinese fonts of render.docx for East-Asian text and sets the language zh-CN', async () => {
    const fontsOf = (styles: Document, id: string | null) => {
      const rPr = id === null ? all(styles, 'rPrDefault')[0]! : all(styles, 'style').find((s) => wAttr(s, 'styleId') === id)!;
      const rFonts = all(rPr, 'rFonts')[0];
      return ['eastAsia', 'ascii', 'hAnsi'].map((name) => wAttr(rFonts, name));
    };
    const styles = xml((await render()).parts, 'word/styles.xml');
    assert.deepEqual(fontsOf(styles, null), ['宋体', 'Times New Roman', 'Times New Roman']);
    for (const id of ['Title', 'Heading1', 'Label']) assert.deepEqual(fontsOf(styles, id), ['黑体', 'Times New Roman', 'Times New Roman'], id);
    const lang = all(all(styles, 'rPrDefault')[0]!, 'lang')[0];
    assert.deepEqual([wAttr(lang, 'val'), wAttr(lang, 'eastAsia')], ['zh-CN', 'zh-CN']);
    // Another committee's fonts, from its config.
    const own = docxFontsSchema.parse({ bodyFont: 'SimSun', headingFont: 'Microsoft YaHei', latinFont: 'Arial' });
    const ownStyles = xml((await render(hostileBrief(), { fonts: own })).parts, 'word/styles.xml');
    assert.deepEqual(fontsOf(ownStyles, null), ['SimSun', 'Arial', 'Arial']);
    assert.deepEqual(fontsOf(ownStyles, 'Heading1'), ['Microsoft YaHei', 'Arial', 'Arial']);
    assert.deepEqual(configSchema.shape.render.parse({}).docx, { bodyFont: '宋体', headingFont: '黑体', latinFont: 'Times New Roman' });
  });

  it('links a reference only to an http(s) address the pipeline says is a stored document\'s, percent-escapes kept', async () => {
    const hyperlinks = async (linkable: DocxOptions['linkable']) => {
      const { parts, document } = await render(hostileBrief(), { linkable });
      const rels = xml(parts, 'word/_rels/document.xml.rels');
      const targets = new Map([...rels.getElementsByTagName('Relationship')].map((r) => [r.getAttribute('Id'), [r.getAttribute('Target'), r.getAttribute('TargetMode'), r.getAttribute('Type')]]));
      const external = [...targets.values()].filter(([, , type]) => type?.endsWith('/hyperlink'));
      const links = all(document, 'hyperlink').map((h) => [targets.get(h.getAttributeNS(R, 'id'))?.[0], all(h, 't').map((t) => t.textContent).join('')]);
      assert.equal(external.length, links.length, 'a hyperlink relationship no link uses');
      assert.ok(external.every(([, mode]) => mode === 'External'));
      return links;
    };
    const every = [linkTarget(hostileUrls.quoted), hostileUrls.escaped, linkTarget(hostileUrls.unescaped)];
    assert.deepEqual(await hyperlinks(() => true), every.map((url) => [url, url]));
    // %E6 stays %E6 (no %25E6), and a raw Chinese path is escaped once.
    assert.equal(every[1], 'https://www.gov.cn/zhengce/%E6%96%87%E4%BB%B6.htm');
    assert.equal(every[2], 'https://www.gov.cn/%E6%94%BF%E7%AD%96/%E6%96%87%E4%BB%B6%20%E4%B8%80.htm');
    assert.deepEqual(await hyperlinks((url) => url === hostileUrls.escaped), [[hostileUrls.escaped, hostileUrls.escaped]]);
    assert.deepEqual(await hyperlinks(() => false), []);
  });

  it('embeds the config\'s QR code, and no image without one', async () => {
    const withQr = await render();
    assert.deepEqual([...withQr.parts.keys()].filter((name) => name.startsWith('word/media/')), ['word/media/image1.png']);
    assert.deepEqual(withQr.parts.get('word/media/image1.png')!.data, png);
    const drawings = withQr.document.getElementsByTagName('wp:docPr');
    assert.equal(drawings.length, 1);
    assert.equal(drawings[0]!.getAttribute('descr'), hostileBrief().footer.account);
    const jpeg = await render(hostileBrief(), { qr: { ...qr, kind: 'jpeg', bytes: Buffer.from('ffd8ffe000104a46494600', 'hex') } });
    assert.deepEqual([...jpeg.parts.keys()].filter((name) => name.startsWith('word/media/')), ['word/media/image1.jpg']);
    const none = await render(hostileBrief(), { qr: null });
    assert.deepEqual([...none.parts.keys()].filter((name) => name.startsWith('word/media/')), []);
    assert.equal(none.document.getElementsByTagName('w:drawing').length, 0);
  });

  it('gives the same bytes for the same brief, however many documents the process wrote before', async () => {
    const first = await renderDocx(hostileBrief(), options);
    await renderDocx(hostileBrief(), { ...options, qr: null });
    assert.ok(first.equals(await renderDocx(hostileBrief(), options)));
  });

  it('dates the document and every file in it by the issue, never by the time it was rendered', async () => {
    const { parts } = await render();
    const core = xml(parts, 'docProps/core.xml');
    assert.equal(core.getElementsByTagName('dcterms:created')[0]?.textContent, '2026-06-18T16:00:00Z');
    assert.equal(core.getElementsByTagName('dcterms:modified')[0]?.textContent, '2026-06-18T16:00:00Z');
    assert.equal(core.getElementsByTagName('dc:title')[0]?.textContent, `${hostileBrief().title} 2026年6月19日`);
    assert.equal(core.getElementsByTagName('dc:creator')[0]?.textContent, hostileBrief().publisher);
    // 2026-06-19 00:00:00 in each entry's DOS date and time.
    for (const [name, entry] of parts) assert.deepEqual([entry.dosDate, entry.dosTime], [((2026 - 1980) << 9) | (6 << 5) | 19, 0], name);
  });
});

describe('DOCX edition: scraped text never becomes a field, link, style or element', () => {
  it('holds the brief\'s text only as run text: no element, field, hyperlink or file from it', async () => {
    const brief = hostileBrief();
    const { parts, document } = await render(brief);
    // Every element of the body is one the edition writes; none came from the text.
    const names = new Set([...document.getElementsByTagName('*')].map((element) => element.tagName));
    assert.deepEqual([...names].filter((name) => !name.startsWith('w:') && !/^(wp|a|pic):/.test(name)), []);
    for (const name of ['w:fldSimple', 'w:instr', 'w:object', 'w:altChunk', 'w:subDoc', 'w:customXml']) assert.ok(!names.has(name), name);
    // The hostile text reads back whole from w:t elements, in each field it was put in.
    const texts = all(document, 't').map((t) => t.textContent ?? '');
    for (const field of [brief.title, brief.abstract, brief.footer.disclaimer]) assert.ok(texts.includes(field), field.slice(0, 20));
    assert.ok(texts.join('').split(hostile).length > 10);
    // No local file is read into the package, and the only link targets are the references' addresses.
    for (const [name, entry] of parts) assert.ok(!entry.data.includes(passwdFirstLine), name);
    const targets = [...xml(parts, 'word/_rels/document.xml.rels').getElementsByTagName('Relationship')].map((r) => r.getAttribute('Target') ?? '');
    assert.deepEqual(targets.filter((t) => /:/.test(t)), [linkTarget(hostileUrls.quoted), hostileUrls.escaped, linkTarget(hostileUrls.unescaped)]);
  });

  it('drops the control characters XML cannot carry, in the text and in the document\'s properties', async () => {
    const brief = { ...hostileBrief(), title: '标题\u0001\u000b\u001f', abstract: '摘\u0000要' };
    const { parts, document } = await render(brief);
    assert.equal(paragraphs(document)[0]![1], '标题');
    assert.ok(paragraphs(document).some(([, text]) => text === '摘要'));
    assert.equal(xml(parts, 'docProps/core.xml').getElementsByTagName('dc:title')[0]?.textContent, '标题 2026年6月19日');
  });
});

describe('DOCX edition: the config', () => {
  it('refuses an SVG QR code when docx is configured, naming the key (Word needs a PNG or JPEG)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'qr.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="2" height="2"/></svg>');
    writeFileSync(join(dir, 'xinzhi.yaml'), '');
    const config = (formats: ('md' | 'docx')[]) => ({
      brief: { title: 't', topicName: 't', publisher: 'p', producers: '', footer: { account: '', qrImage: 'qr.svg', platform: '', disclaimer: '' } },
      render: configSchema.shape.render.parse({ formats, fontPaths: [], docx: fonts }),
      site: configSchema.shape.site.parse({}),
    });
    assert.equal(renderAssets(join(dir, 'xinzhi.yaml'), config(['md'])).qr?.kind, 'svg');
    assert.throws(() => renderAssets(join(dir, 'xinzhi.yaml'), config(['md', 'docx'])), (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.match(err.message, /^配置键 brief\.footer\.qrImage 指向的是 SVG 图片，Word 版（render\.formats 中的 docx）只能嵌入 PNG 或 JPEG/);
      assert.match(err.en, /^config key brief\.footer\.qrImage names an SVG image; the Word edition/);
      return true;
    });
  });

  it('lists docx and wechat among the formats, by default and in the shipped config', () => {
    assert.deepEqual(configSchema.shape.render.parse({}).formats, ['json', 'md', 'html', 'pdf', 'docx', 'wechat']);
    assert.match(readFileSync(new URL('../config/xinzhi.yaml', import.meta.url), 'utf8'), /^ {2}formats: \[json, md, html, pdf, docx, wechat\]/m);
    assert.ok(!configSchema.shape.render.safeParse({ formats: ['doc'] }).success);
  });
});
