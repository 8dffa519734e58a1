import type { SourceTier, Taxonomy } from '../config/schema.ts';
import type { StoredDocument } from '../store/sqlite.ts';
import { issuerNamedIn, resolveOrigin, type SourceDirectory } from './origin.ts';
import { scoreRelevance, type Relevance } from './relevance.ts';
import type { Segmenter } from './segment.ts';
import { scoreSignificance, type Significance } from './significance.ts';
import { groupStories, titleKey } from './storyGroups.ts';

/** One story of the day, as selection sees it. */
export interface Candidate {
  /** The representative document: the origin's own page when crawled. */
  document: StoredDocument;
  /** Every copy of the story, the representative included. */
  members: StoredDocument[];
  origin: string;
  reposters: string[];
  tier: SourceTier;
  relevance: Relevance;
  significance: Significance;
}

export interface DayAnalysis {
  storyGroups: number;
  candidates: Candidate[];
}

/** What earlier issues covered: titles of the documents they cited, by issue date. */
export interface CoveredStories {
  issueDate: string;
  titles: readonly string[];
}

/** Story groups, their origins, relevance and significance, for one day's dated documents. */
export function analyzeDay(documents: readonly StoredDocument[], directory: SourceDirectory, taxonomy: Taxonomy, segmenter: Segmenter, covered: readonly CoveredStories[] = []): DayAnalysis {
  const reportedOn = new Map<string, string>();
  // Newest issue first: a story covered twice is dated by its latest coverage.
  for (const issue of covered) {
    for (const title of issue.titles) {
      const key = titleKey(title);
      if (!reportedOn.has(key)) reportedOn.set(key, issue.issueDate);
    }
  }
  const byId = new Map(documents.map((d) => [d.id, d]));
  const groups = groupStories(documents.map((d) => ({ id: d.id, title: d.title, body: d.body, docNumber: d.docNumber })));
  const candidates = groups.map((ids): Candidate => {
    const members = ids.map((id) => byId.get(id)!);
    const origin = resolveOrigin(
      members.map((m) => ({ id: m.id, sourceId: m.sourceId, repostOf: m.repostOf, issuer: issuerNamedIn(m.title, m.body, directory), publishedAt: m.publishedAt! })),
      directory,
    );
    const document = byId.get(origin.representativeId)!;
    // The issuing body's tier when the catalog knows it; otherwise the tier of the site that carried it.
    const tier = directory.byName(origin.origin)?.tier ?? directory.get(document.sourceId)?.tier ?? 'media';
    const relevance = scoreRelevance(document.title, document.body, taxonomy, segmenter);
    const reposterTiers = origin.reposters.map((name) => directory.byName(name)?.tier ?? 'media');
    const reported = members.map((m) => reportedOn.get(titleKey(m.title))).find(Boolean);
    const significance = scoreSignificance({ title: document.title, body: document.body, tier, reposterTiers, relevance: relevance.score, reportedOn: reported });
    return { document, members, origin: origin.origin, reposters: origin.reposters, tier, relevance, significance };
  });
  candidates.sort((a, b) => b.significance.score - a.significance.score || a.document.id - b.document.id);
  return { storyGroups: groups.length, candidates };
}
