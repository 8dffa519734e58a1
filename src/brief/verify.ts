import { looksLikeBody, runOfNames } from '../analyze/bodies.ts';
import { foldMarkWidth, normaliseText } from '../util/normalise.ts';
import { cleanTitle, withoutInjectedSpam } from '../analyze/titles.ts';
import { shanghaiDay } from '../util/time.ts';
import { dateBorneOut, datesIn, figureBorneOut, figuresIn } from './figures.ts';
import type { Brief, BriefItem, Check, Reference } from '../domain/brief.ts';
import { sentenceFindings, sentencesOf, type SentenceFault } from './untrusted.ts';

/** What the verifier knows of a cited source: its stored metadata and body. */
export interface SourceRecord {
  title: string;
  body: string;
  publishedAt: string | null;
  docNumber: string | null;
}

/** A body of the catalog by all the names it goes by, so a text may name it by any of them. */
export interface KnownBody {
  names: readonly string[];
}

/** Whitespace is the one difference a quote may have from its source. */
const normaliseSpace = (text: string) => text.replace(/[\s\u00a0\u3000]+/g, '');
/**
 * Quotation marks nested in a quote are ‘ ’ where the source wrote “ ”, and a mirror's half-width marks are
 * printed as Chinese ones: both are read alike to compare.
 */
const foldQuotes = (text: string) => foldMarkWidth(text.replace(/‘/g, '“').replace(/’/g, '”'));
const fromBookQuotes = (text: string) => text.replace(/〈/g, '《').replace(/〉/g, '》');

/**
 * The matches of a pattern that ends in `closing`, searched only up to the last `closing` of the text: an
 * opening mark with no closing one after it would have the pattern scan to the end of the text from each
 * such mark (《《《… held the verifier for seconds).
 */
function closedMatches(text: string, pattern: RegExp, closing: string): RegExpExecArray[] {
  return [...text.slice(0, text.lastIndexOf(closing) + 1).matchAll(pattern)];
}

/**
 * The quotation marks a reader takes as "the source's own words", opening and closing: “ ” as the writer
 * quotes, ‘ ’ as it nests, and 「 」『 』 and straight " ＂ as an editor or a model may type them (the desk's
 * first trial passed an invented 「…」 because only “ ” were read).
 */
export const QUOTE_MARKS: readonly (readonly [string, string])[] = [['“', '”'], ['‘', '’'], ['「', '」'], ['『', '』'], ['"', '"'], ['＂', '＂']];
const quotePatterns = QUOTE_MARKS.map(([open, close]) => ({ close, pattern: new RegExp(`${open}([^${close}]+)${close}`, 'g') }));

/** Spans in any QUOTE_MARKS pair outside 《》, in text order: the quotes a reader takes as the source's own words. */
export function quotedSpans(text: string): string[] {
  // Both lists in text order, and a title's span holds no other: one pass over the two.
  const titles = closedMatches(text, /《[^》]*》/g, '》').map((m) => [m.index, m.index + m[0].length] as const);
  let t = 0;
  const inTitle = (at: number) => {
    while (t < titles.length && titles[t]![1] <= at) t++;
    return t < titles.length && at > titles[t]![0] && at < titles[t]![1];
  };
  const found = quotePatterns.flatMap(({ close, pattern }) => closedMatches(text, pattern, close)).sort((a, b) => a.index - b.index);
  return found.filter((m) => !inTitle(m.index)).map((m) => m[1]!);
}

/** The titles a text writes in 《》, nested ones included (〈〉 read as 《》). */
function titlesIn(text: string): string[] {
  const titles: string[] = [];
  const open: number[] = [];
  const normalised = fromBookQuotes(text);
  for (let i = 0; i < normalised.length; i++) {
    if (normalised[i] === '《') open.push(i);
    else if (normalised[i] === '》' && open.length > 0) titles.push(normalised.slice(open.pop()! + 1, i));
  }
  return titles;
}

/** The outermost 《》 titles of a text: the ones a reader takes as document names (a nested 〈〉 is part of one). */
function outermostTitles(text: string): string[] {
  return [...text.matchAll(/《([^《》]+)》/g)].map((m) => m[1]!);
}

/**
 * Whether a name may stand in 《》 for these sources: a whole title — a source's own, one a source itself
 * writes in 《》, or a source's own without the issuer it begins with (国务院关于…的意见 is named
 * 《关于…的意见》) — compared normalised (traditional, glossed and spaced copies alike). The writer names
 * documents only by what passes this, so its text passes the check by construction.
 */
