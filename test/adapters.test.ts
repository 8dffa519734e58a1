// Entry kinds for the formats official sites use (issue 14): Hanweb columns with their script datastore and
// dataproxy.jsp paging, JPaaS build units, JSON lists in the shapes gov.cn, NEA and NFRA publish, and POST list
// APIs; each on a loopback server written in the shape public evidence shows
// (shared/reference/catalog-evidence.md), through the crawl, the archive and the replay.
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { crawlSources } from '../src/pipeline/crawl.ts';
import { LiveFetcher } from '../src/crawl/live.ts';
import { ReplayFetcher } from '../src/crawl/replay.ts';
import { readWarcResponses } from '../src/crawl/warc.ts';
import { apiRequest, readApiList } from '../src/sources/api.ts';
import { readEntryPoint, recogniseListFormat } from '../src/sources/entries.ts';
import { hanwebPageRequest, readHanwebColumn } from '../src/sources/hanweb.ts';
import { openTestStore } from './storeFor.ts';
import { UserError } from '../src/util/errors.ts';
import { runCli, tempDir } from './helpers.ts';
import { articlePage, configWithCatalog, crawlOnce, fetcherOptions, html, startSite, testSource, type Route, type TestSite } from './sites.ts';

/** A request as the site saw it: method, address, the headers that matter here, and the body. */
interface Seen {
  method: string;
  url: string;
  referer?: string;
  contentType?: string;
  body: string;
}

const bodyOf = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

const json = (res: Parameters<Route>[1], value: unknown, status = 200, prefix = '') => html(res, `${prefix}${JSON.stringify(value)}`, { 'content-type': 'application/json; charset=utf-8' }, status);
const xml = (res: Parameters<Route>[1], body: string) => html(res, `<?xml version="1.0" encoding="UTF-8"?>${body}`, { 'content-type': 'text/xml; charset=UTF-8' });

/** A Hanweb record as the column's datastore holds it. */
const record = (n: number, day = 18) => `<record><![CDATA[<li><a href="/art/2026/6/${day}/art_74_${n}.html" target="_blank" title="测试市知识产权局第${n}号人工智能专利政策公告">测试市知识产权局第${n}号人工智能专利政策公告</a><span>2026-06-${day}</span></li>]]></record>`;
const hanwebTitle = (n: number) => `测试市知识产权局第${n}号人工智能专利政策公告`;
const buildTitle = (n: number) => `工业和信息化部第${n}号人工智能产业政策文件公示`;
const buildPath = (n: number) => `/zwgk/wjgs/art/2026/art_${String(n).padStart(32, 'a')}.html`;
const QUERY = "{'parseType':'buildstatic','webId':'8d828e408d90447786ddbe128d495e9e','tplSetId':'209741b2109044b5b7695700b2bec37e','pageType':'column','tagId':'右侧内容','editType':'null','pageId':'a7180b76aadf4a2ca625f403045cbaae'}";

/**
 * One official site on loopback with a list in every format: a Hanweb column (col74) whose page holds three
 * records and a sidebar of dated links, and whose dataproxy.jsp answers records 4–6 of six to the column's
 * form; a JPaaS page whose build unit answers only with the page as Referer; gov.cn's ZUIXINZHENGCE.json (a
 * top-level array, with a BOM); NEA's datasource JSON; a POST form list API. Routes are matched by path: the
 * site reads queries and bodies itself.
 */
