import { extractArticle, type SiteIdentity } from '../extract/article.ts';
import type { ExtractedArticle } from '../domain/article.ts';
import { continuationPages, maxDocumentPages } from '../extract/pagination.ts';
import { decodeHtml } from './charset.ts';
import type { FetchedResponse } from '../domain/response.ts';

/** A response's text, decoded by its Content-Type, BOM, <meta> or bytes. */
export function responseText(response: FetchedResponse): string {
  return decodeHtml(response.body, response.headers['content-type']).text;
}

/** When a response was served: its Date header (RFC 9110 §6.6.1), else the time it was fetched; ISO 8601. */
export function readAt(response: FetchedResponse): string {
  const served = response.headers.date ? new Date(response.headers.date) : null;
  return served && !Number.isNaN(served.getTime()) ? served.toISOString() : response.fetchedAt;
}

/**
 * The article a fetched page holds, at the address that served it, or why it holds none (in Chinese and
 * English): what a crawl and an import both keep as a document. A page that is an article but gives no date
 * comes back with `undated` (the article read), so a caller can name the document it could not keep.
 */
export function articleOfResponse(response: FetchedResponse, site?: SiteIdentity): { article: ExtractedArticle } | { reason: string; reasonEn: string; undated?: ExtractedArticle } {
  const article = extractArticle(responseText(response), response.url, site, readAt(response));
  if (article.kind !== 'article') return { reason: '页面没有正文', reasonEn: 'no article body' };
  if (!article.publishedAt) return { reason: '页面没有发布日期', reasonEn: 'no publication date', undated: article };
  return { article };
}

/** A document read from its first page and the pages that continue it. */
export interface JoinedArticle {
  article: ExtractedArticle;
  /** Continuation pages that could not be had (failed fetch, not archived) or gave no body: the document is partial. */
  missing: string[];
}

/**
 * Joins a document split over pages (TRS createPageHTML, or a 下一页 pager; see continuationPages) into one:
 * the first page's article with the bodies of its continuation pages appended in page order; title, date,
 * publisher and 文号 stay the first page's. `pageAt` gives a continuation page's response, or undefined when
 * it has none (the caller reports why); pages a continuation page's own pager names are followed too, up to
 * maxDocumentPages in all. Crawl, replay and import all join through here, so a replayed day gives the same
 * document. Throws what extractArticle throws on a continuation page.
 */
export async function joinContinuations(
  first: FetchedResponse,
  article: ExtractedArticle,
  site: SiteIdentity | undefined,
  pageAt: (url: string) => Promise<FetchedResponse | undefined>,
): Promise<JoinedArticle> {
  const queue = continuationPages(responseText(first), first.url);
  const seen = new Set([first.url, ...queue]);
  const paragraphs = [...article.paragraphs];
  const missing: string[] = [];
  for (let i = 0; i < queue.length && i < maxDocumentPages - 1; i++) {
    const url = queue[i]!;
    const response = await pageAt(url);
    if (!response) {
      missing.push(url);
      continue;
    }
    const text = responseText(response);
    const body = extractArticle(text, response.url, site).paragraphs;
    if (body.length === 0) missing.push(url);
    paragraphs.push(...body);
    // A pager that shows a window of pages (or only 下一页) names the later ones on the later pages.
    for (const next of continuationPages(text, response.url)) {
      if (!seen.has(next)) queue.push(next);
      seen.add(next);
    }
  }
  return { article: { ...article, paragraphs }, missing };
}
