import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import type { Brief } from '../src/domain/brief.ts';
import { openTestStore } from './storeFor.ts';
import { runCli, tempDir } from './helpers.ts';
import { configWithCatalog, crawlOnce, html, listPage, startSite, testSource, type TestSite } from './sites.ts';

const policy = '<p>为加快发展新质生产力，现印发人工智能+行动方案。方案提出，打造一批竞争力强的智能体，建设行业高质量数据集，发放算力券、数据券支持中小企业。</p><p>到2027年，全市数据产业规模超过500亿元。</p>';
const article = (title: string, body: string) =>
  `<html><head><meta charset="utf-8"><meta name="ArticleTitle" content="${title}"><meta name="PubDate" content="2026-06-18 09:00"></head>
   <body><h1>${title}</h1><div class="info">来源：测试市经济和信息化局</div><div class="TRS_Editor">${body}</div></body></html>`;

describe('a live run against an official site on loopback', () => {
  let site: TestSite;
  after(() => site.close());

  before(async () => {
    site = await startSite({
      '/list/': (_, res) => html(res, listPage([
        { href: '/art/t20260618_1.html', title: '测试市发布人工智能+行动方案' },
        { href: '/art/t20260618_2.html', title: '测试市数据局解读数据产业规划' },
        { href: '/art/t20260618_3.html', title: '测试市召开防汛工作会议部署' },
        { href: '/moved', title: '测试市旧栏目文章已经迁移' },
      ])),
      '/art/t20260618_1.html': (_, res) => html(res, article('测试市发布人工智能+行动方案', policy)),
      '/art/t20260618_2.html': (_, res) => html(res, iconv.encode(article('测试市数据局解读数据产业规划', '<p>解读文章指出，规划明确提出建设数据要素市场，推动公共数据资源开发利用，培育数据产业生态。</p><p>规划还要求完善数据基础设施，建设行业高质量数据集，探索数据资产入表。</p>'), 'gbk'), { 'content-type': 'text/html; charset=GBK' }),
      '/art/t20260618_3.html': (_, res) => html(res, 'busy', {}, 503),
      '/moved': (_, res) => html(res, '', { location: '/art/t20260618_1.html' }, 301),
    });
  });

  it('archives every response before parsing, stores articles once, and reports each failure by source', async () => {
    const { report, dir, archived } = await crawlOnce([testSource('test-city', [{ type: 'list', url: `${site.base}/list/` }])], { retries: 1 });
    assert.equal(report.sourcesRead, 1, JSON.stringify(report));
    assert.equal(report.documentsKept, 2, JSON.stringify(report));
    assert.equal(report.documentsKept, 2);
    assert.deepEqual(report.failures.map((f) => f.reason), ['HTTP 503']);
    // robots.txt (404 here), the list, both attempts at the 503, the redirect and its target: all archived.
    assert.deepEqual(archived.sort(), ['200 /art/t20260618_1.html', '200 /art/t20260618_1.html', '200 /art/t20260618_2.html', '200 /list/', '301 /moved', '404 /robots.txt', '503 /art/t20260618_3.html', '503 /art/t20260618_3.html']);
    const store = await openTestStore(dir);
    const gbk = (await store.documentByUrl(`${site.base}/art/t20260618_2.html`))!;
    assert.equal(gbk.title, '测试市数据局解读数据产业规划');
    assert.match(gbk.body, /培育数据产业生态/);
    await store.close();
  });

  it('refuses a loopback site unless the source allows private addresses, by IP and by name', async () => {
    const before = site.log.length;
    const port = site.host.split(':')[1];
    const { report } = await crawlOnce([
      testSource('by-ip', [{ type: 'list', url: `${site.base}/list/` }], { allowPrivate: false }),
      testSource('by-name', [{ type: 'list', url: `http://localhost:${port}/list/` }], { allowPrivate: false }),
    ]);
    assert.equal(report.pagesFetched, 0);
    assert.match(report.failures.find((f) => f.sourceId === 'by-ip')!.reason, /拒绝访问私有地址 http:\/\/127\.0\.0\.1:\d+\/list\/（127\.0\.0\.1）/);
    assert.match(report.failures.find((f) => f.sourceId === 'by-name')!.reason, /拒绝访问私有地址 http:\/\/localhost:\d+\/robots\.txt（DNS 解析为私有地址）/);
    assert.equal(site.log.length, before);
  });

  it('runs the whole job live with `xinzhi run` and a catalog of its own', async () => {
    const dir = tempDir();
    const config = configWithCatalog(dir, `- id: test-city\n  name: 测试市经济和信息化局\n  tier: municipal\n  region: 测试市\n  homepage: ${site.base}/\n  allowPrivate: true\n  entries:\n    - { type: list, url: "${site.base}/list/" }\n`);
    const result = await runCli(['run', '--date', '2026-06-19', '--config', config, '--data', join(dir, 'data'), '--out', join(dir, 'out'), '--json']);
    assert.equal(result.code, 0, result.stderr);
    const summary = JSON.parse(result.stdout) as { crawl: { documentsKept: number; failures: { sourceId: string }[] } };
    assert.equal(summary.crawl.documentsKept, 2);
    assert.deepEqual(summary.crawl.failures.map((f) => f.sourceId), ['test-city']);
    const brief = JSON.parse(readFileSync(join(dir, 'out', '2026-06-19', 'brief.json'), 'utf8')) as Brief;
    assert.equal(brief.items.length, 2);
    assert.deepEqual(brief.checks.filter((c) => !c.ok), []);
  });
});
