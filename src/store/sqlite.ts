import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ExtractedArticle } from '../domain/article.ts';
import type { StoredDocument } from '../domain/document.ts';
import type { FetchedResponse } from '../domain/response.ts';
import { UserError } from '../util/errors.ts';
import { sha256Hex } from '../util/hash.ts';
import { migrations } from './migrations.ts';
import type { AttemptsSoFar } from '../domain/schedule.ts';
import { indexText, MATCH_END, MATCH_START, SNIPPET_CUT, type SearchSegment } from './searchText.ts';

/** What the last fetch of a URL returned: validators for a conditional GET, and a hash for when there are none. */
export interface UrlState {
  etag: string | null;
  lastModified: string | null;
  sha256: string;
  status: number;
}

/** One source's part of one run: what `xinzhi sources status` and the run summary's alerts read. */
export interface SourceRun {
  sourceId: string;
  finishedAt: string;
  /** Entry points that answered (200, or 304 unchanged). */
  entriesOk: number;
  linksFound: number;
  /** Entry points that had not changed since the last run. */
  unchanged: number;
  documentsNew: number;
  errors: string[];
  /** The shape of the list's link block, to notice a site's redesign. */
  listShape: string | null;
}

/** One try of sending an issue to a publish channel (`xinzhi publish`). */
export interface DeliveryAttempt {
  issueDate: string;
  channel: string;
  status: 'sent' | 'failed';
  /** 1 for the first try of a run, 2 for its first retry … */
  attempt: number;
  /** When the try ended: ISO 8601 with +08:00. */
  sentAt: string;
  /** SHA-256 (hex) of the message's content, without timestamp or signature. */
  digest: string;
  /** Why it failed, secrets redacted; null when sent. */
  error: string | null;
}

/** The parts of a stored brief.json a later issue reads. */
interface StoredBrief {
  title?: string;
  abstract?: string;
  references?: { title: string }[];
  items?: { headline: string; themes?: string[]; paragraphs?: string[] }[];
}

function issueContents(brief: StoredBrief): Pick<StoredIssue, 'reportedTitles' | 'items'> {
  return {
    reportedTitles: (brief.references ?? []).map((reference) => reference.title),
    items: (brief.items ?? []).map((item) => ({ headline: item.headline, themes: item.themes ?? [] })),
  };
}

export interface StoredIssue {
  issueDate: string;
  themeShares: Record<string, number>;
  /** The titles of the documents the issue cited: a story it covered is not news again. */
  reportedTitles: string[];
  /** Its sections' headlines and themes: what a later issue's analysis says it continues. */
  items: { headline: string; themes: string[] }[];
}

interface DocumentRow {
  id: number;
  url: string;
  source_id: string;
  title: string;
  published_at: string | null;
  publisher: string | null;
  repost_of: string | null;
  doc_number: string | null;
  site_name: string | null;
  body: string;
  attachments: string;
}

function toDocument(row: DocumentRow): StoredDocument {
  return {
    id: row.id,
    url: row.url,
    sourceId: row.source_id,
    title: row.title,
    publishedAt: row.published_at,
    publisher: row.publisher,
    repostOf: row.repost_of,
    docNumber: row.doc_number,
    siteName: row.site_name,
    body: row.body,
    attachments: JSON.parse(row.attachments) as StoredDocument['attachments'],
  };
}

/**
 * A SQLite failure of a data folder's database (SQLITE_READONLY, SQLITE_FULL, SQLITE_IOERR, SQLITE_BUSY …)
 * as a UserError naming the file and the code, for the one line the CLI prints; other errors are returned as
 * they are. better-sqlite3 reports the code, never the file.
 */
export function databaseError(err: unknown, dataDir: string): unknown {
  if (!(err instanceof Database.SqliteError)) return err;
  const file = SqliteStore.fileIn(dataDir);
  return new UserError(`数据库 ${file} 出错（${err.code}）：${err.message}`, `database ${file} failed (${err.code}): ${err.message}`);
}

