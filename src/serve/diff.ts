/**
 * Two revisions compared: each brief as a readable text (abstract, sections, references, withheld
 * sections) and the difference between the two as page markup, words added in <ins>, removed in <del>.
 * Chinese has no spaces between words: diffWordsWithSpace takes each Han character as a word of its own
 * and Latin words whole, which reads as an editor's change reads.
 */
import { diffLines, diffWordsWithSpace } from 'diff';
import type { Brief } from '../domain/brief.ts';
import { formatReference } from '../brief/references.ts';
import type { Lang } from '../util/i18n.ts';
import { html, type Markup } from './html.ts';

/** The labels of the text form, in the desk's language with its own colon (the brief's own text stays as written). */
const labels: Record<Lang, { abstract: string; refs: string; references: string; withheld: string }> = {
  zh: { abstract: '摘要：', refs: '引用：', references: '参考文献', withheld: '撤下的条目' },
  en: { abstract: 'Abstract: ', refs: 'Cites: ', references: 'References', withheld: 'Withheld sections' },
};

/** A brief as text to compare: its title and date, abstract, numbered sections with what they cite, references, withheld sections. */
export function briefText(brief: Brief, lang: Lang): string {
  const say = labels[lang];
  const lines = [`${brief.title} ${brief.date}`, '', `${say.abstract}${brief.abstract}`, ''];
  for (const item of brief.items) lines.push(`${item.n}. ${item.headline}`, ...item.paragraphs, `${say.refs}${item.refs.join(', ')}`, '');
  lines.push(say.references, ...brief.references.map((reference) => `[${reference.id}] ${formatReference(reference)} ${reference.url}`));
  if (brief.withheld?.length) lines.push('', say.withheld, ...brief.withheld.map((w) => `- ${w.item.headline}：${w.reasons.join('；')}`));
  return `${lines.join('\n')}\n`;
}

/** Words compared within this long at most; past it (a whole issue rewritten) the comparison is by lines. */
const WORD_DIFF_MS = 1500;

/** The change from `before` to `after` as markup: unchanged text as it is, <del> what went, <ins> what came; all text escaped. */
export function diffMarkup(before: string, after: string): Markup {
  const parts = diffWordsWithSpace(before, after, { timeout: WORD_DIFF_MS }) ?? diffLines(before, after);
  return html`${parts.map((part) => (part.added ? html`<ins>${part.value}</ins>` : part.removed ? html`<del>${part.value}</del>` : part.value))}`;
}

/** How much changed: characters added and removed. */
export function diffSize(before: string, after: string): { added: number; removed: number } {
  const parts = diffWordsWithSpace(before, after, { timeout: WORD_DIFF_MS }) ?? diffLines(before, after);
  return { added: parts.filter((p) => p.added).reduce((n, p) => n + p.value.length, 0), removed: parts.filter((p) => p.removed).reduce((n, p) => n + p.value.length, 0) };
}
