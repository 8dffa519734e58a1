import { parseIssueDate, shanghaiDayWindow } from '../util/time.ts';
import { queryTerms, snippetParts, type SearchSegment, type SnippetPart } from './searchText.ts';
import type { SearchTerm, Store } from './store.ts';

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
   * Themes (taxonomy names), tiers and issuing bodies. An issue must have a section of one of the themes /
   * tiers (item.themes, item.tier) and cite one of the bodies (a reference's publisher, or a cited document
   * of that issuer). A document must have been read so by a run's analysis (DocumentFacet, src/store/store.ts: its
   * story's themes when relevant, its story's issuer and that issuer's tier): a document stored but never
   * analysed (imported, no brief written for its day) has none, and is not returned when one is given.
   */
  themes?: readonly string[];
  tiers?: readonly string[];
  bodies?: readonly string[];
  /** Most hits returned; 50 when not given. */
  limit?: number;
}

export type { SnippetPart };

/** One hit, best first. score is -bm25 (higher is better); the snippet is from the normalised (simplified) text. */
export type ArchiveHit =
  | { kind: 'document'; id: number; url: string; sourceId: string; title: string; publishedAt: string | null; score: number; snippet: SnippetPart[] }
  | { kind: 'issue'; issueDate: string; title: string; score: number; snippet: SnippetPart[] };

const DEFAULT_LIMIT = 50;
/** A word FTS5's unicode61 indexes something of: it has a letter or a digit (punctuation alone is a separator). */
const indexable = /[\p{L}\p{N}]/u;

/**
 * Tokens FTS5 may find between two words of one term besides the sub-words the index puts after the first
 * (searchText.ts): a word of the query that a document holds only as a sub-word sits after the word it is
 * in (国家数据 in 国家数据要素: 国家 数据要素 [数据] [要素]).
 */
const TERM_SLACK = 2;

/**
 * The terms of what a user typed, read as the index reads text (normalised, cut by the same segment):
 * each term (split at spaces) is its words that the index holds something of; a term of one word is found
 * as a word or as a sub-word of one (数据 finds 大数据); a term of several words must find them together,
 * within `span` tokens: exactly the sub-words the index puts between them plus TERM_SLACK per gap, so
 * 大数据, cut 大 / 数据, is not any text with 大 somewhere and 数据 elsewhere. Every term must occur.
 * Repeated terms count once; an empty result means there is nothing to look for (empty, or punctuation only).
 */
export function searchTerms(query: string, segment: SearchSegment): SearchTerm[] {
  const terms = new Map<string, SearchTerm>();
  for (const term of queryTerms(query, segment)) {
    const words = term.filter((word) => indexable.test(word));
    if (words.length === 0) continue;
    const span = words.slice(0, -1).reduce((sum, word) => sum + (segment.subWords?.(word).length ?? 0) + TERM_SLACK, 0);
    terms.set(JSON.stringify(words), { words, span });
  }
  return [...terms.values()];
}

/**
 * The FTS5 MATCH expression of search terms (SQLite's store): each word a quoted string literal ("" inside
 * doubled), so FTS5 syntax typed by the user — " * NEAR - : ( ) ^ AND OR NOT — is plain text; a term of
 * several words a NEAR group of its span.
 */
export function fts5Match(terms: readonly SearchTerm[]): string {
  const quote = (word: string) => `"${word.replaceAll('"', '""')}"`;
  // NEAR's distance counts every token between the first and the last phrase, the term's middle words too.
  return terms.map((term) => (term.words.length === 1 ? quote(term.words[0]!) : `NEAR(${term.words.map(quote).join(' ')}, ${term.span + term.words.length - 2})`)).join(' ');
}

/** The FTS5 MATCH expression for what a user typed (searchTerms, then fts5Match), or null when it has no word to look for. */
export function ftsQuery(query: string, segment: SearchSegment): string | null {
  const terms = searchTerms(query, segment);
  return terms.length === 0 ? null : fts5Match(terms);
}

export { snippetParts };

/**
 * Full-text search over the archive's documents and issues (issue 17, the editor's desk): the hits of both
 * kinds, best first by bm25, at most filters.limit. Scores of documents and issues come from two indexes
 * and are merged as they are: comparable in kind, not exactly. `segment` must cut as the index was built
 * (the same domain words). Rows saved by a store without a segment are not found until reindexSearch.
 * Throws a UserError for a from/to that is not a YYYY-MM-DD calendar day.
 */
export async function searchArchive(store: Store, segment: SearchSegment, query: string, filters: ArchiveFilters = {}): Promise<ArchiveHit[]> {
  if (filters.from !== undefined) parseIssueDate(filters.from);
  if (filters.to !== undefined) parseIssueDate(filters.to);
  const terms = searchTerms(query, segment);
  if (terms.length === 0) return [];
  const limit = filters.limit ?? DEFAULT_LIMIT;
  const kinds = filters.kinds ?? ['document', 'issue'];
  const hits: ArchiveHit[] = [];
  if (kinds.includes('document')) {
    const rows = await store.searchDocuments({
      terms,
      publishedFrom: filters.from === undefined ? undefined : shanghaiDayWindow(filters.from).start,
      publishedBefore: filters.to === undefined ? undefined : shanghaiDayWindow(filters.to).end,
      sourceIds: filters.sourceIds,
      themes: filters.themes,
      tiers: filters.tiers,
      bodies: filters.bodies,
      limit,
    });
    hits.push(...rows.map(({ rank, snippet, ...row }) => ({ kind: 'document' as const, ...row, score: -rank, snippet: snippetParts(snippet) })));
  }
  if (kinds.includes('issue') && !filters.sourceIds) {
    const rows = await store.searchIssues({ terms, fromDay: filters.from, toDay: filters.to, themes: filters.themes, tiers: filters.tiers, bodies: filters.bodies, limit });
    hits.push(...rows.map(({ rank, snippet, ...row }) => ({ kind: 'issue' as const, ...row, score: -rank, snippet: snippetParts(snippet) })));
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}
