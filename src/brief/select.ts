import type { Candidate } from '../analyze/day.ts';
import { isStale, tierRank } from '../analyze/significance.ts';
import { documentKey } from '../analyze/storyGroups.ts';

export interface SelectionRules {
  minItems: number;
  maxItems: number;
  minRelevance: number;
}

/** How much a second item on an already-covered theme, or from an already-picked body, is discounted. */
const REPEAT_THEME_FACTOR = 0.85;
const REPEAT_BODY_FACTOR = 0.9;

/**
 * Whether two stories are about the same document, by its name: the one issued, or the one an
 * interpretation or briefing explains (a briefing on the day's document repeats its item).
 */
export function sameDocument(a: Candidate, b: Candidate): boolean {
  const [x, y] = [a.issued ?? a.explains, b.issued ?? b.explains];
  return x !== null && y !== null && documentKey(x) === documentKey(y);
}

/**
 * Picks the day's items: relevant stories only, one per story group and one per issued document, the most significant first with
 * a discount for repeating a theme or a body (an exact tie to the earlier candidate), then ordered as a brief is read: by tier,
 * then significance. Old news (significance.ts isStale) comes in only to reach minItems.
 */
export function selectItems(candidates: readonly Candidate[], rules: SelectionRules): Candidate[] {
  const relevant = candidates.filter((c) => c.relevance.score >= rules.minRelevance);
  // Old news (a document signed months before a portal reposted it, a story an earlier issue ran) is not
  // the day's: it only fills a thin day up to minItems, after every fresh story.
  const picked = pickFrom(relevant.filter((c) => !isStale(c.significance)), [], rules.maxItems);
  if (picked.length < rules.minItems) pickFrom(relevant.filter((c) => isStale(c.significance)), picked, rules.minItems);
  return picked.sort((a, b) => tierRank[a.tier] - tierRank[b.tier] || b.significance.score - a.significance.score || a.document.id - b.document.id);
}

/** Greedy picks from `candidates` into `picked` (changed in place) until it holds `upTo` items or none is left. */
function pickFrom(candidates: readonly Candidate[], picked: Candidate[], upTo: number): Candidate[] {
  const pool = [...candidates];
  while (picked.length < upTo && pool.length > 0) {
    const adjusted = (c: Candidate) => {
      const theme = c.relevance.themes[0]?.themeId;
      // A story with no theme (possible when minRelevance is 0) shares none: it is no repeat of another themeless one.
      const themeRepeats = theme === undefined ? 0 : picked.filter((p) => p.relevance.themes[0]?.themeId === theme).length;
      const bodyRepeats = picked.filter((p) => p.origin === c.origin).length;
      return c.significance.score * REPEAT_THEME_FACTOR ** themeRepeats * REPEAT_BODY_FACTOR ** bodyRepeats;
    };
    let best = 0;
    for (let i = 1; i < pool.length; i++) if (adjusted(pool[i]!) > adjusted(pool[best]!)) best = i;
    const [chosen] = pool.splice(best, 1);
    // Two groups about one document (copies the grouping could not join) make one item: the better one.
    if (!picked.some((p) => sameDocument(p, chosen!))) picked.push(chosen!);
  }
  return picked;
}
