import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { crawlSources } from '../src/pipeline/crawl.ts';
import { importArchives } from '../src/crawl/import.ts';
import { ReplayFetcher } from '../src/crawl/replay.ts';
import { continuationPages, maxDocumentPages } from '../src/extract/pagination.ts';
import { openTestStore } from './storeFor.ts';
import { tempDir } from './helpers.ts';
import { crawlOnce, html, listPage, startSite, testSource, type Route } from './sites.ts';

/** Case 07 of issue 13, read in place from the shared tree (never copied into the repository). */
const casePage = fileURLToPath(new URL('./fixtures/extract-cases/07-trs-article-pagination.html', import.meta.url));
const caseUrl = (JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/extract-cases/expected.json', import.meta.url)), 'utf8')) as Record<string, { url: string }>)['07-trs-article-pagination.html']!.url;

const page = (body: string) => `<html><head><title>某市政府</title></head><body><h1>关于某事项的通知</h1>${body}</body></html>`;

describe('continuationPages', () => {
  it('reads the TRS pager of case 07: createPageHTML(3, 0, …) gives pages _1 and _2 beside page 1', () => {
    assert.deepEqual(continuationPages(readFileSync(casePage, 'utf8'), caseUrl), [
      'https://fgw.example.gov.cn/zwgk/ghjh/202406/t20240618_1234567_1.html',
      'https://fgw.example.gov.cn/zwgk/ghjh/202406/t20240618_1234567_2.html',
    ]);
  });

  it('takes the count and extension the call gives, single quotes and spacing alike, and on page _2 only the pages after it', () => {
    const url = 'http://www.example.gov.cn/zcwj/202501/t20250107_99.shtml';
    assert.deepEqual(continuationPages(page(`<script>createPageHTML( 4 ,0, 't20250107_99' , 'shtml');</script>`), url), [1, 2, 3].map((i) => url.replace('.shtml', `_${i}.shtml`)));
    const third = url.replace('.shtml', '_2.shtml');
    assert.deepEqual(continuationPages(page(`<script>createPageHTML(4, 2, "t20250107_99", "shtml");</script>`), third), [url.replace('.shtml', '_3.shtml')]);
    // The last page continues nothing.
    assert.deepEqual(continuationPages(page(`<script>createPageHTML(4, 3, "t20250107_99", "shtml");</script>`), url.replace('.shtml', '_3.shtml')), []);
  });

  it('finds no continuation in a one-page document, nor in a pager for another base name (a list in a sidebar)', () => {
    const url = 'http://www.example.gov.cn/zcwj/202501/t20250107_99.html';
    assert.deepEqual(continuationPages(page('<script>createPageHTML(1, 0, "t20250107_99", "html");</script>'), url), []);
    assert.deepEqual(continuationPages(page('<script>createPageHTML(5, 0, "index", "html");</script>'), url), []);
    assert.deepEqual(continuationPages(page('<p>没有分页</p>'), url), []);
  });

  it('reads a plain pager of numbered links and 下一页, in page order, without the page itself or page 1', () => {
    const url = 'https://www.example.gov.cn/art/2024/6/18/art_1_4588.html';
    const pager = '<div class="pages"><a href="art_1_4588.html">1</a><a href="art_1_4588_2.html">3</a><a href="./art_1_4588_1.html">2</a><a href="art_1_4588_1.html">下一页</a></div>';
    const expected = [1, 2].map((i) => url.replace('.html', `_${i}.html`));
    assert.deepEqual(continuationPages(page(pager), url), expected);
    // On page 2 the same pager gives page 3 only: page 1 is the document's first page, page 2 the page itself.
    assert.deepEqual(continuationPages(page(pager), expected[0]!), [expected[1]]);
  });

  it('ignores pagers that lead to another host or folder, sibling articles that only look like pages, and caps the count', () => {
    const url = 'https://www.example.gov.cn/art/2024/6/18/art_1_20.html';
    const elsewhere = '<a href="https://mirror.example.com/art/2024/6/18/art_1_20_1.html">下一页</a><a href="/other/art_1_20_2.html">3</a>';
    assert.deepEqual(continuationPages(page(elsewhere), url), []);
    // art_1_21 is the next article of the folder, not page 21 of art_1: no link back to an art_1 page.
    assert.deepEqual(continuationPages(page('<ul><li><a href="art_1_21.html">相关文件</a></li></ul>'), url.replace('_20.', '_3.')), []);
    const many = continuationPages(page('<script>createPageHTML(5000, 0, "art_1_20", "html");</script>'), url);
    assert.equal(many.length, maxDocumentPages - 1);
    assert.ok(!many.includes(url));
  });
});

/** A page of a three-page TRS document: each page carries the pager call with its own index. */
function trsPage(index: number, text: string): string {
  return `<html><head><meta name="ArticleTitle" content="测试市人工智能产业发展三年行动计划"><meta name="PubDate" content="2026-06-18 09:00"></head><body>
    <h1>测试市人工智能产业发展三年行动计划</h1><div class="info">发布时间：2026-06-18 09:00\u3000来源：测试市发展和改革委员会</div>
    <div class="TRS_Editor"><p>${text}</p><p>本页为该文件第 ${index + 1} 页，共 3 页，全文较长，按内容管理系统的设置分页发布，请读者依次阅读各页内容。</p></div>
    <script>createPageHTML(3, ${index}, "t20260618_77", "html");</script></body></html>`;
}

const texts = [
  '第一页：为加快发展新质生产力，推动人工智能与实体经济深度融合，结合本市实际，制定本行动计划。',
  '第二页：支持建设行业高质量数据集，发放算力券和数据券，培育一批智能体应用场景和骨干企业。',
  '第三页：各区各部门要加强组织领导，压实工作责任，确保各项任务按期完成，本计划自印发之日起施行。',
];

async function paginatedSite(t: TestContext, third: Route = (_, res) => html(res, trsPage(2, texts[2]!))) {
  const site = await startSite({
    '/list/': (_, res) => html(res, listPage([{ href: '/a/t20260618_77.html', title: '测试市人工智能产业发展三年行动计划' }])),
    '/a/t20260618_77.html': (_, res) => html(res, trsPage(0, texts[0]!)),
    '/a/t20260618_77_1.html': (_, res) => html(res, trsPage(1, texts[1]!)),
    '/a/t20260618_77_2.html': third,
  });
  t.after(() => site.close());
  return site;
}

describe('paginated articles, crawled and replayed', () => {
  it('fetches and archives every page of a three-page document and stores one body in page order; a replay and an import give the same body', async (t) => {
    const site = await paginatedSite(t);
    const source = testSource('paged', [{ type: 'list', url: `${site.base}/list/` }]);
    const { report, dir, archived } = await crawlOnce([source]);
    assert.deepEqual(report.failures, []);
    assert.equal(report.documentsKept, 1);
    for (const path of ['/a/t20260618_77.html', '/a/t20260618_77_1.html', '/a/t20260618_77_2.html']) assert.ok(archived.includes(`200 ${path}`), `${path} archived`);
    const docUrl = `${site.base}/a/t20260618_77.html`;
    const stored = await openTestStore(dir);
    const doc = (await stored.documentByUrl(docUrl))!;
    await stored.close();
    const at = texts.map((text) => doc.body.indexOf(text));
    assert.ok(at.every((i, n) => i >= 0 && (n === 0 || i > at[n - 1]!)), `pages in order in: ${doc.body}`);
    assert.equal(doc.title, '测试市人工智能产业发展三年行动计划');
    assert.equal(doc.publisher, '测试市发展和改革委员会');

    // The archive replayed through the crawl: the same path, the same document; the server is not asked.
    const hits = site.log.length;
    const archive = join(dir, 'archive.warc.gz');
    const replay = await ReplayFetcher.open(archive);
    const replayDir = tempDir();
    const replayStore = await openTestStore(replayDir);
    const replayed = await crawlSources([source], {
      fetcher: replay, store: replayStore, runId: await replayStore.startRun('2026-06-19', 'replay'), maxArticlesPerSource: 50, concurrency: 1,
      conditional: false, emptyRunsAlert: 3, covers: (url) => replay.covers(url),
    });
    assert.deepEqual(replayed.failures, []);
    assert.equal((await replayStore.documentByUrl(docUrl))?.body, doc.body);
    await replayStore.close();
    assert.equal(site.log.length, hits);

    // Imported: the continuation pages are joined into page 1's document, not documents of their own.
    const importStore = await openTestStore(tempDir());
    const imported = await importArchives(archive, [source], importStore, await importStore.startRun('2026-06-19', 'import'));
    assert.equal(imported.documents, 1);
    assert.equal(imported.partialDocuments, undefined);
    assert.equal((await importStore.documentByUrl(docUrl))?.body, doc.body);
    assert.equal(await importStore.documentByUrl(`${site.base}/a/t20260618_77_1.html`), undefined);
    await importStore.close();
  });

  it('keeps a document whose last page fails with the pages it had, and reports the page and the partial document', async (t) => {
    const site = await paginatedSite(t, (_, res) => html(res, 'gone', {}, 404));
    const source = testSource('paged', [{ type: 'list', url: `${site.base}/list/` }]);
    const { report, dir } = await crawlOnce([source]);
    const docUrl = `${site.base}/a/t20260618_77.html`;
    const lastUrl = `${site.base}/a/t20260618_77_2.html`;
    const failures = report.failures.map((f) => [f.sourceId, f.url, f.reason.split(' ')[0]]);
    assert.deepEqual(failures.sort(), [
      ['paged', docUrl, '文档不完整，缺续页'],
      ['paged', lastUrl, 'HTTP'],
    ].sort());
    assert.ok(report.failures.some((f) => f.url === docUrl && f.reason.includes(lastUrl)));
    assert.equal(report.documentsKept, 1);
    const store = await openTestStore(dir);
    const body = (await store.documentByUrl(docUrl))!.body;
    await store.close();
    assert.ok(body.includes(texts[0]!) && body.includes(texts[1]!) && !body.includes(texts[2]!));

    // The import of that archive knows the same: the document is partial, the missing page named.
    const importStore = await openTestStore(tempDir());
    const imported = await importArchives(join(dir, 'archive.warc.gz'), [source], importStore, await importStore.startRun('2026-06-19', 'import'));
    assert.deepEqual(imported.partialDocuments, [{ url: docUrl, missing: [lastUrl] }]);
    assert.equal((await importStore.documentByUrl(docUrl))?.body, body);
    await importStore.close();
  });
});
