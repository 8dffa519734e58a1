import { UserError } from '../util/errors.ts';
import { requestKey, type FetchOptions, type Fetcher } from './fetcher.ts';
import { readWarcRecords, warcFiles, type ArchiveReading } from './warc.ts';
import type { FetchedResponse } from '../domain/response.ts';

/** Redirects a rendering is looked for behind: as many as a browser would follow (Chromium stops at 20). */
const MAX_RENDER_REDIRECTS = 20;

/**
 * Serves responses from WARC archives by request: a GET by its URL, a POST by its URL and body (see
 * requestKey), read from the request record archived before it. The last full response of a request wins,
 * as in a re-crawl; a 304 (nothing new then) never hides the body an earlier record holds. A page read
 * with `render` (a list of a `fetch: browser` source) is served as the browser rendered it — the archive's
 * `conversion` record — without launching a browser.
 */
export class ReplayFetcher implements Fetcher {
  private constructor(
    private readonly responses: Map<string, FetchedResponse>,
    private readonly urls: Set<string>,
    private readonly renderings: Map<string, FetchedResponse>,
  ) {}

  /**
   * Reads every archive at `path` (a file, or a folder's .warc/.warc.gz files in name order), each body at
   * most `reading.maxBytes` once decoded. A damaged file is read up to the damage and `reading.onDamage` is
   * told; without it the damage is a UserError.
   */
  static async open(path: string, reading: ArchiveReading = {}): Promise<ReplayFetcher> {
    const responses = new Map<string, FetchedResponse>();
    const urls = new Set<string>();
    const renderings = new Map<string, FetchedResponse>();
    for (const file of warcFiles(path)) {
      for await (const { type, response } of readWarcRecords(file, reading)) {
        urls.add(response.url);
        if (type === 'conversion') {
          renderings.set(response.url, response);
          continue;
        }
        const key = requestKey(response.url, response.request?.method, response.request?.body);
        if (response.status !== 304 || !responses.has(key)) responses.set(key, response);
      }
    }
    return new ReplayFetcher(responses, urls, renderings);
  }

  /** Whether the archive holds any response from this address, asked for by any method. */
  covers(url: string): boolean {
    return this.urls.has(url);
  }

  /**
   * The archived response of a request: a GET by its URL, a POST by its URL and body. With `render`, the
   * rendering of the page, found behind the redirects the browser followed to it; an archive made when the
   * source was read over plain HTTP has none, and then the page is served as it was read that day. Throws a
   * UserError naming a request the archive lacks.
   */
  async fetch(url: string, options?: FetchOptions): Promise<FetchedResponse> {
    if (options?.render) {
      let current = url;
      for (let hop = 0; hop <= MAX_RENDER_REDIRECTS; hop++) {
        const rendering = this.renderings.get(current);
        if (rendering) return rendering;
        const archived = this.responses.get(current);
        const location = archived && archived.status >= 300 && archived.status < 400 ? archived.headers.location : undefined;
        if (!location) break;
        current = new URL(location, current).href;
      }
    }
    const response = this.responses.get(requestKey(url, options?.method, options?.body));
    if (!response && options?.method === 'POST') {
      const body = (options.body ?? '').slice(0, 200);
      throw new UserError(`归档中没有 POST ${url}（请求体 ${body}）`, `not in the archive: POST ${url} (body ${body})`);
    }
    if (!response) throw new UserError(`归档中没有 ${url}`, `not in the archive: ${url}`);
    return response;
  }
}
