import type { EntryPoint, Source } from '../config/schema.ts';
import { responseText } from '../crawl/document.ts';
import type { Fetcher } from '../crawl/fetcher.ts';
import { errorLine, UserError } from '../util/errors.ts';
import { firstRequest, readEntryPoint, type ListFormat } from './entries.ts';
import { requestOptions, type EntryRequest, type EntryResponse } from './request.ts';

export interface EntryCheck {
  url: string;
  type: EntryPoint['type'];
  status: number | null;
  links: number;
  datedLinks: number;
  newest: string | null;
  error: string | null;
  /** The list format the entry was read as (its type, or recognised on a `list` page): hanweb, buildunit, or null. */
  format: ListFormat | null;
}

export interface SourceCheck {
  sourceId: string;
  name: string;
  /** Every entry point answered with dated article links. */
  ok: boolean;
  entries: EntryCheck[];
}

/** A further page of an entry (a Hanweb group, a build unit's API), for the check: an answer other than 200 is the entry's error. */
async function checkPage(fetcher: Fetcher, source: Source, request: EntryRequest): Promise<EntryResponse> {
  const response = await fetcher.fetch(request.url, { allowPrivate: source.allowPrivate, robots: source.robots, ...requestOptions(request) });
  if (response.status !== 200) throw new UserError(`HTTP ${response.status}：${request.url}`, `HTTP ${response.status}: ${request.url}`);
  return { url: response.url, text: responseText(response), unchanged: false };
}

/** Reads each entry point of a source once and says what it found: the test `verified: true` stands for. */
export async function checkSource(source: Source, fetcher: Fetcher): Promise<SourceCheck> {
  const entries: EntryCheck[] = [];
  for (const entry of source.entries) {
    const check: EntryCheck = { url: entry.url, type: entry.type, status: null, links: 0, datedLinks: 0, newest: null, error: null, format: null };
    try {
      const first = firstRequest(entry);
      const response = await fetcher.fetch(first.url, { allowPrivate: source.allowPrivate, robots: source.robots, ...requestOptions(first) });
      check.status = response.status;
      if (response.status !== 200) check.error = `HTTP ${response.status}`;
      else {
        const read = await readEntryPoint(entry, (request) => checkPage(fetcher, source, request), { url: response.url, text: responseText(response), unchanged: false });
        const { links } = read;
        check.format = read.format;
        const dates = links.map((l) => l.listedAt).filter((d): d is string => d !== null).sort((a, b) => new Date(b).getTime() - new Date(a).getTime());
        Object.assign(check, { links: links.length, datedLinks: dates.length, newest: dates[0] ?? null });
        // A later page that failed (a Hanweb group, a build unit's API) is the entry's error, beside what came before it.
        if (read.failure) check.error = errorLine(read.failure.error);
        else if (dates.length === 0) check.error = '未找到带日期的文章链接 (no dated article links)';
      }
    } catch (err) {
      check.error = errorLine(err);
    }
    entries.push(check);
  }
  return { sourceId: source.id, name: source.name, ok: entries.every((e) => e.error === null), entries };
}
