import type { EntryPoint, Source } from '../config/schema.ts';
import { responseText } from '../crawl/document.ts';
import { rendersInBrowser } from '../crawl/browser.ts';
import type { Fetcher } from '../crawl/fetcher.ts';
import { errorLine } from '../util/errors.ts';
import { readEntryPage } from './entries.ts';

export interface EntryCheck {
  url: string;
  type: EntryPoint['type'];
  status: number | null;
  links: number;
  datedLinks: number;
  newest: string | null;
  error: string | null;
}

export interface SourceCheck {
  sourceId: string;
  name: string;
  /** Every entry point answered with dated article links. */
  ok: boolean;
  entries: EntryCheck[];
}

/** Reads each entry point of a source once and says what it found: the test `verified: true` stands for. */
export async function checkSource(source: Source, fetcher: Fetcher): Promise<SourceCheck> {
  const entries: EntryCheck[] = [];
  for (const entry of source.entries) {
    const check: EntryCheck = { url: entry.url, type: entry.type, status: null, links: 0, datedLinks: 0, newest: null, error: null };
    try {
      const response = await fetcher.fetch(entry.url, { allowPrivate: source.allowPrivate, robots: source.robots, render: rendersInBrowser(source, entry) });
      check.status = response.status;
      if (response.status !== 200) check.error = `HTTP ${response.status}`;
      else {
        const { links } = readEntryPage(entry, responseText(response), response.url);
        const dates = links.map((l) => l.listedAt).filter((d): d is string => d !== null).sort((a, b) => new Date(b).getTime() - new Date(a).getTime());
        Object.assign(check, { links: links.length, datedLinks: dates.length, newest: dates[0] ?? null });
        if (dates.length === 0) check.error = '未找到带日期的文章链接 (no dated article links)';
      }
    } catch (err) {
      check.error = errorLine(err);
    }
    entries.push(check);
  }
  return { sourceId: source.id, name: source.name, ok: entries.every((e) => e.error === null), entries };
}
