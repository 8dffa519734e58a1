import { MATCH_END, MATCH_START, SNIPPET_CUT } from './searchText.ts';
import type { SearchTerm } from './store.ts';

/*
 * The full-text search of PgStore in PostgreSQL's own types: the text searchText.indexText cut into jieba words
 * (each followed by its sub-words) becomes a tsvector whose lexemes and positions are built here, in
 * JavaScript, the way SQLite FTS5's unicode61 tokenizer reads the same text — so a SearchTerm's `span`
 * (counted in the index's tokens, sub-words included) means the same in both stores. A query is a tsquery
 * of those lexemes; a snippet is cut from the stored indexed text with searchText's marks, as FTS5's
 * snippet() does. Why this and not pg_trgm: docs/scale-pgsearch.md (bench/pgSearch.ts).
 */

/**
 * A token is a run of letters, digits, marks or private-use characters; everything else (space, punctuation,
 * symbols, the index's control-character separators) separates tokens and takes no position: unicode61's rule.
 */
const tokenPattern = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
/** PostgreSQL's limits: a lexeme of at most 2047 bytes, positions 1…16383, at most 256 positions kept per lexeme. */
const MAX_LEXEME_BYTES = 2047;
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 256;
/**
 * Positions left empty between two columns of one vector (title and body; headlines, abstract and body),
 * so a term's words are not found together across the end of one column and the start of the next, which
 * FTS5 (a column apiece) never does. More than any span a query of a few words asks for.
 */
const COLUMN_GAP = 64;
/**
 * The most phrase alternatives one term may expand to (see termQuery). A term of two to four words with
 * their usual spans stays well under it; past it the term is matched pair by pair.
 */
const MAX_ALTERNATIVES = 256;
/** Tokens in a snippet's passage, as SQLite's snippet(…, 40) (sub-words count, though they are not shown). */
export const SNIPPET_TOKENS = 40;

/** A token of a text: its lexeme (lower case) and where it lies in the text (UTF-16 offsets, end excluded). */
interface Token {
  lexeme: string;
  start: number;
  end: number;
}

/** The tokens of a text, in order: what one position of the index each stands for. */
function tokens(text: string): Token[] {
  return [...text.matchAll(tokenPattern)].map((match) => ({ lexeme: match[0].toLowerCase(), start: match.index, end: match.index + match[0].length }));
}

/** A lexeme as tsvector and tsquery input read it: in single quotes, quote doubled, backslash escaped. */
function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

function fits(lexeme: string): boolean {
  return Buffer.byteLength(lexeme, 'utf8') <= MAX_LEXEME_BYTES;
}

/** A column of indexed text and the tsvector weight it gets (A counts most in ts_rank_cd, D least). */
export interface IndexedColumn {
  text: string;
  weight: 'A' | 'B' | 'C' | 'D';
}

/**
 * The tsvector (as its text input form, for `$n::tsvector`) of indexed columns: each token one position, the
 * columns one after the other with COLUMN_GAP empty positions between. Positions past 16383 are kept at
 * 16383 (PostgreSQL's limit: the word is still found, a term of several words there no longer is), and a
 * lexeme keeps its first 256 positions; a token longer than 2047 bytes is left out. '' for no token.
 */
export function searchVector(columns: readonly IndexedColumn[]): string {
  const positions = new Map<string, string[]>();
  const seen = new Map<string, Set<number>>();
  let offset = 0;
  for (const column of columns) {
    const columnTokens = tokens(column.text);
    columnTokens.forEach((token, i) => {
      if (!fits(token.lexeme)) return;
      const position = Math.min(offset + i + 1, MAX_POSITION);
      let list = positions.get(token.lexeme);
      let taken = seen.get(token.lexeme);
      if (!list || !taken) {
        list = [];
        taken = new Set();
        positions.set(token.lexeme, list);
        seen.set(token.lexeme, taken);
      }
      if (taken.has(position) || list.length >= MAX_POSITIONS_PER_LEXEME) return;
      taken.add(position);
      list.push(`${position}${column.weight}`);
    });
    offset += columnTokens.length + COLUMN_GAP;
  }
  return [...positions].map(([lexeme, list]) => `${quoteLexeme(lexeme)}:${list.join(',')}`).join(' ');
}

