/**
 * node --import tsx bench/search.ts — the desk's full-text search measured on a store as the commands write
 * it: `xinzhi demo` (the sample day), then each real day of test/fixtures/real-days imported with `xinzhi
 * import` and briefed with `xinzhi brief` (as npm run eval:real does, into one data folder). For a few
 * terms, documents found against the documents whose normalised text holds the term (what a reader means
 * by "has the word"): the index as built (jieba words and their sub-words), jieba words alone, and a
 * trigram index. Prints the times of the commands and of the searches. KEEP=1 keeps the folder. SQLite only:
 * the two indexes it compares with are FTS5 tables beside the store's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normaliseText } from '../src/util/normalise.ts';
import { taxonomySegmenter } from '../src/analyze/relevance.ts';
import { defaultConfigPath, loadConfig } from '../src/config/load.ts';
import { warcResponseRecord } from '../src/crawl/warc.ts';
import { ftsQuery, searchArchive } from '../src/store/search.ts';
import { indexText } from '../src/store/searchText.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { nextDay } from '../src/util/time.ts';
import { dayResponses, evalConfig, loadRealDay, realDayNames } from './realDay.ts';

const cli = fileURLToPath(new URL('../bin/xinzhi.js', import.meta.url));
const TERMS = ['算力', '数据', '智能', '模型', '产业', '机器人', '大数据', '数据要素', '人工智能', '生产力', '低空经济', '智能体'];

function run(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0 && result.status !== 3) throw new Error(`xinzhi ${args[0]} failed (${result.status}): ${result.stderr.trim()}`);
  return (performance.now() - started) / 1000;
}

const dir = mkdtempSync(join(tmpdir(), 'xinzhi-bench-search-'));
const data = join(dir, 'data');
const out = join(dir, 'out');
console.log(`machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, node ${process.version}`);
try {
  console.log(`demo (sample day, indexed on write): ${run(['demo', '--data', data, '--out', out]).toFixed(1)} s`);
  const config = evalConfig(dir);
  let importSeconds = 0;
  let briefSeconds = 0;
  for (const name of realDayNames()) {
    const day = loadRealDay(name);
    const warc = join(dir, `${name}.warc.gz`);
    const records = await Promise.all(dayResponses(day).map((r) => warcResponseRecord({ ...r, fetchedAt: new Date(r.fetchedAt).toISOString() })));
    writeFileSync(warc, Buffer.concat(records));
    importSeconds += run(['import', warc, '--config', config, '--data', data]);
    briefSeconds += run(['brief', '--date', nextDay(day.date), '--config', config, '--data', data, '--out', out]);
  }
  console.log(`${realDayNames().length} real days: import ${importSeconds.toFixed(1)} s, brief ${briefSeconds.toFixed(1)} s (each a process of its own)`);

  const loaded = loadConfig(defaultConfigPath);
  const segmenter = taxonomySegmenter(loaded.taxonomy);
  const store = new SqliteStore(data);
  const db = store.connection;
  const documents = db.prepare('SELECT id, title, body FROM documents').all() as { id: number; title: string; body: string }[];
  const issues = (db.prepare('SELECT count(*) AS n FROM issues').get() as { n: number }).n;
  const facets = (db.prepare('SELECT count(*) AS n FROM document_facets').get() as { n: number }).n;
  console.log(`store: ${documents.length} documents (${facets} with facets from an analysis), ${issues} issues; index gaps ${JSON.stringify(await store.searchIndexGaps())}`);

  let started = performance.now();
  await store.reindexSearch(segmenter);
  console.log(`reindexSearch of the whole store: ${((performance.now() - started) / 1000).toFixed(2)} s`);

  // Two indexes to compare, filled with the same normalised texts: jieba words without sub-words, and trigram.
  const normalised = documents.map((doc) => ({ id: doc.id, text: normaliseText(`${doc.title}\n${doc.body}`) }));
  db.exec("CREATE VIRTUAL TABLE temp.words_only USING fts5(text, tokenize = 'unicode61'); CREATE VIRTUAL TABLE temp.trigram USING fts5(text, tokenize = 'trigram');");
  const wordsOnly = { cut: (text: string) => segmenter.cut(text) };
  const addWords = db.prepare('INSERT INTO words_only (rowid, text) VALUES (?, ?)');
  const addTrigram = db.prepare('INSERT INTO trigram (rowid, text) VALUES (?, ?)');
  db.transaction(() => {
    for (const doc of normalised) {
      addWords.run(doc.id, indexText(doc.text, wordsOnly));
      addTrigram.run(doc.id, doc.text);
    }
  })();
  const count = (table: string, match: string) => (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${table} MATCH ?`).get(match) as { n: number }).n;

  console.log('\nterm        holding  found (words+sub-words)  words only  trigram   issues found  ms/search');
  for (const term of TERMS) {
    const holding = new Set(normalised.filter((doc) => doc.text.includes(term)).map((doc) => doc.id));
    started = performance.now();
    const hits = await searchArchive(store, segmenter, term, { limit: 100_000 });
    const ms = performance.now() - started;
    const found = hits.filter((hit) => hit.kind === 'document').map((hit) => hit.id);
    const foundHolding = found.filter((id) => holding.has(id)).length;
    const match = ftsQuery(term, segmenter)!;
    const plain = count('words_only', match);
    const trigram = [...term].length >= 3 ? count('trigram', `"${term}"`) : 0;
    const pad = (value: string | number, width: number) => String(value).padEnd(width);
    console.log(`${pad(term, 10)}  ${pad(holding.size, 7)}  ${pad(`${found.length} (${foundHolding} holding it)`, 23)}  ${pad(plain, 10)}  ${pad(trigram, 8)}  ${pad(hits.filter((hit) => hit.kind === 'issue').length, 12)}  ${ms.toFixed(1)}`);
  }
  await store.close();
} finally {
  if (process.env.KEEP) console.log(`\nkept: ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
