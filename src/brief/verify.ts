import { looksLikeBody, runOfNames } from '../analyze/bodies.ts';
import { foldMarkWidth, normaliseText } from '../analyze/normalise.ts';
import { cleanTitle } from '../analyze/titles.ts';
import { shanghaiDay } from '../util/time.ts';
import { dateBorneOut, datesIn, figureBorneOut, figuresIn } from './figures.ts';
import type { Brief, BriefItem, Check, Reference } from './model.ts';

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

/** Spans in “ ” outside 《》: the quotes a reader takes as the source's own words. */
export function quotedSpans(text: string): string[] {
  const titles = [...text.matchAll(/《[^》]*》/g)].map((m) => [m.index, m.index + m[0].length] as const);
  const inTitle = (at: number) => titles.some(([start, end]) => at > start && at < end);
  return [...text.matchAll(/“([^”]+)”/g)].filter((m) => !inTitle(m.index)).map((m) => m[1]!);
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
  // A quotation nested in a name is printed ‘ ’ where the source wrote “ ”: read alike, as quotes are.
  const comparable = (text: string) => foldQuotes(normaliseSpace(normaliseText(text)));
  const title = comparable(name);
  // A title is also known without a portal's dressing (专家解读 | …): titles.cleanTitle.
  const known = new Set(sources.flatMap((s) => [s.title, cleanTitle(normaliseText(s.title)), ...titlesIn(s.title), ...titlesIn(s.body)]).map(comparable));
  return [...known].some((t) => t === title || (t.endsWith(title) && title.length >= 6 && issuedBy(t.slice(0, t.length - title.length), bodies)));
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

function itemText(item: BriefItem): string {
  return [item.headline, ...item.paragraphs].join('\n');
}

/**
 * Checks a brief against its sources: quotes verbatim, every section cited and every reference used,
 * items inside the window, and titles, dates and numbers in the text found in the cited sources.
 * Returns one check per finding, passed or failed; a brief may be published only when all pass. A kind
 * with no failure gets one passed check that says how many it checked (核对 3 处), so a pass over nothing
 * (a brief with no quote, a check that read no figure) shows as 核对 0 处.
 */
export function verifyBrief(brief: Brief, sourceOf: (url: string) => SourceRecord | undefined, bodies: readonly KnownBody[] = []): Check[] {
  const checks: Check[] = [];
  const fail = (name: string, item: number | null, detail: string) => checks.push({ name, ok: false, item, detail });
  const references = new Map(brief.references.map((r) => [r.id, r]));
  const windowStart = shanghaiDay(brief.stats.window.start);
  const windowEnd = shanghaiDay(new Date(new Date(brief.stats.window.end).getTime() - 1).toISOString());
  const counted = new Map<string, number>();
  const count = (name: string, n: number) => counted.set(name, (counted.get(name) ?? 0) + n);

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
    // A reference may give a traditional or glossed title as the brief reads it: normalised alike.
    if (source.title !== reference.title && normaliseText(source.title) !== normaliseText(reference.title)) fail('references', citing, `参考文献 ${reference.id} 的标题与来源不符：《${reference.title}》`);
    if (source.publishedAt && shanghaiDay(source.publishedAt) !== reference.date) fail('references', citing, `参考文献 ${reference.id} 的日期 ${reference.date} 与来源不符`);
    if (reference.date < windowStart || reference.date > windowEnd) fail('window', citing, `参考文献 ${reference.id} 发布于 ${reference.date}，不在本期时间窗口内`);
  }

  for (const item of brief.items) checks.push(...verifyItem(item, references, sourceOf, bodies, count));
  const failed = new Set(checks.filter((c) => !c.ok).map((c) => c.name));
  for (const name of ['quotes', 'citations', 'sources', 'references', 'window', 'titles', 'names', 'dates', 'numbers']) {
    if (!failed.has(name)) checks.push({ name, ok: true, item: null, detail: `核对 ${counted.get(name) ?? 0} 处` });
  }
  return checks;
}

/**
 * The check of a brief's length against the config's minimum: failed, and not any section's, when fewer
 * sections went out than `selection.minItems` asks. Null when there are enough.
 */
export function itemsCheck(items: number, minItems: number): Check | null {
  return items < minItems ? { name: 'items', ok: false, item: null, detail: `入选条目 ${items} 条，少于配置的最少 ${minItems} 条` } : null;
}

/**
 * The checks of one section against the sources it cites: quotes verbatim, citations that exist, whole
 * titles, and dates and numbers found in the sources. Returns the failures, and a passed check for each
 * quote that matched only once its traditional or glossed source was converted (the conversion is
 * recorded). `count` is told how many things of each kind were checked. The LLM writer checks each
 * section it writes with this before it takes it.
 */
