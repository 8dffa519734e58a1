import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { decodeHtml } from '../src/crawl/charset.ts';
import { extractArticle } from '../src/extract/article.ts';
import { dateFromUrl, parseChineseDateTime } from '../src/extract/date.ts';
import { extractDocNumber } from '../src/extract/docNumber.ts';

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

  it('finds attachments served by a download script by their names, and survives a malformed %-escape', () => {
    const page = trsPage.replace('<a href="../docs/申报表.docx">申报表</a>', '<a href="/download.jsp?id=88" title="附件2：申报表.wps">下载</a> <a href="/files/%E4%B8.ofd"></a> <a href="javascript:get(\'x.pdf\')">x.pdf</a>');
    const article = extractArticle(page, 'https://www.nda.gov.cn/sjj/zwgk/tzgg/0618/x_pc.html', nda);
    assert.deepEqual(article.attachments, [
      { name: '试点名单.pdf', url: 'https://www.nda.gov.cn/files/P020260618.pdf' },
      { name: '附件2：申报表.wps', url: 'https://www.nda.gov.cn/download.jsp?id=88' },
      { name: '%E4%B8.ofd', url: 'https://www.nda.gov.cn/files/%E4%B8.ofd' },
    ]);
  });

  it('marks a repost when 来源 names another body, with 网站 and 微信公众号 suffixes dropped', () => {
    const page = trsPage.replace(/国家数据局<\/div>/, '国家数据局网站</div>').replace('content="国家数据局"', 'content="国家数据局微信公众号"');
    const article = extractArticle(page, 'https://www.gov.cn/lianbo/bumen/202606/content_1.htm', { name: '中国政府网', aliases: [] });
    assert.equal(article.publisher, '国家数据局');
    assert.equal(article.repostOf, '国家数据局');
  });

  it('reads a 来源 label set in its own element, the name in the next: <span>来源：</span><span><a>澎湃新闻</a></span>', () => {
    const page = `<html><head><title>女童眼睛被塞纸片</title></head><body><h1>女童眼睛被塞纸片</h1><p class="time"><span>2019年11月25日 16:04:30</span><br><span>来源：</span><span class="publisher"><span class="source"><a href="https://mp.weixin.qq.com/s">澎湃新闻网</a></span></span></p>
      <div class="main"><p>一段足够长的正文，讲述了这件事情的来龙去脉，以及医生和家长的说法，还有专家的分析意见。</p></div></body></html>`;
    assert.equal(extractArticle(page, 'https://news.ifeng.com/c/7rl7xGsOBzE').publisher, '澎湃新闻网');
  });

  it('reads 稿源： and 转自 as the body a text was reposted from', () => {
    const page = (line: string) => `<html><head><title>数据要素试点启动</title></head><body><h1>数据要素试点启动</h1><div class="info">2026-06-18 ${line}</div>
      <div class="main"><p>国家数据局今天宣布，首批数据要素试点正式启动，二十个城市入选，试点期限为两年。</p></div></body></html>`;
    const site = { name: '示例市人民政府', aliases: [] };
    assert.equal(extractArticle(page('稿源：新华社'), 'https://www.example.gov.cn/a.html', site).repostOf, '新华社');
    assert.equal(extractArticle(page('本文转自人民日报，有删节'), 'https://www.example.gov.cn/a.html', site).repostOf, '人民日报');
  });

  it('reads a portal\'s unlabelled source beside the date (新浪 .date-source .source), not a teaser list\'s', () => {
    const page = (teasers: string) => `<html><head><title>中铁总辟谣_新浪新闻</title></head><body>${teasers}<h1>中铁总辟谣称消息不实</h1>
      <div class="date-source"><span class="date">2018年12月28日 19:56</span><a class="source" href="http://www.bjnews.com.cn/">新京报</a></div>
      <div class="article"><p>网传60万12306账号外泄，中国铁路总公司回应称，经核查，该消息不实，网站未发现用户信息泄露。</p></div></body></html>`;
    assert.equal(extractArticle(page(''), 'https://news.sina.com.cn/s/2018-12-28/doc-1.shtml', { name: '新浪', aliases: [] }).publisher, '新京报');
    const teasers = '<ul class="feed"><li><a href="/x">别的新闻</a><a class="footer-bar-action source">上海热线要闻</a></li></ul>';
    assert.equal(extractArticle(page(teasers), 'https://news.sina.com.cn/s/2018-12-28/doc-1.shtml', { name: '新浪', aliases: [] }).publisher, '新京报');
  });

  it('reads a source tag that keeps its label and a note: 来源：人民网-文化频道 原创稿', () => {
    const page = trsPage.replace('<meta name="ContentSource" content="国家数据局">', '<meta name="source" content="来源：人民网-文化频道 原创稿">');
    assert.equal(extractArticle(page, 'https://culture.people.com.cn/n1/x.html', { name: '人民网', aliases: [] }).publisher, '人民网-文化频道');
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

  it('reads the dates news sites and blogs write in URLs, and an archived copy by its original address', () => {
    assert.equal(dateFromUrl('http://www.he.xinhuanet.com/news/2012-06/04/content_25340717.htm'), '2012-06-04T00:00:00+08:00');
    assert.equal(dateFromUrl('http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html'), '2019-06-15T00:00:00+08:00');
    assert.equal(dateFromUrl('https://www.limespace.de/2019/10/22/professionell-entloeten/'), '2019-10-22T00:00:00+08:00');
    assert.equal(dateFromUrl('https://web.archive.org/web/20140226054445/http://www.time4talks.com/2013/08/07/kinos/'), '2013-08-07T00:00:00+08:00');
    assert.equal(dateFromUrl('https://web.archive.org/web/20120611024252/http://example.com/about.html'), null);
  });

  it('takes the date printed closest to the headline: not the header\'s today, not one inside the headline, not a sidebar <time>', () => {
    const page = `<html><head><title>x</title><meta name="date" content="2020-02-12"></head><body><div>今天是 2026年11月26日 星期四</div><nav>首页</nav>
      <h1>关于2026年6月18日试点工作的通知</h1><div>发布：2026-06-20 10:00</div><p>正文内容，足够长的一段文字，让这个页面成为一篇文章，里面有一些内容。</p>
      <aside><time datetime="2009-04-11T18:06:36">11. April 2009</time></aside></body></html>`;
    assert.equal(extractArticle(page, 'https://example.cn/a.html').publishedAt, '2026-06-20T10:00:00+08:00');
  });

  it('prefers the day a policy library says it published a document to the day it was signed, and skips 会议时间', () => {
    const page = `<html><head><title>关于推进数据要素市场化配置的意见</title></head><body><table><tr><td>发文机关：</td><td>国务院办公厅</td></tr>
      <tr><td>成文日期：</td><td>2024年05月20日</td></tr><tr><td>会议时间：</td><td>2024年04月30日</td></tr><tr><td>发布日期：</td><td>2024年05月22日</td></tr></table>
      <div class="article"><p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：现就推进数据要素市场化配置提出如下意见。</p></div></body></html>`;
    assert.equal(extractArticle(page, 'https://www.gov.cn/zhengce/content/x.htm').publishedAt, '2024-05-22T00:00:00+08:00');
  });

  it('keeps the time printed under the headline when the URL gives the same day', () => {
    const page = `<html><head><title>x</title></head><body><h1>全国CPI同比上涨</h1><div>2024-05-11 09:36:26 来源：财经</div><p>正文。</p></body></html>`;
    assert.equal(extractArticle(page, 'https://economy.caijing.com.cn/20240511/5010608.shtml').publishedAt, '2024-05-11T09:36:26+08:00');
  });

  it('reads the date of a byline (Gespeichert von rasos am …, Posted by … on …) before a date the text names', () => {
    const page = (byline: string) => `<html><head><title>FairCoin hackathon</title></head><body><h1>FairCoin hackathon</h1>
      <p>Das Sommercamp beginnt am 26. August 2017 im Jura, mit Aktivisten aus ganz Europa und vielen Themen.</p><div class="submitted">${byline}</div></body></html>`;
    assert.equal(extractArticle(page('Gespeichert von rasos am 24. Juli 2017 - 18:55'), 'https://www.example.at/faircoin').publishedAt?.slice(0, 10), '2017-07-24');
    assert.equal(extractArticle(page('Posted by admin on July 24, 2017'), 'https://www.example.com/faircoin').publishedAt?.slice(0, 10), '2017-07-24');
    assert.equal(extractArticle(page('张三 发表于 2017-07-24 18:55'), 'https://www.example.cn/faircoin').publishedAt, '2017-07-24T18:55:00+08:00');
  });

  it('dates a wiki page by its last edit when nothing else gives a date', () => {
    const page = `<html><head><title>Stammtisch</title></head><body><h1>Stammtisch</h1><p>${'Wir treffen uns jeden Mittwoch im Gasthaus. '.repeat(80)}</p><div id="footer-info-lastmod">Diese Seite wurde zuletzt am 29. Januar 2020 um 13:22 Uhr geändert.</div></body></html>`;
    assert.equal(extractArticle(page, 'https://wiki.example.de/HE:Kassel/Stammtisch').publishedAt?.slice(0, 10), '2020-01-29');
  });
});

