import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { findIn, insideAny, removeAll } from './tree.ts';
import { foldText as fold, oneLine } from './text.ts';

/**
 * A page title usually carries the site's name: 标题_国家数据局, Title - Site, Title | Site, and in
 * breadcrumb order Site » Section » Title. Chinese titles use —— inside themselves, so only spaced dashes,
 * bars, underscores, ｜ and » separate parts, and a doubled ASCII hyphen (标题--栏目--人民网, as people.cn
 * and CMSs of its make print it). A bare hyphen separates only between Chinese characters (标题-新华网);
 * in Latin text it joins words.
 */
function titleParts(title: string): string[] {
  return title.split(/\s+[-–—]\s+|\s*--+\s*|\s*[_｜|»›]\s*|(?<=[\u4e00-\u9fff！？。”」])-(?=[\u4e00-\u9fff])/).map((p) => p.trim()).filter((p) => p.length > 0);
}

/** The part naming the site (og:site_name) goes, and a Chinese CMS's column with it; failing that, the longest part stays. */
export function withoutSiteSuffix(title: string, siteName = ''): string {
  const parts = titleParts(title);
  if (parts.length <= 1) return title;
  const site = fold(siteName);
  const rest = site ? parts.filter((p) => !(fold(p).includes(site) || site.includes(fold(p)))) : parts;
  // Chinese CMSs write 标题_栏目_站点: with the site gone, the first part is the headline, the rest its column.
  if (site && rest.length > 0 && rest.length < parts.length) return /_/.test(title) ? rest[0]! : rest.join(' - ');
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
 * Parts of a headline element that are not the headline: the kicker or overline set in it (Dachzeile,
 * 引题), text for screen readers only (often the site's name), a <small> line of date and tags, and a
 * read-aloud button (播报文章).
 */
const besideHeadline = '[class*="kicker"], [class*="overline"], [class*="roofline"], [class*="dachzeile"], [class*="eyebrow"], .sr-only, .element-invisible, .screen-reader-text, .visually-hidden, small, button, audio, [class*="audio"]';

/** A headline element as printed (`printed`, for recognising it) and its headline alone (`text`, to return). */
interface Heading {
  printed: string;
  text: string;
}

/**
 * What the title is read from, gathered in one pass over the page rather than one query each: og:site_name,
 * the CMS's ArticleTitle, og:title and <title> (each from its first element, as a query's .attr would read
 * it), the <h1>s and the other elements marked itemprop=headline, in page order.
 */
interface TitleSources {
  site: string;
  articleTitle: string;
  ogTitle: string;
  documentTitle: string;
  h1s: Element[];
  headlines: Element[];
}

/** The title's sources, read in one walk over the page's meta, title, h1 and itemprop=headline elements. */
function titleSources($: CheerioAPI): TitleSources {
  let siteTag: Element | undefined;
  let articleTitleTag: Element | undefined;
  let ogTitleTag: Element | undefined;
  let titleTag: Element | undefined;
  const h1s: Element[] = [];
  const headlines: Element[] = [];
  for (const element of $('meta, title, h1, [itemprop="headline"]').toArray()) {
    const { name, property, itemprop } = element.attribs;
    if (element.name === 'meta') {
      if (property === 'og:site_name') siteTag ??= element;
      if (property === 'og:title') ogTitleTag ??= element;
      if (name === 'ArticleTitle') articleTitleTag ??= element;
    } else if (element.name === 'h1') h1s.push(element);
    else {
      if (element.name === 'title') titleTag ??= element;
      if (itemprop === 'headline') headlines.push(element);
    }
  }
  const content = (tag: Element | undefined) => oneLine(tag?.attribs.content ?? '');
  return {
    site: content(siteTag),
    articleTitle: content(articleTitleTag),
    ogTitle: content(ogTitleTag),
    documentTitle: titleTag ? oneLine($(titleTag).text()) : '',
    h1s,
    headlines,
  };
}

function readHeading($: CheerioAPI, element: Element): Heading {
  const own = $(element).clone();
  removeAll(findIn($, own, 'script, style').toArray());
  const printed = oneLine(own.text());
  removeAll(findIn($, own, besideHeadline).toArray());
  // What joined the kicker to the headline (": ", " | ") is left at the start once the kicker goes.
  const text = oneLine(own.text()).replace(/^[\s:：|｜•·–—-]+/, '');
  return { printed, text: text.length >= 4 ? text : printed };
}

/**
 * The headline: the CMS's ArticleTitle; else a headline element (<h1>, itemprop=headline) that the
 * og:title or <title> also carries (so not a logo or a section name); else og:title or <title> without
 * the site's name; and where all that gives is the site's name (`siteNames`, og:site_name, or a lone
 * <title> that reads as one: 中国载人航天工程网), the page's first heading, a TRS table cell's included.
 */
export function extractTitle($: CheerioAPI, siteNames: readonly string[] = []): string {
  const sources = titleSources($);
  const { site } = sources;
  const title = statedTitle($, sources);
  // Some CMSs give every page the site's name for <title> (国家发展和改革委员会): the headline is then
  // only on the page, as its first heading that is not the site's name.
  const known = new Set([...siteNames, site].map(fold).filter(Boolean));
  if (title === '' || known.has(fold(title))) return firstHeading($, known) ?? title;
  // Without the site's names, a <title> of one part that reads as a site's or an office's name
  // (中国载人航天工程网, 某市人民政府) is one too, when the page prints a headline.
  if (isOwnerName(title) && title === sources.documentTitle) return firstHeading($, new Set([...known, fold(title)])) ?? title;
  return title;
}

/** How the names of sites and of the offices that run them end: …网, …网站, …人民政府, …委员会, …局. */
const ownerNameEnd = /(?:网|網|网站|網站|门户|門戶|政府|官网|官網|在线|在線|委员会|委員會|局|厅|廳)$/;
/** A name, not a headline: no separator, no punctuation, short. */
function isOwnerName(text: string): boolean {
  return text.length <= 20 && ownerNameEnd.test(text) && !/[\s，、。：:“”《》（）()]/.test(text);
}

/**
 * Where a headline stands when the page marks none with <h1>: headings, title boxes, and the table cell
 * or div of older CMSs (TRS, 大汉 Hanweb) classed bt / biaoti / tit or set in bold.
 */
const headingLike = 'h1, h2, h3, [class*="title"], [class~="tit"], [class*="_tit"], [class*="-tit"], [class*="tit_"], [class*="tit-"], [class~="bt"], [class*="biaoti"], td[style*="bold"], div[style*="bold"]';
/** Where a page's first heading cannot be: its navigation, breadcrumb, header band and footer. */
const outsideArticle = 'nav, header, footer, [class*="crumb"], [class*="nav"], [class*="menu"], [class*="footer"]';
/** A headline is a line, not a label (通知公告) nor a paragraph. */
const HEADLINE_CHARS = { min: 6, max: 100 };

function firstHeading($: CheerioAPI, siteNames: Set<string>): string | undefined {
  const outside = insideAny($, outsideArticle);
  // Read one at a time, up to the first that is a headline: reading each costs its subtree.
  for (const element of findIn($, $('body'), headingLike).toArray()) {
    if (outside(element)) continue;
    const { text } = readHeading($, element);
    if (text.length >= HEADLINE_CHARS.min && text.length <= HEADLINE_CHARS.max && !siteNames.has(fold(text))) return text;
  }
  return undefined;
}

/** Where the article's own <h1> stands. */
const articleContainer = 'article, main, [class*="article"], [class*="content"], [class*="post"]';

/** The headline as the page's tags and headline elements (`sources`) state it. */
function statedTitle($: CheerioAPI, { site, articleTitle, ogTitle, documentTitle, h1s, headlines: marked }: TitleSources): string {
  if (articleTitle.length >= 4) return articleTitle;
  // Some sites fill og:title with the site's name on every page.
  const og = fold(ogTitle) === fold(site) ? '' : ogTitle;
  const documentParts = titleParts(documentTitle);
  // The site's name is what follows the headline in <title>, or in breadcrumb order what precedes it.
  const siteNames = new Set([site, ...(/[»›]/.test(documentTitle) ? documentParts.slice(0, -1) : documentParts.slice(1))].map(fold).filter(Boolean));
  // A heading of several parts that <title> ends with is the site's banner (Page - Section - Site, <h1>Section - Site</h1>).
  const isBanner = (heading: string) => {
    const parts = titleParts(heading);
    return parts.length >= 2 && parts.length < documentParts.length && fold(documentParts.slice(-parts.length).join('')) === fold(parts.join(''));
  };
  const banner = h1s.map((h) => oneLine($(h).text())).find((h) => h.length >= 4 && isBanner(h)) ?? '';
  const stated = withoutSiteSuffix(og || documentTitle, site || banner);
  const isSiteName = (heading: Heading) => siteNames.has(fold(heading.printed)) || isBanner(heading.printed);
  // Each <h1> is read once: the headings and the article's own headline below read the same ones.
  const read = new Map(h1s.map((h) => [h, readHeading($, h)]));
  const headings = [...read.values()].filter((h) => h.text.length >= 4 && !isSiteName(h));
  const headlines = [...headings, ...marked.map((h) => readHeading($, h))];
  // A headline the title tags carry, and not just a short label inside a longer headline.
  const confirmed = headlines
    .map((h) => h.text)
    .filter((h) => [og, documentTitle].some((t) => fold(comparable(t)).includes(fold(comparable(h)))) && h.length * 2 >= stated.length)
    .sort((a, b) => b.length - a.length)[0];
  if (confirmed) return confirmed;
  for (const { text } of headings) {
    // The stated title with the site's furniture after it (Title | Site, Title 02.02.2022 • Tags): the stated part.
    if (stated.length >= 8 && text.length > stated.length && comparable(text).startsWith(comparable(stated)) && /^\s*[|｜•·–—-]|^\s+\d/.test(text.slice(stated.length))) return text.slice(0, stated.length);
    // A kicker before the stated title (Politik | Titel, Thema: Titel): the stated part, as the heading prints it.
    if (stated.length >= 8 && text.length > stated.length && comparable(text).endsWith(comparable(stated))) return text.slice(text.length - stated.length);
  }
  // The headline printed in the article itself, when it is not the site's name or a section label:
  // editors often give og:title an SEO wording the page does not show.
  const inContainer = insideAny($, articleContainer);
  const inArticle = h1s.filter((h) => h.parent !== null && inContainer(h.parent)).map((h) => read.get(h)!);
  const printed = inArticle.find((h) => h.text.length >= 8 && !isSiteName(h) && sharesWords(h.printed, stated));
  if (printed) return printed.text;
  if (og.length >= 4) return withoutSiteSuffix(og, site);
  // A title box: the heading in it, when it also holds the dateline and the share bar; else the box, when short.
  const box = $('.article-title, .article_title, .title_text, #title').first();
  const classedBox = findIn($, box, 'h1, h2, h3').get(0) ?? box.get(0);
  const classed = classedBox ? readHeading($, classedBox).text : '';
  if (classed.length >= 4 && classed.length <= 120) return classed;
  // A lone <h1> is the headline unless it is a short name the <title> does not carry: a logo.
  const lone = headings.length === 1 ? headings[0]!.text : '';
  if (lone && (lone.length >= 15 || fold(documentTitle).includes(fold(lone)) || !documentTitle)) return lone;
  return withoutSiteSuffix(documentTitle, site || banner);
}
