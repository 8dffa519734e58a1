import { createHash } from 'node:crypto';
import pg from 'pg';
import type { ExtractedArticle } from '../domain/article.ts';
import type { Brief } from '../domain/brief.ts';
import type { StoredDocument } from '../domain/document.ts';
import type { FetchedResponse } from '../domain/response.ts';
import type { AttemptsSoFar } from '../domain/schedule.ts';
import { UserError } from '../util/errors.ts';
import { sha256Hex } from '../util/hash.ts';
import { postgresMigrations } from './postgresMigrations.ts';
import { searchQuery, searchSnippet, searchVector } from './postgresSearch.ts';
import { issueContents, issueSearchText, toDelivery, toDocument, toSourceRun, toUser, type DeliveryRow, type DocumentRow, type SourceRunRow, type StoredBrief, type UserRow } from './rows.ts';
import { indexText, type SearchSegment } from './searchText.ts';
import { redactedStoreUrl } from './open.ts';
import { RevisionConflict } from './store.ts';
import type {
  ArchivedIssue,
  DeliveryAttempt,
  DeskRecords,
  DeskRole,
  DeskUser,
  DocumentFacet,
  DocumentSearch,
  DocumentSearchRow,
  IssueSearch,
  IssueSearchRow,
  Publication,
  Revision,
  RevisionAction,
  SourceRun,
  Store,
  StoredIssue,
  StoreOptions,
  UrlState,
} from './store.ts';

/** The schema a store URL names with ?schema=…: a plain lower-case identifier, so it is safe in SQL text. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const DEFAULT_SCHEMA = 'xinzhi';
/** Connections per store: the desk and a run need a few at once; a fleet's machines share one server (docs/scale.md). */
const POOL_SIZE = 8;
/** How long to wait for a connection before giving up: an address that drops packets should fail, not hang. */
const CONNECT_TIMEOUT_MS = 10_000;
/** Documents indexed per round trip by reindexSearch. */
const REINDEX_PAGE = 500;
/**
 * ts_rank_cd weights, in PostgreSQL's order {D, C, B, A}: a document's title (A) counts three times its body
 * (D); an issue's headlines (A), abstract (B) and body (D) 3 : 2 : 1 — the ratios of SQLite's bm25 weights.
 */
const DOCUMENT_WEIGHTS = '{0.333, 0, 0, 1}';
const ISSUE_WEIGHTS = '{0.333, 0, 0.667, 1}';
/** ts_rank_cd normalisation 1: divided by 1 + log(length), so a long text does not win by length alone (as bm25). */
const RANK_NORMALISATION = 1;

/** A documents row as pg returns it: a bigserial id is text. */
type PgDocumentRow = Omit<DocumentRow, 'id'> & { id: string };
/** A users row as pg returns it. */
type PgUserRow = Omit<UserRow, 'id'> & { id: string };

interface RevisionRow {
  issue_date: string;
  number: number;
  brief: Brief;
  author: string;
  action: RevisionAction;
  note: string | null;
  created_at: string;
}

function documentOf(row: PgDocumentRow): StoredDocument {
  return toDocument({ ...row, id: Number(row.id) });
}

function userOf(row: PgUserRow): DeskUser {
  return toUser({ ...row, id: Number(row.id) });
}

function toRevision(row: RevisionRow): Revision {
  return { issueDate: row.issue_date, number: row.number, brief: row.brief, author: row.author, action: row.action, note: row.note, createdAt: row.created_at };
}

/**
 * Text as PostgreSQL's text type takes it: without U+0000, which it cannot hold (SQLite can). A NUL in a
 * page's text carries nothing a reader sees, so it is dropped rather than failing the crawl.
 */
function pgText(text: string): string;
function pgText(text: string | null): string | null;
function pgText(text: string | null): string | null {
  return text === null ? null : text.replaceAll('\u0000', '');
}

/** A JSON value for a json column: its text, or null for undefined (JSON.stringify's undefined, which SQLite stores as NULL). */
function jsonText(value: unknown): string | null {
  return JSON.stringify(value) ?? null;
}

/** The SHA-256 of a session token: the table holds this, never the token a cookie carries. */
function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** SQL for a json array value, or an empty array when the value is missing or not an array (SQLite's json_each gives no rows then). */
function jsonArray(expression: string): string {
  return `(CASE WHEN json_typeof(${expression}) = 'array' THEN ${expression} ELSE '[]'::json END)`;
}

/** A store URL taken apart: what pg connects to, the schema, and the address to show (no password). */
interface StoreAddress {
  connectionString: string;
  schema: string;
  location: string;
}

/**
 * Reads a store URL: postgres:// or postgresql://, with an optional `schema` query parameter (default
 * xinzhi) that pg must not see. Throws a UserError naming the address (password removed) when it is not one.
 */
export function storeAddress(url: string): StoreAddress {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`PostgreSQL 地址无效：${redactedStoreUrl(url)}`, `not a PostgreSQL address: ${redactedStoreUrl(url)}`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new UserError(`PostgreSQL 地址须以 postgres:// 开头：${redactedStoreUrl(url)}`, `a PostgreSQL address begins with postgres://: ${redactedStoreUrl(url)}`);
  }
  const schema = parsed.searchParams.get('schema') ?? DEFAULT_SCHEMA;
  const shown = new URL(parsed.href);
  shown.password = '';
  if (!SCHEMA_NAME.test(schema)) {
    throw new UserError(
      `PostgreSQL 地址 ${shown.href} 的 schema 无效：${schema}（须为小写字母、数字、下划线，不以数字开头，至多 63 个字符）`,
      `PostgreSQL address ${shown.href}: schema not allowed: ${schema} (lower-case letters, digits and _, not starting with a digit, at most 63 characters)`,
    );
  }
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.href, schema, location: shown.href };
}

