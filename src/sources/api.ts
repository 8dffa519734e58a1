import { load } from 'cheerio';
import type { EntryPoint } from '../config/schema.ts';
import { parseChineseDateTime } from '../extract/date.ts';
import { oneLine } from '../extract/text.ts';
import { UserError } from '../util/errors.ts';
import { toShanghaiIso } from '../util/time.ts';
import type { ListedLink } from './listPage.ts';
import { resolveUrl } from '../util/url.ts';
import { formBody, formContentType, type EntryRequest } from './request.ts';

export interface ApiMapping {
  /** Dot path to the array of items; absent or "." for an answer that is the array itself. */
  items?: string;
  /** Dot paths of an item's address (or a template of its fields: …?docId={docId}), title and date. */
  fields: { url: string; title: string; date?: string };
}

/** Follows a dot path (data.list, result.0.items) into parsed JSON; "." or no path is the value itself. */
function at(value: unknown, path: string | undefined): unknown {
  if (path === undefined || path === '.') return value;
  return path.split('.').reduce<unknown>((current, key) => (current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined), value);
}

/**
 * An item's address: the field the mapping names, or its template filled with the item's fields
 * ({docId} → 1234567; NFRA lists give only the document's id). Undefined when a field is missing.
 */
function addressOf(item: unknown, url: string): string | undefined {
  if (!url.includes('{')) {
    const href = at(item, url);
    return typeof href === 'string' && href ? href : undefined;
  }
  let missing = false;
  const filled = url.replace(/\{([^{}]+)\}/g, (_, path: string) => {
    const value = at(item, path.trim());
    if ((typeof value !== 'string' && typeof value !== 'number') || value === '') missing = true;
    return encodeURIComponent(String(value));
  });
  return missing ? undefined : filled;
}

/** A title as text: some lists mark titles up (NEA's showTitle may hold <font> or <br>). */
function titleText(value: unknown): string {
  const text = String(value ?? '');
  return oneLine(/<[a-z/!]/i.test(text) ? load(text, null, false).text() : text);
}

/**
 * The items of a JSON list endpoint, through the source's field mapping: gov.cn's ZUIXINZHENGCE.json (a
 * top-level array of TITLE/URL/DOCRELPUBTIME), NEA's datasource[].publishUrl/showTitle/publishTime, NFRA's
 * data.rows[] (address from docId). Dates are read as Shanghai time when they carry no zone; a number is
 * epoch seconds or milliseconds. Throws a UserError naming the endpoint when the answer is not JSON or the
 * items are not an array.
 */
export function readApiList(text: string, endpoint: string, mapping: ApiMapping): ListedLink[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new UserError(`接口 ${endpoint} 返回的不是 JSON：${(err as Error).message}`, `endpoint ${endpoint} did not return JSON: ${(err as Error).message}`);
  }
  const items = at(parsed, mapping.items);
  const where = mapping.items ?? '顶层 (top level)';
  if (!Array.isArray(items)) throw new UserError(`接口 ${endpoint} 的 ${where} 不是数组`, `endpoint ${endpoint}: ${where} is not an array`);
  const links: ListedLink[] = [];
  for (const item of items) {
    const href = addressOf(item, mapping.fields.url);
    const url = href ? resolveUrl(href, endpoint)?.href : undefined;
    if (!url) continue;
    const date = mapping.fields.date ? at(item, mapping.fields.date) : undefined;
    const listedAt = typeof date === 'string' ? parseChineseDateTime(date) : typeof date === 'number' ? toShanghaiIso(new Date(date < 1e12 ? date * 1000 : date)) : null;
    links.push({ url, title: titleText(at(item, mapping.fields.title)), listedAt });
  }
  return links;
}

/**
 * The request of an `api` entry: a GET, watched for changes like a list page, or a POST of its body as a form
 * or JSON (always read: its address alone does not say which list it is), with its Referer when it names one.
 */
export function apiRequest(entry: Extract<EntryPoint, { type: 'api' }>): EntryRequest {
  const referer = entry.referer ? { referer: entry.referer } : undefined;
  if (entry.method === 'GET') return { url: entry.url, headers: referer, watch: true };
  const headers = { accept: 'application/json, text/javascript, */*; q=0.01', ...referer };
  const json = entry.bodyType === 'json';
  const body = typeof entry.body === 'string' ? entry.body : json ? JSON.stringify(entry.body ?? {}) : formBody(entry.body ?? {});
  return { url: entry.url, method: 'POST', body, contentType: json ? 'application/json; charset=UTF-8' : formContentType, headers };
}
