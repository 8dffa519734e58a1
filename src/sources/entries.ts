import type { EntryPoint } from '../config/schema.ts';
import { readApiList } from './api.ts';
import { readFeed } from './feed.ts';
import { readListPage, type ListPage } from './listPage.ts';

/** One page of an entry point, read by its type: the links, and for lists their shape and the next page. */
export function readEntryPage(entry: EntryPoint, text: string, url: string): ListPage {
  if (entry.type === 'rss') return { links: readFeed(text, url), shape: null, next: null };
  if (entry.type === 'api') return { links: readApiList(text, url, entry), shape: null, next: null };
  return readListPage(text, url, { linkSelector: entry.linkSelector, nextSelector: entry.nextSelector });
}
