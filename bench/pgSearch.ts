/**
 * npm run bench:pgsearch — Chinese full-text search in PostgreSQL, two ways, on the real archive: the store
 * bench/search.ts builds (`xinzhi demo`, then the seven real days of test/fixtures/real-days imported and
 * briefed, ≈300 documents) copied into a PostgreSQL schema of its own through PgStore.
 *
 *   (a) jieba tokens in a tsvector — what PgStore does (src/store/postgresSearch.ts): the text cut by
 *       searchText.indexText (words and sub-words), one position per token, GIN index, tsquery of lexemes.
 *   (b) pg_trgm on the normalised (not segmented) text: ILIKE '%term%' with a GIN gin_trgm_ops index.
 *
 * For each term: documents whose normalised text holds it (the ground truth: what a reader means by "has the
 * word"), documents each way finds, wrong hits (found, not holding it), and the median time of a query; then
 * the same with the archive copied SCALE times (default 30), where an index either helps or it does not.
 * Prints the index build times and sizes too. Env: XINZHI_TEST_PG (default postgres://postgres@127.0.0.1:5432/test),
 * DATA=<data folder> to reuse a store bench/search.ts kept (KEEP=1) instead of building one, SCALE.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { taxonomySegmenter } from '../src/analyze/relevance.ts';
import { defaultConfigPath, loadConfig } from '../src/config/load.ts';
import { warcResponseRecord } from '../src/crawl/warc.ts';
import { PgStore } from '../src/store/postgres.ts';
import { searchQuery } from '../src/store/postgresSearch.ts';
import { queryTerms, type SearchSegment } from '../src/store/searchText.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { SearchTerm } from '../src/store/store.ts';
import { normaliseText } from '../src/util/normalise.ts';
import { nextDay } from '../src/util/time.ts';
import { dayResponses, evalConfig, loadRealDay, realDayNames } from './realDay.ts';

const PG_URL = process.env.XINZHI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCALE = Number(process.env.SCALE ?? 30);
const TERMS = ['算力', '数据', '智能', '模型', '生产力', '大数据', '人工智能'];
/** Two words one document of the archive holds (beyond the brief's list, marked *): a selective search, where an index should serve. */
const RARE_TERMS = ['氢能', '专利'];
const ALL_TERMS = [...TERMS, ...RARE_TERMS];
const label = (term: string) => (RARE_TERMS.includes(term) ? `${term}*` : term);
const REPEATS = 7;
const cli = fileURLToPath(new URL('../bin/xinzhi.js', import.meta.url));

function run(args: string[]): void {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0 && result.status !== 3) throw new Error(`xinzhi ${args[0]} failed (${result.status}): ${result.stderr.trim()}`);
}

/** The sample day and the real days in a new data folder, as bench/search.ts builds them. */
async function buildArchive(dir: string): Promise<string> {
  const data = join(dir, 'data');
  run(['demo', '--data', data, '--out', join(dir, 'out')]);
  const config = evalConfig(dir);
  for (const name of realDayNames()) {
    const day = loadRealDay(name);
    const warc = join(dir, `${name}.warc.gz`);
    const records = await Promise.all(dayResponses(day).map((r) => warcResponseRecord({ ...r, fetchedAt: new Date(r.fetchedAt).toISOString() })));
    writeFileSync(warc, Buffer.concat(records));
    run(['import', warc, '--config', config, '--data', data]);
    run(['brief', '--date', nextDay(day.date), '--config', config, '--data', data, '--out', join(dir, 'out')]);
  }
  return data;
}

/**
 * A query's SearchTerms as src/store/search.ts builds them for a store (searchTerms): each term cut by the
 * segment, words without a letter or digit left out, span = each word's sub-words but the last's, plus
 * TERM_SLACK (2) per gap.
 */
