/**
 * The store as one brief of several sees it (issue 18): one archive of responses and documents, shared by
 * every brief, and the records of the brief's own issues kept apart. The store keys issues by their date
 * alone (store.ts), so two briefs of one day would overwrite each other's issue, revisions, deliveries and
 * search entry in one store: each brief of config/briefs/ keeps those in a store of its own, in the data
 * folder's briefs/<id>/ (a PostgreSQL schema of its own), and reads documents from the shared one.
 */
import { join } from 'node:path';
import type { ExtractedArticle } from '../domain/article.ts';
import type { Brief } from '../domain/brief.ts';
import type { FetchedResponse } from '../domain/response.ts';
import { UserError } from '../util/errors.ts';
import { isPostgresUrl, openStore, type OpenStoreOptions } from './open.ts';
import type { SearchSegment } from './searchText.ts';
import type {
  DeliveryAttempt, DeskRecords, DeskRole, DocumentFacet, DocumentSearch, IssueSearch, Publication, RevisionAction, SourceRun, Store,
} from './store.ts';

/** The data folder of a brief's own records: <data>/briefs/<id>. */
export function briefDataDir(dataDir: string, briefId: string): string {
  return join(dataDir, 'briefs', briefId);
}

/** The schema the PostgreSQL store takes when the address names none (src/store/postgres.ts). */
const DEFAULT_PG_SCHEMA = 'xinzhi';

/**
 * The store address of a brief's own records: SQLite (undefined or `sqlite`) as it is, since the brief's
 * data folder differs; a PostgreSQL address with `schema=per-data-dir` as it is, for the same reason; any
 * other PostgreSQL address with the schema `<schema>_brief_<id>` (dashes as underscores; `xinzhi` when it
 * names none). Throws a UserError naming the brief when that name passes PostgreSQL's 63 characters.
 */
export function briefStoreUrl(url: string | undefined, briefId: string): string | undefined {
  if (!isPostgresUrl(url)) return url;
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  if (schema === 'per-data-dir') return url;
  const own = `${schema ?? DEFAULT_PG_SCHEMA}_brief_${briefId.replaceAll('-', '_')}`;
  if (own.length > 63) throw new UserError(`简报 ${briefId} 的 PostgreSQL schema 名 ${own} 超过 63 个字符：请缩短简报编号`, `brief ${briefId}: its PostgreSQL schema ${own} is longer than 63 characters: shorten the brief id`);
  parsed.searchParams.set('schema', own);
  return parsed.toString();
}

/**
 * The desk's records of one brief: accounts and sessions are the shared store's (one sign-in for every
 * brief), revisions, publications and drafts the brief's own.
 */
class BriefDeskRecords implements DeskRecords {
  constructor(private readonly shared: DeskRecords, private readonly own: DeskRecords) {}
  createUser(name: string, passwordHash: string, role: DeskRole, now: Date) { return this.shared.createUser(name, passwordHash, role, now); }
  updateUser(name: string, passwordHash: string, role: DeskRole) { return this.shared.updateUser(name, passwordHash, role); }
  recordFailedLogin(userId: number, now: Date, windowEnd: Date) { return this.shared.recordFailedLogin(userId, now, windowEnd); }
  clearFailedLogins(userId: number) { return this.shared.clearFailedLogins(userId); }
  userByName(name: string) { return this.shared.userByName(name); }
  userCount() { return this.shared.userCount(); }
  startSession(token: string, userId: number, now: Date, expiresAt: Date) { return this.shared.startSession(token, userId, now, expiresAt); }
  sessionUser(token: string, now: Date, renewUntil: Date) { return this.shared.sessionUser(token, now, renewUntil); }
  endSession(token: string) { return this.shared.endSession(token); }
  endSessionsOf(userId: number) { return this.shared.endSessionsOf(userId); }
  addRevision(issueDate: string, brief: Brief, author: string, action: RevisionAction, note: string | null, now: Date, after?: number) { return this.own.addRevision(issueDate, brief, author, action, note, now, after); }
  revisions(issueDate: string) { return this.own.revisions(issueDate); }
  revision(issueDate: string, number: number) { return this.own.revision(issueDate, number); }
  latestRevision(issueDate: string) { return this.own.latestRevision(issueDate); }
  recordPublication(publication: Publication) { return this.own.recordPublication(publication); }
  publications(issueDate: string) { return this.own.publications(issueDate); }
  machineDraft(issueDate: string) { return this.own.machineDraft(issueDate); }
  issueDates() { return this.own.issueDates(); }
}

/**
 * A Store over two: `shared` holds what the crawl writes (responses, URL states, documents, runs, source
 * runs) and what is read of documents (facets, document search); `own` holds what is keyed by an issue
 * (issues, scheduled runs, deliveries, issue search, the desk's revisions and publications). close() closes
 * `own` only: the shared store is its opener's to close.
 */
