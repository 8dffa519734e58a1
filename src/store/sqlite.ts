import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ExtractedArticle } from '../extract/article.ts';
import type { FetchedResponse } from '../crawl/warc.ts';
import { UserError } from '../util/errors.ts';
import { sha256Hex } from '../util/hash.ts';
import { migrations } from './migrations.ts';
import type { AttemptsSoFar } from '../schedule/plan.ts';

/** A stored article: what extraction found, with where and when it was fetched. */
export interface StoredDocument {
  id: number;
  url: string;
  sourceId: string;
  title: string;
  publishedAt: string | null;
  publisher: string | null;
  repostOf: string | null;
  docNumber: string | null;
  /** The name the page gives its site (og:site_name, 主办 footer), when it gives one. */
  siteName: string | null;
  /** Paragraphs joined by "\n". */
  body: string;
  attachments: { name: string; url: string }[];
}

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
  references?: { title: string }[];
  items?: { headline: string; themes?: string[] }[];
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

/** The embedded store: one SQLite file in the data folder. */
export class SqliteStore {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly dataDir: string) {
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
  static openExisting(dataDir: string): SqliteStore {
    const file = SqliteStore.fileIn(dataDir);
    if (!existsSync(file)) throw new UserError(`数据库 ${file} 不存在：先运行 xinzhi run 或 xinzhi import`, `no database at ${file}: run xinzhi run or xinzhi import first`);
    return new SqliteStore(dataDir);
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

  /** Stores an article, replacing an earlier extraction of the same URL. */
  saveDocument(sourceId: string, url: string, responseId: number, article: ExtractedArticle): void {
    this.sql(
        `INSERT INTO documents (url, source_id, response_id, title, published_at, published_utc, publisher, repost_of, doc_number, site_name, body, attachments, extracted_at)
         VALUES (@url, @sourceId, @responseId, @title, @publishedAt, @publishedUtc, @publisher, @repostOf, @docNumber, @siteName, @body, @attachments, @extractedAt)
         ON CONFLICT(url) DO UPDATE SET source_id = excluded.source_id, response_id = excluded.response_id, title = excluded.title,
           published_at = excluded.published_at, published_utc = excluded.published_utc, publisher = excluded.publisher, repost_of = excluded.repost_of,
           doc_number = excluded.doc_number, site_name = excluded.site_name, body = excluded.body, attachments = excluded.attachments, extracted_at = excluded.extracted_at`,
      )
      .run({
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
        body: article.paragraphs.join('\n'),
        attachments: JSON.stringify(article.attachments),
        extractedAt: new Date().toISOString(),
      });
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

  saveIssue(issueDate: string, brief: unknown, themeShares: Record<string, number>): void {
    this.sql('INSERT INTO issues (issue_date, brief, theme_shares, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(issue_date) DO UPDATE SET brief = excluded.brief, theme_shares = excluded.theme_shares, created_at = excluded.created_at')
      .run(issueDate, JSON.stringify(brief), JSON.stringify(themeShares), new Date().toISOString());
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
