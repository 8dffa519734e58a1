import type { Brief } from '../domain/brief.ts';
import type { ArchiveDamage } from '../crawl/warc.ts';
import type { BriefOutcome, BriefsRunSummary, CrawlSummary, IssueSummary, RunSummary } from '../pipeline/run.ts';
import { errorLine } from '../util/errors.ts';
import { chineseOf, t, type Lang, type MessageKey } from '../util/i18n.ts';

/** The run summary an operator reads: counts, seconds per stage, and what failed, by source. */
export function formatSummary(summary: RunSummary, lang: Lang): string[] {
  return [
    ...crawlHead(summary, lang),
    `  ${t(lang, 'storyGroups')}: ${summary.storyGroups}`,
    `  ${t(lang, 'itemsChosen')}: ${summary.itemsChosen}`,
    ...stageSeconds(summary, lang),
    ...crawlProblems(summary, lang),
    ...writerAndChecks(summary, lang),
    `  ${t(lang, 'wrote')}: ${summary.outFolder}`,
  ];
}

/** What the model writer did, the sections withheld and the checks failed, of one issue. */
function writerAndChecks(issue: Pick<IssueSummary, 'llm' | 'withheld' | 'failedChecks'>, lang: Lang): string[] {
  const lines: string[] = [];
  if (issue.llm) lines.push(...llmLines(issue.llm, lang));
  if (issue.withheld.length > 0) lines.push(...withheldLines(issue.withheld, lang));
  if (issue.failedChecks.length > 0) {
    lines.push(`  ${t(lang, 'checksFailed')}: ${issue.failedChecks.length}`);
    for (const check of issue.failedChecks) lines.push(`    [${check.name}] ${check.detail}`);
  }
  return lines;
}

/**
 * The summary of a run of several briefs (runBriefsDay): what the one crawl did, then each brief under its
 * id and title — its counts, stages, withheld sections and failed checks and its folder, or why it was not
 * written.
 */
export function formatBriefsSummary(summary: BriefsRunSummary, lang: Lang): string[] {
  return [...formatCrawlSummary(summary, lang), ...summary.briefs.flatMap((outcome) => briefOutcomeLines(outcome, lang))];
}

/** One brief's part of a summary of several (formatBriefsSummary; `brief` prints its own alike). */
export function briefOutcomeLines(outcome: BriefOutcome, lang: Lang): string[] {
  if (!outcome.ok) return [t(lang, 'briefNotWritten', outcome.id, errorLine(outcome.error, lang))];
  const { issue } = outcome;
  return [
    t(lang, 'briefHeading', outcome.id, outcome.title),
    `  ${t(lang, 'storyGroups')}: ${issue.storyGroups}`,
    `  ${t(lang, 'itemsChosen')}: ${issue.itemsChosen}`,
    ...stageSeconds(issue, lang),
    ...writerAndChecks(issue, lang),
    `  ${t(lang, 'wrote')}: ${issue.outFolder}`,
  ];
}

/** The summary of a run that failed after its crawl: what the crawl did, printed before the error line. */
export function formatCrawlSummary(crawled: CrawlSummary, lang: Lang): string[] {
  return [...crawlHead(crawled, lang), ...stageSeconds(crawled, lang), ...crawlProblems(crawled, lang)];
}

function crawlHead(summary: CrawlSummary, lang: Lang): string[] {
  return [
    t(lang, 'summaryTitle', summary.issueDate),
    `  ${t(lang, 'sourcesRead')}: ${summary.crawl.sourcesRead}${sourcesAside(summary, lang)}`,
    `  ${t(lang, 'pagesFetched')}: ${summary.crawl.pagesFetched}`,
    `  ${t(lang, 'documentsKept')}: ${summary.crawl.documentsKept}${summary.crawl.linksSkipped > 0 ? ` (${t(lang, 'linksSkipped', summary.crawl.linksSkipped)})` : ''}`,
  ];
}

/** The stages a run times, as the summary names them. */
const stages: Record<keyof RunSummary['seconds'], MessageKey> = {
  crawl: 'stage.crawl', analyze: 'stage.analyze', select: 'stage.select', compose: 'stage.compose', verify: 'stage.verify', render: 'stage.render',
};

function stageSeconds(summary: { seconds: Partial<RunSummary['seconds']> }, lang: Lang): string[] {
  const timed = Object.entries(summary.seconds) as [keyof RunSummary['seconds'], number][];
  return [`  ${t(lang, 'stageSeconds')}: ${timed.map(([stage, s]) => `${t(lang, stages[stage])} ${s.toFixed(2)}`).join(' · ')}`];
}

/** Error codes that, met at every source, mean this machine reaches no one, not that a site is down. */
const UNREACHABLE = /[（(](ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|ECONNREFUSED)[)）]/;

/**
 * The code behind a crawl that reached nobody — no page fetched, and every failure of at least two sources
 * a DNS or connection error (UNREACHABLE) — or null. An offline machine otherwise prints a failure per
 * entry point, each naming robots.txt, and the one thing to fix (the network) is nowhere said.
 */
export function unreachableCode(crawl: CrawlSummary['crawl']): string | null {
  if (crawl.pagesFetched > 0 || new Set(crawl.failures.map((failure) => failure.sourceId)).size < 2) return null;
  const codes = crawl.failures.map((failure) => UNREACHABLE.exec(failure.reason)?.[1]);
  if (codes.some((code) => code === undefined)) return null;
  return [...new Set(codes)].join('/');
}

