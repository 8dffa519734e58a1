import type { Source } from '../config/schema.ts';
import type { SqliteStore } from '../store/sqlite.ts';
import { articleOfResponse } from './document.ts';
import { readWarcResponses, warcFiles } from './warc.ts';

export interface ImportReport {
  responses: number;
  htmlPages: number;
  documents: number;
  /** Documents whose host is no catalog source's: stored under `web:<host>`. */
  unmatchedHosts: string[];
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
 * when one fits.
 */
export async function importArchives(path: string, sources: readonly Source[], store: SqliteStore, runId: number): Promise<ImportReport> {
  const byHost = sourcesByHost(sources);
  const report: ImportReport = { responses: 0, htmlPages: 0, documents: 0, unmatchedHosts: [] };
  const unmatched = new Set<string>();
  for (const file of warcFiles(path)) {
    for await (const response of readWarcResponses(file)) {
      report.responses++;
      let host: string;
      try {
        host = new URL(response.url).host;
      } catch {
        continue;
      }
      const source = byHost.get(host);
      const responseId = store.saveResponse(runId, source?.id ?? null, response).id;
      if (response.status !== 200 || !/html/i.test(response.headers['content-type'] ?? '')) continue;
      report.htmlPages++;
      const read = articleOfResponse(response, source);
      if (!('article' in read)) continue;
      if (!source) unmatched.add(host);
      store.saveDocument(source?.id ?? `web:${host}`, response.url, responseId, read.article);
      report.documents++;
    }
  }
  report.unmatchedHosts = [...unmatched].sort();
  return report;
}
