import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { WARCRecord, WARCSerializer } from 'warcio';
import { ReplayFetcher } from '../src/crawl/replay.ts';
import { readWarcResponses, WarcWriter, type ArchiveDamage } from '../src/crawl/warc.ts';
import type { FetchedResponse } from '../src/domain/response.ts';
import { migrations } from '../src/store/migrations.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { sha256Hex } from '../src/util/hash.ts';
import { repoRoot, runCli, tempDir, userErrorOf } from './helpers.ts';
import { onPostgres, openTestStore, storeRows } from './storeFor.ts';
import { configWithCatalog } from './sites.ts';

const sample = join(repoRoot, 'samples/2026-06-18');

const page = (n: number, size = 3000): FetchedResponse => ({
  url: `https://a.gov.cn/${n}.html`,
  status: 200,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  // Varied text, so that each gzip member is of some size and a cut lands inside one.
  body: Buffer.from(Array.from({ length: size / 10 }, (_, i) => `${n}-${(i * 7919) % 1000}段`).join('')),
  fetchedAt: '2026-06-18T01:02:03.000Z',
});

/** An archive of `responses` written by WarcWriter, with the file offset where each record begins and the file's length. */
async function archive(path: string, responses: FetchedResponse[]): Promise<{ starts: number[]; size: number }> {
  const writer = new WarcWriter(path);
  const starts: number[] = [];
  for (const response of responses) {
    starts.push(existsSync(path) ? statSync(path).size : 0);
    await writer.append(response);
  }
  await writer.close();
  return { starts, size: statSync(path).size };
}

/**
 * Where to cut an archive in half: in the middle of the record that holds its middle byte, so the cut
 * falls inside that record's compressed data (not its 10-byte header or 8-byte trailer), whatever the
 * records' sizes (their WARC-Record-IDs are random). Returns the length to cut to and that record's index.
 */
function halfway(starts: number[], size: number): { cut: number; damaged: number } {
  const damaged = starts.filter((start) => start <= size / 2).length - 1;
  const end = starts[damaged + 1] ?? size;
  return { cut: starts[damaged]! + Math.floor((end - starts[damaged]!) / 2), damaged };
}

/** Every response of a file read with a damage handler: the URLs, and the damage it was told of. */
async function readTolerant(path: string): Promise<{ urls: string[]; damage: ArchiveDamage[] }> {
  const urls: string[] = [];
  const damage: ArchiveDamage[] = [];
  for await (const response of readWarcResponses(path, { onDamage: (found) => damage.push(found) })) urls.push(response.url);
  return { urls, damage };
}


const readAll = async (path: string) => {
  const urls = [];
  for await (const response of readWarcResponses(path)) urls.push(response.url);
  return urls;
};

