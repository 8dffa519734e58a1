import type { StoredDocument } from '../domain/document.ts';
import type { DeliveryAttempt, DeskUser, SourceRun, StoredIssue } from './store.ts';

/*
 * The rows both stores keep, as their SQL returns them (snake_case columns), and their records: one
 * mapping of each table, whichever engine read it. The engines differ only in how a value arrives (a
 * bigserial id as text in PostgreSQL, JSON as text in SQLite), which each converts before calling these.
 */

/** The parts of a stored brief.json the store reads: for a later issue's analysis and for the search index. */
export interface StoredBrief {
  title?: string;
  abstract?: string;
  references?: { title: string }[];
  items?: { headline: string; themes?: string[]; paragraphs?: string[] }[];
}

/** What a later issue reads of an earlier one: the titles it cited, and its sections' headlines and themes. */
export function issueContents(brief: StoredBrief): Pick<StoredIssue, 'reportedTitles' | 'items'> {
  return {
    reportedTitles: (brief.references ?? []).map((reference) => reference.title),
    items: (brief.items ?? []).map((item) => ({ headline: item.headline, themes: item.themes ?? [] })),
  };
}

/** An issue's searchable text: its sections' headlines, its abstract, its sections' paragraphs (withheld ones are not published, so not searched). */
export function issueSearchText(brief: StoredBrief): { headlines: string; abstract: string; body: string } {
  const items = brief.items ?? [];
  return {
    headlines: items.map((item) => item.headline).join('\n'),
    abstract: brief.abstract ?? '',
    body: items.flatMap((item) => item.paragraphs ?? []).join('\n'),
  };
}

/** An archived issue's title and number of sections, from its brief.json (parsed). */
export function archivedSummary(brief: { title?: unknown; items?: unknown }): { title: string; items: number } {
  return { title: typeof brief.title === 'string' ? brief.title : '', items: Array.isArray(brief.items) ? brief.items.length : 0 };
}

/** A row of the deliveries table. */
export interface DeliveryRow {
  issue_date: string;
  channel: string;
  status: 'sent' | 'failed';
  attempt: number;
  sent_at: string;
  digest: string;
  error: string | null;
}

export function toDelivery(row: DeliveryRow): DeliveryAttempt {
  return { issueDate: row.issue_date, channel: row.channel, status: row.status, attempt: row.attempt, sentAt: row.sent_at, digest: row.digest, error: row.error };
}

/** A row of the documents table, its id and attachments already as numbers and a list. */
export interface DocumentRow {
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
  attachments: StoredDocument['attachments'];
}

export function toDocument(row: DocumentRow): StoredDocument {
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
    attachments: row.attachments,
  };
}

/** A row of the users table, its id already a number. */
export interface UserRow {
  id: number;
  name: string;
  role: DeskUser['role'];
  password_hash: string;
  created_at: string;
  failed_logins: number;
  locked_until: string | null;
}

export function toUser(row: UserRow): DeskUser {
  return { id: row.id, name: row.name, role: row.role, passwordHash: row.password_hash, createdAt: row.created_at, failedLogins: row.failed_logins, lockedUntil: row.locked_until };
}

/** A row of the source_runs table, its errors already a list. */
export interface SourceRunRow {
  source_id: string;
  finished_at: string;
  entries_ok: number;
  links_found: number;
  unchanged: number;
  documents_new: number;
  errors: string[];
  list_shape: string | null;
}

export function toSourceRun(row: SourceRunRow): SourceRun {
  return {
    sourceId: row.source_id,
    finishedAt: row.finished_at,
    entriesOk: row.entries_ok,
    linksFound: row.links_found,
    unchanged: row.unchanged,
    documentsNew: row.documents_new,
    errors: row.errors,
    listShape: row.list_shape,
  };
}
