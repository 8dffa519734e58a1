/**
 * The brief's text as a chat robot shows it. A brief's headlines and paragraphs come from scraped pages (or a
 * model), so inside a robot's message they must stay words: no link, image, mention, heading, quote, colour
 * or tag may start in them. Pure functions.
 */
import { sectionNumber, type Brief } from '../domain/brief.ts';
import { UserError } from '../util/errors.ts';
import { chineseFullDate } from '../util/time.ts';

/**
 * Text for a field the robot shows as plain text (a Feishu `post` text element, a DingTalk title): one line,
 * whitespace runs as one space, and `://` written `：//`, so the client does not turn an address in scraped
 * text into a link of its own accord.
 */
export function plainRobotText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/:\/\//g, '：//');
}

/**
 * Full-width stand-ins for the characters that start markup in the robots' Markdown dialects. Neither the
 * WeCom nor the DingTalk robot documents an escape character for its Markdown subset (links `[t](u)`, images
 * `![](u)`, `**bold**`, `# heading`, `> quote`, `` `code` ``, `<font color>`, WeCom's `<@userid>` mention),
 * so a backslash cannot be trusted to escape; the full-width form (Chinese typography's own) shows the same
 * sign and starts nothing.
 */
const markupStandIns: Record<string, string> = {
  '[': '［', ']': '］', '<': '＜', '>': '＞', '*': '＊', '_': '＿', '`': '｀', '#': '＃', '~': '～', '|': '｜', '\\': '＼', '&': '＆', '!': '！', '$': '＄',
};

/** Text inside a WeCom or DingTalk Markdown message: plainRobotText with every markup character replaced by its full-width stand-in. */
export function markdownRobotText(text: string): string {
  return plainRobotText(text).replace(/[[\]<>*_`#~|\\&!$]/g, (c) => markupStandIns[c]!);
}

/** Bytes of text in UTF-8: the unit of every robot's documented limit. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * The full issue's address: `<linkBase>/<date>/brief.html`, the web edition as out/ serves it. linkBase is
 * the config's (an http(s) address checked on load), never the brief's.
 */
export function issueLink(linkBase: string, date: string): string {
  return new URL(`${date}/brief.html`, linkBase.endsWith('/') ? linkBase : `${linkBase}/`).href;
}

/** The masthead line under the title: publisher · 2026年6月19日. */
export function mastheadLine(brief: Brief): string {
  return [brief.publisher, chineseFullDate(brief.date)].filter(Boolean).join(' · ');
}

/** A section's headline as the table of contents writes it: 一、headline. */
export function numberedHeadline(n: number, headline: string): string {
  return `${sectionNumber(n)}${headline}`;
}

/** How much of the brief a message carries: all of it, or the abstract (possibly cut) and the headlines. */
export type MessageForm = 'full' | 'headlines' | 'cut';

/**
 * The largest form of a message within a channel's limit: the whole brief; else the abstract and the
 * headlines with the link (issue 16: "a long brief goes as the abstract and headlines with a link"); else the
 * same with the abstract cut to the longest start that fits, ending in …. `size` measures a message in the
 * limit's unit (bytes of the field or of the whole request, as the platform counts). Throws a UserError when
 * not even an empty abstract fits (a title or headlines far beyond any robot's size).
 */
export function fitMessage<T>(full: T, headlines: (abstract: string) => T, abstract: string, size: (message: T) => number, limit: number): { message: T; form: MessageForm } {
  if (size(full) <= limit) return { message: full, form: 'full' };
  const whole = headlines(abstract);
  if (size(whole) <= limit) return { message: whole, form: 'headlines' };
  const chars = [...abstract];
  const cut = (n: number) => headlines(`${chars.slice(0, n).join('')}…`);
  if (size(cut(0)) > limit) throw new UserError(`消息超出渠道上限 ${limit}：标题与要目本身已过长`, `the message exceeds the channel's limit of ${limit}: the title and headlines alone are too long`);
  let low = 0;
  let high = chars.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (size(cut(middle)) <= limit) low = middle;
    else high = middle - 1;
  }
  return { message: cut(low), form: 'cut' };
}
