import { UserError } from '../util/errors.ts';
import { requestKey, type FetchOptions, type Fetcher } from './fetcher.ts';
import { readWarcResponses, warcFiles, type FetchedResponse } from './warc.ts';

/**
 * Serves responses from WARC archives by request: a GET by its URL, a POST by its URL and body (see
 * requestKey), read from the request record archived before it. The last full response of a request wins,
 * as in a re-crawl; a 304 (nothing new then) never hides the body an earlier record holds.
 */
export class ReplayFetcher implements Fetcher {
  private constructor(
    private readonly responses: Map<string, FetchedResponse>,
    private readonly urls: Set<string>,
  ) {}

  static async open(path: string): Promise<ReplayFetcher> {
    const responses = new Map<string, FetchedResponse>();
    const urls = new Set<string>();
    for (const file of warcFiles(path)) {
      for await (const response of readWarcResponses(file)) {
        const key = requestKey(response.url, response.request?.method, response.request?.body);
        if (response.status !== 304 || !responses.has(key)) responses.set(key, response);
        urls.add(response.url);
      }
    }
    return new ReplayFetcher(responses, urls);
  }

  /** Whether the archive holds any response from this address, asked for by any method. */
  covers(url: string): boolean {
    return this.urls.has(url);
  }

  async fetch(url: string, options?: FetchOptions): Promise<FetchedResponse> {
    const response = this.responses.get(requestKey(url, options?.method, options?.body));
    if (!response && options?.method === 'POST') {
      const body = (options.body ?? '').slice(0, 200);
      throw new UserError(`归档中没有 POST ${url}（请求体 ${body}）`, `not in the archive: POST ${url} (body ${body})`);
    }
    if (!response) throw new UserError(`归档中没有 ${url}`, `not in the archive: ${url}`);
    return response;
  }
}
