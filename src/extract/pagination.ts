import { load } from 'cheerio';
import { resolveUrl } from '../util/url.ts';
import { parseHtml } from './parse.ts';

/**
 * The most pages one document is read from. TRS splits a text every few thousand characters, so a real
 * document rarely runs past a dozen pages; a pager claiming hundreds is a broken template, not a text.
 */
export const maxDocumentPages = 20;

/** The arguments of a TRS pager call: how many pages, which one this is (0 = the first), the base name and extension. */
export interface TrsPager {
  count: number;
  current: number;
  base: string;
  ext: string;
}

/** TRS pages build their pager in script: createPageHTML(pages, current, "t20240618_123", "html"). */
const trsPagerCall = /createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*["']([\w-]+)["']\s*,\s*["'](\w+)["']/;

/**
 * Reads the TRS CMS pager call (createPageHTML(count, current, base, ext)) a page's script makes, on
 * list pages (base "index") and detail pages (base the document's file name) alike; page i ≥ 1 lives
 * at `<base>_<i>.<ext>`, page 0 at `<base>.<ext>`. Returns null when the page makes no such call.
 */
export function readTrsPager(html: string): TrsPager | null {
  const call = trsPagerCall.exec(html);
  if (!call) return null;
  return { count: Number(call[1]), current: Number(call[2]), base: call[3]!, ext: call[4]! };
}

/** A page's file name split as TRS names the pages of one document: `t2024_123_2.html` is page 2 of `t2024_123`. */
interface PageName {
  stem: string;
  index: number;
  ext: string;
}

function fileOf(url: URL): { name: string; ext: string } | null {
  const file = /\/([^/]+)\.(\w+)$/.exec(url.pathname);
  return file ? { name: file[1]!, ext: file[2]! } : null;
}

/** The name of the page at `url` when its pager's base is `stem`: page 0 is the stem itself, page i its `_i`. */
function nameUnder(url: URL, stem: string, ext: string): PageName | null {
  const file = fileOf(url);
  if (!file || file.ext !== ext) return null;
  if (file.name === stem) return { stem, index: 0, ext };
  const suffix = file.name.startsWith(`${stem}_`) ? file.name.slice(stem.length + 1) : '';
  return /^\d+$/.test(suffix) ? { stem, index: Number(suffix), ext } : null;
}

/** Same host and same folder: continuation pages sit beside their first page. */
function sameFolder(a: URL, b: URL): boolean {
  return a.host === b.host && a.pathname.slice(0, a.pathname.lastIndexOf('/')) === b.pathname.slice(0, b.pathname.lastIndexOf('/'));
}

/**
 * The page numbers a plain pager links (下一页, 2, 3…) for this page's document. The document's stem is
 * the page's own file name, or, on a continuation page (`t2024_123_1.html`), that name less its `_N` — taken
 * only when the pager links page 1 of that stem, since document ids end in digits too.
 */
function linkedPages(html: string, page: URL): { name: PageName; indices: number[] } | null {
  const file = fileOf(page);
  if (!file) return null;
  const stems = [file.name];
  const continuation = /^(.+)_(\d+)$/.exec(file.name);
  if (continuation && Number(continuation[2]) < maxDocumentPages) stems.push(continuation[1]!);
  // Most pages link no sibling page: they are not parsed for links at all (an import reads every page this way).
  if (!stems.some((stem) => html.includes(`${stem}_`))) return null;
  const links: URL[] = [];
  // Parsed as the extractor parses it (htmlparser2, nesting capped): parse5 threw on a text of lone
  // surrogate halves, and took seconds on a page nested thousands deep.
  load(parseHtml(html))('a[href]').each((_, anchor) => {
    const url = resolveUrl(anchor.attribs.href ?? '', page);
    if (url && sameFolder(url, page)) links.push(url);
  });
  for (const [i, stem] of stems.entries()) {
    const name = nameUnder(page, stem, file.ext)!;
    const linked = links.map((url) => nameUnder(url, stem, file.ext)?.index).filter((index) => index !== undefined);
    // Read as a continuation page only when the pager links back to page 1: sibling articles art_1_20,
    // art_1_21 of one folder look like pages of art_1 but never link an art_1 page.
    if (i > 0 && !linked.includes(0)) continue;
    const indices = linked.filter((index) => index > 0);
    if (indices.length > 0) return { name, indices };
  }
  return null;
}

/**
 * The addresses of the pages that continue a document, in page order, given one of its pages' HTML and
 * URL. Two pagers are read: the TRS CMS's script call createPageHTML(count, current, base, ext), whose
 * pages are `<base>_<i>.<ext>` for i ≥ 1 (the same rule the list crawler follows for list pages), and plain
 * links (下一页, numbered) to `<base>_<N>.<ext>` pages of the same base name. Only pages after this one are
 * given, never the page itself nor page 1, only on the page's own host and folder, and none past
 * {@link maxDocumentPages}. A TRS call whose base is not this page's file name is another thing's pager
 * (a list's, in a sidebar) and is ignored. Pure; never throws (an invalid `pageUrl` gives no pages).
 */
export function continuationPages(html: string, pageUrl: string): string[] {
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return [];
  }
  if (!/^https?:$/.test(page.protocol)) return [];
  const after = new Set<number>();
  let name: PageName | null = null;
  const trs = readTrsPager(html);
  const trsName = trs ? nameUnder(page, trs.base, trs.ext) : null;
  if (trs && trsName) {
    name = trsName;
    for (let index = trsName.index + 1; index < Math.min(trs.count, maxDocumentPages); index++) after.add(index);
  }
  const linked = linkedPages(html, page);
  if (linked && (!name || linked.name.stem === name.stem)) {
    name ??= linked.name;
    for (const index of linked.indices) after.add(index);
  }
  if (!name) return [];
  const { stem, index: current, ext } = name;
  return [...after]
    .filter((index) => index > current && index < maxDocumentPages)
    .sort((a, b) => a - b)
    .map((index) => new URL(`${stem}_${index}.${ext}`, page).href);
}
