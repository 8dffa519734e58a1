import { UserError } from '../util/errors.ts';
import type { Fetcher } from './fetcher.ts';
import { readWarcResponses, warcFiles, type FetchedResponse } from './warc.ts';

/** Serves responses from WARC archives by URL; the last record of a URL wins, as in a re-crawl. */
export class ReplayFetcher implements Fetcher {
  readonly archives = false;
  private constructor(private readonly responses: Map<string, FetchedResponse>) {}

  static async open(path: string): Promise<ReplayFetcher> {
    const responses = new Map<string, FetchedResponse>();
    for (const file of warcFiles(path)) {
      for await (const response of readWarcResponses(file)) responses.set(response.url, response);
    }
    return new ReplayFetcher(responses);
  }

  get size(): number {
    return this.responses.size;
  }

  urls(): string[] {
    return [...this.responses.keys()];
  }

  async fetch(url: string): Promise<FetchedResponse> {
    const response = this.responses.get(url);
    if (!response) throw new UserError(`归档中没有 ${url}`, `not in the archive: ${url}`);
    return response;
  }
}
