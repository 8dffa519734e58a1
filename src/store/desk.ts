import { createHash } from 'node:crypto';
import type { Brief } from '../domain/brief.ts';
import type { SqliteStore } from './sqlite.ts';

/** What a desk account may do: an editor changes, approves and publishes; a viewer reads. */
export type DeskRole = 'editor' | 'viewer';

/** An account of the editor's desk. passwordHash is the PHC-style string of src/serve/password.ts. */
export interface DeskUser {
  id: number;
  name: string;
  role: DeskRole;
  passwordHash: string;
  createdAt: string;
  /**
   * Failed sign-ins in a row within a window, and the window's end (ISO 8601 UTC; null after a success):
   * each failure moves the end on; the account is refused while failedLogins has reached the limit and
   * the end has not passed. A failure after the end starts the count again.
   */
  failedLogins: number;
  lockedUntil: string | null;
}

/**
 * Why a revision was made: the machine's draft; an editor's edit of text; a change of which stories the
 * issue holds (accept, reject, reorder, swap); a section written again; a correction after publication.
 */
export type RevisionAction = 'draft' | 'edit' | 'select' | 'regenerate' | 'correction';

/** One revision of an issue: the whole brief as it stood, who made it, when (ISO 8601 UTC) and why. */
export interface Revision {
  issueDate: string;
  /** 1 for the machine's draft, then 2, 3 … in the order they were saved. */
  number: number;
  brief: Brief;
  author: string;
  action: RevisionAction;
  note: string | null;
  createdAt: string;
}

/** A revision that went out: which, by whom, when (ISO 8601 UTC), with the correction's note. */
export interface Publication {
  issueDate: string;
  revision: number;
  publishedBy: string;
  publishedAt: string;
  note: string | null;
}

interface UserRow {
  id: number;
  name: string;
  role: DeskRole;
  password_hash: string;
  created_at: string;
  failed_logins: number;
  locked_until: string | null;
}

interface RevisionRow {
  issue_date: string;
  number: number;
  brief: string;
  author: string;
  action: RevisionAction;
  note: string | null;
  created_at: string;
}

/** The SHA-256 of a session token: the table holds this, never the token a cookie carries. */
function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toUser(row: UserRow): DeskUser {
  return { id: row.id, name: row.name, role: row.role, passwordHash: row.password_hash, createdAt: row.created_at, failedLogins: row.failed_logins, lockedUntil: row.locked_until };
}

function toRevision(row: RevisionRow): Revision {
  return { issueDate: row.issue_date, number: row.number, brief: JSON.parse(row.brief) as Brief, author: row.author, action: row.action, note: row.note, createdAt: row.created_at };
}

/**
 * The desk's tables in the data folder's SQLite file (migration "The editor's desk"): accounts, sessions,
 * revisions of issues and publications. Times are ISO 8601 UTC strings; `now` is passed in so tests set the clock.
 */
export class DeskStore {
  constructor(private readonly store: SqliteStore) {}

  private get db() {
    return this.store.connection;
  }

  /** Adds an account. Returns false (and changes nothing) when the name is taken. */
  createUser(name: string, passwordHash: string, role: DeskRole, now: Date): boolean {
    const result = this.db.prepare('INSERT INTO users (name, password_hash, role, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO NOTHING').run(name, passwordHash, role, now.toISOString());
    return result.changes > 0;
  }

  /** Sets an account's password (hash) and role, and unlocks it; false when there is no such account. */
  updateUser(name: string, passwordHash: string, role: DeskRole): boolean {
    return this.db.prepare('UPDATE users SET password_hash = ?, role = ?, failed_logins = 0, locked_until = NULL WHERE name = ?').run(passwordHash, role, name).changes > 0;
  }

