import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { dateFromUrl, extractPublishedAt, parseChineseDateTime } from '../src/extract/date.ts';

/** extractPublishedAt of a page made of a head and a body. */
function publishedAt(head: string, body: string, url = 'https://www.example.gov.cn/a.html', headline = '', lang = 'zh-CN'): string | null {
  return extractPublishedAt(cheerio.load(`<html lang="${lang}"><head><title>t</title>${head}</head><body>${body}</body></html>`), url, headline);
}

describe('parseChineseDateTime', () => {
  it('reads the Chinese spellings of a day and a time as Shanghai wall-clock time (+08:00)', () => {
    const cases: [string, string | null][] = [
      ['2026年6月18日', '2026-06-18T00:00:00+08:00'],
      ['2026 年 06 月 08 日 09:05', '2026-06-08T09:05:00+08:00'],
      ['2026年6月18日 10时30分', '2026-06-18T10:30:00+08:00'],
      ['2026年6月18日10时30分15秒', '2026-06-18T10:30:15+08:00'],
      ['2026年6月18日 9：05：07', '2026-06-18T09:05:07+08:00'],
      ['发布时间：2026-6-8 23:59:59 来源：国家数据局', '2026-06-08T23:59:59+08:00'],
      ['2026/06/18', '2026-06-18T00:00:00+08:00'],
      ['2026.06.18', '2026-06-18T00:00:00+08:00'],
      ['1999-12-31', '1999-12-31T00:00:00+08:00'],
      ['2026年2月29日', null],
      ['2028年2月29日', '2028-02-29T00:00:00+08:00'],
      ['2026年6月31日', null],
      ['2026-06-18 24:00', null],
      ['2026-06-18 23:60', null],
      ['2026-06-18 23:59:60', null],
      ['1899-06-18', null],
      ['2100-06-18', null],
      ['没有日期的文字', null],
      ['', null],
    ];
    for (const [text, iso] of cases) assert.equal(parseChineseDateTime(text), iso, text);
  });

  it('reads full-width digits and marks as a Chinese input method types them', () => {
    assert.equal(parseChineseDateTime('２０２６年６月１８日'), '2026-06-18T00:00:00+08:00');
    assert.equal(parseChineseDateTime('２０２６－０６－１８　１０：３０：０５'), '2026-06-18T10:30:05+08:00');
    assert.equal(parseChineseDateTime('２０２６／６／８'), '2026-06-08T00:00:00+08:00');
    assert.equal(parseChineseDateTime('２０２６．０６．１８'), '2026-06-18T00:00:00+08:00');
  });

  it('reads a date in Chinese numerals, as a document is signed', () => {
    assert.equal(parseChineseDateTime('二〇二六年六月十八日'), '2026-06-18T00:00:00+08:00');
    assert.equal(parseChineseDateTime('国务院办公厅 二○二五年十二月三十一日'), '2025-12-31T00:00:00+08:00');
    assert.equal(parseChineseDateTime('二零二四年十月一日'), '2024-10-01T00:00:00+08:00');
    assert.equal(parseChineseDateTime('二〇二六年 二月 二十 日'), '2026-02-20T00:00:00+08:00');
    assert.equal(parseChineseDateTime('二〇二六年二月三十日'), null);
    // Arabic digits come first when a text has both.
    assert.equal(parseChineseDateTime('二〇二六年六月十八日（2026年6月20日发布）'), '2026-06-20T00:00:00+08:00');
  });

  it('keeps a zone the text gives, with a T or a space, and never reads a meeting\'s hours as one', () => {
    const cases: [string, string | null][] = [
      ['2026-06-18T10:00:00+08:00', '2026-06-18T10:00:00+08:00'],
      ['2026-06-18T10:00:00+0800', '2026-06-18T10:00:00+08:00'],
      ['2026-06-18T10:00+08:00', '2026-06-18T10:00:00+08:00'],
      ['2026-06-18T10:00:00.123+08:00', '2026-06-18T10:00:00+08:00'],
      ['2026-06-18T01:00:00Z', '2026-06-18T01:00:00+00:00'],
      ['2026-06-18T09:30-05:00', '2026-06-18T09:30:00-05:00'],
      ['2026-06-18 02:00:00 +00:00', '2026-06-18T02:00:00+00:00'],
      ['2026-06-18 02:00:00Z', '2026-06-18T02:00:00+00:00'],
      ['2026-06-18 10:00:00 +0800', '2026-06-18T10:00:00+08:00'],
      [' 2026-06-18T10:00:00+08:00 ', '2026-06-18T10:00:00+08:00'],
      ['会议时间：2026-06-18 09:30-12:00', '2026-06-18T09:30:00+08:00'],
      ['2026-06-18 09:30:00-12:00:00', '2026-06-18T09:30:00+08:00'],
      ['2026-02-30T10:00:00+08:00', null],
      ['2026-06-18T24:00:00Z', '2026-06-18T00:00:00+08:00'],
    ];
    for (const [text, iso] of cases) assert.equal(parseChineseDateTime(text), iso, text);
  });

  it('reads RSS dates (RFC 822) as the instant they name, in Shanghai time', () => {
    assert.equal(parseChineseDateTime('Thu, 18 Jun 2026 02:00:00 GMT'), '2026-06-18T10:00:00+08:00');
    assert.equal(parseChineseDateTime('Wed, 17 Jun 2026 20:00:00 -0400'), '2026-06-18T08:00:00+08:00');
    assert.equal(parseChineseDateTime('18 Jun 2026 10:00 +0800'), '2026-06-18T10:00:00+08:00');
    assert.equal(parseChineseDateTime(' Thu, 18 Jun 2026 10:00:00 UT '), '2026-06-18T18:00:00+08:00');
    // CST on a Chinese feed is China Standard Time, not US Central.
    assert.equal(parseChineseDateTime('Thu, 18 Jun 2026 10:00:00 CST'), '2026-06-18T10:00:00+08:00');
    assert.equal(parseChineseDateTime('Thu, 18 Jun 2026 10:00:00 CST '), '2026-06-18T10:00:00+08:00');
  });
});

