import { sha256Hex } from '../util/hash.ts';
import type { FetchedResponse, RequestParts } from '../domain/response.ts';

/**
 * How one fetch is made: the source's address guard and robots rule, validators for a conditional GET, and
 * the request's own parts (RequestParts: method, body, headers), read rendered or not.
 */
export interface FetchOptions extends RequestParts {
  allowPrivate: boolean;
  robots: 'obey' | 'ignore';
  /** Validators from the last fetch of this URL, for a conditional GET. */
  conditional?: { etag?: string; lastModified?: string };
  /**
   * Read the page as headless Chromium shows it after its scripts ran (list pages of `fetch: browser`
   * sources). Only a fetcher that renders (BrowserFetcher) or replays renderings (ReplayFetcher) can; the
   * live fetcher refuses, so a missing renderer is an error rather than a silently unscripted page.
   */
  render?: boolean;
  /**
   * Called, when rendering, for each request of the page that was refused (robots.txt, a private address,
   * a limit) or failed: the page is read without it, as a browser reads a page whose request failed, and
   * the caller reports why.
   */
  onSubrequestRefused?: (url: string, reason: string) => void;
}

/**
 * Where responses come from: the live web or an archive. The crawl reads through this one
 * interface, so a replay takes exactly the path of a live run.
 */
export interface Fetcher {
  /** Resolves with the final response (any status, redirects followed), or rejects with a one-line reason naming the URL. */
  fetch(url: string, options: FetchOptions): Promise<FetchedResponse>;
}

/**
 * The key a response is found again by in an archive: the URL for a GET; for a POST the method, the URL
 * and the digest of the body, since one API address answers differently to each body (BSE's listse.do
 * by page number, Hanweb's dataproxy.jsp by column).
 */
export function requestKey(url: string, method = 'GET', body?: Uint8Array | string): string {
  if (method.toUpperCase() === 'GET') return url;
  return `${method.toUpperCase()} ${url} sha256:${sha256Hex(typeof body === 'string' ? Buffer.from(body) : (body ?? new Uint8Array()))}`;
}