export function titleKnown(name: string, sources: readonly SourceRecord[], bodies: readonly KnownBody[]): boolean {
  return knownTitle(name, knownTitles(sources), bodies);
}

/** A quotation nested in a name is printed ‘ ’ where the source wrote “ ”: read alike, as quotes are. */
const comparableTitle = (text: string) => foldQuotes(normaliseSpace(normaliseText(text)));

/** The titles sources make known (titleKnown), compared normalised: read once for all the names a text gives. */
function knownTitles(sources: readonly SourceRecord[]): Set<string> {
  // A title is also known without a portal's dressing (专家解读 | …): titles.cleanTitle.
  return new Set(sources.flatMap((s) => [s.title, cleanTitle(normaliseText(s.title)), ...titlesIn(s.title), ...titlesIn(s.body)]).map(comparableTitle));
}

/** titleKnown against titles already read (knownTitles). */
function knownTitle(name: string, known: ReadonlySet<string>, bodies: readonly KnownBody[]): boolean {
  const title = comparableTitle(name);
  if (known.has(title)) return true;
  return title.length >= 6 && [...known].some((t) => t.length > title.length && t.endsWith(title) && issuedBy(t.slice(0, t.length - title.length), bodies));
}

/** Whether a title's head names its issuer: a known body, or one of a body's form (…省人民政府), joint ones included. */
function issuedBy(head: string, bodies: readonly KnownBody[]): boolean {
  const names = head.replace(/(?:等[\d一二三四五六七八九十]{1,3}个?部门)?(?:联合)?$/, '').split(/[、]/);
  return names.every((name) => bodies.some((b) => b.names.includes(name)) || looksLikeBody(name) || knownRun(name, bodies));
}

/**
 * Whether a text is a run of known bodies' names: a joint title's heading, whose spaces (工业和信息化部
 * 中央网信办 教育部…) the comparison removed. Each step takes the longest name that fits.
 */
function knownRun(text: string, bodies: readonly KnownBody[]): boolean {
  const names = bodies.flatMap((b) => b.names).filter((name) => name.length >= 2).sort((a, b) => b.length - a.length);
  return (runOfNames(text, (t, at) => names.find((name) => t.startsWith(name, at)))?.length ?? 0) > 0;
}

/**
 * The Shanghai calendar day of an instant written in ISO 8601, `offsetMs` from it (-1: the day an
 * exclusive end falls in); null for a text that is no instant (a window or a stored date mangled by hand
 * or by a page), which shanghaiDay throws on.
 */
function dayOf(iso: string | null, offsetMs = 0): string | null {
  const at = iso === null ? Number.NaN : Date.parse(iso) + offsetMs;
  if (Number.isNaN(at)) return null;
  try {
    return shanghaiDay(new Date(at).toISOString());
  } catch {
    // An instant at the end of the years Date carries (+275760-09-13) has no day in Shanghai's time.
    return null;
  }
}

function itemText(item: BriefItem): string {
  return [item.headline, ...item.paragraphs].join('\n');
}

/**
 * The distinct pairs of adjacent characters of a text's content: runs of Han characters, letters and
 * digits, read through normaliseText, so punctuation, spacing and a traditional copy make no difference.
 * Chinese has no spaces to cut words at, and a pair is the shortest unit that carries a word's meaning
 * (数据, 算力): what the overlap and the near-duplicate checks count.
 */
export function contentPairs(text: string): Set<string> {
  const pairs = new Set<string>();
  for (const run of normaliseText(text).match(/[\p{Script=Han}A-Za-z0-9]+/gu) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) pairs.add(run.slice(i, i + 2).toLowerCase());
  }
  return pairs;
}

/** The share of `pairs` for which `where` holds; `empty` for a text with no pairs, which has nothing to measure. */
function shareIn(pairs: ReadonlySet<string>, where: (pair: string) => boolean, empty: number): number {
  if (pairs.size === 0) return empty;
  let found = 0;
  for (const pair of pairs) if (where(pair)) found++;
  return found / pairs.size;
}

/**
 * The least share of a section's content pairs (contentPairs) that its cited sources must hold. Measured
 * over every day the project has (the sample day, both labelled days, the real days): the extractive
 * writer's sections hold 57–90 % (its own house phrases — 这是国家层面的…, 转载了这一消息 — are the rest),
 * and honest rewrites of the sample day's sections by hand, with analysis in other words, 58–61 %; a
 * section of generic phrases around one quote holds 35 %, a paraphrase that states what the source does not
 * say 11 %, and one about another subject 18 %. 45 % sits between the two groups with ten points either side.
 */
