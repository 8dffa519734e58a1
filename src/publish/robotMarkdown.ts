/**
 * The brief as a robot's Markdown message, in the subset the WeCom and DingTalk robots share: `#` headings,
 * `**bold**`, `[text](url)` links, blank-line paragraphs, and two spaces before a newline for a line break (DingTalk
 * joins single newlines). Every piece of the brief's text goes through
 * markdownRobotText; only the link to the full issue is markup of ours. Pure functions.
 */
import type { Brief } from '../domain/brief.ts';
import { markdownRobotText as m, mastheadLine, numberedHeadline } from './robotText.ts';

function head(brief: Brief): string[] {
  return [`# ${m(brief.title)}`, m(mastheadLine(brief))];
}

function tail(link: string): string[] {
  return [`[阅读全文](${link})`];
}

/** The whole brief: masthead, abstract, every section with its paragraphs, and the link. */
export function fullRobotMarkdown(brief: Brief, link: string): string {
  const sections = brief.items.flatMap((item) => [`**${m(numberedHeadline(item.n, item.headline))}**`, ...item.paragraphs.map(m)]);
  return [...head(brief), `**摘要**：${m(brief.abstract)}`, ...sections, ...tail(link)].join('\n\n');
}

/** The short form: masthead, the abstract given (whole or cut), the headlines, and the link. */
export function headlinesRobotMarkdown(brief: Brief, link: string, abstract: string): string {
  const headlines = brief.items.map((item) => m(numberedHeadline(item.n, item.headline))).join('  \n');
  return [...head(brief), `**摘要**：${m(abstract)}`, `**本期要目**  \n${headlines}`, ...tail(link)].join('\n\n');
}
