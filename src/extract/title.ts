import type { CheerioAPI } from 'cheerio';
import { oneLine } from './text.ts';

const fold = (text: string) => text.replace(/\s+/g, '').toLowerCase();

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
  const headings = $('h1').toArray().map((h) => oneLine($(h).text())).filter((h) => h.length >= 4);
  // An <h1> the title tags carry, and not just a short label inside a longer headline.
  const stated = withoutSiteSuffix(og || documentTitle, site);
  const confirmed = headings
    .filter((h) => (fold(og).includes(fold(h)) || fold(documentTitle).includes(fold(h))) && h.length * 2 >= stated.length)
    .sort((a, b) => b.length - a.length)[0];
  if (confirmed) return confirmed;
  // The headline printed in the article itself, when it is not the site's name: editors often give
  // og:title an SEO wording the page does not show.
  const siteNames = new Set([site, ...titleParts(documentTitle).slice(1)].map(fold).filter(Boolean));
  const inArticle = $('article h1, main h1, [class*="article"] h1, [class*="content"] h1, [class*="post"] h1').toArray().map((h) => oneLine($(h).text()));
  const printed = inArticle.find((h) => h.length >= 8 && !siteNames.has(fold(h)));
  if (printed) return printed;
  if (og.length >= 4) return withoutSiteSuffix(og, site);
  const classed = oneLine($('.article-title, .article_title, .title_text, #title').first().text());
  if (classed.length >= 4) return classed;
  if (headings.length === 1) return headings[0]!;
  return withoutSiteSuffix(documentTitle, site);
}