async function officialSite(t: TestContext) {
  const seen: Seen[] = [];
  const state = { buildItems: 2, shellEtag: '"shell-1"', proxyStatus: 200 };
  let base = '';
  const note = async (req: IncomingMessage) => {
    const body = await bodyOf(req);
    seen.push({ method: req.method ?? '', url: req.url ?? '', referer: req.headers.referer, contentType: req.headers['content-type'], body });
    return body;
  };
  const articles: Record<string, Route> = {};
  for (let n = 1; n <= 6; n++) articles[`/art/2026/6/18/art_74_${n}.html`] = (_, res) => html(res, articlePage(hanwebTitle(n), '测试市知识产权局'));
  for (let n = 1; n <= 3; n++) articles[buildPath(n)] = (_, res) => html(res, articlePage(buildTitle(n), '工业和信息化部'));
  for (let n = 1; n <= 3; n++) articles[`/side/t20260618_${n}.html`] = (_, res) => html(res, articlePage(`侧栏热点第${n}条不属本栏目的文章`));
  articles['/zhengce/content/202606/content_7001.htm'] = (_, res) => html(res, articlePage('国务院办公厅关于加快人工智能产业发展的意见', '国务院办公厅'));
  articles['/20260618/0123456789abcdef0123456789abcdef/c.html'] = (_, res) => html(res, articlePage('国家能源局关于人工智能赋能能源行业的通知', '国家能源局'));
  articles['/news/t20260618_88.html'] = (_, res) => html(res, articlePage('北京证券交易所发布人工智能企业上市指引', '北京证券交易所'));
  const routes: Record<string, Route> = {
    ...articles,
    '/col/col74/index.html': async (req, res) => {
      await note(req);
      html(res, `<html><head><title>测试市知识产权局 公告</title></head><body>
        <ul class="hot">${[1, 2, 3].map((n) => `<li><a href="/side/t20260618_${n}.html">侧栏热点第${n}条不属本栏目的文章</a><span>2026-06-18</span></li>`).join('')}</ul>
        <div id="12345"><script type="text/xml"><datastore>
        <nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=88&path=/&columnid=74&unitid=12345&webname=%E6%B5%8B%E8%AF%95%E5%B8%82&permissiontype=0"></a>]]></nextgroup>
        <recordset>${[1, 2, 3].map((n) => record(n)).join('\n')}</recordset></datastore></script></div>
        <script type="text/javascript">var param_12345 = {col:1,appid:1,webid:88,path:'/',columnid:74,sourceContentType:1,unitid:'12345',webname:'测试市知识产权局',permissiontype:0};
        $(document).ready(function(){ $('#12345').jpage({ dataStore: dataStore, perPage: 3, totalRecord: 6, proxyUrl: '/module/web/jpage/dataproxy.jsp', ajaxParam: param_12345 }); });</script>
        </body></html>`);
    },
    '/module/web/jpage/dataproxy.jsp': async (req, res) => {
      const form = new URLSearchParams(await note(req));
      const query = new URL(req.url ?? '', base).searchParams;
      if (state.proxyStatus !== 200) return html(res, '服务暂不可用', {}, state.proxyStatus);
      // The column's records only to the column's own form, posted as jpage posts it.
      const asked = req.method === 'POST' && form.get('columnid') === '74' && form.get('unitid') === '12345' && form.get('webid') === '88' && form.get('col') === '1' && form.get('webname') === '测试市知识产权局';
      const [start, end] = [Number(query.get('startrecord')), Number(query.get('endrecord'))];
      const records = asked ? [4, 5, 6].filter((n) => n >= start && n <= end).map((n) => record(n)).join('\n') : '';
      xml(res, `<datastore><totalrecord>6</totalrecord><totalpage>2</totalpage><recordset>${records}</recordset></datastore>`);
    },
    '/zwgk/wjgs/index.html': async (req, res) => {
      await note(req);
      if (req.headers['if-none-match'] === state.shellEtag) return void res.writeHead(304).end();
      html(res, `<html><head><title>文件公示</title></head><body><div class="clist_con">
        <script id="4e3a2e3c" src="/cms_files/default/script/AuthorizedRead/unitbuild.js?v=3.1.3" webId="8d828e408d90447786ddbe128d495e9e"
          parseType="buildstatic" url="/api-gateway/jpaas-publish-server/front/page/build/unit" queryData="${QUERY}"></script></div></body></html>`, { etag: state.shellEtag });
    },
    '/api-gateway/jpaas-publish-server/front/page/build/unit': async (req, res) => {
      await note(req);
      const query = new URL(req.url ?? '', base).searchParams;
      if (req.headers.referer !== `${base}/zwgk/wjgs/index.html`) return json(res, { success: false, message: '非法请求' }, 403);
      if (query.get('pageId') !== 'a7180b76aadf4a2ca625f403045cbaae' || query.get('tagId') !== '右侧内容' || query.get('parseType') !== 'buildstatic') return json(res, { success: false, message: '单元不存在' });
      const items = Array.from({ length: state.buildItems }, (_, i) => `<li class="cf"><a class="fl" href="${buildPath(i + 1)}" target="_blank" title="${buildTitle(i + 1)}"><i></i>${buildTitle(i + 1)}</a><span class="fr">2026-06-18</span></li>`);
      json(res, { success: true, data: { html: `<div class="page-content"><ul>${items.join('')}</ul><div class="pagination" rows="15" count="${state.buildItems}"></div></div>` } });
    },
    '/zhengce/zuixin/ZUIXINZHENGCE.json': async (req, res) => {
      await note(req);
      json(res, [{ TITLE: '国务院办公厅关于加快人工智能产业发展的意见', SUB_TITLE: '', URL: `${base}/zhengce/content/202606/content_7001.htm`, DOCRELPUBTIME: '2026-06-18' }], 200, '\ufeff');
    },
    '/policy/ds_7290c82b05cc4d49be4971ade193edfc.json': async (req, res) => {
      await note(req);
      json(res, { datasource: [{ publishUrl: '/20260618/0123456789abcdef0123456789abcdef/c.html', publishTime: '2026-06-18 10:00:00', showTitle: '<font color="red">国家能源局关于人工智能赋能能源行业的通知</font>', title: '国家能源局关于人工智能赋能能源行业的通知' }] });
    },
    '/info/listse.do': async (req, res) => {
      const form = new URLSearchParams(await note(req));
      const right = req.method === 'POST' && form.getAll('nodeIds[]').join() === '1289' && form.getAll('needFields[]').join() === 'title,linkUrl,publishDate' && form.get('page') === '0';
      if (req.headers.referer !== `${base}/news/important_news.html`) return json(res, { error: 'forbidden' }, 403);
      json(res, [{ content: right ? [{ title: '北京证券交易所发布人工智能企业上市指引', linkUrl: '/news/t20260618_88.html', publishDate: '2026-06-18 09:30' }] : [], totalElements: right ? 1 : 0 }]);
    },
  };
  // Match by path: the query and body are the site's to read.
  const byPath = new Proxy(routes, { get: (target, key: string) => target[key] ?? target[key.split('?')[0]!] });
  const site: TestSite = await startSite(byPath);
  base = site.base;
  t.after(() => site.close());
  return { site, seen, state, base };
}

