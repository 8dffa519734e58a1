import type { Source } from '../config/schema.ts';
import { readAt, responseText } from '../crawl/document.ts';
import { requestKey, type FetchOptions, type Fetcher } from '../crawl/fetcher.ts';
import type { FetchedResponse } from '../domain/response.ts';
import { extractArticle } from '../extract/article.ts';
import { errorLine } from '../util/errors.ts';
import type { Lang } from '../util/i18n.ts';
import { redactSecrets } from '../util/secrets.ts';
import { checkSource, type EntryCheck } from './sourceCheck.ts';
import { readEntryPoint } from '../sources/entries.ts';
import type { ListedLink } from '../sources/listPage.ts';
import { requestOptions } from '../sources/request.ts';

/** What the extractor made of the first article a preview read. */
export interface PreviewArticle {
  url: string;
  /** The extractor's verdict: an article, or a page with too little body (a list, an index, an error page). */
  kind: 'article' | 'not-article';
  title: string;
  /** ISO 8601 with its offset, or null when the page gives no date (the crawl would not keep it). */
  publishedAt: string | null;
  publisher: string | null;
  docNumber: string | null;
  /** The body's first paragraphs (at most PREVIEW_PARAGRAPHS) and how many it has in all. */
  paragraphs: string[];
  paragraphCount: number;
}

/** What a candidate source's first entry point gives, as `sources check` and the crawl would read it. */
export interface SourcePreview {
  /** The check of the entry: its finding (ok, empty, http, challenge, a network failure …) and its one-line detail. */
  check: EntryCheck;
  /**
   * Whether the list page was read (it answered 200): only then do `links` (and `article`) say anything
   * about the page. A site that could not be reached, refused or answered an error leaves it false.
   */
  listRead: boolean;
  /** The links list detection found (every page read), in the page's order; [] when the list was not read. */
  links: ListedLink[];
  /** The first link's article; `error` (one line) when it could not be fetched; null when there was no link. */
  article: PreviewArticle | { url: string; error: string } | null;
}

/** Paragraphs of the first article a preview shows. */
export const PREVIEW_PARAGRAPHS = 3;

/**
 * A fetcher that asks `inner` once per request (method, URL, body) and answers repeats from memory, so the
 * preview reads the check's pages again for their links without a second request to the site.
 */
class RememberingFetcher implements Fetcher {
  private readonly answers = new Map<string, Promise<FetchedResponse>>();
  constructor(private readonly inner: Fetcher) {}

  fetch(url: string, options: FetchOptions): Promise<FetchedResponse> {
    const key = requestKey(url, options.method, options.body);
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.inner.fetch(url, options);
      this.answers.set(key, answer);
    }
    return answer;
  }
}

/**
 * Previews a source not yet in the catalog (its first entry point): the `sources check` of the entry
 * (sourceCheck.ts), the links its list reader finds (entries.ts: list detection, Hanweb, build units), and the
 * first link's article as the extractor reads it. Every request goes through `fetcher` with the source's
 * allowPrivate and robots settings, so the crawler's address guard, robots.txt and size and time limits
 * apply. Never throws for what the site does: failures are in the result, in `lang`.
 */
export async function previewSource(source: Source, fetcher: Fetcher, lang: Lang): Promise<SourcePreview> {
  const remembering = new RememberingFetcher(fetcher);
  const entry = source.entries[0]!;
  const checked = await checkSource({ ...source, entries: [entry] }, remembering, lang);
  const check = checked.entries[0]!;
  const options = { allowPrivate: source.allowPrivate, robots: source.robots };
  let links: ListedLink[] = [];
  // The list answered 200 (a robots.txt 5xx is never 200), or gave links before a later page of it failed.
  const listRead = check.status === 200 || check.links > 0;
  if (listRead) {
    // The same pages again, from memory: the check counts links, the preview lists them.
    const read = await readEntryPoint(entry, async (request) => {
      const response = await remembering.fetch(request.url, { ...options, ...requestOptions(request) });
      return response.status === 200 ? { url: response.url, text: responseText(response), unchanged: false } : undefined;
    });
    links = read.links;
  }
  const first = links[0];
  if (!first) return { check, listRead, links, article: null };
  try {
    const response = await fetcher.fetch(first.url, options);
    if (response.status !== 200) return { check, listRead, links, article: { url: first.url, error: `HTTP ${response.status}` } };
    const article = extractArticle(responseText(response), response.url, { name: source.name, aliases: source.aliases }, readAt(response));
    return {
      check,
      listRead,
      links,
      article: {
        url: response.url,
        kind: article.kind,
        title: article.title,
        publishedAt: article.publishedAt,
        publisher: article.publisher,
        docNumber: article.docNumber,
        paragraphs: article.paragraphs.slice(0, PREVIEW_PARAGRAPHS),
        paragraphCount: article.paragraphs.length,
      },
    };
  } catch (err) {
    return { check, listRead, links, article: { url: first.url, error: redactSecrets(errorLine(err, lang)) } };
  }
}