  /**
   * Counts a failed sign-in of an account and moves its window's end to `windowEnd` (see
   * DeskUser.lockedUntil). Returns the count after this one: 1 when the last window had ended.
   */
  recordFailedLogin(userId: number, now: Date, windowEnd: Date): number {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT failed_logins, locked_until FROM users WHERE id = ?').get(userId) as { failed_logins: number; locked_until: string | null };
      const ended = row.locked_until === null || row.locked_until <= now.toISOString();
      const count = (ended ? 0 : row.failed_logins) + 1;
      this.db.prepare('UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?').run(count, windowEnd.toISOString(), userId);
      return count;
    }).immediate();
  }

  /** Clears an account's failed sign-ins (it signed in). */
  clearFailedLogins(userId: number): void {
    this.db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(userId);
  }

  userByName(name: string): DeskUser | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE name = ?').get(name) as UserRow | undefined;
    return row && toUser(row);
  }

  userCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  /** Keeps a new session for `token` until `expiresAt`; sessions already expired are dropped on the way. */
  startSession(token: string, userId: number, now: Date, expiresAt: Date): void {
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now.toISOString());
    this.db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(tokenHash(token), userId, now.toISOString(), expiresAt.toISOString());
  }

  /**
   * The account a session token belongs to while it has not expired at `now`, its expiry moved to
   * `renewUntil` (a session lasts from its last request); undefined for an unknown or expired token.
   */
  sessionUser(token: string, now: Date, renewUntil: Date): DeskUser | undefined {
    const hash = tokenHash(token);
    const row = this.db.prepare('SELECT users.* FROM sessions JOIN users ON users.id = sessions.user_id WHERE token_hash = ? AND expires_at > ?').get(hash, now.toISOString()) as UserRow | undefined;
    if (!row) return undefined;
    this.db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?').run(renewUntil.toISOString(), hash);
    return toUser(row);
  }

  endSession(token: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash(token));
  }

  /** Ends every session of an account (its password changed). */
  endSessionsOf(userId: number): void {
    this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
  }

  /**
   * Saves a brief as the issue's next revision and returns it. The number is taken inside the write
   * transaction, so two editors saving at once get 5 and 6, never two 5s.
   */
  addRevision(issueDate: string, brief: Brief, author: string, action: RevisionAction, note: string | null, now: Date): Revision {
    return this.db.transaction(() => {
      const last = this.db.prepare('SELECT max(number) AS n FROM revisions WHERE issue_date = ?').get(issueDate) as { n: number | null };
      const number = (last.n ?? 0) + 1;
      this.db.prepare('INSERT INTO revisions (issue_date, number, brief, author, action, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(issueDate, number, JSON.stringify(brief), author, action, note, now.toISOString());
      return { issueDate, number, brief, author, action, note, createdAt: now.toISOString() };
    }).immediate();
  }

  /** Every revision of an issue, oldest first. */
  revisions(issueDate: string): Revision[] {
    return (this.db.prepare('SELECT * FROM revisions WHERE issue_date = ? ORDER BY number').all(issueDate) as RevisionRow[]).map(toRevision);
  }

  revision(issueDate: string, number: number): Revision | undefined {
    const row = this.db.prepare('SELECT * FROM revisions WHERE issue_date = ? AND number = ?').get(issueDate, number) as RevisionRow | undefined;
    return row && toRevision(row);
  }

  latestRevision(issueDate: string): Revision | undefined {
    const row = this.db.prepare('SELECT * FROM revisions WHERE issue_date = ? ORDER BY number DESC LIMIT 1').get(issueDate) as RevisionRow | undefined;
    return row && toRevision(row);
  }

  recordPublication(publication: Publication): void {
    this.db.prepare('INSERT INTO publications (issue_date, revision, published_by, published_at, note) VALUES (?, ?, ?, ?, ?)').run(publication.issueDate, publication.revision, publication.publishedBy, publication.publishedAt, publication.note);
  }

  /** The publications of an issue, first first: the first edition, then each correction. */
  publications(issueDate: string): Publication[] {
    const rows = this.db.prepare('SELECT * FROM publications WHERE issue_date = ? ORDER BY id').all(issueDate) as { issue_date: string; revision: number; published_by: string; published_at: string; note: string | null }[];
    return rows.map((row) => ({ issueDate: row.issue_date, revision: row.revision, publishedBy: row.published_by, publishedAt: row.published_at, note: row.note }));
  }

  /** The brief a run wrote for an issue (the issues table) and when (ISO 8601 UTC): the draft the desk starts from. */
  machineDraft(issueDate: string): { brief: Brief; createdAt: string } | undefined {
    const row = this.db.prepare('SELECT brief, created_at FROM issues WHERE issue_date = ?').get(issueDate) as { brief: string; created_at: string } | undefined;
    return row && { brief: JSON.parse(row.brief) as Brief, createdAt: row.created_at };
  }

  /** The dates of the issues the store holds (written by a run), newest first, with their first publication if any. */
  issueDates(): { issueDate: string; publishedAt: string | null }[] {
    return this.db.prepare('SELECT issues.issue_date AS issueDate, (SELECT min(published_at) FROM publications WHERE publications.issue_date = issues.issue_date) AS publishedAt FROM issues ORDER BY issue_date DESC').all() as { issueDate: string; publishedAt: string | null }[];
  }
}