export const SOURCE_OVERLAP = 0.45;

/**
 * The least share for the abstract, whose basis is the day's sources, the sections it summarises and the
 * theme names. Lower than a section's because three of its four parts (BRIEF-FORMAT: the source mix, how
 * the themes moved, the overall judgement) are the brief's words about the day, not any source's: they are
 * most of an abstract of few items. Measured: the extractive abstract holds 73–79 % on every day, 38–42 %
 * on a one-item issue; a generic abstract around the themes 34 %, market talk the sources never say 7 %.
 */
export const ABSTRACT_OVERLAP = 0.3;

/**
 * The most of a section's content pairs that may be shared with another section and missing from its own
 * sources: beyond it, the section repeats the other rather than its source. Measured as the overlap was:
 * the extractive writer's sections share at most 28 % so (house phrases on a short section), and two places'
 * plans from one template (江苏 and 四川's 三年行动计划, eval-day-2) share 84–88 % of their pairs yet
 * almost none outside their own sources; a section copied onto another story shares all of it.
 */
export const BORROWED_SHARE = 0.5;

/** How a finding names the part it is about: the abstract (n 0), a section, or a section's headline. */
function partName(n: number, headline = false): string {
  if (n === 0) return '摘要';
  return headline ? `第 ${n} 条的标题` : `第 ${n} 条`;
}

/** A sentence as a finding quotes it: cut to a line. */
const clip = (sentence: string) => (sentence.length > 60 ? `${sentence.slice(0, 60)}…` : sentence);

/** What each sentence fault is called in a finding. */
const faultWords: Record<SentenceFault, string> = {
  address: '含网址或联系方式',
  instructions: '含对读者的指示',
  system: '含关于系统、模型、提示词或来源网页的话',
};

/** What the brief's checks need beyond the brief and its sources. */
export interface BriefCheckOptions {
  /**
   * Names the abstract may put in “ ” as the brief's own labels (the taxonomy's theme names: 主题集中在
   * “数据要素”): not quotes of a source. Default: the themes the brief's own stats carry.
   */
  themes?: readonly string[];
  /** The configured window in days (selection.windowDays): a window of another length is not this brief's. */
  windowDays?: number;
}

/** The theme names a brief's stats carry: what its abstract may name in “ ”. */
function themesOf(stats: Brief['stats']): string[] {
  const dynamics = stats.themeDynamics;
  const moved = dynamics ? [dynamics.previous, dynamics.week].flatMap((m) => [...m.top, ...m.rising, ...m.new]) : [];
  return [...new Set([...Object.keys(stats.themeShares), ...moved])];
}

/**
 * Checks a brief against its sources: quotes verbatim, every section cited and every reference used,
 * items inside the window and the issue date the window's, titles, dates and numbers in the text found in
 * the cited sources, no sentence that is an address, a call to the reader or a remark about the system,
 * each section's content found in its sources and not repeated from another section, and the abstract
 * checked as a section citing every reference (issue 15). Returns one check per finding, passed or
 * failed; a brief may be published only when all pass. A kind with no failure gets one passed check that
 * says how many it checked (核对 3 处), so a pass over nothing (a brief with no quote, a check that read no
 * figure) shows as 核对 0 处. A fault of the abstract or of the date belongs to no section (item null).
 */
