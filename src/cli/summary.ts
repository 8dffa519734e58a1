import type { Brief } from '../brief/model.ts';
import type { CrawlReport } from '../crawl/crawl.ts';
import type { RunSummary } from '../pipeline/run.ts';
import { t, type Lang } from '../util/i18n.ts';

/** The run summary an operator reads: counts, seconds per stage, and what failed, by source. */
export function formatSummary(summary: RunSummary, lang: Lang): string[] {
  const lines = [
    t(lang, 'summaryTitle', summary.issueDate),
    ...crawlCounts(summary.crawl, lang),
    `  ${t(lang, 'storyGroups')}: ${summary.storyGroups}`,
    `  ${t(lang, 'itemsChosen')}: ${summary.itemsChosen}`,
    `  ${t(lang, 'stageSeconds')}: ${Object.entries(summary.seconds).map(([stage, s]) => `${stage} ${s.toFixed(2)}`).join(' · ')}`,
    ...crawlTrouble(summary.crawl, lang),
  ];
  if (summary.llm) lines.push(...llmLines(summary.llm, lang));
  if (summary.withheld.length > 0) lines.push(...withheldLines(summary.withheld, lang));
  if (summary.failedChecks.length > 0) {
    lines.push(`  ${t(lang, 'checksFailed')}: ${summary.failedChecks.length}`);
    for (const check of summary.failedChecks) lines.push(`    [${check.name}] ${check.detail}`);
  }
  lines.push(`  ${t(lang, 'wrote')}: ${summary.outFolder}`);
  return lines;
}

/**
 * What the crawl did, for a run that stopped after it (no document in the window, say): its counts and
 * what failed by source, so the error line that follows is not all the operator sees.
 */
export function formatCrawl(issueDate: string, crawl: CrawlReport, lang: Lang): string[] {
  return [t(lang, 'summaryTitle', issueDate), ...crawlCounts(crawl, lang), ...crawlTrouble(crawl, lang)];
}

function crawlCounts(crawl: CrawlReport, lang: Lang): string[] {
  return [
    `  ${t(lang, 'sourcesRead')}: ${crawl.sourcesRead}${sourcesAside(crawl, lang)}`,
    `  ${t(lang, 'pagesFetched')}: ${crawl.pagesFetched}`,
    `  ${t(lang, 'documentsKept')}: ${crawl.documentsKept}${crawl.linksSkipped > 0 ? ` (${t(lang, 'linksSkipped', crawl.linksSkipped)})` : ''}`,
  ];
}

/** The crawl's failures and alerts by source, each line in the user's language. */
function crawlTrouble(crawl: CrawlReport, lang: Lang): string[] {
  const lines: string[] = [];
  if (crawl.failures.length > 0) {
    lines.push(`  ${t(lang, 'sourceErrors')}: ${crawl.failures.length}`);
    for (const failure of crawl.failures) lines.push(`    [${failure.sourceId}] ${failure.url}: ${lang === 'en' ? failure.reasonEn : failure.reason}`);
  }
  if (crawl.alerts.length > 0) {
    lines.push(`  ${t(lang, 'sourceAlerts')}: ${crawl.alerts.length}`);
    for (const alert of crawl.alerts) lines.push(`    [${alert.sourceId}] ${alert.detail}`);
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
function sourcesAside(crawl: CrawlReport, lang: Lang): string {
  const notes: string[] = [];
  if (crawl.sourcesNotArchived > 0) notes.push(t(lang, 'notArchived', crawl.sourcesNotArchived));
  if (crawl.sourcesDisabled > 0) notes.push(t(lang, 'sourcesDisabled', crawl.sourcesDisabled));
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
