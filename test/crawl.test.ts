import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import type { Brief } from '../src/brief/model.ts';
import { crawlSources } from '../src/crawl/crawl.ts';
import { LiveFetcher } from '../src/crawl/live.ts';
import { readWarcResponses, WarcWriter } from '../src/crawl/warc.ts';
import type { Source } from '../src/config/schema.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { repoRoot, runCli, tempDir } from './helpers.ts';

const article = (title: string, source: string, body: string) =>
  `<html><head><meta charset="utf-8"><meta name="ArticleTitle" content="${title}"><meta name="PubDate" content="2026-06-18 09:00"></head>
   <body><h1>${title}</h1><div class="info">来源：${source}</div><div class="TRS_Editor">${body}</div></body></html>`;

const policy = '<p>为加快发展新质生产力，现印发人工智能+行动方案。方案提出，打造一批竞争力强的智能体，建设行业高质量数据集，发放算力券、数据券支持中小企业。</p><p>到2027年，全市数据产业规模超过500亿元。</p>';

/** A small official site on loopback: a list page, a UTF-8 and a GBK article, a failing page. */
function siteHandler(requests: string[]) {
  return (req: { url?: string }, res: { writeHead: (s: number, h?: Record<string, string>) => void; end: (b?: string | Buffer) => void }) => {
    requests.push(req.url ?? '');
    switch (req.url) {
      case '/list/':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(`<html><body><a href="/">首页导航链接</a><ul class="list">
          <li><a href="/art/t20260618_1.html">测试市发布人工智能+行动方案</a><span>2026-06-18</span></li>
          <li><a href="/art/t20260618_2.html">测试市数据局解读数据产业规划</a><span>2026-06-18</span></li>
          <li><a href="/art/t20260618_3.html">测试市召开防汛工作会议部署</a><span>2026-06-18</span></li>
          <li><a href="/moved">测试市旧栏目文章已经迁移</a><span>2026-06-18</span></li></ul></body></html>`);
      case '/art/t20260618_1.html':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(article('测试市发布人工智能+行动方案', '测试市经济和信息化局', policy));
      case '/art/t20260618_2.html':
        res.writeHead(200, { 'content-type': 'text/html; charset=GBK' });
        return res.end(iconv.encode(article('测试市数据局解读数据产业规划', '测试市经济和信息化局', '<p>解读文章指出，规划明确提出建设数据要素市场，推动公共数据资源开发利用，培育数据产业生态。</p><p>规划还要求完善数据基础设施，建设行业高质量数据集，探索数据资产入表。</p>'), 'gbk'));
      case '/art/t20260618_3.html':
        res.writeHead(503, { 'content-type': 'text/html' });
        return res.end('busy');
      case '/moved':
        res.writeHead(301, { location: '/art/t20260618_1.html' });
        return res.end();
      default:
        res.writeHead(404);
        return res.end('not found');
    }
  };
}

describe('live crawl against a site on loopback', () => {
  const requests: string[] = [];
  let server: Server;
  let base: string;

  before(async () => {
    server = createServer(siteHandler(requests));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const source = (allowPrivate: boolean): Source => ({
    id: 'test-city', name: '测试市经济和信息化局', aliases: [], tier: 'municipal', region: '测试市', homepage: `${base}/`,
    entries: [{ type: 'list', url: `${base}/list/` }], verified: false, allowPrivate,
  });

  it('archives every response before parsing, stores articles, and reports each failure by source', async () => {
    const dir = tempDir();
    const store = new SqliteStore(join(dir, 'data'));
    const archivePath = join(dir, 'data', 'archives', 'day.warc.gz');
    const fetcher = new LiveFetcher({ userAgent: 'xinzhi-test', timeoutMs: 5000, maxBytes: 1_000_000, hostDelayMs: 20 });
    const report = await crawlSources([source(true)], { fetcher, store, runId: store.startRun('2026-06-19', 'live'), archive: new WarcWriter(archivePath), maxArticlesPerSource: 10 });
    assert.equal(report.sourcesRead, 1);
    assert.equal(report.pagesFetched, 5);
    assert.equal(report.documentsKept, 2);
    assert.equal(store.documentsPublishedBetween(new Date('2026-06-17T16:00:00Z'), new Date('2026-06-18T16:00:00Z')).length, 2);
    assert.deepEqual(report.failures.map((f) => f.reason), ['HTTP 503']);
    const archived = [];
    for await (const response of readWarcResponses(archivePath)) archived.push(`${response.status} ${new URL(response.url).pathname}`);
    // The redirected link is archived and stored under the address it ended at: one document, not two.
    assert.deepEqual(archived.sort(), ['200 /art/t20260618_1.html', '200 /art/t20260618_1.html', '200 /art/t20260618_2.html', '200 /list/', '503 /art/t20260618_3.html']);
    const gbk = store.documentByUrl(`${base}/art/t20260618_2.html`)!;
    assert.equal(gbk.title, '测试市数据局解读数据产业规划');
    assert.match(gbk.body, /培育数据产业生态/);
    store.close();
  });

  it('refuses a loopback site unless the source allows private addresses', async () => {
    const dir = tempDir();
    const store = new SqliteStore(dir);
    const fetcher = new LiveFetcher({ userAgent: 'xinzhi-test', timeoutMs: 5000, maxBytes: 1_000_000 });
    const before = requests.length;
    const report = await crawlSources([source(false)], { fetcher, store, runId: store.startRun('2026-06-19', 'live'), maxArticlesPerSource: 10 });
    assert.equal(report.pagesFetched, 0);
    assert.match(report.failures[0]!.reason, /拒绝访问私有地址 http:\/\/127\.0\.0\.1:\d+\/list\/（127\.0\.0\.1）/);
    assert.equal(requests.length, before);
    store.close();
  });

  it('runs the whole job live with `xinzhi run` and a catalog of its own', async () => {
    const dir = tempDir();
    cpSync(join(repoRoot, 'config'), join(dir, 'config'), { recursive: true });
    const catalog = join(dir, 'loopback-sources.yaml');
    writeFileSync(catalog, `- id: test-city\n  name: 测试市经济和信息化局\n  tier: municipal\n  region: 测试市\n  homepage: ${base}/\n  allowPrivate: true\n  entries:\n    - { type: list, url: "${base}/list/" }\n`);
    const config = join(dir, 'config', 'xinzhi.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('minItems: 3', 'minItems: 1').replace(/^sources: sources /m, `sources: ${catalog} `));
    const result = await runCli(['run', '--date', '2026-06-19', '--config', config, '--data', join(dir, 'data'), '--out', join(dir, 'out'), '--json']);
    assert.equal(result.code, 0, result.stderr);
    const summary = JSON.parse(result.stdout) as { crawl: { pagesFetched: number; failures: { sourceId: string }[] } };
    assert.equal(summary.crawl.pagesFetched, 5);
    assert.deepEqual(summary.crawl.failures.map((f) => f.sourceId), ['test-city']);
    const brief = JSON.parse(readFileSync(join(dir, 'out', '2026-06-19', 'brief.json'), 'utf8')) as Brief;
    assert.equal(brief.items.length, 2);
    assert.deepEqual(brief.checks.filter((c) => !c.ok), []);
  });
});
