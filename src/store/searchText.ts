import { normaliseText } from '../analyze/normalise.ts';

/**
 * Cuts a text into words: jieba with the taxonomy's domain words (`createSegmenter(...).cut` from
 * src/analyze/segment.ts), passed in so the store never loads a taxonomy.
 */
export type SearchSegment = (text: string) => string[];

/**
 * Between the words of indexed text. SQLite FTS5's `unicode61` tokenizer splits on it (a control
 * character is neither letter nor digit), so each jieba word is one FTS token — 算力 is one token, which
 * the trigram tokenizer cannot match — and removing it gives the normalised text back for a snippet.
 */
export const WORD_SEPARATOR = '\u001f';

/** Where FTS5's snippet() marks a matched word: private-use characters, removed from indexed text so a page cannot fake a mark. */
export const MATCH_START = '\ue000';
export const MATCH_END = '\ue001';
const reserved = new RegExp(`[${WORD_SEPARATOR}${MATCH_START}${MATCH_END}]`, 'g');

/**
 * A text as the search index holds it: normalised (normaliseText: simplified characters, half-width
 * letters and digits, glosses removed), cut into words, the words joined by WORD_SEPARATOR; the reserved characters
 * (WORD_SEPARATOR, MATCH_START, MATCH_END) are dropped from the text first.
 */
export function indexText(text: string, segment: SearchSegment): string {
  const normalised = normaliseText(text).replace(reserved, '');
  return segment(normalised).join(WORD_SEPARATOR);
}

/** Indexed text (or a snippet of it) read back as the normalised text it came from. */
export function unindexText(indexed: string): string {
  return indexed.replaceAll(WORD_SEPARATOR, '');
}
