import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { migrations } from '../src/store/migrations.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { SourceRun, Store } from '../src/store/store.ts';
import { UserError } from '../src/util/errors.ts';
import { tempDir } from './helpers.ts';
import { onPostgres, openTestStore } from './storeFor.ts';

const article = { kind: 'article' as const, title: '标题', publishedAt: '2026-06-18T23:30:00+08:00', publisher: '国家数据局', repostOf: null, docNumber: null, siteName: null, paragraphs: ['第一段', '第二段'], attachments: [] };
const page = (url: string, status = 200, headers: Record<string, string> = {}) => ({ url, status, headers, body: Buffer.from(url), fetchedAt: '2026-06-18T16:00:00Z' });

/** A raw connection to a store's SQLite file, to see what the store wrote without going through it (SQLite only). */
function rawDb(dir: string): Database.Database {
  return new Database(join(dir, 'xinzhi.sqlite'));
}

/** A store with one run and one response, for tests about documents. */
async function storeWithResponse(dir = tempDir()): Promise<{ store: Store; dir: string; runId: number; responseId: number }> {
  const store = await openTestStore(dir);
  const runId = await store.startRun('2026-06-19', 'live');
  const { id: responseId } = await store.saveResponse(runId, 'nda', page('https://a.gov.cn/1'));
  return { store, dir, runId, responseId };
}

