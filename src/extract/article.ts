import { load } from 'cheerio';
import { extractAttachments } from './attachments.ts';
import { extractBody } from './body.ts';
import { extractPublishedAt } from './date.ts';
import { extractDocNumber } from './docNumber.ts';
import { parseHtml } from './parse.ts';
import { extractPublisher } from './publisher.ts';
import { extractSiteName } from './siteName.ts';
import { extractTitle } from './title.ts';
import type { ExtractedArticle } from '../domain/article.ts';
import { withoutSpamBrands } from '../util/spamBrands.ts';

/** What the extractor knows of the site a page came from: the names its owner signs with. */
export interface SiteIdentity {
  name: string;
  aliases: readonly string[];
}

function isOwnName(publisher: string, names: readonly string[]): boolean {
  return names.some((name) => publisher === name || publisher.includes(name) || name.includes(publisher));
}

/** A 来源 that names the site itself: 本站, 本网, 本网站, 本站原创, 本網, or the site's own host (www.example.gov.cn). */
function namesTheSiteItself(publisher: string, url: string): boolean {
  if (/^本(?:站|网|網|网站|網站|平台)(?:原创|原創|编辑|編輯|讯|訊)?$/.test(publisher)) return true;
  try {
    const host = new URL(url).hostname;
    return publisher === host || host.endsWith(`.${publisher}`) || publisher.endsWith(host.replace(/^www\./, ''));
  } catch {
    return false;
  }
}

/** The minimum body an article has; below it, the page is a list, an index or an error page. */
export const minArticleChars = 60;

/**
 * Extracts one article from a decoded HTML page. Pure: the same page gives the same result. `fetchedAt`
 * (ISO 8601: the response's Date header, else the time it was fetched) dates a page that prints only a
 * relative time (3小时前); without it such a page has no date.
 */
export function extractArticle(html: string, url: string, site?: SiteIdentity, fetchedAt?: string): ExtractedArticle {
  const $ = load(parseHtml(html));
  const title = extractTitle($, site ? [site.name, ...site.aliases] : []);
  const publishedAt = extractPublishedAt($, url, title, fetchedAt);
  const publisherOnPage = extractPublisher($);
  const docNumber = extractDocNumber($('meta[name="FileNumber"]').attr('content') ?? '', $('body').text(), title);
  const attachments = extractAttachments($, url);
  // The spam brands a mirror injected into the text go (金沙体育11月13日，…, day-cj): no reader may see them.
  const paragraphs = extractBody($, title).map(withoutSpamBrands).filter((p) => p.trim().length > 0);
  const bodyChars = paragraphs.join('').length;
  const siteName = extractSiteName($, title);
  // 来源：本站 (or the site's host) is the site itself: no body is named, nothing is reposted.
  const publisher = publisherOnPage && !namesTheSiteItself(publisherOnPage, url) ? publisherOnPage : null;
  // A site the catalog does not know is known by the name its page gives itself, when it gives one.
  const ownNames = site ? [site.name, ...site.aliases] : siteName ? [siteName] : [];
  const repostOf = publisher && (site || siteName) && !isOwnName(publisher, ownNames) ? publisher : null;
  return {
    kind: bodyChars >= minArticleChars && title.length > 0 ? 'article' : 'not-article',
    title,
    publishedAt,
    publisher,
    repostOf,
    docNumber,
    siteName,
    paragraphs: bodyChars >= minArticleChars ? paragraphs : [],
    attachments,
  };
}
