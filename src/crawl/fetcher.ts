import { sha256Hex } from '../util/hash.ts';
import type { FetchedResponse } from '../domain/response.ts';

export interface FetchOptions {
  allowPrivate: boolean;
  robots: 'obey' | 'ignore';
  /** Validators from the last fetch of this URL, for a conditional GET. */
  conditional?: { etag?: string; lastModified?: string };
  /**
   * GET unless said. A POST is what list APIs ask for: Hanweb's dataproxy.jsp paging, a form API such
   * as BSE's listse.do. It goes through the same robots rules, politeness, address guard and retries.
   */
  method?: 'GET' | 'POST';
  /** The body of a POST, already encoded: a form's urlencoded text, or JSON. */
  body?: string;
  /** The body's media type (application/x-www-form-urlencoded; charset=UTF-8, application/json). */
  contentType?: string;
  /**
   * Read the page as headless Chromium shows it after its scripts ran (list pages of `fetch: browser`
   * sources). Only a fetcher that renders (BrowserFetcher) or replays renderings (ReplayFetcher) can; the
   * live fetcher refuses, so a missing renderer is an error rather than a silently unscripted page.
   */
  render?: boolean;
  /**
   * Headers a site's list API checks, sent besides the crawler's own: Referer (the JPaaS build-unit
   * API answers only with its list page as Referer), Accept, X-Requested-With, a rendered page's cookie.
   * Sent on the first hop only: a redirect to another site must not carry one site's cookies. Never the
   * User-Agent: the crawler keeps the name robots.txt rules are matched by. Lower-case names.
   */
  headers?: Record<string, string>;
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
