import { analyzeDay, type DayAnalysis } from '../analyze/day.ts';
import type { Candidate } from '../domain/candidate.ts';
import { SourceDirectory } from '../analyze/origin.ts';
import { taxonomySegmenter } from '../analyze/relevance.ts';
import type { Brief, Check } from '../domain/brief.ts';
import { selectItems } from '../brief/select.ts';
import { themeDynamics, themeSharesOf } from '../brief/themeShares.ts';
import { itemsCheck, verifyBrief, type BriefCheckOptions } from '../brief/verify.ts';
import { composeExtractive } from '../brief/writers/extractive.ts';
import { rewriteWithLlm } from '../brief/writers/llm/write.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { DocumentFacet } from '../store/store.ts';
import type { StoredDocument } from '../domain/document.ts';
import type { Store, StoredIssue } from '../store/store.ts';
import { UserError } from '../util/errors.ts';
import { optionalSecret } from '../util/secrets.ts';
import { previousDay, secondsSince, shanghaiDay, shanghaiDayWindow } from '../util/time.ts';
import { documentFacets } from './facets.ts';


/** What the verifier reads from the config beside the sources: the theme names the abstract may use, and the window's length. `brief`, `verify` and `render` check with these alike. */
export function checkOptions(loaded: Pick<LoadedConfig, 'taxonomy' | 'config'>): BriefCheckOptions {
  return { themes: loaded.taxonomy.themes.map((theme) => theme.name), windowDays: loaded.config.selection.windowDays };
}

export interface ComposeTimings {
  analyze: number;
  select: number;
  compose: number;
  verify: number;
}

export interface ComposedIssue {
  brief: Brief;
  documents: number;
  storyGroups: number;
  /** What the analysis read of each document of the window (issuer, tier, themes), for the archive's search to keep (saveDocumentFacets). */
  facets: DocumentFacet[];
  timings: ComposeTimings;
}

/**
 * The window of an issue: the `days` Shanghai calendar days before the issue date (one by default: the
 * issue of 6-19 holds what was published on 6-18; seven for a weekly).
 */
export function issueWindow(issueDate: string, days = 1): { start: Date; end: Date } {
  const end = shanghaiDayWindow(previousDay(issueDate)).end;
  return { start: new Date(end.getTime() - days * 24 * 3600 * 1000), end };
}

/** The window's days as a reader names them: 6-18, or 6-12 至 6-18. */
function windowLabel(window: { start: Date; end: Date }): string {
  const first = shanghaiDay(window.start.toISOString());
  const last = shanghaiDay(new Date(window.end.getTime() - 1).toISOString());
  return first === last ? first : `${first} — ${last}`;
}

/** A day analysed and its items picked: what composing an issue starts from, and what `explain` shows. */
export interface AnalysedDay {
  window: { start: Date; end: Date };
  directory: SourceDirectory;
  documents: number;
  /** The window's documents by address: what the verifier reads a reference's source from (every reference is one of them). */
  sources: ReadonlyMap<string, StoredDocument>;
  analysis: DayAnalysis;
  items: Candidate[];
  recentIssues: StoredIssue[];
  timings: Pick<ComposeTimings, 'analyze' | 'select'>;
}

/**
 * The documents a brief reads of those stored: a brief of config/briefs/ (loaded.scope) reads only its own
 * sources' documents, unless it reads every source; the main config reads them all, imported ones included.
 */
export function briefDocuments(documents: StoredDocument[], loaded: Pick<LoadedConfig, 'scope' | 'sources'>): StoredDocument[] {
  if (!loaded.scope || loaded.scope.allSources) return documents;
  const ids = new Set(loaded.sources.map((source) => source.id));
  return documents.filter((document) => ids.has(document.sourceId));
}

/**
 * The documents of an issue's window (of the brief's sources: briefDocuments), grouped, scored and
 * selected. Reads the store only.
 */
