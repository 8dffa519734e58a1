/**
 * The editor's changes to a brief as pure functions (Brief in, new Brief out; the input is never changed):
 * take a section out, move it, put a story's section in, replace one, edit its text or the abstract, take
 * back or drop a withheld section. After each, the sections are numbered 1… in order and the references
 * R1… in the order the sections first cite them (BRIEF-FORMAT: a reference list follows the items), each
 * section's `refs` and quotes follow, a reference no section cites is gone, and the model's fallbacks
 * follow their sections. The checks are emptied: the caller checks the brief it saves (revisions.ts).
 * Throws a UserError naming the section when it does not exist or the change would leave the brief invalid.
 */
import type { Brief, BriefItem, Reference } from '../domain/brief.ts';
import { quotedSpans } from '../brief/verify.ts';
import { UserError } from '../util/errors.ts';

/**
 * One section with the references it cites: its item's `refs` and quotes name ids among `references`
 * (ids of the brief the section came from, or of the draft that wrote it). `from` is its number in the
 * brief it came from, so a model's fallback recorded for it follows it; undefined for a section newly written.
 */
export interface Section {
  item: BriefItem;
  references: Reference[];
  from?: number;
}

/** The sections of a brief, in order, each with the references it cites (an id the brief lacks is left out). */
export function sectionsOf(brief: Brief): Section[] {
  const byId = new Map(brief.references.map((reference) => [reference.id, reference]));
  return brief.items.map((item) => ({ item, references: item.refs.flatMap((id) => byId.get(id) ?? []), from: item.n }));
}

/** Section `n` of a brief written by the composer: what is swapped in or written again (no `from`: it is new). */
export function sectionOf(draft: Brief, n: number): Section {
  const section = sectionsOf(draft)[n - 1];
  if (!section) throw new UserError(`草稿没有第 ${n} 条`, `the draft has no section ${n}`);
  return { item: section.item, references: section.references };
}

/**
 * The brief holding `sections` in this order: items numbered 1…; one reference per address, numbered R1…
 * in the order of first citation; each item's refs and quotes renamed to match (a quote whose reference
 * the section does not cite, or an id the section's references lack, is dropped: it would name another
 * section's source once renumbered); references no section cites gone; the model's fallbacks following
 * their sections by `from` (those of sections gone are dropped); checks emptied.
 */
export function withSections(brief: Brief, sections: readonly Section[]): Brief {
  if (sections.length === 0) throw new UserError('简报至少要有一条', 'a brief needs one section at least');
  const idOfUrl = new Map<string, string>();
  const references: Reference[] = [];
  const items = sections.map((section, i): BriefItem => {
    const local = new Map<string, string>();
    for (const reference of section.references) {
      let id = idOfUrl.get(reference.url);
      if (id === undefined) {
        id = `R${references.length + 1}`;
        idOfUrl.set(reference.url, id);
        references.push({ ...reference, id });
      }
      local.set(reference.id, id);
    }
    const refs = [...new Set(section.item.refs.flatMap((id) => local.get(id) ?? []))];
    const quotes = section.item.quotes.flatMap((quote) => (local.has(quote.ref) && section.item.refs.includes(quote.ref) ? [{ ...quote, ref: local.get(quote.ref)! }] : []));
    return { ...structuredClone(section.item), n: i + 1, refs, quotes };
  });
  const numberOf = new Map(sections.flatMap((section, i) => (section.from === undefined ? [] : [[section.from, i + 1] as const])));
  const llm = brief.stats.llm && {
    ...brief.stats.llm,
    fallbacks: brief.stats.llm.fallbacks.flatMap((f) => (f.item === null ? [f] : numberOf.has(f.item) ? [{ ...f, item: numberOf.get(f.item)! }] : [])),
  };
  return { ...structuredClone(brief), items, references, checks: [], stats: { ...structuredClone(brief.stats), ...(llm ? { llm } : {}) } };
}

/** The section numbered `n`, or a UserError naming it. */
function sectionAt(brief: Brief, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > brief.items.length) throw new UserError(`没有第 ${n} 条（本期共 ${brief.items.length} 条）`, `there is no section ${n} (the issue has ${brief.items.length})`);
  return n - 1;
}

/** The brief without section `n` (rejected by the editor). Throws a UserError for the only section left. */
export function removeItem(brief: Brief, n: number): Brief {
  const at = sectionAt(brief, n);
  if (brief.items.length === 1) throw new UserError('不能删去唯一的一条：先换入或加入另一条', 'the only section cannot be taken out: swap in or add another first');
  return withSections(brief, sectionsOf(brief).filter((_, i) => i !== at));
}

