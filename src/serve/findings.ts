/**
 * The verifier's findings placed where they are: which part of the brief a failed check is about (a
 * section, the abstract, the issue as a whole), and the words it is about — a quote that is not in its
 * source, a date, figure, name or document title the source does not hold, a sentence fault's words —
 * marked in the text with <mark class="fail">. The words are read back from the finding's detail, which
 * src/brief/verify.ts writes in fixed forms (…的引文不在所引来源正文中：“…”); a finding of another form
 * marks no words and is shown beside its section.
 */
import type { Brief, Check } from '../domain/brief.ts';
import { html, type Markup } from './html.ts';

/** The part of the brief a finding is about: a section's number, the abstract, or the issue as a whole. */
export type FindingPart = number | 'abstract' | 'issue';

/** The forms of verify.ts's details that name words of the text, each with the words' group. */
const spanForms: readonly RegExp[] = [
  /的引文不在所引来源正文中：“([\s\S]+)”$/,
  /的文件名《([\s\S]+)》与来源不符$/,
  /的日期“([^”]+)”与来源不符$/,
  /提到的机构“([^”]+)”不在所引来源中$/,
  /的数字 (\S+) 不在来源中$/,
  /(?:含网址或联系方式|含对读者的指示|含关于系统、模型、提示词或来源网页的话)“([^”]+)”：/,
];

/** The words of the text a failed check is about, as its detail gives them; null when it names none (overlap, citations…). */
export function findingWords(check: Check): string | null {
  for (const form of spanForms) {
    const match = form.exec(check.detail);
    if (match) return match[1]!;
  }
  return null;
}

/** Which part a failed check is about: its section; the abstract when its detail says 摘要; else the issue. */
export function findingPart(check: Check): FindingPart {
  if (check.item !== null) return check.item;
  return check.detail.startsWith('摘要') ? 'abstract' : 'issue';
}

/** The failed checks of a brief by the part they are about. */
export function findingsByPart(brief: Brief): Map<FindingPart, Check[]> {
  const parts = new Map<FindingPart, Check[]>();
  for (const check of brief.checks) {
    if (check.ok) continue;
    const part = findingPart(check);
    parts.set(part, [...(parts.get(part) ?? []), check]);
  }
  return parts;
}

/** Words to mark in a text, with the finding shown beside them. */
export interface Mark {
  words: string;
  finding: string;
}

/**
 * The ways words may stand in the text: as given, and with quotation marks nested in a quote printed ‘ ’
 * where the finding (from the item's recorded quotes) writes “ ”.
 */
function variants(words: string): string[] {
  const nested = words.replace(/“/g, '‘').replace(/”/g, '’');
  return nested === words ? [words] : [words, nested];
}

/** Where the marks fall in `text`: every occurrence of each, the earlier (then the longer) kept where two overlap. */
function ranges(text: string, marks: readonly Mark[]): { start: number; end: number; finding: string }[] {
  const found: { start: number; end: number; finding: string }[] = [];
  for (const mark of marks) {
    for (const words of variants(mark.words)) {
      if (words.length === 0) continue;
      for (let at = text.indexOf(words); at !== -1; at = text.indexOf(words, at + words.length)) found.push({ start: at, end: at + words.length, finding: mark.finding });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: typeof found = [];
  for (const range of found) if (kept.length === 0 || range.start >= kept.at(-1)!.end) kept.push(range);
  return kept;
}

/** Whether any of the marks' words stand in `text`. */
export function marksIn(text: string, marks: readonly Mark[]): Mark[] {
  return marks.filter((mark) => variants(mark.words).some((words) => words.length > 0 && text.includes(words)));
}

/**
 * `text` as page markup with each mark's words wrapped in <mark class="fail" title="finding">. Text and
 * finding are escaped by `html`: a scraped or edited text is only ever text.
 */
export function markedText(text: string, marks: readonly Mark[]): Markup {
  const parts: Markup[] = [];
  let from = 0;
  for (const range of ranges(text, marks)) {
    parts.push(html`${text.slice(from, range.start)}<mark class="fail" title="${range.finding}">${text.slice(range.start, range.end)}</mark>`);
    from = range.end;
  }
  return html`${parts}${text.slice(from)}`;
}
