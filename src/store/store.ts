import type { ExtractedArticle } from '../domain/article.ts';
import type { Brief } from '../domain/brief.ts';
import type { StoredDocument } from '../domain/document.ts';
import type { FetchedResponse } from '../domain/response.ts';
import type { AttemptsSoFar } from '../domain/schedule.ts';
import type { SearchSegment } from './searchText.ts';

/*
 * The store's contract (issue 18): what the pipeline, the desk and the CLI read and write, with two
 * implementations chosen by configuration — SQLite in the data folder (src/store/sqlite.ts, the embedded
 * default) and PostgreSQL (src/store/postgres.ts, `store: postgres://…`). Every method is asynchronous
 * because PostgreSQL answers over a socket; SQLite's answer is ready at once. Times are ISO 8601 strings
 * (UTC unless a field says otherwise); issue dates YYYY-MM-DD, Shanghai.
 */

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

/** An earlier issue as a later one's analysis reads it. */
export interface StoredIssue {
  issueDate: string;
  themeShares: Record<string, number>;
  /** The titles of the documents the issue cited: a story it covered is not news again. */
  reportedTitles: string[];
  /** Its sections' headlines and themes: what a later issue's analysis says it continues. */
  items: { headline: string; themes: string[] }[];
}

/** How a store is opened. */
export interface StoreOptions {
  /**
   * Cuts text into words for the full-text search index. With it, saveDocument and saveIssue index what
   * they write; without it (the default: crawl and render need no jieba) they only remove a rewritten row's
   * stale entry, and the row is missing from search until reindexSearch runs (searchIndexGaps counts them).
   */
  searchSegment?: SearchSegment;
}

/**
 * One term of a search, as the index cut it (src/store/search.ts searchTerms): its words in order, and
 * `span`, how many tokens may stand between the first and the last besides the words themselves (the
 * sub-words the index puts after a word, plus slack). A term of one word has span 0. Words are plain text:
 * a store quotes them for its own query language. PostgreSQL keeps the words' order; SQLite's FTS5 NEAR
 * does not (a known looseness: 公共数据体量大 is found for 大数据).
 */
export interface SearchTerm {
  words: readonly string[];
  span: number;
}

/** A document search in the index (search.ts builds it from what the desk asked). Every term must occur; no terms, no rows. */
export interface DocumentSearch {
  terms: readonly SearchTerm[];
  /** Published in [publishedFrom, publishedBefore); a document without a date is left out when either is set. */
  publishedFrom?: Date;
  publishedBefore?: Date;
  /** Only these sources' documents, when given. */
  sourceIds?: readonly string[];
  /**
   * Only documents a run's analysis gave one of these themes / tiers / issuing bodies (DocumentFacet);
   * a document no analysis read has none of them.
   */
  themes?: readonly string[];
  tiers?: readonly string[];
  bodies?: readonly string[];
  limit: number;
}

/** An issue search in the index. */
export interface IssueSearch {
  terms: readonly SearchTerm[];
  /** Issue dates (YYYY-MM-DD, Shanghai), both ends included. */
  fromDay?: string;
  toDay?: string;
  /** Only issues with a section of one of these themes (the brief's item.themes). */
  themes?: readonly string[];
  /** Only issues with a section of one of these tiers (item.tier). */
  tiers?: readonly string[];
  /**
   * Only issues citing one of these issuing bodies: a reference's publisher, or a cited document whose
   * analysis named the body its issuer (document facets).
   */
  bodies?: readonly string[];
  limit: number;
}

/**
 * A document found. `rank`: lower is better (SQLite's bm25; PostgreSQL's negated ts_rank), comparable
 * within one store only. `snippet`: indexed text with searchText's MATCH_START/MATCH_END marks, cut at
 * SNIPPET_CUT (searchText.snippetParts reads it).
 */
export interface DocumentSearchRow {
  id: number;
  url: string;
  sourceId: string;
  title: string;
  publishedAt: string | null;
  rank: number;
  snippet: string;
}

/** An issue found, as DocumentSearchRow. */
export interface IssueSearchRow {
  issueDate: string;
  title: string;
  rank: number;
  snippet: string;
}

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

/** A revision was saved since the one a change was made on (DeskRecords.addRevision's `after`). */
export class RevisionConflict extends Error {
  /** `latest`: the issue's latest revision number when the change came (0: none). */
  constructor(readonly issueDate: string, readonly latest: number, readonly after: number) {
    super(`issue ${issueDate}: revision ${latest} is the latest, the change was made on ${after}`);
    this.name = 'RevisionConflict';
  }
}