/**
 * A SearchTerm as index tokens: the tokens of its words in order, and for each token after the first whether
 * the gap before it may stretch (a gap between two words: up to `span` tokens in all may stand in those
 * gaps) or is fixed (two tokens of one word, 3.5 → 3 5, stand side by side). Null when no word has a token.
 */
interface TermTokens {
  lexemes: string[];
  /** stretch[i]: the gap before lexemes[i] (i ≥ 1) is between two words. */
  stretch: boolean[];
  span: number;
}

function termTokens(term: SearchTerm): TermTokens | null {
  const lexemes: string[] = [];
  const stretch: boolean[] = [];
  for (const word of term.words) {
    const wordTokens = tokens(word);
    wordTokens.forEach((token, i) => {
      stretch.push(lexemes.length > 0 && i === 0);
      lexemes.push(token.lexeme);
    });
  }
  return lexemes.length === 0 ? null : { lexemes, stretch, span: Math.max(0, Math.floor(term.span)) };
}

/** Every way of sharing out at most `total` extra tokens among `gaps` gaps (each gap ≥ 0), up to `limit` ways; null past it. */
function shares(gaps: number, total: number, limit: number): number[][] | null {
  const out: number[][] = [];
  const walk = (prefix: number[], left: number): boolean => {
    if (prefix.length === gaps) {
      out.push(prefix);
      return out.length <= limit;
    }
    for (let extra = 0; extra <= left; extra++) if (!walk([...prefix, extra], left - extra)) return false;
    return true;
  };
  return walk([], total) ? out : null;
}

/**
 * One term as a tsquery. One token: the lexeme. Several: a phrase, `a <d> b` meaning b stands d positions
 * after a — fixed 1 inside a word; between words 1 plus the extra tokens allowed, which tsquery cannot say
 * as "up to", so the term is the OR of every sharing-out of at most `span` extra tokens among its gaps
 * (exact: the words in order, at most span tokens between the first and the last besides the words). When
 * that is more than MAX_ALTERNATIVES phrases (a term of many words), each pair of neighbouring words is
 * required within the whole span instead: a looser test, never a stricter one.
 */
function termQuery(term: TermTokens): string {
  const quoted = term.lexemes.map(quoteLexeme);
  if (quoted.length === 1) return quoted[0]!;
  const gaps = term.stretch.filter(Boolean).length;
  const phrase = (extras: readonly number[]) => {
    let next = 0;
    return quoted.reduce((text, lexeme, i) => (i === 0 ? lexeme : `${text} <${1 + (term.stretch[i] ? extras[next++]! : 0)}> ${lexeme}`), '');
  };
  const ways = shares(gaps, term.span, MAX_ALTERNATIVES);
  if (ways) return ways.length === 1 ? phrase(ways[0]!) : `(${ways.map(phrase).join(' | ')})`;
  // Pair by pair: the tokens of one word stay side by side; a word and the next within span extra tokens.
  const words: string[] = [];
  quoted.forEach((lexeme, i) => {
    if (i === 0 || term.stretch[i]) words.push(lexeme);
    else words[words.length - 1] += ` <1> ${lexeme}`;
  });
  const pairs = words.slice(1).map((word, i) => `(${Array.from({ length: term.span + 1 }, (_, extra) => `${words[i]!} <${1 + extra}> ${word}`).join(' | ')})`);
  return pairs.join(' & ');
}

/**
 * The tsquery (text input form, for `$n::tsquery`) of a search: every term required (AND). Null when nothing
 * can match: no term has a word with a letter or digit, or a word is longer than a lexeme may be.
 */
export function searchQuery(terms: readonly SearchTerm[]): string | null {
  const parts = new Set<string>();
  for (const term of terms) {
    const cut = termTokens(term);
    if (!cut) continue;
    if (!cut.lexemes.every(fits)) return null;
    parts.add(termQuery(cut));
  }
  // Each part is a lexeme, a phrase, or alternatives in parentheses: & joins them as they are.
  return parts.size === 0 ? null : [...parts].join(' & ');
}

