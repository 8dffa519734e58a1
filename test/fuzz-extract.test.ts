/**
 * Property-based tests of the extractor — the whole HTML → article path (extract/article.ts, parse.ts),
 * the pager reader, and a response's bytes → article (crawl/document.ts, charsets included) — on random
 * pages built of real page pieces and on mutations of real pages (issue 15, fuzzing). test/fuzzing.ts
 * says how to run them longer.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from 'cheerio';
import { isTag, type AnyNode } from 'domhandler';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { articleOfResponse } from '../src/crawl/document.ts';
import type { FetchedResponse } from '../src/domain/response.ts';
import { extractArticle } from '../src/extract/article.ts';
import type { ExtractedArticle } from '../src/domain/article.ts';
import { MAX_DEPTH } from '../src/extract/flatten.ts';
import { continuationPages, maxDocumentPages } from '../src/extract/pagination.ts';
import { parseHtml } from '../src/extract/parse.ts';
import { findIn } from '../src/extract/tree.ts';
import { assertLinear, hostileChars, mutated, officialPieces, officialText, realPages, settings, validDateTime, withinBudget } from './fuzzing.ts';

/**
 * The budget of one extraction of a page of up to 200 KB: real pages of that size take 20–70 ms alone. With
 * the suite's Chromium tests beside it on two cores, CPU time itself grows (shared caches): a page of 170
 * ms alone took 247 ms there, three times over. What the budget is for — a path that grows with the square
 * takes seconds here — still fails at 400.
 */
const EXTRACT_MS = 400;
const MAX_PAGE = 200 * 1024;

const url = 'https://www.example.gov.cn/zwgk/202511/t20251118_123.html';
const docNumberForms = [
  /^[\u4e00-\u9fff]{1,12}[〔［[（(﹝【](?:19|20)\d{2}[〕］\]）)﹞】]第?\d{1,4}[号號]$/,
  /^[\u4e00-\u9fff]{2,20}令(?:(?:19|20)\d{2}年)?第\d{1,4}[号號]$/,
  /^[\u4e00-\u9fff]{0,20}公告(?:19|20)\d{2}年第\d{1,4}[号號]$/,
];

/** What every extraction must be, whatever the page: the shape ExtractedArticle promises. */
function assertArticleShape(article: ExtractedArticle, html: string): void {
  assert.ok(article.kind === 'article' || article.kind === 'not-article');
  assert.equal(typeof article.title, 'string');
  assert.ok(!article.title.includes('\n'), `title on two lines: ${JSON.stringify(article.title)}`);
  assert.ok(article.publishedAt === null || validDateTime(article.publishedAt), `publishedAt ${article.publishedAt}`);
  for (const name of [article.publisher, article.repostOf, article.siteName]) {
    assert.ok(name === null || (name.trim().length > 0 && !name.includes('\n')), `name ${JSON.stringify(name)}`);
  }
  assert.ok(article.repostOf === null || article.repostOf === article.publisher, 'a repost names the publisher');
  const bodyChars = article.paragraphs.join('').length;
  assert.ok(article.paragraphs.every((p) => p.length > 0 && p === p.trim() && !p.includes('\n')), 'paragraphs are trimmed lines');
  assert.ok(article.paragraphs.length === 0 || bodyChars >= 60, 'a body is 60 characters or none');
  assert.equal(article.kind === 'article', bodyChars >= 60 && article.title.length > 0);
  const seen = new Set<string>();
  for (const attachment of article.attachments) {
    assert.ok(/^https?:$/.test(new URL(attachment.url).protocol) && !seen.has(attachment.url), attachment.url);
    seen.add(attachment.url);
  }
  if (article.docNumber !== null) {
    assert.ok(docNumberForms.some((form) => form.test(article.docNumber!)), `文号 ${article.docNumber}`);
    // Read from the page: its FileNumber tag or its text, spaces gone and full-width digits as ASCII.
    const $ = load(parseHtml(html));
    const printed = `${$('meta[name="FileNumber"]').attr('content') ?? ''}\n${$('body').text()}`.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');
    assert.ok(printed.includes(article.docNumber), `文号 ${article.docNumber} is not on the page`);
  }
}