/**
 * The desk's records (issue 17): accounts, sessions, revisions of issues and publications. `now` is passed
 * in so tests set the clock.
 */
export interface DeskRecords {
  /** Adds an account. Resolves false (and changes nothing) when the name is taken. */
  createUser(name: string, passwordHash: string, role: DeskRole, now: Date): Promise<boolean>;
  /** Sets an account's password (hash) and role, and unlocks it; false when there is no such account. */
  updateUser(name: string, passwordHash: string, role: DeskRole): Promise<boolean>;
  /**
   * Counts a failed sign-in of an account and moves its window's end to `windowEnd` (see
   * DeskUser.lockedUntil), atomically. Resolves to the count after this one: 1 when the last window had ended.
   * Rejects for an account id that does not exist.
   */
  recordFailedLogin(userId: number, now: Date, windowEnd: Date): Promise<number>;
  /** Clears an account's failed sign-ins (it signed in). */
  clearFailedLogins(userId: number): Promise<void>;
  userByName(name: string): Promise<DeskUser | undefined>;
  userCount(): Promise<number>;
  /** Keeps a new session for `token` (stored as its SHA-256) until `expiresAt`; expired sessions are dropped on the way. */
  startSession(token: string, userId: number, now: Date, expiresAt: Date): Promise<void>;
  /**
   * The account a session token belongs to while it has not expired at `now`, its expiry moved to
   * `renewUntil` (a session lasts from its last request); undefined for an unknown or expired token.
   */
  sessionUser(token: string, now: Date, renewUntil: Date): Promise<DeskUser | undefined>;
  endSession(token: string): Promise<void>;
  /** Ends every session of an account (its password changed). */
  endSessionsOf(userId: number): Promise<void>;
  /**
   * Saves a brief as the issue's next revision and resolves to it. The number is taken inside the write
   * transaction, so two editors saving at once get 5 and 6, never two 5s. With `after` (the revision the
   * editor's change was made on; 0 for none), rejects with RevisionConflict, saving nothing, when the
   * latest revision is another: two changes made on one page never both land (compare-and-set).
   */
  addRevision(issueDate: string, brief: Brief, author: string, action: RevisionAction, note: string | null, now: Date, after?: number): Promise<Revision>;
  /** Every revision of an issue, oldest first. */
  revisions(issueDate: string): Promise<Revision[]>;
  revision(issueDate: string, number: number): Promise<Revision | undefined>;
  latestRevision(issueDate: string): Promise<Revision | undefined>;
  recordPublication(publication: Publication): Promise<void>;
  /** The publications of an issue, first first: the first edition, then each correction. */
  publications(issueDate: string): Promise<Publication[]>;
  /** The brief a run wrote for an issue and when (ISO 8601 UTC): the draft the desk starts from. */
  machineDraft(issueDate: string): Promise<{ brief: Brief; createdAt: string } | undefined>;
  /** The dates of the issues the store holds (written by a run), newest first, with their first publication if any. */
  issueDates(): Promise<{ issueDate: string; publishedAt: string | null }[]>;
}

/**
 * The archive: responses kept before parsing, documents, runs, issues, deliveries, the search index, the
 * analysis' facets and the desk's records. Writes are idempotent where a job may run twice: a response
 * already held (same URL, bytes and fetch time) is not added again, a document or an issue is replaced.
 * Failures reject with the driver's error; src/cli turns a store's failure into one line naming the store.
 */
export interface Store {
  /** Where it is, for messages: the SQLite file, or the PostgreSQL address without its password. */
  readonly location: string;
  readonly desk: DeskRecords;
  close(): Promise<void>;

  startRun(issueDate: string, mode: string): Promise<number>;
  finishRun(runId: number, summary: unknown): Promise<void>;

  /**
   * Keeps the raw response before anything parses it; resolves to its row, the SHA-256 of its body, and
   * whether the store held this fetch already (the same URL, bytes and fetch time: an archive imported
   * again, a job run twice), in which case nothing is added and the row is the earlier one.
   */
  saveResponse(runId: number, sourceId: string | null, response: FetchedResponse): Promise<{ id: number; sha256: string; alreadyStored: boolean }>;
  /**
   * The stored response of a URL with these bytes (the digest url_state recorded): what a 304 answer stands
   * for, so a list that did not change can still be read (a JPaaS shell names the API its list is in).
   */
  storedResponse(url: string, sha256: string): Promise<FetchedResponse | undefined>;
  urlState(url: string): Promise<UrlState | undefined>;
  /** Records a 200 response's validators and body hash (from saveResponse); a 304 keeps the earlier ones. */
  saveUrlState(url: string, response: FetchedResponse, sha256: string): Promise<void>;

