import { UserError } from '../util/errors.ts';
import type { Fetcher } from './fetcher.ts';
import { readWarcResponses, warcFiles, type FetchedResponse } from './warc.ts';

/**
 * Serves responses from WARC archives by URL. The last full response of a URL wins, as in a re-crawl;
 * a 304 (nothing new then) never hides the body an earlier record holds.
 */
export class ReplayFetcher implements Fetcher {
  private constructor(private readonly responses: Map<string, FetchedResponse>) {}

  static async open(path: string): Promise<ReplayFetcher> {
    const responses = new Map<string, FetchedResponse>();
    for (const file of warcFiles(path)) {
      for await (const response of readWarcResponses(file)) {
        if (response.status !== 304 || !responses.has(response.url)) responses.set(response.url, response);
      }
    }
    return new ReplayFetcher(responses);
  }

  covers(url: string): boolean {
    return this.responses.has(url);
  }

  async fetch(url: string): Promise<FetchedResponse> {
    const response = this.responses.get(url);
    if (!response) throw new UserError(`归档中没有 ${url}`, `not in the archive: ${url}`);
    return response;
  }
}
