import type { Candidate } from '../domain/candidate.ts';
import { analyseIssueDay } from '../pipeline/compose.ts';
import { evidenceLine, issuerLine, marks, notPicked, plantedIn, relevanceLine } from '../pipeline/explainLines.ts';
import { t, type Lang } from '../util/i18n.ts';
import { openBriefScope, requireDate, type CommandContext } from './context.ts';

/** One candidate as `explain --json` prints it: every score with the evidence behind it. */
function candidateRecord(candidate: Candidate, rank: number, selected: boolean, whyNot: string | null) {
  return {
    rank,
    selected,
    whyNot,
    title: candidate.document.title,
    url: candidate.document.url,
    origin: candidate.origin,
    issuer: candidate.issuer,
    reposters: candidate.reposters,
    tier: candidate.tier,
    tierHow: candidate.tierHow,
    kind: candidate.significance.kind,
    significance: { score: candidate.significance.score, evidence: candidate.significance.evidence },
    relevance: candidate.relevance,
    members: candidate.members.map((member) => member.url),
    planted: plantedIn(candidate),
  };
}
/**
 * `xinzhi explain --date D`: the day's candidates, most significant first, each with its scores and the
 * evidence behind them, and whether it was picked — so an editor can see why a story is in or out.
 */
export async function explainCommand(context: CommandContext): Promise<number> {
  const issueDate = requireDate(context);
  const { loaded, store } = await openBriefScope(context, { existing: true });
  try {
    const day = await analyseIssueDay(store, loaded, issueDate);
    const picked = new Set(day.items);
    const { minRelevance, maxItems } = loaded.config.selection;
    const whyNot = (candidate: Candidate, lang: Lang) => (picked.has(candidate) || candidate.relevance.score < minRelevance ? null : notPicked(candidate, day.items, maxItems, lang));
    const records = day.analysis.candidates.map((candidate, i) => candidateRecord(candidate, i + 1, picked.has(candidate), whyNot(candidate, 'en')));
    if (context.json) {
      context.print(JSON.stringify({ issueDate, window: { start: day.window.start.toISOString(), end: day.window.end.toISOString() }, documents: day.documents, storyGroups: day.analysis.storyGroups, minRelevance: loaded.config.selection.minRelevance, candidates: records }));
      return 0;
    }
    const lang = context.lang;
    context.print(t(lang, 'explainTitle', issueDate, day.documents, day.analysis.storyGroups, day.items.length));
    day.analysis.candidates.forEach((candidate, i) => {
      const mark = picked.has(candidate) ? '✓' : candidate.relevance.score < loaded.config.selection.minRelevance ? '·' : ' ';
      const reposts = candidate.reposters.length > 0 ? t(lang, 'reposted', candidate.reposters.length) : '';
      // A title that begins with its issuer's name is not prefixed with it again (国家统计局：国家统计局…).
      const who = candidate.document.title.startsWith(candidate.origin) ? '' : `${candidate.origin}${marks(lang).colon}`;
      context.print(`${String(i + 1).padStart(3)} ${mark} ${candidate.significance.score.toFixed(2).padStart(6)}  ${who}${candidate.document.title}${reposts}`);
      const reason = whyNot(candidate, lang);
      if (reason) context.print(`           ${reason}`);
      context.print(`           ${issuerLine(candidate, lang)}`);
      context.print(`           ${relevanceLine(candidate, lang)}`);
      context.print(`           ${t(lang, 'significance')}${marks(lang).colon}${evidenceLine(candidate, lang)}`);
      for (const planted of plantedIn(candidate)) context.print(`           ${t(lang, 'planted', planted.url, planted.sentence)}`);
    });
    context.print(t(lang, 'explainLegend', loaded.config.selection.minRelevance));
    return 0;
  } finally {
    await store.close();
  }
}