/** How a store is opened. */
export interface StoreOptions {
  /**
   * Cuts text into words for the full-text search index. With it, saveDocument and saveIssue index what
   * they write; without it (the default: crawl and render need no jieba) they only remove a rewritten row's
   * stale entry, and the row is missing from search until reindexSearch runs (searchIndexGaps counts them).
   */
  searchSegment?: SearchSegment;
}

/** A document search in the index (search.ts builds it from what the desk asked). */
export interface DocumentSearch {
  /** An FTS5 MATCH expression whose every word is a quoted string (search.ts ftsQuery). */
  match: string;
  /** Published in [publishedFrom, publishedBefore); a document without a date is left out when either is set. */
  publishedFrom?: Date;
  publishedBefore?: Date;
  /** Only these sources' documents, when given. */
  sourceIds?: readonly string[];
  /**
   * Only documents a run's analysis gave one of these themes / tiers / issuing bodies (src/store/facets.ts);
   * a document no analysis read has none of them.
   */
  themes?: readonly string[];
  tiers?: readonly string[];
  bodies?: readonly string[];
  limit: number;
}

/** An issue search in the index. */
export interface IssueSearch {
  match: string;
  /** Issue dates (YYYY-MM-DD, Shanghai), both ends included. */
  fromDay?: string;
  toDay?: string;
  /** Only issues with a section of one of these themes (the brief's item.themes). */
  themes?: readonly string[];
  /** Only issues with a section of one of these tiers (item.tier). */
  tiers?: readonly string[];
  /**
   * Only issues citing one of these issuing bodies: a reference's publisher, or a cited document whose
   * analysis named the body its issuer (document_facets).
   */
  bodies?: readonly string[];
  limit: number;
}

/** A document found: bm25 is SQLite's (lower is better); snippet is indexed text with MATCH_START/MATCH_END marks, cut at SNIPPET_CUT (searchText.snippetParts reads it). */
export interface DocumentSearchRow {
  id: number;
  url: string;
  sourceId: string;
  title: string;
  publishedAt: string | null;
  bm25: number;
  snippet: string;
}

/** An issue found, as DocumentSearchRow. */
export interface IssueSearchRow {
  issueDate: string;
  title: string;
  bm25: number;
  snippet: string;
}

/** FTS5's snippet(): the best column's (-1) passage of about this many tokens around the matches (sub-words count, unseen). */
const SNIPPET_WORDS = 40;
/** bm25 column weights: a word in a title or headline counts more than one in the body. */
const DOCUMENT_WEIGHTS = 'bm25(documents_fts, 3.0, 1.0)';
const ISSUE_WEIGHTS = 'bm25(issues_fts, 3.0, 2.0, 1.0)';

/** The issues_fts rowid of an issue date: YYYY-MM-DD as the number YYYYMMDD. */
function issueRowid(issueDate: string): number {
  return Number(issueDate.replaceAll('-', ''));
}

/** An issue's searchable text: its sections' headlines, its abstract, its sections' paragraphs (withheld ones are not published, so not searched). */
function issueSearchText(brief: StoredBrief): { headlines: string; abstract: string; body: string } {
  const items = brief.items ?? [];
  return {
    headlines: items.map((item) => item.headline).join('\n'),
    abstract: brief.abstract ?? '',
    body: items.flatMap((item) => item.paragraphs ?? []).join('\n'),
  };
}

/** `?, ?, ?` for an IN list. */
function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

/** The embedded store: one SQLite file in the data folder. */
export class SqliteStore {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly searchSegment: SearchSegment | undefined;

  constructor(readonly dataDir: string, options: StoreOptions = {}) {
    this.searchSegment = options.searchSegment;
    const file = SqliteStore.fileIn(dataDir);
    try {
      mkdirSync(dataDir, { recursive: true });
      this.db = new Database(file);
    } catch (err) {
      throw new UserError(`无法打开数据库 ${file}：${(err as Error).message}`, `cannot open database ${file}: ${(err as Error).message}`);
    }
    this.db.pragma('journal_mode = WAL');
    // WAL with NORMAL sync cannot corrupt the file; a power cut may lose the last commits, which the
    // day's WARC archive still holds. FULL would fsync every insert and stall the crawl's event loop.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
  }