export class BriefStore implements Store {
  readonly location: string;
  readonly desk: DeskRecords;

  /** `closesShared`: close() closes the shared store too (a command that opened both for this brief alone). */
  constructor(private readonly shared: Store, private readonly own: Store, private readonly closesShared = false) {
    this.location = `${own.location} (+ ${shared.location})`;
    this.desk = new BriefDeskRecords(shared.desk, own.desk);
  }

  async close(): Promise<void> {
    try {
      await this.own.close();
    } finally {
      if (this.closesShared) await this.shared.close();
    }
  }

  startRun(issueDate: string, mode: string) { return this.shared.startRun(issueDate, mode); }
  finishRun(runId: number, summary: unknown) { return this.shared.finishRun(runId, summary); }
  saveResponse(runId: number, sourceId: string | null, response: FetchedResponse) { return this.shared.saveResponse(runId, sourceId, response); }
  storedResponse(url: string, sha256: string) { return this.shared.storedResponse(url, sha256); }
  urlState(url: string) { return this.shared.urlState(url); }
  saveUrlState(url: string, response: FetchedResponse, sha256: string) { return this.shared.saveUrlState(url, response, sha256); }
  saveDocument(sourceId: string, url: string, responseId: number, article: ExtractedArticle) { return this.shared.saveDocument(sourceId, url, responseId, article); }
  hasDocument(url: string) { return this.shared.hasDocument(url); }
  documentByUrl(url: string) { return this.shared.documentByUrl(url); }
  documentsByUrls(urls: Iterable<string>) { return this.shared.documentsByUrls(urls); }
  documentsPublishedBetween(start: Date, end: Date) { return this.shared.documentsPublishedBetween(start, end); }
  documentCount(sourceId: string) { return this.shared.documentCount(sourceId); }
  saveSourceRun(runId: number, run: SourceRun) { return this.shared.saveSourceRun(runId, run); }
  sourceRuns(sourceId: string, limit: number) { return this.shared.sourceRuns(sourceId, limit); }

  saveIssue(issueDate: string, brief: unknown, themeShares: Record<string, number>) { return this.own.saveIssue(issueDate, brief, themeShares); }
  issuesBefore(issueDate: string, limit: number) { return this.own.issuesBefore(issueDate, limit); }
  archivedIssues(limit: number, offset: number) { return this.own.archivedIssues(limit, offset); }
  issueThemeShares() { return this.own.issueThemeShares(); }
  scheduledAttempts(issueDate: string) { return this.own.scheduledAttempts(issueDate); }
  startScheduledRun(issueDate: string, attempt: number, reason: string, at: Date) { return this.own.startScheduledRun(issueDate, attempt, reason, at); }
  finishScheduledRun(id: number, outcome: 'written' | 'needs-review' | 'failed', detail: string, at: Date) { return this.own.finishScheduledRun(id, outcome, detail, at); }
  recordDelivery(attempt: DeliveryAttempt) { return this.own.recordDelivery(attempt); }
  sentChannels(issueDate: string) { return this.own.sentChannels(issueDate); }
  lastSent(issueDate: string, channel: string) { return this.own.lastSent(issueDate, channel); }
  latestDeliveries(issueDate: string) { return this.own.latestDeliveries(issueDate); }

  saveDocumentFacets(issueDate: string, facets: readonly DocumentFacet[]) { return this.shared.saveDocumentFacets(issueDate, facets); }
  documentFacet(documentId: number) { return this.shared.documentFacet(documentId); }
  knownBodies(limit: number) { return this.shared.knownBodies(limit); }

  /** Both stores' indexes: the shared one's documents, the brief's issues. */
  async reindexSearch(segment: SearchSegment): Promise<{ documents: number; issues: number }> {
    const documents = (await this.shared.reindexSearch(segment)).documents;
    return { documents, issues: (await this.own.reindexSearch(segment)).issues };
  }
  async searchIndexGaps(): Promise<{ documents: number; issues: number }> {
    return { documents: (await this.shared.searchIndexGaps()).documents, issues: (await this.own.searchIndexGaps()).issues };
  }
  searchDocuments(search: DocumentSearch) { return this.shared.searchDocuments(search); }
  searchIssues(search: IssueSearch) { return this.own.searchIssues(search); }
}

/**
 * The store of one brief (its id): `shared`, the data folder's store, with the brief's own records in
 * <dataDir>/briefs/<id> (briefStoreUrl for PostgreSQL), opened with `options` (its taxonomy's search
 * segment). Resolves to a BriefStore whose close() closes the brief's own store only, or both with
 * `closesShared`. Rejects as openStore does.
 */
export async function openBriefStore(shared: Store, dataDir: string, briefId: string, options: OpenStoreOptions = {}, closesShared = false): Promise<Store> {
  const own = await openStore(briefDataDir(dataDir, briefId), { ...options, url: briefStoreUrl(options.url, briefId) });
  return new BriefStore(shared, own, closesShared);
}