describe('a damaged archive is read up to the damage, which is named by file and offset', () => {
  it('reads a .warc.gz cut in half up to the record cut, and names its first byte', async () => {
    const path = join(tempDir(), 'day.warc.gz');
    const responses = Array.from({ length: 8 }, (_, i) => page(i));
    const { starts, size } = await archive(path, responses);
    const { cut, damaged } = halfway(starts, size);
    truncateSync(path, cut);
    const { urls, damage } = await readTolerant(path);
    assert.deepEqual(urls, responses.slice(0, damaged).map((r) => r.url));
    assert.deepEqual(damage.map((d) => [d.path, d.offset, d.action]), [[path, starts[damaged], 'read']]);
    // Without a handler, the damage is an error naming the file and the byte.
    const error = await userErrorOf(() => readAll(path));
    assert.equal(error.en, `archive ${path} is corrupt or not a WARC file: damaged from byte ${starts[damaged]} (gzip member cut short)`);
  });

  it('reads a plain .warc cut in the middle of a record\'s body up to that record', async () => {
    const path = join(tempDir(), 'day.warc');
    const records = await Promise.all([0, 1, 2].map((n) => WARCSerializer.serialize(WARCRecord.create({ url: page(n).url, type: 'response', warcVersion: 'WARC/1.1', statusline: 'HTTP/1.1 200 OK', httpHeaders: { 'Content-Type': 'text/html' } }, [new Uint8Array(page(n).body)]), { gzip: false })));
    const bytes = Buffer.concat(records);
    const third = records[0]!.length + records[1]!.length;
    writeFileSync(path, bytes.subarray(0, third + Math.floor(records[2]!.length / 2)));
    const { urls, damage } = await readTolerant(path);
    assert.deepEqual(urls, [page(0).url, page(1).url]);
    assert.deepEqual(damage.map((d) => [d.offset, d.reason]), [[third, 'WARC record cut short']]);
    // Whole, the same file reads to its end with no damage.
    writeFileSync(path, bytes);
    assert.deepEqual(await readTolerant(path), { urls: [0, 1, 2].map((n) => page(n).url), damage: [] });
  });

  it('stops at a record an earlier crash left half written in the middle, even with whole records after it', async () => {
    const path = join(tempDir(), 'day.warc.gz');
    const first = await archive(path, [page(0), page(1)]);
    const torn = first.size;
    const whole = readFileSync(path);
    // A record cut short, then a later run's records appended after it (as xinzhi did before it repaired a file).
    writeFileSync(path, Buffer.concat([whole, whole.subarray(first.starts[1]!, first.starts[1]! + 200), whole]));
    const { urls, damage } = await readTolerant(path);
    assert.deepEqual(urls, [page(0).url, page(1).url]);
    assert.equal(damage[0]!.offset, torn);
    assert.match(damage[0]!.reason, /gzip member (damaged|fails its CRC-32)/);
  });

  it('still refuses a file that is gzip but holds no WARC', async () => {
    const path = join(tempDir(), 'notes.warc.gz');
    writeFileSync(path, gzipSync('hello, these are my notes, not an archive\n'));
    assert.equal((await userErrorOf(() => readTolerant(path))).en, `archive ${path} is corrupt or not a WARC file: no WARC header`);
  });

  it('cuts a record half written at the end of the day\'s archive before appending, so the file reads to its end', async () => {
    const path = join(tempDir(), '2026-06-18.warc.gz');
    const { starts } = await archive(path, [page(0), page(1), page(2)]);
    truncateSync(path, starts[2]! + 100);
    const told: ArchiveDamage[] = [];
    const writer = new WarcWriter(path, (damage) => told.push(damage));
    await writer.append(page(3));
    await writer.append(page(4));
    await writer.close();
    assert.deepEqual(told.map((d) => [d.offset, d.action]), [[starts[2], 'cut']]);
    assert.deepEqual(await readAll(path), [0, 1, 3, 4].map((n) => page(n).url));
    assert.deepEqual(readdirSync(join(path, '..')), ['2026-06-18.warc.gz']);
  });

  it('moves aside a day\'s archive damaged before its end, keeping every byte, and appends to a new file', async () => {
    const dir = tempDir();
    const path = join(dir, '2026-06-18.warc.gz');
    const { starts, size } = await archive(path, [page(0), page(1), page(2)]);
    const bytes = readFileSync(path);
    bytes[starts[1]! + 30] = bytes[starts[1]! + 30]! ^ 0xff;
    writeFileSync(path, bytes);
    const told: ArchiveDamage[] = [];
    const writer = new WarcWriter(path, (damage) => told.push(damage));
    await writer.append(page(3));
    await writer.close();
    assert.equal(told.length, 1);
    assert.deepEqual([told[0]!.offset, told[0]!.action], [starts[1], 'moved']);
    const movedTo = told[0]!.movedTo!;
    assert.match(movedTo, /\/2026-06-18\.damaged-\d+\.warc\.gz$/);
    assert.deepEqual(readFileSync(movedTo), bytes);
    assert.equal(statSync(movedTo).size, size);
    assert.deepEqual(await readAll(path), [page(3).url]);
    // A replay of the folder reads the older file first, up to its damage, then the new one.
    const damage: ArchiveDamage[] = [];
    const replay = await ReplayFetcher.open(dir, { onDamage: (found) => damage.push(found) });
    assert.equal(replay.covers(page(0).url) && !replay.covers(page(1).url) && replay.covers(page(3).url), true);
    assert.deepEqual(damage.map((d) => [d.path, d.offset]), [[movedTo, starts[1]]]);
  });
});

