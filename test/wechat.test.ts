import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { isTag, type AnyNode, type Element } from 'domhandler';
import { formatReference } from '../src/brief/references.ts';
import { configSchema, wechatSchema } from '../src/config/schema.ts';
import { linkTarget } from '../src/util/escape.ts';
import { renderWechat, type WechatOptions } from '../src/render/wechat.ts';
import { hostileBrief, hostileLines, hostileUrls, htmlTricks, markdownTricks } from './hostileBrief.ts';

const qrImageUrl = 'https://mmbiz.qpic.cn/mmbiz_png/qr.png';
const settings = wechatSchema.parse({ qrImageUrl });
const options: WechatOptions = { linkable: () => true, settings };
const passwdFirstLine = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!;

/** The fragment parsed as the 公众号 editor's paste would read it: its elements, in document order. */
function parse(html: string) {
  const $ = cheerio.load(html, null, false);
  const elements = $('*').toArray().filter(isTag);
  return { $, elements };
}

/** The declarations of an element's style attribute, by property. */
function styleOf(element: Element): Record<string, string> {
  return Object.fromEntries((element.attribs.style ?? '').split(';').filter(Boolean).map((d) => d.split(/:(.*)/s).slice(0, 2) as [string, string]));
}

describe('WeChat edition: what the 公众号 editor keeps', () => {
  const brief = hostileBrief();
  const html = renderWechat(brief, options);
  const { $, elements } = parse(html);

  it('is one <section> fragment: no document, head, style, script, link, class, id or handler', () => {
    const top = $.root().contents().toArray().filter((node: AnyNode) => !(node.type === 'text' && /^\s*$/.test($(node).text())));
    assert.deepEqual(top.map((node) => (isTag(node) ? node.name : node.type)), ['section']);
    assert.deepEqual([...new Set(elements.map((element) => element.name))].sort(), ['h1', 'h2', 'img', 'p', 'section', 'span']);
    assert.deepEqual([...new Set(elements.flatMap((element) => Object.keys(element.attribs)))].sort(), ['alt', 'src', 'style']);
    assert.doesNotMatch(html, /<!DOCTYPE|<html|<head|<body|<style|<script|<link|<meta|<a\b|<!--/i);
  });

  it('styles every element inline, with the house typography: 15px text, line-height 1.75, letter-spacing', () => {
    for (const element of elements) assert.ok(element.attribs.style, `<${element.name}> has no style`);
    const root = styleOf(elements[0]!);
    assert.deepEqual([root['font-size'], root['line-height'], root['letter-spacing'], root.color], ['15px', '1.75', '0.5px', '#333333']);
    const paragraph = styleOf($('h2').filter((_, h) => $(h).text().startsWith('一、')).next('p').get(0)!);
    assert.equal(paragraph['text-indent'], '2em');
    // No style reaches outside: no url(), @import, expression() or a position the editor would drop.
    for (const element of elements) assert.doesNotMatch(element.attribs.style!, /url\(|@import|expression|position|javascript/i);
  });

  it('loads nothing but the configured QR image, and none when the config gives no address', () => {
    const sources = elements.filter((element) => element.attribs.src !== undefined).map((element) => [element.name, element.attribs.src, element.attribs.alt]);
    assert.deepEqual(sources, [['img', qrImageUrl, brief.footer.account]]);
    const none = parse(renderWechat(brief, { ...options, settings: wechatSchema.parse({}) }));
    assert.equal(none.elements.filter((element) => element.attribs.src !== undefined).length, 0);
    assert.equal(none.$('img').length, 0);
  });

  it('takes its colours from the config', () => {
    const own = parse(renderWechat(brief, { ...options, settings: wechatSchema.parse({ accent: '#1f4e79', text: '#222222', muted: '#999999' }) }));
    assert.equal(styleOf(own.$('h1').get(0)!).color, '#1f4e79');
    assert.equal(styleOf(own.$('h2').get(0)!)['border-left'], '4px solid #1f4e79');
    assert.equal(styleOf(own.elements[0]!).color, '#222222');
    assert.equal(styleOf(own.$('section > section').last().find('p').get(0)!).color, '#999999');
    assert.ok(!renderWechat(brief, { ...options, settings: wechatSchema.parse({ accent: '#1f4e79' }) }).includes('#9b1c1c'));
  });

  it('prints the masthead, abstract, contents, sections, references and footer as the very text of the brief', () => {
    const texts = (selector: string) => $(selector).toArray().map((element) => $(element).text());
    assert.deepEqual(texts('h1'), [brief.title]);
    assert.deepEqual(texts('section > section').length, 2);
    const headings = brief.items.map((item, i) => `${'一二'[i]}、${item.headline}`);
    assert.deepEqual(texts('h2'), ['摘要', '目录', ...headings, '参考文献']);
    const masthead = $('section > section').first().find('p').toArray().map((p) => $(p).text());
    assert.deepEqual(masthead, [brief.publisher, brief.producers, '2026年6月19日']);
    assert.equal($('h2').eq(0).next('p').text(), brief.abstract);
    assert.deepEqual($('h2').eq(1).nextUntil('h2').toArray().map((p) => $(p).text()), [...headings, '参考文献']);
    assert.deepEqual($('h2').eq(2).nextUntil('h2').toArray().map((p) => $(p).text()), brief.items[0]!.paragraphs);
    assert.deepEqual($('h2').eq(3).nextUntil('h2').toArray().map((p) => $(p).text()), brief.items[1]!.paragraphs);
    const references = $('h2').last().nextUntil('section').toArray();
    assert.deepEqual(references.map((p) => $(p).contents().first().text()), brief.references.map((r, i) => `[${i + 1}] ${formatReference(r)}`));
    assert.deepEqual($('section > section').last().find('p').toArray().map((p) => $(p).text()), [brief.footer.account, brief.footer.platform, brief.footer.disclaimer]);
  });

  it('prints a reference\'s address as text (the editor strips outside links), only a stored http(s) one, percent-escapes kept', () => {
    const addresses = (given: WechatOptions) => parse(renderWechat(brief, given)).$('p > span').toArray().map((span) => cheerio.load(span).text());
    assert.deepEqual(addresses(options), [linkTarget(hostileUrls.quoted), hostileUrls.escaped, linkTarget(hostileUrls.unescaped)]);
    assert.ok(html.includes('https://www.gov.cn/zhengce/%E6%96%87%E4%BB%B6.htm'));
    assert.ok(!html.includes('%25E6'));
    assert.deepEqual(addresses({ ...options, linkable: (url) => url === hostileUrls.escaped }), [hostileUrls.escaped]);
    assert.deepEqual(addresses({ ...options, linkable: () => false }), []);
  });
});

describe('WeChat edition: scraped text never becomes markup', () => {
  const brief = hostileBrief();
  const html = renderWechat(brief, options);
  const { $, elements } = parse(html);

  it('prints each HTML and Markdown trick as the very text it is: no element, attribute or address from it', () => {
    const abstract = $('h2').eq(0).next('p').text();
    for (const piece of [...htmlTricks.split(' '), ...markdownTricks.split(' ')]) assert.ok(abstract.includes(piece), piece);
    assert.equal($('h2').eq(2).nextAll('p').eq(1).text(), hostileLines);
    // The same six kinds of element as a plain brief's, and the QR image alone.
    assert.equal($('img').length, 1);
    assert.equal($('[onerror], [onclick], [href], [class], [id], a, b, style, script').length, 0);
    for (const element of elements) {
      for (const [name, value] of Object.entries(element.attribs)) {
        if (name === 'src') assert.equal(value, qrImageUrl);
        if (name === 'style') assert.doesNotMatch(value, /display:none|evil|javascript/);
      }
    }
    assert.ok(!html.includes(passwdFirstLine));
    // Outside the tags, every < and " is escaped.
    assert.doesNotMatch(html.replace(/<\/?[a-z0-9]+(?: [a-z]+="[^"<>]*")*>/g, ''), /[<>"]/);
  });
});

describe('WeChat edition: the config', () => {
  it('takes an https QR address and #rrggbb colours only: no http, javascript: or data: address, no CSS in a colour', () => {
    const refused = (value: Record<string, unknown>) => !configSchema.shape.render.safeParse({ wechat: value }).success;
    for (const url of ['http://mmbiz.qpic.cn/qr.png', 'javascript:alert(1)', 'data:image/png;base64,AAAA', 'qr.png', '//mmbiz.qpic.cn/qr.png']) assert.ok(refused({ qrImageUrl: url }), url);
    for (const colour of ['red', '#fff', '#9b1c1c;background:url(https://evil.example/x)', '#9b1c1c" onmouseover="x']) assert.ok(refused({ accent: colour }), colour);
    assert.ok(refused({ qrImage: 'qr.png' }), 'an unknown key');
    assert.deepEqual(configSchema.shape.render.parse({}).wechat, { qrImageUrl: null, accent: '#9b1c1c', text: '#333333', muted: '#888888' });
    assert.equal(configSchema.shape.render.parse({ wechat: { qrImageUrl } }).wechat.qrImageUrl, qrImageUrl);
  });

  it('writes the configured address as the URL standard writes it, escaped as an attribute', () => {
    const odd = 'https://mmbiz.qpic.cn/a b"c.png';
    const { elements } = parse(renderWechat(hostileBrief(), { ...options, settings: wechatSchema.parse({ qrImageUrl: odd }) }));
    assert.deepEqual(elements.filter((element) => element.name === 'img').map((element) => element.attribs.src), ['https://mmbiz.qpic.cn/a%20b%22c.png']);
  });
});