/** The brief with section `n` moved `by` places (-1 up, +1 down). Throws a UserError past either end. */
export function moveItem(brief: Brief, n: number, by: -1 | 1): Brief {
  const at = sectionAt(brief, n);
  const to = at + by;
  if (to < 0 || to >= brief.items.length) throw new UserError(`第 ${n} 条已在${by < 0 ? '最前' : '最后'}`, `section ${n} is already ${by < 0 ? 'first' : 'last'}`);
  const sections = sectionsOf(brief);
  [sections[at], sections[to]] = [sections[to]!, sections[at]!];
  return withSections(brief, sections);
}

/** Whether the brief already cites `url` (a story already in it is not added twice): the number of its section, or null. */
export function sectionCiting(brief: Brief, url: string): number | null {
  const ids = new Set(brief.references.filter((reference) => reference.url === url).map((reference) => reference.id));
  return brief.items.find((item) => item.refs.some((id) => ids.has(id)))?.n ?? null;
}

/** The brief with `section` put in at position `at` (1-based; default: last). */
export function insertSection(brief: Brief, section: Section, at = brief.items.length + 1): Brief {
  if (!Number.isInteger(at) || at < 1 || at > brief.items.length + 1) throw new UserError(`位置 ${at} 无效（1–${brief.items.length + 1}）`, `position ${at} is not valid (1–${brief.items.length + 1})`);
  const sections = sectionsOf(brief);
  sections.splice(at - 1, 0, section);
  return withSections(brief, sections);
}

/** The brief with section `n` replaced by `section` (another story swapped in, or the same one written again). */
export function replaceSection(brief: Brief, n: number, section: Section): Brief {
  const at = sectionAt(brief, n);
  const sections = sectionsOf(brief);
  sections[at] = section;
  return withSections(brief, sections);
}

/** Quotation marks nested in a quote are ‘ ’ in the brief where the source wrote “ ”: read alike (as the verifier does). */
const foldMarks = (text: string) => text.replace(/‘/g, '“').replace(/’/g, '”');

/**
 * A textarea's text as one paragraph: the browser's line breaks and the spaces around them are dropped
 * (a paragraph of the brief is one line; Chinese puts no space where a line wraps).
 */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, '').trim();
}

/**
 * The brief with section `n`'s headline and paragraphs as the editor wrote them (each made one line; empty
 * paragraphs dropped). Its quotes are what its paragraphs now quote: a quote kept where its text still
 * stands in them (with its reference), and each other span in “ ” a quote of its first reference — as the
 * model writer records its sections' quotes — in the order they stand, so the verifier checks what the
 * text says and text restored is the section it was. Throws a
 * UserError for an empty headline or no paragraph.
 */
export function editItem(brief: Brief, n: number, headline: string, paragraphs: readonly string[]): Brief {
  const at = sectionAt(brief, n);
  const title = oneLine(headline);
  const kept = paragraphs.map(oneLine).filter((p) => p.length > 0);
  if (title.length === 0) throw new UserError(`第 ${n} 条的标题不能为空`, `the headline of section ${n} cannot be empty`);
  if (kept.length === 0) throw new UserError(`第 ${n} 条至少要有一段正文`, `section ${n} needs one paragraph at least`);
  const item = brief.items[at]!;
  const text = foldMarks(kept.join('\n'));
  const quotes = item.quotes.filter((quote) => text.includes(foldMarks(quote.text)));
  const ref = item.refs[0];
  if (ref !== undefined) {
    for (const span of new Set(quotedSpans(kept.join('\n')))) {
      if (!quotes.some((quote) => foldMarks(quote.text) === foldMarks(span))) quotes.push({ text: span, ref });
    }
  }
  // In the order they stand in the text, as the writers record them.
  const place = (quote: { text: string }) => text.indexOf(foldMarks(quote.text));
  quotes.sort((a, b) => place(a) - place(b));
  const sections = sectionsOf(brief);
  sections[at] = { ...sections[at]!, item: { ...item, headline: title, paragraphs: kept, quotes } };
  return withSections(brief, sections);
}

/** The 《》 titles a headline names, in order, marks included: the outermost of each (《关于〈…〉的意见》 is one). */
function namedTitles(headline: string): string[] {
  return [...headline.matchAll(/《[^《》]+》/g)].map((m) => m[0]);
}