/** The pages a document continues on: after this one, on its host and in its folder, in order, at most maxDocumentPages. */
function assertContinuations(pages: string[], pageUrl: string): void {
  const page = new URL(pageUrl);
  const folder = (u: URL) => u.pathname.slice(0, u.pathname.lastIndexOf('/'));
  assert.ok(pages.length < maxDocumentPages);
  assert.equal(new Set(pages).size, pages.length);
  for (const next of pages) {
    const u = new URL(next);
    assert.ok(u.host === page.host && folder(u) === folder(page) && next !== pageUrl, next);
  }
}

// Pieces of real pages: what the arbitraries below assemble.
const text = officialText(40);
const attr = fc.oneof(
  fc.constantFrom('class="TRS_Editor"', 'id="zoom"', 'class="article-content"', 'class="nav"', 'class="footer"', 'class="comment"', 'class="share"', 'class="title"', 'class="bt"', 'class="source"', 'style="font-weight:bold"', 'itemprop="articleBody"', 'class="detail-content__content--recommend"', 'class="kicker"', 'align="center"'),
  fc.string({ unit: 'grapheme-ascii', maxLength: 20 }).map((v) => `data-x="${v.replace(/"/g, '&quot;')}"`),
  fc.integer({ min: 1, max: 20_000 }).map((n) => `class="${'x'.repeat(n)}"`),
  fc.constantFrom('class="a', "title='unclosed", 'href=javascript:alert(1)', 'onclick="x()"', '=', '"', 'a=b=c'),
);
const tagName = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('div', 'p', 'span', 'td', 'tr', 'table', 'li', 'ul', 'h1', 'h2', 'h3', 'a', 'font', 'strong', 'section', 'article', 'header', 'footer', 'nav', 'form', 'template', 'ruby', 'rt', 'b', 'center', 'blockquote', 'iframe', 'textarea', 'title', 'svg', 'select', 'option') },
  // Names no selector can hold, as broken and hostile pages write them: a[, o:p, DIV.
  { weight: 1, arbitrary: fc.oneof(fc.constantFrom('A[', 'a]', 'o:p', 'svg:rect', 'DIV', 'p"', 'x-y', 'div,p', 'a\\'), fc.stringMatching(/^[a-zA-Z][^\s/>]{0,5}$/)) },
);
const leaf = fc.oneof(
  { weight: 5, arbitrary: text },
  { weight: 3, arbitrary: fc.constantFrom(...officialPieces) },
  fc.tuple(fc.constantFrom('来源：', '發布時間：', '发布时间：', '文号：', '成文日期：', '信息来源：', '稿源：', '浏览次数：', '【字号：大 中 小】'), text).map(([label, value]) => `<span>${label}</span>${value}`),
  fc.constantFrom('<br>', '<br/>', '</br>', '<hr>', '<img src="x.png" alt="图">', '<input value="x">', '<p/>', '<wbr>'),
  fc.constantFrom('<!-- 注释 -->', '<!--', '-->', '<![CDATA[x<y]]>', '<!DOCTYPE html>', '<?xml version="1.0" encoding="gbk"?>', '<!doctype x>'),
  fc.constantFrom('&amp;', '&lt;', '&#x4e00;', '&#20013;', '&#0;', '&#xD800;', '&#99999999;', '&nbsp;', '&bogus;', '&', '&#', '&#x;', '&amp'),
  fc.constantFrom(...hostileChars),
  fc.tuple(fc.constantFrom('.pdf', '.docx', '.wps', '.ofd', '', '.html'), fc.constantFrom('/files/附件1', 'javascript:void(0)', 'data:text/html,x', '//evil.example/a', 'http://[::1', '%E0%A4%A', '../../up/x')).map(([ext, href]) => `<a href="${href}${ext}">附件${ext}</a>`),
  fc.constantFrom(
    '<script>var ct = "1581517074";</script>', '<script>{"publishTime": "2025-11-18 10:00:00"}</script>', '<script type="application/ld+json">{"datePublished":"2025-11-18T10:00:00+08:00"}</script>',
    '<script type="application/ld+json">{"@graph":[null,{"datePublished":7}]}</script>', '<script type="application/ld+json">[[[[[[]]]]]]</script>', '<script>createPageHTML(3, 0, "t20251118_123", "html");</script>',
    '<script>createPageHTML(999999, 0, "t20251118_123", "html");</script>', '<script>document.write("<div>")</script>', '<style>p{color:red}</style>', '<script>', '</script>',
    '<time datetime="2025-11-18T10:00:00+08:00">11月18日</time>', '<time pubdate>2025-11-18</time>', '<a href="t20251118_123_1.html">2</a>', '<a href="t20251118_123_5.html">下一页</a>',
  ),
);
const tree: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tagName, fc.array(attr, { maxLength: 2 }), fc.array(tie('node'), { maxLength: 6 }), fc.boolean()).map(([tag, attrs, children, closed]) => `<${tag}${attrs.map((a) => ` ${a}`).join('')}>${children.join('')}${closed ? `</${tag}>` : ''}`),
    // Markup nested past any real page's depth, some of it never closed.
    fc.tuple(fc.integer({ min: 1, max: 3 * MAX_DEPTH }), fc.constantFrom('div', 'span', 'p', 'li', 'td', 'a', 'h2', 'table'), tie('node'), fc.boolean()).map(([depth, tag, inner, closed]) => `<${tag}>`.repeat(depth) + inner + (closed ? `</${tag}>`.repeat(depth) : '')),
  ),
})).node;
const head = fc
  .tuple(
    fc.option(fc.constantFrom('<meta charset="utf-8">', '<meta charset="gbk">', '<meta charset=gb2312>', '<meta http-equiv="Content-Type" content="text/html; charset=GBK">', '<meta charset="big5">', '<meta charset="x-nonsense">')),
    fc.option(fc.tuple(text, fc.constantFrom('', '_国家数据局', ' - 中国政府网', '--时政--人民网', ' | 某某网', '_首页_某某市人民政府')).map(([t, s]) => `<title>${t}${s}</title>`)),
    fc.array(
      fc.tuple(fc.constantFrom('PubDate', 'ArticleTitle', 'ContentSource', 'FileNumber', 'SiteName', 'og:site_name', 'og:title', 'article:published_time', 'date', 'DC.date'), fc.oneof(text, fc.constantFrom(...officialPieces))).map(([name, content]) => `<meta ${name.includes(':') ? 'property' : 'name'}="${name}" content="${content.replace(/"/g, '&quot;')}">`),
      { maxLength: 4 },
    ),
  )
  .map(([charset, title, metas]) => `<head>${charset ?? ''}${title ?? ''}${metas.join('')}</head>`);
