/**
 * The SQLite schema, one migration per entry; `PRAGMA user_version` records how many have run.
 * A migration is never edited once released: a change is a new entry.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    issue_date TEXT NOT NULL,
    mode TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    summary TEXT
  );
  CREATE TABLE responses (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    source_id TEXT,
    url TEXT NOT NULL,
    status INTEGER NOT NULL,
    headers TEXT NOT NULL,
    body BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    fetched_at TEXT NOT NULL
  );
  CREATE INDEX responses_url ON responses(url);
  CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    source_id TEXT NOT NULL,
    response_id INTEGER NOT NULL REFERENCES responses(id),
    title TEXT NOT NULL,
    published_at TEXT,
    published_utc TEXT,
    publisher TEXT,
    repost_of TEXT,
    doc_number TEXT,
    body TEXT NOT NULL,
    attachments TEXT NOT NULL,
    extracted_at TEXT NOT NULL
  );
  CREATE INDEX documents_published_utc ON documents(published_utc);
  CREATE TABLE issues (
    issue_date TEXT PRIMARY KEY,
    brief TEXT NOT NULL,
    theme_shares TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  `,
  `
  CREATE TABLE url_state (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    sha256 TEXT NOT NULL,
    status INTEGER NOT NULL,
    fetched_at TEXT NOT NULL
  );
  CREATE TABLE source_runs (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    source_id TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    entries_ok INTEGER NOT NULL,
    links_found INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    documents_new INTEGER NOT NULL,
    errors TEXT NOT NULL,
    list_shape TEXT,
    PRIMARY KEY (run_id, source_id)
  );
  CREATE INDEX source_runs_source ON source_runs(source_id, finished_at);
  `,
  `
  CREATE INDEX documents_source ON documents(source_id);
  `,
  `
  ALTER TABLE documents ADD COLUMN site_name TEXT;
  `,
  `
  CREATE TABLE scheduled_runs (
    id INTEGER PRIMARY KEY,
    issue_date TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    reason TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    outcome TEXT,
    detail TEXT
  );
  CREATE INDEX scheduled_runs_issue ON scheduled_runs(issue_date);
  `,
  // xinzhi publish: one row per try of sending an issue to a channel, so an issue sent is never sent twice.
  `
  CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    issue_date TEXT NOT NULL,
    channel TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('sent', 'failed')),
    attempt INTEGER NOT NULL,
    sent_at TEXT NOT NULL,
    digest TEXT NOT NULL,
    error TEXT
  );
  CREATE INDEX deliveries_issue_channel ON deliveries(issue_date, channel, status);
  `,
  // One row per fetch: the same archive imported twice stored each response twice. Earlier duplicates are
  // merged into their first row (documents follow it), then a unique index keeps it so.
  `
  UPDATE documents SET response_id = (
    SELECT min(same.id) FROM responses AS kept JOIN responses AS same
      ON same.url = kept.url AND same.sha256 = kept.sha256 AND same.fetched_at = kept.fetched_at
    WHERE kept.id = documents.response_id
  );
  DELETE FROM responses WHERE id NOT IN (SELECT min(id) FROM responses GROUP BY url, sha256, fetched_at);
  DROP INDEX responses_url;
  CREATE UNIQUE INDEX responses_fetch ON responses(url, sha256, fetched_at);
  `,
  // Full-text search for the editor's desk. The text indexed is already cut into jieba words (searchText.ts),
  // so unicode61 keeps 算力 whole where trigram finds nothing under three characters. Rows are filled in
  // JavaScript (jieba is not SQL): on write, or by SqliteStore.reindexSearch. documents_fts.rowid is
  // documents.id; issues_fts.rowid is the issue date as the number YYYYMMDD.
  `
  CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, tokenize = 'unicode61');
  CREATE VIRTUAL TABLE issues_fts USING fts5(headlines, abstract, body, tokenize = 'unicode61');
  `,
  // The editor's desk (src/serve/): accounts, sessions, every revision of an issue, and what was published.
  // A session is kept by the SHA-256 of its token, so the file never holds a usable cookie.
  `
  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('editor', 'viewer')),
    created_at TEXT NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE TABLE revisions (
    id INTEGER PRIMARY KEY,
    issue_date TEXT NOT NULL,
    number INTEGER NOT NULL,
    brief TEXT NOT NULL,
    author TEXT NOT NULL,
    action TEXT NOT NULL,
    note TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (issue_date, number)
  );
  CREATE TABLE publications (
    id INTEGER PRIMARY KEY,
    issue_date TEXT NOT NULL,
    revision INTEGER NOT NULL,
    published_by TEXT NOT NULL,
    published_at TEXT NOT NULL,
    note TEXT
  );
  CREATE INDEX publications_issue ON publications(issue_date);
  `,
  // The desk's archive (src/serve/archivePage.ts). The search index's text gained sub-words (大数据␞数据␝,
  // searchText.ts): entries written before are dropped, so searchIndexGaps counts them and they are indexed
  // again. What a run's analysis read of each document — its story's issuing body and tier, its themes when
  // relevant — so a search filters documents as it filters issues (DocumentFacet in src/store/store.ts).
  `
  DELETE FROM documents_fts;
  DELETE FROM issues_fts;
  CREATE TABLE document_facets (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    issue_date TEXT NOT NULL,
    issuer TEXT NOT NULL,
    tier TEXT NOT NULL
  );
  CREATE INDEX document_facets_issuer ON document_facets(issuer);
  CREATE INDEX document_facets_tier ON document_facets(tier);
  CREATE TABLE document_themes (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    theme TEXT NOT NULL,
    PRIMARY KEY (document_id, theme)
  ) WITHOUT ROWID;
  CREATE INDEX document_themes_theme ON document_themes(theme);
  `,
  // Failed sign-ins are kept with the account, so a restart does not reset them and resetting the
  // password (serve --create-user) unlocks it.
  `
  ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE users ADD COLUMN locked_until TEXT;
  `,
];
