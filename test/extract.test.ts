import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { decodeHtml } from '../src/crawl/charset.ts';
import { extractArticle } from '../src/extract/article.ts';
import { dateFromUrl, parseChineseDateTime } from '../src/extract/date.ts';

const nda = { name: '国家数据局', aliases: [] };
const trsPage = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于开展数据要素试点的通知_国家数据局</title>
<meta name="ArticleTitle" content="关于开展数据要素试点的通知"><meta name="PubDate" content="2026-06-18 10:30">
<meta name="ContentSource" content="国家数据局"></head><body>
<div class="nav"><a href="/">首页</a><a href="/a">机构</a></div>
<h1>关于开展数据要素试点的通知</h1><div class="info">发布时间：2026-06-18 10:30 来源：国家数据局</div>
<div class="TRS_Editor"><p>国数政策〔2026〕11号</p><p>各省、自治区、直辖市数据管理部门：</p>
<p>为推进数据要素市场化配置改革，现就开展试点有关事项通知如下。试点期限为两年，试点地区要建立健全工作机制。</p>
<p>附件：<a href="/files/P020260618.pdf">试点名单.pdf</a> <a href="../docs/申报表.docx">申报表</a></p></div>
<div class="share">分享到：微信 微博</div><div><a href="javascript:print()">【打印本页】</a><a href="javascript:close()">【关闭窗口】</a></div>
<div class="footer">主办单位：国家数据局 网站标识码 bm0000</div></body></html>`;

describe('extractArticle', () => {
  it('reads a TRS page: meta title and date, 来源, 文号, body without furniture, absolute attachments', () => {
    const article = extractArticle(trsPage, 'https://www.nda.gov.cn/sjj/zwgk/tzgg/0618/x_pc.html', nda);
    assert.equal(article.kind, 'article');
    assert.equal(article.title, '关于开展数据要素试点的通知');
    assert.equal(article.publishedAt, '2026-06-18T10:30:00+08:00');
    assert.equal(article.publisher, '国家数据局');
    assert.equal(article.repostOf, null);
    assert.equal(article.docNumber, '国数政策〔2026〕11号');
    assert.equal(article.paragraphs[0], '国数政策〔2026〕11号');
    assert.ok(article.paragraphs.some((p) => p.startsWith('为推进数据要素市场化配置改革')));
    assert.ok(!article.paragraphs.some((p) => /打印本页|关闭窗口|分享到|网站标识码|首页/.test(p)));
    assert.deepEqual(article.attachments, [
      { name: '试点名单.pdf', url: 'https://www.nda.gov.cn/files/P020260618.pdf' },
      { name: '申报表', url: 'https://www.nda.gov.cn/sjj/zwgk/tzgg/docs/%E7%94%B3%E6%8A%A5%E8%A1%A8.docx' },
    ]);
  });

  it('marks a repost when 来源 names another body, with 网站 and 微信公众号 suffixes dropped', () => {
    const page = trsPage.replace(/国家数据局<\/div>/, '国家数据局网站</div>').replace('content="国家数据局"', 'content="国家数据局微信公众号"');
    const article = extractArticle(page, 'https://www.gov.cn/lianbo/bumen/202606/content_1.htm', { name: '中国政府网', aliases: [] });
    assert.equal(article.publisher, '国家数据局');
    assert.equal(article.repostOf, '国家数据局');
  });

  it('falls back to text density when no known container holds the body, and to the URL for the date', () => {
    const page = `<html><head><title>科创板改革新举措发布 | 上海证券交易所</title></head><body>
      <ul class="menu"><li><a href="/1">关于我们</a></li><li><a href="/2">披露</a></li><li><a href="/3">服务</a></li></ul>
      <div class="main"><div class="allZoom"><p>上交所今日发布新举措，进一步完善科创板上市标准，支持优质科技型企业上市。</p>
      <p>新举措明确，企业在申报时应当具备关键核心技术，并已形成阶段性成果。</p></div>
      <div class="links"><a href="/x">相关链接一</a> <a href="/y">相关链接二</a></div></div></body></html>`;
    const article = extractArticle(page, 'https://www.sse.com.cn/aboutus/c/c_20260618_1.shtml');
    assert.equal(article.title, '科创板改革新举措发布');
    assert.equal(article.publishedAt, '2026-06-18T00:00:00+08:00');
    assert.deepEqual(article.paragraphs, ['上交所今日发布新举措，进一步完善科创板上市标准，支持优质科技型企业上市。', '新举措明确，企业在申报时应当具备关键核心技术，并已形成阶段性成果。']);
  });

  it('reads an article buried under thousands of nested elements', () => {
    const body = '<p>国家数据局发布通知，部署高质量数据集建设试点工作，要求各地加快建设行业数据集并做好评估。</p>'.repeat(2);
    const article = extractArticle(`<html><head><title>深层页面</title></head><body>${'<div>'.repeat(4000)}<div class="TRS_Editor">${body}</div>${'</div>'.repeat(4000)}</body></html>`, 'https://a.gov.cn/t20260618_1.html');
    assert.equal(article.kind, 'article');
    assert.equal(article.paragraphs.length, 2);
  });

  it('never crashes: empty, binary, truncated and deeply nested pages give a not-article result', () => {
    const garbage = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256));
    const nested = `${'<div>'.repeat(5000)}深层嵌套${'</div>'.repeat(5000)}`;
    for (const html of ['', decodeHtml(garbage).text, '<html><head><title>半截页面', nested]) {
      const article = extractArticle(html, 'https://example.gov.cn/a.html');
      assert.equal(article.kind, 'not-article');
      assert.deepEqual(article.paragraphs, []);
    }
  });
});

describe('dates', () => {
  it('reads Chinese and ISO date-times as Shanghai time unless the page gives a zone', () => {
    assert.equal(parseChineseDateTime('2026年6月18日 09:05'), '2026-06-18T09:05:00+08:00');
    assert.equal(parseChineseDateTime('发布时间：2026-06-18'), '2026-06-18T00:00:00+08:00');
    assert.equal(parseChineseDateTime('2026-06-18T01:00:00Z'), '2026-06-18T01:00:00+00:00');
    assert.equal(parseChineseDateTime('2026-02-30'), null);
    assert.equal(dateFromUrl('https://jxj.beijing.gov.cn/zwgk/202606/t20260618_4201187.html'), '2026-06-18T00:00:00+08:00');
    assert.equal(dateFromUrl('https://example.gov.cn/about.html'), null);
  });
});

describe('decodeHtml', () => {
  const text = '数据要素×行动：高质量数据集';
  const html = (meta: string) => `<html><head>${meta}<title>t</title></head><body>${text}</body></html>`;

  it('decodes GBK named by the HTTP header, by <meta>, and undeclared', () => {
    const gbk = iconv.encode(html(''), 'gbk');
    assert.ok(decodeHtml(gbk, 'text/html; charset=GBK').text.includes(text));
    assert.ok(decodeHtml(iconv.encode(html('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'), 'gbk'), 'text/html').text.includes(text));
    assert.ok(decodeHtml(gbk).text.includes(text));
  });

  it('prefers a BOM, and reads UTF-8 that declares nothing', () => {
    assert.ok(decodeHtml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html(''))]), 'text/html; charset=gbk').text.includes(text));
    assert.equal(decodeHtml(Buffer.from(html(''))).charset, 'utf8');
  });
});

describe('paragraphs', () => {
  it('joins lines the HTML source broke inside a paragraph, and splits on <br> and blocks', () => {
    const page = `<html><head><title>t</title></head><body><div id="zoom"><p>国家数据局发布通知，部署高质量
      数据集建设试点工作，要求各地加快建设。</p><p>第二段，provides
      English text.<br>第三段，在换行之后继续说明试点的具体安排。</p></div></body></html>`;
    assert.deepEqual(extractArticle(page, 'https://a.gov.cn/t20260618_1.html').paragraphs, [
      '国家数据局发布通知，部署高质量数据集建设试点工作，要求各地加快建设。',
      '第二段，provides English text.',
      '第三段，在换行之后继续说明试点的具体安排。',
    ]);
  });
});

describe('decodeHtml against a wrong label', () => {
  it('reads UTF-8 labelled GBK as UTF-8, and GBK labelled UTF-8 as GBK', () => {
    const text = '国家数据局发布高质量数据集建设指引';
    const utf8Labelled = Buffer.from(`<html><head><meta charset="gbk"></head><body>${text}</body></html>`);
    assert.ok(decodeHtml(utf8Labelled).text.includes(text));
    const gbkLabelled = iconv.encode(`<html><head><meta charset="utf-8"></head><body>${text}</body></html>`, 'gbk');
    assert.ok(decodeHtml(gbkLabelled, 'text/html; charset=utf-8').text.includes(text));
    assert.ok(decodeHtml(iconv.encode(`<?xml version="1.0" encoding="gb2312"?><rss><title>${text}</title></rss>`, 'gb2312')).text.includes(text));
  });
});

describe('where an article ends', () => {
  it('stops at a short 你可能還想看 / 相关阅读 heading, not at a paragraph that begins with the same words', () => {
    const page = `<html><head><title>t</title></head><body><div class="main"><p>国家数据局发布通知，部署高质量数据集建设试点工作，要求各地加快建设，并做好评估和推广。</p>
      <p>通知明确，试点期限为两年，试点地区要建立健全工作机制，形成可复制的经验。</p><p>相关新闻报道指出，这是首批试点。</p><p>你可能還想看</p><p>另一条新闻的导语，讲的是别的事情，但也有很多文字和标点，容易被当成正文。</p></div></body></html>`;
    assert.deepEqual(extractArticle(page, 'https://a.gov.cn/t20260618_1.html').paragraphs, [
      '国家数据局发布通知，部署高质量数据集建设试点工作，要求各地加快建设，并做好评估和推广。',
      '通知明确，试点期限为两年，试点地区要建立健全工作机制，形成可复制的经验。',
      '相关新闻报道指出，这是首批试点。',
    ]);
  });
});
