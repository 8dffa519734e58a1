import { normaliseText } from '../util/normalise.ts';

/**
 * Cuts a text into words for the search index: jieba with the taxonomy's domain words (the Segmenter of
 * src/analyze/segment.ts, `taxonomySegmenter` of relevance.ts), passed in so the store never loads a
 * taxonomy. `cut` gives the words, which joined give the text back; `subWords` the shorter dictionary
 * words inside one (大数据 → 数据), indexed beside it so a query of the shorter word finds the longer.
 */
export interface SearchSegment {
  cut(text: string): string[];
  subWords?(word: string): readonly string[];
}

/**
 * Between the words of indexed text. SQLite FTS5's `unicode61` tokenizer splits on it (a control
 * character is neither letter nor digit), so each jieba word is one FTS token — 算力 is one token, which
 * the trigram tokenizer cannot match — and removing it gives the normalised text back for a snippet.
 */
export const WORD_SEPARATOR = '\u001f';
/**
 * Around each sub-word, right after the word it is inside: 大数据␞数据␝. Control characters too, so
 * separators for unicode61; a snippet drops what lies between them (the text already shows it) and marks
 * the sub-word inside its word instead. A pair, so a snippet cut through one still shows which part is hidden.
 */
export const SUB_WORD_START = '\u001e';
export const SUB_WORD_END = '\u001d';

/** Where FTS5's snippet() marks a matched word: private-use characters, removed from indexed text so a page cannot fake a mark. */
export const MATCH_START = '\ue000';
export const MATCH_END = '\ue001';
/** What snippet() puts where it cut the text (shown as …), private-use for the same reason. */
export const SNIPPET_CUT = '\ue002';
const reserved = new RegExp(`[${WORD_SEPARATOR}${SUB_WORD_START}${SUB_WORD_END}${MATCH_START}${MATCH_END}${SNIPPET_CUT}]`, 'g');

/** A piece of a snippet: text, and whether it is a word the query matched. Plain text, never markup. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/** A text normalised as the index reads it (normaliseText: simplified, half-width, glosses removed), the reserved characters dropped. */
function normalised(text: string): string {
  return normaliseText(text).replace(reserved, '');
}

/**
 * A text as the search index holds it: normalised, cut into words, each word followed by its sub-words
 * (each between SUB_WORD_START and SUB_WORD_END), the words joined by WORD_SEPARATOR.
 */
export function indexText(text: string, segment: SearchSegment): string {
  return segment
    .cut(normalised(text))
    .map((word) => word + (segment.subWords?.(word) ?? []).map((sub) => SUB_WORD_START + sub + SUB_WORD_END).join(''))
    .join(WORD_SEPARATOR);
}

/**
 * The terms of a query — what the user typed, split at spaces — each as the words the index holds: normalised
 * and cut (the sub-words are the index's business). 大数据 算力 → [[大, 数据], [算力]] with the taxonomy's
 * segmenter. Empty terms are left out.
 */
export function queryTerms(query: string, segment: SearchSegment): string[][] {
  return normalised(query)
    .split(/[\s\u3000]+/u)
    .filter(Boolean)
    .map((term) => segment.cut(term));
}

/** Indexed text read back as the normalised text it came from (sub-words and separators removed). */
export function unindexText(indexed: string): string {
  return indexed.replace(new RegExp(`${SUB_WORD_START}[^${SUB_WORD_END}]*${SUB_WORD_END}`, 'g'), '').replaceAll(WORD_SEPARATOR, '');
}

/** Where `needle` first occurs in `haystack` (both lists of code points), or -1. */
function codePointIndex(haystack: readonly string[], needle: readonly string[]): number {
  for (let at = 0; at + needle.length <= haystack.length; at++) {
    if (needle.every((char, i) => haystack[at + i] === char)) return at;
  }
  return -1;
}

/**
 * An FTS5 snippet of indexed text (marked by MATCH_START/MATCH_END, cut by SNIPPET_CUT) as plain parts of
 * the normalised text: a matched word is a part with match true; a matched sub-word marks its place inside
 * the word it belongs to (大[数据]); a sub-word the snippet cut from its word is dropped. Cuts show as "…".
 */
export function snippetParts(snippet: string): SnippetPart[] {
  let body = snippet;
  const cutBefore = body.startsWith(SNIPPET_CUT);
  const cutAfter = body.length > 1 && body.endsWith(SNIPPET_CUT);
  body = body.slice(cutBefore ? 1 : 0, cutAfter ? -1 : undefined);
  // A snippet that begins inside a sub-word (its word left out) or ends inside one: those pieces are hidden text.
  const firstEnd = body.indexOf(SUB_WORD_END);
  const firstStart = body.indexOf(SUB_WORD_START);
  if (firstEnd !== -1 && (firstStart === -1 || firstEnd < firstStart)) body = body.slice(firstEnd + 1);
  if (body.lastIndexOf(SUB_WORD_START) > body.lastIndexOf(SUB_WORD_END)) body = body.slice(0, body.lastIndexOf(SUB_WORD_START));

  const chars: string[] = [];
  const marked: boolean[] = [];
  let wordStart = 0;
  let inMatch = false;
  let sub: { text: string; matched: boolean } | null = null;
  for (const char of body) {
    if (char === MATCH_START || char === MATCH_END) inMatch = char === MATCH_START;
    else if (char === WORD_SEPARATOR) wordStart = chars.length;
    else if (char === SUB_WORD_START) sub = { text: '', matched: false };
    else if (char === SUB_WORD_END) {
      if (sub?.matched) {
        const at = codePointIndex(chars.slice(wordStart), [...sub.text]);
        if (at !== -1) for (let i = 0; i < [...sub.text].length; i++) marked[wordStart + at + i] = true;
      }
      sub = null;
    } else if (sub) {
      sub.text += char;
      if (inMatch) sub.matched = true;
    } else {
      chars.push(char);
      marked.push(inMatch);
    }
  }

  const parts: SnippetPart[] = [];
  const push = (text: string, match: boolean) => {
    const last = parts.at(-1);
    if (last && last.match === match) last.text += text;
    else parts.push({ text, match });
  };
  if (cutBefore) push('…', false);
  chars.forEach((char, i) => push(char, marked[i]!));
  if (cutAfter) push('…', false);
  return parts;
}