/**
 * The abstract after section headline `before` was edited to `after` (README: the abstract follows every
 * change), without writing it again: where `before` stands verbatim in the abstract, it is replaced by
 * `after`; else each 《title》 of `before` that `after` names otherwise (the title at the same place) is
 * replaced where it stands verbatim. Anything else is left alone: an abstract that does not repeat the
 * headline's words may be an editor's own. Returns the abstract (the same string when nothing matched).
 */
export function abstractAfterHeadline(abstract: string, before: string, after: string): string {
  if (before === after || before.length === 0) return abstract;
  if (abstract.includes(before)) return abstract.split(before).join(after);
  const old = namedTitles(before);
  const now = namedTitles(after);
  let text = abstract;
  old.forEach((title, i) => {
    const next = now[i];
    if (next !== undefined && next !== title && !now.includes(title)) text = text.split(title).join(next);
  });
  return text;
}

/** The brief with the abstract the editor wrote (made one line). Throws a UserError when it is empty. */
export function editAbstract(brief: Brief, abstract: string): Brief {
  const text = oneLine(abstract);
  if (text.length === 0) throw new UserError('摘要不能为空', 'the abstract cannot be empty');
  return { ...structuredClone(brief), abstract: text, checks: [] };
}

/**
 * The brief with the abstract and the theme figures (stats) of `draft`, the composer's brief of the same
 * stories: what a change of the stories an issue holds makes say otherwise (how many items, the source
 * mix, the themes). The model's record (stats.llm) stays the brief's.
 */
export function withAbstractOf(brief: Brief, draft: Brief): Brief {
  const llm = brief.stats.llm;
  // The composer wrote its abstract from its own headlines: a headline the editor changed is carried over
  // (abstractAfterHeadline), section by section, so the abstract never brings the old wording back.
  const abstract = brief.items.reduce((text, item, i) => abstractAfterHeadline(text, draft.items[i]?.headline ?? item.headline, item.headline), draft.abstract);
  return { ...structuredClone(brief), abstract, stats: { ...structuredClone(draft.stats), ...(llm ? { llm: structuredClone(llm) } : {}) }, checks: [] };
}

/** The withheld section at `index` (0-based), or a UserError. */
function withheldAt(brief: Brief, index: number): number {
  const count = brief.withheld?.length ?? 0;
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new UserError(`没有第 ${index + 1} 个撤下的条目（共 ${count} 个）`, `there is no withheld section ${index + 1} (there are ${count})`);
  return index;
}

/** The brief without withheld section `index` (the editor drops it for good). */
export function dropWithheld(brief: Brief, index: number): Brief {
  const at = withheldAt(brief, index);
  const next = structuredClone(brief);
  next.withheld = next.withheld!.filter((_, i) => i !== at);
  if (next.withheld.length === 0) delete next.withheld;
  next.checks = [];
  return next;
}

/**
 * The brief with withheld section `index` taken back as the last section, citing `references` (the
 * withheld item's own ids belong to the brief it was withheld from, not to this one: the caller finds its
 * story's reference again). Its findings are not carried: the brief is checked anew when saved.
 */
export function acceptWithheld(brief: Brief, index: number, references: Reference[]): Brief {
  const at = withheldAt(brief, index);
  const { item } = brief.withheld![at]!;
  const local = references.map((reference, i) => ({ ...reference, id: `W${i + 1}` }));
  const ids = local.map((reference) => reference.id);
  // The withheld item cited ids of another numbering: its quotes are of its story, so of the first reference.
  const restored: BriefItem = { ...item, refs: ids, quotes: item.quotes.map((quote) => ({ ...quote, ref: ids[0]! })) };
  return insertSection(dropWithheld(brief, at), { item: restored, references: local });
}

/**
 * The brief with the model's record of section `n` set: `reason` when the model could not write it and the
 * extractive text stands, nothing when it wrote it. A brief the model never wrote (no stats.llm) is returned as it is.
 */
export function withFallback(brief: Brief, n: number | null, reason: string | null): Brief {
  if (!brief.stats.llm) return brief;
  const next = structuredClone(brief);
  const llm = next.stats.llm!;
  llm.fallbacks = llm.fallbacks.filter((f) => f.item !== n);
  if (reason !== null) llm.fallbacks.push({ item: n, reason });
  return next;
}
