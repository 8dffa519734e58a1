import { UserError } from '../util/errors.ts';
import { resolveUrl } from '../util/url.ts';
import { readListPage, type ListPage } from './listPage.ts';
import { formBody, formContentType, type EntryRequest } from './request.ts';

/**
 * Hanweb (大汉) CMS columns, /col/colNNN/index.html (浙江, 江苏, 山东, 杭州 and cnipa's sites): the list is not
 * in the page's markup but in a datastore the page's script (jpage) turns into markup,
 *
 *   <div id="UNITID"><script type="text/xml"><datastore>
 *     <nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=…&columnid=…&unitid=…"></a>]]></nextgroup>
 *     <recordset><record><![CDATA[<li><a href="/art/2026/8/12/art_74_207698.html">…</a><span>2026-08-12</span></li>]]></record>…
 *   </recordset></datastore></script></div>
 *   <script>var param_UNITID = {col:1,appid:1,webid:…,path:'/',columnid:…,sourceContentType:1,unitid:'UNITID',…};
 *     $('#UNITID').jpage({ totalRecord: 4895, perPage: 15, proxyUrl: '/module/web/jpage/dataproxy.jsp', ajaxParam: param_UNITID, … })</script>
 *
 * and later records come from POST dataproxy.jsp?startrecord=N&endrecord=M&perpage=K with that form, which
 * answers the same <datastore> with a <totalrecord>. The shapes are those public crawlers of these sites
 * read (Jiangsu's gxt and fzggw, nhsa, cnipa); the records' markup is read by the list reader (readListPage).
 */

/** Whether a page holds a Hanweb datastore: a <datastore> with its <recordset> or <nextgroup>. */
export function hasHanwebDatastore(html: string): boolean {
  return /<datastore\b[^>]*>[\s\S]*?<(?:recordset|nextgroup)\b/i.test(html);
}

/** What a Hanweb column page says of its list: its first records, and how to ask for the next ones. */
export interface HanwebColumn {
  /** The markup of each record of the page's datastore (the CDATA of <record>). */
  records: string[];
  /** dataproxy.jsp, absolute: the page's jpage proxyUrl, the path its <nextgroup> names, or the default. */
  proxyUrl: string;
  /** The form jpage posts: col, appid, webid, path, columnid, sourceContentType, unitid, webname, permissiontype. */
  form: Record<string, string>;
  /** Records per page of the column (jpage perPage), sent as perpage. */
  perPage: number;
  /** Records in the whole column, when the page or a dataproxy answer says (totalRecord, <totalrecord>). */
  total: number | null;
}

const FORM_ORDER = ['col', 'appid', 'webid', 'path', 'columnid', 'sourceContentType', 'unitid', 'webname', 'permissiontype'];

const CDATA = (tag: string) => new RegExp(`<${tag}\\b[^>]*>\\s*<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>\\s*</${tag}>`, 'gi');

/** The markup of each <record> in the first <datastore> of a text (a column page or a dataproxy answer). */
export function hanwebRecords(text: string): { records: string[]; total: number | null } {
  const store = /<datastore\b[^>]*>([\s\S]*?)<\/datastore>/i.exec(text)?.[1] ?? '';
  const records = [...store.matchAll(CDATA('record'))].map((m) => m[1]!.trim());
  const total = /<totalrecord>\s*(\d+)\s*<\/totalrecord>/i.exec(store)?.[1];
  return { records, total: total ? Number(total) : null };
}

/** `name: value` pairs of a script object literal ({col:1,path:'/',unitid:'405463'}): the values as written. */
function literalFields(literal: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of literal.matchAll(/([A-Za-z_]\w*)\s*:\s*(?:'([^']*)'|"([^"]*)"|([^,\s}]+))/g)) fields[m[1]!] = m[2] ?? m[3] ?? m[4]!;
  return fields;
}

/** One setting of the page's jpage call or its scripts (perPage: 15, totalRecord:4895, unitid=405463). */
function setting(html: string, name: string): string | undefined {
  return new RegExp(`\\b${name}\\s*[:=]\\s*['"]?([^'",;&\\s}]+)`, 'i').exec(html)?.[1];
}