type Official = Awaited<ReturnType<typeof officialSite>>;
const hanwebSource = (o: Official, entry: Record<string, unknown> = { type: 'hanweb', maxPages: 3 }) => testSource('cnipa', [{ url: `${o.base}/col/col74/index.html`, ...entry }]);
const buildSource = (o: Official, type = 'buildunit') => testSource('miit', [{ type, url: `${o.base}/zwgk/wjgs/index.html` }]);
const govSource = (o: Official, items?: string) => testSource('gov-cn', [{ type: 'api', url: `${o.base}/zhengce/zuixin/ZUIXINZHENGCE.json`, ...(items ? { items } : {}), fields: { url: 'URL', title: 'TITLE', date: 'DOCRELPUBTIME' } }]);
const neaSource = (o: Official) => testSource('nea', [{ type: 'api', url: `${o.base}/policy/ds_7290c82b05cc4d49be4971ade193edfc.json`, items: 'datasource', fields: { url: 'publishUrl', title: 'showTitle', date: 'publishTime' } }]);
const bseSource = (o: Official) =>
  testSource('bse', [{
    type: 'api', url: `${o.base}/info/listse.do`, method: 'POST', referer: `${o.base}/news/important_news.html`,
    body: { 'nodeIds[]': 1289, page: 0, pageSize: 20, 'needFields[]': ['title', 'linkUrl', 'publishDate'] },
    items: '0.content', fields: { url: 'linkUrl', title: 'title', date: 'publishDate' },
  }]);

const titles = async (dir: string, urls: string[]) => {
  const store = await openTestStore(dir);
  try {
    const found = await store.documentsByUrls(urls);
    return urls.map((url) => found.get(url)?.title ?? null);
  } finally {
    await store.close();
  }
};