export async function analyseIssueDay(store: Store, loaded: LoadedConfig, issueDate: string): Promise<AnalysedDay> {
  const window = issueWindow(issueDate, loaded.config.selection.windowDays);
  const stored = await store.documentsPublishedBetween(window.start, window.end);
  const documents = briefDocuments(stored, loaded);
  if (documents.length === 0 && stored.length > 0) {
    throw new UserError(
      `${issueDate} 这一期的时间窗口（${windowLabel(window)}，北京时间）内有 ${stored.length} 篇文档，但没有一篇来自简报 ${loaded.scope!.id} 的来源`,
      `the window of issue ${issueDate} (${windowLabel(window)}, Asia/Shanghai) holds ${stored.length} documents, none of them from the sources of brief ${loaded.scope!.id}`,
    );
  }
  if (documents.length === 0) {
    throw new UserError(
      `${issueDate} 这一期的时间窗口（${windowLabel(window)}，北京时间）内没有文档：抓取或导入都没有存下这段时间发布的文件（看运行摘要里的来源错误，或检查 --date 与 --data）`,
      `no documents in the window of issue ${issueDate} (${windowLabel(window)}, Asia/Shanghai): no crawl or import stored a document published then (see the source errors of the run summary, or check --date and --data)`,
    );
  }
  // A brief knows every body of the shared catalog by name, not only its own sources'.
  const directory = new SourceDirectory(loaded.scope?.catalog ?? loaded.sources, loaded.bodies);
  // Seven issues for the themes' week and for what was covered; thirty for the analysis's history.
  const recentIssues = await store.issuesBefore(issueDate, 30);
  let started = performance.now();
  const covered = recentIssues.slice(0, 7).map((issue) => ({ issueDate: issue.issueDate, titles: issue.reportedTitles }));
  const analysis = analyzeDay(documents, directory, loaded.taxonomy, taxonomySegmenter(loaded.taxonomy), covered);
  const analyzeSeconds = secondsSince(started);
  started = performance.now();
  const items = selectItems(analysis.candidates, loaded.config.selection);
  return { window, directory, documents: documents.length, sources: new Map(documents.map((document) => [document.url, document])), analysis, items, recentIssues, timings: { analyze: analyzeSeconds, select: secondsSince(started) } };
}

/**
 * The extractive brief of `items` (in the order of the brief) on an analysed day: their theme shares and
 * how these moved against the recent issues, the day's counts, written by composeExtractive. Unchecked
 * (`checks` empty). composeIssue writes each draft with this; the editor's desk writes a section or an
 * abstract again with it, so both read alike.
 */
export function extractiveBrief(day: AnalysedDay, loaded: LoadedConfig, issueDate: string, items: Candidate[]): Brief {
  const themeShares = themeSharesOf(items);
  const dynamics = themeDynamics(themeShares, day.recentIssues.map((issue) => issue.themeShares));
  return composeExtractive({
    issueDate,
    items,
    directory: day.directory,
    taxonomy: loaded.taxonomy,
    brief: loaded.config.brief,
    themeShares,
    dynamics,
    history: day.recentIssues,
    stats: {
      window: { start: day.window.start.toISOString(), end: day.window.end.toISOString() },
      documents: day.documents,
      candidates: day.analysis.candidates.filter((c) => c.relevance.score >= loaded.config.selection.minRelevance).length,
      storyGroups: day.analysis.storyGroups,
      themeShares,
      themeDynamics: dynamics,
    },
  });
}

/**
 * The sections whose checks failed, by section number: a fault of a reference is its citing section's.
 * A check that belongs to no section (too few items) withholds nothing.
 */
function failingSections(brief: Brief): Set<number> {
  return new Set(brief.checks.filter((c) => !c.ok && c.item !== null).map((c) => c.item!));
}

/**
 * Writes and verifies the brief; a section that fails a check is withheld: the brief is written again
 * without it (so numbering, abstract and references stay whole), and `brief.withheld` keeps it with its
 * findings. Returns the brief and the stories it holds. Throws a UserError when every section failed.
 */