/** Why a connection failed, for one line: a system error's code (ECONNREFUSED, ENOTFOUND), else the server's message. */
function connectReason(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
  return err instanceof Error && err.message ? err.message : String(err);
}

/** A query of the store's SQL: `xz.` before a table name stands for the store's schema (see qualifier). */
type Query = <R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<pg.QueryResult<R>>;

/**
 * The store's SQL names its tables `xz.documents`, `xz.issues` …; this puts the schema's quoted name in
 * their place. Qualified names rather than a search_path on each connection: a pooler in transaction mode
 * (PgBouncer, which docs/scale.md plans for a fleet) hands one client's statements to any server connection,
 * so session settings do not follow them, and by default refuses a search_path sent at startup.
 */
function qualifier(schema: string): (text: string) => string {
  const name = `"${schema}".`;
  return (text) => text.replaceAll('xz.', name);
}

/** Runs `work` in one transaction on one pooled connection: committed when it resolves, rolled back when it throws. */
async function inTransaction<T>(pool: pg.Pool, qualify: (text: string) => string, work: (query: Query) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work((text, values) => client.query(qualify(text), values));
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw err;
  } finally {
    // A connection whose rollback failed is in an unknown state: it is closed, not handed out again.
    client.release(broken);
  }
}

/**
 * The store in PostgreSQL (`store: postgres://…`): the tables of the SQLite store, in a schema of their own
 * (?schema=…, default xinzhi), for a fleet of machines sharing one archive. Same semantics as SqliteStore
 * method for method — ordering, upserts, idempotence, what is indexed — with these differences: a search
 * term's words must occur in their order (FTS5's NEAR allowed any), `rank` is the negated ts_rank_cd, and
 * U+0000 is dropped from texts (PostgreSQL's text cannot hold it). See src/store/store.ts for each method.
 */
export class PgStore implements Store {
  readonly desk: DeskRecords;
  private readonly qualify: (text: string) => string;
  private readonly query: Query;

  private constructor(
    private readonly pool: pg.Pool,
    readonly location: string,
    private readonly schema: string,
    private readonly searchSegment: SearchSegment | undefined,
  ) {
    this.qualify = qualifier(schema);
    this.query = (text, values) => pool.query(this.qualify(text), values);
    this.desk = new PgDeskRecords(pool, schema);
  }

