/**
 * The PostgreSQL schema of PgStore (src/store/postgres.ts), one migration per entry, run in order inside the
 * store's schema (search_path) by PgStore.open under an advisory lock; the table `schema_migrations` records
 * which have run. Like src/store/migrations.ts (the SQLite schema, which these tables mirror column for
 * column), a migration is never edited once released: a change is a new entry at the end.
 *
 * Types, and why:
 * - Times stay ISO 8601 text, as in SQLite, so every comparison (published_utc >= …, expires_at <= …) and
 *   every value read back is the same string in both stores. Every text column is COLLATE "C": it sorts and
 *   compares by code point, as SQLite's BINARY does, whatever the database's default collation.
 * - JSON columns are `json`, not `jsonb`: json keeps the text as written (key order, duplicate keys), so a
 *   brief, a header map or a run summary reads back exactly as SQLite gives it back; the few queries into
 *   briefs (search filters, known bodies) read them with json functions.
 * - Ids are bigserial (SQLite's INTEGER PRIMARY KEY is 64-bit); PgStore returns them as JS numbers.
 * - The search index (document_search, issue_search) holds the indexed text (searchText.indexText: jieba
 *   words and sub-words) for snippets and a tsvector built from it in JavaScript (postgresSearch.ts), with
 *   a GIN index. documents_fts / issues_fts of SQLite become these two tables; a row missing is a gap.
 */
