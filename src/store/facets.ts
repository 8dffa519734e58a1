import type { SqliteStore } from './sqlite.ts';

/**
 * What a run's analysis read of one stored document (src/pipeline/facets.ts makes these): the issuing body
 * of its story (the origin: the issuer, or the site when no copy names one), that body's tier, and the
 * themes of the story when it was relevant ([] when not). The archive's search filters documents by these.
 */
export interface DocumentFacet {
  documentId: number;
  issuer: string;
  tier: string;
  themes: readonly string[];
}

/**
 * Keeps what the analysis of issue `issueDate` (YYYY-MM-DD, Shanghai) read of its documents, in one
 * transaction, replacing what an earlier analysis of the same documents kept: the latest reading wins.
 * Documents not in `facets` keep theirs.
 */
export function saveDocumentFacets(store: SqliteStore, issueDate: string, facets: readonly DocumentFacet[]): void {
  const db = store.connection;
  const upsert = db.prepare(
    'INSERT INTO document_facets (document_id, issue_date, issuer, tier) VALUES (?, ?, ?, ?) ON CONFLICT(document_id) DO UPDATE SET issue_date = excluded.issue_date, issuer = excluded.issuer, tier = excluded.tier',
  );
  const clearThemes = db.prepare('DELETE FROM document_themes WHERE document_id = ?');
  const addTheme = db.prepare('INSERT OR IGNORE INTO document_themes (document_id, theme) VALUES (?, ?)');
  db.transaction(() => {
    for (const facet of facets) {
      upsert.run(facet.documentId, issueDate, facet.issuer, facet.tier);
      clearThemes.run(facet.documentId);
      for (const theme of facet.themes) addTheme.run(facet.documentId, theme);
    }
  }).immediate();
}

/** What the analysis kept of one document, or undefined when no run analysed it. */
export function documentFacet(store: SqliteStore, documentId: number): DocumentFacet | undefined {
  const row = store.connection.prepare('SELECT issuer, tier FROM document_facets WHERE document_id = ?').get(documentId) as { issuer: string; tier: string } | undefined;
  if (!row) return undefined;
  const themes = (store.connection.prepare('SELECT theme FROM document_themes WHERE document_id = ? ORDER BY theme').all(documentId) as { theme: string }[]).map((r) => r.theme);
  return { documentId, issuer: row.issuer, tier: row.tier, themes };
}

/**
 * The issuing bodies a search may filter by: those the analysis named for documents and those the issues
 * cite as publishers, most frequent first (then by name), at most `limit`.
 */
export function knownBodies(store: SqliteStore, limit = 300): string[] {
  const rows = store.connection
    .prepare(
      `SELECT name, count(*) AS n FROM (
         SELECT issuer AS name FROM document_facets
         UNION ALL
         SELECT json_extract(ref.value, '$.publisher') AS name FROM issues, json_each(issues.brief, '$.references') AS ref
       ) WHERE name IS NOT NULL AND name != '' GROUP BY name ORDER BY n DESC, name LIMIT ?`,
    )
    .all(limit) as { name: string }[];
  return rows.map((row) => row.name);
}
