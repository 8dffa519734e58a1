import { createHash } from 'node:crypto';
import type { Brief } from '../domain/brief.ts';
import type Database from 'better-sqlite3';
import { toUser, type UserRow } from './rows.ts';
import { RevisionConflict, type DeskRecords, type DeskRole, type DeskUser, type Publication, type Revision, type RevisionAction } from './store.ts';

interface RevisionRow {
  issue_date: string;
  number: number;
  brief: string;
  author: string;
  action: RevisionAction;
  note: string | null;
  created_at: string;
}

/** The SHA-256 of a session token (hex): the table holds this, never the token a cookie carries. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toRevision(row: RevisionRow): Revision {
  return { issueDate: row.issue_date, number: row.number, brief: JSON.parse(row.brief) as Brief, author: row.author, action: row.action, note: row.note, createdAt: row.created_at };
}

/**
 * The desk's tables in the data folder's SQLite file (migration "The editor's desk"): accounts, sessions,
 * revisions of issues and publications. Times are ISO 8601 UTC strings; `now` is passed in so tests set the clock.
 */
export class SqliteDeskRecords implements DeskRecords {
  constructor(private readonly db: Database.Database) {}

  /** Adds an account. Returns false (and changes nothing) when the name is taken. */
  async createUser(name: string, passwordHash: string, role: DeskRole, now: Date): Promise<boolean> {
    const result = this.db.prepare('INSERT INTO users (name, password_hash, role, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO NOTHING').run(name, passwordHash, role, now.toISOString());
    return result.changes > 0;
  }

  /** Sets an account's password (hash) and role, and unlocks it; false when there is no such account. */
  async updateUser(name: string, passwordHash: string, role: DeskRole): Promise<boolean> {
    return this.db.prepare('UPDATE users SET password_hash = ?, role = ?, failed_logins = 0, locked_until = NULL WHERE name = ?').run(passwordHash, role, name).changes > 0;
  }

  /**
   * Counts a failed sign-in of an account and moves its window's end to `windowEnd` (see
   * DeskUser.lockedUntil). Returns the count after this one: 1 when the last window had ended.
   */
  async recordFailedLogin(userId: number, now: Date, windowEnd: Date): Promise<number> {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT failed_logins, locked_until FROM users WHERE id = ?').get(userId) as { failed_logins: number; locked_until: string | null };
      const ended = row.locked_until === null || row.locked_until <= now.toISOString();
      const count = (ended ? 0 : row.failed_logins) + 1;
      this.db.prepare('UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?').run(count, windowEnd.toISOString(), userId);
      return count;
    }).immediate();
  }

  /** Clears an account's failed sign-ins (it signed in). */
  async clearFailedLogins(userId: number): Promise<void> {
    this.db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(userId);
  }

  async userByName(name: string): Promise<DeskUser | undefined> {
    const row = this.db.prepare('SELECT * FROM users WHERE name = ?').get(name) as UserRow | undefined;
    return row && toUser(row);
  }

  async userCount(): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  /** Keeps a new session for `token` until `expiresAt`; sessions already expired are dropped on the way. */
  async startSession(token: string, userId: number, now: Date, expiresAt: Date): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now.toISOString());
    this.db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(tokenHash(token), userId, now.toISOString(), expiresAt.toISOString());
  }

  /**
   * The account a session token belongs to while it has not expired at `now`, its expiry moved to
   * `renewUntil` (a session lasts from its last request); undefined for an unknown or expired token.
   */
  async sessionUser(token: string, now: Date, renewUntil: Date): Promise<DeskUser | undefined> {
    const hash = tokenHash(token);
    const row = this.db.prepare('SELECT users.* FROM sessions JOIN users ON users.id = sessions.user_id WHERE token_hash = ? AND expires_at > ?').get(hash, now.toISOString()) as UserRow | undefined;
    if (!row) return undefined;
    this.db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?').run(renewUntil.toISOString(), hash);
    return toUser(row);
  }

  async endSession(token: string): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash(token));
  }

  /** Ends every session of an account (its password changed). */
  async endSessionsOf(userId: number): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
  }

  /**
   * Saves a brief as the issue's next revision and returns it. The number is taken inside the write
   * transaction, so two editors saving at once get 5 and 6, never two 5s.
   */
  async addRevision(issueDate: string, brief: Brief, author: string, action: RevisionAction, note: string | null, now: Date, after?: number): Promise<Revision> {
    return this.db.transaction(() => {
      const last = this.db.prepare('SELECT max(number) AS n FROM revisions WHERE issue_date = ?').get(issueDate) as { n: number | null };
      if (after !== undefined && (last.n ?? 0) !== after) throw new RevisionConflict(issueDate, last.n ?? 0, after);
      const number = (last.n ?? 0) + 1;
      this.db.prepare('INSERT INTO revisions (issue_date, number, brief, author, action, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(issueDate, number, JSON.stringify(brief), author, action, note, now.toISOString());
      return { issueDate, number, brief, author, action, note, createdAt: now.toISOString() };
    }).immediate();
  }

  /** Every revision of an issue, oldest first. */
  async revisions(issueDate: string): Promise<Revision[]> {
    return (this.db.prepare('SELECT * FROM revisions WHERE issue_date = ? ORDER BY number').all(issueDate) as RevisionRow[]).map(toRevision);
  }

  async revision(issueDate: string, number: number): Promise<Revision | undefined> {
    const row = this.db.prepare('SELECT * FROM revisions WHERE issue_date = ? AND number = ?').get(issueDate, number) as RevisionRow | undefined;
    return row && toRevision(row);
  }

  async latestRevision(issueDate: string): Promise<Revision | undefined> {
    const row = this.db.prepare('SELECT * FROM revisions WHERE issue_date = ? ORDER BY number DESC LIMIT 1').get(issueDate) as RevisionRow | undefined;
    return row && toRevision(row);
  }

  async recordPublication(publication: Publication): Promise<void> {
    this.db.prepare('INSERT INTO publications (issue_date, revision, published_by, published_at, note) VALUES (?, ?, ?, ?, ?)').run(publication.issueDate, publication.revision, publication.publishedBy, publication.publishedAt, publication.note);
  }

  /** The publications of an issue, first first: the first edition, then each correction. */
  async publications(issueDate: string): Promise<Publication[]> {
    const rows = this.db.prepare('SELECT * FROM publications WHERE issue_date = ? ORDER BY id').all(issueDate) as { issue_date: string; revision: number; published_by: string; published_at: string; note: string | null }[];
    return rows.map((row) => ({ issueDate: row.issue_date, revision: row.revision, publishedBy: row.published_by, publishedAt: row.published_at, note: row.note }));
  }

  /** The brief a run wrote for an issue (the issues table) and when (ISO 8601 UTC): the draft the desk starts from. */
  async machineDraft(issueDate: string): Promise<{ brief: Brief; createdAt: string } | undefined> {
    const row = this.db.prepare('SELECT brief, created_at FROM issues WHERE issue_date = ?').get(issueDate) as { brief: string; created_at: string } | undefined;
    return row && { brief: JSON.parse(row.brief) as Brief, createdAt: row.created_at };
  }

  /** The dates of the issues the store holds (written by a run), newest first, with their first publication if any. */
  async issueDates(): Promise<{ issueDate: string; publishedAt: string | null }[]> {
    return this.db.prepare('SELECT issues.issue_date AS issueDate, (SELECT min(published_at) FROM publications WHERE publications.issue_date = issues.issue_date) AS publishedAt FROM issues ORDER BY issue_date DESC').all() as { issueDate: string; publishedAt: string | null }[];
  }
}
