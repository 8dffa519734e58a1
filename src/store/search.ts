import { parseIssueDate, shanghaiDayWindow } from '../util/time.ts';
import { indexText, MATCH_END, MATCH_START, unindexText, WORD_SEPARATOR, type SearchSegment } from './searchText.ts';
import type { SqliteStore } from './sqlite.ts';

/** What the editor's desk narrows a search to. Every field is optional; all given ones must hold. */
export interface ArchiveFilters {
  /** First and last Shanghai day (YYYY-MM-DD, both included): a document's publication day, an issue's date. */
  from?: string;
  to?: string;
  /** Which kinds of hit; both when not given. */
  kinds?: readonly ('document' | 'issue')[];
  /** Documents of these sources only. Issues have no source, so none are returned when this is given. */
  sourceIds?: readonly string[];
  /**
   * Issues with a section of one of these themes / tiers. The store keeps neither for a document (themes are
   * computed per run, tiers live in the source registry), so no documents are returned when either is given:
   * for a tier, pass the registry's sources of that tier as sourceIds instead.
   */
  themes?: readonly string[];
  tiers?: readonly string[];
  /** Most hits returned; 50 when not given. */
  limit?: number;
}

/** A piece of a snippet: text, and whether it is a word the query matched. Plain text, never markup. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/** One hit, best first. score is -bm25 (higher is better); the snippet is from the normalised (simplified) text. */
export type ArchiveHit =
  | { kind: 'document'; id: number; url: string; sourceId: string; title: string; publishedAt: string | null; score: number; snippet: SnippetPart[] }
  | { kind: 'issue'; issueDate: string; title: string; score: number; snippet: SnippetPart[] };

const DEFAULT_LIMIT = 50;
/** A word FTS5's unicode61 indexes something of: it has a letter or a digit (punctuation alone is a separator). */
const indexable = /[\p{L}\p{N}]/u;

/**
 * The FTS5 MATCH expression for what a user typed: the query read as the index reads text (normalised, cut
 * by the same segment), each word a quoted string literal ("" inside doubled), joined by spaces (every word
 * must occur). FTS5 syntax typed by the user — " * NEAR - : ( ) ^ AND OR NOT — is therefore plain text.
 * Returns null when the query has no word to look for (empty, or punctuation only).
 */
export function ftsQuery(query: string, segment: SearchSegment): string | null {
  const words = indexText(query, segment).split(WORD_SEPARATOR).filter((word) => indexable.test(word));
  if (words.length === 0) return null;
  return [...new Set(words)].map((word) => `"${word.replaceAll('"', '""')}"`).join(' ');
}

/** An FTS5 snippet (indexed text with MATCH_START/MATCH_END marks) as plain parts. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const piece of unindexText(snippet).split(MATCH_START)) {
    const end = piece.indexOf(MATCH_END);
    if (end === -1) {
      if (piece) parts.push({ text: piece, match: false });
      continue;
    }
    parts.push({ text: piece.slice(0, end), match: true });
    if (end + 1 < piece.length) parts.push({ text: piece.slice(end + 1), match: false });
  }
  return parts;
}

/**
 * Full-text search over the archive's documents and issues (issue 17, the editor's desk): the hits of both
 * kinds, best first by bm25, at most filters.limit. Scores of documents and issues come from two indexes
 * and are merged as they are: comparable in kind, not exactly. `segment` must cut as the index was built
 * (the same domain words). Rows saved by a store without a segment are not found until reindexSearch.
 * Throws a UserError for a from/to that is not a YYYY-MM-DD calendar day.
 */
export function searchArchive(store: SqliteStore, segment: SearchSegment, query: string, filters: ArchiveFilters = {}): ArchiveHit[] {
  if (filters.from !== undefined) parseIssueDate(filters.from);
  if (filters.to !== undefined) parseIssueDate(filters.to);
  const match = ftsQuery(query, segment);
  if (match === null) return [];
  const limit = filters.limit ?? DEFAULT_LIMIT;
  const kinds = filters.kinds ?? ['document', 'issue'];
  const hits: ArchiveHit[] = [];
  if (kinds.includes('document') && !filters.themes && !filters.tiers) {
    const rows = store.searchDocuments({
      match,
      publishedFrom: filters.from === undefined ? undefined : shanghaiDayWindow(filters.from).start,
      publishedBefore: filters.to === undefined ? undefined : shanghaiDayWindow(filters.to).end,
      sourceIds: filters.sourceIds,
      limit,
    });
    hits.push(...rows.map(({ bm25, snippet, ...row }) => ({ kind: 'document' as const, ...row, score: -bm25, snippet: snippetParts(snippet) })));
  }
  if (kinds.includes('issue') && !filters.sourceIds) {
    const rows = store.searchIssues({ match, fromDay: filters.from, toDay: filters.to, themes: filters.themes, tiers: filters.tiers, limit });
    hits.push(...rows.map(({ bm25, snippet, ...row }) => ({ kind: 'issue' as const, ...row, score: -bm25, snippet: snippetParts(snippet) })));
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}
