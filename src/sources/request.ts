import type { RequestParts } from '../domain/response.ts';

/** One request an entry point makes: its list page, a further page, or the API behind the page. */
export interface EntryRequest {
  url: string;
  method?: RequestParts['method'];
  body?: string;
  contentType?: string;
  headers?: RequestParts['headers'];
  /**
   * This answer is the entry's list as a whole (a list page's first page, a feed, an API's answer): the crawl
   * asks for it conditionally, and an answer unchanged since the last run ends the entry.
   */
  watch?: boolean;
}

/** A page as an entry reads it: the address that served it, its decoded text, and whether it is unchanged since the last run. */
export interface EntryResponse {
  url: string;
  text: string;
  unchanged: boolean;
}

/**
 * How an entry point gets its pages: the crawl's polite, archived fetch, or the online check's. Resolves
 * with undefined when the page could not be had (the caller has already said why), and may reject with a
 * one-line reason.
 */
export type FetchEntryPage = (request: EntryRequest) => Promise<EntryResponse | undefined>;

/** The fetcher's part of an entry's request (its RequestParts, as FetchOptions take them). */
export function requestOptions(request: EntryRequest): RequestParts {
  return { method: request.method, body: request.body, contentType: request.contentType, headers: request.headers };
}

/** Form fields as application/x-www-form-urlencoded text, UTF-8; a list repeats its field (nodeIds[]=1&nodeIds[]=2). */
export function formBody(fields: Record<string, unknown>): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const one of Array.isArray(value) ? value : [value]) form.append(name, String(one));
  }
  return form.toString();
}

/** The media type of a form body, as browsers send it. */
export const formContentType = 'application/x-www-form-urlencoded; charset=UTF-8';