describe('dateFromUrl', () => {
  it('reads the day government CMSs and news sites write in addresses', () => {
    const cases: [string, string | null][] = [
      ['https://jxj.beijing.gov.cn/zwgk/202606/t20260618_4201187.html', '2026-06-18T00:00:00+08:00'],
      ['https://www.miit.gov.cn/xwdt/art/2026/art_20260618123.html', '2026-06-18T00:00:00+08:00'],
      ['https://www.example.cn/20260618/a.html', '2026-06-18T00:00:00+08:00'],
      ['https://www.example.cn/news_20260618.html', '2026-06-18T00:00:00+08:00'],
      ['https://www.example.cn/202606/18/c_1.htm', '2026-06-18T00:00:00+08:00'],
      ['http://www.he.xinhuanet.com/news/2012-06/04/content_25340717.htm', '2012-06-04T00:00:00+08:00'],
      ['http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html', '2019-06-15T00:00:00+08:00'],
      ['https://www.limespace.de/2019/10/22/professionell-entloeten/', '2019-10-22T00:00:00+08:00'],
      ['https://blog.example.com/2019-10-22/post/', '2019-10-22T00:00:00+08:00'],
      ['https://web.archive.org/web/20140226054445/http://www.time4talks.com/2013/08/07/kinos/', '2013-08-07T00:00:00+08:00'],
      ['https://web.archive.org/web/20120611024252/http://example.com/about.html', null],
      ['https://example.gov.cn/about.html', null],
      // Not a day: a 13th month, a 32nd day, a month or day 00, and an ID of more digits after a year.
      ['https://www.example.cn/t20261318_1.html', null],
      ['https://www.example.cn/t20260632_1.html', null],
      ['https://www.example.cn/t20260018_1.html', null],
      ['https://www.example.cn/t20260600_1.html', null],
      ['https://www.example.cn/2026-13/18/a.htm', null],
      ['https://www.example.cn/2019/1315/a.htm', null],
      ['https://www.example.cn/2019/10/32/a/', null],
      ['https://www.example.cn/t20260231_1.html', null],
      // A pattern that finds no day lets the next one try: an ID first, the day after it.
      ['https://www.example.cn/t20261399_1/2026/06/18/a/', '2026-06-18T00:00:00+08:00'],
    ];
    for (const [url, iso] of cases) assert.equal(dateFromUrl(url), iso, url);
  });
});

