import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { migrations } from '../src/store/migrations.ts';
import { SqliteStore, type SourceRun } from '../src/store/sqlite.ts';
import { UserError } from '../src/util/errors.ts';
import { tempDir } from './helpers.ts';

const article = { kind: 'article' as const, title: '标题', publishedAt: '2026-06-18T23:30:00+08:00', publisher: '国家数据局', repostOf: null, docNumber: null, siteName: null, paragraphs: ['第一段', '第二段'], attachments: [] };
const page = (url: string, status = 200, headers: Record<string, string> = {}) => ({ url, status, headers, body: Buffer.from(url), fetchedAt: '2026-06-18T16:00:00Z' });

/** A raw connection to a store's file, to see what the store wrote without going through it. */
function rawDb(dir: string): Database.Database {
  return new Database(join(dir, 'xinzhi.sqlite'));
}

/** A store with one run and one response, for tests about documents. */
function storeWithResponse(dir = tempDir()): { store: SqliteStore; runId: number; responseId: number } {
  const store = new SqliteStore(dir);
  const runId = store.startRun('2026-06-19', 'live');
  const { id: responseId } = store.saveResponse(runId, 'nda', page('https://a.gov.cn/1'));
  return { store, runId, responseId };
}

describe('SqliteStore', () => {
  it('migrates a new file once, keeps raw responses, and finds documents by their Shanghai day', () => {
    const dir = tempDir();
    const store = new SqliteStore(dir);
    const runId = store.startRun('2026-06-19', 'live');
    const body = Buffer.from([0xc4, 0xe3, 0xba, 0xc3]);
    const saved = store.saveResponse(runId, 'nda', { url: 'https://a.gov.cn/1', status: 200, headers: { 'content-type': 'text/html; charset=gbk' }, body, fetchedAt: '2026-06-18T16:00:00Z' });
    assert.equal(saved.sha256, createHash('sha256').update(body).digest('hex'));
    store.saveDocument('nda', 'https://a.gov.cn/1', saved.id, article);
    store.saveDocument('nda', 'https://a.gov.cn/2', saved.id, { ...article, publishedAt: '2026-06-19T00:00:00+08:00' });
    store.saveDocument('nda', 'https://a.gov.cn/undated', saved.id, { ...article, publishedAt: null });
    store.close();

    const reopened = new SqliteStore(dir);
    // 23:30 in Shanghai on the 18th is inside the day; midnight of the 19th is not, and an undated page is in no day.
    const day = reopened.documentsPublishedBetween(new Date('2026-06-18T00:00:00+08:00'), new Date('2026-06-19T00:00:00+08:00'));
    assert.deepEqual(day.map((d) => d.url), ['https://a.gov.cn/1']);
    assert.equal(day[0]!.body, '第一段\n第二段');
    // The start is inside the window: the 19th's midnight opens the next day.
    const next = reopened.documentsPublishedBetween(new Date('2026-06-19T00:00:00+08:00'), new Date('2026-06-20T00:00:00+08:00'));
    assert.deepEqual(next.map((d) => d.url), ['https://a.gov.cn/2']);
    reopened.close();

    const db = rawDb(dir);
    assert.equal(db.pragma('user_version', { simple: true }), migrations.length);
    // WAL: a reader (the CLI's `sources status`) never waits for a crawl's writes.
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    const raw = db.prepare('SELECT run_id, source_id, url, status, body, headers, sha256, fetched_at FROM responses').get() as Record<string, unknown>;
    assert.deepEqual(raw.body, body);
    assert.equal(JSON.parse(raw.headers as string)['content-type'], 'text/html; charset=gbk');
    assert.deepEqual({ ...raw, body: undefined, headers: undefined }, { run_id: runId, source_id: 'nda', url: 'https://a.gov.cn/1', status: 200, body: undefined, headers: undefined, sha256: saved.sha256, fetched_at: '2026-06-18T16:00:00Z' });
    db.close();
  });

  it('gives back every field of a stored document, and lists a day\'s documents in the order they were stored', () => {
    const { store, responseId } = storeWithResponse();
    const attachments = [{ name: '附件1.pdf', url: 'https://a.gov.cn/f1.pdf' }];
    store.saveDocument('nda', 'https://a.gov.cn/b', responseId, { ...article, title: '乙', publishedAt: '2026-06-18T10:00:00+08:00' });
    store.saveDocument('nda', 'https://a.gov.cn/a', responseId, {
      ...article, title: '甲', publishedAt: '2026-06-18T08:00:00+08:00', repostOf: 'https://www.gov.cn/x.html', docNumber: '国数政策〔2026〕11号', siteName: '国家数据局', attachments,
    });
    const day = store.documentsPublishedBetween(new Date('2026-06-18T00:00:00+08:00'), new Date('2026-06-19T00:00:00+08:00'));
    assert.deepEqual(day.map((d) => d.title), ['乙', '甲']);
    assert.deepEqual(store.documentByUrl('https://a.gov.cn/a'), {
      id: day[1]!.id, url: 'https://a.gov.cn/a', sourceId: 'nda', title: '甲', publishedAt: '2026-06-18T08:00:00+08:00', publisher: '国家数据局',
      repostOf: 'https://www.gov.cn/x.html', docNumber: '国数政策〔2026〕11号', siteName: '国家数据局', body: '第一段\n第二段', attachments,
    });
    assert.equal(store.documentByUrl('https://a.gov.cn/none'), undefined);
    store.close();
  });

  it('replaces a re-extracted document whole: its new title, date, 文号 and body, not the old ones', () => {
    const { store, runId, responseId } = storeWithResponse();
    store.saveDocument('nda', 'https://a.gov.cn/1', responseId, { ...article, title: '旧标题', docNumber: null, siteName: null });
    const second = store.saveResponse(runId, 'nda2', page('https://a.gov.cn/1')).id;
    store.saveDocument('nda2', 'https://a.gov.cn/1', second, {
      ...article, title: '新标题', publishedAt: '2026-06-20T09:00:00+08:00', publisher: '工业和信息化部', repostOf: 'https://www.gov.cn/y.html', docNumber: '工信部联规〔2026〕3号', siteName: '工信部', paragraphs: ['新正文'], attachments: [{ name: 'a', url: 'https://a.gov.cn/a.pdf' }],
    });
    const stored = store.documentByUrl('https://a.gov.cn/1')!;
    assert.deepEqual({ ...stored, id: 0 }, {
      id: 0, url: 'https://a.gov.cn/1', sourceId: 'nda2', title: '新标题', publishedAt: '2026-06-20T09:00:00+08:00', publisher: '工业和信息化部',
      repostOf: 'https://www.gov.cn/y.html', docNumber: '工信部联规〔2026〕3号', siteName: '工信部', body: '新正文', attachments: [{ name: 'a', url: 'https://a.gov.cn/a.pdf' }],
    });
    // It moved to its new day, as one document, and points at the response it was read from.
    assert.deepEqual(store.documentsPublishedBetween(new Date('2026-06-18T00:00:00+08:00'), new Date('2026-06-19T00:00:00+08:00')), []);
    assert.equal(store.documentsPublishedBetween(new Date('2026-06-20T00:00:00+08:00'), new Date('2026-06-21T00:00:00+08:00')).length, 1);
    assert.equal(store.documentCount('nda'), 0);
    assert.equal(store.documentCount('nda2'), 1);
    store.close();
  });

  it('knows across runs which articles it holds, so a stored one is not fetched again', () => {
    const { store, responseId } = storeWithResponse();
    const dir = store.dataDir;
    store.saveDocument('nda', 'https://a.gov.cn/1', responseId, article);
    store.close();
    const tomorrow = new SqliteStore(dir);
    assert.equal(tomorrow.hasDocument('https://a.gov.cn/1'), true);
    assert.equal(tomorrow.hasDocument('https://a.gov.cn/2'), false);
    assert.equal(tomorrow.documentCount('nda'), 1);
    assert.equal(tomorrow.documentCount('other'), 0);
    tomorrow.close();
  });

  it('keeps a 200 response\'s validators and hash for the next run\'s conditional GET; a 304 or an error keeps the earlier ones', () => {
    const dir = tempDir();
    const store = new SqliteStore(dir);
    const url = 'https://a.gov.cn/list/';
    assert.equal(store.urlState(url), undefined);
    store.saveUrlState(url, page(url, 200, { etag: '"v1"', 'last-modified': 'Thu, 18 Jun 2026 01:00:00 GMT' }), 'a'.repeat(64));
    store.saveUrlState(url, page(url, 304, { etag: '"v2"' }), 'b'.repeat(64));
    store.saveUrlState(url, page(url, 500), 'c'.repeat(64));
    assert.deepEqual(store.urlState(url), { etag: '"v1"', lastModified: 'Thu, 18 Jun 2026 01:00:00 GMT', sha256: 'a'.repeat(64), status: 200 });
    // A server that stops sending validators leaves only the hash to compare.
    store.saveUrlState(url, { ...page(url), fetchedAt: '2026-06-19T16:00:00Z' }, 'd'.repeat(64));
    assert.deepEqual(store.urlState(url), { etag: null, lastModified: null, sha256: 'd'.repeat(64), status: 200 });
    store.close();
    const db = rawDb(dir);
    assert.deepEqual(db.prepare('SELECT url, fetched_at FROM url_state').all(), [{ url, fetched_at: '2026-06-19T16:00:00Z' }]);
    db.close();
  });

  it('records when a run started and finished and what it reported', () => {
    const dir = tempDir();
    const store = new SqliteStore(dir);
    const first = store.startRun('2026-06-19', 'live');
    const second = store.startRun('2026-06-20', 'replay');
    assert.notEqual(first, second);
    store.finishRun(second, { documents: 3 });
    store.close();
    const db = rawDb(dir);
    const runs = db.prepare('SELECT id, issue_date, mode, started_at, finished_at, summary FROM runs ORDER BY id').all() as { id: number; issue_date: string; mode: string; started_at: string; finished_at: string | null; summary: string | null }[];
    db.close();
    assert.deepEqual(runs.map((r) => [r.id, r.issue_date, r.mode, r.finished_at === null, r.summary]), [[first, '2026-06-19', 'live', true, null], [second, '2026-06-20', 'replay', false, '{"documents":3}']]);
    for (const run of runs) assert.ok(Math.abs(Date.parse(run.started_at) - Date.now()) < 60_000);
    assert.ok(Date.parse(runs[1]!.finished_at!) >= Date.parse(runs[1]!.started_at));
  });

  it('gives a source\'s runs newest first, as many as asked, one row per run and source', () => {
    const store = new SqliteStore(tempDir());
    const run = (finishedAt: string, linksFound: number): SourceRun => ({ sourceId: 'nda', finishedAt, entriesOk: 1, linksFound, unchanged: 0, documentsNew: 2, errors: ['https://a.gov.cn/x: HTTP 500'], listShape: 'ul.list>li' });
    const ids = [1, 2, 3, 4].map(() => store.startRun('2026-06-19', 'live'));
    store.saveSourceRun(ids[0]!, run('2026-06-17T01:00:00Z', 1));
    store.saveSourceRun(ids[2]!, run('2026-06-19T01:00:00Z', 3));
    store.saveSourceRun(ids[1]!, run('2026-06-18T01:00:00Z', 2));
    // Two runs finishing at one instant: the later run is the newer.
    store.saveSourceRun(ids[3]!, run('2026-06-19T01:00:00Z', 4));
    store.saveSourceRun(ids[0]!, { ...run('2026-06-17T01:00:00Z', 9), sourceId: 'other' });
    assert.deepEqual(store.sourceRuns('nda', 3).map((r) => r.linksFound), [4, 3, 2]);
    // Saving a run's source again replaces its row.
    store.saveSourceRun(ids[3]!, { ...run('2026-06-19T01:00:00Z', 5), errors: [], listShape: null });
    assert.deepEqual(store.sourceRuns('nda', 10).map((r) => r.linksFound), [5, 3, 2, 1]);
    assert.deepEqual(store.sourceRuns('nda', 10)[1], run('2026-06-19T01:00:00Z', 3));
    assert.deepEqual(store.sourceRuns('nda', 10)[0]!.errors, []);
    assert.equal(store.sourceRuns('nda', 10)[0]!.listShape, null);
    store.close();
  });

  it('remembers issues, their theme shares, the titles they cited and their sections, for day-over-day comparison', () => {
    const store = new SqliteStore(tempDir());
    store.saveIssue('2026-06-18', { references: [{ title: '关于开展数据要素试点的通知' }], items: [{ headline: '国家数据局部署数据要素试点', themes: ['数据要素'] }] }, { 数据要素: 1 });
    store.saveIssue('2026-06-19', { references: [] }, { 算力: 1 });
    assert.deepEqual(store.issuesBefore('2026-06-19', 7), [
      { issueDate: '2026-06-18', themeShares: { 数据要素: 1 }, reportedTitles: ['关于开展数据要素试点的通知'], items: [{ headline: '国家数据局部署数据要素试点', themes: ['数据要素'] }] },
    ]);
    store.close();
  });

  it('gives the issue history newest first, before the day asked, as many as asked; a day written again replaces its issue', () => {
    const store = new SqliteStore(tempDir());
    // Saved out of order: the history's order is the issues' dates, not when they were written.
    for (const date of ['2026-06-16', '2026-06-18', '2026-06-15', '2026-06-17', '2026-06-19']) store.saveIssue(date, { items: [{ headline: `${date} 头条` }] }, { [date]: 1 });
    store.saveIssue('2026-06-18', { references: [{ title: '重写' }] }, { 重写: 1 });
    const history = store.issuesBefore('2026-06-19', 3);
    assert.deepEqual(history.map((issue) => issue.issueDate), ['2026-06-18', '2026-06-17', '2026-06-16']);
    // A brief stored without references, items or themes reads as empty lists, never as missing.
    assert.deepEqual(history[0], { issueDate: '2026-06-18', themeShares: { 重写: 1 }, reportedTitles: ['重写'], items: [] });
    assert.deepEqual(history[1], { issueDate: '2026-06-17', themeShares: { '2026-06-17': 1 }, reportedTitles: [], items: [{ headline: '2026-06-17 头条', themes: [] }] });
    assert.deepEqual(store.issuesBefore('2026-06-15', 7), []);
    store.close();
  });

  it('serves a day\'s documents, a URL and a source\'s count from indexes, not by reading every row', () => {
    const dir = tempDir();
    new SqliteStore(dir).close();
    const db = rawDb(dir);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ a: 'x', b: 'y' }) as { detail: string }[]).map((row) => row.detail).join('; ');
    assert.match(plan('SELECT * FROM documents WHERE published_utc >= @a AND published_utc < @b'), /USING INDEX documents_published_utc/);
    assert.match(plan('SELECT count(*) FROM documents WHERE source_id = @a'), /USING (?:COVERING )?INDEX documents_source/);
    assert.match(plan('SELECT * FROM responses WHERE url = @a'), /USING INDEX responses_fetch/);
    assert.match(plan('SELECT * FROM source_runs WHERE source_id = @a ORDER BY finished_at DESC'), /USING INDEX source_runs_source/);
    db.close();
  });

  it('brings an older file up to date, running only the migrations it lacks, and checks references', () => {
    const dir = tempDir();
    const db = rawDb(dir);
    db.exec(migrations[0]!);
    db.pragma('user_version = 1');
    db.close();
    const { store, responseId } = storeWithResponse(dir);
    store.saveDocument('nda', 'https://a.gov.cn/1', responseId, { ...article, siteName: '国家数据局' });
    assert.equal(store.documentByUrl('https://a.gov.cn/1')!.siteName, '国家数据局');
    // A response of a run that never started is refused: the archive's rows always belong to a run.
    assert.throws(() => store.saveResponse(999, 'nda', page('https://a.gov.cn/2')), /FOREIGN KEY/);
    store.close();
    const reopened = rawDb(dir);
    assert.equal(reopened.pragma('user_version', { simple: true }), migrations.length);
    reopened.close();
  });

  it('lets go of the file when closed', () => {
    const store = new SqliteStore(tempDir());
    store.close();
    assert.throws(() => store.hasDocument('https://a.gov.cn/1'), /not open/);
  });

  it('says which file it cannot open, in Chinese and English', () => {
    const dir = tempDir();
    // A data folder that cannot be made: its parent is a file.
    const blocked = join(dir, 'file');
    writeFileSync(blocked, '');
    const error = (() => {
      try {
        new SqliteStore(join(blocked, 'data'));
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    assert.ok(error instanceof UserError);
    assert.match(error.message, new RegExp(`^无法打开数据库 ${join(blocked, 'data', 'xinzhi.sqlite')}：`));
    assert.match(error.en, new RegExp(`^cannot open database ${join(blocked, 'data', 'xinzhi.sqlite')}: `));
  });

  it('serialises migrations: two commands opening a new data folder at once both get a working store', async () => {
    const dir = tempDir();
    // Another process has begun migrating the new file and holds the write lock for a moment.
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const other = new Worker(
      `const { workerData } = require('node:worker_threads');
       const Database = require(workerData.driver);
       const db = new Database(workerData.file);
       db.pragma('journal_mode = WAL');
       db.exec('BEGIN IMMEDIATE');
       workerData.migrations.forEach((sql, i) => { db.exec(sql); db.pragma('user_version = ' + (i + 1)); });
       Atomics.store(workerData.flag, 0, 1);
       Atomics.notify(workerData.flag, 0);
       Atomics.wait(workerData.flag, 0, 1, 300);
       db.exec('COMMIT');
       db.close();`,
      { eval: true, workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file: join(dir, 'xinzhi.sqlite'), migrations, flag } },
    );
    const exited = new Promise((resolve, reject) => other.on('exit', resolve).on('error', reject));
    Atomics.wait(flag, 0, 0, 5000);
    const store = new SqliteStore(dir);
    const runId = store.startRun('2026-06-19', 'live');
    assert.equal(store.saveResponse(runId, 'nda', page('https://a.gov.cn/1')).id, 1);
    store.close();
    assert.equal(await exited, 0);
  });
});