/** A page assembled from real pieces: a head, a headline, an info line, a 文号, a body, furniture. */
const page = fc
  .tuple(fc.constantFrom('', '<!DOCTYPE html>', '\ufeff'), head, fc.option(text.map((t) => `<h1>${t}</h1>`)), fc.array(tree, { maxLength: 8 }), fc.array(text.map((t) => `<p>${t}</p>`), { maxLength: 12 }))
  .map(([doctype, h, h1, blocks, paragraphs]) => `${doctype}<html>${h}<body>${h1 ?? ''}${blocks.slice(0, 3).join('')}<div class="content">${paragraphs.join('')}${blocks.slice(3).join('')}</div></body></html>`)
  .filter((html) => html.length <= MAX_PAGE);

const pages = realPages();
const realPage = fc.constantFrom(...pages.map((p) => p.html));
/** Real pages mutated: cut, ranges deleted, duplicated, swapped, tags and hostile text inserted. */
const mutatedPage = mutated(realPage, fc.oneof(leaf, tree, fc.constantFrom('<', '>', '</div>', '<div>', '</html>', '<body>', '"', "'", '</script>', '<script>', '<!--'))).filter((html) => html.length <= MAX_PAGE);
const fetchedAt = fc.option(fc.constantFrom('2025-11-18T08:00:00Z', '2025-11-18T08:00:00.000Z', 'not a date', '+099999-01-01T00:00:00.000Z', '1970-01-01T00:00:00Z'), { nil: undefined });
const site = fc.option(fc.record({ name: fc.oneof(text, fc.constant('国家数据局')), aliases: fc.array(text, { maxLength: 2 }) }), { nil: undefined });

/** Extracts within budget and checks the shape of what came out, and that the pager reader agrees to its rules. */
function checkPage(html: string, pageUrl: string, identity?: Parameters<typeof extractArticle>[2], at?: string): ExtractedArticle {
  const article = withinBudget(EXTRACT_MS, 'extractArticle', () => extractArticle(html, pageUrl, identity, at));
  assertArticleShape(article, html);
  assertContinuations(withinBudget(EXTRACT_MS, 'continuationPages', () => continuationPages(html, pageUrl)), pageUrl);
  return article;
}

