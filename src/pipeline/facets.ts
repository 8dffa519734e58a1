import type { Candidate } from '../domain/candidate.ts';
import type { DocumentFacet } from '../store/store.ts';

/**
 * What the archive's search filters documents by, from a day's analysed stories: every copy of a story gets
 * the story's issuing body (its origin) and that body's tier, and the story's themes when its relevance
 * reaches `minRelevance` (the config's selection.minRelevance: below it the story is not about the topic,
 * whatever words it shares). Pure; a document in two stories (it is not) would keep the first.
 */
export function documentFacets(candidates: readonly Candidate[], minRelevance: number): DocumentFacet[] {
  const facets = new Map<number, DocumentFacet>();
  for (const candidate of candidates) {
    const themes = candidate.relevance.score >= minRelevance ? [...new Set(candidate.relevance.themes.map((theme) => theme.themeName))] : [];
    for (const member of candidate.members) {
      if (!facets.has(member.id)) facets.set(member.id, { documentId: member.id, issuer: candidate.origin, tier: candidate.tier, themes });
    }
  }
  return [...facets.values()];
}
