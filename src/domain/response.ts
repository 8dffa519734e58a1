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