export function verifyItem(
  item: BriefItem,
  references: ReadonlyMap<string, Reference>,
  sourceOf: (url: string) => SourceRecord | undefined,
  bodies: readonly KnownBody[] = [],
  count: (name: string, n: number) => void = () => {},
): Check[] {
  const checks: Check[] = [];
  const fail = (name: string, n: number | null, detail: string) => checks.push({ name, ok: false, item: n, detail });
  const cited = item.refs.map((id) => references.get(id)).filter((r) => r !== undefined);
  count('citations', 1);
  if (item.refs.length === 0) fail('citations', item.n, `第 ${item.n} 条没有引用任何参考文献`);
  if (cited.length < item.refs.length) fail('citations', item.n, `第 ${item.n} 条引用了不存在的参考文献`);
  const sources = cited.map((r) => ({ reference: r, source: sourceOf(r.url) })).filter((s) => s.source !== undefined) as { reference: Reference; source: SourceRecord }[];
  if (sources.length === 0) return checks;
  const text = itemText(item);
  const sourceBodies = sources.map((s) => foldQuotes(normaliseSpace(s.source.body)));
  // A traditional or glossed source is also read as the brief's text is written: normalised.
  const normalisedBodies = sources.map((s) => foldQuotes(normaliseSpace(normaliseText(s.source.body))));
  const sourceText = sources.map((s) => `${s.source.title}\n${s.source.body}\n${s.source.docNumber ?? ''}`).join('\n');
  const haystack = normaliseSpace(`${sourceText}\n${normaliseText(sourceText)}`);

  const spans = [...new Set([...quotedSpans(item.paragraphs.join('\n')), ...item.quotes.map((q) => q.text)])];
  count('quotes', spans.length);
  for (const span of spans) {
    if (sourceBodies.some((body) => body.includes(foldQuotes(normaliseSpace(span))))) continue;
    if (normalisedBodies.some((body) => body.includes(foldQuotes(normaliseSpace(normaliseText(span)))))) {
      // Verbatim once both are normalised: the source is a traditional or glossed copy. Passed, and said so.
      checks.push({ name: 'quotes', ok: true, item: item.n, detail: `第 ${item.n} 条的引文与来源经繁简转换或去除注音后一致：“${span}”` });
    } else fail('quotes', item.n, `第 ${item.n} 条的引文不在所引来源正文中：“${span}”`);
  }
  for (const quote of item.quotes) {
    if (!item.refs.includes(quote.ref)) fail('quotes', item.n, `第 ${item.n} 条的引文标注了未引用的参考文献 ${quote.ref}`);
  }
  const titles = outermostTitles(text);
  count('titles', titles.length);
  for (const match of titles) {
    if (!titleKnown(fromBookQuotes(match), sources.map((s) => s.source), bodies)) fail('titles', item.n, `第 ${item.n} 条的文件名《${match}》与来源不符`);
  }
  const sourceDays = sources.map((s) => (s.source.publishedAt ? shanghaiDay(s.source.publishedAt) : ''));
  // Dates and figures are matched whole, by value: 1月8日 is not the end of 11月8日, 100家 not a piece of 1000家.
  // Read with their spaces: 2024 2025 in a table is two figures, not 20242025.
  const spaced = `${sourceText}\n${normaliseText(sourceText)}`;
  const sourceDates = datesIn(spaced);
  const sourceFigures = figuresIn(spaced);
  for (const match of text.matchAll(/(\d{1,2}) ?月 ?(\d{1,2}) ?日/g)) {
    count('dates', 1);
    const [month, day] = [Number(match[1]), Number(match[2])];
    const onSourceDay = sourceDays.some((d) => d && Number(d.slice(5, 7)) === month && Number(d.slice(8, 10)) === day);
    if (!onSourceDay && !dateBorneOut({ year: null, month, day }, sourceDates)) fail('dates', item.n, `第 ${item.n} 条的日期“${match[0]}”与来源不符`);
  }
  // A body named in the text is one the cited sources name, by any of its names (上交所 for 上海证券交易所).
  const named = normaliseSpace(`${haystack}\n${cited.map((r) => `${r.publisher} ${r.reposter ?? ''}`).join('\n')}`);
  for (const body of bodies) {
    const mentioned = body.names.find((name) => text.includes(name));
    if (mentioned) count('names', 1);
    if (mentioned && !body.names.some((name) => named.includes(normaliseSpace(name)))) fail('names', item.n, `第 ${item.n} 条提到的机构“${mentioned}”不在所引来源中`);
  }
  const withoutDates = text.replace(/\d{1,2} ?月 ?\d{1,2} ?日/g, '');
  for (const figure of figuresIn(withoutDates, 'arabic')) {
    count('numbers', 1);
    if (!figureBorneOut(figure, sourceFigures)) fail('numbers', item.n, `第 ${item.n} 条的数字 ${figure.value}${figure.unit} 不在来源中`);
  }
  return checks;
}
