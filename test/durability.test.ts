import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { Brief } from '../src/domain/brief.ts';
import { firstDamage } from '../src/crawl/archiveUnits.ts';
import { readWarcRecords } from '../src/crawl/warc.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { cliPath, repoRoot, tempDir } from './helpers.ts';
import { onPostgres, openTestStore, storeRows } from './storeFor.ts';
import { configWithCatalog, html, listPage, sleep, startSite, type Route, type TestSite } from './sites.ts';

/** A small seeded generator (mulberry32): the kill times are random, and the same on every run of the test. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const SOURCES = 8;
const ARTICLES = 8;
const themes = ['人工智能', '数据要素', '算力网络', '智能制造', '低空经济', '工业互联网', '新能源汽车', '集成电路'];

/** An article long enough that its archive record takes a while to write: a kill can land inside one. */
function longArticle(title: string): string {
  const paragraph = `${title}。为加快发展新质生产力，推动人工智能与实体经济深度融合，支持建设行业高质量数据集，发放算力券和数据券，培育一批智能体应用。`;
  return `<html><head><meta name="ArticleTitle" content="${title}"><meta name="PubDate" content="2026-06-18 09:00"></head><body>
    <div class="info">来源：测试市经济和信息化局</div><div class="TRS_Editor">${Array.from({ length: 40 }, (_, i) => `<p>${paragraph}（第${i + 1}段）</p>`).join('')}</div></body></html>`;
}

/** Eight sources of eight articles each on one loopback site, every answer a little slow, as a real site's. */
function siteRoutes(): Record<string, Route> {
  const routes: Record<string, Route> = {};
  const slow = (body: string): Route => async (_, res) => {
    await sleep(15);
    html(res, body);
  };
  for (let s = 0; s < SOURCES; s++) {
    const links = Array.from({ length: ARTICLES }, (_, a) => ({ href: `/s${s}/t20260618_${a}.html`, title: `测试市${themes[s]}专项政策第${a + 1}号发布` }));
    routes[`/s${s}/list/`] = slow(listPage(links));
    for (const [a, link] of links.entries()) routes[link.href] = slow(longArticle(`测试市${themes[s]}专项政策第${a + 1}号发布`));
  }
  return routes;
}

function catalog(base: string): string {
  return Array.from({ length: SOURCES }, (_, s) =>
    `- { id: s${s}, name: 测试市第${s + 1}局, tier: municipal, region: 测试市, homepage: "${base}/", allowPrivate: true, entries: [{ type: list, url: "${base}/s${s}/list/" }] }\n`).join('');
}