function searchTerms(query: string, segment: SearchSegment): SearchTerm[] {
  return queryTerms(query, segment)
    .map((words) => words.filter((word) => /[\p{L}\p{N}]/u.test(word)))
    .filter((words) => words.length > 0)
    .map((words) => ({ words, span: words.slice(0, -1).reduce((sum, word) => sum + (segment.subWords?.(word).length ?? 0) + 2, 0) }));
}

/** The median time of `work` over REPEATS runs after one to warm up, in ms, and its last result. */
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  let result = await work();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    result = await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, result };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const pad = (value: string | number, width: number) => String(value).padEnd(width);

const keepDir = process.env.DATA ? undefined : mkdtempSync(join(tmpdir(), 'xinzhi-bench-pgsearch-'));
const schema = `xz_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Pool({ connectionString: PG_URL, max: 2 });
let createdTrgm = false;
let store: PgStore | undefined;
try {
  const server = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  console.log(`machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, node ${process.version}, PostgreSQL ${server}`);
  let started = performance.now();
  const data = process.env.DATA ?? (await buildArchive(keepDir!));
  if (!process.env.DATA) console.log(`archive built (demo + ${realDayNames().length} real days): ${seconds(performance.now() - started)}`);

  const segmenter = taxonomySegmenter(loadConfig(defaultConfigPath).taxonomy);
  const sqlite = new SqliteStore(data);
  const db = sqlite.connection;
  const documents = db.prepare('SELECT d.*, r.url AS r_url, r.status AS r_status, r.headers AS r_headers, r.body AS r_body, r.fetched_at AS r_fetched_at FROM documents AS d JOIN responses AS r ON r.id = d.response_id ORDER BY d.id').all() as {
    id: number; url: string; source_id: string; title: string; published_at: string | null; publisher: string | null; repost_of: string | null; doc_number: string | null;
    site_name: string | null; body: string; attachments: string; r_url: string; r_status: number; r_headers: string; r_body: Buffer; r_fetched_at: string;
  }[];
  const issues = db.prepare('SELECT issue_date, brief, theme_shares FROM issues ORDER BY issue_date').all() as { issue_date: string; brief: string; theme_shares: string }[];

  // The archive into PostgreSQL through PgStore, indexed on write: what a run with `store: postgres://…` does.
  store = await PgStore.open(`${PG_URL}?schema=${schema}`, { searchSegment: segmenter });
  const runId = await store.startRun('2026-06-19', 'import');
  started = performance.now();
  for (const doc of documents) {
    const { id } = await store.saveResponse(runId, doc.source_id, { url: doc.r_url, status: doc.r_status, headers: JSON.parse(doc.r_headers) as Record<string, string>, body: doc.r_body, fetchedAt: doc.r_fetched_at });
    await store.saveDocument(doc.source_id, doc.url, id, {
      kind: 'article', title: doc.title, publishedAt: doc.published_at, publisher: doc.publisher, repostOf: doc.repost_of, docNumber: doc.doc_number, siteName: doc.site_name,
      paragraphs: doc.body.split('\n'), attachments: JSON.parse(doc.attachments) as [],
    });
  }
  for (const issue of issues) await store.saveIssue(issue.issue_date, JSON.parse(issue.brief), JSON.parse(issue.theme_shares) as Record<string, number>);
  const copyMs = performance.now() - started;
  console.log(`PostgreSQL store: ${documents.length} documents, ${issues.length} issues saved through PgStore (response + indexed document, one by one): ${seconds(copyMs)}`);

  const pool = new pg.Pool({ connectionString: PG_URL, max: 2, options: `-c search_path=${schema},public` });
  const sql = <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => pool.query<R>(text, values);

  // (a) built again from scratch: jieba, tsvectors, GIN — reindexSearch.
  started = performance.now();
  await store.reindexSearch(segmenter);
  const reindexMs = performance.now() - started;

  // (b) pg_trgm: the normalised text of each document, and a trigram index on it.
  const existing = (await admin.query<{ schema: string }>("SELECT extnamespace::regnamespace::text AS schema FROM pg_extension WHERE extname = 'pg_trgm'")).rows[0];
  if (!existing) {
    await sql(`CREATE EXTENSION pg_trgm SCHEMA ${schema}`);
    createdTrgm = true;
  }
  const trgmSchema = existing?.schema ?? schema;
  const normalised = documents.map((doc) => normaliseText(`${doc.title}\n${doc.body}`));
  const ids = (await sql<{ id: string; url: string }>('SELECT id, url FROM documents')).rows;
  const idOf = new Map(ids.map((row) => [row.url, Number(row.id)]));
  await sql('CREATE TABLE trgm_documents (id bigint PRIMARY KEY REFERENCES documents(id), text text NOT NULL)');
  started = performance.now();
  await sql('INSERT INTO trgm_documents SELECT * FROM unnest($1::bigint[], $2::text[])', [documents.map((doc) => idOf.get(doc.url)), normalised]);
  await sql(`CREATE INDEX trgm_documents_text ON trgm_documents USING gin (text ${trgmSchema}.gin_trgm_ops)`);
  const trgmMs = performance.now() - started;
  await sql('ANALYZE');
  const size = async (index: string) => Number((await sql<{ n: string }>('SELECT pg_relation_size($1::regclass) AS n', [index])).rows[0]!.n);
  console.log(`index build, ${documents.length} documents: (a) reindexSearch (jieba + tsvector + GIN) ${seconds(reindexMs)}, GIN ${((await size('document_search_vector')) / 1024).toFixed(0)} KiB;`
    + ` (b) normalised text + trigram GIN ${seconds(trgmMs)}, GIN ${((await size('trgm_documents_text')) / 1024).toFixed(0)} KiB`);

  const holdingOf = new Map(ALL_TERMS.map((term) => [term, new Set(documents.filter((_, i) => normalised[i]!.includes(term)).map((doc) => idOf.get(doc.url)!))]));
  const like = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const queryA = (term: string) => searchQuery(searchTerms(term, segmenter));
  const findA = async (term: string) => (await sql<{ id: string }>('SELECT document_id AS id FROM document_search WHERE vector @@ $1::tsquery', [queryA(term)])).rows.map((row) => Number(row.id));
  const findB = async (term: string) => (await sql<{ id: string }>('SELECT id FROM trgm_documents WHERE text ILIKE $1', [like(term)])).rows.map((row) => Number(row.id));
  const plan = async (text: string, value: unknown) => {
    const lines = (await sql<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, [value])).rows.map((row) => row['QUERY PLAN']).join(' ');
    return /Bitmap Index Scan|Index Scan/.test(lines) ? 'index' : 'seq scan';
  };

  console.log(`\n${documents.length} documents. found = documents a query returns (of them, holding the term); wrong = found, not holding it; ms = median of ${REPEATS}, all matches`);
  console.log(`${pad('term', 8)} ${pad('words (a)', 14)} ${pad('holding', 8)} ${pad('(a) found', 16)} ${pad('(a) wrong', 10)} ${pad('(a) ms', 8)} ${pad('(b) found', 16)} ${pad('(b) wrong', 10)} ${pad('(b) ms', 8)}`);
  for (const term of ALL_TERMS) {
    const holding = holdingOf.get(term)!;
    const a = await timed(() => findA(term));
    const b = await timed(() => findB(term));
    const words = searchTerms(term, segmenter).map((t) => t.words.join('/')).join(' ');
    const row = (found: number[]) => [`${found.length} (${found.filter((id) => holding.has(id)).length})`, found.filter((id) => !holding.has(id)).length] as const;
    const [aFound, aWrong] = row(a.result);
    const [bFound, bWrong] = row(b.result);
    console.log(`${pad(label(term), 8)} ${pad(words, 14)} ${pad(holding.size, 8)} ${pad(aFound, 16)} ${pad(aWrong, 10)} ${pad(a.ms.toFixed(2), 8)} ${pad(bFound, 16)} ${pad(bWrong, 10)} ${pad(b.ms.toFixed(2), 8)}`);
  }

  // The archive SCALE times over (copies of the same rows under new URLs): where the indexes earn their keep.
  if (SCALE > 1) {
    started = performance.now();
    await sql(
      `INSERT INTO documents (url, source_id, response_id, title, published_at, published_utc, publisher, repost_of, doc_number, site_name, body, attachments, extracted_at)
       SELECT url || '#copy' || n, source_id, response_id, title, published_at, published_utc, publisher, repost_of, doc_number, site_name, body, attachments, extracted_at
       FROM documents, generate_series(1, $1::int - 1) AS n`,
      [SCALE],
    );
    await sql('DROP INDEX document_search_vector');
    await sql('DROP INDEX trgm_documents_text');
    await sql(
      `INSERT INTO document_search (document_id, title, body, vector)
       SELECT c.id, s.title, s.body, s.vector FROM documents AS o CROSS JOIN generate_series(1, $1::int - 1) AS n
       JOIN documents AS c ON c.url = o.url || '#copy' || n JOIN document_search AS s ON s.document_id = o.id`,
      [SCALE],
    );
    await sql(
      `INSERT INTO trgm_documents (id, text)
       SELECT c.id, t.text FROM documents AS o CROSS JOIN generate_series(1, $1::int - 1) AS n
       JOIN documents AS c ON c.url = o.url || '#copy' || n JOIN trgm_documents AS t ON t.id = o.id`,
      [SCALE],
    );
    let t = performance.now();
    await sql('CREATE INDEX document_search_vector ON document_search USING gin (vector)');
    const ginA = performance.now() - t;
    t = performance.now();
    await sql(`CREATE INDEX trgm_documents_text ON trgm_documents USING gin (text ${trgmSchema}.gin_trgm_ops)`);
    const ginB = performance.now() - t;
    await sql('ANALYZE');
    const total = documents.length * SCALE;
    console.log(`\n×${SCALE}: ${total} documents (copied in ${seconds(performance.now() - started)}). GIN build: (a) ${seconds(ginA)}, ${((await size('document_search_vector')) / 1048576).toFixed(1)} MiB;`
      + ` (b) ${seconds(ginB)}, ${((await size('trgm_documents_text')) / 1048576).toFixed(1)} MiB`);
    console.log(`${pad('term', 8)} ${pad('found', 8)} ${pad('(a) ms', 8)} ${pad('(a) plan', 10)} ${pad('(a) desk ms', 12)} ${pad('(b) ms', 8)} ${pad('(b) plan', 10)}   (desk: searchDocuments, best 50 with rank and snippets)`);
    for (const term of ALL_TERMS) {
      const a = await timed(() => findA(term));
      const b = await timed(() => findB(term));
      const desk = await timed(() => store!.searchDocuments({ terms: searchTerms(term, segmenter), limit: 50 }));
      const planA = await plan('SELECT document_id FROM document_search WHERE vector @@ $1::tsquery', queryA(term));
      const planB = await plan('SELECT id FROM trgm_documents WHERE text ILIKE $1', like(term));
      console.log(`${pad(label(term), 8)} ${pad(`${a.result.length}/${b.result.length}`, 8)} ${pad(a.ms.toFixed(1), 8)} ${pad(planA, 10)} ${pad(desk.ms.toFixed(1), 12)} ${pad(b.ms.toFixed(1), 8)} ${pad(planB, 10)}`);
    }
  }
  await pool.end();
  await sqlite.close();
} finally {
  await store?.close();
  // The schema first: the trigram index depends on the extension.
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  if (createdTrgm) await admin.query('DROP EXTENSION IF EXISTS pg_trgm');
  await admin.end();
  if (keepDir) rmSync(keepDir, { recursive: true, force: true });
}