/**
 * Reads a Hanweb column page: its records, and the dataproxy form from what the page names, most specific
 * first: the `var param_UNITID = {…}` object jpage posts, the query of the datastore's <nextgroup> link,
 * then the column id of the address (/col/col74/), the id of the <div> around the datastore and any
 * `unitid=`/`webid=` the scripts write.
 */
export function readHanwebColumn(html: string, pageUrl: string): HanwebColumn {
  const { records, total } = hanwebRecords(html);
  const next = [...html.matchAll(CDATA('nextgroup'))][0]?.[1];
  const nextHref = next ? /href\s*=\s*["']([^"']+)["']/i.exec(next)?.[1]?.replace(/&amp;/g, '&') : undefined;
  const nextUrl = nextHref ? resolveUrl(nextHref, pageUrl) : null;
  // jpage's defaults, then the page's guesses, its nextgroup query, its param object: the most specific last.
  const found: Record<string, string> = { col: '1', appid: '1', path: '/', sourceContentType: '1', webname: '', permissiontype: '0' };
  const guesses: Record<string, string | undefined> = {
    webid: setting(html, 'webid'),
    columnid: /\/col\/col(\d+)\//.exec(new URL(pageUrl).pathname)?.[1] ?? setting(html, 'columnid'),
    unitid: /<div\b[^>]*\bid\s*=\s*["']?(\d+)["']?[^>]*>\s*<script\b[^>]*text\/xml/i.exec(html)?.[1] ?? setting(html, 'unitid'),
  };
  for (const [name, value] of Object.entries(guesses)) if (value) found[name] = value;
  if (nextUrl) {
    for (const [name, value] of nextUrl.searchParams) if (!['page', 'startrecord', 'endrecord', 'perpage'].includes(name)) found[name] = value;
  }
  const param = /var\s+param_\w+\s*=\s*\{([^}]*)\}/.exec(html)?.[1];
  if (param) Object.assign(found, literalFields(param));
  // In the order jpage posts them; fields of the page's own besides.
  const form: Record<string, string> = {};
  for (const name of FORM_ORDER) if (found[name] !== undefined) form[name] = found[name];
  for (const [name, value] of Object.entries(found)) form[name] ??= value;
  const proxy = /\bproxyUrl\s*:\s*['"]([^'"]+)['"]/.exec(html)?.[1] ?? nextUrl?.pathname ?? '/module/web/jpage/dataproxy.jsp';
  const pageTotal = setting(html, 'totalRecord');
  return {
    records,
    proxyUrl: new URL(proxy, pageUrl).href,
    form,
    perPage: Number(setting(html, 'perPage')) || 15,
    total: total ?? (pageTotal && /^\d+$/.test(pageTotal) ? Number(pageTotal) : null),
  };
}

/**
 * The POST for records `start` to `end` of a column, as jpage sends it: the range in the query, the form in
 * the body, the column page as Referer. Throws a UserError naming the page when it names no column or unit.
 */
export function hanwebPageRequest(column: HanwebColumn, pageUrl: string, start: number, end: number): EntryRequest {
  if (!column.form.columnid || !column.form.unitid) {
    throw new UserError(`大汉栏目页 ${pageUrl} 未写明 columnid 或 unitid，无法读取后续记录`, `Hanweb column ${pageUrl} names no columnid or unitid: its further records cannot be asked for`);
  }
  const url = new URL(column.proxyUrl);
  url.search = `startrecord=${start}&endrecord=${end}&perpage=${column.perPage}`;
  return {
    url: url.href,
    method: 'POST',
    body: formBody(column.form),
    contentType: formContentType,
    headers: { referer: pageUrl, accept: 'application/xml, text/xml, */*; q=0.01', 'x-requested-with': 'XMLHttpRequest' },
  };
}

/**
 * The article links of Hanweb records, read as the list they become on the column page: their markup through
 * the list reader, addresses resolved against the column page (where jpage puts them).
 */
export function hanwebLinks(records: readonly string[], pageUrl: string): ListPage {
  const markup = records.join('\n');
  // Records that are table rows need their table, or an HTML parser drops them.
  const html = /^<tr\b/i.test(records[0] ?? '') ? `<table>${markup}</table>` : markup;
  return { ...readListPage(`<html><body>${html}</body></html>`, pageUrl), next: null };
}