describe('fuzz: the extractor', () => {
  it('reads any page assembled from real pieces without throwing, in shape and within budget', () => {
    fc.assert(fc.property(page, site, fetchedAt, (html, identity, at) => void checkPage(html, url, identity, at)), settings('extract random pages', 150));
  });

  it('reads mutations of real pages without throwing, in shape and within budget, the same each time', () => {
    fc.assert(
      fc.property(mutatedPage, site, fetchedAt, (html, identity, at) => {
        const article = checkPage(html, url, identity, at);
        // Pure: the same page gives the same result.
        assert.deepEqual(extractArticle(html, url, identity, at), article);
      }),
      settings('extract mutated real pages', 300),
    );
  });

  it('reads a page at any address, good or bad', () => {
    const address = fc.oneof(fc.webUrl(), fc.constantFrom('', 'not a url', 'http://[::1', 'javascript:alert(1)', 'https://x.gov.cn/a/t20251118_1_3.html', 'file:///etc/passwd'), fc.string({ maxLength: 40 }));
    fc.assert(fc.property(realPage, address, (html, pageUrl) => {
      const article = withinBudget(EXTRACT_MS, 'extractArticle', () => extractArticle(html, pageUrl));
      assertArticleShape(article, html);
      const continued = continuationPages(html, pageUrl);
      if (continued.length > 0) assertContinuations(continued, pageUrl);
    }), settings('extract at any address', 200));
  });
});

/** A response as a crawl keeps it: the page's bytes, in a charset, declared or not, possibly damaged. */
const response = fc
  .record({
    html: fc.oneof(realPage, mutatedPage, page),
    charset: fc.constantFrom('utf8', 'gb18030', 'gbk', 'big5'),
    header: fc.constantFrom(undefined, 'text/html', 'text/html; charset=utf-8', 'text/html; charset=GBK', 'text/html;charset="gb2312"', 'text/html; charset=big5', 'text/html; charset=nonsense', 'application/octet-stream', 'text/html; charset='),
    bom: fc.boolean(),
    damage: fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 4 }),
    cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
    date: fc.constantFrom(undefined, 'Tue, 18 Nov 2025 08:00:00 GMT', 'not a date', 'Thu, 01 Jan 99999 00:00:00 GMT', ''),
  })
  .map(({ html, charset, header, bom, damage, cut, date }) => {
    let body = Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), iconv.encode(html, charset)]);
    for (const { at, byte } of damage) if (body.length > 0) body[Math.floor(at * body.length) % body.length] = byte;
    if (cut !== null) body = body.subarray(0, Math.floor(cut * body.length));
    const headers: Record<string, string> = {};
    if (header !== undefined) headers['content-type'] = header;
    if (date !== undefined) headers.date = date;
    return { url, status: 200, headers, body, fetchedAt: '2025-11-18T08:00:00.000Z' } satisfies FetchedResponse;
  });

describe('fuzz: a response to an article (bytes, charsets, headers)', () => {
  it('reads any response without throwing: an article with a body and a real date, or a reason', () => {
    fc.assert(
      fc.property(response, (fetched) => {
        const result = withinBudget(EXTRACT_MS, 'articleOfResponse', () => articleOfResponse(fetched));
        if ('reason' in result) return assert.ok(result.reason.length > 0);
        assert.equal(result.article.kind, 'article');
        assert.ok(result.article.publishedAt !== null && validDateTime(result.article.publishedAt), String(result.article.publishedAt));
      }),
      settings('articleOfResponse', 300),
    );
  });

  it('reads a page in GBK (GB18030) as its UTF-8 copy, declared by header, by <meta> or not at all', () => {
    const declared = fc.constantFrom('header', 'meta', 'none');
    fc.assert(
      fc.property(fc.oneof(realPage, mutatedPage), declared, (html, how) => {
        // The superset encodes every character; enough Chinese text that its bytes are never valid UTF-8 by chance.
        fc.pre(!/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(html) && (html.match(/[\u4e00-\u9fff]/g)?.length ?? 0) >= 20);
        // The page's own declaration (a Japanese page's EUC-JP) is taken out: this declaration, or none, is the page's.
        const own = html.replace(/<meta[^>]*charset[^>]*>|<\?xml[^>]*>/gi, '');
        const page = how === 'meta' ? `<meta charset="gbk">${own}` : own;
        const headers: Record<string, string> = how === 'header' ? { 'content-type': 'text/html; charset=GBK' } : {};
        const asResponse = (body: Buffer) => ({ url, status: 200, headers, body, fetchedAt: '2025-11-18T08:00:00.000Z' });
        assert.deepEqual(articleOfResponse(asResponse(iconv.encode(page, 'gb18030'))), articleOfResponse(asResponse(Buffer.from(page, 'utf8'))));
      }),
      settings('gbk as utf-8', 150),
    );
  });
});