  /** The database file of a data folder. */
  static fileIn(dataDir: string): string {
    return join(dataDir, 'xinzhi.sqlite');
  }

  /**
   * The store of a data folder that already holds one, for the commands that only read it (explain,
   * verify, render): they never create a data folder. Throws a UserError naming the file when there is none.
   */
  static openExisting(dataDir: string, options: StoreOptions = {}): SqliteStore {
    const file = SqliteStore.fileIn(dataDir);
    if (!existsSync(file)) throw new UserError(`数据库 ${file} 不存在：先运行 xinzhi run 或 xinzhi import`, `no database at ${file}: run xinzhi run or xinzhi import first`);
    return new SqliteStore(dataDir, options);
  }

  /**
   * Runs the migrations the file lacks, under the write lock (BEGIN IMMEDIATE) and with the version read
   * inside it: two commands opening a new data folder at once would otherwise both see version 0, and the
   * second would fail creating tables the first had just made.
   */
  private migrate(): void {
    this.db.transaction(() => {
      const version = this.db.pragma('user_version', { simple: true }) as number;
      for (let i = version; i < migrations.length; i++) {
        this.db.exec(migrations[i]!);
        this.db.pragma(`user_version = ${i + 1}`);
      }
    }).immediate();
  }

  close(): void {
    this.db.close();
  }

  /**
   * The open connection, for the store's own modules that keep tables of their own (src/store/desk.ts):
   * one file, one connection, one set of migrations. Nothing outside src/store/ writes SQL.
   */
  get connection(): Database.Database {
    return this.db;
  }

  /** A prepared statement, prepared once per store: the crawl runs the same few thousands of times. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  startRun(issueDate: string, mode: string): number {
    const result = this.sql('INSERT INTO runs (issue_date, mode, started_at) VALUES (?, ?, ?)').run(issueDate, mode, new Date().toISOString());
    return Number(result.lastInsertRowid);
  }

  finishRun(runId: number, summary: unknown): void {
    this.sql('UPDATE runs SET finished_at = ?, summary = ? WHERE id = ?').run(new Date().toISOString(), JSON.stringify(summary), runId);
  }

  /**
   * Keeps the raw response before anything parses it; returns its row, the SHA-256 of its body, and whether
   * the store held this fetch already (the same URL, bytes and fetch time: an archive imported again), in
   * which case nothing is added and the row is the earlier one.
   */
  saveResponse(runId: number, sourceId: string | null, response: FetchedResponse): { id: number; sha256: string; alreadyStored: boolean } {
    const sha256 = sha256Hex(response.body);
    const result = this.sql(
      'INSERT INTO responses (run_id, source_id, url, status, headers, body, sha256, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url, sha256, fetched_at) DO NOTHING',
    ).run(runId, sourceId, response.url, response.status, JSON.stringify(response.headers), response.body, sha256, response.fetchedAt);
    if (result.changes > 0) return { id: Number(result.lastInsertRowid), sha256, alreadyStored: false };
    const stored = this.sql('SELECT id FROM responses WHERE url = ? AND sha256 = ? AND fetched_at = ?').get(response.url, sha256, response.fetchedAt) as { id: number };
    return { id: stored.id, sha256, alreadyStored: true };
  }

