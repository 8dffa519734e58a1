import assert from 'node:assert/strict';
import { mkdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { JSDOM } from 'jsdom';
import { taxonomySegmenter } from '../src/analyze/relevance.ts';
import type { Brief } from '../src/domain/brief.ts';
import { formatReference } from '../src/brief/references.ts';
import { loadConfig } from '../src/config/load.ts';
import { searchArchive } from '../src/store/search.ts';
import type { ExtractedArticle } from '../src/domain/article.ts';
import type { StoredDocument } from '../src/domain/document.ts';
import { SAMPLE_ISSUE, sampleDay, signedIn, startDesk, VIEWER, type TestDesk } from './deskHarness.ts';
import { repoRoot } from './helpers.ts';
import { openTestStore } from './storeFor.ts';

/** A page's document, parsed (jsdom runs no script). */
function page(body: string): Document {
  return new JSDOM(body).window.document;
}

interface Hit {
  kind: string;
  href: string;
  marks: string[];
  snippet: string;
}

/** The hits of a results page, in order: kind badge, link, marked words, snippet text. */
function hitsOf(body: string): Hit[] {
  return [...page(body).querySelectorAll('li.hit')].map((li) => ({
    kind: li.querySelector('.badge')!.textContent!,
    href: li.querySelector('a')!.getAttribute('href')!,
    marks: [...li.querySelectorAll('.snippet mark')].map((mark) => mark.textContent!),
    snippet: li.querySelector('.snippet')!.textContent!,
  }));
}

// The sample day is made once, here at the file's top: made inside a test, its folder would be removed when
// that test ends (tempDir's after() belongs to the test it is called in), and the next copy would fail.
await sampleDay();

const search = (params: Record<string, string>) => `/archive?${new URLSearchParams(params).toString()}`;

/**
 * Every document of the desk's store, through the Store: those published at any time, checked against the
 * configured sources' counts so that an undated document, or one of another source, could not be missed.
 */
async function allDocuments(desk: TestDesk): Promise<StoredDocument[]> {
  const documents = await desk.store.documentsPublishedBetween(new Date('1970-01-01T00:00:00Z'), new Date('2100-01-01T00:00:00Z'));
  let held = 0;
  for (const source of desk.loaded.sources) held += await desk.store.documentCount(source.id);
  assert.equal(documents.length, held, 'every stored document is dated and of a configured source');
  return documents;
}

/** Documents whose title or body holds `text` (the sample's texts are simplified already): what a search must find. */
async function documentsHolding(desk: TestDesk, text: string): Promise<string[]> {
  return (await allDocuments(desk)).filter((doc) => doc.title.includes(text) || doc.body.includes(text)).map((doc) => doc.url).sort();
}

/** Saves a document into the desk's data folder through an indexing store, as a run would. */
async function addDocument(desk: TestDesk, url: string, title: string, paragraphs: string[]): Promise<void> {
  const writer = await openTestStore(desk.data, { searchSegment: taxonomySegmenter(desk.loaded.taxonomy) });
  try {
    const runId = await writer.startRun(SAMPLE_ISSUE, 'live');
    const { id } = await writer.saveResponse(runId, 'nda', { url, status: 200, headers: {}, body: Buffer.from(url), fetchedAt: '2026-06-18T08:00:00Z' });
    const article: ExtractedArticle = { kind: 'article', title, publishedAt: '2026-06-18T16:00:00+08:00', publisher: null, repostOf: null, docNumber: null, siteName: null, paragraphs, attachments: [] };
    await writer.saveDocument('nda', url, id, article);
  } finally {
    await writer.close();
  }
}

async function sampleBrief(desk: TestDesk): Promise<Brief> {
  return (await desk.desk.machineDraft(SAMPLE_ISSUE))!.brief;
}

describe('archive search', () => {
  it('finds the sample issue and every document holding 算力 (two characters), matched words marked', async () => {
    const desk = await startDesk();
    const visitor = await signedIn(desk.app, VIEWER);
    const response = await visitor.get(search({ q: '算力' }));
    assert.equal(response.statusCode, 200);
    const hits = hitsOf(response.body);
    assert.ok(hits.some((hit) => hit.kind === '期刊' && hit.href === `/archive/${SAMPLE_ISSUE}`), 'the issue is found');
    const documents = hits.filter((hit) => hit.kind === '文档').map((hit) => hit.href).sort();
    assert.equal(documents.length, 8);
    assert.deepEqual(documents, await documentsHolding(desk, '算力'));
    for (const hit of hits) assert.ok(hit.marks.length > 0 && hit.marks.every((mark) => mark.includes('算力')), JSON.stringify(hit));
    // A document links out to its source, with no opener or Referer.
    const link = page(response.body).querySelector('li.hit a[href^="http"]')!;
    assert.equal(link.getAttribute('rel'), 'noopener noreferrer nofollow');
    assert.equal(link.getAttribute('target'), '_blank');
  });

  it('finds 数据 inside longer words (数据产业, 数据中心) and in 大数据: every document holding it', async () => {
    const desk = await startDesk();
    await addDocument(desk, 'https://www.nda.gov.cn/big-data', '贵州推进大数据发展', ['贵州省加快推进大数据发展，建设国家大数据综合试验区。']);
    // 数据中心 is one word of the taxonomy's segmenter: this text holds 数据 only inside it.
    assert.deepEqual(taxonomySegmenter(desk.loaded.taxonomy).cut('枢纽节点数据中心集群'), ['枢纽', '节点', '数据中心', '集群']);
    await addDocument(desk, 'https://www.nda.gov.cn/centre', '枢纽节点建设', ['加快建设国家枢纽节点数据中心集群。']);
    const visitor = await signedIn(desk.app);
    const hits = hitsOf((await visitor.get(search({ q: '数据', kind: 'document' }))).body);
    assert.deepEqual(hits.map((hit) => hit.href).sort(), await documentsHolding(desk, '数据'));
    const centre = hits.find((hit) => hit.href === 'https://www.nda.gov.cn/centre');
    assert.deepEqual(centre && [centre.snippet, centre.marks], ['加快建设国家枢纽节点数据中心集群。', ['数据']]);
    const big = hitsOf((await visitor.get(search({ q: '大数据' }))).body);
    assert.deepEqual(big.map((hit) => hit.href), ['https://www.nda.gov.cn/big-data']);
    assert.ok(big[0]!.marks.join('').includes('大数据'), JSON.stringify(big[0]));
  });

  it('narrows by kind, tier, issuing body, theme and dates, for documents as for issues', async () => {
    const desk = await startDesk();
    const visitor = await signedIn(desk.app);
    const hrefs = async (params: Record<string, string>) => hitsOf((await visitor.get(search({ q: '算力', ...params }))).body).map((hit) => hit.href).sort();
    const all = await hrefs({});
    const issue = `/archive/${SAMPLE_ISSUE}`;
    const documents = await allDocuments(desk);
    const urlOf = (title: string, source: string) => {
      const found = documents.filter((doc) => doc.title === title && doc.sourceId === source);
      assert.equal(found.length, 1, `${source}: ${title}`);
      return found[0]!.url;
    };
    const sseTitle = '上交所发布人工智能大模型企业适用科创板第五套上市标准审核指引';
    assert.deepEqual(await hrefs({ kind: 'issue' }), [issue]);
    assert.deepEqual(await hrefs({ kind: 'document' }), all.filter((href) => href !== issue));
    // The two copies of the exchange's guideline, and the issue with a section of that tier.
    assert.deepEqual(await hrefs({ tier: 'exchange' }), [issue, urlOf(sseTitle, 'sh-jrj'), urlOf(sseTitle, 'sse')].sort());
    const byBody = await hrefs({ body: '国家数据局' });
    assert.ok(byBody.includes(issue) && byBody.length > 1 && byBody.length < all.length, JSON.stringify(byBody));
    const facetOf = async (href: string) => desk.store.documentFacet((await desk.store.documentByUrl(href))!.id);
    for (const href of byBody.filter((h) => h !== issue)) assert.equal((await facetOf(href))?.issuer, '国家数据局');
    const byTheme = await hrefs({ theme: '资本市场与科技企业' });
    assert.ok(byTheme.includes(issue) && byTheme.length > 1 && byTheme.length < all.length, JSON.stringify(byTheme));
    for (const href of byTheme.filter((h) => h !== issue)) assert.ok((await facetOf(href))?.themes.includes('资本市场与科技企业'), href);
    // The only 算力 document published before the 18th (Shanghai) is the ministry's list of the 16th; the issue is of the 19th.
    assert.deepEqual(await hrefs({ to: '2026-06-17' }), [urlOf('工业和信息化部公布2026年人工智能赋能新型工业化典型应用案例名单', 'miit')]);
    assert.deepEqual(await hrefs({ from: '2026-06-19' }), [issue]);
    // A day that is not one is said on the page, not a server error.
    const bad = await visitor.get(search({ q: '算力', from: '2026-02-30' }));
    assert.equal(bad.statusCode, 200);
    assert.match(page(bad.body).querySelector('[role="alert"]')!.textContent!, /2026-02-30/);
  });

  it('reads hostile query text as plain text and shows a page’s <script> as text', async () => {
    const desk = await startDesk();
    await addDocument(desk, 'https://www.nda.gov.cn/hostile', '<img src=x onerror=alert(1)>专项通知', ['<script>alert("x")</script>鲲鹏计划启动，NEAR(算力 数据) 一并推进。']);
    const visitor = await signedIn(desk.app);
    for (const q of ['" OR * NEAR(', '算力" OR "数据', ') AND (', 'title:算力', '*', '"><script>alert(1)</script>']) {
      const response = await visitor.get(search({ q }));
      assert.equal(response.statusCode, 200, q);
      assert.equal(page(response.body).querySelector('input[name="q"]')!.getAttribute('value'), q);
      assert.doesNotMatch(response.body, /<script>alert/);
    }
    // Punctuation alone is no word to look for, and says so.
    assert.equal(page((await visitor.get(search({ q: '" * ( )' }))).body).querySelector('[role="status"]')!.textContent, '检索词里没有可查的字词。');
    // Typed FTS5 syntax is words: NEAR( 算力 must occur as written.
    assert.deepEqual(hitsOf((await visitor.get(search({ q: 'NEAR(算力' }))).body).map((hit) => hit.href), ['https://www.nda.gov.cn/hostile']);
    const response = await visitor.get(search({ q: '鲲鹏' }));
    const [hit] = hitsOf(response.body);
    assert.equal(hit?.href, 'https://www.nda.gov.cn/hostile');
    assert.match(hit!.snippet, /<script>alert\("x"\)<\/script>鲲鹏计划启动/);
    assert.match(response.body, /&lt;script&gt;alert\(/);
    assert.doesNotMatch(response.body, /<script>alert|<img src=x/);
    assert.equal(page(response.body).querySelectorAll('script, img').length, 0);
  });

  it('indexes at start what a store without a segmenter wrote', async () => {
    const folders = await sampleDay();
    // A store without a segment (as crawl and render open it) writes every document and the issue again:
    // each loses its search entry until something reindexes.
    const plain = await openTestStore(folders.data);
    const documents = await plain.documentsPublishedBetween(new Date('1970-01-01T00:00:00Z'), new Date('2100-01-01T00:00:00Z'));
    assert.ok(documents.length > 1);
    const runId = await plain.startRun(SAMPLE_ISSUE, 'live');
    const { id: responseId } = await plain.saveResponse(runId, null, { url: 'https://www.nda.gov.cn/rewrite', status: 200, headers: {}, body: Buffer.from('x'), fetchedAt: '2026-06-19T00:00:00Z' });
    for (const doc of documents) {
      const { title, publishedAt, publisher, repostOf, docNumber, siteName, attachments } = doc;
      await plain.saveDocument(doc.sourceId, doc.url, responseId, { kind: 'article', title, publishedAt, publisher, repostOf, docNumber, siteName, attachments, paragraphs: doc.body.split('\n') });
    }
    const draft = (await plain.desk.machineDraft(SAMPLE_ISSUE))!;
    const shares = (await plain.issueThemeShares()).find((issue) => issue.issueDate === SAMPLE_ISSUE)!.shares;
    await plain.saveIssue(SAMPLE_ISSUE, draft.brief, shares);
    const gaps = await plain.searchIndexGaps();
    assert.equal(gaps.documents, documents.length);
    assert.ok(gaps.issues > 0, JSON.stringify(gaps));
    assert.deepEqual(await searchArchive(plain, taxonomySegmenter(loadConfig(join(repoRoot, 'config/xinzhi.yaml')).taxonomy), '算力'), []);
    await plain.close();
    const desk = await startDesk({ folders });
    assert.deepEqual(await desk.store.searchIndexGaps(), { documents: 0, issues: 0 });
    const visitor = await signedIn(desk.app);
    assert.ok(hitsOf((await visitor.get(search({ q: '算力' }))).body).length > 1);
  });
});

describe('archive pages', () => {
  it('lists every issue newest first, with items, publication and revisions, a page at a time', async () => {
    const desk = await startDesk();
    const brief = await sampleBrief(desk);
    // 24 more issues, a day apart, back from the 18th: 25 in all, over several ISO weeks.
    const dates: string[] = [];
    for (let i = 1; i <= 24; i++) {
      const date = new Date(Date.parse(`${SAMPLE_ISSUE}T00:00:00Z`) - i * 86400_000).toISOString().slice(0, 10);
      dates.push(date);
      await desk.store.saveIssue(date, { ...brief, date, items: brief.items.slice(0, 1 + (i % 5)) }, i % 2 ? { 算力: 0.6, 数据要素: 0.4 } : { 人工智能: 0.7, 算力: 0.3 });
    }
    const now = desk.clock.now;
    await desk.desk.addRevision(SAMPLE_ISSUE, brief, '张编辑', 'draft', null, now);
    await desk.desk.recordPublication({ issueDate: SAMPLE_ISSUE, revision: 1, publishedBy: '张编辑', publishedAt: '2026-06-19T01:30:00Z', note: null });
    await desk.desk.addRevision(SAMPLE_ISSUE, { ...brief, title: '新质生产力每日动态（更正）' }, '张编辑', 'correction', '更正标题', now);
    await desk.desk.recordPublication({ issueDate: SAMPLE_ISSUE, revision: 2, publishedBy: '张编辑', publishedAt: '2026-06-19T03:00:00Z', note: '更正标题' });

    const visitor = await signedIn(desk.app, VIEWER);
    const first = page((await visitor.get('/archive')).body);
    const rows = [...first.querySelectorAll('table.issue-list tbody tr')];
    assert.equal(rows.length, 20);
    const cells = (row: Element) => [...row.children].map((cell) => cell.textContent!.trim());
    assert.deepEqual(rows.map((row) => cells(row)[0]), [SAMPLE_ISSUE, ...dates.slice(0, 19)]);
    // The latest revision's title; its five sections; published 09:30 Shanghai, corrected once; two revisions.
    assert.deepEqual(cells(rows[0]!), [SAMPLE_ISSUE, '新质生产力每日动态（更正）', '5', '已发布 2026-06-19 09:30（更正 1 次）', '2']);
    assert.deepEqual(cells(rows[1]!).slice(2), ['2', '未发布', '0']);
    const second = page((await visitor.get('/archive?page=2')).body);
    assert.deepEqual([...second.querySelectorAll('table.issue-list tbody tr th')].map((cell) => cell.textContent), dates.slice(19));
    assert.equal(second.querySelector('a[rel="prev"]')!.getAttribute('href'), '/archive');
    // The chart: one bar per theme and week with issues, over the four ISO weeks the issues span.
    const svg = first.querySelector('svg.theme-chart-svg')!;
    assert.equal(svg.getAttribute('role'), 'img');
    assert.ok(svg.querySelector('title')!.textContent && svg.querySelector('desc')!.textContent!.includes('2026-W22'));
    const weeks = new Set([...svg.querySelectorAll('rect.bar title')].map((title) => title.textContent!.slice(0, 8)));
    assert.deepEqual([...weeks].sort(), ['2026-W22', '2026-W23', '2026-W24', '2026-W25']);
    assert.equal(first.querySelectorAll('details.chart-table tbody tr').length, 4);
    assert.equal(first.querySelectorAll('[style]').length, 0, 'no inline style: the CSP forbids it');
  });

  it('shows an issue read-only: the draft when never published, then its editions and corrections, and its files', async () => {
    const desk = await startDesk();
    const visitor = await signedIn(desk.app);
    let doc = page((await visitor.get(`/archive/${SAMPLE_ISSUE}`)).body);
    assert.match(doc.querySelector('#editions-title')!.textContent!, /机器草稿/);
    assert.equal(doc.querySelectorAll('article.edition ol.brief-items > li').length, 5);
    const downloads = [...doc.querySelectorAll('ul.downloads a')].map((a) => a.getAttribute('href'));
    for (const name of ['brief.pdf', 'brief.docx', 'brief.html', 'brief.wechat.html', 'brief.json']) assert.ok(downloads.includes(`/archive/${SAMPLE_ISSUE}/files/${name}`), name);
    assert.ok(doc.querySelector('svg.theme-chart-svg rect.bar'));
    // References link out through outsideLink.
    assert.ok([...doc.querySelectorAll('.references a')].every((a) => a.getAttribute('rel') === 'noopener noreferrer nofollow'));

    const brief = await sampleBrief(desk);
    await desk.desk.addRevision(SAMPLE_ISSUE, brief, '张编辑', 'draft', null, desk.clock.now);
    await desk.desk.recordPublication({ issueDate: SAMPLE_ISSUE, revision: 1, publishedBy: '张编辑', publishedAt: '2026-06-19T01:30:00Z', note: null });
    await desk.desk.addRevision(SAMPLE_ISSUE, { ...brief, abstract: '更正后的摘要。' }, '李编辑', 'correction', '摘要数字有误', desk.clock.now);
    await desk.desk.recordPublication({ issueDate: SAMPLE_ISSUE, revision: 2, publishedBy: '李编辑', publishedAt: '2026-06-19T04:00:00Z', note: '摘要数字有误' });
    doc = page((await visitor.get(`/archive/${SAMPLE_ISSUE}`)).body);
    const editions = [...doc.querySelectorAll('article.edition')];
    assert.equal(editions.length, 2);
    assert.match(editions[0]!.textContent!, /更正 1[\s\S]*2026-06-19 12:00 由 李编辑 发布（修订 2）[\s\S]*摘要数字有误[\s\S]*更正后的摘要/);
    assert.ok(editions[1]!.closest('details.earlier'), 'the first edition is folded under the correction');
    assert.match(editions[1]!.textContent!, /首发[\s\S]*2026-06-19 09:30 由 张编辑 发布（修订 1）/);

    assert.equal((await visitor.get('/archive/2026-06-20')).statusCode, 404);
    assert.equal((await visitor.get('/archive/2026-13-01')).statusCode, 400);
  });

  it('speaks English when asked, the chart’s axes too', async () => {
    const desk = await startDesk();
    const visitor = await signedIn(desk.app);
    visitor.cookies.xinzhi_lang = 'en';
    const doc = page((await visitor.get('/archive')).body);
    assert.equal(doc.querySelector('h1')!.textContent, 'Archive');
    assert.ok([...doc.querySelectorAll('svg text')].some((text) => text.textContent === 'ISO week (Beijing time)'));
    assert.equal(doc.querySelector('table.issue-list tbody td:nth-child(4)')!.textContent!.trim(), 'Not published');
    const issue = page((await visitor.get(`/archive/${SAMPLE_ISSUE}`)).body);
    assert.equal(issue.querySelector('#files-title')!.textContent, 'Downloads');
  });
});

describe('an issue’s references', () => {
  it('are printed by the house rule Today and the renderers use: a title inside a title in 〈〉, never 《…《…》…》', async () => {
    const desk = await startDesk();
    const visitor = await signedIn(desk.app, VIEWER);
    const brief = await sampleBrief(desk);
    const nested = brief.references.find((reference) => reference.title.includes('《'));
    assert.ok(nested, 'the sample cites a title that names another');
    const lines = [...page((await visitor.get(`/archive/${SAMPLE_ISSUE}`)).body).querySelectorAll('.references li')].map((li) => li.textContent!);
    assert.ok(lines.includes(`[${nested.id}] ${formatReference(nested)}`), JSON.stringify(lines));
    for (const line of lines) assert.doesNotMatch(line, /《[^》]*《/, line);
    assert.match(lines.join('\n'), /〈关于推进行业高质量数据集建设行动的实施方案〉/);
  });
});

describe('issue files', () => {
  it('serves the files of the issue’s folder as downloads', async () => {
    const desk = await startDesk();
    const visitor = await signedIn(desk.app, VIEWER);
    // out/D is a relative symlink to the hidden version folder beside it: followed.
    assert.match(readlinkSync(join(desk.out, SAMPLE_ISSUE)), /^\.2026-06-19\./);
    const pdf = await visitor.get(`/archive/${SAMPLE_ISSUE}/files/brief.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.headers['content-disposition'], `attachment; filename="${SAMPLE_ISSUE}-brief.pdf"`);
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const json = await visitor.get(`/archive/${SAMPLE_ISSUE}/files/brief.json`);
    assert.equal((JSON.parse(json.body) as Brief).date, SAMPLE_ISSUE);
    assert.match(String(json.headers['content-disposition']), /^attachment;/);
  });

  it('refuses ../, hidden names and symlinks leading out of the issue’s folder', async () => {
    const desk = await startDesk();
    const visitor = await signedIn(desk.app);
    const folder = join(desk.out, SAMPLE_ISSUE);
    // A link inside the folder to the store, and one to a file outside everything.
    symlinkSync('../../data/xinzhi.sqlite', join(folder, 'store.json'));
    writeFileSync(join(desk.out, 'secret.txt'), 'TOP-SECRET-CONTENT');
    symlinkSync(join(desk.out, 'secret.txt'), join(folder, 'secret.pdf'));
    writeFileSync(join(folder, '.hidden.json'), '{}');
    // An issue folder whose link leads out of the output folder.
    mkdirSync(join(desk.data, 'elsewhere'));
    writeFileSync(join(desk.data, 'elsewhere', 'brief.json'), '{"leaked":true}');
    symlinkSync('../data/elsewhere', join(desk.out, '2026-06-20'));
    for (const url of [
      `/archive/${SAMPLE_ISSUE}/files/store.json`,
      `/archive/${SAMPLE_ISSUE}/files/secret.pdf`,
      `/archive/${SAMPLE_ISSUE}/files/.hidden.json`,
      `/archive/${SAMPLE_ISSUE}/files/..%2F..%2Fdata%2Fxinzhi.sqlite`,
      `/archive/${SAMPLE_ISSUE}/files/..%2Fsecret.txt`,
      `/archive/${SAMPLE_ISSUE}/files/%2e%2e`,
      `/archive/${SAMPLE_ISSUE}/files/../../data/xinzhi.sqlite`,
      '/archive/2026-06-20/files/brief.json',
      `/archive/${SAMPLE_ISSUE}/files/`,
    ]) {
      const response = await visitor.get(url);
      assert.equal(response.statusCode, 404, url);
      assert.doesNotMatch(response.body, /SQLite format|TOP-SECRET|leaked/, url);
    }
    assert.equal((await visitor.get('/archive/..%2F..%2Fdata/files/xinzhi.sqlite')).statusCode, 400);
    // The page offers only the real files.
    const offered = [...page((await visitor.get(`/archive/${SAMPLE_ISSUE}`)).body).querySelectorAll('ul.downloads a')].map((a) => a.getAttribute('href')!);
    assert.ok(offered.length >= 5 && offered.every((href) => !/store\.json|secret|hidden/.test(href)), JSON.stringify(offered));
  });

  it('sends a signed-out visitor to sign in, never a file', async () => {
    const desk = await startDesk();
    const response = await desk.app.inject({ method: 'GET', url: `/archive/${SAMPLE_ISSUE}/files/brief.json` });
    assert.equal(response.statusCode, 302);
    assert.match(String(response.headers.location), /^\/login\?next=/);
  });
});