/** Each damaged archive, then each source's failures and alerts, each line in the user's language. */
function crawlProblems(summary: CrawlSummary, lang: Lang): string[] {
  const lines: string[] = [];
  const unreachable = unreachableCode(summary.crawl);
  if (unreachable) lines.push(`  ${t(lang, 'networkDown', new Set(summary.crawl.failures.map((failure) => failure.sourceId)).size, unreachable)}`);
  if (summary.archiveDamage.length > 0) {
    lines.push(`  ${t(lang, 'archivesDamaged')}: ${summary.archiveDamage.length}`);
    for (const damage of summary.archiveDamage) lines.push(`    ${archiveDamageLine(damage, lang)}`);
  }
  if (summary.crawl.failures.length > 0) {
    lines.push(`  ${t(lang, 'sourceErrors')}: ${summary.crawl.failures.length}`);
    for (const failure of summary.crawl.failures) lines.push(`    [${failure.sourceId}] ${failure.url}: ${lang === 'en' ? failure.reasonEn : failure.reason}`);
  }
  if (summary.crawl.alerts.length > 0) {
    lines.push(`  ${t(lang, 'sourceAlerts')}: ${summary.crawl.alerts.length}`);
    for (const alert of summary.crawl.alerts) lines.push(`    [${alert.sourceId}] ${lang === 'en' ? alert.detailEn : alert.detail}`);
  }
  return lines;
}

/** What the model writer did: calls, tokens, cost, and each section that fell back, with why. */
export function llmLines(llm: NonNullable<RunSummary['llm']>, lang: Lang): string[] {
  const lines = [`  ${t(lang, 'llmWriter', llm.model, llm.calls, llm.promptTokens, llm.completionTokens, `${llm.cost} ${llm.currency}`)}`];
  if (llm.fallbacks.length > 0) lines.push(`  ${t(lang, 'llmFallbacks', llm.fallbacks.length)}`);
  for (const fallback of llm.fallbacks) lines.push(`    [${fallback.item ?? t(lang, 'abstract')}] ${fallback.reason}`);
  return lines;
}

/** The sections kept out of the published formats, each with the findings that withheld it. */
export function withheldLines(withheld: RunSummary['withheld'], lang: Lang): string[] {
  const lines = [`  ${t(lang, 'withheld', withheld.length)}`];
  for (const section of withheld) lines.push(`    ${section.headline}：${section.reasons.join('；')}`);
  return lines;
}

/** What the count of sources read leaves out: sources the archive lacks, and those the catalog disables. */
function sourcesAside(summary: CrawlSummary, lang: Lang): string {
  const notes: string[] = [];
  if (summary.crawl.sourcesNotArchived > 0) notes.push(t(lang, 'notArchived', summary.crawl.sourcesNotArchived));
  if (summary.crawl.sourcesDisabled > 0) notes.push(t(lang, 'sourcesDisabled', summary.crawl.sourcesDisabled));
  return notes.length > 0 ? ` (${notes.join('; ')})` : '';
}

/**
 * What an editor must look at in a written brief: each section withheld with its findings, then each
 * failed check. Empty when the brief went out whole. `brief` and `render` print these alike.
 */
export function reviewLines(brief: Brief, lang: Lang): string[] {
  const withheld = (brief.withheld ?? []).map((w) => ({ headline: w.item.headline, reasons: w.reasons }));
  return [...(withheld.length > 0 ? withheldLines(withheld, lang) : []), ...brief.checks.filter((c) => !c.ok).map((check) => `  [${check.name}] ${check.detail}`)];
}

/** The warning line of a damaged archive: read up to the damage, cut, or moved aside (see ArchiveDamage). */
export function archiveDamageLine(damage: ArchiveDamage, lang: Lang): string {
  const reason = lang === 'zh' ? chineseOf(damageReasons, damage.reason) : damage.reason;
  if (damage.action === 'cut') return t(lang, 'archiveCut', damage.path, damage.offset);
  if (damage.action === 'moved') return t(lang, 'archiveMoved', damage.path, damage.offset, reason, damage.movedTo ?? '');
  return t(lang, 'archiveRead', damage.path, damage.offset, reason);
}

/** The reasons src/crawl/archiveUnits.ts gives for a damaged archive, in Chinese. */
const damageReasons: [RegExp, string][] = [
  [/^gzip header cut short$/, 'gzip 头被截断'],
  [/^not a gzip member$/, '不是 gzip 成员'],
  [/^gzip member cut short$/, 'gzip 成员被截断'],
  [/^gzip member damaged: (.*)$/, 'gzip 成员已损坏：$1'],
  [/^gzip trailer cut short$/, 'gzip 尾部被截断'],
  [/^gzip member fails its CRC-32$/, 'gzip 成员的 CRC-32 校验不符'],
  [/^no WARC version line$/, '缺少 WARC 版本行'],
  [/^WARC header too long$/, 'WARC 头过长'],
  [/^WARC header cut short$/, 'WARC 头被截断'],
  [/^WARC record without Content-Length$/, 'WARC 记录没有 Content-Length'],
  [/^WARC record cut short$/, 'WARC 记录被截断'],
  [/^WARC record longer than its Content-Length$/, 'WARC 记录长于其 Content-Length'],
];

