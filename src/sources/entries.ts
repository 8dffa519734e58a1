import type { EntryPoint } from '../config/schema.ts';
import { apiRequest, readApiList } from './api.ts';
import { buildUnitLinks, buildUnitRequest, hasBuildUnit } from './buildunit.ts';
import { readFeed } from './feed.ts';
import { hanwebLinks, hanwebPageRequest, hanwebRecords, hasHanwebDatastore, readHanwebColumn } from './hanweb.ts';
import { readListPage, type ListedLink } from './listPage.ts';
import { UserError } from '../util/errors.ts';
import type { EntryRequest, EntryResponse, FetchEntryPage } from './request.ts';

/** The list formats read by an adapter rather than from a page's links: Hanweb columns and JPaaS build units. */
export type ListFormat = 'hanweb' | 'buildunit';

/**
 * The list format a page's markup shows, or null for a page whose list is its links: a Hanweb datastore
 * (<script type="text/xml"><datastore>…) or a JPaaS build unit (<script parseType="buildstatic" queryData=…>).
 */
export function recogniseListFormat(html: string): ListFormat | null {
  if (hasHanwebDatastore(html)) return 'hanweb';
  if (hasBuildUnit(html)) return 'buildunit';
  return null;
}

/** What an entry point gave. */
export interface EntryRead {
  links: ListedLink[];
  /** The element path the links share on the first page read: when it changes between runs, the site changed its layout. */
  shape: string | null;
  /** The adapter that read the list: the entry's type, or the format recognised on a `list` page; null for plain lists, feeds and APIs. */
  format: ListFormat | null;
  /** The entry's list answered as it did on the last run: nothing was read. */
  unchanged: boolean;
  /** The request that failed or could not be read, and why; the links of the pages before it are kept. */
  failure: { url: string; error: unknown } | null;
}

/** The first request of an entry point: its page, or for an `api` entry the GET or POST its settings describe. */
export function firstRequest(entry: EntryPoint): EntryRequest {
  if (entry.type === 'api') return apiRequest(entry);
  return { url: entry.url, watch: true };
}

/**
 * Reads an entry point, by its type and by what its page turns out to be: a list page's links page after
 * page (下一页, TRS pagers); a feed; a JSON API; a Hanweb column's datastore and then its dataproxy.jsp groups;
 * a JPaaS page's build-unit API. A `list` page without a linkSelector that holds a Hanweb datastore or a
 * build unit is read as that format (recogniseListFormat). `fetchPage` gets every page (`first` is the
 * answer to the first request when the caller has it already). A page that fails or cannot be read ends the
 * entry, with the links of the pages before it kept; an unchanged answer to the request that holds the list
 * ends it as unchanged. Never throws: a failure is in the result.
 */
export async function readEntryPoint(entry: EntryPoint, fetchPage: FetchEntryPage, first?: EntryResponse): Promise<EntryRead> {
  const read: EntryRead = { links: [], shape: null, format: null, unchanged: false, failure: null };
  const request = firstRequest(entry);
  // The request being fetched or read: what a failure names.
  let at = request.url;
  const get: FetchEntryPage = (next) => {
    at = next.url;
    return fetchPage(next);
  };
  try {
    const page = first ?? (await get(request));
    if (page) await readFrom(entry, page, get, read);
  } catch (error) {
    read.failure = { url: at, error };
  }
  return read;
}

/** Reads an entry from its first page into `read`, fetching what else its format needs. */
async function readFrom(entry: EntryPoint, page: EntryResponse, get: FetchEntryPage, read: EntryRead): Promise<void> {
  if (entry.type === 'rss' || entry.type === 'api') {
    if (page.unchanged) read.unchanged = true;
    else read.links = entry.type === 'rss' ? readFeed(page.text, page.url) : readApiList(page.text, page.url, entry);
    return;
  }
  read.format = entry.type === 'list' ? (entry.linkSelector ? null : recogniseListFormat(page.text)) : entry.type;
  // The shell of a build unit rarely changes: whether the list did is for the unit's answer to say.
  if (read.format === 'buildunit') return readBuildUnit(page, get, read);
  if (page.unchanged) {
    read.unchanged = true;
    return;
  }
  const maxPages = entry.type === 'buildunit' ? 1 : entry.maxPages;
  if (read.format === 'hanweb') return readHanweb(page, maxPages, get, read);
  const options = entry.type === 'list' ? { linkSelector: entry.linkSelector, nextSelector: entry.nextSelector } : {};
  for (let n = 0; ; n++) {
    const listed = readListPage(page.text, page.url, options);
    read.links.push(...listed.links);
    if (n === 0) read.shape = listed.shape;
    if (!listed.next || n + 1 >= maxPages) return;
    const next = await get({ url: listed.next });
    if (!next) return;
    page = next;
  }
}

/** A JPaaS page: its build unit's API asked with the page as Referer, the links read from the answer's data.html. */
async function readBuildUnit(shell: EntryResponse, get: FetchEntryPage, read: EntryRead): Promise<void> {
  const answer = await get(buildUnitRequest(shell.text, shell.url));
  if (!answer) return;
  if (answer.unchanged) {
    read.unchanged = true;
    return;
  }
  const listed = buildUnitLinks(answer.text, answer.url, shell.url);
  read.links.push(...listed.links);
  read.shape = listed.shape;
}

/**
 * A Hanweb column: the records of its page, then for each further page a dataproxy.jsp POST of the group of
 * records after them (as many as the page held, else three pages' worth, as jpage asks), until a group
 * comes back empty or the column's total is reached. Throws a UserError naming the address when a dataproxy
 * answer is not a datastore.
 */
async function readHanweb(page: EntryResponse, maxPages: number, get: FetchEntryPage, read: EntryRead): Promise<void> {
  const column = readHanwebColumn(page.text, page.url);
  const listed = hanwebLinks(column.records, page.url);
  read.links.push(...listed.links);
  read.shape = listed.shape;
  const group = column.records.length || column.perPage * 3;
  let { total } = column;
  for (let n = 1, end = column.records.length; n < maxPages && (total === null || end < total); n++, end += group) {
    const answer = await get(hanwebPageRequest(column, page.url, end + 1, end + group));
    if (!answer) return;
    if (!/<datastore\b/i.test(answer.text)) {
      throw new UserError(`大汉 dataproxy ${answer.url} 的回答不是 datastore`, `Hanweb dataproxy ${answer.url} did not answer a datastore`);
    }
    const found = hanwebRecords(answer.text);
    if (found.records.length === 0) return;
    read.links.push(...hanwebLinks(found.records, page.url).links);
    total = found.total ?? total;
  }
}
