import type { FetchedResponse } from './warc.ts';

/**
 * Where responses come from: the live web or an archive. The crawl reads through this one
 * interface, so a replay takes exactly the path of a live run.
 */
export interface Fetcher {
  /** Resolves with the response (any status), or rejects with a one-line reason that names the URL. */
  fetch(url: string, options: { allowPrivate: boolean }): Promise<FetchedResponse>;
  /** Whether fetched responses still have to be written to the day's archive. */
  readonly archives: boolean;
}