  /** Stores an article, replacing an earlier extraction of the same URL, and its search entry (see StoreOptions). */
  saveDocument(sourceId: string, url: string, responseId: number, article: ExtractedArticle): void {
    const body = article.paragraphs.join('\n');
    this.db.transaction(() => {
      const { id } = this.sql(
        `INSERT INTO documents (url, source_id, response_id, title, published_at, published_utc, publisher, repost_of, doc_number, site_name, body, attachments, extracted_at)
         VALUES (@url, @sourceId, @responseId, @title, @publishedAt, @publishedUtc, @publisher, @repostOf, @docNumber, @siteName, @body, @attachments, @extractedAt)
         ON CONFLICT(url) DO UPDATE SET source_id = excluded.source_id, response_id = excluded.response_id, title = excluded.title,
           published_at = excluded.published_at, published_utc = excluded.published_utc, publisher = excluded.publisher, repost_of = excluded.repost_of,
           doc_number = excluded.doc_number, site_name = excluded.site_name, body = excluded.body, attachments = excluded.attachments, extracted_at = excluded.extracted_at
         RETURNING id`,
      )
      .get({
        url,
        sourceId,
        responseId,
        title: article.title,
        publishedAt: article.publishedAt,
        publishedUtc: article.publishedAt ? new Date(article.publishedAt).toISOString() : null,
        publisher: article.publisher,
        repostOf: article.repostOf,
        docNumber: article.docNumber,
        siteName: article.siteName,
        body,
        attachments: JSON.stringify(article.attachments),
        extractedAt: new Date().toISOString(),
      }) as { id: number };
      this.indexDocument(id, article.title, body, this.searchSegment);
    })();
  }

  /** Replaces a document's search entry; without a segment only removes the old one. */
  private indexDocument(id: number, title: string, body: string, segment: SearchSegment | undefined): void {
    this.sql('DELETE FROM documents_fts WHERE rowid = ?').run(id);
    if (segment) this.sql('INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)').run(id, indexText(title, segment), indexText(body, segment));
  }

  /** Replaces an issue's search entry; without a segment only removes the old one. */
  private indexIssue(issueDate: string, brief: StoredBrief, segment: SearchSegment | undefined): void {
    const rowid = issueRowid(issueDate);
    this.sql('DELETE FROM issues_fts WHERE rowid = ?').run(rowid);
    if (!segment) return;
    const text = issueSearchText(brief);
    this.sql('INSERT INTO issues_fts (rowid, headlines, abstract, body) VALUES (?, ?, ?, ?)')
      .run(rowid, indexText(text.headlines, segment), indexText(text.abstract, segment), indexText(text.body, segment));
  }

  /**
   * Rebuilds the whole search index with this segment, in one transaction: after documents were saved by a
   * store without one, or when the domain words changed (a word cut differently is found differently).
   * Returns how many documents and issues it indexed.
   */
  reindexSearch(segment: SearchSegment): { documents: number; issues: number } {
    return this.db.transaction(() => {
      this.db.exec('DELETE FROM documents_fts; DELETE FROM issues_fts;');
      // In pages by id: better-sqlite3 cannot write while a read iterates, and the whole archive need not be in memory.
      let documents = 0;
      for (let after = 0; ;) {
        const rows = this.sql('SELECT id, title, body FROM documents WHERE id > ? ORDER BY id LIMIT 500').all(after) as { id: number; title: string; body: string }[];
        if (rows.length === 0) break;
        for (const row of rows) this.indexDocument(row.id, row.title, row.body, segment);
        documents += rows.length;
        after = rows.at(-1)!.id;
      }
      const issues = this.sql('SELECT issue_date, brief FROM issues').all() as { issue_date: string; brief: string }[];
      for (const row of issues) this.indexIssue(row.issue_date, JSON.parse(row.brief) as StoredBrief, segment);
      return { documents, issues: issues.length };
    }).immediate();
  }

  /** How many documents and issues the search index lacks: non-zero after writes by a store without a segment. */
  searchIndexGaps(): { documents: number; issues: number } {
    const documents = this.sql('SELECT count(*) AS n FROM documents WHERE id NOT IN (SELECT rowid FROM documents_fts)').get() as { n: number };
    const issues = this.sql("SELECT count(*) AS n FROM issues WHERE CAST(replace(issue_date, '-', '') AS INTEGER) NOT IN (SELECT rowid FROM issues_fts)").get() as { n: number };
    return { documents: documents.n, issues: issues.n };
  }