describe('fuzz: no extraction step grows faster than the page (wide, deep and repeated markup)', () => {
  const article = (inner: string) => `<html><head><title>关于印发某某方案的通知_国家数据局</title></head><body><h1>关于印发某某方案的通知</h1>${inner}</body></html>`;
  const prose = '国家数据局表示，将加快推进数据要素市场化配置改革，支持各地开展试点。';
  // Each built to about n characters from one repeated unit, as a page's template gone wrong repeats one.
  const shapes: [string, (n: number) => string][] = [
    ['<div> nested, never closed', (n) => article('<div>'.repeat(n / 5) + prose)],
    ['<div> nested and closed', (n) => article(`${'<div>'.repeat(n / 11)}${prose}${'</div>'.repeat(n / 11)}`)],
    ['<p><span> nested (each <p> inside the last <span>)', (n) => article('<p><span>x'.repeat(n / 10))],
    ['<ul><li> nested', (n) => article('<ul><li>文字'.repeat(n / 10))],
    ['<table><tr><td> nested', (n) => article('<table><tr><td>'.repeat(n / 15) + prose)],
    ['<h1><h2> nested (headings closed as browsers do)', (n) => article('<h1><h2>'.repeat(n / 8) + prose)],
    ['<a><a> nested (links closed as browsers do)', (n) => article('<a href="x"><a href="y">'.repeat(n / 24) + prose)],
    ['</span> closing nothing, deep', (n) => article(`${'<div>'.repeat(MAX_DEPTH * 2)}${'</span>'.repeat(n / 7)}${prose}`)],
    ['thousands of <p> in one <div>', (n) => article(`<div>${`<p>${prose}</p>`.repeat(n / prose.length)}</div>`)],
    ['thousands of unclosed <p> in <body>', (n) => article(`<p>${prose}`.repeat(n / prose.length))],
    ['thousands of sibling sections of one class', (n) => article(`<div id="w">${`<div class="c"><p>${prose}</p></div>`.repeat(n / 60)}</div>`)],
    ['a comments heading before thousands of siblings', (n) => article(`<div><p>${prose.repeat(3)}</p><h3>网友评论</h3>${'<p>评论</p>'.repeat(n / 12)}</div>`)],
    ['thousands of furniture blocks holding an <h1>', (n) => article(`<div>${'<div class="share"><h1>分享</h1></div>'.repeat(n / 40)}<p>${prose.repeat(3)}</p></div>`)],
    ['thousands of headings in one <div>', (n) => article(`<div>${'<h3 class="title">某某市召开会议部署工作</h3>'.repeat(n / 40)}</div>`)],
    ['thousands of source labels', (n) => article(`<div>${'<span>来源：</span>'.repeat(n / 16)}</div>`)],
    ['thousands of dated teasers', (n) => article(`<ul>${'<li>2025-01-01 标题</li>'.repeat(n / 22)}</ul><p>${prose}</p>`)],
    ['thousands of attachments', (n) => article(`<div>${'<a href="/f/a.pdf">附件.pdf</a>'.repeat(n / 28)}</div><p>${prose}</p>`)],
    ['thousands of ruby glosses in one paragraph', (n) => article(`<p>${'国<rt>guó</rt>'.repeat(n / 14)}</p>`)],
    ['an attribute of n characters', (n) => article(`<div class="${'x'.repeat(n)}"><p>${prose}</p></div>`)],
    ['a text of n spaces', (n) => article(`<div id="zoom"><p>${prose}${' '.repeat(n)}x</p></div>`)],
    ['a text of n line breaks', (n) => article(`<div id="zoom"><p>${prose}${'\n'.repeat(n)}x</p></div>`)],
    ['entity soup', (n) => article(`<p>${'&amp;&#x4e00;&#0;&bogus;&nbsp;'.repeat(n / 30)}</p>`)],
    ['an unclosed comment', (n) => article(`<p>${prose}</p><!--${'-'.repeat(n)}`)],
    ['unclosed comment openers', (n) => article(`<p>${prose}</p>${'<!--'.repeat(n / 4)}`)],
    ['an unclosed script', (n) => article(`<p>${prose}</p><script>${'<div>'.repeat(n / 5)}`)],
    ['an unclosed attribute quote', (n) => article(`<p>${prose}</p><div class="${'<p>'.repeat(n / 3)}`)],
    ['a pager naming its own pages over and over', (n) => article(`${prose}${'<a href="t20251118_123_2.html">2</a>'.repeat(n / 40)}`)],
    ['a pager inside <div>s nested, never closed', (n) => article(`${'<div>'.repeat(n / 5)}${prose}<a href="t20251118_123_2.html">2</a>`)],
    ['info lines glued together', (n) => article(`<div>${'来源：国家数据局发布时间：2025-11-18浏览次数：'.repeat(n / 30)}</div>`)],
  ];
  for (const [name, make] of shapes) {
    it(name, () => {
      // 12 and 96 KB; the page of 96 KB within the budget of a page.
      assertLinear(`extractArticle, ${name}`, (html) => extractArticle(html, url), make, 12_000, 8, 5, EXTRACT_MS);
      assertLinear(`continuationPages, ${name}`, (html) => continuationPages(html, url), make, 12_000, 8, 5, EXTRACT_MS);
    });
  }
});