export const postgresMigrations: readonly string[] = [
  `
  CREATE TABLE runs (
    id bigserial PRIMARY KEY,
    issue_date text COLLATE "C" NOT NULL,
    mode text COLLATE "C" NOT NULL,
    started_at text COLLATE "C" NOT NULL,
    finished_at text COLLATE "C",
    summary json
  );
  CREATE TABLE responses (
    id bigserial PRIMARY KEY,
    run_id bigint NOT NULL REFERENCES runs(id),
    source_id text COLLATE "C",
    url text COLLATE "C" NOT NULL,
    status integer NOT NULL,
    headers json NOT NULL,
    body bytea NOT NULL,
    sha256 text COLLATE "C" NOT NULL,
    fetched_at text COLLATE "C" NOT NULL
  );
  CREATE UNIQUE INDEX responses_fetch ON responses(url, sha256, fetched_at);
  CREATE TABLE documents (
    id bigserial PRIMARY KEY,
    url text COLLATE "C" NOT NULL UNIQUE,
    source_id text COLLATE "C" NOT NULL,
    response_id bigint NOT NULL REFERENCES responses(id),
    title text COLLATE "C" NOT NULL,
    published_at text COLLATE "C",
    published_utc text COLLATE "C",
    publisher text COLLATE "C",
    repost_of text COLLATE "C",
    doc_number text COLLATE "C",
    site_name text COLLATE "C",
    body text COLLATE "C" NOT NULL,
    attachments json NOT NULL,
    extracted_at text COLLATE "C" NOT NULL
  );
  CREATE INDEX documents_published_utc ON documents(published_utc);
  CREATE INDEX documents_source ON documents(source_id);
  CREATE TABLE issues (
    issue_date text COLLATE "C" PRIMARY KEY,
    brief json NOT NULL,
    theme_shares json NOT NULL,
    created_at text COLLATE "C" NOT NULL
  );
  CREATE TABLE url_state (
    url text COLLATE "C" PRIMARY KEY,
    etag text COLLATE "C",
    last_modified text COLLATE "C",
    sha256 text COLLATE "C" NOT NULL,
    status integer NOT NULL,
    fetched_at text COLLATE "C" NOT NULL
  );
  CREATE TABLE source_runs (
    run_id bigint NOT NULL REFERENCES runs(id),
    source_id text COLLATE "C" NOT NULL,
    finished_at text COLLATE "C" NOT NULL,
    entries_ok integer NOT NULL,
    links_found integer NOT NULL,
    unchanged integer NOT NULL,
    documents_new integer NOT NULL,
    errors json NOT NULL,
    list_shape text COLLATE "C",
    PRIMARY KEY (run_id, source_id)
  );
  CREATE INDEX source_runs_source ON source_runs(source_id, finished_at);
  CREATE TABLE scheduled_runs (
    id bigserial PRIMARY KEY,
    issue_date text COLLATE "C" NOT NULL,
    attempt integer NOT NULL,
    reason text COLLATE "C" NOT NULL,
    started_at text COLLATE "C" NOT NULL,
    finished_at text COLLATE "C",
    outcome text COLLATE "C",
    detail text COLLATE "C"
  );
  CREATE INDEX scheduled_runs_issue ON scheduled_runs(issue_date);
  CREATE TABLE deliveries (
    id bigserial PRIMARY KEY,
    issue_date text COLLATE "C" NOT NULL,
    channel text COLLATE "C" NOT NULL,
    status text COLLATE "C" NOT NULL CHECK (status IN ('sent', 'failed')),
    attempt integer NOT NULL,
    sent_at text COLLATE "C" NOT NULL,
    digest text COLLATE "C" NOT NULL,
    error text COLLATE "C"
  );
  CREATE INDEX deliveries_issue_channel ON deliveries(issue_date, channel, status);

  CREATE TABLE document_search (
    document_id bigint PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    title text COLLATE "C" NOT NULL,
    body text COLLATE "C" NOT NULL,
    vector tsvector NOT NULL
  );
  CREATE INDEX document_search_vector ON document_search USING gin (vector);
  CREATE TABLE issue_search (
    issue_date text COLLATE "C" PRIMARY KEY REFERENCES issues(issue_date) ON DELETE CASCADE,
    headlines text COLLATE "C" NOT NULL,
    abstract text COLLATE "C" NOT NULL,
    body text COLLATE "C" NOT NULL,
    vector tsvector NOT NULL
  );
  CREATE INDEX issue_search_vector ON issue_search USING gin (vector);
  CREATE TABLE document_facets (
    document_id bigint PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    issue_date text COLLATE "C" NOT NULL,
    issuer text COLLATE "C" NOT NULL,
    tier text COLLATE "C" NOT NULL
  );
  CREATE INDEX document_facets_issuer ON document_facets(issuer);
  CREATE INDEX document_facets_tier ON document_facets(tier);
  CREATE TABLE document_themes (
    document_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    theme text COLLATE "C" NOT NULL,
    PRIMARY KEY (document_id, theme)
  );
  CREATE INDEX document_themes_theme ON document_themes(theme);

  CREATE TABLE users (
    id bigserial PRIMARY KEY,
    name text COLLATE "C" NOT NULL UNIQUE,
    password_hash text COLLATE "C" NOT NULL,
    role text COLLATE "C" NOT NULL CHECK (role IN ('editor', 'viewer')),
    created_at text COLLATE "C" NOT NULL,
    failed_logins integer NOT NULL DEFAULT 0,
    locked_until text COLLATE "C"
  );
  CREATE TABLE sessions (
    token_hash text COLLATE "C" PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at text COLLATE "C" NOT NULL,
    expires_at text COLLATE "C" NOT NULL
  );
  CREATE INDEX sessions_user ON sessions(user_id);
  CREATE INDEX sessions_expires ON sessions(expires_at);
  CREATE TABLE revisions (
    id bigserial PRIMARY KEY,
    issue_date text COLLATE "C" NOT NULL,
    number integer NOT NULL,
    brief json NOT NULL,
    author text COLLATE "C" NOT NULL,
    action text COLLATE "C" NOT NULL,
    note text COLLATE "C",
    created_at text COLLATE "C" NOT NULL,
    UNIQUE (issue_date, number)
  );
  CREATE TABLE publications (
    id bigserial PRIMARY KEY,
    issue_date text COLLATE "C" NOT NULL,
    revision integer NOT NULL,
    published_by text COLLATE "C" NOT NULL,
    published_at text COLLATE "C" NOT NULL,
    note text COLLATE "C"
  );
  CREATE INDEX publications_issue ON publications(issue_date);
  `,
];
