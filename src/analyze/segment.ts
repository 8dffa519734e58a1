import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/** Splits Chinese text into words. The tokens, joined, give back the text. */
export interface Segmenter {
  cut(text: string): string[];
  /**
   * The dictionary words of two and three characters inside a word of three or more (大数据 → 数据,
   * 新质生产力 → 生产 生产力): jieba's search mode, for the full-text index (src/store/searchText.ts), so a
   * query of 数据 finds 大数据. [] for a shorter word or one without such words inside.
   */
  subWords(word: string): readonly string[];
}

/** Words a segmenter remembers the sub-words of; past it the memory starts again (numbers and names are endless). */
const SUB_WORD_MEMORY = 100_000;
/** A word that may hold sub-words: three or more characters, at least one of them Han. */
const compoundWord = /^(?=.*\p{Script=Han}).{3,}$/u;

/**
 * High enough that jieba keeps a domain word whole (新质生产力, not 新/质/生产力), low enough that it
 * does not steal from common words: at 10,000, 大数据集团 became 大/数据集/团.
 */
const DOMAIN_WORD_FREQUENCY = 1000;

/**
 * jieba with its standard dictionary and the brief's domain words (the taxonomy's keywords and the
 * words config adds). Loading the dictionary takes a moment, so one segmenter serves a whole run.
 */
export function createSegmenter(domainWords: readonly string[]): Segmenter {
  const jieba = Jieba.withDict(dict);
  // jieba's dictionary format is one "word frequency" per line: a word with a space in it cannot be one.
  const lines = [...new Set(domainWords)].filter((word) => !/\s/.test(word)).map((word) => `${word} ${DOMAIN_WORD_FREQUENCY}`);
  if (lines.length > 0) jieba.loadDict(Buffer.from(lines.join('\n'), 'utf8'));
  const known = new Map<string, readonly string[]>();
  const none: readonly string[] = [];
  return {
    cut: (text) => jieba.cut(text, false),
    subWords(word) {
      if (!compoundWord.test(word)) return none;
      let inside = known.get(word);
      if (!inside) {
        // cutForSearch gives each word's dictionary 2- and 3-grams before the word itself: the word is dropped.
        inside = [...new Set(jieba.cutForSearch(word, false).filter((part) => part !== word && part.length >= 2 && word.includes(part)))];
        if (known.size >= SUB_WORD_MEMORY) known.clear();
        known.set(word, inside);
      }
      return inside;
    },
  };
}

/** The character offsets where words start or end: a keyword counts only where it begins and ends on them. */
export function wordBoundaries(tokens: readonly string[]): Set<number> {
  const boundaries = new Set<number>([0]);
  let at = 0;
  for (const token of tokens) {
    at += token.length;
    boundaries.add(at);
  }
  return boundaries;
}

/** jieba segments each run of these characters on its own: Han characters, Latin letters, digits, +#&._%-. */
const blockCharacter = /[\p{Script=Han}A-Za-z0-9+#&._%-]/u;

/**
 * A text whose word boundaries are found where they are asked for: only the run of characters around a
 * position is segmented, which gives the same words as segmenting the whole text (jieba cuts each run on
 * its own) at a fraction of the cost when the words looked for are few.
 */
export class SegmentedText {
  private readonly runs = new Map<number, Set<number>>();
  constructor(
    readonly text: string,
    private readonly segmenter: Segmenter,
  ) {}

  /** Whether a word of the text begins or ends at this offset. */
  isBoundary(at: number): boolean {
    const { text } = this;
    if (at <= 0 || at >= text.length) return true;
    if (!blockCharacter.test(text[at - 1]!) || !blockCharacter.test(text[at]!)) return true;
    let start = at - 1;
    while (start > 0 && blockCharacter.test(text[start - 1]!)) start--;
    let boundaries = this.runs.get(start);
    if (!boundaries) {
      let end = at;
      while (end < text.length && blockCharacter.test(text[end]!)) end++;
      boundaries = new Set([...wordBoundaries(this.segmenter.cut(text.slice(start, end)))].map((offset) => start + offset));
      this.runs.set(start, boundaries);
    }
    return boundaries.has(at);
  }

  /** Whether text[at, at + length) is a word, or a run of words, of the text. */
  isWord(at: number, length: number): boolean {
    return this.isBoundary(at) && this.isBoundary(at + length);
  }
}
