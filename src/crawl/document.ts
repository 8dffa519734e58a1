import { extractArticle, type ExtractedArticle, type SiteIdentity } from '../extract/article.ts';
import { decodeHtml } from './charset.ts';
import type { FetchedResponse } from './warc.ts';

/** A response's text, decoded by its Content-Type, BOM, <meta> or bytes. */
export function responseText(response: FetchedResponse): string {
  return decodeHtml(response.body, response.headers['content-type']).text;
}

/**
 * The article a fetched page holds, at the address that served it, or why it holds none: what a crawl and
 * an import both keep as a document.
 */
export function articleOfResponse(response: FetchedResponse, site?: SiteIdentity): { article: ExtractedArticle } | { reason: string } {
  const article = extractArticle(responseText(response), response.url, site);
  if (article.kind !== 'article') return { reason: '页面没有正文 (no article body)' };
  if (!article.publishedAt) return { reason: '页面没有发布日期 (no publication date)' };
  return { article };
}
