import { extractFromJson, extractFromXml } from '@extractus/feed-extractor';
import { parseChineseDateTime } from '../extract/date.ts';
import { oneLine } from '../extract/text.ts';
import { UserError } from '../util/errors.ts';
import type { ListedLink } from './listPage.ts';
import { resolveUrl } from '../util/url.ts';

/** The date fields of RSS 2.0, Atom, RSS 1.0 (Dublin Core) and JSON Feed, as the feed wrote them. */
function rawDate(entry: Record<string, unknown>): string | undefined {
  for (const key of ['pubDate', 'published', 'updated', 'dc:date', 'date_published', 'date_modified']) {
    const value = entry[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return undefined;
}

/**
 * The items of an RSS 2.0, Atom or JSON Feed document. Dates are read from the feed's own text, so a
 * date without a zone (common on Chinese sites) is taken as Shanghai time, not as the machine's.
 */
export function readFeed(text: string, feedUrl: string): ListedLink[] {
  const json = text.trimStart().startsWith('{');
  const options = { normalization: true, baseUrl: feedUrl, getExtraEntryFields: (entry: Record<string, unknown>) => ({ rawDate: rawDate(entry) }) };
  let feed: ReturnType<typeof extractFromXml>;
  try {
    feed = json ? extractFromJson(text, options) : extractFromXml(text, options);
  } catch (err) {
    throw new UserError(`订阅源 ${feedUrl} 无法解析：${(err as Error).message}`, `feed ${feedUrl} cannot be parsed: ${(err as Error).message}`);
  }
  const links: ListedLink[] = [];
  for (const entry of feed.entries ?? []) {
    const url = entry.link ? resolveUrl(entry.link, feedUrl)?.href : undefined;
    if (!url) continue;
    const date = (entry as { rawDate?: string }).rawDate;
    links.push({ url, title: oneLine(entry.title ?? ''), listedAt: date ? parseChineseDateTime(date) : null });
  }
  return links;
}