/** The sample day's responses rewritten into an archive of our own, cut in the middle of a record: its path, and the record count and offset of the cut record. */
async function cutSample(dir: string): Promise<{ path: string; whole: number; offset: number }> {
  const responses: FetchedResponse[] = [];
  for await (const response of readWarcResponses(join(sample, 'crawl.warc.gz'))) responses.push(response);
  const path = join(dir, 'cut.warc.gz');
  const { starts, size } = await archive(path, responses);
  const { cut, damaged } = halfway(starts, size);
  truncateSync(path, cut);
  return { path, whole: damaged, offset: starts[damaged]! };
}

describe('replay and import of a damaged archive warn, naming the file and offset, and go on', () => {
  it('`run --replay` of an archive cut mid-record prints a warning and writes the issue from the records before it', async () => {
    const dir = tempDir();
    const { path, offset } = await cutSample(dir);
    const config = configWithCatalog(dir, readFileSync(join(sample, 'catalog.yaml'), 'utf8'));
    const zh = await runCli(['run', '--date', '2026-06-19', '--replay', path, '--config', config, '--data', join(dir, 'zh'), '--out', join(dir, 'out-zh')]);
    assert.ok([0, 3].includes(zh.code), zh.stderr);
    assert.ok(zh.stderr.includes(`xinzhi: 警告：归档 ${path} 自第 ${offset} 字节起已损坏（gzip 成员被截断），只读取了此前的记录\n`), zh.stderr);
    assert.match(zh.stdout, /运行摘要 2026-06-19/);
    // The summary, which a cron job mails, names the damage too.
    assert.ok(zh.stdout.includes(`  损坏的归档: 1\n    警告：归档 ${path} 自第 ${offset} 字节起已损坏（gzip 成员被截断），只读取了此前的记录\n`), zh.stdout);
    assert.ok(existsSync(join(dir, 'out-zh', '2026-06-19', 'brief.json')));
    const en = await runCli(['run', '--lang', 'en', '--date', '2026-06-19', '--replay', path, '--config', config, '--data', join(dir, 'en'), '--out', join(dir, 'out-en')]);
    assert.ok(en.stderr.includes(`xinzhi: warning: archive ${path} is damaged from byte ${offset} (gzip member cut short): read the records before it\n`), en.stderr);
  });

  it('`import` of an archive cut mid-record stores the whole records, warns, and lists the damage in its report', async () => {
    const dir = tempDir();
    const { path, whole, offset } = await cutSample(dir);
    const result = await runCli(['import', path, '--data', join(dir, 'data'), '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, `xinzhi: 警告：归档 ${path} 自第 ${offset} 字节起已损坏（gzip 成员被截断），只读取了此前的记录\n`);
    const report = JSON.parse(result.stdout) as { responses: number; damaged: ArchiveDamage[] };
    assert.equal(report.responses, whole);
    assert.deepEqual(report.damaged, [{ path, offset, reason: 'gzip member cut short', action: 'read' }]);
    const english = await runCli(['import', path, '--data', join(dir, 'data-en'), '--lang', 'en']);
    assert.match(english.stderr, new RegExp(`^xinzhi: warning: archive ${path} is damaged from byte ${offset} `));
    assert.match(english.stdout, new RegExp(`^responses ${whole} \\(0 stored before\\)`));
  });
});

describe('importing an archive again stores nothing twice', () => {
  it('adds no response and no document the second time, and says how many were stored before', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const archivePath = join(sample, 'crawl.warc.gz');
    const first = await runCli(['import', archivePath, '--data', data, '--json']);
    assert.equal(first.code, 0, first.stderr);
    const counts = async () => (await storeRows<{ responses: number; documents: number }>(data, 'SELECT CAST((SELECT count(*) FROM responses) AS INTEGER) AS responses, CAST((SELECT count(*) FROM documents) AS INTEGER) AS documents'))[0]!;
    const before = await counts();
    const firstReport = JSON.parse(first.stdout) as { responses: number; documents: number };
    assert.deepEqual(before, { responses: firstReport.responses, documents: firstReport.documents });
    const second = await runCli(['import', archivePath, '--data', data, '--json']);
    const report = JSON.parse(second.stdout) as { responses: number; responsesAlreadyStored: number; documents: number; documentsAlreadyStored: number };
    assert.deepEqual(await counts(), before);
    assert.deepEqual(
      [report.responses, report.responsesAlreadyStored, report.documents, report.documentsAlreadyStored],
      [firstReport.responses, firstReport.responses, 0, firstReport.documents],
    );
    const text = await runCli(['import', archivePath, '--data', data]);
    assert.match(text.stdout, new RegExp(`^响应 ${before.responses}（此前已存 ${before.responses}）· HTML 页面 \\d+ · 新文档 0（此前已存 ${before.documents}）`));
  });

  it('skips a record whose address is not http(s), counting it, and makes no `web:` document of it', async () => {
    const dir = tempDir();
    const body = (title: string) => new TextEncoder().encode(`<html><head><meta name="ArticleTitle" content="${title}"><meta name="PubDate" content="2026-06-18 09:00"></head><body><div class="TRS_Editor"><p>${title}。为加快发展新质生产力，推动人工智能与实体经济深度融合，现提出如下措施，支持建设行业高质量数据集。</p><p>发放算力券和数据券，培育一批智能体应用。</p></div></body></html>`);
    const response = (url: string, title: string) => WARCRecord.create({ url, type: 'response', warcVersion: 'WARC/1.1', statusline: 'HTTP/1.1 200 OK', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' } }, [body(title)]);
    const path = join(dir, 'mixed.warc');
    const inputs = [['urn:x-tool:page-1', '关于数据要素的第一份通知'], ['ftp://files.gov.cn/2.html', '关于数据要素的第二份通知'], ['http://[::1', '关于数据要素的第三份通知'], ['https://b.gov.cn/4.html', '关于数据要素的第四份通知']] as const;
    const records = inputs.map(([url, title]) => response(url, title));
    writeFileSync(path, Buffer.concat(await Promise.all(records.map((r) => WARCSerializer.serialize(r, { gzip: false })))));
    const result = await runCli(['import', path, '--data', join(dir, 'data'), '--json']);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { responses: number; notHttp: number; documents: number; unmatchedHosts: string[] };
    assert.deepEqual([report.responses, report.notHttp, report.documents, report.unmatchedHosts], [4, 3, 1, ['b.gov.cn']]);
    // Only the http(s) record was kept, and its document is of the site's web: source.
    const store = await openTestStore(join(dir, 'data'), { existing: true });
    const stored: (string | null)[] = [];
    for (const [url, title] of inputs) stored.push((await store.storedResponse(url, sha256Hex(body(title))))?.url ?? null);
    assert.deepEqual(stored, [null, null, null, 'https://b.gov.cn/4.html']);
    assert.equal((await store.documentByUrl('https://b.gov.cn/4.html'))?.sourceId, 'web:b.gov.cn');
    assert.equal(await store.documentCount('web:b.gov.cn'), 1);
    await store.close();
    assert.deepEqual(await storeRows(join(dir, 'data'), 'SELECT url FROM responses'), [{ url: 'https://b.gov.cn/4.html' }]);
    assert.deepEqual(await storeRows(join(dir, 'data'), 'SELECT source_id FROM documents'), [{ source_id: 'web:b.gov.cn' }]);
    const text = await runCli(['import', path, '--data', join(dir, 'data2'), '--lang', 'en']);
    assert.match(text.stdout, /\n3 records whose address is not http\(s\): not stored\n/);
  });

  it('names each article page it could not date, keeping its response, and stores the dated ones', async () => {
    const dir = tempDir();
    const page = (title: string, dated: boolean) => new TextEncoder().encode(`<html><head><title>${title}</title>${dated ? '<meta name="PubDate" content="2024-01-04 09:00">' : ''}</head><body><div class="TRS_Editor"><p>${title}。为加快发展新质生产力，推动人工智能与实体经济深度融合，现提出如下措施，支持建设行业高质量数据集。</p><p>发放算力券和数据券，培育一批智能体应用。</p></div></body></html>`);
    const record = (url: string, title: string, dated: boolean) => WARCRecord.create({ url, type: 'response', warcVersion: 'WARC/1.1', statusline: 'HTTP/1.1 200 OK', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' } }, [page(title, dated)]);
    const path = join(dir, 'day.warc');
    const records = [record('https://c.gov.cn/a.html', '国务院关于数据要素的意见', false), record('https://c.gov.cn/b.html', '关于算力券的通知', true)];
    writeFileSync(path, Buffer.concat(await Promise.all(records.map((r) => WARCSerializer.serialize(r, { gzip: false })))));
    const result = await runCli(['import', path, '--data', join(dir, 'data'), '--json']);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { documents: number; undated?: { url: string; title: string }[] };
    assert.deepEqual([report.documents, report.undated], [1, [{ url: 'https://c.gov.cn/a.html', title: '国务院关于数据要素的意见' }]]);
    assert.deepEqual(await storeRows(join(dir, 'data'), 'SELECT url FROM responses ORDER BY url'), [{ url: 'https://c.gov.cn/a.html' }, { url: 'https://c.gov.cn/b.html' }]);
    const text = await runCli(['import', path, '--data', join(dir, 'data2')]);
    assert.match(text.stdout, /\n有正文但页面上没有发布日期的页面 1 个：[^\n]*\n {2}https:\/\/c\.gov\.cn\/a\.html 国务院关于数据要素的意见\n/);
    const english = await runCli(['import', path, '--data', join(dir, 'data3'), '--lang', 'en']);
    assert.match(english.stdout, /\n1 pages with an article but no publication date on them: /);
  });

  it('merges the duplicate responses an older SQLite file kept, documents following the row kept', { skip: onPostgres && 'SQLite file only' }, async () => {
    const dir = tempDir();
    const db = new Database(join(dir, 'xinzhi.sqlite'));
    // The file as it was before responses were kept once: migrated up to the entry before the merge.
    const before = migrations.findIndex((sql) => sql.includes('CREATE UNIQUE INDEX responses_fetch'));
    assert.ok(before > 0);
    for (const sql of migrations.slice(0, before)) db.exec(sql);
    db.pragma(`user_version = ${before}`);
    db.prepare("INSERT INTO runs (id, issue_date, mode, started_at) VALUES (1, '2026-06-19', 'import', 'x'), (2, '2026-06-19', 'import', 'y')").run();
    const insert = db.prepare("INSERT INTO responses (id, run_id, url, status, headers, body, sha256, fetched_at) VALUES (?, ?, ?, 200, '{}', x'00', ?, '2026-06-18T01:00:00Z')");
    insert.run(1, 1, 'https://a.gov.cn/1', 'aa');
    insert.run(2, 1, 'https://a.gov.cn/2', 'bb');
    insert.run(3, 2, 'https://a.gov.cn/1', 'aa');
    insert.run(4, 2, 'https://a.gov.cn/2', 'bb');
    // The same address fetched again with other bytes is another fetch, kept.
    insert.run(5, 2, 'https://a.gov.cn/1', 'cc');
    db.prepare("INSERT INTO documents (url, source_id, response_id, title, body, attachments, extracted_at) VALUES ('https://a.gov.cn/1', 'nda', 3, 't', 'b', '[]', 'x'), ('https://a.gov.cn/2', 'nda', 2, 't', 'b', '[]', 'x')").run();
    db.close();
    await new SqliteStore(dir).close();
    const after = new Database(join(dir, 'xinzhi.sqlite'), { readonly: true });
    assert.deepEqual(after.prepare('SELECT id FROM responses ORDER BY id').all(), [{ id: 1 }, { id: 2 }, { id: 5 }]);
    assert.deepEqual(after.prepare('SELECT url, response_id FROM documents ORDER BY url').all(), [{ url: 'https://a.gov.cn/1', response_id: 1 }, { url: 'https://a.gov.cn/2', response_id: 2 }]);
    assert.deepEqual(after.pragma('foreign_key_check'), []);
    after.close();
  });
});
