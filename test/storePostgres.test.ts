import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createSegmenter } from '../src/analyze/segment.ts';
import type { ExtractedArticle } from '../src/domain/article.ts';
import type { Brief } from '../src/domain/brief.ts';
import { PgStore, storeAddress } from '../src/store/postgres.ts';
import { postgresMigrations } from '../src/store/postgresMigrations.ts';
import { searchQuery, searchSnippet, searchVector } from '../src/store/postgresSearch.ts';
import { indexText, MATCH_END, MATCH_START, queryTerms, SNIPPET_CUT, snippetParts } from '../src/store/searchText.ts';
import type { SearchTerm, StoreOptions } from '../src/store/store.ts';
import { UserError } from '../src/util/errors.ts';

// The server runs on this machine and in CI (trust auth). Each test works in a schema of its own, dropped after.
const PG_URL = process.env.XINZHI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const segment = createSegmenter(['算力', '数据要素', '大数据']);

let admin: pg.Pool;
const schemas: string[] = [];
before(() => {
  admin = new pg.Pool({ connectionString: PG_URL, max: 2 });
});
after(async () => {
  for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

/** A new schema name, dropped when the file ends. */
function freshSchema(): string {
  const schema = `xz_test_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  return schema;
}

function urlOf(schema: string): string {
  return `${PG_URL}?schema=${schema}`;
}

/** A store in a fresh schema (indexing, unless told), closed when the file ends. */
async function openStore(options: StoreOptions = { searchSegment: segment }, schema = freshSchema()): Promise<PgStore> {
  const store = await PgStore.open(urlOf(schema), options);
  after(() => store.close());
  return store;
}

function article(title: string, paragraphs: string[], publishedAt: string | null = '2026-06-18T10:00:00+08:00'): ExtractedArticle {
  return { kind: 'article', title, publishedAt, publisher: null, repostOf: null, docNumber: null, siteName: null, paragraphs, attachments: [] };
}

const page = (url: string, fetchedAt = '2026-06-18T16:00:00Z', body = Buffer.from(url)) => ({ url, status: 200, headers: { 'content-type': 'text/html', etag: '"e1"' }, body, fetchedAt });

/** A store with one run and one response, and documents saved under it. */
async function storeWith(documents: { url: string; sourceId?: string; article: ExtractedArticle }[], options?: StoreOptions): Promise<{ store: PgStore; responseId: number }> {
  const store = await openStore(options);
  const runId = await store.startRun('2026-06-19', 'live');
  const { id: responseId } = await store.saveResponse(runId, 'nda', page('https://a.gov.cn/list'));
  for (const doc of documents) await store.saveDocument(doc.sourceId ?? 'nda', doc.url, responseId, doc.article);
  return { store, responseId };
}

/**
 * The SearchTerms of what a user typed, as search.ts builds them: each term cut by the segment, words without
 * a letter or digit left out, span = the sub-words after each word but the last, plus 2 per gap.
 */
function terms(query: string): SearchTerm[] {
  return queryTerms(query, segment)
    .map((words) => words.filter((word) => /[\p{L}\p{N}]/u.test(word)))
    .filter((words) => words.length > 0)
    .map((words) => ({ words, span: words.slice(0, -1).reduce((sum, word) => sum + segment.subWords(word).length + 2, 0) }));
}

async function findUrls(store: PgStore, query: string, filters: Partial<Parameters<PgStore['searchDocuments']>[0]> = {}): Promise<string[]> {
  return (await store.searchDocuments({ terms: terms(query), limit: 50, ...filters })).map((row) => row.url);
}

function brief(date: string, fields: Record<string, unknown> = {}): Brief {
  // The store keeps a brief as it is given (the composer validates it): a partial one is enough here.
  return { date, title: `新质日报 ${date}`, abstract: '今日要闻。', items: [], references: [], ...fields } as unknown as Brief;
}

describe('PgStore: opening', () => {
  it('creates its schema, runs every migration once, and says where it is without the password', async () => {
    const schema = freshSchema();
    const url = PG_URL.replace('postgres@', 'postgres:s3cret@');
    const store = await PgStore.open(`${url}?schema=${schema}`);
    assert.equal(await store.schemaVersion(), postgresMigrations.length);
    assert.equal(store.schemaName, schema);
    assert.equal(store.location.includes('s3cret'), false);
    assert.match(store.location, new RegExp(`^postgres://postgres@127\\.0\\.0\\.1:5432/test\\?schema=${schema}$`));
    const { rows } = await admin.query('SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1', [schema]);
    assert.ok(rows[0].n >= 17, `tables in ${schema}: ${rows[0].n}`);
    await store.close();
    // Opened again: nothing to run.
    const again = await PgStore.open(urlOf(schema));
    assert.equal(await again.schemaVersion(), postgresMigrations.length);
    const applied = await admin.query(`SELECT count(*)::int AS n FROM "${schema}".schema_migrations`);
    assert.equal(applied.rows[0].n, postgresMigrations.length);
    await again.close();
  });

  it('migrates a new schema once when several processes open it at the same moment', async () => {
    const schema = freshSchema();
    const stores = await Promise.all(Array.from({ length: 4 }, () => PgStore.open(urlOf(schema))));
    const applied = await admin.query(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`);
    assert.deepEqual(applied.rows.map((row) => row.version), postgresMigrations.map((_, i) => i + 1));
    // Each works: one writes, another reads it.
    const runId = await stores[0]!.startRun('2026-06-19', 'live');
    await stores[1]!.saveResponse(runId, 'nda', page('https://a.gov.cn/1'));
    assert.ok(await stores[2]!.storedResponse('https://a.gov.cn/1', createHash('sha256').update('https://a.gov.cn/1').digest('hex')));
    await Promise.all(stores.map((store) => store.close()));
  });

  it('names the address (never the password) when the server cannot be reached, in Chinese and English', async () => {
    const err = await PgStore.open('postgres://postgres:s3cret@127.0.0.1:1/test?schema=xz_unused').then(
      () => assert.fail('opened a store on port 1'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof UserError);
    assert.equal(err.message, '无法连接 PostgreSQL postgres://postgres@127.0.0.1:1/test?schema=xz_unused：ECONNREFUSED');
    assert.equal(err.en, 'cannot connect to PostgreSQL postgres://postgres@127.0.0.1:1/test?schema=xz_unused: ECONNREFUSED');
  });

  it('refuses an address that is not PostgreSQL, and a schema name that is not a plain identifier', async () => {
    await assert.rejects(PgStore.open('not a url'), UserError);
    await assert.rejects(PgStore.open('mysql://root:pw@127.0.0.1/test'), (err: unknown) => err instanceof UserError && !err.message.includes('pw'));
    for (const bad of ['Public', 'x;drop', '1abc', 'a'.repeat(64), 'a"b']) {
      await assert.rejects(PgStore.open(`${PG_URL}?schema=${encodeURIComponent(bad)}`), UserError, bad);
    }
    // The schema parameter is the store's: pg never sees it.
    assert.equal(storeAddress(`${PG_URL}?schema=xz_a&sslmode=disable`).connectionString, `${PG_URL}?sslmode=disable`);
    assert.equal(storeAddress(PG_URL).schema, 'xinzhi');
  });
});

describe('PgStore: the archive', () => {
  it('keeps a response once: the same fetch again is alreadyStored with the same id; url state follows 200s only', async () => {
    const store = await openStore({});
    const runId = await store.startRun('2026-06-19', 'live');
    const body = Buffer.from([0xc4, 0xe3, 0x00, 0xba, 0xc3]);
    const first = await store.saveResponse(runId, 'nda', { ...page('https://a.gov.cn/1'), body });
    assert.equal(first.sha256, createHash('sha256').update(body).digest('hex'));
    assert.equal(first.alreadyStored, false);
    const again = await store.saveResponse(runId, 'nda', { ...page('https://a.gov.cn/1'), body });
    assert.deepEqual(again, { ...first, alreadyStored: true });
    // Two jobs storing the same fetch at once: one row, one of them told it was already there.
    const racing = await Promise.all([0, 1].map(() => store.saveResponse(runId, 'nda', { ...page('https://a.gov.cn/race'), body })));
    assert.equal(racing[0]!.id, racing[1]!.id);
    assert.deepEqual(racing.map((r) => r.alreadyStored).sort(), [false, true]);
    const later = await store.saveResponse(runId, 'nda', { ...page('https://a.gov.cn/1', '2026-06-19T16:00:00Z'), body });
    assert.equal(later.alreadyStored, false);
    assert.ok(later.id > first.id);
    const stored = await store.storedResponse('https://a.gov.cn/1', first.sha256);
    assert.deepEqual(stored, { url: 'https://a.gov.cn/1', status: 200, headers: { 'content-type': 'text/html', etag: '"e1"' }, body, fetchedAt: '2026-06-19T16:00:00Z' });
    assert.equal(await store.storedResponse('https://a.gov.cn/1', 'f'.repeat(64)), undefined);

    assert.equal(await store.urlState('https://a.gov.cn/1'), undefined);
    await store.saveUrlState('https://a.gov.cn/1', page('https://a.gov.cn/1'), first.sha256);
    await store.saveUrlState('https://a.gov.cn/1', { ...page('https://a.gov.cn/1'), status: 304, headers: { etag: '"e2"' } }, 'x');
    assert.deepEqual(await store.urlState('https://a.gov.cn/1'), { etag: '"e1"', lastModified: null, sha256: first.sha256, status: 200 });
    await store.saveUrlState('https://a.gov.cn/1', { ...page('https://a.gov.cn/1'), headers: { 'last-modified': 'Thu, 18 Jun 2026 08:00:00 GMT' } }, later.sha256);
    assert.deepEqual(await store.urlState('https://a.gov.cn/1'), { etag: null, lastModified: 'Thu, 18 Jun 2026 08:00:00 GMT', sha256: later.sha256, status: 200 });

    await store.finishRun(runId, { documents: 2, alerts: ['x'] });
    const run = await admin.query(`SELECT finished_at, summary FROM "${store.schemaName}".runs WHERE id = $1`, [runId]);
    assert.deepEqual(run.rows[0].summary, { documents: 2, alerts: ['x'] });
  });

  it('replaces a re-extracted document whole under its first id, and reads documents by URL, URLs and Shanghai day', async () => {
    const { store, responseId } = await storeWith([]);
    const full: ExtractedArticle = { ...article('标题', ['第一段', '第二段'], '2026-06-18T23:30:00+08:00'), publisher: '国家数据局', repostOf: '新华社', docNumber: '国数发〔2026〕1号', siteName: '国家数据局网站', attachments: [{ name: '附件1', url: 'https://a.gov.cn/f.pdf' }] };
    await store.saveDocument('nda', 'https://a.gov.cn/1', responseId, full);
    await store.saveDocument('nda', 'https://a.gov.cn/2', responseId, article('二', ['正文'], '2026-06-19T00:00:00+08:00'));
    await store.saveDocument('sh', 'https://a.gov.cn/undated', responseId, article('无日期', ['正文'], null));
    const first = (await store.documentByUrl('https://a.gov.cn/1'))!;
    assert.deepEqual(first, {
      id: first.id, url: 'https://a.gov.cn/1', sourceId: 'nda', title: '标题', publishedAt: '2026-06-18T23:30:00+08:00', publisher: '国家数据局', repostOf: '新华社',
      docNumber: '国数发〔2026〕1号', siteName: '国家数据局网站', body: '第一段\n第二段', attachments: [{ name: '附件1', url: 'https://a.gov.cn/f.pdf' }],
    });
    assert.equal(typeof first.id, 'number');
    // Shanghai's 18th is [16:00Z on the 17th, 16:00Z on the 18th).
    const day = await store.documentsPublishedBetween(new Date('2026-06-17T16:00:00Z'), new Date('2026-06-18T16:00:00Z'));
    assert.deepEqual(day.map((doc) => doc.url), ['https://a.gov.cn/1']);

    await store.saveDocument('nda', 'https://a.gov.cn/1', responseId, { ...article('新标题', ['新正文\u0000。'], '2026-06-19T08:00:00+08:00'), docNumber: null });
    const replaced = (await store.documentByUrl('https://a.gov.cn/1'))!;
    assert.equal(replaced.id, first.id);
    assert.deepEqual([replaced.title, replaced.body, replaced.publisher, replaced.docNumber, replaced.attachments], ['新标题', '新正文。', null, null, []]);
    const nextDay = await store.documentsPublishedBetween(new Date('2026-06-18T16:00:00Z'), new Date('2026-06-19T16:00:00Z'));
    assert.deepEqual(nextDay.map((doc) => doc.url), ['https://a.gov.cn/2', 'https://a.gov.cn/1'], 'in publication order, whatever the order stored');

    assert.equal(await store.hasDocument('https://a.gov.cn/2'), true);
    assert.equal(await store.hasDocument('https://a.gov.cn/none'), false);
    assert.equal(await store.documentByUrl('https://a.gov.cn/none'), undefined);
    assert.equal(await store.documentCount('nda'), 2);
    assert.equal(await store.documentCount('sh'), 1);
    const some = await store.documentsByUrls(new Set(['https://a.gov.cn/2', 'https://a.gov.cn/none', 'https://a.gov.cn/undated']));
    assert.deepEqual([...some.keys()].sort(), ['https://a.gov.cn/2', 'https://a.gov.cn/undated']);
    assert.equal(some.get('https://a.gov.cn/undated')!.sourceId, 'sh');
    assert.deepEqual(await store.documentsByUrls([]), new Map());
  });

  it('gives a source\'s runs newest first, one row per run and source (a run reported again replaces its row)', async () => {
    const store = await openStore({});
    const run = (finishedAt: string, documentsNew: number) => ({ sourceId: 'nda', finishedAt, entriesOk: 2, linksFound: 10, unchanged: 1, documentsNew, errors: ['timeout'], listShape: 'ul>li>a' });
    const r1 = await store.startRun('2026-06-18', 'live');
    const r2 = await store.startRun('2026-06-19', 'live');
    await store.saveSourceRun(r1, run('2026-06-18T01:00:00Z', 3));
    await store.saveSourceRun(r2, run('2026-06-19T01:00:00Z', 4));
    await store.saveSourceRun(r2, run('2026-06-19T01:00:00Z', 5));
    await store.saveSourceRun(r2, { ...run('2026-06-19T01:00:00Z', 1), sourceId: 'sh' });
    const runs = await store.sourceRuns('nda', 5);
    assert.deepEqual(runs.map((r) => [r.finishedAt, r.documentsNew]), [['2026-06-19T01:00:00Z', 5], ['2026-06-18T01:00:00Z', 3]]);
    assert.deepEqual(runs[0], run('2026-06-19T01:00:00Z', 5));
    assert.equal((await store.sourceRuns('nda', 1)).length, 1);
  });

  it('keeps issues (replaced when written again), their history before a day, the archive page and theme shares', async () => {
    const store = await openStore({});
    const item = (headline: string, themes: string[]) => ({ n: 1, headline, paragraphs: ['正文。'], quotes: [], refs: [], tier: 'national', themes });
    await store.saveIssue('2026-06-17', brief('2026-06-17', { items: [item('甲', ['算力'])], references: [{ title: '文一', publisher: '国家数据局' }] }), { 算力: 1 });
    await store.saveIssue('2026-06-18', brief('2026-06-18'), { 数据要素: 1 });
    await store.saveIssue('2026-06-19', brief('2026-06-19', { items: [item('乙', [])] }), { 算力: 0.5, 数据要素: 0.5 });
    await store.saveIssue('2026-06-18', brief('2026-06-18', { title: '重写' }), { 算力: 1 });
    const before = await store.issuesBefore('2026-06-19', 5);
    assert.deepEqual(before, [
      { issueDate: '2026-06-18', themeShares: { 算力: 1 }, reportedTitles: [], items: [] },
      { issueDate: '2026-06-17', themeShares: { 算力: 1 }, reportedTitles: ['文一'], items: [{ headline: '甲', themes: ['算力'] }] },
    ]);
    assert.equal((await store.issuesBefore('2026-06-19', 1)).length, 1);
    assert.deepEqual(await store.issueThemeShares(), [
      { issueDate: '2026-06-17', shares: { 算力: 1 } },
      { issueDate: '2026-06-18', shares: { 算力: 1 } },
      { issueDate: '2026-06-19', shares: { 算力: 0.5, 数据要素: 0.5 } },
    ]);

    // The archive: the latest revision's title and sections, revisions and publications counted.
    const now = new Date('2026-06-19T02:00:00Z');
    await store.desk.addRevision('2026-06-19', brief('2026-06-19', { items: [item('乙', [])] }), 'xinzhi', 'draft', null, now);
    await store.desk.addRevision('2026-06-19', brief('2026-06-19', { title: '改后', items: [item('乙', []), item('丙', [])] }), '张编辑', 'edit', null, now);
    await store.desk.recordPublication({ issueDate: '2026-06-19', revision: 2, publishedBy: '张编辑', publishedAt: '2026-06-19T03:00:00.000Z', note: null });
    await store.desk.recordPublication({ issueDate: '2026-06-19', revision: 2, publishedBy: '张编辑', publishedAt: '2026-06-19T05:00:00.000Z', note: '更正' });
    const archive = await store.archivedIssues(2, 0);
    assert.equal(archive.total, 3);
    assert.deepEqual(archive.issues, [
      { issueDate: '2026-06-19', title: '改后', items: 2, revisions: 2, publications: 2, firstPublishedAt: '2026-06-19T03:00:00.000Z' },
      { issueDate: '2026-06-18', title: '重写', items: 0, revisions: 0, publications: 0, firstPublishedAt: null },
    ]);
    assert.deepEqual((await store.archivedIssues(2, 2)).issues.map((issue) => issue.issueDate), ['2026-06-17']);
    assert.deepEqual(await store.desk.issueDates(), [
      { issueDate: '2026-06-19', publishedAt: '2026-06-19T03:00:00.000Z' },
      { issueDate: '2026-06-18', publishedAt: null },
      { issueDate: '2026-06-17', publishedAt: null },
    ]);
    const draft = (await store.desk.machineDraft('2026-06-18'))!;
    assert.equal((draft.brief as unknown as { title: string }).title, '重写');
    assert.match(draft.createdAt, /^\d{4}-\d{2}-\d{2}T/);
    assert.equal(await store.desk.machineDraft('2026-01-01'), undefined);
  });

  it('keeps a brief exactly as written: key order and all', async () => {
    const store = await openStore({});
    const written = { zeta: 1, alpha: { y: 2, b: 3 }, title: '标题', items: [] };
    await store.saveIssue('2026-06-19', written, {});
    const draft = await store.desk.machineDraft('2026-06-19');
    assert.equal(JSON.stringify(draft!.brief), JSON.stringify(written));
  });

  it('counts scheduled attempts, a killed one too, and remembers the last one\'s end', async () => {
    const store = await openStore({});
    assert.deepEqual(await store.scheduledAttempts('2026-06-19'), { attempts: 0, succeeded: false, lastAt: null });
    const a = await store.startScheduledRun('2026-06-19', 1, 'scheduled', new Date('2026-06-19T00:00:00Z'));
    await store.finishScheduledRun(a, 'failed', 'model down', new Date('2026-06-19T00:05:00Z'));
    const b = await store.startScheduledRun('2026-06-19', 2, 'retry', new Date('2026-06-19T00:20:00Z'));
    assert.deepEqual(await store.scheduledAttempts('2026-06-19'), { attempts: 2, succeeded: false, lastAt: new Date('2026-06-19T00:20:00Z') });
    await store.finishScheduledRun(b, 'needs-review', '1 withheld', new Date('2026-06-19T00:30:00Z'));
    assert.deepEqual(await store.scheduledAttempts('2026-06-19'), { attempts: 2, succeeded: true, lastAt: new Date('2026-06-19T00:30:00Z') });
    assert.equal(typeof a, 'number');
    assert.ok(b > a);
  });

  it('records deliveries: channels sent to in name order, the last sent one, the latest try per channel', async () => {
    const store = await openStore({});
    const attempt = (channel: string, status: 'sent' | 'failed', n: number, sentAt: string) => ({ issueDate: '2026-06-19', channel, status, attempt: n, sentAt, digest: 'd'.repeat(64), error: status === 'failed' ? 'HTTP 500' : null });
    await store.recordDelivery(attempt('wecom', 'failed', 1, '2026-06-19T08:00:00+08:00'));
    await store.recordDelivery(attempt('wecom', 'sent', 2, '2026-06-19T08:01:00+08:00'));
    await store.recordDelivery(attempt('email', 'sent', 1, '2026-06-19T08:02:00+08:00'));
    await store.recordDelivery(attempt('wecom', 'failed', 1, '2026-06-19T09:00:00+08:00'));
    await store.recordDelivery(attempt('dingtalk', 'failed', 1, '2026-06-19T09:01:00+08:00'));
    assert.deepEqual(await store.sentChannels('2026-06-19'), ['email', 'wecom']);
    assert.deepEqual(await store.lastSent('2026-06-19', 'wecom'), attempt('wecom', 'sent', 2, '2026-06-19T08:01:00+08:00'));
    assert.equal(await store.lastSent('2026-06-19', 'dingtalk'), undefined);
    const latest = await store.latestDeliveries('2026-06-19');
    assert.deepEqual([...latest.keys()], ['dingtalk', 'email', 'wecom']);
    assert.deepEqual(latest.get('wecom'), attempt('wecom', 'failed', 1, '2026-06-19T09:00:00+08:00'));
    assert.deepEqual(await store.latestDeliveries('2026-06-20'), new Map());
  });

  it('keeps the analysis\' facets (the latest reading wins) and lists known bodies by frequency', async () => {
    const { store } = await storeWith([
      { url: 'https://a.gov.cn/1', article: article('一', ['正文']) },
      { url: 'https://a.gov.cn/2', article: article('二', ['正文']) },
      { url: 'https://a.gov.cn/3', article: article('三', ['正文']) },
    ]);
    const id = async (url: string) => (await store.documentByUrl(url))!.id;
    const [d1, d2, d3] = [await id('https://a.gov.cn/1'), await id('https://a.gov.cn/2'), await id('https://a.gov.cn/3')];
    await store.saveDocumentFacets('2026-06-19', [
      { documentId: d1, issuer: '国家数据局', tier: 'national', themes: ['算力', '数据要素', '算力'] },
      { documentId: d2, issuer: '上海市经信委', tier: 'provincial', themes: [] },
      { documentId: d2, issuer: '上海市人民政府', tier: 'provincial', themes: ['人工智能'] },
    ]);
    assert.deepEqual(await store.documentFacet(d1), { documentId: d1, issuer: '国家数据局', tier: 'national', themes: ['数据要素', '算力'] });
    assert.deepEqual(await store.documentFacet(d2), { documentId: d2, issuer: '上海市人民政府', tier: 'provincial', themes: ['人工智能'] });
    assert.equal(await store.documentFacet(d3), undefined);
    await store.saveDocumentFacets('2026-06-20', [{ documentId: d1, issuer: '国家数据局', tier: 'national', themes: [] }]);
    assert.deepEqual(await store.documentFacet(d1), { documentId: d1, issuer: '国家数据局', tier: 'national', themes: [] });
    await store.saveDocumentFacets('2026-06-20', []);
    await assert.rejects(store.saveDocumentFacets('2026-06-20', [{ documentId: 999_999, issuer: 'x', tier: 'national', themes: [] }]));

    await store.saveIssue('2026-06-19', brief('2026-06-19', { references: [{ publisher: '上海市人民政府' }, { publisher: '工业和信息化部' }, { publisher: '' }, {}] }), {});
    await store.saveIssue('2026-06-20', brief('2026-06-20', { references: 'not a list' }), {});
    assert.deepEqual(await store.knownBodies(10), ['上海市人民政府', '国家数据局', '工业和信息化部']);
    assert.deepEqual(await store.knownBodies(1), ['上海市人民政府']);
  });
});

describe('PgStore: search', () => {
  it('finds 数据 in 大数据 and 数据中心 through sub-words, marked inside the word in the snippet', async () => {
    const { store } = await storeWith([
      { url: 'https://a.gov.cn/big', article: article('通知', ['推进大数据发展。']) },
      { url: 'https://a.gov.cn/centre', article: article('通知', ['加快建设数据中心。']) },
      { url: 'https://a.gov.cn/ai', article: article('通知', ['发展人工智能。']) },
      { url: 'https://a.gov.cn/none', article: article('通知', ['无关内容。']) },
    ]);
    assert.deepEqual(segment.cut('推进大数据发展'), ['推进', '大数据', '发展']);
    const hits = await store.searchDocuments({ terms: terms('数据'), limit: 10 });
    assert.deepEqual(new Set(hits.map((hit) => hit.url)), new Set(['https://a.gov.cn/big', 'https://a.gov.cn/centre']));
    const big = hits.find((hit) => hit.url === 'https://a.gov.cn/big')!;
    assert.deepEqual(snippetParts(big.snippet), [{ text: '推进大', match: false }, { text: '数据', match: true }, { text: '发展。', match: false }]);
    assert.ok(big.snippet.includes(`${MATCH_START}数据${MATCH_END}`));
    assert.deepEqual(await findUrls(store, '智能'), ['https://a.gov.cn/ai']);
    assert.deepEqual(await findUrls(store, '大数据'), ['https://a.gov.cn/big']);
    assert.deepEqual(await findUrls(store, '数据 发展'), ['https://a.gov.cn/big']);
    assert.deepEqual(await findUrls(store, '不存在'), []);
  });

  it('finds a term\'s words together and in order, not anywhere in the text', async () => {
    assert.deepEqual(segment.cut('全国一体化算力网'), ['全国', '一体化', '算力', '网']);
    const filler = '其余内容涉及交通、教育、医疗、住房和就业等多个领域的安排。';
    const { store } = await storeWith([
      { url: 'https://a.gov.cn/together', article: article('通知', ['加快建设全国一体化算力网。']) },
      { url: 'https://a.gov.cn/apart', article: article('通知', [`全国${filler}一体化${filler}算力${filler}网络。`]) },
      { url: 'https://a.gov.cn/reversed', article: article('通知', ['网算力一体化全国。']) },
    ]);
    assert.deepEqual(await findUrls(store, '全国一体化算力网'), ['https://a.gov.cn/together']);
    assert.deepEqual(new Set(await findUrls(store, '全国 一体化 算力')), new Set(['https://a.gov.cn/together', 'https://a.gov.cn/apart', 'https://a.gov.cn/reversed']));
    // Within the span: two words with a token between them are found; the span is what allows it.
    const near = { words: ['算力', '建设'], span: 1 };
    const { store: second } = await storeWith([{ url: 'https://a.gov.cn/gap', article: article('通知', ['算力加快建设。']) }]);
    assert.deepEqual((await second.searchDocuments({ terms: [near], limit: 5 })).map((r) => r.url), ['https://a.gov.cn/gap']);
    assert.deepEqual(await second.searchDocuments({ terms: [{ ...near, span: 0 }], limit: 5 }), []);
  });

  it('ranks more matches and a match in the title higher, and reads tsquery syntax typed by a user as plain words', async () => {
    const filler = '其余内容涉及交通、教育、医疗、住房和就业等多个领域的安排。';
    const { store } = await storeWith([
      { url: 'https://a.gov.cn/once', article: article('通知一', ['会议提到算力。', filler]) },
      { url: 'https://a.gov.cn/often', article: article('通知二', ['算力规划、算力调度和算力安全。', filler]) },
      { url: 'https://a.gov.cn/title', article: article('算力通知', ['会议提到算力。', filler]) },
      { url: 'https://a.gov.cn/literal', article: article('纪要', ["文中写作 a & b | !c <-> d:* 'e' \\f 的字样。"]) },
    ]);
    const hits = await store.searchDocuments({ terms: terms('算力'), limit: 10 });
    assert.deepEqual(hits.map((hit) => hit.url).slice(1), ['https://a.gov.cn/often', 'https://a.gov.cn/once']);
    assert.equal(hits[0]!.url, 'https://a.gov.cn/title');
    assert.ok(hits[0]!.rank < hits[1]!.rank && hits[1]!.rank < hits[2]!.rank, JSON.stringify(hits.map((hit) => hit.rank)));
    // The title's own snippet: a tie between title and body goes to the title, as FTS5's does.
    assert.deepEqual(snippetParts(hits[0]!.snippet), [{ text: '算力', match: true }, { text: '通知', match: false }]);
    for (const hostile of ['&', '|', '!', '<->', ':*', "'", "''", '\\', '(', ')', '"', 'a:*', "e'", '\\f', '<1>', 'OR 1=1 --', '\u0000']) {
      await assert.doesNotReject(store.searchDocuments({ terms: [{ words: [hostile], span: 0 }], limit: 5 }), hostile);
    }
    assert.deepEqual(await findUrls(store, 'e'), ['https://a.gov.cn/literal']);
    assert.deepEqual(await findUrls(store, 'f'), ['https://a.gov.cn/literal']);
    assert.deepEqual(await store.searchDocuments({ terms: [{ words: ["'e'"], span: 0 }], limit: 5 }).then((rows) => rows.map((r) => r.url)), ['https://a.gov.cn/literal']);
    assert.deepEqual(await store.searchDocuments({ terms: [], limit: 5 }), []);
    assert.deepEqual(await store.searchDocuments({ terms: [{ words: ['，'], span: 0 }], limit: 5 }), []);
    assert.equal((await store.searchDocuments({ terms: terms('算力'), limit: 2 })).length, 2);
  });

  it('stores a document longer than a tsvector has positions: saved whole, its words found, its snippet cut', async () => {
    const long = Array.from({ length: 12_000 }, (_, i) => `第${i}条规定发展产业。`);
    const { store } = await storeWith([{ url: 'https://a.gov.cn/long', article: article('长文', [...long, '最后提到氢能。']) }]);
    assert.equal((await store.documentByUrl('https://a.gov.cn/long'))!.body.length > 100_000, true);
    const [hit] = await store.searchDocuments({ terms: terms('氢能'), limit: 5 });
    assert.equal(hit!.url, 'https://a.gov.cn/long');
    assert.deepEqual(snippetParts(hit!.snippet).filter((part) => part.match), [{ text: '氢能', match: true }]);
    assert.ok(hit!.snippet.startsWith(SNIPPET_CUT));
  });

  it('filters documents by Shanghai day, source, and what the analysis read: theme, tier, issuing body', async () => {
    const { store } = await storeWith([
      { url: 'https://a.gov.cn/17', article: article('算力一', ['算力。'], '2026-06-17T23:30:00+08:00') },
      { url: 'https://a.gov.cn/18', sourceId: 'sh', article: article('算力二', ['算力。'], '2026-06-18T00:10:00+08:00') },
      { url: 'https://a.gov.cn/undated', article: article('算力三', ['算力。'], null) },
    ]);
    const day = (d: string) => ({ start: new Date(`${d}T00:00:00+08:00`), end: new Date(new Date(`${d}T00:00:00+08:00`).getTime() + 86_400_000) });
    assert.deepEqual(await findUrls(store, '算力', { publishedFrom: day('2026-06-18').start, publishedBefore: day('2026-06-18').end }), ['https://a.gov.cn/18']);
    assert.deepEqual(await findUrls(store, '算力', { publishedBefore: day('2026-06-17').end }), ['https://a.gov.cn/17']);
    assert.deepEqual(await findUrls(store, '算力', { sourceIds: ['sh'] }), ['https://a.gov.cn/18']);
    assert.deepEqual(await findUrls(store, '算力', { sourceIds: [] }), []);
    const id = async (url: string) => (await store.documentByUrl(url))!.id;
    await store.saveDocumentFacets('2026-06-19', [
      { documentId: await id('https://a.gov.cn/17'), issuer: '国家数据局', tier: 'national', themes: ['算力', '数据要素'] },
      { documentId: await id('https://a.gov.cn/18'), issuer: '武汉市科技创新局', tier: 'municipal', themes: ['算力'] },
    ]);
    const found = async (filters: Parameters<typeof findUrls>[2]) => (await findUrls(store, '算力', filters)).sort();
    assert.deepEqual(await found({}), ['https://a.gov.cn/17', 'https://a.gov.cn/18', 'https://a.gov.cn/undated']);
    assert.deepEqual(await found({ themes: ['数据要素'] }), ['https://a.gov.cn/17']);
    assert.deepEqual(await found({ themes: ['算力'] }), ['https://a.gov.cn/17', 'https://a.gov.cn/18']);
    assert.deepEqual(await found({ tiers: ['municipal'] }), ['https://a.gov.cn/18']);
    assert.deepEqual(await found({ bodies: ['国家数据局'] }), ['https://a.gov.cn/17']);
    assert.deepEqual(await found({ bodies: ['国家数据局'], tiers: ['municipal'] }), []);
  });

  it('finds issues by headline, abstract and body (headlines first), filtered by day, theme, tier and cited body', async () => {
    const { store } = await storeWith([{ url: 'https://a.gov.cn/doc', article: article('通知', ['正文。']) }]);
    await store.saveDocumentFacets('2026-06-19', [{ documentId: (await store.documentByUrl('https://a.gov.cn/doc'))!.id, issuer: '武汉市科技创新局', tier: 'municipal', themes: [] }]);
    const item = (headline: string, tier: string, themes: string[], paragraph = '正文提到其他。') => ({ n: 1, headline, paragraphs: [paragraph], quotes: [], refs: [], tier, themes });
    await store.saveIssue('2026-06-19', brief('2026-06-19', { abstract: '今日要闻。', items: [item('算力网建设提速', 'national', ['算力'])], references: [{ publisher: '国家数据局', url: 'https://x.gov.cn/1' }] }), {});
    await store.saveIssue('2026-06-20', brief('2026-06-20', { abstract: '今日算力要闻。', items: [item('数据要素', 'provincial', ['数据要素'])], references: [{ publisher: '某报', url: 'https://a.gov.cn/doc' }] }), {});
    await store.saveIssue('2026-06-21', brief('2026-06-21', { items: [item('其他', 'municipal', [], '正文提到算力。')] }), {});
    const issues = async (filters: Partial<Parameters<PgStore['searchIssues']>[0]> = {}) => (await store.searchIssues({ terms: terms('算力'), limit: 10, ...filters })).map((row) => row.issueDate);
    assert.deepEqual(await issues(), ['2026-06-19', '2026-06-20', '2026-06-21']);
    const [top] = await store.searchIssues({ terms: terms('算力'), limit: 1 });
    assert.equal(top!.title, '新质日报 2026-06-19');
    assert.deepEqual(snippetParts(top!.snippet).filter((part) => part.match), [{ text: '算力', match: true }]);
    assert.deepEqual(await issues({ fromDay: '2026-06-20' }), ['2026-06-20', '2026-06-21']);
    assert.deepEqual(await issues({ toDay: '2026-06-19' }), ['2026-06-19']);
    assert.deepEqual(await issues({ themes: ['数据要素'] }), ['2026-06-20']);
    assert.deepEqual(await issues({ tiers: ['national', 'municipal'] }), ['2026-06-19', '2026-06-21']);
    assert.deepEqual(await issues({ bodies: ['国家数据局'] }), ['2026-06-19']);
    // Cited by URL a document whose analysis named the body.
    assert.deepEqual(await issues({ bodies: ['武汉市科技创新局'] }), ['2026-06-20']);
  });

  it('finds nothing written by a store without a segment until reindexSearch; a rewrite replaces the entry', async () => {
    const schema = freshSchema();
    const plain = await openStore({}, schema);
    const runId = await plain.startRun('2026-06-19', 'live');
    const { id } = await plain.saveResponse(runId, 'nda', page('https://a.gov.cn/list'));
    await plain.saveDocument('nda', 'https://a.gov.cn/1', id, article('算力通知', ['推进算力建设。']));
    await plain.saveIssue('2026-06-19', brief('2026-06-19', { abstract: '算力要闻。' }), {});
    assert.deepEqual(await plain.searchIndexGaps(), { documents: 1, issues: 1 });
    assert.deepEqual(await findUrls(plain, '算力'), []);
    assert.deepEqual(await plain.reindexSearch(segment), { documents: 1, issues: 1 });
    assert.deepEqual(await plain.searchIndexGaps(), { documents: 0, issues: 0 });
    assert.deepEqual(await findUrls(plain, '算力'), ['https://a.gov.cn/1']);
    assert.equal((await plain.searchIssues({ terms: terms('算力'), limit: 5 })).length, 1);

    // Re-extracted by an indexing store on the same schema: the old words are gone, the new ones found.
    const indexing = await openStore({ searchSegment: segment }, schema);
    await indexing.saveDocument('nda', 'https://a.gov.cn/1', id, article('数据通知', ['推进数据建设。']));
    assert.deepEqual(await findUrls(indexing, '算力'), []);
    assert.deepEqual(await findUrls(indexing, '数据'), ['https://a.gov.cn/1']);
    // Rewritten by a store without a segment: the stale entry goes, the gap shows.
    await plain.saveDocument('nda', 'https://a.gov.cn/1', id, article('算力通知', ['推进算力建设。']));
    assert.deepEqual(await findUrls(indexing, '数据'), []);
    assert.deepEqual(await indexing.searchIndexGaps(), { documents: 1, issues: 0 });
  });
});

describe('PgStore: search text', () => {
  it('gives each token one position, as FTS5 counts them, columns apart, and quotes lexemes', () => {
    const text = indexText('推进大数据发展', segment);
    assert.equal(searchVector([{ text, weight: 'A' }]), "'推进':1A '大数据':2A '大数':3A '数据':4A '发展':5A");
    assert.equal(searchVector([{ text: indexText("It's a\\b", segment), weight: 'D' }]), "'it':1D 's':2D 'a':3D 'b':4D");
    assert.equal(searchVector([{ text: "a'b", weight: 'D' }]), "'a':1D 'b':2D");
    assert.equal(searchVector([{ text: 'xy', weight: 'A' }, { text: 'xy', weight: 'D' }]), "'xy':1A,66D");
    assert.equal(searchVector([{ text: '，。', weight: 'A' }]), '');
    // Past PostgreSQL's last position: kept at 16383, once.
    assert.equal(searchVector([{ text: `${'a '.repeat(16_400)}z y`, weight: 'D' }]).endsWith("'z':16383D 'y':16383D"), true);
  });

  it('builds a term of several words as every in-order placing within its span', () => {
    assert.equal(searchQuery([{ words: ['算力'], span: 0 }]), "'算力'");
    assert.equal(searchQuery([{ words: ['a', 'b'], span: 1 }]), "('a' <1> 'b' | 'a' <2> 'b')");
    assert.equal(searchQuery([{ words: ['3.5'], span: 0 }, { words: ['x'], span: 0 }]), "'3' <1> '5' & 'x'");
    assert.equal(searchQuery([{ words: ["o'k\\"], span: 0 }]), "'o' <1> 'k'");
    assert.equal(searchQuery([{ words: ['a', 'b', 'c'], span: 1 }]), "('a' <1> 'b' <1> 'c' | 'a' <1> 'b' <2> 'c' | 'a' <2> 'b' <1> 'c')");
    assert.equal(searchQuery([{ words: ['，'], span: 0 }]), null);
    assert.equal(searchQuery([{ words: ['长'.repeat(700)], span: 0 }]), null);
    // Many words and a wide span: pair by pair, bounded.
    const wide = searchQuery([{ words: ['a', 'b', 'c', 'd', 'e', 'f'], span: 12 }])!;
    assert.ok(wide.length < 2000, `${wide.length} characters`);
    assert.ok(wide.startsWith("('a' <1> 'b' | 'a' <2> 'b'"));
  });

  it('cuts a snippet of 40 tokens around the matches, with cuts marked, as FTS5\'s snippet()', () => {
    const words = Array.from({ length: 100 }, (_, i) => `词${i}`);
    words[60] = '算力';
    const text = words.join('\u001f');
    const snippet = searchSnippet(['标题', text], [{ words: ['算力'], span: 0 }]);
    assert.ok(snippet.startsWith(SNIPPET_CUT) && snippet.endsWith(SNIPPET_CUT), snippet);
    const shown = snippet.split('\u001f');
    assert.equal(shown.length, 40);
    assert.ok(shown.some((token) => token === `${MATCH_START}算力${MATCH_END}`));
    assert.equal(searchSnippet(['短标题', '正文'], [{ words: ['无'], span: 0 }]), '短标题');
  });
});

describe('PgStore: the desk', () => {
  it('adds, updates and finds accounts; counts failed sign-ins in a window, atomically', async () => {
    const store = await openStore({});
    const now = new Date('2026-06-19T02:00:00Z');
    assert.equal(await store.desk.createUser('张编辑', 'hash1', 'editor', now), true);
    assert.equal(await store.desk.createUser('张编辑', 'hash2', 'viewer', now), false);
    assert.equal(await store.desk.userCount(), 1);
    const user = (await store.desk.userByName('张编辑'))!;
    assert.deepEqual(user, { id: user.id, name: '张编辑', role: 'editor', passwordHash: 'hash1', createdAt: now.toISOString(), failedLogins: 0, lockedUntil: null });
    assert.equal(typeof user.id, 'number');
    assert.equal(await store.desk.userByName('nobody'), undefined);

    const end = new Date(now.getTime() + 15 * 60_000);
    assert.equal(await store.desk.recordFailedLogin(user.id, now, end), 1);
    // Ten failures at once: each counts, none lost to a race.
    const counts = await Promise.all(Array.from({ length: 10 }, () => store.desk.recordFailedLogin(user.id, now, end)));
    assert.deepEqual(counts.sort((a, b) => a - b), [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    assert.deepEqual([(await store.desk.userByName('张编辑'))!.failedLogins, (await store.desk.userByName('张编辑'))!.lockedUntil], [11, end.toISOString()]);
    // After the window's end the count starts again.
    assert.equal(await store.desk.recordFailedLogin(user.id, end, new Date(end.getTime() + 60_000)), 1);
    await store.desk.clearFailedLogins(user.id);
    assert.deepEqual([(await store.desk.userByName('张编辑'))!.failedLogins, (await store.desk.userByName('张编辑'))!.lockedUntil], [0, null]);
    await store.desk.recordFailedLogin(user.id, now, end);
    assert.equal(await store.desk.updateUser('张编辑', 'hash3', 'viewer'), true);
    assert.deepEqual(await store.desk.userByName('张编辑'), { ...user, role: 'viewer', passwordHash: 'hash3', failedLogins: 0, lockedUntil: null });
    assert.equal(await store.desk.updateUser('nobody', 'h', 'viewer'), false);
    await assert.rejects(store.desk.recordFailedLogin(999_999, now, end));
  });

  it('keeps sessions by token hash, renews them on use, drops expired ones, ends one or all of an account\'s', async () => {
    const store = await openStore({});
    const t0 = new Date('2026-06-19T02:00:00Z');
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    await store.desk.createUser('张编辑', 'h', 'editor', t0);
    const user = (await store.desk.userByName('张编辑'))!;
    await store.desk.startSession('token-a', user.id, t0, at(30));
    await store.desk.startSession('token-b', user.id, t0, at(30));
    const held = await admin.query(`SELECT token_hash FROM "${store.schemaName}".sessions ORDER BY token_hash`);
    assert.equal(held.rows.some((row) => row.token_hash === 'token-a'), false, 'the token itself is never stored');
    assert.equal((await store.desk.sessionUser('token-a', at(20), at(50)))!.name, '张编辑');
    // Renewed until 50: still good at 40, where it would have expired at 30.
    assert.ok(await store.desk.sessionUser('token-a', at(40), at(70)));
    assert.equal(await store.desk.sessionUser('token-b', at(40), at(70)), undefined, 'expired at 30');
    assert.equal(await store.desk.sessionUser('nope', t0, at(30)), undefined);
    // A new session drops the expired ones on the way.
    await store.desk.startSession('token-c', user.id, at(40), at(70));
    assert.equal((await admin.query(`SELECT count(*)::int AS n FROM "${store.schemaName}".sessions`)).rows[0].n, 2);
    await store.desk.endSession('token-a');
    assert.equal(await store.desk.sessionUser('token-a', at(41), at(71)), undefined);
    assert.ok(await store.desk.sessionUser('token-c', at(41), at(71)));
    await store.desk.endSessionsOf(user.id);
    assert.equal(await store.desk.sessionUser('token-c', at(42), at(72)), undefined);
  });

  it('numbers revisions 1, 2, 3 … without a gap or a duplicate when editors save at once, from two stores too', async () => {
    const schema = freshSchema();
    const one = await openStore({}, schema);
    const two = await openStore({}, schema);
    const now = new Date('2026-06-19T02:00:00Z');
    const saved = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? one : two).desk.addRevision('2026-06-19', brief('2026-06-19', { title: `第${i}版` }), `编辑${i}`, 'edit', null, now)));
    assert.deepEqual(saved.map((r) => r.number).sort((a, b) => a - b), Array.from({ length: 12 }, (_, i) => i + 1));
    const all = await one.desk.revisions('2026-06-19');
    assert.deepEqual(all.map((r) => r.number), Array.from({ length: 12 }, (_, i) => i + 1));
    const last = (await two.desk.latestRevision('2026-06-19'))!;
    assert.deepEqual(last, saved.find((r) => r.number === 12));
    assert.deepEqual(await one.desk.revision('2026-06-19', 3), saved.find((r) => r.number === 3));
    assert.equal(await one.desk.revision('2026-06-19', 13), undefined);
    assert.equal(await one.desk.latestRevision('2026-06-20'), undefined);
    const other = await one.desk.addRevision('2026-06-20', brief('2026-06-20'), 'xinzhi', 'draft', '机器初稿', now);
    assert.deepEqual(other, { issueDate: '2026-06-20', number: 1, brief: brief('2026-06-20'), author: 'xinzhi', action: 'draft', note: '机器初稿', createdAt: now.toISOString() });

    await one.desk.recordPublication({ issueDate: '2026-06-19', revision: 2, publishedBy: '张编辑', publishedAt: '2026-06-19T03:00:00.000Z', note: null });
    await one.desk.recordPublication({ issueDate: '2026-06-19', revision: 5, publishedBy: '李编辑', publishedAt: '2026-06-19T04:00:00.000Z', note: '更正数字' });
    assert.deepEqual(await two.desk.publications('2026-06-19'), [
      { issueDate: '2026-06-19', revision: 2, publishedBy: '张编辑', publishedAt: '2026-06-19T03:00:00.000Z', note: null },
      { issueDate: '2026-06-19', revision: 5, publishedBy: '李编辑', publishedAt: '2026-06-19T04:00:00.000Z', note: '更正数字' },
    ]);
    assert.deepEqual(await two.desk.publications('2026-06-20'), []);
  });
});
