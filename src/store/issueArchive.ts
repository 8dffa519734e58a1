import type { SqliteStore } from './sqlite.ts';

/** One issue as the desk's archive lists it. Times are ISO 8601 UTC; dates YYYY-MM-DD (Shanghai). */
export interface ArchivedIssue {
  issueDate: string;
  /** The title and the number of sections of its latest revision, else of the run's draft. */
  title: string;
  items: number;
  /** Revisions the desk keeps of it (0 when no editor opened it). */
  revisions: number;
  /** Times it went out: the first edition, then each correction. */
  publications: number;
  firstPublishedAt: string | null;
}

/**
 * A page of the issues the store holds (written by a run), newest first: `limit` of them after skipping
 * `offset`, and how many there are in all.
 */
export function archivedIssues(store: SqliteStore, limit: number, offset: number): { total: number; issues: ArchivedIssue[] } {
  const db = store.connection;
  const total = (db.prepare('SELECT count(*) AS n FROM issues').get() as { n: number }).n;
  // The latest revision's brief when there is one: what an editor made of the issue is what it is now.
  const rows = db
    .prepare(
      `SELECT i.issue_date AS issueDate,
         coalesce((SELECT r.brief FROM revisions AS r WHERE r.issue_date = i.issue_date ORDER BY r.number DESC LIMIT 1), i.brief) AS brief,
         (SELECT count(*) FROM revisions AS r WHERE r.issue_date = i.issue_date) AS revisions,
         (SELECT count(*) FROM publications AS p WHERE p.issue_date = i.issue_date) AS publications,
         (SELECT min(p.published_at) FROM publications AS p WHERE p.issue_date = i.issue_date) AS firstPublishedAt
       FROM issues AS i ORDER BY i.issue_date DESC LIMIT ? OFFSET ?`,
    )
    .all(limit, offset) as { issueDate: string; brief: string; revisions: number; publications: number; firstPublishedAt: string | null }[];
  const issues = rows.map(({ brief, ...row }) => {
    const parsed = JSON.parse(brief) as { title?: unknown; items?: unknown };
    return { ...row, title: typeof parsed.title === 'string' ? parsed.title : '', items: Array.isArray(parsed.items) ? parsed.items.length : 0 };
  });
  return { total, issues };
}

/** Every issue's theme shares (the issues table's theme_shares: theme name → share of the day, summing to about 1), oldest first. */
export function issueThemeShares(store: SqliteStore): { issueDate: string; shares: Record<string, number> }[] {
  const rows = store.connection.prepare('SELECT issue_date, theme_shares FROM issues ORDER BY issue_date').all() as { issue_date: string; theme_shares: string }[];
  return rows.map((row) => ({ issueDate: row.issue_date, shares: JSON.parse(row.theme_shares) as Record<string, number> }));
}