export function verifyBrief(brief: Brief, sourceOf: (url: string) => SourceRecord | undefined, bodies: readonly KnownBody[] = [], options: BriefCheckOptions = {}): Check[] {
  const checks: Check[] = [];
  const fail = (name: string, item: number | null, detail: string) => checks.push({ name, ok: false, item, detail });
  const references = new Map(brief.references.map((r) => [r.id, r]));
  const { start, end } = brief.stats.window;
  const windowStart = dayOf(start);
  const windowEnd = dayOf(end, -1);
  const counted = new Map<string, number>();
  const count = (name: string, n: number) => counted.set(name, (counted.get(name) ?? 0) + n);

  // The issue of day D covers the days before D: its window ends where D begins (Asia/Shanghai). A brief
  // relabelled to another day keeps the window, and says another date than the one its window gives.
  count('date', 1);
  const issueDay = dayOf(end);
  // A window that is not two instants (a hand-edited brief.json) dates nothing: said, and not compared.
  const window = windowStart && windowEnd && issueDay ? { start: windowStart, end: windowEnd } : null;
  if (!window) fail('date', null, `本期 ${brief.date} 的时间窗口无效：${start} 至 ${end}`);
  else if (brief.date !== issueDay) fail('date', null, `本期日期 ${brief.date} 与时间窗口不符：窗口 ${window.start} 至 ${window.end} 是 ${issueDay} 这一期的`);
  const days = (Date.parse(end) - Date.parse(start)) / 86_400_000;
  if (window && options.windowDays !== undefined && days !== options.windowDays) fail('date', null, `本期 ${brief.date} 的时间窗口为 ${days} 天，配置为 ${options.windowDays} 天`);

  for (const reference of brief.references) {
    count('citations', 1);
    count('sources', 1);
    count('window', 1);
    // A reference's fault is its section's: the section that cites it is the one to withhold.
    const citing = brief.items.find((item) => item.refs.includes(reference.id))?.n ?? null;
    if (citing === null) fail('citations', null, `参考文献 ${reference.id} 未被任何条目引用`);
    const source = sourceOf(reference.url);
    if (!source) {
      fail('sources', citing, `参考文献 ${reference.id} 的来源不在库中：${reference.url}`);
      continue;
    }
    count('references', 1);
    // A reference may give a traditional or glossed title as the brief reads it, without injected spam: normalised alike.
    if (source.title !== reference.title && normaliseText(source.title) !== normaliseText(reference.title) && withoutInjectedSpam(normaliseText(source.title)) !== normaliseText(reference.title)) fail('references', citing, `参考文献 ${reference.id} 的标题与来源不符：《${reference.title}》`);
    if (source.publishedAt && dayOf(source.publishedAt) !== reference.date) fail('references', citing, `参考文献 ${reference.id} 的日期 ${reference.date} 与来源不符`);
    if (window && (reference.date < window.start || reference.date > window.end)) fail('window', citing, `参考文献 ${reference.id} 发布于 ${reference.date}，不在本期时间窗口内`);
  }

  for (const item of brief.items) {
    checks.push(...verifyItem(item, references, sourceOf, bodies, { count, others: brief.items.filter((other) => other !== item) }));
  }
  checks.push(...verifyAbstract(brief.abstract, brief.items, brief.references, sourceOf, bodies, options.themes ?? themesOf(brief.stats), count));
  const failed = new Set(checks.filter((c) => !c.ok).map((c) => c.name));
  for (const name of ['quotes', 'citations', 'sources', 'references', 'window', 'date', 'titles', 'names', 'dates', 'numbers', 'address', 'instructions', 'system', 'overlap', 'duplicates']) {
    if (!failed.has(name)) checks.push({ name, ok: true, item: null, detail: `核对 ${counted.get(name) ?? 0} 处` });
  }
  return checks;
}

/**
 * The checks of the abstract, as of a section that cites every reference (issue 15): its quotes, titles,
 * dates, names and numbers found in the day's sources, no address, call to the reader or remark about the
 * system, and its content found in those sources or in the sections it summarises (`items`), the theme
 * names it gives in “ ” (`themes`, the brief's labels, not quotes) counted as theirs. Returns the failures
 * (item null: the abstract is no section to withhold) and the record of a quote matched once converted.
 * The LLM writer checks its abstract with this.
 */
export function verifyAbstract(
  abstract: string,
  items: readonly BriefItem[],
  references: readonly Reference[],
  sourceOf: (url: string) => SourceRecord | undefined,
  bodies: readonly KnownBody[] = [],
  themes: readonly string[] = [],
  count: (name: string, n: number) => void = () => {},
): Check[] {
  const section: BriefItem = { n: 0, headline: '', paragraphs: [abstract], quotes: [], refs: references.map((r) => r.id), tier: 'national', themes: [] };
  const basis = [...items.flatMap((item) => [item.headline, ...item.paragraphs]), ...themes].join('\n');
  return verifyItem(section, new Map(references.map((r) => [r.id, r])), sourceOf, bodies, { count, labels: themes, basis, least: ABSTRACT_OVERLAP });
}

/**
 * The check of a brief's length against the config's minimum: failed, and not any section's, when fewer
 * sections went out than `selection.minItems` asks. Null when there are enough.
 */
