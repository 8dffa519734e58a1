import { formatReference } from '../brief/references.ts';
import { sectionNumber, type Brief } from '../domain/brief.ts';
import { chineseFullDate } from '../util/time.ts';
import { correctionLines, CORRECTIONS_HEADING } from './corrections.ts';
import { linkTarget } from '../util/escape.ts';
import type { EditionOptions } from './html.ts';

/**
 * Escapes Markdown syntax (and raw HTML) in text, so scraped words stay words: no emphasis, code, link,
 * image, reference definition, footnote, autolink, table, math or HTML can start in it. Returns the
 * text a CommonMark reader shows as the very text given.
 */
export function escapeMarkdown(text: string): string {
  // A line's start is markup too: a list item (-, +, 1. and 1) alike) or a setext heading's underline (=).
  // Only punctuation can be escaped, so an ordered list's dot is, not its number (\1. prints the backslash).
  // GFM and others link bare addresses (https://…, www.…, a@b.cn) and typeset $…$ as math: the escaped
  // colon, dot, at and dollar split what those extensions look for, and a reader prints them plain.
  return text
    .replace(/[\\`*_{}[\]<>#|~&$@]/g, (c) => `\\${c}`)
    .replace(/([A-Za-z]):/g, '$1\\:')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/^(\s*)([-+=])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/**
 * The Markdown edition: every piece of text escaped (escapeMarkdown); a reference links, as an autolink,
 * only to an http(s) address the pipeline says is linkable. Returns the file's text.
 */
export function renderMarkdown(brief: Brief, options: Pick<EditionOptions, 'linkable'>): string {
  const e = escapeMarkdown;
  const lines: string[] = [`# ${e(brief.title)}`, '', e(brief.publisher)];
  if (brief.producers) lines.push('', e(brief.producers));
  lines.push('', chineseFullDate(brief.date), '');
  const corrections = correctionLines(brief);
  if (corrections.length > 0) lines.push(`## ${CORRECTIONS_HEADING}`, '', ...corrections.map((line) => `- ${e(line)}`), '');
  lines.push('## 摘要', '', e(brief.abstract), '', '## 目录', '');
  for (const item of brief.items) lines.push(`- ${sectionNumber(item.n)}${e(item.headline)}`);
  lines.push('- 参考文献', '');
  for (const item of brief.items) {
    lines.push(`## ${sectionNumber(item.n)}${e(item.headline)}`, '');
    for (const paragraph of item.paragraphs) lines.push(e(paragraph), '');
  }
  lines.push('## 参考文献', '');
  for (const reference of brief.references) {
    const target = options.linkable(reference.url) ? linkTarget(reference.url) : null;
    lines.push(`- ${e(formatReference(reference))}${target ? ` <${target}>` : ''}`);
  }
  lines.push('', '---', '');
  for (const line of [brief.footer.account, brief.footer.platform, brief.footer.disclaimer]) if (line) lines.push(e(line), '');
  return `${lines.join('\n').trimEnd()}\n`;
}
