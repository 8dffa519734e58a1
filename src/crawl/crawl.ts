import type { Source } from '../config/schema.ts';
import { extractArticle } from '../extract/article.ts';
import { findArticleLinks } from '../sources/listPage.ts';
import type { SqliteStore } from '../store/sqlite.ts';
import { errorLine } from '../util/errors.ts';
import { decodeHtml } from './charset.ts';
import type { Fetcher } from './fetcher.ts';
import type { FetchedResponse, WarcWriter } from './warc.ts';

export interface SourceFailure {
  sourceId: string;
  url: string;
  reason: string;
}

export interface CrawlReport {
  sourcesRead: number;
  pagesFetched: number;
  documentsKept: number;
  failures: SourceFailure[];
}

export interface CrawlContext {
  fetcher: Fetcher;
  store: SqliteStore;
  runId: number;
  /** The day's archive; every live response is appended to it before it is parsed. */
  archive?: WarcWriter;
  maxArticlesPerSource: number;
  /** How many sources are read at once (each host is still read one request at a time). */
  concurrency?: number;
}

class SourceCrawl {
  pagesFetched = 0;
  /** Addresses of the documents stored: two links that redirect to one page keep one document. */
  readonly keptUrls = new Set<string>();
  readonly failures: SourceFailure[] = [];
  constructor(private readonly source: Source, private readonly context: CrawlContext) {}

  /** Fetches, archives and stores the raw response; a failure is recorded, never thrown. */
  private async get(url: string): Promise<{ response: FetchedResponse; responseId: number } | undefined> {
    const { fetcher, archive, store, runId } = this.context;
    let response: FetchedResponse;
    try {
      response = await fetcher.fetch(url, { allowPrivate: this.source.allowPrivate });
    } catch (err) {
      this.failures.push({ sourceId: this.source.id, url, reason: errorLine(err) });
      return undefined;
    }
    this.pagesFetched++;
    if (fetcher.archives && archive) await archive.append(response);
    const responseId = store.saveResponse(runId, this.source.id, response);
    if (response.status !== 200) {
      this.failures.push({ sourceId: this.source.id, url, reason: `HTTP ${response.status}` });
      return undefined;
    }
    return { response, responseId };
  }

  async run(): Promise<void> {
    for (const entry of this.source.entries) {
      const list = await this.get(entry.url);
      if (!list) continue;
      const links = findArticleLinks(decodeHtml(list.response.body, list.response.headers['content-type']).text, entry.url, entry.type === 'list' ? entry.linkSelector : undefined);
      if (links.length === 0) this.failures.push({ sourceId: this.source.id, url: entry.url, reason: '列表页中未找到文章链接 (no article links on the list page)' });
      for (const link of links.slice(0, this.context.maxArticlesPerSource)) await this.readArticle(link.url);
    }
  }

  private async readArticle(url: string): Promise<void> {
    const page = await this.get(url);
    if (!page) return;
    try {
      const { text } = decodeHtml(page.response.body, page.response.headers['content-type']);
      // After a redirect the document lives at the address that served it.
      const documentUrl = page.response.url;
      const article = extractArticle(text, documentUrl, this.source);
      if (article.kind !== 'article') {
        this.failures.push({ sourceId: this.source.id, url, reason: '页面没有正文 (no article body)' });
        return;
      }
      if (!article.publishedAt) {
        this.failures.push({ sourceId: this.source.id, url, reason: '页面没有发布日期 (no publication date)' });
        return;
      }
      this.context.store.saveDocument(this.source.id, documentUrl, page.responseId, article);
      this.keptUrls.add(documentUrl);
    } catch (err) {
      this.failures.push({ sourceId: this.source.id, url, reason: `解析失败 (extraction failed): ${errorLine(err)}` });
    }
  }
}

/** Reads every source's entry points and articles; one failing source never stops the others. */
export async function crawlSources(sources: readonly Source[], context: CrawlContext): Promise<CrawlReport> {
  const report: CrawlReport = { sourcesRead: 0, pagesFetched: 0, documentsKept: 0, failures: [] };
  const kept = new Set<string>();
  const queue = [...sources];
  const worker = async () => {
    for (let source = queue.shift(); source; source = queue.shift()) {
      const crawl = new SourceCrawl(source, context);
      await crawl.run();
      report.sourcesRead++;
      report.pagesFetched += crawl.pagesFetched;
      for (const url of crawl.keptUrls) kept.add(url);
      report.documentsKept = kept.size;
      report.failures.push(...crawl.failures);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, context.concurrency ?? 8) }, worker));
  report.failures.sort((a, b) => a.sourceId.localeCompare(b.sourceId) || a.url.localeCompare(b.url));
  return report;
}