describe('Hanweb columns (type: hanweb)', () => {
  it('reads the records of the page\'s script datastore, then records 4–6 by a dataproxy.jsp POST of the column\'s form, and stops at the total', async (t) => {
    const o = await officialSite(t);
    const { report, dir } = await crawlOnce([hanwebSource(o)]);
    assert.deepEqual(report.failures, []);
    assert.equal(report.documentsKept, 6);
    assert.deepEqual(await titles(dir, [1, 2, 3, 4, 5, 6].map((n) => `${o.base}/art/2026/6/18/art_74_${n}.html`)), [1, 2, 3, 4, 5, 6].map(hanwebTitle));
    // The sidebar's dated links are not the column's list.
    assert.equal(o.site.log.filter((l) => l.path.startsWith('/side/')).length, 0);
    // One POST, for the records after the page's three, with the form the page names and the page as Referer;
    // with the total (6) reached, no second one though maxPages allows it.
    const posts = o.seen.filter((s) => s.url.startsWith('/module/'));
    assert.equal(posts.length, 1);
    const [post] = posts;
    assert.equal(post!.method, 'POST');
    assert.equal(post!.url, '/module/web/jpage/dataproxy.jsp?startrecord=4&endrecord=6&perpage=3');
    assert.equal(post!.referer, `${o.base}/col/col74/index.html`);
    assert.match(post!.contentType ?? '', /^application\/x-www-form-urlencoded/);
    assert.deepEqual(Object.fromEntries(new URLSearchParams(post!.body)), {
      col: '1', appid: '1', webid: '88', path: '/', columnid: '74', sourceContentType: '1', unitid: '12345', webname: '测试市知识产权局', permissiontype: '0',
    });
  });

  it('archives the POST as a request record with its body before the response, and a replay finds the answer by method, URL and body', async (t) => {
    const o = await officialSite(t);
    const source = hanwebSource(o);
    const { dir } = await crawlOnce([source]);
    const archive = join(dir, 'archive.warc.gz');
    const responses = [];
    for await (const response of readWarcResponses(archive)) responses.push(response);
    const proxied = responses.filter((r) => r.url.includes('/module/web/jpage/dataproxy.jsp'));
    assert.equal(proxied.length, 1);
    assert.equal(proxied[0]!.request?.method, 'POST');
    assert.equal(proxied[0]!.request!.body.toString(), 'col=1&appid=1&webid=88&path=%2F&columnid=74&sourceContentType=1&unitid=12345&webname=%E6%B5%8B%E8%AF%95%E5%B8%82%E7%9F%A5%E8%AF%86%E4%BA%A7%E6%9D%83%E5%B1%80&permissiontype=0');
    assert.equal(proxied[0]!.request!.headers.referer, `${o.base}/col/col74/index.html`);
    assert.match(proxied[0]!.body.toString(), /art_74_4\.html/);
    // As the bytes are written: a request record, then its response naming it in WARC-Concurrent-To.
    const raw = gunzipSync(readFileSync(archive)).toString('latin1');
    const at = raw.indexOf('WARC-Type: request');
    assert.ok(at > 0, 'a request record');
    const requestId = /WARC-Record-ID: (<urn:uuid:[^>]+>)/.exec(raw.slice(at - 400, at + 400))?.[1];
    assert.ok(requestId && raw.includes(`WARC-Concurrent-To: ${requestId}`), 'the response names its request');
    assert.match(raw.slice(at), /^WARC-Type: request[\s\S]*?POST \/module\/web\/jpage\/dataproxy\.jsp\?startrecord=4&endrecord=6&perpage=3 HTTP\/1\.1/);

    // Replayed through the crawl: the same six documents, the site not asked.
    const hits = o.site.log.length;
    const replay = await ReplayFetcher.open(archive);
    const replayDir = tempDir();
    const store = await openTestStore(replayDir);
    const replayed = await crawlSources([source], {
      fetcher: replay, store, runId: await store.startRun('2026-06-19', 'replay'), maxArticlesPerSource: 50, concurrency: 1, conditional: false, emptyRunsAlert: 3, covers: (url) => replay.covers(url),
    });
    await store.close();
    assert.deepEqual(replayed.failures, []);
    assert.equal(replayed.documentsKept, 6);
    assert.equal(o.site.log.length, hits);
    // A POST of another body is another request: not in the archive.
    const proxyUrl = `${o.base}/module/web/jpage/dataproxy.jsp?startrecord=4&endrecord=6&perpage=3`;
    await assert.rejects(replay.fetch(proxyUrl, { allowPrivate: true, robots: 'obey', method: 'POST', body: 'columnid=75' }), /归档中没有 POST .*dataproxy\.jsp.*columnid=75/);
    await assert.rejects(replay.fetch(proxyUrl, { allowPrivate: true, robots: 'obey' }), /归档中没有 http/);
  });

  it('keeps the page\'s records when the dataproxy POST fails, and reports the POST; a column naming no unit cannot be paged', async (t) => {
    const o = await officialSite(t);
    o.state.proxyStatus = 500;
    const { report } = await crawlOnce([hanwebSource(o)], { retries: 0 });
    assert.equal(report.documentsKept, 3);
    assert.deepEqual(report.failures.map((f) => [f.url.replace(o.base, ''), f.reason]), [['/module/web/jpage/dataproxy.jsp?startrecord=4&endrecord=6&perpage=3', 'HTTP 500']]);
    const column = readHanwebColumn('<script type="text/xml"><datastore><recordset></recordset></datastore></script>', 'https://www.zj.gov.cn/art/list.html');
    assert.throws(() => hanwebPageRequest(column, 'https://www.zj.gov.cn/art/list.html', 1, 45), /大汉栏目页 https:\/\/www\.zj\.gov\.cn\/art\/list\.html 未写明 columnid 或 unitid/);
  });

  it('reads the form from the page\'s <nextgroup> link and its ids when the page writes no param object', () => {
    const page = `<div id="405463"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/jpage/dataproxy.jsp?page=1&appid=1&appid=1&webid=23&path=/&columnid=89736&unitid=405463&webname=%E6%B1%9F%E8%8B%8F&permissiontype=0"></a>]]></nextgroup><recordset></recordset></datastore></script></div>`;
    const column = readHanwebColumn(page, 'https://gxt.jiangsu.gov.cn/col/col89736/index.html');
    assert.equal(column.proxyUrl, 'https://gxt.jiangsu.gov.cn/module/jpage/dataproxy.jsp');
    assert.deepEqual([column.form.webid, column.form.columnid, column.form.unitid, column.form.webname, column.form.path], ['23', '89736', '405463', '江苏', '/']);
    assert.deepEqual([column.records, column.total, column.perPage], [[], null, 15]);
    // Without a nextgroup: the column from the address, the unit from the <div> around the datastore.
    const bare = readHanwebColumn('<div id="777"><script type="text/xml"><datastore><recordset></recordset></datastore></script></div>', 'https://kjt.zj.gov.cn/col/col1229080140/index.html');
    assert.deepEqual([bare.form.columnid, bare.form.unitid, bare.proxyUrl], ['1229080140', '777', 'https://kjt.zj.gov.cn/module/web/jpage/dataproxy.jsp']);
  });
});

