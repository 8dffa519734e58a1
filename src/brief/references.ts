import type { Candidate } from '../analyze/day.ts';
import type { SourceDirectory } from '../analyze/origin.ts';
import { shanghaiDay } from '../util/time.ts';
import type { Reference } from './model.ts';

/** The keywords a story gave the brief, most frequent first: what the reference was used for. */
export function keyTerms(candidate: Candidate, limit: number): string[] {
  const counts = new Map<string, number>();
  for (const theme of candidate.relevance.themes) {
    for (const term of theme.terms) counts.set(term.term, (counts.get(term.term) ?? 0) + term.count + (term.where === 'title' ? 2 : 0));
  }
  return [...counts].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length).map(([term]) => term).slice(0, limit);
}

/** A reference from stored metadata only: the issuing body, who reposted it, title, date and address. */
export function buildReference(candidate: Candidate, id: string, directory: SourceDirectory): Reference {
  const reposter = candidate.reposters.length > 0 ? candidate.reposters.map((name) => directory.shortName(name)).join('、') : null;
  const terms = keyTerms(candidate, 4);
  return {
    id,
    publisher: candidate.origin,
    reposter,
    title: candidate.document.title,
    date: shanghaiDay(candidate.document.publishedAt!),
    url: candidate.document.url,
    usedFor: terms.length > 0 ? `用于${terms.join('、')}信息` : '用于事实信息',
  };
}

/** The house format: `<publisher>[ / <reposter>转载]，《<title>》，<YYYY-MM-DD>；用于<…>信息。` */
export function formatReference(reference: Reference): string {
  const who = reference.reposter ? `${reference.publisher} / ${reference.reposter}转载` : reference.publisher;
  return `${who}，《${reference.title.replace(/《/g, '〈').replace(/》/g, '〉')}》，${reference.date}；${reference.usedFor}。`;
}
