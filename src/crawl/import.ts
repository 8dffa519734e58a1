import type { Source } from '../config/schema.ts';
import type { SqliteStore } from '../store/sqlite.ts';
import { continuationPages } from '../extract/pagination.ts';
import { articleOfResponse, joinContinuations, responseText } from './document.ts';
import { readWarcResponses, warcFiles, type FetchedResponse } from './warc.ts';

export interface ImportReport {
  responses: number;
  htmlPages: number;
  documents: number;
  /** Documents whose host is no catalog source's: stored under `web:<host>`. */
  unmatchedHosts: string[];
  /** Documents split over pages some of which the archive lacks, each with the pages missing; present only when there are some. */
  partialDocuments?: { url: string; missing: string[] }[];
}

/** The catalog source that owns a host: by the hosts of its homepage and entry points. */
export function sourcesByHost(sources: readonly Source[]): Map<string, Source> {
  const byHost = new Map<string, Source>();
  for (const source of sources) {
    for (const url of [source.homepage, ...source.entries.map((e) => e.url)]) {
      const host = new URL(url).host;
      if (!byHost.has(host)) byHost.set(host, source);
    }
  }
  return byHost;
}

/**
 * Ingests archives made elsewhere (wget --warc-file, a colleague's crawl): every response is kept, and
 * every HTML page that reads as an article becomes a document, under the catalog source of its host
 * when one fits. A document split over pages (TRS createPageHTML) is joined from the pages the archive
 * holds, as the crawl joined it; its continuation pages are not documents of their own. A body over
 * `maxBytes` once decoded (crawl.maxBytes) stops the import with a line naming it.
 */
export async function importArchives(path: string, sources: readonly Source[], store: SqliteStore, runId: number, maxBytes?: number): Promise<ImportReport> {
  const byHost = sourcesByHost(sources);
  const report: ImportReport = { responses: 0, htmlPages: 0, documents: 0, unmatchedHosts: [] };
  const unmatched = new Set<string>();
  const partial: NonNullable<ImportReport['partialDocuments']> = [];
  // Pages are read once the whole archive is: a document's continuation may be archived before or after it.
  const pages = new Map<string, { response: FetchedResponse; responseId: number; host: string }>();
  for (const file of warcFiles(path)) {
    for await (const response of readWarcResponses(file, maxBytes)) {
      report.responses++;
      let host: string;
      try {
        host = new URL(response.url).host;
      } catch {
        continue;
      }
      const responseId = store.saveResponse(runId, byHost.get(host)?.id ?? null, response).id;
      if (response.status !== 200 || !/html/i.test(response.headers['content-type'] ?? '')) continue;
      report.htmlPages++;
      pages.set(response.url, { response, responseId, host });
    }
  }
  const continuations = new Set<string>();
  for (const [url, { response }] of pages) for (const next of continuationPages(responseText(response), url)) continuations.add(next);
  for (const [url, { response, responseId, host }] of pages) {
    if (continuations.has(url)) continue;
    const source = byHost.get(host);
    const read = articleOfResponse(response, source);
    if (!('article' in read)) continue;
    const joined = await joinContinuations(response, read.article, source, async (next) => pages.get(next)?.response);
    if (joined.missing.length > 0) partial.push({ url, missing: joined.missing });
    if (!source) unmatched.add(host);
    store.saveDocument(source?.id ?? `web:${host}`, url, responseId, joined.article);
    report.documents++;
  }
  report.unmatchedHosts = [...unmatched].sort();
  if (partial.length > 0) report.partialDocuments = partial;
  return report;
}
