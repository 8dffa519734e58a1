import type { FetchedResponse } from './warc.ts';

export interface FetchOptions {
  allowPrivate: boolean;
  robots: 'obey' | 'ignore';
  /** Validators from the last fetch of this URL, for a conditional GET. */
  conditional?: { etag?: string; lastModified?: string };
}

/**
 * Where responses come from: the live web or an archive. The crawl reads through this one
 * interface, so a replay takes exactly the path of a live run.
 */
export interface Fetcher {
  /** Resolves with the final response (any status, redirects followed), or rejects with a one-line reason naming the URL. */
  fetch(url: string, options: FetchOptions): Promise<FetchedResponse>;
}
