/**
 * What the desk writes with the pipeline's own writers: the day's candidates (analyseIssueDay, as
 * `xinzhi explain` shows them), a story's section by the extractive composer or, where the config's writer
 * is the model, by the model (falling back to the extractive text, as `run` does), and the abstract of the
 * stories an issue now holds. Reads the store; calls the model; writes nothing.
 */
import type { Candidate } from '../domain/candidate.ts';
import { SourceDirectory } from '../analyze/origin.ts';
import { foldMarkWidth, normaliseText } from '../util/normalise.ts';
import type { Brief, BriefItem, Reference } from '../domain/brief.ts';
import { rewriteAbstractWithLlm, rewriteSectionWithLlm, type LlmContext } from '../brief/writers/llm/write.ts';
import { analyseIssueDay, checkOptions, extractiveBrief, type AnalysedDay } from '../pipeline/compose.ts';
import { referencedSources, type CheckSources } from '../pipeline/recheck.ts';
import { optionalSecret } from '../util/secrets.ts';
import type { DeskContext } from './context.ts';
import { sectionOf, sectionsOf, type Section } from './revise.ts';

/** How long an analysed day is kept: documents change only when a crawl runs, and analysing a big day takes seconds. */
const DAY_CACHE_MS = 2 * 60_000;

const days = new WeakMap<DeskContext, Map<string, { at: number; day: AnalysedDay }>>();
const directories = new WeakMap<DeskContext, SourceDirectory>();

/** The catalog's bodies and sites for this desk's config (read once). */
export function directoryOf(context: DeskContext): SourceDirectory {
  let directory = directories.get(context);
  if (!directory) {
    directory = new SourceDirectory(context.loaded.sources, context.loaded.bodies);
    directories.set(context, directory);
  }
  return directory;
}

/** What the verifier reads for a brief on this desk: its references' stored sources, the catalog's bodies, the config's minimum and options (as `render` checks). */
export async function checkSourcesOf(context: DeskContext, brief: Brief): Promise<CheckSources> {
  return {
    sourceOf: await referencedSources(context.store, brief),
    bodies: directoryOf(context).knownBodies(),
    minItems: context.loaded.config.selection.minItems,
    options: checkOptions(context.loaded),
  };
}

/**
 * The issue's day analysed (analyseIssueDay: story groups, scores, the picks), kept DAY_CACHE_MS per desk.
 * Throws its UserError when the window holds no document.
 */
export async function issueDay(context: DeskContext, issueDate: string): Promise<AnalysedDay> {
  let cache = days.get(context);
  if (!cache) days.set(context, (cache = new Map()));
  const now = Date.now();
  const kept = cache.get(issueDate);
  if (kept && now - kept.at < DAY_CACHE_MS) return kept.day;
  const day = await analyseIssueDay(context.store, context.loaded, issueDate);
  cache.set(issueDate, { at: now, day });
  return day;
}

/** A candidate by the address of one of its copies (the representative's first): what the desk's forms name a story by. */
export function candidateByUrl(day: AnalysedDay, url: string): Candidate | undefined {
  return day.analysis.candidates.find((c) => c.document.url === url) ?? day.analysis.candidates.find((c) => c.members.some((m) => m.url === url));
}

/** The story of each section of a brief, by the address its first reference cites; undefined where the day has none. */
export function storiesOf(brief: Brief, day: AnalysedDay): (Candidate | undefined)[] {
  return sectionsOf(brief).map((section) => {
    const url = section.references[0]?.url;
    return url === undefined ? undefined : candidateByUrl(day, url);
  });
}

/**
 * The extractive section of `story` placed among the stories of `brief` — put in at section `at` (1-based),
 * or in place of section `at` when `replacing` — written among the others so its wording turns as the
 * composer turns it through an issue (a section whose story the day lacks is left out of the count).
 * Returns the section (new: no `from`).
 */
export function storySection(context: DeskContext, day: AnalysedDay, brief: Brief, story: Candidate, at: number, replacing: boolean): Section {
  const stories: (Candidate | undefined)[] = storiesOf(brief, day);
  stories.splice(at - 1, replacing ? 1 : 0, story);
  const known = stories.filter((s): s is Candidate => s !== undefined);
  return sectionOf(extractiveBrief(day, context.loaded, brief.date, known), known.indexOf(story) + 1);
}

/** The references the composer writes for a story: what a withheld section taken back cites. */
export function referencesOf(context: DeskContext, day: AnalysedDay, issueDate: string, story: Candidate): Reference[] {
  return sectionOf(extractiveBrief(day, context.loaded, issueDate, [story]), 1).references;
}

/** The model writer's settings and context, when the config's writer is the model; the key from the desk's environment. */
function llmOf(context: DeskContext, day: AnalysedDay): { settings: NonNullable<DeskContext['loaded']['config']['writer']['llm']>; llm: LlmContext } | null {
  const { writer } = context.loaded.config;
  if (writer.kind !== 'llm' || !writer.llm) return null;
  return {
    settings: writer.llm,
    llm: {
      directory: day.directory,
      brief: context.loaded.config.brief,
      sourceOf: (url) => day.sources.get(url),
      apiKey: optionalSecret(writer.llm.apiKeyEnv, context.env),
      themes: context.loaded.taxonomy.themes.map((theme) => theme.name),
    },
  };
}