  /** Documents matching a search, best first (bm25, titles weighted 3:1). Throws SqliteError on a malformed match. */
  searchDocuments(search: DocumentSearch): DocumentSearchRow[] {
    const where = ['documents_fts MATCH ?'];
    const values: unknown[] = [search.match];
    if (search.publishedFrom) {
      where.push('d.published_utc >= ?');
      values.push(search.publishedFrom.toISOString());
    }
    if (search.publishedBefore) {
      where.push('d.published_utc < ?');
      values.push(search.publishedBefore.toISOString());
    }
    if (search.sourceIds) {
      where.push(`d.source_id IN (${placeholders(search.sourceIds)})`);
      values.push(...search.sourceIds);
    }
    if (search.themes) {
      where.push(`EXISTS (SELECT 1 FROM document_themes AS t WHERE t.document_id = d.id AND t.theme IN (${placeholders(search.themes)}))`);
      values.push(...search.themes);
    }
    if (search.tiers) {
      where.push(`EXISTS (SELECT 1 FROM document_facets AS f WHERE f.document_id = d.id AND f.tier IN (${placeholders(search.tiers)}))`);
      values.push(...search.tiers);
    }
    if (search.bodies) {
      where.push(`EXISTS (SELECT 1 FROM document_facets AS f WHERE f.document_id = d.id AND f.issuer IN (${placeholders(search.bodies)}))`);
      values.push(...search.bodies);
    }
    // Prepared each time: the filters change its text, and a search is one query, not thousands.
    return this.db.prepare(
      `SELECT d.id, d.url, d.source_id AS sourceId, d.title, d.published_at AS publishedAt, ${DOCUMENT_WEIGHTS} AS bm25,
         snippet(documents_fts, -1, ?, ?, ?, ${SNIPPET_WORDS}) AS snippet
       FROM documents_fts JOIN documents AS d ON d.id = documents_fts.rowid
       WHERE ${where.join(' AND ')} ORDER BY bm25, d.id LIMIT ?`,
    ).all(MATCH_START, MATCH_END, SNIPPET_CUT, ...values, search.limit) as DocumentSearchRow[];
  }

  /** Issues matching a search, best first (bm25, headlines 3, abstract 2, body 1). Throws SqliteError on a malformed match. */
  searchIssues(search: IssueSearch): IssueSearchRow[] {
    const where = ['issues_fts MATCH ?'];
    const values: unknown[] = [search.match];
    if (search.fromDay) {
      where.push('i.issue_date >= ?');
      values.push(search.fromDay);
    }
    if (search.toDay) {
      where.push('i.issue_date <= ?');
      values.push(search.toDay);
    }
    if (search.themes) {
      where.push(`EXISTS (SELECT 1 FROM json_each(i.brief, '$.items') AS item, json_each(item.value, '$.themes') AS theme WHERE theme.value IN (${placeholders(search.themes)}))`);
      values.push(...search.themes);
    }
    if (search.tiers) {
      where.push(`EXISTS (SELECT 1 FROM json_each(i.brief, '$.items') AS item WHERE json_extract(item.value, '$.tier') IN (${placeholders(search.tiers)}))`);
      values.push(...search.tiers);
    }
    if (search.bodies) {
      where.push(`EXISTS (SELECT 1 FROM json_each(i.brief, '$.references') AS ref WHERE json_extract(ref.value, '$.publisher') IN (${placeholders(search.bodies)})
        OR json_extract(ref.value, '$.url') IN (SELECT url FROM documents JOIN document_facets AS f ON f.document_id = documents.id WHERE f.issuer IN (${placeholders(search.bodies)})))`);
      values.push(...search.bodies, ...search.bodies);
    }
    return this.db.prepare(
      `SELECT i.issue_date AS issueDate, coalesce(json_extract(i.brief, '$.title'), '') AS title, ${ISSUE_WEIGHTS} AS bm25,
         snippet(issues_fts, -1, ?, ?, ?, ${SNIPPET_WORDS}) AS snippet
       FROM issues_fts JOIN issues AS i ON CAST(replace(i.issue_date, '-', '') AS INTEGER) = issues_fts.rowid
       WHERE ${where.join(' AND ')} ORDER BY bm25, i.issue_date DESC LIMIT ?`,
    ).all(MATCH_START, MATCH_END, SNIPPET_CUT, ...values, search.limit) as IssueSearchRow[];
  }

