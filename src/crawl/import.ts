import type { Source } from '../config/schema.ts';
import type { Store } from '../store/store.ts';
import { continuationPages } from '../extract/pagination.ts';
import { articleOfResponse, joinContinuations, responseText } from './document.ts';
import { readWarcResponses, warcFiles, type ArchiveDamage, type ArchiveReading } from './warc.ts';
import type { FetchedResponse } from '../domain/response.ts';

export interface ImportReport {
  /** Response records read from the archives. */
  responses: number;
  /** Of those, fetches the store held already (the same archive imported before): nothing was added for them. */
  responsesAlreadyStored: number;
  /** Records whose address is not http(s) (urn:, ftp:, dns:, a malformed one): not stored, and no document. */
  notHttp: number;
  htmlPages: number;
  /** Documents new to the store. */
  documents: number;
  /** Documents the store held already by their address: read again and kept as one. */
  documentsAlreadyStored: number;
  /** Documents whose host is no catalog source's: stored under `web:<host>`. */
  unmatchedHosts: string[];
  /** Documents split over pages some of which the archive lacks, each with the pages missing; present only when there are some. */
  partialDocuments?: { url: string; missing: string[] }[];
  /**
   * Pages with an article's body and title but no publication date anywhere on them (no meta, no 发布时间 line,
   * no date in the address): kept as responses, not as documents, since a brief dates every item; each with its
   * title, so the operator can see which documents the day lost. Present only when there are some.
   */
  undated?: { url: string; title: string }[];
  /** Archives damaged part way: read up to the damage (file and byte offset); present only when there are some. */
  damaged?: ArchiveDamage[];
}

/** The host of an http(s) address, or undefined for any other scheme or an address that does not parse. */
function httpHost(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host !== '' ? parsed.host : undefined;
  } catch {
    return undefined;
  }
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
 * Ingests archives made elsewhere (wget --warc-file, a colleague's crawl): every http(s) response is kept
 * once (a fetch the store holds already is not added again), and every HTML page that reads as an article
 * becomes a document, under the catalog source of its host when one fits. A record whose address is not
 * http(s) is counted and left out: it names no site a document could be of. A document split over pages
 * (TRS createPageHTML) is joined from the pages the archive holds, as the crawl joined it; its continuation
 * pages are not documents of their own. An article page with no date is not stored as a document and is
 * listed in the report (`undated`), never dropped unsaid. A damaged archive is read up to the damage, which `reading.onDamage` is
 * told and the report lists; a body over `reading.maxBytes` once decoded (crawl.maxBytes) stops the import
 * with a line naming it.
 */
export async function importArchives(path: string, sources: readonly Source[], store: Store, runId: number, reading: ArchiveReading = {}): Promise<ImportReport> {
  const byHost = sourcesByHost(sources);
  const report: ImportReport = { responses: 0, responsesAlreadyStored: 0, notHttp: 0, htmlPages: 0, documents: 0, documentsAlreadyStored: 0, unmatchedHosts: [] };
  const unmatched = new Set<string>();
  const partial: NonNullable<ImportReport['partialDocuments']> = [];
  const undated: NonNullable<ImportReport['undated']> = [];
  const damaged: ArchiveDamage[] = [];
  const damage = (found: ArchiveDamage) => {
    damaged.push(found);
    reading.onDamage?.(found);
  };
  // Pages are read once the whole archive is: a document's continuation may be archived before or after it.
  const pages = new Map<string, { response: FetchedResponse; responseId: number; host: string }>();
  for (const file of warcFiles(path)) {
    for await (const response of readWarcResponses(file, { ...reading, onDamage: damage })) {
      report.responses++;
      const host = httpHost(response.url);
      if (!host) {
        report.notHttp++;
        continue;
      }
      const saved = await store.saveResponse(runId, byHost.get(host)?.id ?? null, response);
      if (saved.alreadyStored) report.responsesAlreadyStored++;
      if (response.status !== 200 || !/html/i.test(response.headers['content-type'] ?? '')) continue;
      report.htmlPages++;
      pages.set(response.url, { response, responseId: saved.id, host });
    }
  }
  const continuations = new Set<string>();
  for (const [url, { response }] of pages) for (const next of continuationPages(responseText(response), url)) continuations.add(next);
  for (const [url, { response, responseId, host }] of pages) {
    if (continuations.has(url)) continue;
    const source = byHost.get(host);
    const read = articleOfResponse(response, source);
    if (!('article' in read)) {
      // The title is the page's: no control character of it reaches an operator's terminal.
      if (read.undated) undated.push({ url, title: read.undated.title.replace(/\p{Cc}/gu, '') });
      continue;
    }
    const joined = await joinContinuations(response, read.article, source, async (next) => pages.get(next)?.response);
    if (joined.missing.length > 0) partial.push({ url, missing: joined.missing });
    if (!source) unmatched.add(host);
    if (await store.hasDocument(url)) report.documentsAlreadyStored++;
    else report.documents++;
    await store.saveDocument(source?.id ?? `web:${host}`, url, responseId, joined.article);
  }
  report.unmatchedHosts = [...unmatched].sort();
  if (partial.length > 0) report.partialDocuments = partial;
  if (undated.length > 0) report.undated = undated;
  if (damaged.length > 0) report.damaged = damaged;
  return report;
}