describe('JPaaS build units (type: buildunit)', () => {
  it('reads url and queryData from the page, asks the unit API with the page as Referer, and reads the links of data.html', async (t) => {
    const o = await officialSite(t);
    const { report, dir } = await crawlOnce([buildSource(o)]);
    assert.deepEqual(report.failures, []);
    assert.deepEqual(await titles(dir, [1, 2].map((n) => `${o.base}${buildPath(n)}`)), [1, 2].map(buildTitle));
    const api = o.seen.filter((s) => s.url.startsWith('/api-gateway/'));
    assert.equal(api.length, 1);
    assert.equal(api[0]!.method, 'GET');
    assert.equal(api[0]!.referer, `${o.base}/zwgk/wjgs/index.html`);
    const query = Object.fromEntries(new URL(api[0]!.url, o.base).searchParams);
    assert.deepEqual(query, { parseType: 'buildstatic', webId: '8d828e408d90447786ddbe128d495e9e', tplSetId: '209741b2109044b5b7695700b2bec37e', pageType: 'column', tagId: '右侧内容', editType: 'null', pageId: 'a7180b76aadf4a2ca625f403045cbaae' });
  });

  it('on the next run, a shell answered 304 is read from the store and the unit asked again: its new item is fetched', async (t) => {
    const o = await officialSite(t);
    const first = await crawlOnce([buildSource(o)]);
    assert.equal(first.report.documentsKept, 2);
    o.state.buildItems = 3;
    const second = await crawlOnce([buildSource(o)], {}, { dir: first.dir });
    assert.deepEqual(second.report.failures, []);
    const shells = o.seen.filter((s) => s.url === '/zwgk/wjgs/index.html');
    assert.equal(shells.length, 2);
    assert.equal(second.report.documentsKept, 1);
    assert.deepEqual(await titles(first.dir, [`${o.base}${buildPath(3)}`]), [buildTitle(3)]);
    // And with nothing new in the unit's answer, the entry is unchanged: no article asked again.
    const articles = o.site.log.filter((l) => l.path.startsWith('/zwgk/wjgs/art/')).length;
    const third = await crawlOnce([buildSource(o)], {}, { dir: first.dir });
    assert.equal(third.report.documentsKept, 0);
    assert.equal(o.site.log.filter((l) => l.path.startsWith('/zwgk/wjgs/art/')).length, articles);
    const store = await openTestStore(first.dir);
    assert.deepEqual((await store.sourceRuns('miit', 1)).map((r) => [r.entriesOk, r.unchanged]), [[1, 1]]);
    await store.close();
  });

  it('names the page when it has no build unit or its queryData cannot be read', async () => {
    const entry = { type: 'buildunit' as const, url: 'https://www.miit.gov.cn/zwgk/wjgs/index.html' };
    await Promise.all([
      ['<html><body>栏目</body></html>', /页面 https:\/\/www\.miit\.gov\.cn\/zwgk\/wjgs\/index\.html 没有 JPaaS 构建单元/],
      [`<script parseType="buildstatic" url="/api-gateway/jpaas-publish-server/front/page/build/unit" querydata="{'webId':"></script>`, /queryData 无法解析/],
    ].map(async ([page, message]) => {
      const read = await readEntryPoint(entry, () => Promise.reject(new Error('not asked')), { url: entry.url, text: page as string, unchanged: false });
      assert.ok(read.failure?.error instanceof UserError);
      assert.match((read.failure.error as UserError).message, message as RegExp);
      assert.equal(read.failure.url, entry.url);
    }));
  });
});