describe('fuzz: found by fuzzing (regressions)', () => {
  it('parses markup nested 100 000 deep in linear time, no element deeper than MAX_DEPTH, the text kept', () => {
    const deep = `<body><div>${'<div>'.repeat(100_000)}深层正文${'</div>'.repeat(100_000)}</div><p>其后</p></body>`;
    const $ = load(parseHtml(deep));
    let depth = 0;
    for (const element of $('*').toArray()) depth = Math.max(depth, $(element).parents().length);
    assert.ok(depth <= MAX_DEPTH + 1, `depth ${depth}`);
    assert.equal($('body').text(), '深层正文其后');
    // The end tags of the dropped elements go with them: <p>其后</p> stands where the page put it, after the outer div.
    assert.equal($('p').parent().get(0)?.tagName, 'body');
  });

  it('drops a run of start tags past MAX_DEPTH as one break, and keeps texts between dropped tags apart', () => {
    // 19 000 unclosed <div>s became 19 000 <br>s at MAX_DEPTH, and every later query walked their 200
    // ancestors each: 170 ms for a 96 KB page (the shape "<div> nested, never closed" above).
    const run = load(parseHtml(`<body>${'<div>\n'.repeat(MAX_DEPTH + 5_000)}正文</body>`));
    assert.equal(run('br').length, 1);
    assert.equal(run('body').text().trim(), '正文');
    const apart = load(parseHtml(`<body>${'<div>'.repeat(MAX_DEPTH)}<div>第一段<div>第二段</body>`));
    assert.equal(apart('br').length, 2);
    assert.deepEqual(apart('br').toArray().map((br) => (br.next?.type === 'text' ? br.next.data : '')), ['第一段', '第二段']);
  });

  it('repairs headings in headings and links in links in one pass, the tree\'s links kept consistent', () => {
    // The repair moved nodes one at a time, each move a pass over the parent's children: 20 000 <h1><h2>
    // in one <body> took seconds. Now each parent is rebuilt once; what must still hold of the tree:
    const tags = ['h1', 'h2', 'h3', 'a', 'div', 'span', 'p', 'rt', 'rp', 'ruby', 'template', 'li'];
    const markup: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.constantFrom('x', '文'), fc.tuple(fc.constantFrom(...tags), fc.array(tie('node'), { maxLength: 5 }), fc.boolean()).map(([t, kids, closed]) => `<${t}>${kids.join('')}${closed ? `</${t}>` : ''}`)),
    })).node;
    const heading = /^h[1-6]$/;
    fc.assert(
      fc.property(fc.array(markup, { maxLength: 6 }).map((p) => p.join('')), (html) => {
        const document = parseHtml(html);
        const links = html.includes('<a>');
        const text: string[] = [];
        const stack: AnyNode[] = [document];
        while (stack.length > 0) {
          const node = stack.pop()!;
          if (node.type === 'text') text.push(node.data);
          if (!('children' in node)) continue;
          node.children.forEach((child, i) => {
            assert.ok(child.parent === node && child.prev === (node.children[i - 1] ?? null) && child.next === (node.children[i + 1] ?? null), 'parent and sibling links');
            if (isTag(node) && isTag(child)) {
              // Headings are repaired first, then links: a link's repair may set a heading it held beside
              // a heading (<h1><a><a></a><h1>), as the repairs did before they were made linear.
              assert.ok(!(heading.test(node.name) && heading.test(child.name)) || links, 'a heading directly in a heading');
              assert.ok(!(node.name === 'a' && child.name === 'a'), 'a link directly in a link');
            }
          });
          for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
        }
        // Without glosses and templates, whose content goes, no text is lost and the page's order of text is kept.
        if (!/<(rt|rp|template)>/.test(html)) assert.equal(text.join(''), load(`<body>${html}</body>`)('body').text());
      }),
      settings('parseHtml repairs', 500),
    );
  });

  it('reads a page whose tag names are no selectors (<A[<div class=…>): sections of a kind are compared by name, not queried', () => {
    // htmlparser2 reads <A[<div class="content"> as an element named a[<div: the best block, whose kind was
    // then asked for as a selector, and css-select threw (Attribute selector didn't terminate).
    const prose = '<p>国家数据局表示，将加快推进数据要素市场化配置改革，支持各地开展试点，并做好评估工作。</p>';
    for (const tag of ['A[<div', 'a]', 'div,p', 'o:p', 'p"']) {
      const page = `<html><head><title>数据要素试点</title></head><body><span>来源：</span><${tag} class="content">${prose.repeat(3)}</div></body></html>`;
      assert.equal(extractArticle(page, url).paragraphs.length, 3, tag);
    }
  });

  it('reads the pager of a page holding lone surrogate halves, which parse5 threw on (Invalid code point)', () => {
    const page = '<html><body><div class="content"><p>\udfff\udfff</p><a href="t20251118_123_5.html">下一页</a></div></body></html>';
    assert.deepEqual(continuationPages(page, url), [url.replace('.html', '_5.html')]);
  });

  it('dates a page labelled 3小时前 by a Date header of a plausible year only, not +099999-01-01T…', () => {
    const page = '<html><head><title>数据要素试点启动</title></head><body><h1>数据要素试点启动</h1><div>发布时间：3小时前</div></body></html>';
    assert.equal(extractArticle(page, 'https://a.gov.cn/a.html', undefined, '+099999-01-01T00:00:00.000Z').publishedAt, null);
    assert.equal(extractArticle(page, 'https://a.gov.cn/a.html', undefined, '2025-11-18T08:00:00.000Z').publishedAt, '2025-11-18T13:00:00+08:00');
  });

  it('finds with findIn what cheerio\'s .find finds, in the same order, for the extractor\'s selectors', () => {
    const tags = ['div', 'p', 'span', 'h1', 'h2', 'td', 'table', 'tr', 'ul', 'li', 'small', 'button', 'form', 'script', 'header', 'a'];
    const classes = ['', 'title', 'kicker', 'TRS_Editor', 'bt', 'x,y'];
    const markup: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.constant('文字'), fc.tuple(fc.constantFrom(...tags), fc.constantFrom(...classes), fc.array(tie('node'), { maxLength: 4 })).map(([t, c, kids]) => `<${t}${c ? ` class="${c}"` : ''}${t === 'td' ? ' style="font-weight:bold"' : ''}>${kids.join('')}</${t}>`)),
    })).node;
    const selectors = ['p', 'h1', 'h1, h2, h3', 'script, style', 'p, div, ul, table', '[class*="kicker"], small, button', 'h1, h2, h3, [class*="title"], [class~="tit"], [class~="bt"], td[style*="bold"], div[style*="bold"]', '[class="x,y"], li'];
    fc.assert(
      fc.property(markup, fc.constantFrom(...selectors), (html, selector) => {
        const $ = load(parseHtml(`<body>${html}</body>`));
        for (const element of $('*').toArray()) assert.deepEqual(findIn($, [element], selector).toArray(), $(element).find(selector).toArray());
      }),
      settings('findIn', 300),
    );
  });
});
