import { parseChineseDateTime } from '../extract/date.ts';
import { oneLine } from '../extract/text.ts';
import { UserError } from '../util/errors.ts';
import { toShanghaiIso } from '../util/time.ts';
import type { ListedLink } from './listPage.ts';
import { resolveUrl } from '../util/url.ts';

export interface ApiMapping {
  items: string;
  fields: { url: string; title: string; date?: string };
}

/** Follows a dot path (data.list, result.0.items) into parsed JSON. */
function at(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((current, key) => (current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined), value);
}

/** The items of a JSON list endpoint, through the source's field mapping. */
export function readApiList(text: string, endpoint: string, mapping: ApiMapping): ListedLink[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new UserError(`接口 ${endpoint} 返回的不是 JSON：${(err as Error).message}`, `endpoint ${endpoint} did not return JSON: ${(err as Error).message}`);
  }
  const items = at(parsed, mapping.items);
  if (!Array.isArray(items)) throw new UserError(`接口 ${endpoint} 的 ${mapping.items} 不是数组`, `endpoint ${endpoint}: ${mapping.items} is not an array`);
  const links: ListedLink[] = [];
  for (const item of items) {
    const href = at(item, mapping.fields.url);
    const url = typeof href === 'string' && href ? resolveUrl(href, endpoint)?.href : undefined;
    if (!url) continue;
    const date = mapping.fields.date ? at(item, mapping.fields.date) : undefined;
    const listedAt = typeof date === 'string' ? parseChineseDateTime(date) : typeof date === 'number' ? toShanghaiIso(new Date(date < 1e12 ? date * 1000 : date)) : null;
    links.push({ url, title: oneLine(String(at(item, mapping.fields.title) ?? '')), listedAt });
  }
  return links;
}