describe('plain list entries that are Hanweb columns or JPaaS shells', () => {
  it('recognises the format from the page and reads it through that adapter, with the list\'s maxPages', async (t) => {
    const o = await officialSite(t);
    const { report, dir } = await crawlOnce([hanwebSource(o, { type: 'list', maxPages: 2 }), buildSource(o, 'list')]);
    assert.deepEqual(report.failures, []);
    assert.equal(report.documentsKept, 8);
    assert.equal(o.site.log.filter((l) => l.path.startsWith('/side/')).length, 0);
    assert.deepEqual(await titles(dir, [`${o.base}/art/2026/6/18/art_74_6.html`, `${o.base}${buildPath(2)}`]), [hanwebTitle(6), buildTitle(2)]);
    // With maxPages 1, the column's page alone.
    const one = await crawlOnce([hanwebSource(o, { type: 'list' })]);
    assert.equal(one.report.documentsKept, 3);
  });

  it('recognises a Hanweb datastore and a build unit (SAMR spells it bulidstatic), and nothing on a plain list', () => {
    assert.equal(recogniseListFormat('<div id="1"><script type="text/xml"><datastore>\n<nextgroup><![CDATA[]]></nextgroup><recordset></recordset></datastore></script></div>'), 'hanweb');
    assert.equal(recogniseListFormat(`<script parseType="bulidstatic" url="/x/unit" queryData="{'a':'b'}"></script>`), 'buildunit');
    assert.equal(recogniseListFormat(`<SCRIPT src="/u.js" url="/api-gateway/jpaas-publish-server/front/page/build/unit" QUERYDATA="{}"></SCRIPT>`), 'buildunit');
    assert.equal(recogniseListFormat('<ul><li><a href="/a/t20260618_1.html">测试市人工智能政策文件发布</a><span>2026-06-18</span></li></ul><p>datastore</p>'), null);
    assert.equal(recogniseListFormat(`<script parseType="buildstatic" url="/x/unit"></script>`), null, 'no queryData: nothing to ask');
  });
});

describe('JSON list APIs in the real shapes', () => {
  it('gov.cn: a top-level array of TITLE/URL/DOCRELPUBTIME, with items absent or "."; NEA: datasource[] with a marked-up showTitle', async (t) => {
    const o = await officialSite(t);
    const { report, dir } = await crawlOnce([govSource(o), neaSource(o)]);
    assert.deepEqual(report.failures, []);
    assert.deepEqual(await titles(dir, [`${o.base}/zhengce/content/202606/content_7001.htm`, `${o.base}/20260618/0123456789abcdef0123456789abcdef/c.html`]), ['国务院办公厅关于加快人工智能产业发展的意见', '国家能源局关于人工智能赋能能源行业的通知']);
    const gov = readApiList('[{"TITLE":"国务院办公厅关于加快人工智能产业发展的意见","URL":"https://www.gov.cn/zhengce/content/202606/content_7001.htm","DOCRELPUBTIME":"2026-06-18"}]', 'https://www.gov.cn/zhengce/zuixin/ZUIXINZHENGCE.json', { items: '.', fields: { url: 'URL', title: 'TITLE', date: 'DOCRELPUBTIME' } });
    assert.deepEqual(gov, [{ url: 'https://www.gov.cn/zhengce/content/202606/content_7001.htm', title: '国务院办公厅关于加快人工智能产业发展的意见', listedAt: '2026-06-18T00:00:00+08:00' }]);
    const nea = readApiList(JSON.stringify({ datasource: [{ publishUrl: 'http://www.nea.gov.cn/20260618/0123456789abcdef0123456789abcdef/c.html', publishTime: '2026-06-18 10:00:00', showTitle: '国家能源局关于<br/>人工智能赋能能源行业的<font color="red">通知</font>' }] }), 'https://www.nea.gov.cn/policy/ds_7290c82b05cc4d49be4971ade193edfc.json', { items: 'datasource', fields: { url: 'publishUrl', title: 'showTitle', date: 'publishTime' } });
    assert.deepEqual(nea, [{ url: 'http://www.nea.gov.cn/20260618/0123456789abcdef0123456789abcdef/c.html', title: '国家能源局关于人工智能赋能能源行业的通知', listedAt: '2026-06-18T10:00:00+08:00' }]);
    assert.throws(() => readApiList('{"datasource":[]}', 'https://www.gov.cn/x.json', { fields: { url: 'URL', title: 'TITLE' } }), /接口 https:\/\/www\.gov\.cn\/x\.json 的 顶层 \(top level\) 不是数组/);
  });

  it('NFRA: data.rows[] that give only a docId, the address made from a template of the item\'s fields', () => {
    const rows = { rptCode: 200, msg: '成功', data: { total: 2, rows: [{ docId: 1234567, docTitle: '金融监管总局关于银行业人工智能应用风险管理的通知', publishDate: '2026-06-18 16:31:25' }, { docTitle: '缺少编号的条目', publishDate: '2026-06-18' }] } };
    const links = readApiList(JSON.stringify(rows), 'https://www.nfra.gov.cn/cn/static/data/DocInfo/SelectDocByItemIdAndChild/data_itemId=915,pageIndex=1,pageSize=18.json', {
      items: 'data.rows', fields: { url: '/cn/view/pages/ItemDetail.html?docId={docId}&itemId=915', title: 'docTitle', date: 'publishDate' },
    });
    assert.deepEqual(links, [{ url: 'https://www.nfra.gov.cn/cn/view/pages/ItemDetail.html?docId=1234567&itemId=915', title: '金融监管总局关于银行业人工智能应用风险管理的通知', listedAt: '2026-06-18T16:31:25+08:00' }]);
  });
});