describe('extractPublishedAt', () => {
  it('takes a meta tag with its own zone at its word, the most specific tag first', () => {
    assert.equal(publishedAt('<meta name="PubDate" content="2026-06-18 09:30"><meta name="date" content="2026-06-01">', '<h1>标题</h1><p>2026-05-05</p>'), '2026-06-18T09:30:00+08:00');
    assert.equal(publishedAt('<meta property="article:published_time" content="2026-06-18T09:30:00+08:00">', '<h1>标题</h1><p>2026-05-05</p>'), '2026-06-18T09:30:00+08:00');
    assert.equal(publishedAt('<meta name="firstpublishedtime" content="２０２６－０６－１８　０９：３０">', '<p>x</p>'), '2026-06-18T09:30:00+08:00');
    assert.equal(publishedAt('<meta name="PubDate" content="不详"><meta name="publishdate" content="2026-06-17">', '<p>x</p>'), '2026-06-17T00:00:00+08:00');
    assert.equal(publishedAt('', '<span property="schema:dateCreated" content="2026-06-18T10:00:00+08:00"></span><p>2026-05-05</p>'), '2026-06-18T10:00:00+08:00');
    assert.equal(publishedAt('', '<div itemprop="datePublished" content="2026-06-18T10:00:00+08:00"></div><p>2026-05-05</p>'), '2026-06-18T10:00:00+08:00');
  });

  it('takes the day printed near the headline over a UTC timestamp one day off, as readers in China saw it', () => {
    const head = '<meta property="article:published_time" content="2026-06-17T16:30:00Z">';
    assert.equal(publishedAt(head, '<h1>关于数据要素的通知</h1><div>2026年6月18日</div>'), '2026-06-18T00:00:00+08:00');
    assert.equal(publishedAt('<meta property="article:published_time" content="2026-06-17T16:30:00+00:00">', '<h1>关于数据要素的通知</h1><div>2026年6月18日</div>'), '2026-06-18T00:00:00+08:00');
    // The same day, or days apart: the timestamp stands.
    assert.equal(publishedAt(head, '<h1>关于数据要素的通知</h1><div>2026年6月17日</div>'), '2026-06-17T16:30:00+00:00');
    assert.equal(publishedAt(head, '<h1>关于数据要素的通知</h1><div>2026年6月19日</div>'), '2026-06-17T16:30:00+00:00');
    assert.equal(publishedAt(head, '<h1>关于数据要素的通知</h1><div>无日期</div>'), '2026-06-17T16:30:00+00:00');
  });

  it('takes a vague meta date (date, DC.date) only when the page prints none near its headline', () => {
    assert.equal(publishedAt('<meta name="date" content="2026-06-01">', '<h1>通知</h1><div>2026-06-18 10:00</div>'), '2026-06-18T10:00:00+08:00');
    assert.equal(publishedAt('<meta name="DC.date" content="2026-06-01">', '<h1>通知</h1><div>无</div>'), '2026-06-01T00:00:00+08:00');
    assert.equal(publishedAt('<meta name="dcterms.date" content="2026-06-01">', '<p>没有标题的页面</p>'), '2026-06-01T00:00:00+08:00');
  });

  it('reads JSON-LD at the top level or in an @graph, skipping broken scripts', () => {
    const ld = (json: string) => `<script type="application/ld+json">${json}</script>`;
    assert.equal(publishedAt(ld('{broken') + ld('{"@graph":[{"@type":"WebPage"},{"datePublished":"2026-06-18T08:00:00+08:00"}]}'), '<p>2026-05-05</p>'), '2026-06-18T08:00:00+08:00');
    assert.equal(publishedAt(ld('[{"datePublished":17}, {"datePublished":"2026-06-18 08:00"}]'), '<p>2026-05-05</p>'), '2026-06-18T08:00:00+08:00');
    assert.equal(publishedAt(ld('null'), '<time itemprop="datePublished" datetime="2026-06-18T07:00:00+08:00">昨天</time>'), '2026-06-18T07:00:00+08:00');
    assert.equal(publishedAt('', '<time pubdate>2026年6月18日 07:00</time>'), '2026-06-18T07:00:00+08:00');
  });

  it('reads a labelled date: the publication\'s own before a bare 日期, and that before the day it was signed', () => {
    assert.equal(publishedAt('', '<p>成文日期：2026-06-10</p><p>日期：2026-06-12</p><p>发布时间：2026-06-18</p>'), '2026-06-18T00:00:00+08:00');
    assert.equal(publishedAt('', '<p>成文日期：2026-06-10</p><p>日期：2026-06-12</p>'), '2026-06-12T00:00:00+08:00');
    assert.equal(publishedAt('', '<p>成文日期：二〇二六年六月十日</p>'), '2026-06-10T00:00:00+08:00');
    assert.equal(publishedAt('', '<p>发布时间：２０２６年６月１８日</p>'), '2026-06-18T00:00:00+08:00');
    assert.equal(publishedAt('', '<p>会议时间：2026-06-10</p><p>发布日期：不详</p>', 'https://x.cn/a.html'), '2026-06-10T00:00:00+08:00');
    assert.equal(publishedAt('', '<p>Published on 18 June 2026</p>', 'https://x.com/a.html', '', 'en'), '2026-06-18T00:00:00+08:00');
  });

  it('adds the time printed under the headline to the day the URL gives; a different day printed does not move it', () => {
    const body = '<h1>全国CPI同比上涨</h1><div>2024-05-11 09:36 来源：财经</div><p>正文。</p>';
    assert.equal(publishedAt('', body, 'https://economy.caijing.com.cn/20240511/5010608.shtml'), '2024-05-11T09:36:00+08:00');
    assert.equal(publishedAt('', body, 'https://economy.caijing.com.cn/20240512/5010608.shtml'), '2024-05-12T00:00:00+08:00');
    assert.equal(publishedAt('', body, 'https://economy.caijing.com.cn/a/5010608.shtml'), '2024-05-11T09:36:00+08:00');
  });

  it('takes the date closest to the headline, above or below, and finds the headline by the extracted title', () => {
    const body = (above: string, below: string) => `<div>今天是2026年11月26日</div>${'<p>栏目</p>'.repeat(3)}${above}<h1>标题</h1><div class="sub">关于数据的通知</div><p>来源：国家数据局</p>${below}<p>${'正文'.repeat(50)}</p><aside>2020-01-01</aside>`;
    assert.equal(publishedAt('', body('<span>2026-06-17</span>', '<span>2026-06-18</span>')), '2026-06-17T00:00:00+08:00');
    assert.equal(publishedAt('', body('<span>2026-06-17</span>', '<span>2026-06-18</span>'), undefined, '关于数据的通知'), '2026-06-18T00:00:00+08:00');
    assert.equal(publishedAt('', body('', '<span>２０２６年６月１８日</span>')), '2026-06-18T00:00:00+08:00');
    // A headline the page does not print falls back to the <h1>.
    assert.equal(publishedAt('', body('<span>2026-06-17</span>', ''), undefined, '别处的标题'), '2026-06-17T00:00:00+08:00');
  });

  it('falls back to a <time>, the head of the page, written dates, script state and a wiki\'s last edit, in that order', () => {
    assert.equal(publishedAt('', '<p>x</p><article><time datetime="2026-06-18T10:00:00+08:00">x</time></article>'), '2026-06-18T10:00:00+08:00');
    assert.equal(publishedAt('', '<p>x</p><time>2026-06-18 10:00</time>'), '2026-06-18T10:00:00+08:00');
    assert.equal(publishedAt('', '<p>更新于 2026-06-18</p>'), '2026-06-18T00:00:00+08:00');
    assert.equal(publishedAt('', '<p>Stand 18. Juni 2026</p>', 'https://x.de/a', '', 'de'), '2026-06-18T00:00:00+08:00');
    assert.equal(publishedAt('', '<p>Posted June 18, 2026</p>', 'https://x.com/a', '', 'en'), '2026-06-18T00:00:00+08:00');
    assert.equal(publishedAt('', '<p>06/18/2026</p>', 'https://x.com/a', '', 'en'), '2026-06-18T00:00:00+08:00');
    assert.equal(publishedAt('', '<p>x</p><script>var s = {"publish_time": "2026-06-18 10:00:00"};</script>'), '2026-06-18T10:00:00+08:00');
    assert.equal(publishedAt('', '<p>昨天</p><script src="a.js"></script><script>var ct = "1781748000";</script>'), '2026-06-18T10:00:00+08:00');
    assert.equal(publishedAt('', '<p>x</p><script>{"create_time":1781748000}</script>'), '2026-06-18T10:00:00+08:00');
    assert.equal(publishedAt('', `<p>${'文字'.repeat(1600)}</p><p>此页面最后编辑于2026年6月18日</p>`), '2026-06-18T00:00:00+08:00');
    assert.equal(publishedAt('', '<p>没有日期</p>'), null);
  });
});