  /**
   * Connects to the server of a store URL (postgres://user:password@host:port/database?schema=name), creates
   * the schema when missing and runs the migrations it lacks. Throws a UserError naming the address (without
   * its password) when the URL is not one or the server cannot be reached or refuses the connection; a
   * failing migration rejects with the driver's error.
   */
  static async open(url: string, options: StoreOptions = {}): Promise<PgStore> {
    const address = storeAddress(url);
    // No search_path on the connections: every statement names its schema (see qualifier).
    const pool = new pg.Pool({ connectionString: address.connectionString, max: POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    // An idle connection the server drops reports here; without a listener it would end the process. The
    // next query takes a fresh connection.
    pool.on('error', () => {});
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      await pool.end().catch(() => {});
      const reason = connectReason(err);
      throw new UserError(`无法连接 PostgreSQL ${address.location}：${reason}`, `cannot connect to PostgreSQL ${address.location}: ${reason}`);
    }
    try {
      await PgStore.migrate(client, address.schema);
      client.release();
    } catch (err) {
      client.release(err as Error);
      await pool.end().catch(() => {});
      throw err;
    }
    return new PgStore(pool, address.location, address.schema, options.searchSegment);
  }

  /**
   * Creates the schema and runs the migrations it lacks, in one transaction under an advisory lock on the
   * schema's name, reading the version inside it: two processes opening a new schema at once would otherwise
   * both see version 0 (and CREATE SCHEMA IF NOT EXISTS itself can fail when raced). The second waits,
   * then finds every migration run. An existing, migrated schema needs no CREATE privilege.
   */
  private static async migrate(client: pg.PoolClient, schema: string): Promise<void> {
    await client.query('BEGIN');
    try {
      await client.query("SELECT pg_advisory_xact_lock(hashtext('xinzhi migrate ' || $1))", [schema]);
      // Looked up before creating: CREATE … IF NOT EXISTS checks the CREATE privilege first, which an
      // account that only uses a schema made for it lacks.
      const { rows: found } = await client.query<{ schema: boolean; versions: boolean }>(
        'SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS schema, to_regclass($2) IS NOT NULL AS versions',
        [schema, `"${schema}".schema_migrations`],
      );
      if (!found[0]!.schema) await client.query(`CREATE SCHEMA "${schema}"`);
      // The migrations name their tables plainly; for this transaction only, they are the schema's.
      await client.query(`SET LOCAL search_path TO "${schema}"`);
      if (!found[0]!.versions) await client.query('CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      const { rows } = await client.query<{ version: number }>('SELECT coalesce(max(version), 0) AS version FROM schema_migrations');
      for (let i = rows[0]!.version; i < postgresMigrations.length; i++) {
        await client.query(postgresMigrations[i]!);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [i + 1]);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    }
  }

  /** The migrations run in this store's schema (for tests and `xinzhi` diagnostics). */
  async schemaVersion(): Promise<number> {
    const { rows } = await this.query<{ version: number }>('SELECT coalesce(max(version), 0) AS version FROM xz.schema_migrations');
    return rows[0]!.version;
  }

  /** The schema this store's tables are in. */
  get schemaName(): string {
    return this.schema;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async startRun(issueDate: string, mode: string): Promise<number> {
    const { rows } = await this.query<{ id: string }>('INSERT INTO xz.runs (issue_date, mode, started_at) VALUES ($1, $2, $3) RETURNING id', [issueDate, mode, new Date().toISOString()]);
    return Number(rows[0]!.id);
  }

  async finishRun(runId: number, summary: unknown): Promise<void> {
    await this.query('UPDATE xz.runs SET finished_at = $1, summary = $2 WHERE id = $3', [new Date().toISOString(), jsonText(summary), runId]);
  }

  async saveResponse(runId: number, sourceId: string | null, response: FetchedResponse): Promise<{ id: number; sha256: string; alreadyStored: boolean }> {
    const sha256 = sha256Hex(response.body);
    const inserted = await this.query<{ id: string }>(
      `INSERT INTO xz.responses (run_id, source_id, url, status, headers, body, sha256, fetched_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (url, sha256, fetched_at) DO NOTHING RETURNING id`,
      [runId, sourceId, response.url, response.status, JSON.stringify(response.headers), response.body, sha256, response.fetchedAt],
    );
    if (inserted.rows.length > 0) return { id: Number(inserted.rows[0]!.id), sha256, alreadyStored: false };
    const stored = await this.query<{ id: string }>('SELECT id FROM xz.responses WHERE url = $1 AND sha256 = $2 AND fetched_at = $3', [response.url, sha256, response.fetchedAt]);
    return { id: Number(stored.rows[0]!.id), sha256, alreadyStored: true };
  }

  async storedResponse(url: string, sha256: string): Promise<FetchedResponse | undefined> {
    const { rows } = await this.query<{ url: string; status: number; headers: Record<string, string>; body: Buffer; fetched_at: string }>(
      'SELECT url, status, headers, body, fetched_at FROM xz.responses WHERE url = $1 AND sha256 = $2 ORDER BY id DESC LIMIT 1',
      [url, sha256],
    );
    const row = rows[0];
    return row && { url: row.url, status: row.status, headers: row.headers, body: row.body, fetchedAt: row.fetched_at };
  }

  async urlState(url: string): Promise<UrlState | undefined> {
    const { rows } = await this.query<{ etag: string | null; last_modified: string | null; sha256: string; status: number }>('SELECT etag, last_modified, sha256, status FROM xz.url_state WHERE url = $1', [url]);
    const row = rows[0];
    return row && { etag: row.etag, lastModified: row.last_modified, sha256: row.sha256, status: row.status };
  }

  async saveUrlState(url: string, response: FetchedResponse, sha256: string): Promise<void> {
    if (response.status !== 200) return;
    await this.query(
      `INSERT INTO xz.url_state (url, etag, last_modified, sha256, status, fetched_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, sha256 = excluded.sha256, status = excluded.status, fetched_at = excluded.fetched_at`,
      [url, response.headers.etag ?? null, response.headers['last-modified'] ?? null, sha256, response.status, response.fetchedAt],
    );
  }

  /**
   * Stores an article and its search entry in one statement (one round trip, atomic as a transaction):
   * the document upserted by URL (its id kept), then its search row replaced — or, without a segment, removed.
   */
  async saveDocument(sourceId: string, url: string, responseId: number, article: ExtractedArticle): Promise<void> {
    const title = pgText(article.title);
    const body = pgText(article.paragraphs.join('\n'));
    const values = [
      url, sourceId, responseId, title, article.publishedAt, article.publishedAt ? new Date(article.publishedAt).toISOString() : null,
      pgText(article.publisher), pgText(article.repostOf), pgText(article.docNumber), pgText(article.siteName), body, JSON.stringify(article.attachments), new Date().toISOString(),
    ];
    const upsert = `WITH doc AS (
        INSERT INTO xz.documents (url, source_id, response_id, title, published_at, published_utc, publisher, repost_of, doc_number, site_name, body, attachments, extracted_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
        ON CONFLICT (url) DO UPDATE SET source_id = excluded.source_id, response_id = excluded.response_id, title = excluded.title,
          published_at = excluded.published_at, published_utc = excluded.published_utc, publisher = excluded.publisher, repost_of = excluded.repost_of,
          doc_number = excluded.doc_number, site_name = excluded.site_name, body = excluded.body, attachments = excluded.attachments, extracted_at = excluded.extracted_at
        RETURNING id
      )`;
    const segment = this.searchSegment;
    if (!segment) {
      await this.query(`${upsert} DELETE FROM xz.document_search WHERE document_id IN (SELECT id FROM doc)`, values);
      return;
    }
    const entry = documentEntry(title, body, segment);
    await this.query(
      `${upsert} INSERT INTO xz.document_search (document_id, title, body, vector) SELECT id, $14, $15, $16::tsvector FROM doc
       ON CONFLICT (document_id) DO UPDATE SET title = excluded.title, body = excluded.body, vector = excluded.vector`,
      [...values, entry.title, entry.body, entry.vector],
    );
  }

  async hasDocument(url: string): Promise<boolean> {
    const { rows } = await this.query('SELECT 1 FROM xz.documents WHERE url = $1', [url]);
    return rows.length > 0;
  }

  async documentByUrl(url: string): Promise<StoredDocument | undefined> {
    const { rows } = await this.query<PgDocumentRow>('SELECT * FROM xz.documents WHERE url = $1', [url]);
    return rows[0] && documentOf(rows[0]);
  }

  async documentsByUrls(urls: Iterable<string>): Promise<Map<string, StoredDocument>> {
    const wanted = [...new Set(urls)];
    if (wanted.length === 0) return new Map();
    const { rows } = await this.query<PgDocumentRow>('SELECT * FROM xz.documents WHERE url = ANY($1::text[]) ORDER BY id', [wanted]);
    return new Map(rows.map((row) => [row.url, documentOf(row)]));
  }

  async documentsPublishedBetween(start: Date, end: Date): Promise<StoredDocument[]> {
    // published_utc is the instant in one zone, so the range is a string comparison an index serves.
    const { rows } = await this.query<PgDocumentRow>('SELECT * FROM xz.documents WHERE published_utc >= $1 AND published_utc < $2 ORDER BY published_utc, url', [start.toISOString(), end.toISOString()]);
    return rows.map(documentOf);
  }

  async documentCount(sourceId: string): Promise<number> {
    const { rows } = await this.query<{ n: number }>('SELECT count(*)::int AS n FROM xz.documents WHERE source_id = $1', [sourceId]);
    return rows[0]!.n;
  }

  async saveSourceRun(runId: number, run: SourceRun): Promise<void> {
    await this.query(
      `INSERT INTO xz.source_runs (run_id, source_id, finished_at, entries_ok, links_found, unchanged, documents_new, errors, list_shape) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (run_id, source_id) DO UPDATE SET finished_at = excluded.finished_at, entries_ok = excluded.entries_ok, links_found = excluded.links_found,
         unchanged = excluded.unchanged, documents_new = excluded.documents_new, errors = excluded.errors, list_shape = excluded.list_shape`,
      [runId, run.sourceId, run.finishedAt, run.entriesOk, run.linksFound, run.unchanged, run.documentsNew, JSON.stringify(run.errors), run.listShape],
    );
  }

  async sourceRuns(sourceId: string, limit: number): Promise<SourceRun[]> {
    const { rows } = await this.query<SourceRunRow>('SELECT * FROM xz.source_runs WHERE source_id = $1 ORDER BY finished_at DESC, run_id DESC LIMIT $2', [sourceId, limit]);
    return rows.map(toSourceRun);
  }

  /** Stores an issue and its search entry in one statement, as saveDocument. */
  async saveIssue(issueDate: string, brief: unknown, themeShares: Record<string, number>): Promise<void> {
    const upsert = `WITH issue AS (
        INSERT INTO xz.issues (issue_date, brief, theme_shares, created_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (issue_date) DO UPDATE SET brief = excluded.brief, theme_shares = excluded.theme_shares, created_at = excluded.created_at
        RETURNING issue_date
      )`;
    const values = [issueDate, JSON.stringify(brief), JSON.stringify(themeShares), new Date().toISOString()];
    const segment = this.searchSegment;
    if (!segment) {
      await this.query(`${upsert} DELETE FROM xz.issue_search WHERE issue_date IN (SELECT issue_date FROM issue)`, values);
      return;
    }
    const entry = issueEntry(brief as StoredBrief, segment);
    await this.query(
      `${upsert} INSERT INTO xz.issue_search (issue_date, headlines, abstract, body, vector) SELECT issue_date, $5, $6, $7, $8::tsvector FROM issue
       ON CONFLICT (issue_date) DO UPDATE SET headlines = excluded.headlines, abstract = excluded.abstract, body = excluded.body, vector = excluded.vector`,
      [...values, entry.headlines, entry.abstract, entry.body, entry.vector],
    );
  }

  async issuesBefore(issueDate: string, limit: number): Promise<StoredIssue[]> {
    const { rows } = await this.query<{ issue_date: string; theme_shares: Record<string, number>; brief: StoredBrief }>(
      'SELECT issue_date, theme_shares, brief FROM xz.issues WHERE issue_date < $1 ORDER BY issue_date DESC LIMIT $2',
      [issueDate, limit],
    );
    return rows.map((row) => ({ issueDate: row.issue_date, themeShares: row.theme_shares, ...issueContents(row.brief) }));
  }

  async archivedIssues(limit: number, offset: number): Promise<{ total: number; issues: ArchivedIssue[] }> {
    // The latest revision's brief when there is one: what an editor made of the issue is what it is now.
    const [total, page] = await Promise.all([
      this.query<{ n: number }>('SELECT count(*)::int AS n FROM xz.issues'),
      this.query<ArchivedIssue>(
        `SELECT issue_date AS "issueDate",
           CASE WHEN json_typeof(brief->'title') = 'string' THEN brief->>'title' ELSE '' END AS title,
           CASE WHEN json_typeof(brief->'items') = 'array' THEN json_array_length(brief->'items') ELSE 0 END AS items,
           revisions, publications, "firstPublishedAt"
         FROM (
           SELECT i.issue_date,
             coalesce((SELECT r.brief FROM xz.revisions AS r WHERE r.issue_date = i.issue_date ORDER BY r.number DESC LIMIT 1), i.brief) AS brief,
             (SELECT count(*)::int FROM xz.revisions AS r WHERE r.issue_date = i.issue_date) AS revisions,
             (SELECT count(*)::int FROM xz.publications AS p WHERE p.issue_date = i.issue_date) AS publications,
             (SELECT min(p.published_at) FROM xz.publications AS p WHERE p.issue_date = i.issue_date) AS "firstPublishedAt"
           FROM xz.issues AS i ORDER BY i.issue_date DESC LIMIT $1 OFFSET $2
         ) AS page ORDER BY issue_date DESC`,
        [limit, offset],
      ),
    ]);
    return { total: total.rows[0]!.n, issues: page.rows };
  }

  async issueThemeShares(): Promise<{ issueDate: string; shares: Record<string, number> }[]> {
    const { rows } = await this.query<{ issue_date: string; theme_shares: Record<string, number> }>('SELECT issue_date, theme_shares FROM xz.issues ORDER BY issue_date');
    return rows.map((row) => ({ issueDate: row.issue_date, shares: row.theme_shares }));
  }

  async scheduledAttempts(issueDate: string): Promise<AttemptsSoFar> {
    const { rows } = await this.query<{ n: number; ok: boolean | null; last: string | null }>(
      "SELECT count(*)::int AS n, bool_or(outcome IN ('written', 'needs-review')) AS ok, max(coalesce(finished_at, started_at)) AS last FROM xz.scheduled_runs WHERE issue_date = $1",
      [issueDate],
    );
    const row = rows[0]!;
    return { attempts: row.n, succeeded: row.ok === true, lastAt: row.last ? new Date(row.last) : null };
  }

  async startScheduledRun(issueDate: string, attempt: number, reason: string, at: Date): Promise<number> {
    const { rows } = await this.query<{ id: string }>('INSERT INTO xz.scheduled_runs (issue_date, attempt, reason, started_at) VALUES ($1, $2, $3, $4) RETURNING id', [issueDate, attempt, reason, at.toISOString()]);
    return Number(rows[0]!.id);
  }

  async finishScheduledRun(id: number, outcome: 'written' | 'needs-review' | 'failed', detail: string, at: Date): Promise<void> {
    await this.query('UPDATE xz.scheduled_runs SET finished_at = $1, outcome = $2, detail = $3 WHERE id = $4', [at.toISOString(), outcome, detail, id]);
  }

  async recordDelivery(attempt: DeliveryAttempt): Promise<void> {
    await this.query('INSERT INTO xz.deliveries (issue_date, channel, status, attempt, sent_at, digest, error) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      attempt.issueDate, attempt.channel, attempt.status, attempt.attempt, attempt.sentAt, attempt.digest, attempt.error,
    ]);
  }

  async sentChannels(issueDate: string): Promise<string[]> {
    const { rows } = await this.query<{ channel: string }>("SELECT DISTINCT channel FROM xz.deliveries WHERE issue_date = $1 AND status = 'sent' ORDER BY channel", [issueDate]);
    return rows.map((row) => row.channel);
  }

  async lastSent(issueDate: string, channel: string): Promise<DeliveryAttempt | undefined> {
    const { rows } = await this.query<DeliveryRow>("SELECT * FROM xz.deliveries WHERE issue_date = $1 AND channel = $2 AND status = 'sent' ORDER BY id DESC LIMIT 1", [issueDate, channel]);
    return rows[0] && toDelivery(rows[0]);
  }

  async latestDeliveries(issueDate: string): Promise<Map<string, DeliveryAttempt>> {
    const { rows } = await this.query<DeliveryRow>(
      'SELECT * FROM xz.deliveries WHERE id IN (SELECT max(id) FROM xz.deliveries WHERE issue_date = $1 GROUP BY channel) ORDER BY channel',
      [issueDate],
    );
    return new Map(rows.map((row) => [row.channel, toDelivery(row)]));
  }

  /**
   * Keeps the analysis' readings in one transaction of three statements, whatever their number. Where one
   * document is given twice the later reading wins, as when SQLite writes them one by one.
   */
  async saveDocumentFacets(issueDate: string, facets: readonly DocumentFacet[]): Promise<void> {
    const latest = new Map(facets.map((facet) => [facet.documentId, facet]));
    if (latest.size === 0) return;
    const kept = [...latest.values()];
    const themes = kept.flatMap((facet) => facet.themes.map((theme) => [facet.documentId, theme] as const));
    await inTransaction(this.pool, this.qualify, async (query) => {
      await query(
        `INSERT INTO xz.document_facets (document_id, issue_date, issuer, tier) SELECT id, $2, issuer, tier FROM unnest($1::bigint[], $3::text[], $4::text[]) AS f(id, issuer, tier)
         ON CONFLICT (document_id) DO UPDATE SET issue_date = excluded.issue_date, issuer = excluded.issuer, tier = excluded.tier`,
        [kept.map((facet) => facet.documentId), issueDate, kept.map((facet) => facet.issuer), kept.map((facet) => facet.tier)],
      );
      await query('DELETE FROM xz.document_themes WHERE document_id = ANY($1::bigint[])', [kept.map((facet) => facet.documentId)]);
      if (themes.length > 0) {
        await query('INSERT INTO xz.document_themes (document_id, theme) SELECT * FROM unnest($1::bigint[], $2::text[]) ON CONFLICT DO NOTHING', [
          themes.map(([id]) => id),
          themes.map(([, theme]) => theme),
        ]);
      }
    });
  }

  async documentFacet(documentId: number): Promise<DocumentFacet | undefined> {
    const { rows } = await this.query<{ issuer: string; tier: string; themes: string[] }>(
      `SELECT issuer, tier, coalesce((SELECT array_agg(theme ORDER BY theme) FROM xz.document_themes WHERE document_id = f.document_id), '{}') AS themes
       FROM xz.document_facets AS f WHERE document_id = $1`,
      [documentId],
    );
    const row = rows[0];
    return row && { documentId, issuer: row.issuer, tier: row.tier, themes: row.themes };
  }

  async knownBodies(limit: number): Promise<string[]> {
    const { rows } = await this.query<{ name: string }>(
      `SELECT name, count(*) AS n FROM (
         SELECT issuer AS name FROM xz.document_facets
         UNION ALL
         SELECT ref->>'publisher' AS name FROM xz.issues, json_array_elements(${jsonArray("issues.brief->'references'")}) AS ref
       ) AS names WHERE name IS NOT NULL AND name <> '' GROUP BY name ORDER BY n DESC, name COLLATE "C" LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.name);
  }

  /**
   * Rebuilds the search index in one transaction. The two search tables are locked against writers
   * (EXCLUSIVE: reads go on) so a document saved meanwhile is indexed after the rebuild, not lost in it.
   */
  async reindexSearch(segment: SearchSegment): Promise<{ documents: number; issues: number }> {
    return inTransaction(this.pool, this.qualify, async (query) => {
      await query('LOCK TABLE xz.document_search, xz.issue_search IN EXCLUSIVE MODE');
      await query('DELETE FROM xz.document_search');
      await query('DELETE FROM xz.issue_search');
      let documents = 0;
      for (let after = 0; ;) {
        const { rows } = await query<{ id: string; title: string; body: string }>('SELECT id, title, body FROM xz.documents WHERE id > $1 ORDER BY id LIMIT $2', [after, REINDEX_PAGE]);
        if (rows.length === 0) break;
        const entries = rows.map((row) => documentEntry(row.title, row.body, segment));
        await query(
          'INSERT INTO xz.document_search (document_id, title, body, vector) SELECT id, title, body, vector::tsvector FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS e(id, title, body, vector)',
          [rows.map((row) => row.id), entries.map((e) => e.title), entries.map((e) => e.body), entries.map((e) => e.vector)],
        );
        documents += rows.length;
        after = Number(rows.at(-1)!.id);
      }
      const { rows: issues } = await query<{ issue_date: string; brief: StoredBrief }>('SELECT issue_date, brief FROM xz.issues');
      if (issues.length > 0) {
        const entries = issues.map((row) => issueEntry(row.brief, segment));
        await query(
          `INSERT INTO xz.issue_search (issue_date, headlines, abstract, body, vector)
           SELECT d, h, a, b, v::tsvector FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS e(d, h, a, b, v)`,
          [issues.map((row) => row.issue_date), entries.map((e) => e.headlines), entries.map((e) => e.abstract), entries.map((e) => e.body), entries.map((e) => e.vector)],
        );
      }
      return { documents, issues: issues.length };
    });
  }

  async searchIndexGaps(): Promise<{ documents: number; issues: number }> {
    const { rows } = await this.query<{ documents: number; issues: number }>(
      `SELECT (SELECT count(*)::int FROM xz.documents AS d WHERE NOT EXISTS (SELECT 1 FROM xz.document_search AS s WHERE s.document_id = d.id)) AS documents,
              (SELECT count(*)::int FROM xz.issues AS i WHERE NOT EXISTS (SELECT 1 FROM xz.issue_search AS s WHERE s.issue_date = i.issue_date)) AS issues`,
    );
    return rows[0]!;
  }

  /**
   * Documents matching every term (the GIN index finds them), best first by ts_rank_cd (title 3 : body 1),
   * then by id; the snippet is cut from the indexed text in JavaScript (postgresSearch.searchSnippet).
   */
  async searchDocuments(search: DocumentSearch): Promise<DocumentSearchRow[]> {
    const query = searchQuery(search.terms);
    if (query === null) return [];
    const values: unknown[] = [query, DOCUMENT_WEIGHTS];
    const where = ['s.vector @@ q.query'];
    const add = (value: unknown) => `$${values.push(value)}`;
    if (search.publishedFrom) where.push(`d.published_utc >= ${add(search.publishedFrom.toISOString())}`);
    if (search.publishedBefore) where.push(`d.published_utc < ${add(search.publishedBefore.toISOString())}`);
    if (search.sourceIds) where.push(`d.source_id = ANY(${add([...search.sourceIds])}::text[])`);
    if (search.themes) where.push(`EXISTS (SELECT 1 FROM xz.document_themes AS t WHERE t.document_id = d.id AND t.theme = ANY(${add([...search.themes])}::text[]))`);
    if (search.tiers) where.push(`EXISTS (SELECT 1 FROM xz.document_facets AS f WHERE f.document_id = d.id AND f.tier = ANY(${add([...search.tiers])}::text[]))`);
    if (search.bodies) where.push(`EXISTS (SELECT 1 FROM xz.document_facets AS f WHERE f.document_id = d.id AND f.issuer = ANY(${add([...search.bodies])}::text[]))`);
    const { rows } = await this.query<{ id: string; url: string; source_id: string; title: string; published_at: string | null; rank: number; index_title: string; index_body: string }>(
      `SELECT d.id, d.url, d.source_id, d.title, d.published_at, -ts_rank_cd($2::float4[], s.vector, q.query, ${RANK_NORMALISATION}) AS rank,
         s.title AS index_title, s.body AS index_body
       FROM xz.document_search AS s JOIN xz.documents AS d ON d.id = s.document_id, (SELECT $1::tsquery AS query) AS q
       WHERE ${where.join(' AND ')} ORDER BY rank, d.id LIMIT ${add(search.limit)}`,
      values,
    );
    return rows.map((row) => ({
      id: Number(row.id),
      url: row.url,
      sourceId: row.source_id,
      title: row.title,
      publishedAt: row.published_at,
      rank: row.rank,
      snippet: searchSnippet([row.index_title, row.index_body], search.terms),
    }));
  }

  /** Issues matching every term, best first by ts_rank_cd (headlines 3 : abstract 2 : body 1), then newest first. */
  async searchIssues(search: IssueSearch): Promise<IssueSearchRow[]> {
    const query = searchQuery(search.terms);
    if (query === null) return [];
    const values: unknown[] = [query, ISSUE_WEIGHTS];
    const where = ['s.vector @@ q.query'];
    const add = (value: unknown) => `$${values.push(value)}`;
    const items = `json_array_elements(${jsonArray("i.brief->'items'")}) AS item`;
    if (search.fromDay) where.push(`i.issue_date >= ${add(search.fromDay)}`);
    if (search.toDay) where.push(`i.issue_date <= ${add(search.toDay)}`);
    if (search.themes) {
      where.push(`EXISTS (SELECT 1 FROM ${items}, json_array_elements_text(${jsonArray("item->'themes'")}) AS theme WHERE theme = ANY(${add([...search.themes])}::text[]))`);
    }
    if (search.tiers) where.push(`EXISTS (SELECT 1 FROM ${items} WHERE item->>'tier' = ANY(${add([...search.tiers])}::text[]))`);
    if (search.bodies) {
      const bodies = add([...search.bodies]);
      where.push(`EXISTS (SELECT 1 FROM json_array_elements(${jsonArray("i.brief->'references'")}) AS ref WHERE ref->>'publisher' = ANY(${bodies}::text[])
        OR ref->>'url' IN (SELECT url FROM xz.documents JOIN xz.document_facets AS f ON f.document_id = documents.id WHERE f.issuer = ANY(${bodies}::text[])))`);
    }
    const { rows } = await this.query<{ issue_date: string; title: string; rank: number; headlines: string; abstract: string; body: string }>(
      `SELECT i.issue_date, coalesce(i.brief->>'title', '') AS title, -ts_rank_cd($2::float4[], s.vector, q.query, ${RANK_NORMALISATION}) AS rank,
         s.headlines, s.abstract, s.body
       FROM xz.issue_search AS s JOIN xz.issues AS i ON i.issue_date = s.issue_date, (SELECT $1::tsquery AS query) AS q
       WHERE ${where.join(' AND ')} ORDER BY rank, i.issue_date DESC LIMIT ${add(search.limit)}`,
      values,
    );
    return rows.map((row) => ({ issueDate: row.issue_date, title: row.title, rank: row.rank, snippet: searchSnippet([row.headlines, row.abstract, row.body], search.terms) }));
  }
}

/** A document's search row: its title and body as indexed text, and their tsvector (title A, body D). */
function documentEntry(title: string, body: string, segment: SearchSegment): { title: string; body: string; vector: string } {
  const indexedTitle = pgText(indexText(title, segment));
  const indexedBody = pgText(indexText(body, segment));
  return { title: indexedTitle, body: indexedBody, vector: searchVector([{ text: indexedTitle, weight: 'A' }, { text: indexedBody, weight: 'D' }]) };
}

/** An issue's search row: headlines (A), abstract (B) and body (D) as indexed text, and their tsvector. */
function issueEntry(brief: StoredBrief, segment: SearchSegment): { headlines: string; abstract: string; body: string; vector: string } {
  const text = issueSearchText(brief);
  const headlines = pgText(indexText(text.headlines, segment));
  const abstract = pgText(indexText(text.abstract, segment));
  const body = pgText(indexText(text.body, segment));
  return { headlines, abstract, body, vector: searchVector([{ text: headlines, weight: 'A' }, { text: abstract, weight: 'B' }, { text: body, weight: 'D' }]) };
}

/**
 * The desk's records in PostgreSQL (the tables of migration 1 after the archive's): accounts, sessions,
 * revisions and publications, as src/store/desk.ts keeps them in SQLite. See DeskRecords for each method.
 */
export class PgDeskRecords implements DeskRecords {
  /** `schema`: the store's schema, part of the advisory lock key addRevision takes (locks are per database). */
  private readonly qualify: (text: string) => string;
  private readonly query: Query;

  constructor(private readonly pool: pg.Pool, private readonly schema: string) {
    this.qualify = qualifier(schema);
    this.query = (text, values) => pool.query(this.qualify(text), values);
  }

  async createUser(name: string, passwordHash: string, role: DeskRole, now: Date): Promise<boolean> {
    const result = await this.query('INSERT INTO xz.users (name, password_hash, role, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING', [name, passwordHash, role, now.toISOString()]);
    return (result.rowCount ?? 0) > 0;
  }

  async updateUser(name: string, passwordHash: string, role: DeskRole): Promise<boolean> {
    const result = await this.query('UPDATE xz.users SET password_hash = $1, role = $2, failed_logins = 0, locked_until = NULL WHERE name = $3', [passwordHash, role, name]);
    return (result.rowCount ?? 0) > 0;
  }

  /**
   * One UPDATE, atomic as SQLite's transaction: the row lock makes a second failure at the same moment
   * count on the first's result. Rejects when there is no such account.
   */
  async recordFailedLogin(userId: number, now: Date, windowEnd: Date): Promise<number> {
    const { rows } = await this.query<{ failed_logins: number }>(
      `UPDATE xz.users SET failed_logins = CASE WHEN locked_until IS NULL OR locked_until <= $2 THEN 1 ELSE failed_logins + 1 END, locked_until = $3
       WHERE id = $1 RETURNING failed_logins`,
      [userId, now.toISOString(), windowEnd.toISOString()],
    );
    if (rows.length === 0) throw new Error(`no desk account with id ${userId}`);
    return rows[0]!.failed_logins;
  }

  async clearFailedLogins(userId: number): Promise<void> {
    await this.query('UPDATE xz.users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [userId]);
  }

  async userByName(name: string): Promise<DeskUser | undefined> {
    const { rows } = await this.query<PgUserRow>('SELECT * FROM xz.users WHERE name = $1', [name]);
    return rows[0] && userOf(rows[0]);
  }

  async userCount(): Promise<number> {
    const { rows } = await this.query<{ n: number }>('SELECT count(*)::int AS n FROM xz.users');
    return rows[0]!.n;
  }

  async startSession(token: string, userId: number, now: Date, expiresAt: Date): Promise<void> {
    await this.query('DELETE FROM xz.sessions WHERE expires_at <= $1', [now.toISOString()]);
    await this.query('INSERT INTO xz.sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [tokenHash(token), userId, now.toISOString(), expiresAt.toISOString()]);
  }

  /** Finds the session and moves its expiry in one statement. */
  async sessionUser(token: string, now: Date, renewUntil: Date): Promise<DeskUser | undefined> {
    const { rows } = await this.query<PgUserRow>(
      `UPDATE xz.sessions SET expires_at = $3 FROM xz.users WHERE sessions.token_hash = $1 AND sessions.expires_at > $2 AND users.id = sessions.user_id
       RETURNING users.*`,
      [tokenHash(token), now.toISOString(), renewUntil.toISOString()],
    );
    return rows[0] && userOf(rows[0]);
  }

  async endSession(token: string): Promise<void> {
    await this.query('DELETE FROM xz.sessions WHERE token_hash = $1', [tokenHash(token)]);
  }

  async endSessionsOf(userId: number): Promise<void> {
    await this.query('DELETE FROM xz.sessions WHERE user_id = $1', [userId]);
  }

  /**
   * The number is taken under a transaction-scoped advisory lock on the issue (this schema, this date), so
   * two editors saving at once are served one after the other: 5 and 6, never two 5s.
   */
  async addRevision(issueDate: string, brief: Brief, author: string, action: RevisionAction, note: string | null, now: Date, after?: number): Promise<Revision> {
    const createdAt = now.toISOString();
    const number = await inTransaction(this.pool, this.qualify, async (query) => {
      await query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [`xinzhi revisions ${this.schema}`, issueDate]);
      if (after !== undefined) {
        // Read under the issue's lock: no other revision of it can land between this read and the insert.
        const { rows: last } = await query<{ n: number | null }>('SELECT max(number) AS n FROM xz.revisions WHERE issue_date = $1', [issueDate]);
        const latest = Number(last[0]?.n ?? 0);
        if (latest !== after) throw new RevisionConflict(issueDate, latest, after);
      }
      const { rows } = await query<{ number: number }>(
        `INSERT INTO xz.revisions (issue_date, number, brief, author, action, note, created_at)
         SELECT $1, coalesce(max(number), 0) + 1, $2, $3, $4, $5, $6 FROM xz.revisions WHERE issue_date = $1 RETURNING number`,
        [issueDate, JSON.stringify(brief), author, action, note, createdAt],
      );
      return rows[0]!.number;
    });
    return { issueDate, number, brief, author, action, note, createdAt };
  }

  async revisions(issueDate: string): Promise<Revision[]> {
    const { rows } = await this.query<RevisionRow>('SELECT * FROM xz.revisions WHERE issue_date = $1 ORDER BY number', [issueDate]);
    return rows.map(toRevision);
  }

  async revision(issueDate: string, number: number): Promise<Revision | undefined> {
    const { rows } = await this.query<RevisionRow>('SELECT * FROM xz.revisions WHERE issue_date = $1 AND number = $2', [issueDate, number]);
    return rows[0] && toRevision(rows[0]);
  }

  async latestRevision(issueDate: string): Promise<Revision | undefined> {
    const { rows } = await this.query<RevisionRow>('SELECT * FROM xz.revisions WHERE issue_date = $1 ORDER BY number DESC LIMIT 1', [issueDate]);
    return rows[0] && toRevision(rows[0]);
  }

  async recordPublication(publication: Publication): Promise<void> {
    await this.query('INSERT INTO xz.publications (issue_date, revision, published_by, published_at, note) VALUES ($1, $2, $3, $4, $5)', [
      publication.issueDate, publication.revision, publication.publishedBy, publication.publishedAt, publication.note,
    ]);
  }

  async publications(issueDate: string): Promise<Publication[]> {
    const { rows } = await this.query<{ issue_date: string; revision: number; published_by: string; published_at: string; note: string | null }>(
      'SELECT * FROM xz.publications WHERE issue_date = $1 ORDER BY id',
      [issueDate],
    );
    return rows.map((row) => ({ issueDate: row.issue_date, revision: row.revision, publishedBy: row.published_by, publishedAt: row.published_at, note: row.note }));
  }

  async machineDraft(issueDate: string): Promise<{ brief: Brief; createdAt: string } | undefined> {
    const { rows } = await this.query<{ brief: Brief; created_at: string }>('SELECT brief, created_at FROM xz.issues WHERE issue_date = $1', [issueDate]);
    return rows[0] && { brief: rows[0].brief, createdAt: rows[0].created_at };
  }

  async issueDates(): Promise<{ issueDate: string; publishedAt: string | null }[]> {
    const { rows } = await this.query<{ issueDate: string; publishedAt: string | null }>(
      `SELECT i.issue_date AS "issueDate", (SELECT min(published_at) FROM xz.publications AS p WHERE p.issue_date = i.issue_date) AS "publishedAt"
       FROM xz.issues AS i ORDER BY i.issue_date DESC`,
    );
    return rows;
  }
}