  /**
   * Stores an article, replacing an earlier extraction of the same URL, and its search entry (see
   * StoreOptions). PostgreSQL drops U+0000 from its texts (its text type cannot hold it; no page means one).
   */
  saveDocument(sourceId: string, url: string, responseId: number, article: ExtractedArticle): Promise<void>;
  hasDocument(url: string): Promise<boolean>;
  documentByUrl(url: string): Promise<StoredDocument | undefined>;
  /** The stored documents of these URLs, by URL (the ones not held are absent): what a verifier's sourceOf reads. */
  documentsByUrls(urls: Iterable<string>): Promise<Map<string, StoredDocument>>;
  /**
   * Documents published in [start, end), by publication time, then address: never in the order a crawl
   * happened to store them, so a run killed and resumed analyses the day as a clean run does.
   */
  documentsPublishedBetween(start: Date, end: Date): Promise<StoredDocument[]>;
  documentCount(sourceId: string): Promise<number>;

  saveSourceRun(runId: number, run: SourceRun): Promise<void>;
  /** A source's most recent runs, newest first. */
  sourceRuns(sourceId: string, limit: number): Promise<SourceRun[]>;

  /** Stores an issue's brief.json, replacing an earlier one, and its search entry (see StoreOptions). */
  saveIssue(issueDate: string, brief: unknown, themeShares: Record<string, number>): Promise<void>;
  /** The most recent issues before a date, newest first. */
  issuesBefore(issueDate: string, limit: number): Promise<StoredIssue[]>;
  /** A page of the issues held, newest first: `limit` after skipping `offset`, and how many there are in all. */
  archivedIssues(limit: number, offset: number): Promise<{ total: number; issues: ArchivedIssue[] }>;
  /** Every issue's theme shares (theme name → share of the day, summing to about 1), oldest first. */
  issueThemeShares(): Promise<{ issueDate: string; shares: Record<string, number> }[]>;

  /** What the schedule attempted for an issue: attempts started (a killed one counts), whether one wrote it, when the last ended. */
  scheduledAttempts(issueDate: string): Promise<AttemptsSoFar>;
  /** Records that a scheduled attempt started at `at` (the scheduler's clock); resolves to its row, for finishScheduledRun. */
  startScheduledRun(issueDate: string, attempt: number, reason: string, at: Date): Promise<number>;
  /** Records how a scheduled attempt ended: `written`, `needs-review` (sections withheld) or `failed`, with a one-line detail. */
  finishScheduledRun(id: number, outcome: 'written' | 'needs-review' | 'failed', detail: string, at: Date): Promise<void>;

  /** Records one try of a delivery, sent or failed. */
  recordDelivery(attempt: DeliveryAttempt): Promise<void>;
  /** The channels an issue was sent to, in name order: what a later render of it replaces under readers' links. */
  sentChannels(issueDate: string): Promise<string[]>;
  /** The latest successful delivery of an issue to a channel, if it was ever sent there. */
  lastSent(issueDate: string, channel: string): Promise<DeliveryAttempt | undefined>;
  /** The latest try of an issue to each channel it was ever tried on, by channel name. */
  latestDeliveries(issueDate: string): Promise<Map<string, DeliveryAttempt>>;

  /**
   * Keeps what the analysis of issue `issueDate` read of its documents, in one transaction, replacing what
   * an earlier analysis of the same documents kept: the latest reading wins. Documents not given keep theirs.
   */
  saveDocumentFacets(issueDate: string, facets: readonly DocumentFacet[]): Promise<void>;
  /** What the analysis kept of one document (themes in name order), or undefined when no run analysed it. */
  documentFacet(documentId: number): Promise<DocumentFacet | undefined>;
  /**
   * The issuing bodies a search may filter by: those the analysis named for documents and those the issues
   * cite as publishers, most frequent first (then by name), at most `limit`.
   */
  knownBodies(limit: number): Promise<string[]>;

  /**
   * Rebuilds the whole search index with this segment: after documents were saved by a store without one,
   * or when the domain words changed. Resolves to how many documents and issues it indexed.
   */
  reindexSearch(segment: SearchSegment): Promise<{ documents: number; issues: number }>;
  /** How many documents and issues the search index lacks: non-zero after writes by a store without a segment. */
  searchIndexGaps(): Promise<{ documents: number; issues: number }>;
  /** Documents matching a search, best first. */
  searchDocuments(search: DocumentSearch): Promise<DocumentSearchRow[]>;
  /** Issues matching a search, best first (headlines weigh more than the abstract, the abstract more than the body). */
  searchIssues(search: IssueSearch): Promise<IssueSearchRow[]>;
}