describe('extractPublishedAt, rule by rule', () => {
  // A gov.cn-style page: the headline, then a line with the source and a date one day before the one
  // the metadata gives (the day the document was signed, say).
  const govBody = '<h1>国务院办公厅关于加快公共数据资源开发利用的意见</h1><div class="pages-date">来源：新华社 2024-09-03</div><p>正文。</p>';
  const govUrl = 'https://www.gov.cn/zhengce/content/202409/content_6972301.htm';

  it('reads every meta name that carries a publication time, and takes it at its word over the page', () => {
    const specific = [
      'PubDate', 'pubdate', 'publishdate', 'PublishDate', 'firstpublishedtime', 'Maketime', 'article:published_time', 'og:published_time',
      'og:article:published_time', 'datePublished', 'DC.date.issued', 'dcterms.created', 'citation_publication_date', 'publication_date',
      'parsely-pub-date', 'sailthru.date', 'og:release_date', 'release_date', 'schema:datePublished', 'schema:dateCreated', 'dateCreated',
    ];
    for (const name of specific) {
      const attribute = name.includes(':') ? 'property' : 'name';
      assert.equal(publishedAt(`<meta ${attribute}="${name}" content="2024-09-04 10:00">`, govBody, govUrl), '2024-09-04T10:00:00+08:00', name);
    }
    // Names are matched as written: a lower-case pubdate is its own entry, not PubDate's.
    assert.equal(publishedAt('<meta name="pubdate" content="2024-09-04 10:00">', '<p>正文</p>', 'https://www.example.gov.cn/t20240901_1.html'), '2024-09-04T10:00:00+08:00');
  });

  it('reads the vague meta names (date, DC.date, dcterms.date), but a date printed under the headline outranks them', () => {
    for (const name of ['date', 'DC.date', 'dcterms.date']) {
      assert.equal(publishedAt(`<meta name="${name}" content="2024-09-10">`, govBody, govUrl), '2024-09-03T00:00:00+08:00', name);
      assert.equal(publishedAt(`<meta name="${name}" content="2024-09-10">`, '<p>正文</p>'), '2024-09-10T00:00:00+08:00', name);
    }
  });

  it('takes JSON-LD datePublished and <time pubdate> as the publisher\'s own, over the page and the URL', () => {
    const ld = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-09-04T10:00:00+08:00"}</script>';
    assert.equal(publishedAt(ld, govBody, govUrl), '2024-09-04T10:00:00+08:00');
    assert.equal(publishedAt('', '<p>正文</p><time pubdate datetime="2024-09-04T10:00:00+08:00">9月4日</time>', 'https://www.example.gov.cn/t20240901_1.html'), '2024-09-04T10:00:00+08:00');
  });

  it('takes the URL\'s day when the page prints none', () => {
    assert.equal(publishedAt('', '<p>正文</p>', 'https://www.example.gov.cn/zwgk/202409/t20240904_123.html'), '2024-09-04T00:00:00+08:00');
    assert.equal(publishedAt('', '<h1>标题</h1><p>正文</p>', 'http://www.news.cn/politics/2024-09/04/c_1.htm'), '2024-09-04T00:00:00+08:00');
    assert.equal(publishedAt('', '<h1>标题</h1><p>正文</p>', 'https://www.example.cn/202409/04/c_1.htm'), '2024-09-04T00:00:00+08:00');
  });

  it('reads every spelling of a date label, before the day in the URL', () => {
    const url = 'https://www.example.gov.cn/zwgk/202409/t20240901_1.html';
    const cases: [string, string, string][] = [
      ['<p>发布时间：2024-09-04 10:00</p>', 'zh-CN', '2024-09-04T10:00:00+08:00'],
      ['<p>发布时间 ：2024-09-04 10:00</p>', 'zh-CN', '2024-09-04T10:00:00+08:00'],
      ['<p>发布于2024-09-04 10:00</p>', 'zh-CN', '2024-09-04T10:00:00+08:00'],
      ['<p>发布于 2024-09-04 10:00</p>', 'zh-CN', '2024-09-04T10:00:00+08:00'],
      ['<p>发表于：2024年9月4日</p>', 'zh-CN', '2024-09-04T00:00:00+08:00'],
      ['<p>来源：国家统计局 日期：2024年9月4日</p>', 'zh-CN', '2024-09-04T00:00:00+08:00'],
      ['<p>来源：国家统计局 时间 ：2024年9月4日</p>', 'zh-CN', '2024-09-04T00:00:00+08:00'],
      ['<p>成文日期：2024-09-04</p>', 'zh-CN', '2024-09-04T00:00:00+08:00'],
      ['<p>成文日期 ：2024年9月4日</p>', 'zh-CN', '2024-09-04T00:00:00+08:00'],
      ['<p>印发日期：二〇二四年九月四日</p>', 'zh-CN', '2024-09-04T00:00:00+08:00'],
      ['<p>Published: September 4, 2024</p>', 'en', '2024-09-04T00:00:00+08:00'],
      ['<p>Posted by admin on September 4, 2024</p>', 'en', '2024-09-04T00:00:00+08:00'],
      ['<p>Veröffentlicht am 04.09.2024</p>', 'de', '2024-09-04T00:00:00+08:00'],
      ['<p>Erschienen am:04.09.2024</p>', 'de', '2024-09-04T00:00:00+08:00'],
      ['<p>Verfasst von Redaktion am 4. September 2024</p>', 'de', '2024-09-04T00:00:00+08:00'],
      ['<p>Publié le 4 septembre 2024</p>', 'fr', '2024-09-04T00:00:00+08:00'],
      ['<p>Publicado el 4 de septiembre de 2024</p>', 'es', '2024-09-04T00:00:00+08:00'],
    ];
    for (const [body, lang, iso] of cases) assert.equal(publishedAt('', body, url, '', lang), iso, body);
  });

  it('looks for the date only near the headline: not in it, nor in a header farther than 300 characters above', () => {
    assert.equal(publishedAt('', '<h1>关于2024年10月1日起施行新规的通知</h1><p>发文机关：国务院</p><p>2024-09-04</p>'), '2024-09-04T00:00:00+08:00');
    const header = `<div>今天是2024年9月10日 星期二</div><nav>${'<a>栏目导航</a>'.repeat(64)}</nav>`;
    assert.equal(publishedAt('', `${header}<h1>通知</h1><p>${'摘要'.repeat(300)}</p><p>2024-09-04</p>`), '2024-09-04T00:00:00+08:00');
    // Up to 1500 characters below: a short document's signing date, at its foot, outranks a sidebar's <time>.
    const document = `<h1>国务院办公厅关于加快公共数据资源开发利用的意见</h1><p>${'各省、自治区、直辖市人民政府。'.repeat(97)}</p><p>2024年9月4日</p>`;
    assert.equal(publishedAt('', `${document}<aside><time datetime="2024-09-10T08:00:00+08:00">9月10日</time></aside>`), '2024-09-04T00:00:00+08:00');
    // An impossible day printed near the headline (a typo) does not hide the real one below it.
    assert.equal(publishedAt('', '<h1>通知</h1><p>2024-09-31</p><p>2024-09-04 10:00</p>'), '2024-09-04T10:00:00+08:00');
  });

  it('without a headline, takes a <time> over a date printed anywhere on the page', () => {
    assert.equal(publishedAt('', '<p>专题 2024-09-03 更新</p><div><time datetime="2024-09-04T10:00:00+08:00">9月4日</time></div>'), '2024-09-04T10:00:00+08:00');
  });

  it('reads the head of a page only: a date deep in a long page loses to the script\'s', () => {
    assert.equal(publishedAt('', `<p>${'正文'.repeat(1600)}</p><p>相关链接 2023-01-01</p><script>var ct = "1725415200";</script>`), '2024-09-04T10:00:00+08:00');
    assert.equal(publishedAt('', `<p>${'text '.repeat(700)}</p><footer>Last modified 2019-11-10</footer>`, 'https://wiki.example.org/a', '', 'en'), '2019-11-10T00:00:00+08:00');
  });

  it('reads the time that script state keeps, in each spelling, past scripts that keep none', () => {
    const cases: [string, string][] = [
      ['var ct = "1725415200";', '2024-09-04T10:00:00+08:00'],
      ['var ct="1725415200";', '2024-09-04T10:00:00+08:00'],
      ['var msg = {"create_time" : 1725415200};', '2024-09-04T10:00:00+08:00'],
      ['var msg = {"publish_time": "1725415200"};', '2024-09-04T10:00:00+08:00'],
      ['window.DATA = {"publishTime":"2024-09-04T10:00:00.000+08:00"};', '2024-09-04T10:00:00+08:00'],
      ['window.DATA = {"pubTime":"2024-09-04 10:00"};', '2024-09-04T10:00:00+08:00'],
      ['window.DATA = {"pub_time" : "2024-09-04T02:00:00Z"};', '2024-09-04T02:00:00+00:00'],
      ['window.DATA = {"pubtime": "2024-09-04 10:00:00"};', '2024-09-04T10:00:00+08:00'],
      ['window.DATA = {"ptime":"2024-09-04T10:00:00+0800"};', '2024-09-04T10:00:00+08:00'],
    ];
    for (const [script, iso] of cases) {
      assert.equal(publishedAt('', `<p>昨天</p><script>window.dataLayer = [];</script><script>${script}</script>`, 'https://mp.weixin.qq.com/s/abc'), iso, script);
    }
  });
});

