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
import { SqliteDeskRecords } from './desk.ts';
import { archivedSummary, issueContents, issueSearchText, toDelivery, toDocument, toSourceRun, type DeliveryRow, type DocumentRow, type SourceRunRow, type StoredBrief } from './rows.ts';
import { fts5Match } from './search.ts';
import type {
  ArchivedIssue, DeliveryAttempt, DocumentFacet, DocumentSearch, DocumentSearchRow, IssueSearch, IssueSearchRow, SourceRun, Store, StoreOptions, StoredIssue, UrlState,
} from './store.ts';

/** A documents row as SQLite returns it: the attachments are JSON text. */
type SqliteDocumentRow = Omit<DocumentRow, 'attachments'> & { attachments: string };

function documentOf(row: SqliteDocumentRow): StoredDocument {
  return toDocument({ ...row, attachments: JSON.parse(row.attachments) as DocumentRow['attachments'] });
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

/** FTS5's snippet(): the best column's (-1) passage of about this many tokens around the matches (sub-words count, unseen). */
const SNIPPET_WORDS = 40;
/** bm25 column weights: a word in a title or headline counts more than one in the body. */
const DOCUMENT_WEIGHTS = 'bm25(documents_fts, 3.0, 1.0)';
const ISSUE_WEIGHTS = 'bm25(issues_fts, 3.0, 2.0, 1.0)';

/** The issues_fts rowid of an issue date: YYYY-MM-DD as the number YYYYMMDD. */
function issueRowid(issueDate: string): number {
  return Number(issueDate.replaceAll('-', ''));
}

/** `?, ?, ?` for an IN list. */
function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

/** The embedded store: one SQLite file in the data folder. */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly searchSegment: SearchSegment | undefined;
  readonly desk: SqliteDeskRecords;
  readonly location: string;

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
    this.location = file;
    this.desk = new SqliteDeskRecords(this.db);
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

  async close(): Promise<void> {
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

  async startRun(issueDate: string, mode: string): Promise<number> {
    const result = this.sql('INSERT INTO runs (issue_date, mode, started_at) VALUES (?, ?, ?)').run(issueDate, mode, new Date().toISOString());
    return Number(result.lastInsertRowid);
  }

  async finishRun(runId: number, summary: unknown): Promise<void> {
    this.sql('UPDATE runs SET finished_at = ?, summary = ? WHERE id = ?').run(new Date().toISOString(), JSON.stringify(summary), runId);
  }

  /**
   * Keeps the raw response before anything parses it; returns its row, the SHA-256 of its body, and whether
   * the store held this fetch already (the same URL, bytes and fetch time: an archive imported again), in
   * which case nothing is added and the row is the earlier one.
   */
  async saveResponse(runId: number, sourceId: string | null, response: FetchedResponse): Promise<{ id: number; sha256: string; alreadyStored: boolean }> {
    const sha256 = sha256Hex(response.body);
    const result = this.sql(
      'INSERT INTO responses (run_id, source_id, url, status, headers, body, sha256, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url, sha256, fetched_at) DO NOTHING',
    ).run(runId, sourceId, response.url, response.status, JSON.stringify(response.headers), response.body, sha256, response.fetchedAt);
    if (result.changes > 0) return { id: Number(result.lastInsertRowid), sha256, alreadyStored: false };
    const stored = this.sql('SELECT id FROM responses WHERE url = ? AND sha256 = ? AND fetched_at = ?').get(response.url, sha256, response.fetchedAt) as { id: number };
    return { id: stored.id, sha256, alreadyStored: true };
  }

  /** Stores an article, replacing an earlier extraction of the same URL, and its search entry (see StoreOptions). */
  async saveDocument(sourceId: string, url: string, responseId: number, article: ExtractedArticle): Promise<void> {
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
  async reindexSearch(segment: SearchSegment): Promise<{ documents: number; issues: number }> {
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
  async searchIndexGaps(): Promise<{ documents: number; issues: number }> {
    const documents = this.sql('SELECT count(*) AS n FROM documents WHERE id NOT IN (SELECT rowid FROM documents_fts)').get() as { n: number };
    const issues = this.sql("SELECT count(*) AS n FROM issues WHERE CAST(replace(issue_date, '-', '') AS INTEGER) NOT IN (SELECT rowid FROM issues_fts)").get() as { n: number };
    return { documents: documents.n, issues: issues.n };
  }

  /** Documents matching a search, best first (bm25, titles weighted 3:1). Throws SqliteError on a malformed match. */
  async searchDocuments(search: DocumentSearch): Promise<DocumentSearchRow[]> {
    const where = ['documents_fts MATCH ?'];
    const values: unknown[] = [fts5Match(search.terms)];
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
      `SELECT d.id, d.url, d.source_id AS sourceId, d.title, d.published_at AS publishedAt, ${DOCUMENT_WEIGHTS} AS rank,
         snippet(documents_fts, -1, ?, ?, ?, ${SNIPPET_WORDS}) AS snippet
       FROM documents_fts JOIN documents AS d ON d.id = documents_fts.rowid
       WHERE ${where.join(' AND ')} ORDER BY rank, d.id LIMIT ?`,
    ).all(MATCH_START, MATCH_END, SNIPPET_CUT, ...values, search.limit) as DocumentSearchRow[];
  }

  /** Issues matching a search, best first (bm25, headlines 3, abstract 2, body 1). Throws SqliteError on a malformed match. */
  async searchIssues(search: IssueSearch): Promise<IssueSearchRow[]> {
    const where = ['issues_fts MATCH ?'];
    const values: unknown[] = [fts5Match(search.terms)];
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
      `SELECT i.issue_date AS issueDate, coalesce(json_extract(i.brief, '$.title'), '') AS title, ${ISSUE_WEIGHTS} AS rank,
         snippet(issues_fts, -1, ?, ?, ?, ${SNIPPET_WORDS}) AS snippet
       FROM issues_fts JOIN issues AS i ON CAST(replace(i.issue_date, '-', '') AS INTEGER) = issues_fts.rowid
       WHERE ${where.join(' AND ')} ORDER BY rank, i.issue_date DESC LIMIT ?`,
    ).all(MATCH_START, MATCH_END, SNIPPET_CUT, ...values, search.limit) as IssueSearchRow[];
  }

  /** Documents published in [start, end). */
  async documentsPublishedBetween(start: Date, end: Date): Promise<StoredDocument[]> {
    // published_utc is the instant in one zone, so the range is a string comparison an index serves.
    const rows = this.sql('SELECT * FROM documents WHERE published_utc >= ? AND published_utc < ? ORDER BY published_utc, url').all(start.toISOString(), end.toISOString()) as SqliteDocumentRow[];
    return rows.map(documentOf);
  }

  async hasDocument(url: string): Promise<boolean> {
    return this.sql('SELECT 1 FROM documents WHERE url = ?').get(url) !== undefined;
  }

  async urlState(url: string): Promise<UrlState | undefined> {
    const row = this.sql('SELECT etag, last_modified, sha256, status FROM url_state WHERE url = ?').get(url) as { etag: string | null; last_modified: string | null; sha256: string; status: number } | undefined;
    return row ? { etag: row.etag, lastModified: row.last_modified, sha256: row.sha256, status: row.status } : undefined;
  }

  /**
   * The stored response of a URL with these bytes (the digest url_state recorded): what a 304 answer stands
   * for, so a list that did not change can still be read (a JPaaS shell names the API its list is in).
   */
  async storedResponse(url: string, sha256: string): Promise<FetchedResponse | undefined> {
    const row = this.sql('SELECT url, status, headers, body, fetched_at FROM responses WHERE url = ? AND sha256 = ? ORDER BY id DESC LIMIT 1').get(url, sha256) as
      | { url: string; status: number; headers: string; body: Buffer; fetched_at: string }
      | undefined;
    return row && { url: row.url, status: row.status, headers: JSON.parse(row.headers) as Record<string, string>, body: row.body, fetchedAt: row.fetched_at };
  }

  /** Records a 200 response's validators and body hash (from saveResponse); a 304 keeps the earlier ones. */
  async saveUrlState(url: string, response: FetchedResponse, sha256: string): Promise<void> {
    if (response.status !== 200) return;
    this.sql(
        `INSERT INTO url_state (url, etag, last_modified, sha256, status, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, sha256 = excluded.sha256, status = excluded.status, fetched_at = excluded.fetched_at`,
      )
      .run(url, response.headers.etag ?? null, response.headers['last-modified'] ?? null, sha256, response.status, response.fetchedAt);
  }

  async saveSourceRun(runId: number, run: SourceRun): Promise<void> {
    this.sql('INSERT OR REPLACE INTO source_runs (run_id, source_id, finished_at, entries_ok, links_found, unchanged, documents_new, errors, list_shape) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(runId, run.sourceId, run.finishedAt, run.entriesOk, run.linksFound, run.unchanged, run.documentsNew, JSON.stringify(run.errors), run.listShape);
  }

  /** A source's most recent runs, newest first. */
  async sourceRuns(sourceId: string, limit: number): Promise<SourceRun[]> {
    const rows = this.sql('SELECT * FROM source_runs WHERE source_id = ? ORDER BY finished_at DESC, run_id DESC LIMIT ?').all(sourceId, limit) as (Omit<SourceRunRow, 'errors'> & { errors: string })[];
    return rows.map((row) => toSourceRun({ ...row, errors: JSON.parse(row.errors) as string[] }));
  }

  async documentCount(sourceId: string): Promise<number> {
    return (this.sql('SELECT count(*) AS n FROM documents WHERE source_id = ?').get(sourceId) as { n: number }).n;
  }

  async documentByUrl(url: string): Promise<StoredDocument | undefined> {
    const row = this.sql('SELECT * FROM documents WHERE url = ?').get(url) as SqliteDocumentRow | undefined;
    return row ? documentOf(row) : undefined;
  }

  async documentsByUrls(urls: Iterable<string>): Promise<Map<string, StoredDocument>> {
    const found = new Map<string, StoredDocument>();
    const statement = this.sql('SELECT * FROM documents WHERE url = ?');
    for (const url of new Set(urls)) {
      const row = statement.get(url) as SqliteDocumentRow | undefined;
      if (row) found.set(url, documentOf(row));
    }
    return found;
  }

  /** Stores an issue's brief.json (YYYY-MM-DD, Shanghai), replacing an earlier one, and its search entry (see StoreOptions). */
  async saveIssue(issueDate: string, brief: unknown, themeShares: Record<string, number>): Promise<void> {
    this.db.transaction(() => {
      this.sql('INSERT INTO issues (issue_date, brief, theme_shares, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(issue_date) DO UPDATE SET brief = excluded.brief, theme_shares = excluded.theme_shares, created_at = excluded.created_at')
        .run(issueDate, JSON.stringify(brief), JSON.stringify(themeShares), new Date().toISOString());
      this.indexIssue(issueDate, brief as StoredBrief, this.searchSegment);
    })();
  }

  /** What the schedule attempted for an issue: attempts started (a killed one counts), whether one wrote it, when the last ended. */
  async scheduledAttempts(issueDate: string): Promise<AttemptsSoFar> {
    const row = this.sql("SELECT count(*) AS n, max(outcome IN ('written', 'needs-review')) AS ok, max(coalesce(finished_at, started_at)) AS last FROM scheduled_runs WHERE issue_date = ?").get(issueDate) as { n: number; ok: number | null; last: string | null };
    return { attempts: row.n, succeeded: row.ok === 1, lastAt: row.last ? new Date(row.last) : null };
  }

  /** Records that a scheduled attempt started at `at` (the scheduler's clock); returns its row, for finishScheduledRun. */
  async startScheduledRun(issueDate: string, attempt: number, reason: string, at: Date): Promise<number> {
    const result = this.sql('INSERT INTO scheduled_runs (issue_date, attempt, reason, started_at) VALUES (?, ?, ?, ?)').run(issueDate, attempt, reason, at.toISOString());
    return Number(result.lastInsertRowid);
  }

  /** Records how a scheduled attempt ended: `written`, `needs-review` (sections withheld) or `failed`, with a one-line detail. */
  async finishScheduledRun(id: number, outcome: 'written' | 'needs-review' | 'failed', detail: string, at: Date): Promise<void> {
    this.sql('UPDATE scheduled_runs SET finished_at = ?, outcome = ?, detail = ? WHERE id = ?').run(at.toISOString(), outcome, detail, id);
  }

  /** Records one try of a delivery, sent or failed. */
  async recordDelivery(attempt: DeliveryAttempt): Promise<void> {
    this.sql('INSERT INTO deliveries (issue_date, channel, status, attempt, sent_at, digest, error) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(attempt.issueDate, attempt.channel, attempt.status, attempt.attempt, attempt.sentAt, attempt.digest, attempt.error);
  }

  /** The channels an issue was sent to, in name order: what a later render of it replaces under readers' links. */
  async sentChannels(issueDate: string): Promise<string[]> {
    return (this.sql("SELECT DISTINCT channel FROM deliveries WHERE issue_date = ? AND status = 'sent' ORDER BY channel").all(issueDate) as { channel: string }[]).map((row) => row.channel);
  }

  /** The latest successful delivery of an issue to a channel, if it was ever sent there. */
  async lastSent(issueDate: string, channel: string): Promise<DeliveryAttempt | undefined> {
    const row = this.sql("SELECT * FROM deliveries WHERE issue_date = ? AND channel = ? AND status = 'sent' ORDER BY id DESC LIMIT 1").get(issueDate, channel) as DeliveryRow | undefined;
    return row && toDelivery(row);
  }

  /** The most recent issues before a date, newest first. */
  async issuesBefore(issueDate: string, limit: number): Promise<StoredIssue[]> {
    const rows = this.sql('SELECT issue_date, theme_shares, brief FROM issues WHERE issue_date < ? ORDER BY issue_date DESC LIMIT ?').all(issueDate, limit) as { issue_date: string; theme_shares: string; brief: string }[];
    return rows.map((row) => ({
      issueDate: row.issue_date,
      themeShares: JSON.parse(row.theme_shares) as Record<string, number>,
      ...issueContents(JSON.parse(row.brief) as StoredBrief),
    }));
  }

  async archivedIssues(limit: number, offset: number): Promise<{ total: number; issues: ArchivedIssue[] }> {
    const total = (this.sql('SELECT count(*) AS n FROM issues').get() as { n: number }).n;
    // The latest revision's brief when there is one: what an editor made of the issue is what it is now.
    const rows = this.sql(
      `SELECT i.issue_date AS issueDate,
         coalesce((SELECT r.brief FROM revisions AS r WHERE r.issue_date = i.issue_date ORDER BY r.number DESC LIMIT 1), i.brief) AS brief,
         (SELECT count(*) FROM revisions AS r WHERE r.issue_date = i.issue_date) AS revisions,
         (SELECT count(*) FROM publications AS p WHERE p.issue_date = i.issue_date) AS publications,
         (SELECT min(p.published_at) FROM publications AS p WHERE p.issue_date = i.issue_date) AS firstPublishedAt
       FROM issues AS i ORDER BY i.issue_date DESC LIMIT ? OFFSET ?`,
    ).all(limit, offset) as { issueDate: string; brief: string; revisions: number; publications: number; firstPublishedAt: string | null }[];
    return { total, issues: rows.map(({ brief, ...row }) => ({ ...row, ...archivedSummary(JSON.parse(brief) as Record<string, unknown>) })) };
  }

  async issueThemeShares(): Promise<{ issueDate: string; shares: Record<string, number> }[]> {
    const rows = this.sql('SELECT issue_date, theme_shares FROM issues ORDER BY issue_date').all() as { issue_date: string; theme_shares: string }[];
    return rows.map((row) => ({ issueDate: row.issue_date, shares: JSON.parse(row.theme_shares) as Record<string, number> }));
  }

  async latestDeliveries(issueDate: string): Promise<Map<string, DeliveryAttempt>> {
    const rows = this.sql('SELECT * FROM deliveries WHERE issue_date = ? AND id IN (SELECT max(id) FROM deliveries WHERE issue_date = ? GROUP BY channel)')
      .all(issueDate, issueDate) as DeliveryRow[];
    return new Map(rows.map((row) => [row.channel, toDelivery(row)]));
  }

  async saveDocumentFacets(issueDate: string, facets: readonly DocumentFacet[]): Promise<void> {
    const upsert = this.sql(
      'INSERT INTO document_facets (document_id, issue_date, issuer, tier) VALUES (?, ?, ?, ?) ON CONFLICT(document_id) DO UPDATE SET issue_date = excluded.issue_date, issuer = excluded.issuer, tier = excluded.tier',
    );
    const clearThemes = this.sql('DELETE FROM document_themes WHERE document_id = ?');
    const addTheme = this.sql('INSERT OR IGNORE INTO document_themes (document_id, theme) VALUES (?, ?)');
    this.db.transaction(() => {
      for (const facet of facets) {
        upsert.run(facet.documentId, issueDate, facet.issuer, facet.tier);
        clearThemes.run(facet.documentId);
        for (const theme of facet.themes) addTheme.run(facet.documentId, theme);
      }
    }).immediate();
  }

  async documentFacet(documentId: number): Promise<DocumentFacet | undefined> {
    const row = this.sql('SELECT issuer, tier FROM document_facets WHERE document_id = ?').get(documentId) as { issuer: string; tier: string } | undefined;
    if (!row) return undefined;
    const themes = (this.sql('SELECT theme FROM document_themes WHERE document_id = ? ORDER BY theme').all(documentId) as { theme: string }[]).map((r) => r.theme);
    return { documentId, issuer: row.issuer, tier: row.tier, themes };
  }

  async knownBodies(limit: number): Promise<string[]> {
    const rows = this.sql(
      `SELECT name, count(*) AS n FROM (
         SELECT issuer AS name FROM document_facets
         UNION ALL
         SELECT json_extract(ref.value, '$.publisher') AS name FROM issues, json_each(issues.brief, '$.references') AS ref
       ) WHERE name IS NOT NULL AND name != '' GROUP BY name ORDER BY n DESC, name LIMIT ?`,
    ).all(limit) as { name: string }[];
    return rows.map((row) => row.name);
  }
}
