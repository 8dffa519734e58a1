import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { decodeHtml } from '../src/crawl/charset.ts';
import { articleOfResponse, readAt } from '../src/crawl/document.ts';
import { extractArticle } from '../src/extract/article.ts';
import { extractDocNumber } from '../src/extract/docNumber.ts';
import { continuationPages } from '../src/extract/pagination.ts';
import { sourceField } from '../src/extract/infoLine.ts';

/** The cases of issue 13, read in place from the shared tree (never copied into the repository). */
const casesDir = fileURLToPath(new URL('./fixtures/extract-cases/', import.meta.url));

interface Case {
  url: string;
  title?: string;
  publishedAt?: string | null;
  publisher?: string | null;
  docNumber?: string | null;
  bodyHas?: string[];
  bodyLacks?: string[];
  attachmentCount?: number;
  note?: string;
  continuationFollowed?: boolean;
}


/** The continuation pages a case's note names (pages _1 and _2), as file names beside its own. */
function continuationFiles(want: Case): string[] {
  const [, base, ext] = /([^/]+)\.(\w+)$/.exec(want.url)!;
  return (want.note?.match(/_\d+/g) ?? []).map((n) => `${base}${n}.${ext}`);
}

describe('issue 13 cases (test/fixtures/extract-cases, a copy of shared/cases/extract)', () => {
  const expected = JSON.parse(readFileSync(`${casesDir}expected.json`, 'utf8')) as Record<string, Case>;
  for (const [file, want] of Object.entries(expected)) {
    it(`${file} gives its right values`, () => {
      const article = extractArticle(decodeHtml(readFileSync(`${casesDir}${file}`)).text, want.url);
      const body = article.paragraphs.join('\n');
      if ('title' in want) assert.equal(article.title, want.title);
      if ('publishedAt' in want) assert.equal(article.publishedAt, want.publishedAt);
      if ('publisher' in want) assert.equal(article.publisher, want.publisher);
      if ('docNumber' in want) assert.equal(article.docNumber, want.docNumber);
      for (const text of want.bodyHas ?? []) assert.ok(body.includes(text), `body lacks ${text}`);
      for (const text of want.bodyLacks ?? []) assert.ok(!body.includes(text), `body has ${text}`);
      if ('attachmentCount' in want) assert.equal(article.attachments.length, want.attachmentCount);
      // A paginated document's first page names the pages that continue it; the crawler fetches and joins
      // them (test/pagination.test.ts runs that against real servers).
      if (want.continuationFollowed) assert.deepEqual(continuationPages(readFileSync(`${casesDir}${file}`, 'utf8'), want.url).map((u) => u.replace(/^.*\//, '')), continuationFiles(want));
    });
  }

  it('09: 来源：本站 with the site\'s identity is no repost', () => {
    const html = readFileSync(`${casesDir}09-source-benzhan-own-site.html`, 'utf8');
    const article = extractArticle(html, expected['09-source-benzhan-own-site.html']!.url, { name: '某市数据局', aliases: [] });
    assert.equal(article.publisher, null);
    assert.equal(article.repostOf, null);
  });
});

const site = { name: '某市人民政府', aliases: [] };
const body = '<div class="TRS_Editor"><p>为进一步优化营商环境，市政府决定开展专项行动，现将有关事项通知如下，请各单位结合实际认真贯彻落实。</p><p>各区县要建立工作台账，按月报送进展情况。</p></div>';
/** A government article page of one's own, its info line given. */
const page = (info: string, title = '<title>关于开展优化营商环境专项行动的通知_某市人民政府</title>') =>
  `<!DOCTYPE html><html><head><meta charset="utf-8">${title}</head><body><div class="article"><h1>关于开展优化营商环境专项行动的通知</h1><div class="info">${info}</div>${body}</div></body></html>`;
const extract = (html: string) => extractArticle(html, 'https://www.example.gov.cn/art/2024/6/18/art_1_9.html', site);

describe('kind 1: the info line read as fields with known labels', () => {
  it('an empty 来源 names no one, whatever label follows it and however it is spaced', () => {
    for (const info of ['来源：  发布时间：2024-06-18 10:00', '<span>来源：</span><span>发布日期：2024-06-18</span>', '信息来源：　　浏览次数：128', '来源:作者:张三 点击数:5']) {
      const article = extract(page(info));
      assert.equal(article.publisher, null, info);
      assert.equal(article.repostOf, null, info);
    }
  });

  it('a 来源 glued to the next label ends where the label begins', () => {
    assert.equal(extract(page('来源:市数字经济发展办公室访问量:')).publisher, '市数字经济发展办公室');
    assert.equal(extract(page('来源：市发展改革委点击数：35')).publisher, '市发展改革委');
    assert.equal(extract(page('来源：省统计局作者：李四')).publisher, '省统计局');
    assert.equal(extract(page('发布时间：2024-06-18来源：新华社【字号：大 中 小】【打印】')).repostOf, '新华社');
  });

  it('来源：本站 / 本网 / 本站原创 / the site\'s host is the site itself: no publisher, no repost', () => {
    for (const info of ['来源：本站　发布时间：2024-06-18', '文章来源：本网 浏览次数：9', '来源：本站原创', '來源：本網', '来源：www.example.gov.cn']) {
      const article = extract(page(info));
      assert.equal(article.publisher, null, info);
      assert.equal(article.repostOf, null, info);
    }
  });

  it('several bodies separated by spaces are all kept, up to the next field or a date', () => {
    assert.equal(extract(page('来源：国家发展改革委 国家数据局 发布时间：2025-03-05')).publisher, '国家发展改革委 国家数据局');
    assert.equal(extract(page('来源：省工业和信息化厅　省财政厅　2024-06-18 09:00')).publisher, '省工业和信息化厅 省财政厅');
    assert.equal(sourceField('来源：人民网-文化频道 原创稿'), '人民网-文化频道 原创稿');
  });

  it('traditional labels (來源, 發布時間, 稿件來源, 瀏覽次數) are read', () => {
    assert.equal(extract(page('發布時間：2024-06-18 來源：香港特區政府新聞處 瀏覽次數：3')).publisher, '香港特區政府新聞處');
    assert.equal(extract(page('<span>發佈日期：2024-06-18</span><span>稿件來源：澳門特別行政區政府新聞局</span><span>訪問量：</span>')).publisher, '澳門特別行政區政府新聞局');
    assert.equal(sourceField('來源:樟樹市數字經濟發展辦公室訪問量:'), '樟樹市數字經濟發展辦公室');
  });

  it('info lines, simplified or traditional, stay out of the body', () => {
    const html = page('', '<title>某市人民政府</title>').replace('<div class="TRS_Editor">', '<div class="TRS_Editor"><p>發布時間：2024-06-18 來源：本網</p><p>责任编辑：王五</p>');
    assert.ok(!extract(html).paragraphs.some((p) => /發布時間|责任编辑/.test(p)));
  });

  it('a text with no source label has no source field', () => {
    assert.equal(sourceField('发布时间：2024-06-18 浏览次数：5'), null);
    assert.equal(sourceField('来源：  发布时间：2024-06-18'), '');
  });
});

describe('kind 6: titles', () => {
  const article = (head: string, heading: string) =>
    `<html><head><meta charset="utf-8">${head}</head><body><div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>${heading}<div class="info">2024-06-18 来源：市政府办公室</div>${body}</body></html>`;
  const titleOf = (html: string) => extractArticle(html, 'https://www.example.gov.cn/art/2024/6/18/art_1_20.html').title;

  it('splits a <title> at doubled hyphens (标题--栏目--站点)', () => {
    assert.equal(titleOf(article('<title>全市优化营商环境大会召开--要闻--某市人民政府门户网站</title>', '')), '全市优化营商环境大会召开');
    assert.equal(titleOf(article('<title>某省出台促进民营经济发展若干措施 -- 地方 -- 人民网</title>', '<div class="text_title"><h2>某省出台促进民营经济发展若干措施</h2></div>')), '某省出台促进民营经济发展若干措施');
    // Chinese titles' own dash (——) is no separator.
    assert.equal(titleOf(article('<title>奋进新征程——某市十年发展成就综述</title>', '')), '奋进新征程——某市十年发展成就综述');
  });

  it('finds the headline in a table cell or a div when <title> holds only the site\'s name', () => {
    const cell = '<table><tr><td align="center" style="font-size:20px;font-weight:bold">市政府常务会议研究部署防汛工作</td></tr></table>';
    assert.equal(titleOf(article('<title>某市人民政府</title>', cell)), '市政府常务会议研究部署防汛工作');
    const div = '<div class="xl_tit">关于公布2024年度市级重点项目名单的通知</div>';
    assert.equal(titleOf(article('<title>某市发展和改革委员会</title>', div)), '关于公布2024年度市级重点项目名单的通知');
    const trs = '<table><tr><td class="bt">我市召开科技创新大会</td></tr></table>';
    assert.equal(titleOf(article('<title>某市科技信息网</title>', trs)), '我市召开科技创新大会');
  });

  it('keeps a <title> that is a headline, even with a heading-like cell on the page', () => {
    const cell = '<table><tr><td class="bt">通知公告栏目列表页面</td></tr></table>';
    assert.equal(titleOf(article('<title>关于做好防汛工作的通知</title>', cell)), '关于做好防汛工作的通知');
  });
});

describe('kind 5: bodies', () => {
  const reply = '<p>您好！您反映的小区停车难问题已收悉。经核实，街道已协调城管、交警等部门在小区周边道路新增临时停车泊位八十个，并将于下月起开放附近学校操场夜间停车，请予理解。</p>';
  const comments = [
    '网友A说：这个问题反映了很久，停车位还是不够，希望能尽快解决，晚上回家经常找不到车位，只能停在路边被贴条。',
    '网友B说：建议把附近学校的操场晚上开放停车，早上七点前开走，这样可以缓解很多压力，其他城市也有这么做的。',
    '网友C说：临时泊位太少了，而且收费标准也不清楚，能不能公示一下收费依据和管理单位，方便居民监督。',
    '网友D说：小区内部也应该重新规划车位，现在很多绿化带其实可以改造，物业一直推脱，希望街道督促一下。',
  ].map((text) => `<div class="item"><p>${text}</p></div>`).join('');
  const reader = (commentsBlock: string) =>
    `<html><head><meta charset="utf-8"><title>关于小区停车难的回复_政民互动_某区人民政府</title></head><body><div class="detail"><h1>关于小区停车难的回复</h1><div class="info">发布时间：2024-06-18\u3000来源：某街道办事处</div><div class="con">${reply}</div></div>${commentsBlock}</body></html>`;
  const bodyOf = (html: string, url = 'https://www.example.gov.cn/hd/detail.html?id=1') => extractArticle(html, url).paragraphs.join('\n');

  it('readers\' comments do not outweigh a short official reply: named in pinyin or English, or opened by a heading', () => {
    for (const block of [`<div class="pinglun">${comments}</div>`, `<section id="comment-list">${comments}</section>`, `<div class="box"><div class="hd">网友评论</div>${comments}</div>`, `<div class="box"><h3>我要留言</h3>${comments}</div>`]) {
      const text = bodyOf(reader(block));
      assert.ok(text.includes('新增临时停车泊位'), block.slice(0, 40));
      assert.ok(!text.includes('网友'), block.slice(0, 40));
    }
  });

  it('a 政民互动 letter labelled 留言内容 stays: it is the question the reply answers', () => {
    const letter = `<div class="box"><div class="hd">留言内容</div><p>${'小区周边停车位严重不足，晚上回家找不到车位，希望有关部门研究解决。'.repeat(2)}</p></div>`;
    const html = reader('').replace('<div class="con">', `${letter}<div class="con">`);
    assert.ok(bodyOf(html).includes('小区周边停车位严重不足'));
  });

  it('drops portal statements and editors\' credit lines, keeps the text', () => {
    const post = (tail: string) =>
      `<html><head><meta charset="utf-8"><title>某市地铁3号线将于6月底开通_搜狐</title></head><body><h1>某市地铁3号线将于6月底开通</h1><div class="post_body"><p>记者从市轨道交通集团获悉，地铁3号线一期工程已完成全部验收，预计6月底开通运营，全线设站十五座。</p><p>开通初期，列车最小行车间隔为六分钟，首末班时间另行公布。</p>${tail}</div></body></html>`;
    const cases: [string, RegExp][] = [
      ['<p>特别声明：以上文章内容仅代表作者本人观点，不代表本平台观点或立场。</p><p>Notice: The content above (including the pictures and videos if any) is uploaded and posted by a user.</p>', /特别声明|Notice:/],
      ['<p>免责声明：本文转自网络，仅供参考。</p><p>【责任编辑：刘某某】</p>', /免责声明|责任编辑/],
      ['<p>[ 责编：张某 ]</p><p>（编辑：李某 审核：王某）</p>', /责编|编辑|审核/],
    ];
    for (const [tail, gone] of cases) {
      const text = bodyOf(post(tail), 'https://www.sohu.com/a/123_456');
      assert.ok(text.includes('首末班时间另行公布'), tail);
      assert.ok(!gone.test(text), tail);
    }
    const closing = bodyOf(post('<p>沿线各站将同步开放出入口。（责编：王五、赵六）</p>'), 'https://www.sohu.com/a/123_456');
    assert.ok(closing.includes('沿线各站将同步开放出入口。') && !closing.includes('责编'));
  });

  it('a data table is rows of cells, one row a line, cells set apart by a tab', () => {
    const list = (table: string) =>
      `<html><head><meta charset="utf-8"><title>2024年度绿色工厂名单公示_某省工业和信息化厅</title></head><body><h1>2024年度绿色工厂名单公示</h1><div class="TRS_Editor"><p>经企业申报、市级推荐、专家评审，拟将以下企业认定为2024年度省级绿色工厂，现予公示。</p>${table}<p>公示期为五个工作日。</p></div></body></html>`;
    const withHeader = '<table><thead><tr><th>序号</th><th>企业名称</th><th>所在市</th></tr></thead><tbody><tr><td>1</td><td><p>某某纺织有限公司</p></td><td>甲市</td></tr><tr><td>2</td><td>某某化工股份有限公司</td><td>乙市</td></tr></tbody></table>';
    const lines = extractArticle(list(withHeader), 'https://gxt.example.gov.cn/art/2024/6/18/art_1_3.html').paragraphs;
    assert.ok(lines.includes('序号\t企业名称\t所在市'));
    assert.ok(lines.includes('1\t某某纺织有限公司\t甲市'));
    assert.ok(lines.includes('2\t某某化工股份有限公司\t乙市'));
    // A metadata table (索引号, 发布机构) reads as label and value, not run together.
    const meta = '<table><tr><td>索引号：</td><td>11A00-01-2024-0001</td><td>发布机构：</td><td>省工业和信息化厅</td></tr></table>';
    assert.ok(extractArticle(list(meta), 'https://gxt.example.gov.cn/art/2024/6/18/art_1_4.html').paragraphs.includes('索引号：\t11A00-01-2024-0001\t发布机构：\t省工业和信息化厅'));
  });

  it('a layout table keeps the paragraphs of the article in its cell', () => {
    const paragraphs = ['为加快推进新型工业化，现就有关事项通知如下。'.repeat(4), '一、总体要求。坚持以习近平新时代中国特色社会主义思想为指导，'.repeat(4), '二、重点任务。加快传统产业转型升级，培育壮大新兴产业。'.repeat(4)];
    const html = `<html><head><meta charset="utf-8"><title>关于推进新型工业化的通知_某省人民政府</title></head><body><h1>关于推进新型工业化的通知</h1><table><tr><td class="left"><a href="/">首页</a></td><td><div class="TRS_Editor">${paragraphs.map((p) => `<p>${p}</p>`).join('')}</div></td></tr></table></body></html>`;
    assert.deepEqual(extractArticle(html, 'https://www.example.gov.cn/art/2024/6/18/art_1_5.html').paragraphs, paragraphs);
  });
});

describe('文号 in traditional characters and full-width digits', () => {
  it('reads 號 in each form, full-width digits as ASCII', () => {
    assert.equal(extractDocNumber('', '發改數據規〔2025〕26號\n中央有關部門：'), '發改數據規〔2025〕26號');
    assert.equal(extractDocNumber('', '府辦發〔２０２４〕１２號\n各區縣人民政府：'), '府辦發〔2024〕12號');
    assert.equal(extractDocNumber('', '經濟部令第３號'), '經濟部令第3號');
    assert.equal(extractDocNumber('', '國家發展和改革委員會公告2024年第5號'), '國家發展和改革委員會公告2024年第5號');
  });

  it('still skips a traditional number the text only cites', () => {
    assert.equal(extractDocNumber('', '根據《公共數據資源登記管理暫行辦法》（發改數據規〔2025〕26號），現通知如下。'), null);
  });
});

describe('a page that prints only a relative time, as a crawl reads it', () => {
  const html = readFileSync(`${casesDir}03-relative-date-sidebar.html`);
  const response = (headers: Record<string, string>) => ({ url: 'https://news.example.cn/city/2024/a.html', status: 200, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body: html, fetchedAt: '2024-06-18T04:00:00.000Z' });

  it('is dated from the response\'s Date header (发布时间：3小时前), else from when it was fetched', () => {
    const served = articleOfResponse(response({ date: 'Tue, 18 Jun 2024 02:00:00 GMT' }));
    assert.ok('article' in served);
    assert.equal(served.article.publishedAt, '2024-06-18T07:00:00+08:00');
    const fetched = articleOfResponse(response({}));
    assert.ok('article' in fetched);
    assert.equal(fetched.article.publishedAt, '2024-06-18T09:00:00+08:00');
    assert.equal(readAt(response({ date: 'not a date' })), '2024-06-18T04:00:00.000Z');
  });
});