describe('written dates of foreign pages', () => {
  /** The date the head of a page in `lang` gives when it prints only `text`. */
  const written = (text: string, lang = 'de') => publishedAt('', `<p>${text}</p>`, 'https://www.example.eu/news/a', '', lang);

  it('reads every month name and abbreviation listed, in English, German, French, Italian and Spanish', () => {
    const months: [string, number][] = [
      ['January', 1], ['Jan.', 1], ['February', 2], ['Feb', 2], ['March', 3], ['Mar.', 3], ['April', 4], ['Apr', 4], ['May', 5], ['June', 6], ['Jun', 6],
      ['July', 7], ['Jul.', 7], ['August', 8], ['Aug', 8], ['September', 9], ['Sept.', 9], ['Sep', 9], ['October', 10], ['Oct.', 10], ['November', 11], ['Nov', 11], ['December', 12], ['Dec.', 12],
      ['Januar', 1], ['Februar', 2], ['März', 3], ['Maerz', 3], ['Mär.', 3], ['Mrz.', 3], ['Mai', 5], ['Juni', 6], ['Juli', 7], ['Okt.', 10], ['Oktober', 10], ['Dez.', 12], ['Dezember', 12],
      ['janvier', 1], ['février', 2], ['mars', 3], ['avril', 4], ['juin', 6], ['juillet', 7], ['août', 8], ['septembre', 9], ['octobre', 10], ['novembre', 11], ['décembre', 12],
      ['gen.', 1], ['gennaio', 1], ['febbraio', 2], ['marzo', 3], ['aprile', 4], ['mag.', 5], ['maggio', 5], ['giu.', 6], ['giugno', 6], ['lug.', 7], ['luglio', 7],
      ['ago.', 8], ['agosto', 8], ['set.', 9], ['settembre', 9], ['ott.', 10], ['ottobre', 10], ['dic.', 12], ['dicembre', 12],
      ['ene.', 1], ['enero', 1], ['febrero', 2], ['abr.', 4], ['abril', 4], ['mayo', 5], ['junio', 6], ['julio', 7], ['septiembre', 9], ['octubre', 10], ['noviembre', 11], ['diciembre', 12],
    ];
    for (const [name, month] of months) {
      const iso = `2024-${String(month).padStart(2, '0')}-04T00:00:00+08:00`;
      assert.equal(written(`4 ${name} 2024`), iso, `4 ${name} 2024`);
      assert.equal(written(`${name} 4, 2024`, 'en'), iso, `${name} 4, 2024`);
    }
    assert.equal(written('Stand: Smarch 4, 2024'), null);
  });

  it('reads the French abbreviations that are not a name\'s first three letters: févr., avr., juil., déc.', () => {
    const months: [string, number][] = [['janv.', 1], ['févr.', 2], ['fév.', 2], ['avr.', 4], ['juil.', 7], ['sept.', 9], ['déc.', 12]];
    for (const [name, month] of months) assert.equal(written(`Publié le 4 ${name} 2024`, 'fr'), `2024-${String(month).padStart(2, '0')}-04T00:00:00+08:00`, name);
  });

  it('reads the day-first, month-first, dotted and slashed spellings, in this century and the last', () => {
    const cases: [string, string, string][] = [
      ['04.09.2024', 'de', '2024-09-04'],
      ['Stand: 18.06.2026', 'de', '2026-06-18'],
      ['4. 9. 2024', 'de', '2024-09-04'],
      ['01.10.1999', 'de', '1999-10-01'],
      ['4. September 2024', 'de', '2024-09-04'],
      ['3 octobre 1999', 'fr', '1999-10-03'],
      ['4 de septiembre de 2024', 'es', '2024-09-04'],
      ['September 4th, 2024', 'en', '2024-09-04'],
      ['September 4 2024', 'en', '2024-09-04'],
      ['October 3, 1999', 'en', '1999-10-03'],
      ['10/03/1999', 'en', '1999-10-03'],
      ['01/01/2024', 'en', '2024-01-01'],
      ['12/31/2024', 'en', '2024-12-31'],
      ['31/12/2024', 'de', '2024-12-31'],
      // Slashes: month first on English pages, day first elsewhere, unless the other number cannot be a month.
      ['06/07/2024', 'en', '2024-06-07'],
      ['06/07/2024', 'de', '2024-07-06'],
      ['12/06/2024', 'en', '2024-12-06'],
      ['18/06/2024', 'en', '2024-06-18'],
      ['06/12/2024', 'de', '2024-12-06'],
      ['06/18/2024', 'de', '2024-06-18'],
      ['18/06/2024', 'de', '2024-06-18'],
      ['06/07/2024', 'zh-CN', '2024-07-06'],
      ['13/13/2024', 'en', ''],
    ];
    for (const [text, lang, day] of cases) assert.equal(written(text, lang), day ? `${day}T00:00:00+08:00` : null, `${text} (${lang})`);
  });

  it('takes the date printed first, whatever its spelling, and passes over a number that is no date', () => {
    assert.equal(written('September 4, 2024 · Updated 6 September 2024', 'en'), '2024-09-04T00:00:00+08:00');
    assert.equal(written('Aktenzeichen 45.12.2024 vom 04.09.2024'), '2024-09-04T00:00:00+08:00');
  });
});