export function itemsCheck(items: number, minItems: number): Check | null {
  return items < minItems ? { name: 'items', ok: false, item: null, detail: `入选条目 ${items} 条，少于配置的最少 ${minItems} 条` } : null;
}

/** What one section's checks need beyond the section and its sources. */
export interface ItemCheckOptions {
  /** Told how many things of each kind were checked. */
  count?: (name: string, n: number) => void;
  /** The brief's other sections: a section may not repeat one of them (BORROWED_SHARE). */
  others?: readonly BriefItem[];
  /** Spans the text may put in “ ” that are labels of the brief's own, not quotes (the abstract's theme names). */
  labels?: readonly string[];
  /**
   * Text whose content counts as the sources' in the overlap check: for the abstract, the sections it
   * summarises and the theme names it gives (they are checked on their own).
   */
  basis?: string;
  /** The least share of the text's content its sources must hold: SOURCE_OVERLAP, ABSTRACT_OVERLAP for the abstract. */
  least?: number;
}

/**
 * The checks of one section against the sources it cites: quotes verbatim, citations that exist, whole
 * titles, and dates and numbers found in the sources; then every sentence, headline and quotes included,
 * free of addresses, calls to the reader and remarks about the system (untrusted.ts: a sentence verbatim
 * in the source is refused alike, as a planted one is); the section's content found in its sources
 * (SOURCE_OVERLAP); and no near-copy of another section (`others`, BORROWED_SHARE). Returns the failures,
 * and a passed check for each quote that matched only once its traditional or glossed source was
 * converted (the conversion is recorded). Section n 0 is the abstract (verifyAbstract): its findings
 * belong to no section. The LLM writer checks each section it writes with this before it takes it.
 */