describe('POST list APIs (api with method: POST)', () => {
  it('posts the form (a list repeats its field) with the Referer the API checks, reads the answer, and archives the request', async (t) => {
    const o = await officialSite(t);
    const { report, dir } = await crawlOnce([bseSource(o)]);
    assert.deepEqual(report.failures, []);
    assert.deepEqual(await titles(dir, [`${o.base}/news/t20260618_88.html`]), ['北京证券交易所发布人工智能企业上市指引']);
    const [post] = o.seen.filter((s) => s.url === '/info/listse.do');
    assert.equal(post!.method, 'POST');
    assert.equal(post!.body, 'nodeIds%5B%5D=1289&page=0&pageSize=20&needFields%5B%5D=title&needFields%5B%5D=linkUrl&needFields%5B%5D=publishDate');
    assert.match(post!.contentType ?? '', /^application\/x-www-form-urlencoded; charset=UTF-8$/);
    const archived = [];
    for await (const response of readWarcResponses(join(dir, 'archive.warc.gz'))) if (response.url.endsWith('/info/listse.do')) archived.push(response);
    assert.equal(archived[0]!.request?.body.toString(), post!.body);
  });

  it('encodes a JSON body as JSON, and refuses a body without method: POST', () => {
    const request = apiRequest({ type: 'api', url: 'https://a.gov.cn/api/list', method: 'POST', body: { page: { no: 1, size: 20 } }, bodyType: 'json', fields: { url: 'u', title: 't' } });
    assert.deepEqual([request.method, request.body, request.contentType], ['POST', '{"page":{"no":1,"size":20}}', 'application/json; charset=UTF-8']);
    assert.equal(apiRequest({ type: 'api', url: 'https://a.gov.cn/api/list', method: 'GET', bodyType: 'form', fields: { url: 'u', title: 't' } }).method, undefined);
    assert.throws(() => testSource('x', [{ type: 'api', url: 'https://a.gov.cn/api/list', body: 'page=1', fields: { url: 'u', title: 't' } }]), /body needs method: POST/);
    assert.throws(() => testSource('x', [{ type: 'api', url: 'https://a.gov.cn/api/list', method: 'POST', body: { page: { no: 1 } }, fields: { url: 'u', title: 't' } }]), /a form body holds text/);
  });

  it('a POST keeps robots rules, the address guard and retries, and a 303 is followed with a GET while a 307 posts again', async (t) => {
    let attempts = 0;
    const seen: Seen[] = [];
    const log: Record<string, Route> = {
      '/robots.txt': (_, res) => html(res, 'User-agent: *\nDisallow: /private/\n', { 'content-type': 'text/plain' }),
      '/private/list.do': (_, res) => json(res, []),
      '/flaky.do': async (req, res) => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', body: await bodyOf(req) });
        if (++attempts === 1) return json(res, { busy: true }, 503);
        json(res, [{ ok: true }]);
      },
      '/see-other.do': async (req, res) => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', body: await bodyOf(req) });
        res.writeHead(303, { location: '/list.json' }).end();
      },
      '/temporary.do': async (req, res) => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', body: await bodyOf(req) });
        res.writeHead(307, { location: '/flaky.do' }).end();
      },
      '/list.json': async (req, res) => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', body: await bodyOf(req) });
        json(res, [{ ok: 'get' }]);
      },
    };
    const site = await startSite(log);
    t.after(() => site.close());
    const fetcher = new LiveFetcher(fetcherOptions({ retries: 2, retryBaseMs: 5 }));
    const post = { allowPrivate: true, robots: 'obey', method: 'POST', body: 'page=1', contentType: 'application/x-www-form-urlencoded' } as const;
    await assert.rejects(fetcher.fetch(`${site.base}/private/list.do`, post), /robots\.txt 不允许抓取 .*\/private\/list\.do/);
    await assert.rejects(fetcher.fetch(`${site.base}/flaky.do`, { ...post, allowPrivate: false }), /拒绝访问私有地址/);
    const retried = await fetcher.fetch(`${site.base}/flaky.do`, post);
    assert.equal(retried.status, 200);
    assert.deepEqual(seen.map((s) => `${s.method} ${s.url} ${s.body}`), ['POST /flaky.do page=1', 'POST /flaky.do page=1']);
    seen.length = 0;
    const other = await fetcher.fetch(`${site.base}/see-other.do`, post);
    assert.equal(other.body.toString(), '[{"ok":"get"}]');
    const again = await fetcher.fetch(`${site.base}/temporary.do`, post);
    assert.equal(again.status, 200);
    assert.deepEqual(seen.map((s) => `${s.method} ${s.url} ${s.body}`), ['POST /see-other.do page=1', 'GET /list.json ', 'POST /temporary.do page=1', 'POST /flaky.do page=1']);
    assert.equal(again.request?.method, 'POST');
  });
});