  /** Documents published in [start, end). */
  documentsPublishedBetween(start: Date, end: Date): StoredDocument[] {
    // published_utc is the instant in one zone, so the range is a string comparison an index serves.
    const rows = this.sql('SELECT * FROM documents WHERE published_utc >= ? AND published_utc < ? ORDER BY id').all(start.toISOString(), end.toISOString()) as DocumentRow[];
    return rows.map(toDocument);
  }

  hasDocument(url: string): boolean {
    return this.sql('SELECT 1 FROM documents WHERE url = ?').get(url) !== undefined;
  }

  urlState(url: string): UrlState | undefined {
    const row = this.sql('SELECT etag, last_modified, sha256, status FROM url_state WHERE url = ?').get(url) as { etag: string | null; last_modified: string | null; sha256: string; status: number } | undefined;
    return row ? { etag: row.etag, lastModified: row.last_modified, sha256: row.sha256, status: row.status } : undefined;
  }

  /**
   * The stored response of a URL with these bytes (the digest url_state recorded): what a 304 answer stands
   * for, so a list that did not change can still be read (a JPaaS shell names the API its list is in).
   */
  storedResponse(url: string, sha256: string): FetchedResponse | undefined {
    const row = this.sql('SELECT url, status, headers, body, fetched_at FROM responses WHERE url = ? AND sha256 = ? ORDER BY id DESC LIMIT 1').get(url, sha256) as
      | { url: string; status: number; headers: string; body: Buffer; fetched_at: string }
      | undefined;
    return row && { url: row.url, status: row.status, headers: JSON.parse(row.headers) as Record<string, string>, body: row.body, fetchedAt: row.fetched_at };
  }

  /** Records a 200 response's validators and body hash (from saveResponse); a 304 keeps the earlier ones. */
  saveUrlState(url: string, response: FetchedResponse, sha256: string): void {
    if (response.status !== 200) return;
    this.sql(
        `INSERT INTO url_state (url, etag, last_modified, sha256, status, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, sha256 = excluded.sha256, status = excluded.status, fetched_at = excluded.fetched_at`,
      )
      .run(url, response.headers.etag ?? null, response.headers['last-modified'] ?? null, sha256, response.status, response.fetchedAt);
  }