describe('parseChineseDateTime, spacing and RSS', () => {
  it('reads Chinese numerals with spaces around 年, 月 and 日', () => {
    assert.equal(parseChineseDateTime('二〇二四 年 九 月 四 日'), '2024-09-04T00:00:00+08:00');
  });

  it('reads RFC 822 dates however generators pad them, and gives no date for one Date cannot read', () => {
    const cases: [string, string | null][] = [
      ['Wed,4 Sep 2024 02:00:00 GMT', '2024-09-04T10:00:00+08:00'],
      ['Wed,  4  Sep  2024  10:00:00  +0800', '2024-09-04T10:00:00+08:00'],
      ['Wed, 04 Sep 2024 10:00:00+0800', '2024-09-04T10:00:00+08:00'],
      ['Wed, 04 Sep 2024 10:00:00 XYZ', null],
    ];
    for (const [text, iso] of cases) assert.equal(parseChineseDateTime(text), iso, text);
  });
});

describe('dateFromUrl, the bounds of a day', () => {
  it('takes the first and last months and days, and lets the next pattern try past each impossible one', () => {
    const cases: [string, string | null][] = [
      ['https://www.example.gov.cn/zwgk/202401/t20240101_1.html', '2024-01-01T00:00:00+08:00'],
      ['https://www.example.gov.cn/zwgk/202412/t20241231_1.html', '2024-12-31T00:00:00+08:00'],
      ['https://www.example.cn/t20241304_1/2024/09/04/a/', '2024-09-04T00:00:00+08:00'],
      ['https://www.example.cn/t20240004_1/2024/09/04/a/', '2024-09-04T00:00:00+08:00'],
      ['https://www.example.cn/t20240932_1/2024/09/04/a/', '2024-09-04T00:00:00+08:00'],
      ['https://www.example.cn/t20240900_1/2024/09/04/a/', '2024-09-04T00:00:00+08:00'],
    ];
    for (const [url, iso] of cases) assert.equal(dateFromUrl(url), iso, url);
  });
});

