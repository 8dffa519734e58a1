import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { dateFromUrl, parseChineseDateTime } from '../extract/date.ts';
import { readTrsPager } from '../extract/pagination.ts';
import { oneLine } from '../extract/text.ts';
import { resolveUrl } from '../util/url.ts';

export interface ListedLink {
  url: string;
  title: string;
  /** The date printed beside the link (or in its URL), ISO 8601, when there is one. */
  listedAt: string | null;
}

/** The element path of a node (tag names with classes), which the items of one list share. */
function shapeOf(node: AnyNode | null): string {
  const parts: string[] = [];
  for (let current = node; current && current.type === 'tag'; current = current.parent) {
    parts.push(`${current.name}.${(current.attribs.class ?? '').trim().split(/\s+/)[0] ?? ''}`);
  }
  return parts.join('<');
}

export interface ListPage {
  links: ListedLink[];
  /** The element path the links share: when it changes between runs, the site changed its layout. */
  shape: string | null;
  /** The next page of the list, when the page links one. */
  next: string | null;
}

function nextPageOf(html: string, $: CheerioAPI, pageUrl: string, nextSelector?: string): string | null {
  const anchor = nextSelector ? $(nextSelector).first() : $('a').filter((_, a) => /^\s*(下一页|下页|后页|next|›|»|>)\s*$/i.test($(a).text())).first();
  const href = anchor.attr('href');
  if (href && !href.startsWith('javascript:') && href !== '#') return resolveUrl(href, pageUrl)?.href ?? null;
  // TRS pages build their pager in script: createPageHTML(pages, current, "index", "html") → index_1.html…
  const trs = readTrsPager(html);
  if (trs && trs.current + 1 < trs.count) return new URL(`${trs.base}_${trs.current + 1}.${trs.ext}`, pageUrl).href;
  return null;
}

/** Reads a list page: its article links, their shape, and the next page. */
export function readListPage(html: string, pageUrl: string, options: { linkSelector?: string; nextSelector?: string } = {}): ListPage {
  const $ = load(html);
  const { links, shape } = articleLinks($, pageUrl, options.linkSelector);
  return { links, shape, next: nextPageOf(html, $, pageUrl, options.nextSelector) };
}

/**
 * Finds the article links of a list page. Given a selector, the links it matches; otherwise the
 * repeated block of dated links: links whose item (li, tr, dd, div) shows a date, grouped by the shape
 * of their item, the largest group winning; navigation rarely carries dates and never in bulk.
 */
function articleLinks($: CheerioAPI, pageUrl: string, linkSelector?: string): { links: ListedLink[]; shape: string | null } {
  const page = new URL(pageUrl);
  const groups = new Map<string, ListedLink[]>();
  const seen = new Set<string>();
  $(linkSelector ?? 'a[href]').each((_, anchor) => {
    const href = $(anchor).attr('href');
    if (!href || href.startsWith('javascript:') || href.startsWith('#')) return;
    const url = resolveUrl(href, page);
    if (!url || !['http:', 'https:'].includes(url.protocol) || seen.has(url.href)) return;
    const title = oneLine($(anchor).attr('title') ?? $(anchor).text());
    if (title.length < 6 && !linkSelector) return;
    const item = $(anchor).closest('li, tr, dd, dl, p, div');
    const itemText = oneLine(item.text());
    const listedAt = parseChineseDateTime(itemText.replace(title, '')) ?? dateFromUrl(url.href);
    if (!listedAt && !linkSelector) return;
    seen.add(url.href);
    const shape = linkSelector ? 'selector' : shapeOf(item.get(0) ?? null);
    const group = groups.get(shape) ?? [];
    group.push({ url: url.href, title, listedAt });
    groups.set(shape, group);
  });
  let best: ListedLink[] = [];
  let shape: string | null = null;
  for (const [groupShape, group] of groups) {
    if (group.length > best.length) [best, shape] = [group, groupShape];
  }
  return { links: best, shape };
}