  saveSourceRun(runId: number, run: SourceRun): void {
    this.sql('INSERT OR REPLACE INTO source_runs (run_id, source_id, finished_at, entries_ok, links_found, unchanged, documents_new, errors, list_shape) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(runId, run.sourceId, run.finishedAt, run.entriesOk, run.linksFound, run.unchanged, run.documentsNew, JSON.stringify(run.errors), run.listShape);
  }

  /** A source's most recent runs, newest first. */
  sourceRuns(sourceId: string, limit: number): SourceRun[] {
    const rows = this.sql('SELECT * FROM source_runs WHERE source_id = ? ORDER BY finished_at DESC, run_id DESC LIMIT ?').all(sourceId, limit) as {
      source_id: string; finished_at: string; entries_ok: number; links_found: number; unchanged: number; documents_new: number; errors: string; list_shape: string | null;
    }[];
    return rows.map((row) => ({
      sourceId: row.source_id,
      finishedAt: row.finished_at,
      entriesOk: row.entries_ok,
      linksFound: row.links_found,
      unchanged: row.unchanged,
      documentsNew: row.documents_new,
      errors: JSON.parse(row.errors) as string[],
      listShape: row.list_shape,
    }));
  }

  documentCount(sourceId: string): number {
    return (this.sql('SELECT count(*) AS n FROM documents WHERE source_id = ?').get(sourceId) as { n: number }).n;
  }

  documentByUrl(url: string): StoredDocument | undefined {
    const row = this.sql('SELECT * FROM documents WHERE url = ?').get(url) as DocumentRow | undefined;
    return row ? toDocument(row) : undefined;
  }

  /** Stores an issue's brief.json (YYYY-MM-DD, Shanghai), replacing an earlier one, and its search entry (see StoreOptions). */
  saveIssue(issueDate: string, brief: unknown, themeShares: Record<string, number>): void {
    this.db.transaction(() => {
      this.sql('INSERT INTO issues (issue_date, brief, theme_shares, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(issue_date) DO UPDATE SET brief = excluded.brief, theme_shares = excluded.theme_shares, created_at = excluded.created_at')
        .run(issueDate, JSON.stringify(brief), JSON.stringify(themeShares), new Date().toISOString());
      this.indexIssue(issueDate, brief as StoredBrief, this.searchSegment);
    })();
  }

  /** What the schedule attempted for an issue: attempts started (a killed one counts), whether one wrote it, when the last ended. */
  scheduledAttempts(issueDate: string): AttemptsSoFar {
    const row = this.sql("SELECT count(*) AS n, max(outcome IN ('written', 'needs-review')) AS ok, max(coalesce(finished_at, started_at)) AS last FROM scheduled_runs WHERE issue_date = ?").get(issueDate) as { n: number; ok: number | null; last: string | null };
    return { attempts: row.n, succeeded: row.ok === 1, lastAt: row.last ? new Date(row.last) : null };
  }

  /** Records that a scheduled attempt started at `at` (the scheduler's clock); returns its row, for finishScheduledRun. */
  startScheduledRun(issueDate: string, attempt: number, reason: string, at: Date): number {
    const result = this.sql('INSERT INTO scheduled_runs (issue_date, attempt, reason, started_at) VALUES (?, ?, ?, ?)').run(issueDate, attempt, reason, at.toISOString());
    return Number(result.lastInsertRowid);
  }

  /** Records how a scheduled attempt ended: `written`, `needs-review` (sections withheld) or `failed`, with a one-line detail. */
  finishScheduledRun(id: number, outcome: 'written' | 'needs-review' | 'failed', detail: string, at: Date): void {
    this.sql('UPDATE scheduled_runs SET finished_at = ?, outcome = ?, detail = ? WHERE id = ?').run(at.toISOString(), outcome, detail, id);
  }

  /** Records one try of a delivery, sent or failed. */
  recordDelivery(attempt: DeliveryAttempt): void {
    this.sql('INSERT INTO deliveries (issue_date, channel, status, attempt, sent_at, digest, error) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(attempt.issueDate, attempt.channel, attempt.status, attempt.attempt, attempt.sentAt, attempt.digest, attempt.error);
  }

  /** The channels an issue was sent to, in name order: what a later render of it replaces under readers' links. */
  sentChannels(issueDate: string): string[] {
    return (this.sql("SELECT DISTINCT channel FROM deliveries WHERE issue_date = ? AND status = 'sent' ORDER BY channel").all(issueDate) as { channel: string }[]).map((row) => row.channel);
  }

  /** The latest successful delivery of an issue to a channel, if it was ever sent there. */
  lastSent(issueDate: string, channel: string): DeliveryAttempt | undefined {
    const row = this.sql("SELECT * FROM deliveries WHERE issue_date = ? AND channel = ? AND status = 'sent' ORDER BY id DESC LIMIT 1").get(issueDate, channel) as
      | { issue_date: string; channel: string; status: 'sent'; attempt: number; sent_at: string; digest: string; error: string | null }
      | undefined;
    return row && { issueDate: row.issue_date, channel: row.channel, status: row.status, attempt: row.attempt, sentAt: row.sent_at, digest: row.digest, error: row.error };
  }

  /** The most recent issues before a date, newest first. */
  issuesBefore(issueDate: string, limit: number): StoredIssue[] {
    const rows = this.sql('SELECT issue_date, theme_shares, brief FROM issues WHERE issue_date < ? ORDER BY issue_date DESC LIMIT ?').all(issueDate, limit) as { issue_date: string; theme_shares: string; brief: string }[];
    return rows.map((row) => ({
      issueDate: row.issue_date,
      themeShares: JSON.parse(row.theme_shares) as Record<string, number>,
      ...issueContents(JSON.parse(row.brief) as StoredBrief),
    }));
  }
}