interface Attempt {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** `xinzhi run` live for 2026-06-19 into `data` and `out`, as a child process the test may kill. */
function startRun(config: string, data: string, out: string): Attempt {
  const child = spawn(process.execPath, [cliPath, 'run', '--date', '2026-06-19', '--config', config, '--data', data, '--out', out, '--json'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { child, exited };
}

/**
 * What a data folder holds once a run is over: its documents by address, with title and body; none when
 * no run got as far as making its SQLite file. The schema is made by opening the store, as the next run
 * would: a run killed between creating the SQLite file and its tables leaves a file with none (CI, once).
 */
async function storedDocuments(data: string): Promise<Map<string, string>> {
  if (!onPostgres && !existsSync(SqliteStore.fileIn(data))) return new Map();
  await (await openTestStore(data)).close();
  const rows = await storeRows<{ url: string; title: string; body: string }>(data, 'SELECT url, title, body FROM documents');
  return new Map(rows.map((row) => [row.url, `${row.title}\n${row.body}`]));
}

/** PRAGMA integrity_check of the data folder's SQLite file, as a process opening it after a crash sees it. */
function integrity(data: string): string {
  const db = new Database(join(data, 'xinzhi.sqlite'));
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/** Every record of every archive file of the data folder, read strictly: damage anywhere throws. */
async function archivedResponses(data: string): Promise<number> {
  const folder = join(data, 'archives');
  let responses = 0;
  for (const name of readdirSync(folder)) {
    for await (const record of readWarcRecords(join(folder, name))) if (record.type === 'response') responses++;
  }
  return responses;
}

/** The issue as written: its headlines, or undefined when there is no issue folder yet. Throws on a folder that is not whole. */
function issueHeadlines(out: string): string[] | undefined {
  const folder = join(out, '2026-06-19');
  if (!existsSync(folder)) return undefined;
  assert.ok(existsSync(join(folder, 'brief.html')), 'the issue folder is whole');
  return (JSON.parse(readFileSync(join(folder, 'brief.json'), 'utf8')) as Brief).items.map((item) => item.headline);
}

describe('a day survives its run being killed at random points', () => {
  let site: TestSite;
  before(async () => {
    site = await startSite(siteRoutes());
  });
  after(() => site.close());

  it('finishes the day after many SIGKILLs with every document once, a sound database and archives readable to their end', async (t) => {
    const dir = tempDir();
    const config = configWithCatalog(dir, catalog(site.base));
    // No PDF: Typst adds seconds to each run and nothing to what is tested here.
    writeFileSync(config, readFileSync(config, 'utf8').replace('formats: [json, md, html, pdf]', 'formats: [json, md, html]'));

    const began = performance.now();
    const cleanData = join(dir, 'clean-data');
    const cleanStart = performance.now();
    const clean = await startRun(config, cleanData, join(dir, 'clean-out')).exited;
    const cleanMs = performance.now() - cleanStart;
    assert.equal(clean.code, 0, clean.stderr);
    const expected = await storedDocuments(cleanData);
    assert.equal(expected.size, SOURCES * ARTICLES);

    const seed = Number(process.env.XINZHI_KILL_SEED ?? 20260619);
    const random = seeded(seed);
    const data = join(dir, 'data');
    const out = join(dir, 'out');
    const kills = 12;
    let torn = 0;
    let killed = 0;
    let attempts = 0;
    let midCrawl = 0;
    // Until 12 runs were killed part way: a run the draw gives more time than it needs finishes instead.
    for (let i = 0; killed < kills && i < 3 * kills; i++) {
      attempts++;
      const attempt = startRun(config, data, out);
      // Anywhere from start-up to the render: a resumed run has less to fetch than the clean one, so its time is scaled down.
      const delay = Math.round(200 + random() * 0.8 * (cleanMs - 200));
      const timer = setTimeout(() => attempt.child.kill('SIGKILL'), delay);
      const ended = await attempt.exited;
      clearTimeout(timer);
      if (ended.signal === 'SIGKILL') {
        killed++;
        // Killed while the day was still being fetched: some of its documents not stored yet.
        if ((await storedDocuments(data)).size < expected.size) midCrawl++;
      }
      // A run the kill missed finished the day: it must have finished it well, not been refused by a dead holder's lock.
      else assert.equal(ended.code, 0, `attempt ${i} (kill at ${delay} ms) ended by itself: ${ended.stderr}`);
      // What a crash leaves: a database that checks (SQLite's file; PostgreSQL's is the server's to keep), and an issue folder that is whole or not there.
      if (!onPostgres && existsSync(join(data, 'xinzhi.sqlite'))) assert.equal(integrity(data), 'ok', `after attempt ${i}`);
      issueHeadlines(out);
      const archive = existsSync(join(data, 'archives')) ? readdirSync(join(data, 'archives')) : [];
      for (const name of archive) if (await firstDamage(join(data, 'archives', name), true)) torn++;
    }

    const final = await startRun(config, data, out).exited;
    assert.equal(final.code, 0, final.stderr);
    const stored = await storedDocuments(data);
    assert.deepEqual([...stored.keys()].sort(), [...expected.keys()].sort(), 'the same documents as a run never killed');
    for (const [url, text] of expected) assert.equal(stored.get(url), text, url);
    if (!onPostgres) assert.equal(integrity(data), 'ok');
    const [counts] = await storeRows<{ documents: number; urls: number; issues: number }>(data,
      'SELECT CAST((SELECT count(*) FROM documents) AS INTEGER) AS documents, CAST((SELECT count(DISTINCT url) FROM documents) AS INTEGER) AS urls, CAST((SELECT count(*) FROM issues) AS INTEGER) AS issues');
    assert.deepEqual(counts, { documents: expected.size, urls: expected.size, issues: 1 });
    // Every archive reads to its end, holding at least a response for each document; none had to be moved aside.
    assert.ok((await archivedResponses(data)) >= expected.size);
    assert.deepEqual(readdirSync(join(data, 'archives')).filter((name) => name.includes('.damaged-')), []);
    assert.deepEqual(issueHeadlines(out), issueHeadlines(join(dir, 'clean-out')));
    t.diagnostic(`seed ${seed}: ${killed} of ${attempts} attempts killed (${midCrawl} before the day's documents were all stored), ${torn} left an archive record half written; clean run ${Math.round(cleanMs)} ms; test ${Math.round(performance.now() - began)} ms`);
    assert.equal(killed, kills);
  });
});
