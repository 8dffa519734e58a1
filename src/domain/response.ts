// The records of fetching: what the crawler hands the archive, the store and the extractor. The ground
// floor: imported by every stage, importing nothing of theirs.

/** One HTTP response as fetched: what the WARC archive keeps and the extractor reads. */
export interface FetchedResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** ISO 8601 time of the fetch. */
  fetchedAt: string;
  /**
   * The request, when it was more than a plain GET (a POST, or headers a list API checks such as Referer):
   * archived as a WARC request record before the response, so a replay finds a POST answer by its body.
   */
  request?: FetchedRequest;
}

/** A request as sent: its method, the headers (lower-case names) and the body, empty for a GET. */
export interface FetchedRequest {
  method: string;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * What a request carries beyond its address, when it is more than a plain GET: what a source's entry point
 * asks the fetcher for (a list API's POST and the headers it checks), and the part of the fetcher's options
 * (FetchOptions) that says so.
 */
export interface RequestParts {
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
   * Headers a site's list API checks, sent besides the crawler's own: Referer (the JPaaS build-unit
   * API answers only with its list page as Referer), Accept, X-Requested-With, a rendered page's cookie.
   * Sent on the first hop only: a redirect to another site must not carry one site's cookies. Never the
   * User-Agent: the crawler keeps the name robots.txt rules are matched by. Lower-case names.
   */
  headers?: Record<string, string>;
}