describe('every format in one crawl, and sources check', () => {
  it('one crawl stores the documents of a Hanweb column, a build unit, gov.cn\'s and NEA\'s JSON and a POST API', async (t) => {
    const o = await officialSite(t);
    const { report, dir } = await crawlOnce([hanwebSource(o), buildSource(o), govSource(o, '.'), neaSource(o), bseSource(o)]);
    assert.deepEqual(report.failures, []);
    assert.equal(report.sourcesRead, 5);
    assert.equal(report.documentsKept, 6 + 2 + 1 + 1 + 1);
    const store = await openTestStore(dir);
    const counts: number[] = [];
    for (const id of ['cnipa', 'miit', 'gov-cn', 'nea', 'bse']) counts.push(await store.documentCount(id));
    assert.deepEqual(counts, [6, 2, 1, 1, 1]);
    await store.close();
  });

  it('sources check says which format it read each entry as, in its JSON and its human lines', async (t) => {
    const o = await officialSite(t);
    const dir = tempDir();
    const catalog = `- { id: cnipa, name: 国家知识产权局, tier: national, region: 全国, homepage: "${o.base}/", allowPrivate: true, entries: [{ type: list, url: "${o.base}/col/col74/index.html", maxPages: 2 }] }
- { id: miit, name: 工业和信息化部, tier: national, region: 全国, homepage: "${o.base}/", allowPrivate: true, entries: [{ type: buildunit, url: "${o.base}/zwgk/wjgs/index.html" }] }
- { id: gov-cn, name: 中国政府网, tier: national, region: 全国, homepage: "${o.base}/", allowPrivate: true, entries: [{ type: api, url: "${o.base}/zhengce/zuixin/ZUIXINZHENGCE.json", fields: { url: URL, title: TITLE, date: DOCRELPUBTIME } }] }
`;
    const config = configWithCatalog(dir, catalog);
    const asJson = await runCli(['sources', 'check', '--config', config, '--json']);
    assert.equal(asJson.code, 0, asJson.stderr);
    // One line per source, then the summary line.
    const checks = asJson.stdout.trim().split('\n').slice(0, -1).map((line) => JSON.parse(line) as { sourceId: string; ok: boolean; entries: { format: string | null; links: number; datedLinks: number }[] });
    assert.deepEqual(checks.map((c) => [c.sourceId, c.ok, c.entries[0]!.format, c.entries[0]!.links]), [['cnipa', true, 'hanweb', 6], ['miit', true, 'buildunit', 2], ['gov-cn', true, null, 1]]);
    const human = await runCli(['sources', 'check', '--config', config]);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /col74\/index\.html {2}ok {2}格式 hanweb {2}带日期链接 6 条/);
    assert.match(human.stdout, /wjgs\/index\.html {2}ok {2}格式 buildunit {2}带日期链接 2 条/);
    assert.match(human.stdout, /ZUIXINZHENGCE\.json {2}ok {2}带日期链接 1 条/);
  });
});