describe('a date labelled relatively (发布时间：3小时前)', () => {
  const page = (label: string) => cheerio.load(`<html><head><title>t</title></head><body><h1>本市启动夏季用电高峰保障工作</h1><div class="meta">发布时间：${label}\u3000来源：某某新闻网</div><p>正文内容较长的一段文字。</p><div class="sidebar"><ul><li><a href="/1.html">全市中小学暑假安排公布</a><span>2024-06-01</span></li></ul></div></body></html>`);
  const at = (label: string, fetchedAt?: string) => extractPublishedAt(page(label), 'https://news.example.cn/a.html', '本市启动夏季用电高峰保障工作', fetchedAt);

  it('is no date without the time the page was fetched, never a sidebar teaser\'s', () => {
    for (const label of ['3小时前', '25分钟前', '2天前', '刚刚', '昨天 18:05', '今天09:30']) assert.equal(at(label), null, label);
  });

  it('is counted back from the response\'s Date header, in Shanghai time', () => {
    const fetched = 'Tue, 18 Jun 2024 02:00:00 GMT'; // 10:00 in Shanghai
    assert.equal(at('3小时前', new Date(fetched).toISOString()), '2024-06-18T07:00:00+08:00');
    assert.equal(at('25分钟前', '2024-06-18T10:00:00+08:00'), '2024-06-18T09:35:00+08:00');
    assert.equal(at('2天前', '2024-06-18T10:00:00+08:00'), '2024-06-16T10:00:00+08:00');
    assert.equal(at('刚刚', '2024-06-18T10:00:00+08:00'), '2024-06-18T10:00:00+08:00');
    assert.equal(at('昨天 18:05', '2024-06-18T01:00:00+08:00'), '2024-06-17T18:05:00+08:00');
    // 01:00 in Shanghai is still the day before in UTC: the day counted is Shanghai's.
    assert.equal(at('今天09:30', '2024-06-17T17:30:00Z'), '2024-06-18T09:30:00+08:00');
    assert.equal(at('前天 08:00', '2024-06-18T10:00:00+08:00'), '2024-06-16T08:00:00+08:00');
    assert.equal(at('3小时前', 'not a time'), null);
  });

  it('leaves an absolute label as it was', () => {
    assert.equal(at('2024-06-18 09:00', '2024-06-20T10:00:00+08:00'), '2024-06-18T09:00:00+08:00');
  });
});
