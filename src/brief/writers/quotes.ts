import { instrumentPattern } from '../../analyze/significance.ts';
import type { Taxonomy } from '../../config/schema.ts';

/** Words that mark a statement as saying something new or concrete; they weigh more than a theme keyword. */
const salientMarkers = ['首次', '正式', '明确', '探索', '构建', '打造', '至少', '包含', '初显', '迈入', '发放'];

const MIN_QUOTE = 12;
const MAX_QUOTE = 64;
/** Per character: of two spans that say the same, the shorter is the better quote. */
const LENGTH_COST = 0.02;

export interface QuoteCandidate {
  text: string;
  /** Offset in the body: quotes are given in the order of the text and never overlap. */
  at: number;
  score: number;
}

/**
 * Verbatim spans worth quoting: runs of whole clauses within one sentence, scored by theme keywords,
 * markers of novelty and named instruments, less a cost for length. Every span is a substring of the
 * body. Left out: spans holding “ ” (a quote cannot nest the marks that delimit it), spans the title
 * already says, and definitions (以下简称).
 */
export function quoteCandidates(body: string, title: string, taxonomy: Taxonomy): QuoteCandidate[] {
  const keywords = [...new Set(taxonomy.themes.flatMap((t) => t.keywords))];
  const candidates: QuoteCandidate[] = [];
  for (const sentence of body.matchAll(/[^。！？；\n]+/g)) {
    if (/^附件|：$/.test(sentence[0].trim())) continue;
    const clauses = [...sentence[0].matchAll(/[^，：]+/g)];
    for (let first = 0; first < clauses.length; first++) {
      for (let last = first; last < clauses.length; last++) {
        const start = clauses[first]!.index;
        const end = clauses[last]!.index + clauses[last]![0].length;
        const text = sentence[0].slice(start, end);
        if (text.length > MAX_QUOTE) break;
        if (text.length < MIN_QUOTE || /[“”]|以下简称/.test(text) || /^[一二三四五六七八九十]+、/.test(text) || title.includes(text)) continue;
        const themeHits = keywords.filter((k) => text.includes(k)).length;
        if (themeHits === 0) continue;
        const markerHits = salientMarkers.filter((m) => text.includes(m)).length;
        const instruments = new Set(text.match(instrumentPattern) ?? []).size;
        const score = themeHits + markerHits * 1.5 + instruments - text.length * LENGTH_COST;
        candidates.push({ text, at: sentence.index + start, score });
      }
    }
  }
  return candidates;
}

/** The best quotes (at most `max`), in the order they stand in the text, never overlapping. */
export function chooseQuotes(body: string, title: string, taxonomy: Taxonomy, max = 2): string[] {
  const ranked = quoteCandidates(body, title, taxonomy).sort((a, b) => b.score - a.score || a.at - b.at);
  const chosen: QuoteCandidate[] = [];
  for (const candidate of ranked) {
    if (chosen.length >= max) break;
    const overlaps = chosen.some((c) => candidate.at < c.at + c.text.length && c.at < candidate.at + candidate.text.length);
    if (!overlaps) chosen.push(candidate);
  }
  return chosen.sort((a, b) => a.at - b.at).map((c) => c.text);
}