/** Where each term's words occur together in a column's tokens: the token indexes of each occurrence. */
function occurrences(lexemes: readonly string[], term: TermTokens): number[][] {
  const found: number[][] = [];
  const extend = (at: number[], left: number) => {
    const i = at.length;
    if (i === term.lexemes.length) {
      found.push(at);
      return;
    }
    const last = at[i - 1]!;
    const furthest = term.stretch[i] ? last + 1 + left : last + 1;
    for (let next = last + 1; next <= furthest && next < lexemes.length; next++) {
      if (lexemes[next] === term.lexemes[i]) extend([...at, next], left - (next - last - 1));
    }
  };
  lexemes.forEach((lexeme, start) => {
    if (lexeme === term.lexemes[0]) extend([start], term.span);
  });
  return found;
}

/**
 * A snippet of the best column, as SQLite's snippet(table, -1, MATCH_START, MATCH_END, SNIPPET_CUT, 40): the
 * passage of SNIPPET_TOKENS tokens holding the most of the search's terms (then the most occurrences), the
 * occurrences roughly centred, each matched token between MATCH_START and MATCH_END, SNIPPET_CUT where the
 * column's text goes on before or after. The columns are indexed text (searchText.indexText); an earlier
 * column wins a tie. The separators stay in, for searchText.snippetParts.
 */
export function searchSnippet(columns: readonly string[], terms: readonly SearchTerm[], size = SNIPPET_TOKENS): string {
  const cut = terms.map(termTokens).filter((term): term is TermTokens => term !== null);
  let best: { text: string; columnTokens: Token[]; start: number; marked: Set<number>; score: number } | null = null;
  for (const text of columns) {
    const columnTokens = tokens(text);
    const lexemes = columnTokens.map((token) => token.lexeme);
    const hits = cut
      .flatMap((term, which) => occurrences(lexemes, term).map((at) => ({ which, first: at[0]!, last: at.at(-1)!, at })))
      .sort((a, b) => a.first - b.first);
    // The occurrences inside [start, start + size): found from the first at or after start (binary search), so
    // a long text with a word thousands of times costs thousands of steps, not millions.
    const windowAt = (start: number) => {
      let low = 0;
      for (let high = hits.length; low < high; ) {
        const middle = (low + high) >> 1;
        if (hits[middle]!.first < start) low = middle + 1;
        else high = middle;
      }
      const inside: typeof hits = [];
      for (let i = low; i < hits.length && hits[i]!.first < start + size; i++) if (hits[i]!.last < start + size) inside.push(hits[i]!);
      return { inside, score: 1000 * new Set(inside.map((hit) => hit.which)).size + inside.length };
    };
    let column = { start: 0, ...windowAt(0) };
    for (const hit of hits) {
      // The passage from this occurrence on, then moved back so its occurrences sit near its middle.
      const { inside } = windowAt(hit.first);
      const last = Math.max(...inside.map((h) => h.last), hit.last);
      const start = Math.max(0, Math.min(hit.first - Math.floor((size - (last - hit.first + 1)) / 2), columnTokens.length - size));
      const candidate = { start, ...windowAt(start) };
      if (candidate.score > column.score) column = candidate;
    }
    if (!best || column.score > best.score) {
      best = { text, columnTokens, start: column.start, marked: new Set(column.inside.flatMap((hit) => hit.at)), score: column.score };
    }
  }
  if (!best) return '';
  const { text, columnTokens, start, marked } = best;
  const end = Math.min(start + size, columnTokens.length);
  if (columnTokens.length === 0) return text;
  let out = start > 0 ? SNIPPET_CUT : '';
  let at = start > 0 ? columnTokens[start]!.start : 0;
  for (let i = start; i < end; i++) {
    const token = columnTokens[i]!;
    out += text.slice(at, token.start);
    out += marked.has(i) ? MATCH_START + text.slice(token.start, token.end) + MATCH_END : text.slice(token.start, token.end);
    at = token.end;
  }
  out += end < columnTokens.length ? SNIPPET_CUT : text.slice(at);
  return out;
}
