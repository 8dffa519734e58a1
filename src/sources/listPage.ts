import { load } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { dateFromUrl, parseChineseDateTime } from '../extract/date.ts';
import { oneLine } from '../extract/text.ts';

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

/**
 * Finds the article links of a list page. Given a selector, the links it matches; otherwise the
 * repeated block of dated links: links whose item (li, tr, dd, div) shows a date, grouped by the shape
 * of their item, the largest group winning; navigation rarely carries dates and never in bulk.
 */
export function findArticleLinks(html: string, pageUrl: string, linkSelector?: string): ListedLink[] {
  const $ = load(html);
  const page = new URL(pageUrl);
  const groups = new Map<string, ListedLink[]>();
  const seen = new Set<string>();
  $(linkSelector ?? 'a[href]').each((_, anchor) => {
    const href = $(anchor).attr('href');
    if (!href || href.startsWith('javascript:') || href.startsWith('#')) return;
    let url: URL;
    try {
      url = new URL(href, page);
    } catch {
      return;
    }
    if (!['http:', 'https:'].includes(url.protocol) || seen.has(url.href)) return;
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
  for (const group of groups.values()) if (group.length > best.length) best = group;
  return best;
}
