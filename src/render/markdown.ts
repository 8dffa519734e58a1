import { formatReference } from '../brief/references.ts';
import type { Brief } from '../brief/model.ts';
import { chineseFullDate } from '../util/time.ts';
import { linkTarget } from './escape.ts';

/** Escapes Markdown syntax (and raw HTML) in text, so scraped words stay words. */
export function escapeMarkdown(text: string): string {
  // A line's start is markup too: a list item (-, +, 1. and 1) alike) or a setext heading's underline (=).
  // Only punctuation can be escaped, so an ordered list's dot is, not its number (\1. prints the backslash).
  return text
    .replace(/[\\`*_{}[\]<>#|~&]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+=])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

export const chineseNumerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The section number as the brief writes it: 一、二、三… */
export function sectionNumber(n: number): string {
  return `${chineseNumerals[n - 1] ?? String(n)}、`;
}

export function renderMarkdown(brief: Brief): string {
  const e = escapeMarkdown;
  const lines: string[] = [`# ${e(brief.title)}`, '', e(brief.publisher)];
  if (brief.producers) lines.push('', e(brief.producers));
  lines.push('', chineseFullDate(brief.date), '', '## 摘要', '', e(brief.abstract), '', '## 目录', '');
  for (const item of brief.items) lines.push(`- ${sectionNumber(item.n)}${e(item.headline)}`);
  lines.push('- 参考文献', '');
  for (const item of brief.items) {
    lines.push(`## ${sectionNumber(item.n)}${e(item.headline)}`, '');
    for (const paragraph of item.paragraphs) lines.push(e(paragraph), '');
  }
  lines.push('## 参考文献', '');
  for (const reference of brief.references) {
    const target = linkTarget(reference.url);
    lines.push(`- ${e(formatReference(reference))}${target ? ` <${target}>` : ''}`);
  }
  lines.push('', '---', '');
  for (const line of [brief.footer.account, brief.footer.platform, brief.footer.disclaimer]) if (line) lines.push(e(line), '');
  return `${lines.join('\n').trimEnd()}\n`;
}
