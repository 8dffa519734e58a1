import type { Candidate } from '../analyze/day.ts';
import { tierRank } from '../analyze/significance.ts';

export interface SelectionRules {
  minItems: number;
  maxItems: number;
  minRelevance: number;
}

/** How much a second item on an already-covered theme, or from an already-picked body, is discounted. */
const REPEAT_THEME_FACTOR = 0.85;
const REPEAT_BODY_FACTOR = 0.9;

/**
 * Picks the day's items: relevant stories only, one per story group, the most significant first with
 * a discount for repeating a theme or a body, then ordered as a brief is read: by tier, then significance.
 */
export function selectItems(candidates: readonly Candidate[], rules: SelectionRules): Candidate[] {
  const pool = candidates.filter((c) => c.relevance.score >= rules.minRelevance);
  const picked: Candidate[] = [];
  while (picked.length < rules.maxItems && pool.length > 0) {
    const adjusted = (c: Candidate) => {
      const theme = c.relevance.themes[0]?.themeId;
      const themeRepeats = picked.filter((p) => p.relevance.themes[0]?.themeId === theme).length;
      const bodyRepeats = picked.filter((p) => p.origin === c.origin).length;
      return c.significance.score * REPEAT_THEME_FACTOR ** themeRepeats * REPEAT_BODY_FACTOR ** bodyRepeats;
    };
    let best = 0;
    for (let i = 1; i < pool.length; i++) if (adjusted(pool[i]!) > adjusted(pool[best]!)) best = i;
    picked.push(...pool.splice(best, 1));
  }
  return picked.sort((a, b) => tierRank[a.tier] - tierRank[b.tier] || b.significance.score - a.significance.score || a.document.id - b.document.id);
}