describe('document numbers (文号)', () => {
  it('reads the bracketed form, a ministry\'s order and a numbered announcement, spaces removed', () => {
    assert.equal(extractDocNumber('', '各省、自治区：工信部联规 〔2024〕 3 号 现印发'), '工信部联规〔2024〕3号');
    assert.equal(extractDocNumber('', '国办函﹝2023﹞120号'), '国办函﹝2023﹞120号');
    assert.equal(extractDocNumber('', '中华人民共和国国家发展和改革委员会令第12号 《产业结构调整指导目录》已经…'), '中华人民共和国国家发展和改革委员会令第12号');
    assert.equal(extractDocNumber('', '国家数据局公告2024年第5号 为贯彻落实…'), '国家数据局公告2024年第5号');
    assert.equal(extractDocNumber('国数政策〔2023〕11号', '正文提到国办发〔2022〕1号'), '国数政策〔2023〕11号');
    assert.equal(extractDocNumber('', '第5号台风今天登陆，2024年第3号预警发布。'), null);
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

  it('leads with the standfirst set beside the headline, outside the body\'s container', () => {
    const prose = (n: number) => Array.from({ length: n }, (_, i) => `<p>第${i + 1}段：国家数据局表示，将加快推进数据要素市场化配置改革，支持各地开展试点，并做好评估工作。</p>`).join('');
    const page = `<html><head><title>数据要素试点启动</title></head><body><article><div class="articlehead"><div class="text"><h1>数据要素试点启动</h1>
      <p class="subtitle">国家数据局今天宣布，首批数据要素试点正式启动，二十个城市入选，试点期限为两年，重点探索数据流通交易、收益分配和安全治理的新机制，形成可复制的经验。</p></div></div>
      <div class="articlecontent">${prose(4)}</div></article><div class="links"><a href="/1">链接一</a></div></body></html>`;
    const paragraphs = extractArticle(page, 'https://example.cn/c.html').paragraphs;
    assert.equal(paragraphs.length, 5);
    assert.ok(paragraphs[0]!.startsWith('国家数据局今天宣布'));
  });

  it('drops picture credits, page controls and 纠错 / 返回顶部 lines, and stops at Ähnliche Beiträge', () => {
    const page = `<html><head><title>t</title></head><body><div id="zoom"><p>国家数据局发布通知，部署高质量数据集建设试点工作，要求各地加快建设。</p>
      <p>（Foto: ABr）</p><p>Augusta National/Getty Images</p><span class="image-credit">新华社发</span><p>【纠错】</p><p>返回顶部</p><p>Rezept drucken</p><p>Zurück zum Inhaltsverzeichnis</p>
      <p>通知明确，试点期限为两年，试点地区要建立健全工作机制。</p><h3>Ähnliche Beiträge</h3><p>Ein anderer Beitrag mit viel Text, der nicht zum Artikel gehört.</p></div></body></html>`;
    assert.deepEqual(extractArticle(page, 'https://a.gov.cn/t20260618_1.html').paragraphs, [
      '国家数据局发布通知，部署高质量数据集建设试点工作，要求各地加快建设。',
      '通知明确，试点期限为两年，试点地区要建立健全工作机制。',
    ]);
  });
});

describe('choosing the body on pages no CMS rule knows', () => {
  const prose = (n: number) => Array.from({ length: n }, (_, i) => `<p>第${i + 1}段：国家数据局表示，将加快推进数据要素市场化配置改革，支持各地开展试点，并做好评估工作。</p>`).join('');

  it('keeps an article whose wrapper is named print, and drops the print button', () => {
    const page = `<html><head><title>数据要素试点</title></head><body><div class="print">${prose(4)}</div><div class="close"><a href="#">关闭</a></div></body></html>`;
    const article = extractArticle(page, 'https://example.cn/a.html');
    assert.equal(article.kind, 'article');
    assert.equal(article.paragraphs.length, 4);
  });

  it('reads an article inside a form: the ASP.NET page form and 博达 VSB\'s article form; a search form goes', () => {
    const search = '<form action="/search"><input name="q"><span>搜索</span></form>';
    const aspnet = `<html><head><title>数据要素试点</title></head><body><form id="form1" method="post">${search}<div class="detail">${prose(4)}</div></form></body></html>`;
    const article = extractArticle(aspnet, 'https://example.gov.cn/a.aspx');
    assert.equal(article.paragraphs.length, 4);
    assert.ok(!article.paragraphs.some((p) => p.includes('搜索')));
    const vsb = `<html><head><title>监察法</title></head><body><table><tr><td><form name="_newscontent_fromname"><div id="vsb_content">${prose(3)}</div></form></td><td><a href="/">首页</a></td></tr></table></body></html>`;
    assert.equal(extractArticle(vsb, 'https://example.edu.cn/info/1.htm').paragraphs.length, 3);
  });

  it('drops a recommended article named by a BEM modifier, however long, and a read-aloud button in the headline (快资讯)', () => {
    const page = `<html><head><title>美官员否认直升机事故存在谋杀行为_【快资讯】</title></head><body><div class="detail-content__content">
      <div class="detail-content__content--normal"><h1 class="article__title"><span>美官员否认直升机事故存在谋杀行为</span><div class="article-audio"><div class="article-audio-btn">播报文章</div></div></h1>
      <div id="article__content" class="detail-content__content--normal__content"><p>据美国全国广播公司报道，美参议院多数党领袖表示，已从情报部门获悉，没有证据表明该事件中存在谋杀行为，全面调查仍在进行中。</p></div></div>
      <div class="detail-content__content--recommend__content">${prose(8)}</div></div></body></html>`;
    const article = extractArticle(page, 'https://www.360kuai.com/9a0132f36c25dd0ac');
    assert.equal(article.title, '美官员否认直升机事故存在谋杀行为');
    assert.deepEqual(article.paragraphs, ['据美国全国广播公司报道，美参议院多数党领袖表示，已从情报部门获悉，没有证据表明该事件中存在谋杀行为，全面调查仍在进行中。']);
  });

  it('reads an article laid out in sections, a row each with an advertisement between them', () => {
    const section = (from: number) => `<div class="row"><div class="col-8 text">${prose(2).replaceAll('第1段', `第${from}段`).replaceAll('第2段', `第${from + 1}段`)}</div></div>`;
    const page = `<html><head><title>数据要素试点</title></head><body><article>${section(1)}<div class="row"><div class="ad">广告：点击领取优惠券</div></div>${section(3)}${section(5)}</article>
      <div class="links"><a href="/1">链接一</a> <a href="/2">链接二</a></div></body></html>`;
    const paragraphs = extractArticle(page, 'https://example.cn/d.html').paragraphs;
    assert.deepEqual(paragraphs.map((p) => p.slice(0, 3)), ['第1段', '第2段', '第3段', '第4段', '第5段', '第6段']);
  });

  it('does not count links that wrap a whole card as navigation', () => {
    const card = (i: number) => `<a href="/shop/${i}"><div><h3>第${i}家店</h3><p>地址：福井市中央${i}丁目，营业时间：十时至二十时，周三休息。</p></div></a>`;
    const page = `<html><head><title>美食一月记</title></head><body><div class="entry">${prose(2)}${card(1)}${card(2)}${card(3)}${card(4)}${card(5)}</div></body></html>`;
    const article = extractArticle(page, 'https://example.cn/food.html');
    assert.equal(article.kind, 'article');
    assert.ok(article.paragraphs.some((p) => p.startsWith('地址：福井市中央3丁目')));
  });

  it('drops the headline and the dateline above the text, and a teaser list inside the article', () => {
    const page = `<html><head><title>数据要素试点启动 - 示例网</title></head><body><div class="main"><h1>数据要素试点启动</h1><div>2026-06-18 10:30</div>
      ${prose(3)}<ul><li><a href="/1">另一条新闻的标题一</a></li><li><a href="/2">另一条新闻的标题二</a></li><li><a href="/3">另一条新闻的标题三</a></li></ul></div></body></html>`;
    const article = extractArticle(page, 'https://example.cn/b.html');
    assert.equal(article.title, '数据要素试点启动');
    assert.ok(article.paragraphs[0]!.startsWith('第1段'), article.paragraphs[0]);
    assert.ok(!article.paragraphs.some((p) => p.includes('另一条新闻')));
  });

  it('keeps a notice that prints the title of the plan it issues again, and drops a kicker above a repeated headline', () => {
    // 公文 form (GB/T 9704): addressees, 现将《…》印发给你们。, the date, then the plan's own title and text (day-aa's 数字通辽).
    const notice = `<html><head><title>“数字通辽”建设行动方案(2024—2026年)</title></head><body><h1>“数字通辽”建设行动方案(2024—2026年)</h1><div class="content">
      <p>各旗县市区人民政府、开发区管委会,市政府各委办局,各企事业单位:</p><p>现将《“数字通辽”建设行动方案(2024—2026年)》印发给你们,请结合实际,认真贯彻落实。</p><p>2024年8月21日</p>
      <p>“数字通辽”建设行动方案(2024—2026年)</p><p>为贯彻国家建设数字中国,发展数字经济重大战略,充分发挥数字化对通辽市高质量发展的支撑、驱动作用,特制定本行动方案。</p></div></body></html>`;
    const paragraphs = extractArticle(notice, 'https://example.cn/358941.htm').paragraphs;
    assert.equal(paragraphs[0], '各旗县市区人民政府、开发区管委会,市政府各委办局,各企事业单位:');
    assert.ok(paragraphs.includes('2024年8月21日'), paragraphs.join('|'));
    const kicker = `<html><head><title>国家数据局发布数据要素试点名单</title></head><body><div class="content"><p>重磅</p><p>国家数据局发布数据要素试点名单</p><p>国家数据局今天发布了第一批数据要素试点名单，共有二十个城市入选，覆盖东中西部地区。</p><p>试点将围绕数据流通交易、公共数据授权运营、数据基础设施建设等方向开展探索，为期两年。</p></div></body></html>`;
    assert.ok(extractArticle(kicker, 'https://example.cn/k.htm').paragraphs[0]!.startsWith('国家数据局今天发布'));
  });

  it('reads ruby text without its glosses', () => {
    const page = `<html><head><title>子どもの法律 | NHK</title></head><body><article><h1><ruby>子<rt>こ</rt></ruby>どもの法律</h1><p><ruby>子<rt>こ</rt></ruby>どもへの<ruby>体罰<rt>たいばつ</rt></ruby>を禁止する法律ができました。親は子どもをたたいてはいけません。</p><p>新しい法律は四月から始まります。専門家が親に子どもの育て方を教えます。</p><p>政府は、たたかないで子どもを育てる方法を、親に知らせることにしています。</p></article></body></html>`;
    const article = extractArticle(page, 'https://example.jp/k.html');
    assert.equal(article.title, '子どもの法律');
    assert.ok(article.paragraphs[0]!.startsWith('子どもへの体罰を禁止する'));
  });
});

describe('titles and dates beyond the CMS tags', () => {
  it('takes the stated title from an <h1> that adds a kicker before it', () => {
    const page = `<html><head><title>Brothel catering to politicians busted in Boston – Boston Herald</title><meta property="og:title" content="Brothel catering to politicians busted in Boston"></head>
      <body><h1>Local News | Brothel catering to politicians busted in Boston</h1><p>A long enough paragraph of the article text, so that the page is an article and has a body to read.</p></body></html>`;
    assert.equal(extractArticle(page, 'https://example.com/x').title, 'Brothel catering to politicians busted in Boston');
  });

  it('does not take a logo <h1> the <title> does not carry', () => {
    const page = `<html><head><title>Weitere Digitalisierung der Schweizer Kinos</title></head><body><h1>L-Mag</h1><p>Ein langer Absatz des Artikels, damit die Seite ein Artikel ist und einen Text hat, den man lesen kann.</p></body></html>`;
    assert.equal(extractArticle(page, 'https://example.de/x').title, 'Weitere Digitalisierung der Schweizer Kinos');
  });

  it('reads the headline of an <h1> without its kicker, screen-reader suffix or dateline line', () => {
    const prose = '<p>A long enough paragraph of the article text, so that the page is an article and has a body to read.</p>';
    const page = (head: string, h1: string) => `<html><head>${head}</head><body><article><h1>${h1}</h1>${prose}</article></body></html>`;
    const overline = page('<meta property="og:title" content="Wie Firmen ihre Beschäftigten schützen">', '<span class="ts-overline">Abstandsregeln </span><span>: </span><span class="ts-headline">Wie Firmen ihre Beschäftigten schützen</span>');
    assert.equal(extractArticle(overline, 'https://example.de/x').title, 'Wie Firmen ihre Beschäftigten schützen');
    const roofline = page('<meta property="og:title" content="Adblue nachfüllen: wo kaufen; Preis | autozeitung.de">', '<span class="article-header__roofline">Adblue nachfüllen: wo kaufen; Preis</span> So wird Adblue richtig angewendet');
    assert.equal(extractArticle(roofline, 'https://example.de/x').title, 'So wird Adblue richtig angewendet');
    const hidden = page('<title>Was wir nicht hören wollen | SITE</title>', 'Was wir nicht hören wollen<span class="element-invisible"> | FASSETTE.NET</span>');
    assert.equal(extractArticle(hidden, 'https://example.de/x').title, 'Was wir nicht hören wollen');
    const small = page('<meta property="og:title" content="Zuschauerrückkehr bei den Proficlubs">', 'Zuschauerrückkehr bei den Proficlubs<br><small>02.02.2022 • Verband, Presse</small>');
    assert.equal(extractArticle(small, 'https://example.de/x').title, 'Zuschauerrückkehr bei den Proficlubs');
  });

  it('reads a breadcrumb <title> (Site » Section » Headline) and ignores an og:title that is the site name', () => {
    const prose = '<p>Ein langer Absatz des Artikels, damit die Seite ein Artikel ist und einen Text hat, den man lesen kann.</p>';
    const breadcrumb = `<html><head><title>Time 4 talks » Blog Archiv » Weitere Digitalisierung der Kinos</title></head><body><h1>Time 4 talks</h1>${prose}</body></html>`;
    assert.equal(extractArticle(breadcrumb, 'https://example.de/x').title, 'Weitere Digitalisierung der Kinos');
    const siteOg = `<html><head><meta property="og:title" content="NMB-MEDIA Vorlagen"><meta property="og:site_name" content="NMB-MEDIA Vorlagen"><title>NMB-MEDIA Vorlagen</title></head><body><h1>Datenschutztechnische Anpassung der Vorlagen</h1>${prose}</body></html>`;
    assert.equal(extractArticle(siteOg, 'https://example.de/x').title, 'Datenschutztechnische Anpassung der Vorlagen');
  });

  it('takes the heading of a title box that also holds the dateline and share bar', () => {
    const page = `<html><head><title>京沪高速大桥段封闭_网易订阅</title></head><body><div class="article_title"><h2>5月20日至31日，京沪高速大桥段封闭！</h2>
      <div class="share_box"><p class="time"><span>2019-05-17</span> · <span>城市报道</span></p><style>.pop { color: #bbb; }</style><span>分享到</span></div></div>
      <div class="post_text"><p>5月20日至31日，京沪高速无锡至江阴大桥段将封闭施工，过往车辆请提前绕行，注意交通安全。</p></div></body></html>`;
    assert.equal(extractArticle(page, 'https://www.163.com/dy/article/x.html').title, '5月20日至31日，京沪高速大桥段封闭！');
  });

  it('drops the column with the site from a Chinese CMS title (标题_栏目_站点)', () => {
    const page = `<html><head><title>国务院办公厅关于推进数据要素市场化配置的意见_国务院文件_中国政府网</title><meta property="og:site_name" content="中国政府网"></head>
      <body><div class="article"><p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：现就推进数据要素市场化配置提出如下意见。</p></div></body></html>`;
    assert.equal(extractArticle(page, 'https://www.gov.cn/zhengce/content/x.htm').title, '国务院办公厅关于推进数据要素市场化配置的意见');
  });

  it('takes the first heading when <title> is only the site\'s name, as some government CMSs give every page', () => {
    const page = `<html><head><title>国家发展和改革委员会</title></head><body><div class="header"><h1>国家发展和改革委员会</h1><ul class="nav"><li><h3>机构设置与职能配置</h3></li></ul></div>
      <div class="crumb"><span class="title">首页 > 通知公告 > 关于开展数据要素试点工作的通知</span></div>
      <div class="article"><h2 class="title">关于开展数据要素试点工作的通知</h2><p>各省、自治区、直辖市发展改革委：为推进数据要素市场化配置改革，现就开展试点有关事项通知如下。</p></div></body></html>`;
    const ndrc = { name: '国家发展和改革委员会', aliases: ['国家发展改革委'] };
    assert.equal(extractArticle(page, 'https://www.ndrc.gov.cn/xxgk/zcfb/tz/202606/t20260618_1.html', ndrc).title, '关于开展数据要素试点工作的通知');
  });

  it('reads a date printed in a span next to its label, in German, Italian and US spellings', () => {
    const page = (date: string, lang = 'de') => `<html lang="${lang}"><head><title>Kreatives Basteln</title></head><body><h1>Kreatives Basteln</h1><div><span>Erstellt am</span><span>${date}</span></div><p>Text.</p></body></html>`;
    assert.equal(extractArticle(page('09.02.2022'), 'https://example.de/x').publishedAt?.slice(0, 10), '2022-02-09');
    assert.equal(extractArticle(page('26 Okt 2018'), 'https://example.de/x').publishedAt?.slice(0, 10), '2018-10-26');
    assert.equal(extractArticle(page('14 gennaio 2020', 'it'), 'https://example.it/x').publishedAt?.slice(0, 10), '2020-01-14');
    assert.equal(extractArticle(page('11/01/2023', 'en'), 'https://example.com/x').publishedAt?.slice(0, 10), '2023-11-01');
    assert.equal(extractArticle(page('26/10/2018'), 'https://example.de/x').publishedAt?.slice(0, 10), '2018-10-26');
  });

  it('prefers the printed day to a UTC timestamp a day apart, and reads a time kept in script state', () => {
    const utc = `<html><head><title>Bericht</title><meta property="article:published_time" content="2022-11-06T23:00:00.000Z"></head><body><h1>Bericht</h1><p>07.11.2022</p></body></html>`;
    assert.equal(extractArticle(utc, 'https://example.de/x').publishedAt, '2022-11-07T00:00:00+08:00');
    const script = `<html><head><title>百家号文章</title></head><body><h1>百家号文章</h1><script>var state = {"time": "2019-12-29 22:31:02"};</script><p>正文。</p></body></html>`;
    assert.equal(extractArticle(script, 'https://baijiahao.baidu.com/s?id=1').publishedAt, '2019-12-29T22:31:02+08:00');
  });

  it('reads the Unix time a WeChat article keeps in its script, where the page prints only 昨天', () => {
    const page = `<html><head><title>一日一技</title></head><body><h1>一日一技</h1><em id="publish_time">昨天</em><p>正文。</p><script>var ct = "1581418070";</script></body></html>`;
    assert.equal(extractArticle(page, 'https://mp.weixin.qq.com/s/x').publishedAt, '2020-02-11T18:47:50+08:00');
  });

  it('reads RDFa dates on any element and a date after Erschienen am', () => {
    const rdfa = `<html><head><title>LVMH</title></head><body><h1>LVMH</h1><span property="schema:dateCreated" content="2022-01-28T12:45:46+01:00"></span><p>Text.</p></body></html>`;
    assert.equal(extractArticle(rdfa, 'https://example.de/x').publishedAt, '2022-01-28T12:45:46+01:00');
    const labelled = `<html><head><title>Rezension</title></head><body><p>Die Rezension.</p><div>Letzte Änderung: 31.10.2023 - 14:49:39<br>Erschienen am: 01.11.2023</div></body></html>`;
    assert.equal(extractArticle(labelled, 'https://example.de/x').publishedAt?.slice(0, 10), '2023-11-01');
  });
});
