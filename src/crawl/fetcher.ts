import type { FetchedResponse } from './warc.ts';

export interface FetchOptions {
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
   * Request headers to send besides the crawler's own (a rendered page's cookie, referer, accept), on the
   * first hop only: a redirect to another site must not carry one site's cookies. Never the User-Agent:
   * the crawler keeps the name robots.txt rules are matched by.
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