describe('Store', () => {
  it('keeps raw responses, finds documents by their Shanghai day, and still holds them when opened again', async () => {
    const dir = tempDir();
    const store = await openTestStore(dir);
    const runId = await store.startRun('2026-06-19', 'live');
    const body = Buffer.from([0xc4, 0xe3, 0xba, 0xc3]);
    const response = { url: 'https://a.gov.cn/1', status: 200, headers: { 'content-type': 'text/html; charset=gbk' }, body, fetchedAt: '2026-06-18T16:00:00Z' };
    const saved = await store.saveResponse(runId, 'nda', response);
    assert.equal(saved.sha256, createHash('sha256').update(body).digest('hex'));
    assert.equal(saved.alreadyStored, false);
    await store.saveDocument('nda', 'https://a.gov.cn/1', saved.id, article);
    await store.saveDocument('nda', 'https://a.gov.cn/2', saved.id, { ...article, publishedAt: '2026-06-19T00:00:00+08:00' });
    await store.saveDocument('nda', 'https://a.gov.cn/undated', saved.id, { ...article, publishedAt: null });
    await store.close();

    const reopened = await openTestStore(dir);
    // 23:30 in Shanghai on the 18th is inside the day; midnight of the 19th is not, and an undated page is in no day.
    const day = await reopened.documentsPublishedBetween(new Date('2026-06-18T00:00:00+08:00'), new Date('2026-06-19T00:00:00+08:00'));
    assert.deepEqual(day.map((d) => d.url), ['https://a.gov.cn/1']);
    assert.equal(day[0]!.body, '第一段\n第二段');
    // The start is inside the window: the 19th's midnight opens the next day.
    const next = await reopened.documentsPublishedBetween(new Date('2026-06-19T00:00:00+08:00'), new Date('2026-06-20T00:00:00+08:00'));
    assert.deepEqual(next.map((d) => d.url), ['https://a.gov.cn/2']);
    // The raw response comes back byte for byte, with its headers, status and fetch time.
    const kept = await reopened.storedResponse('https://a.gov.cn/1', saved.sha256);
    assert.ok(kept);
    assert.deepEqual(Buffer.from(kept.body), body);
    assert.deepEqual({ ...kept, body: undefined }, { ...response, body: undefined });
    assert.equal(await reopened.storedResponse('https://a.gov.cn/1', 'f'.repeat(64)), undefined);
    // The same fetch kept again (an archive imported twice) is the row already held.
    assert.deepEqual(await reopened.saveResponse(runId, 'nda', response), { ...saved, alreadyStored: true });
    await reopened.close();
  });

  it('migrates a new SQLite file once, in WAL mode, and keeps a response\'s row with its run and source', { skip: onPostgres && 'SQLite file only' }, async () => {
    const dir = tempDir();
    const store = new SqliteStore(dir);
    const runId = await store.startRun('2026-06-19', 'live');
    const body = Buffer.from([0xc4, 0xe3, 0xba, 0xc3]);
    const saved = await store.saveResponse(runId, 'nda', { url: 'https://a.gov.cn/1', status: 200, headers: { 'content-type': 'text/html; charset=gbk' }, body, fetchedAt: '2026-06-18T16:00:00Z' });
    await store.close();
    await new SqliteStore(dir).close();

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

  it('gives back every field of a stored document, and lists a day\'s documents in publication order, not the order they were stored', async () => {
    const { store, responseId } = await storeWithResponse();
    const attachments = [{ name: '附件1.pdf', url: 'https://a.gov.cn/f1.pdf' }];
    await store.saveDocument('nda', 'https://a.gov.cn/b', responseId, { ...article, title: '乙', publishedAt: '2026-06-18T10:00:00+08:00' });
    await store.saveDocument('nda', 'https://a.gov.cn/a', responseId, {
      ...article, title: '甲', publishedAt: '2026-06-18T08:00:00+08:00', repostOf: 'https://www.gov.cn/x.html', docNumber: '国数政策〔2026〕11号', siteName: '国家数据局', attachments,
    });
    const day = await store.documentsPublishedBetween(new Date('2026-06-18T00:00:00+08:00'), new Date('2026-06-19T00:00:00+08:00'));
    assert.deepEqual(day.map((d) => d.title), ['甲', '乙']);
    const expected = {
      id: day[0]!.id, url: 'https://a.gov.cn/a', sourceId: 'nda', title: '甲', publishedAt: '2026-06-18T08:00:00+08:00', publisher: '国家数据局',
      repostOf: 'https://www.gov.cn/x.html', docNumber: '国数政策〔2026〕11号', siteName: '国家数据局', body: '第一段\n第二段', attachments,
    };
    assert.deepEqual(await store.documentByUrl('https://a.gov.cn/a'), expected);
    assert.equal(await store.documentByUrl('https://a.gov.cn/none'), undefined);
    // Many at once, by URL: the ones not held are absent, a URL asked twice is one entry.
    const many = await store.documentsByUrls(['https://a.gov.cn/a', 'https://a.gov.cn/none', 'https://a.gov.cn/b', 'https://a.gov.cn/a']);
    assert.deepEqual([...many.keys()].sort(), ['https://a.gov.cn/a', 'https://a.gov.cn/b']);
    assert.deepEqual(many.get('https://a.gov.cn/a'), expected);
    assert.equal(many.get('https://a.gov.cn/b')!.title, '乙');
    assert.equal((await store.documentsByUrls([])).size, 0);
    await store.close();
  });

  it('replaces a re-extracted document whole: its new title, date, 文号 and body, not the old ones', async () => {
    const { store, runId, responseId } = await storeWithResponse();
    await store.saveDocument('nda', 'https://a.gov.cn/1', responseId, { ...article, title: '旧标题', docNumber: null, siteName: null });
    const second = (await store.saveResponse(runId, 'nda2', { ...page('https://a.gov.cn/1'), fetchedAt: '2026-06-20T02:00:00Z' })).id;
    await store.saveDocument('nda2', 'https://a.gov.cn/1', second, {
      ...article, title: '新标题', publishedAt: '2026-06-20T09:00:00+08:00', publisher: '工业和信息化部', repostOf: 'https://www.gov.cn/y.html', docNumber: '工信部联规〔2026〕3号', siteName: '工信部', paragraphs: ['新正文'], attachments: [{ name: 'a', url: 'https://a.gov.cn/a.pdf' }],
    });
    const stored = (await store.documentByUrl('https://a.gov.cn/1'))!;
    assert.deepEqual({ ...stored, id: 0 }, {
      id: 0, url: 'https://a.gov.cn/1', sourceId: 'nda2', title: '新标题', publishedAt: '2026-06-20T09:00:00+08:00', publisher: '工业和信息化部',
      repostOf: 'https://www.gov.cn/y.html', docNumber: '工信部联规〔2026〕3号', siteName: '工信部', body: '新正文', attachments: [{ name: 'a', url: 'https://a.gov.cn/a.pdf' }],
    });
    // It moved to its new day, as one document.
    assert.deepEqual(await store.documentsPublishedBetween(new Date('2026-06-18T00:00:00+08:00'), new Date('2026-06-19T00:00:00+08:00')), []);
    assert.equal((await store.documentsPublishedBetween(new Date('2026-06-20T00:00:00+08:00'), new Date('2026-06-21T00:00:00+08:00'))).length, 1);
    assert.equal(await store.documentCount('nda'), 0);
    assert.equal(await store.documentCount('nda2'), 1);
    await store.close();
  });

  it('knows across runs which articles it holds, so a stored one is not fetched again', async () => {
    const { store, dir, responseId } = await storeWithResponse();
    await store.saveDocument('nda', 'https://a.gov.cn/1', responseId, article);
    await store.close();
    const tomorrow = await openTestStore(dir);
    assert.equal(await tomorrow.hasDocument('https://a.gov.cn/1'), true);
    assert.equal(await tomorrow.hasDocument('https://a.gov.cn/2'), false);
    assert.equal(await tomorrow.documentCount('nda'), 1);
    assert.equal(await tomorrow.documentCount('other'), 0);
    await tomorrow.close();
  });

  it('keeps a 200 response\'s validators and hash for the next run\'s conditional GET; a 304 or an error keeps the earlier ones', async () => {
    const dir = tempDir();
    const store = await openTestStore(dir);
    const url = 'https://a.gov.cn/list/';
    assert.equal(await store.urlState(url), undefined);
    await store.saveUrlState(url, page(url, 200, { etag: '"v1"', 'last-modified': 'Thu, 18 Jun 2026 01:00:00 GMT' }), 'a'.repeat(64));
    await store.saveUrlState(url, page(url, 304, { etag: '"v2"' }), 'b'.repeat(64));
    await store.saveUrlState(url, page(url, 500), 'c'.repeat(64));
    assert.deepEqual(await store.urlState(url), { etag: '"v1"', lastModified: 'Thu, 18 Jun 2026 01:00:00 GMT', sha256: 'a'.repeat(64), status: 200 });
    // A server that stops sending validators leaves only the hash to compare.
    await store.saveUrlState(url, { ...page(url), fetchedAt: '2026-06-19T16:00:00Z' }, 'd'.repeat(64));
    assert.deepEqual(await store.urlState(url), { etag: null, lastModified: null, sha256: 'd'.repeat(64), status: 200 });
    assert.equal(await store.urlState('https://a.gov.cn/other/'), undefined);
    await store.close();
    if (!onPostgres) {
      // One row per URL, with the fetch time of the last 200: no reader of the Store shows the time, the SQLite file does.
      const db = rawDb(dir);
      assert.deepEqual(db.prepare('SELECT url, fetched_at FROM url_state').all(), [{ url, fetched_at: '2026-06-19T16:00:00Z' }]);
      db.close();
    }
  });

  it('gives every run its own number and takes its summary', async () => {
    const store = await openTestStore(tempDir());
    const first = await store.startRun('2026-06-19', 'live');
    const second = await store.startRun('2026-06-20', 'replay');
    assert.ok(Number.isInteger(first) && Number.isInteger(second));
    assert.notEqual(first, second);
    await store.finishRun(second, { documents: 3 });
    // A run's rows belong to it: a response and a source run of the finished run are accepted.
    await store.saveResponse(second, 'nda', page('https://a.gov.cn/1'));
    await store.saveSourceRun(second, { sourceId: 'nda', finishedAt: '2026-06-20T01:00:00Z', entriesOk: 1, linksFound: 1, unchanged: 0, documentsNew: 0, errors: [], listShape: null });
    assert.equal((await store.sourceRuns('nda', 1)).length, 1);
    await store.close();
  });

  it('records in the SQLite file when a run started and finished and what it reported', { skip: onPostgres && 'SQLite file only' }, async () => {
    // The Store has no reader of the runs table: the file shows what it wrote.
    const dir = tempDir();
    const store = new SqliteStore(dir);
    const first = await store.startRun('2026-06-19', 'live');
    const second = await store.startRun('2026-06-20', 'replay');
    await store.finishRun(second, { documents: 3 });
    await store.close();
    const db = rawDb(dir);
    const runs = db.prepare('SELECT id, issue_date, mode, started_at, finished_at, summary FROM runs ORDER BY id').all() as { id: number; issue_date: string; mode: string; started_at: string; finished_at: string | null; summary: string | null }[];
    db.close();
    assert.deepEqual(runs.map((r) => [r.id, r.issue_date, r.mode, r.finished_at === null, r.summary]), [[first, '2026-06-19', 'live', true, null], [second, '2026-06-20', 'replay', false, '{"documents":3}']]);
    for (const run of runs) assert.ok(Math.abs(Date.parse(run.started_at) - Date.now()) < 60_000);
    assert.ok(Date.parse(runs[1]!.finished_at!) >= Date.parse(runs[1]!.started_at));
  });

  it('gives a source\'s runs newest first, as many as asked, one row per run and source', async () => {
    const store = await openTestStore(tempDir());
    const run = (finishedAt: string, linksFound: number): SourceRun => ({ sourceId: 'nda', finishedAt, entriesOk: 1, linksFound, unchanged: 0, documentsNew: 2, errors: ['https://a.gov.cn/x: HTTP 500'], listShape: 'ul.list>li' });
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push(await store.startRun('2026-06-19', 'live'));
    await store.saveSourceRun(ids[0]!, run('2026-06-17T01:00:00Z', 1));
    await store.saveSourceRun(ids[2]!, run('2026-06-19T01:00:00Z', 3));
    await store.saveSourceRun(ids[1]!, run('2026-06-18T01:00:00Z', 2));
    // Two runs finishing at one instant: the later run is the newer.
    await store.saveSourceRun(ids[3]!, run('2026-06-19T01:00:00Z', 4));
    await store.saveSourceRun(ids[0]!, { ...run('2026-06-17T01:00:00Z', 9), sourceId: 'other' });
    assert.deepEqual((await store.sourceRuns('nda', 3)).map((r) => r.linksFound), [4, 3, 2]);
    // Saving a run's source again replaces its row.
    await store.saveSourceRun(ids[3]!, { ...run('2026-06-19T01:00:00Z', 5), errors: [], listShape: null });
    const all = await store.sourceRuns('nda', 10);
    assert.deepEqual(all.map((r) => r.linksFound), [5, 3, 2, 1]);
    assert.deepEqual(all[1], run('2026-06-19T01:00:00Z', 3));
    assert.deepEqual(all[0]!.errors, []);
    assert.equal(all[0]!.listShape, null);
    assert.deepEqual((await store.sourceRuns('other', 10)).map((r) => r.linksFound), [9]);
    await store.close();
  });

  it('remembers issues, their theme shares, the titles they cited and their sections, for day-over-day comparison', async () => {
    const store = await openTestStore(tempDir());
    await store.saveIssue('2026-06-18', { references: [{ title: '关于开展数据要素试点的通知' }], items: [{ headline: '国家数据局部署数据要素试点', themes: ['数据要素'] }] }, { 数据要素: 1 });
    await store.saveIssue('2026-06-19', { references: [] }, { 算力: 1 });
    assert.deepEqual(await store.issuesBefore('2026-06-19', 7), [
      { issueDate: '2026-06-18', themeShares: { 数据要素: 1 }, reportedTitles: ['关于开展数据要素试点的通知'], items: [{ headline: '国家数据局部署数据要素试点', themes: ['数据要素'] }] },
    ]);
    // Every issue's shares, oldest first: what the archive's chart draws.
    assert.deepEqual(await store.issueThemeShares(), [{ issueDate: '2026-06-18', shares: { 数据要素: 1 } }, { issueDate: '2026-06-19', shares: { 算力: 1 } }]);
    await store.close();
  });

  it('gives the issue history newest first, before the day asked, as many as asked; a day written again replaces its issue', async () => {
    const store = await openTestStore(tempDir());
    // Saved out of order: the history's order is the issues' dates, not when they were written.
    for (const date of ['2026-06-16', '2026-06-18', '2026-06-15', '2026-06-17', '2026-06-19']) await store.saveIssue(date, { items: [{ headline: `${date} 头条` }] }, { [date]: 1 });
    await store.saveIssue('2026-06-18', { references: [{ title: '重写' }] }, { 重写: 1 });
    const history = await store.issuesBefore('2026-06-19', 3);
    assert.deepEqual(history.map((issue) => issue.issueDate), ['2026-06-18', '2026-06-17', '2026-06-16']);
    // A brief stored without references, items or themes reads as empty lists, never as missing.
    assert.deepEqual(history[0], { issueDate: '2026-06-18', themeShares: { 重写: 1 }, reportedTitles: ['重写'], items: [] });
    assert.deepEqual(history[1], { issueDate: '2026-06-17', themeShares: { '2026-06-17': 1 }, reportedTitles: [], items: [{ headline: '2026-06-17 头条', themes: [] }] });
    assert.deepEqual(await store.issuesBefore('2026-06-15', 7), []);
    await store.close();
  });

  it('refuses a response of a run that never started: the archive\'s rows always belong to a run', async () => {
    const store = await openTestStore(tempDir());
    await assert.rejects(store.saveResponse(999, 'nda', page('https://a.gov.cn/2')), /foreign key/i);
    await store.close();
  });

  it('serves a day\'s documents, a URL and a source\'s count from indexes, not by reading every row', { skip: onPostgres && 'SQLite file only' }, async () => {
    const dir = tempDir();
    await new SqliteStore(dir).close();
    const db = rawDb(dir);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ a: 'x', b: 'y' }) as { detail: string }[]).map((row) => row.detail).join('; ');
    assert.match(plan('SELECT * FROM documents WHERE published_utc >= @a AND published_utc < @b'), /USING INDEX documents_published_utc/);
    assert.match(plan('SELECT count(*) FROM documents WHERE source_id = @a'), /USING (?:COVERING )?INDEX documents_source/);
    assert.match(plan('SELECT * FROM responses WHERE url = @a'), /USING INDEX responses_fetch/);
    assert.match(plan('SELECT * FROM source_runs WHERE source_id = @a ORDER BY finished_at DESC'), /USING INDEX source_runs_source/);
    db.close();
  });

  it('brings an older SQLite file up to date, running only the migrations it lacks, and checks references', { skip: onPostgres && 'SQLite file only' }, async () => {
    const dir = tempDir();
    const db = rawDb(dir);
    db.exec(migrations[0]!);
    db.pragma('user_version = 1');
    db.close();
    const store = new SqliteStore(dir);
    const runId = await store.startRun('2026-06-19', 'live');
    const { id: responseId } = await store.saveResponse(runId, 'nda', page('https://a.gov.cn/1'));
    await store.saveDocument('nda', 'https://a.gov.cn/1', responseId, { ...article, siteName: '国家数据局' });
    assert.equal((await store.documentByUrl('https://a.gov.cn/1'))!.siteName, '国家数据局');
    // A response of a run that never started is refused: the migrated file checks foreign keys.
    await assert.rejects(store.saveResponse(999, 'nda', page('https://a.gov.cn/2')), /FOREIGN KEY/);
    await store.close();
    const reopened = rawDb(dir);
    assert.equal(reopened.pragma('user_version', { simple: true }), migrations.length);
    reopened.close();
  });

  it('lets go of its connection when closed: a later call rejects', async () => {
    const store = await openTestStore(tempDir());
    await store.close();
    // better-sqlite3 says the database is not open; pg's pool says it was ended.
    await assert.rejects(store.hasDocument('https://a.gov.cn/1'), onPostgres ? /end|closed/i : /not open/);
  });

  it('says which SQLite file it cannot open, in Chinese and English', { skip: onPostgres && 'SQLite file only' }, () => {
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

  it('serialises SQLite migrations: two commands opening a new data folder at once both get a working store', { skip: onPostgres && 'SQLite file only' }, async () => {
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
    const runId = await store.startRun('2026-06-19', 'live');
    assert.equal((await store.saveResponse(runId, 'nda', page('https://a.gov.cn/1'))).id, 1);
    await store.close();
    assert.equal(await exited, 0);
  });
});