export async function withholdFailing<T>(selected: readonly T[], write: (items: T[]) => Promise<Brief>): Promise<{ brief: Brief; items: T[] }> {
  let items = [...selected];
  let brief = await write(items);
  const withheld: NonNullable<Brief['withheld']> = [];
  // Twice at most: a section withheld changes no other section's text, so a second round finds nothing new.
  for (let round = 0; round < 2; round++) {
    const failing = failingSections(brief);
    if (failing.size === 0) break;
    for (const n of [...failing].sort((a, b) => a - b)) {
      withheld.push({ item: brief.items[n - 1]!, reasons: brief.checks.filter((c) => !c.ok && c.item === n).map((c) => c.detail) });
    }
    items = items.filter((_, i) => !failing.has(i + 1));
    if (items.length === 0) {
      throw new UserError(`${brief.date} 这一期的每一条都未通过核查：${withheld[0]!.reasons[0]}`, `every section of issue ${brief.date} failed its checks: ${withheld[0]!.reasons[0]}`);
    }
    brief = await write(items);
  }
  if (withheld.length > 0) brief.withheld = withheld;
  return { brief, items };
}

/**
 * A passed check for each part the model could not write faithfully and that went out with the
 * extractive text: the brief is right, and the record says which and why (from stats.llm.fallbacks).
 */
export function writerNotes(brief: Brief): Check[] {
  return (brief.stats.llm?.fallbacks ?? []).map((fallback) => {
    const part = fallback.item === null ? '摘要' : `第 ${fallback.item} 条`;
    return { name: 'writer', ok: true, item: fallback.item, detail: `${part}改用抽取式文本：${fallback.reason}` };
  });
}

/**
 * From stored documents to a verified brief: analyze, select, compose (and rewrite with a model when
 * configured), verify, withholding a section that fails a check (withholdFailing). Reads the store only:
 * the issue is recorded once its folder is written (writeAndRecordIssue). Throws a UserError when nothing
 * relevant was found, or when every section failed.
 */
export async function composeIssue(store: Store, loaded: LoadedConfig, issueDate: string): Promise<ComposedIssue> {
  const day = await analyseIssueDay(store, loaded, issueDate);
  const { directory, documents, analysis, items: selected, timings } = day;
  if (selected.length === 0) {
    throw new UserError(`${issueDate} 这一期没有与主题相关的文档（共 ${documents} 篇，均低于相关度阈值）`, `no relevant documents for issue ${issueDate} (${documents} documents, none above the relevance threshold)`);
  }
  let composeSeconds = 0;
  const sourceOf = (url: string) => day.sources.get(url);
  const { writer } = loaded.config;
  const themes = loaded.taxonomy.themes.map((theme) => theme.name);
  const write = async (items: Candidate[]): Promise<Brief> => {
    const begun = performance.now();
    const draft = extractiveBrief(day, loaded, issueDate, items);
    // The model rewrites the sections; the extractive draft stands wherever it cannot.
    const brief =
      writer.kind === 'llm' && writer.llm
        ? await rewriteWithLlm(draft, items, writer.llm, { directory, brief: loaded.config.brief, sourceOf, apiKey: optionalSecret(writer.llm.apiKeyEnv), themes })
        : draft;
    composeSeconds += secondsSince(begun);
    brief.checks = verifyBrief(brief, sourceOf, directory.knownBodies(), checkOptions(loaded));
    return brief;
  };
  const { brief, items } = await withholdFailing(selected, write);
  const started = performance.now();
  brief.checks.push(...writerNotes(brief));
  const tooFew = itemsCheck(items.length, loaded.config.selection.minItems);
  if (tooFew) brief.checks.push(tooFew);
  const verifySeconds = secondsSince(started);
  return {
    brief,
    documents,
    storyGroups: analysis.storyGroups,
    facets: documentFacets(analysis.candidates, loaded.config.selection.minRelevance),
    timings: { ...timings, compose: composeSeconds, verify: verifySeconds },
  };
}
