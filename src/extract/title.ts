import type { CheerioAPI } from 'cheerio';
import { foldText as fold, oneLine } from './text.ts';

/**
 * A page title usually carries the site's name: 标题_国家数据局, Title - Site, Title | Site. Chinese
 * titles use —— inside themselves, so only spaced dashes, bars, underscores and ｜ separate parts. The
 * part naming the site (og:site_name) goes; failing that, the longest part stays.
 */
/** The parts of a page title. A bare hyphen separates only between Chinese characters (标题-新华网); in Latin text it joins words. */
function titleParts(title: string): string[] {
  return title.split(/\s+[-–—]\s+|\s*[_｜|]\s*|(?<=[\u4e00-\u9fff！？。”」])-(?=[\u4e00-\u9fff])/).map((p) => p.trim()).filter((p) => p.length > 0);
}

export function withoutSiteSuffix(title: string, siteName = ''): string {
  const parts = titleParts(title);
  if (parts.length <= 1) return title;
  const site = fold(siteName);
  const rest = site ? parts.filter((p) => !(fold(p).includes(site) || site.includes(fold(p)))) : parts;
  if (site && rest.length > 0 && rest.length < parts.length) return rest.join(' - ');
  return parts.reduce((best, part) => (part.length > best.length ? part : best), '');
}

/** Words of a title: Latin-script words of three letters or more, and each Chinese or Japanese character. */
function titleWords(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]{3,}/gu) ?? []);
}

/** Two wordings of one headline share a good part of their words; a section label and a headline do not. */
function sharesWords(a: string, b: string): boolean {
  const [wordsA, wordsB] = [titleWords(a), titleWords(b)];
  const shared = [...wordsA].filter((word) => wordsB.has(word)).length;
  return shared >= Math.max(1, 0.3 * Math.min(wordsA.size, wordsB.size));
}

/** For finding one title inside another: case and dashes folded, character for character. */
const comparable = (text: string) => text.replace(/[–—]/g, '-').toLowerCase();

/**
 * The headline: the CMS's ArticleTitle; else an <h1> that the og:title or <title> also carries (so not
 * a logo or a section name); else og:title or <title> without the site's name.
 */
export function extractTitle($: CheerioAPI): string {
  const articleTitle = oneLine($('meta[name="ArticleTitle"]').attr('content') ?? '');
  if (articleTitle.length >= 4) return articleTitle;
  const og = oneLine($('meta[property="og:title"]').attr('content') ?? '');
  const documentTitle = oneLine($('title').first().text());
  const site = oneLine($('meta[property="og:site_name"]').attr('content') ?? '');
  const stated = withoutSiteSuffix(og || documentTitle, site);
  const siteNames = new Set([site, ...titleParts(documentTitle).slice(1)].map(fold).filter(Boolean));
  const headings = $('h1').toArray().map((h) => oneLine($(h).text())).filter((h) => h.length >= 4 && !siteNames.has(fold(h)));
  // An <h1> the title tags carry, and not just a short label inside a longer headline.
  const confirmed = headings
    .filter((h) => (fold(og).includes(fold(h)) || fold(documentTitle).includes(fold(h))) && h.length * 2 >= stated.length)
    .sort((a, b) => b.length - a.length)[0];
  if (confirmed) return confirmed;
  // An <h1> that adds a kicker before the stated title (Politik | Titel, Thema: Titel): the title is the stated part, as the h1 prints it.
  for (const heading of headings) {
    if (stated.length >= 8 && heading.length > stated.length && comparable(heading).endsWith(comparable(stated))) return heading.slice(heading.length - stated.length);
  }
  // The headline printed in the article itself, when it is not the site's name or a section label:
  // editors often give og:title an SEO wording the page does not show.
  const inArticle = $('article h1, main h1, [class*="article"] h1, [class*="content"] h1, [class*="post"] h1').toArray().map((h) => oneLine($(h).text()));
  const printed = inArticle.find((h) => h.length >= 8 && !siteNames.has(fold(h)) && sharesWords(h, stated));
  if (printed) return printed;
  if (og.length >= 4) return withoutSiteSuffix(og, site);
  const classed = oneLine($('.article-title, .article_title, .title_text, #title').first().text());
  if (classed.length >= 4) return classed;
  // A lone <h1> is the headline unless it is a short name the <title> does not carry: a logo.
  const lone = headings.length === 1 ? headings[0]! : '';
  if (lone && (lone.length >= 15 || fold(documentTitle).includes(fold(lone)) || !documentTitle)) return lone;
  return withoutSiteSuffix(documentTitle, site);
}