export function verifyItem(
  item: BriefItem,
  references: ReadonlyMap<string, Reference>,
  sourceOf: (url: string) => SourceRecord | undefined,
  bodies: readonly KnownBody[] = [],
  options: ItemCheckOptions = {},
): Check[] {
  const { count = () => {}, others = [], labels = [], basis = '', least = SOURCE_OVERLAP } = options;
  const checks: Check[] = [];
  // The abstract (n 0) is no section: its findings withhold nothing.
  const at = item.n === 0 ? null : item.n;
  const part = partName(item.n);
  const fail = (name: string, detail: string) => checks.push({ name, ok: false, item: at, detail });

  // Every sentence, whoever wrote it and whatever its source says: a planted sentence is verbatim.
  const sentences = [...sentencesOf(item.headline).map((s) => ({ s, headline: true })), ...item.paragraphs.flatMap(sentencesOf).map((s) => ({ s, headline: false }))];
  for (const fault of Object.keys(faultWords) as SentenceFault[]) count(fault, sentences.length);
  for (const { s, headline } of sentences) {
    for (const finding of sentenceFindings(s)) fail(finding.fault, `${partName(item.n, headline)}${faultWords[finding.fault]}“${finding.words}”：${clip(s)}`);
  }

  const cited = item.refs.map((id) => references.get(id)).filter((r) => r !== undefined);
  count('citations', 1);
  if (item.refs.length === 0) fail('citations', `${part}没有引用任何参考文献`);
  if (cited.length < item.refs.length) fail('citations', `${part}引用了不存在的参考文献`);
  const sources = cited.map((r) => ({ reference: r, source: sourceOf(r.url) })).filter((s) => s.source !== undefined) as { reference: Reference; source: SourceRecord }[];
  if (sources.length === 0) return checks;
  const text = itemText(item);
  const sourceBodies = sources.map((s) => foldQuotes(normaliseSpace(s.source.body)));
  // A traditional or glossed source is also read as the brief's text is written: normalised.
  const normalisedBodies = sources.map((s) => foldQuotes(normaliseSpace(normaliseText(s.source.body))));
  const sourceText = sources.map((s) => `${s.source.title}\n${s.source.body}\n${s.source.docNumber ?? ''}`).join('\n');
  const haystack = normaliseSpace(`${sourceText}\n${normaliseText(sourceText)}`);
  // The cited sites' names: a reference's, which the text may give (香港01转载) without the source's saying them.
  const citedSites = cited.flatMap((r) => [r.publisher, r.reposter ?? '']).filter(Boolean);
  const citedNames = citedSites.join('\n');

  const spans = [...new Set([...quotedSpans(item.paragraphs.join('\n')), ...item.quotes.map((q) => q.text)])].filter((span) => !labels.includes(span));
  count('quotes', spans.length);
  for (const span of spans) {
    if (sourceBodies.some((body) => body.includes(foldQuotes(normaliseSpace(span))))) continue;
    if (normalisedBodies.some((body) => body.includes(foldQuotes(normaliseSpace(normaliseText(span)))))) {
      // Verbatim once both are normalised: the source is a traditional or glossed copy. Passed, and said so.
      checks.push({ name: 'quotes', ok: true, item: at, detail: `${part}的引文与来源经繁简转换或去除注音后一致：“${span}”` });
    } else fail('quotes', `${part}的引文不在所引来源正文中：“${span}”`);
  }
  for (const quote of item.quotes) {
    if (!item.refs.includes(quote.ref)) fail('quotes', `${part}的引文标注了未引用的参考文献 ${quote.ref}`);
  }
  const titles = outermostTitles(text);
  count('titles', titles.length);
  // The sources' titles are read once, and each name the text gives once, however often it gives it.
  const known = knownTitles(sources.map((s) => s.source));
  const judged = new Map<string, boolean>();
  for (const match of titles) {
    if (!judged.has(match)) judged.set(match, knownTitle(fromBookQuotes(match), known, bodies));
    if (!judged.get(match)) fail('titles', `${part}的文件名《${match}》与来源不符`);
  }
  const sourceDays = sources.map((s) => dayOf(s.source.publishedAt) ?? '');
  // Dates and figures are matched whole, by value: 1月8日 is not the end of 11月8日, 100家 not a piece of 1000家.
  // Read with their spaces: 2024 2025 in a table is two figures, not 20242025.
  const spaced = `${sourceText}\n${normaliseText(sourceText)}`;
  const sourceDates = datesIn(spaced);
  const sourceFigures = figuresIn(spaced);
  for (const match of text.matchAll(/(\d{1,2}) ?月 ?(\d{1,2}) ?日/g)) {
    count('dates', 1);
    const [month, day] = [Number(match[1]), Number(match[2])];
    const onSourceDay = sourceDays.some((d) => d && Number(d.slice(5, 7)) === month && Number(d.slice(8, 10)) === day);
    if (!onSourceDay && !dateBorneOut({ year: null, month, day }, sourceDates)) fail('dates', `${part}的日期“${match[0]}”与来源不符`);
  }
  // A body named in the text is one the cited sources name, by any of its names (上交所 for 上海证券交易所).
  const named = normaliseSpace(`${haystack}\n${citedNames}`);
  for (const body of bodies) {
    const mentioned = body.names.find((name) => text.includes(name));
    if (mentioned) count('names', 1);
    if (mentioned && !body.names.some((name) => named.includes(normaliseSpace(name)))) fail('names', `${part}提到的机构“${mentioned}”不在所引来源中`);
  }
  // Nor are the digits of a cited site's name (香港01, 36氪) a figure the text claims.
  const withoutDates = citedSites.reduce((rest, name) => rest.replaceAll(name, ' '), text.replace(/\d{1,2} ?月 ?\d{1,2} ?日/g, ''));
  for (const figure of figuresIn(withoutDates, 'arabic')) {
    count('numbers', 1);
    if (!figureBorneOut(figure, sourceFigures)) fail('numbers', `${part}的数字 ${figure.value}${figure.unit} 不在来源中`);
  }

  // What the section says must be what its sources say: a share of its content found in them. The cited
  // bodies' names count as the source's: the reference names them.
  const pairs = contentPairs(text);
  const sourcePairs = contentPairs(`${sourceText}\n${citedNames}\n${basis}`);
  count('overlap', 1);
  const overlap = shareIn(pairs, (pair) => sourcePairs.has(pair), 1);
  if (overlap < least) fail('overlap', `${part}与所引来源的内容重合不足：${percent(overlap)} 的相邻字对见于来源（至少 ${percent(least)}）`);
  // Nor another section's: what it shares with one, beyond what its own sources hold, is copied.
  for (const other of others) {
    count('duplicates', 1);
    const otherPairs = contentPairs(itemText(other));
    const borrowed = shareIn(pairs, (pair) => otherPairs.has(pair) && !sourcePairs.has(pair), 0);
    if (borrowed >= BORROWED_SHARE) fail('duplicates', `${part}与第 ${other.n} 条雷同：${percent(borrowed)} 的相邻字对与之相同且不见于本条来源（至多 ${percent(BORROWED_SHARE)}）`);
  }
  return checks;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;
