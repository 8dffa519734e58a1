import type { Candidate } from '../domain/candidate.ts';
import { withoutInjectedSpam } from '../analyze/titles.ts';
import { chinesePunctuation, normaliseText } from '../util/normalise.ts';
import { shanghaiDay } from '../util/time.ts';
import type { Reference } from '../domain/brief.ts';

/** The keywords a story gave the brief, most frequent first. */
export function keyTerms(candidate: Candidate, limit: number): string[] {
  const counts = new Map<string, number>();
  for (const theme of candidate.relevance.themes) {
    for (const term of theme.terms) counts.set(term.term, (counts.get(term.term) ?? 0) + term.count + (term.where === 'title' ? 2 : 0));
  }
  return [...counts].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length).map(([term]) => term).slice(0, limit);
}

/** What an item took from its source, for the reference's 用于…信息: the facts by kind. */
export interface UsedFacts {
  targets: boolean;
  scope: boolean;
  instruments: boolean;
  /** The verbatim spans the item quotes: the subject is named by the keywords they hold. */
  quotes: readonly string[];
}

/** What a story of each kind gives a reader when no target, task or instrument was taken from it. */
const kindUse: Record<string, string> = { 会议: '会议部署', 解读: '政策解读', 新闻: '工作动态', 征求意见稿: '征求意见内容' };

/**
 * 用于<what the brief took>信息, as the reference issue writes it (用于科创板审核指引和大模型企业制度安排信息):
 * the subject, by the story's keywords that the item's quotes hold (else its leading ones), and the kinds
 * of facts the item used — targets, tasks, instruments — or, with none, what the story is (政策部署, 会议部署).
 */
export function usedForOf(candidate: Candidate, used: UsedFacts): string {
  const terms = keyTerms(candidate, 8);
  const quoted = terms.filter((term) => used.quotes.some((q) => q.includes(term)));
  const subject = (quoted.length > 0 ? quoted : terms).slice(0, 2).join('、');
  const facts = [used.targets ? '发展目标' : '', used.scope ? '重点任务' : '', used.instruments ? '支持工具' : ''].filter(Boolean);
  const what = facts.length > 1 ? `${facts.slice(0, -1).join('、')}和${facts[facts.length - 1]}` : (facts[0] ?? kindUse[candidate.significance.kind] ?? '政策部署');
  return `用于${subject ? `${subject}相关的` : ''}${what}信息`;
}

/**
 * A reference from stored metadata only: the issuing body (`publisher`, 等N部门 for a joint document),
 * the sites that reposted it by name, the representative copy's own title, its Shanghai date and address.
 */
export function buildReference(candidate: Candidate, id: string, publisher: string, reposter: string | null, usedFor: string): Reference {
  return {
    id,
    publisher,
    reposter,
    // A traditional or glossed copy's title is given as the brief reads it, without the spam a mirror injected
    // into it (…的决定|欧一美一色一伦一A片, days q and ci); the verifier compares it so.
    title: withoutInjectedSpam(normaliseText(candidate.document.title)),
    date: shanghaiDay(candidate.document.publishedAt!),
    url: candidate.document.url,
    usedFor,
  };
}

/** The house format: `<publisher>[ / <reposter>转载]，《<title>》，<YYYY-MM-DD>；用于<…>信息。` */
export function formatReference(reference: Reference): string {
  const who = reference.reposter ? `${reference.publisher} / ${reference.reposter}转载` : reference.publisher;
  return `${who}，《${chinesePunctuation(reference.title).replace(/《/g, '〈').replace(/》/g, '〉')}》，${reference.date}；${reference.usedFor}。`;
}