/** A section with its references renamed N1…: ids no brief uses, so it can stand beside a brief's own. */
function apart(section: Section): Section {
  const ids = new Map(section.references.map((reference, i) => [reference.id, `N${i + 1}`]));
  const rename = (id: string) => ids.get(id) ?? id;
  return {
    item: { ...section.item, refs: section.item.refs.map(rename), quotes: section.item.quotes.map((quote) => ({ ...quote, ref: rename(quote.ref) })) },
    references: section.references.map((reference) => ({ ...reference, id: rename(reference.id) })),
  };
}

/**
 * Section `n` of `brief` written again from its story (null when the day lacks its story): by the
 * composer, then, where the config's writer is the model, by the model over that draft, checked against
 * the brief's other sections as they stand. Where the model fails (an error, or an answer that
 * fails the checks twice) the extractive section stands and `fallback` says why; `model` says whether
 * the model was asked.
 */
export async function rewrittenSection(context: DeskContext, day: AnalysedDay, brief: Brief, n: number): Promise<{ section: Section; fallback: string | null; model: boolean } | null> {
  const story = storiesOf(brief, day)[n - 1];
  if (!story) return null;
  const extractive = apart(storySection(context, day, brief, story, n, true));
  const model = llmOf(context, day);
  if (!model) return { section: extractive, fallback: null, model: false };
  // The model is shown the extractive draft of the section in the brief as it stands, as `run` shows it.
  const draftBrief = structuredClone(brief);
  draftBrief.items[n - 1] = { ...extractive.item, n };
  draftBrief.references = [...brief.references, ...extractive.references];
  let written: Awaited<ReturnType<typeof rewriteSectionWithLlm>>;
  try {
    written = await rewriteSectionWithLlm(draftBrief, n, story, model.settings, model.llm);
  } catch (err) {
    written = { reason: (err as Error).message };
  }
  if ('reason' in written) return { section: extractive, fallback: written.reason, model: true };
  return { section: { item: written.item, references: extractive.references }, fallback: null, model: true };
}

/**
 * The abstract of `brief` written again: the composer's over its stories, then the model's where the config
 * says so (its failure leaves the composer's, with the reason). Null when a section's story is not among
 * the day's candidates (the abstract cannot be written from what the day holds).
 */
export async function rewrittenAbstract(context: DeskContext, day: AnalysedDay, brief: Brief): Promise<{ draft: Brief; fallback: string | null; model: boolean } | null> {
  const stories = storiesOf(brief, day);
  if (stories.some((story) => story === undefined)) return null;
  const draft = extractiveBrief(day, context.loaded, brief.date, stories as Candidate[]);
  const model = llmOf(context, day);
  if (!model) return { draft, fallback: null, model: false };
  let written: Awaited<ReturnType<typeof rewriteAbstractWithLlm>>;
  try {
    written = await rewriteAbstractWithLlm({ ...brief, abstract: draft.abstract, stats: draft.stats }, model.settings, model.llm);
  } catch (err) {
    written = { reason: (err as Error).message };
  }
  if ('reason' in written) return { draft, fallback: `abstract: ${written.reason}`, model: true };
  return { draft: { ...draft, abstract: written.abstract }, fallback: null, model: true };
}

/** The composer's brief of the stories `brief` now holds (its abstract and theme figures), or null when a section's story is not among the day's. */
export function recomposed(context: DeskContext, day: AnalysedDay, brief: Brief): Brief | null {
  const stories = storiesOf(brief, day);
  if (stories.some((story) => story === undefined)) return null;
  return extractiveBrief(day, context.loaded, brief.date, stories as Candidate[]);
}

/**
 * The story a withheld section was written from, among the day's candidates: the one whose extractive
 * headline is the section's, else the one whose copies hold every quote the section recorded (a model's
 * headline is its own). Undefined when none does.
 */
export function storyOfWithheld(context: DeskContext, day: AnalysedDay, issueDate: string, item: BriefItem): Candidate | undefined {
  const eligible = day.analysis.candidates.filter((c) => c.relevance.score >= context.loaded.config.selection.minRelevance);
  const byHeadline = eligible.find((c) => sectionOf(extractiveBrief(day, context.loaded, issueDate, [c]), 1).item.headline === item.headline);
  if (byHeadline) return byHeadline;
  // Read as the verifier reads a quote: either width of marks, nested quotes ‘ ’ as “ ”, no spaces.
  const fold = (text: string) => foldMarkWidth(normaliseText(text).replace(/‘/g, '“').replace(/’/g, '”')).replace(/\s+/g, '');
  const quotes = item.quotes.map((quote) => fold(quote.text));
  if (quotes.length === 0) return undefined;
  return eligible.find((c) => c.members.some((member) => {
    const body = fold(member.body);
    return quotes.every((quote) => body.includes(quote));
  }));
}
