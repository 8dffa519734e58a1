import { load } from 'cheerio';
import { UserError } from '../util/errors.ts';
import { readListPage, type ListPage } from './listPage.ts';
import type { EntryRequest } from './request.ts';

/**
 * The JPaaS "build unit" of 工信部 (miit) and 市场监管总局 (samr): a list page is a shell whose list a script
 * fetches,
 *
 *   <script src="/cms_files/…/unitbuild.js" parseType="buildstatic"
 *     url="/api-gateway/jpaas-publish-server/front/page/build/unit"
 *     queryData="{'parseType':'buildstatic','webId':'…','tplSetId':'…','pageType':'column','tagId':'右侧内容','editType':'null','pageId':'…'}">
 *
 * and the API answers JSON whose data.html holds the list's markup (…<li><a href=…>…</a><span>2026-04-02</span></li>…).
 * The attributes are read from the page at run time, as RSSHub's gov/miit/wjgs route does; SAMR spells
 * the parse type "bulidstatic", which is taken too.
 */

const UNIT_API = /\/page\/build\/unit/i;
const BUILD_STATIC = /^bu(?:il|li)dstatic$/i;

/** Whether a page names a JPaaS build unit: a <script> with queryData that names the unit API or the buildstatic parse type. */
export function hasBuildUnit(html: string): boolean {
  return [...html.matchAll(/<script\b[^>]*>/gi)].some(([tag]) =>
    /\bquerydata\s*=/i.test(tag) && (UNIT_API.test(tag) || BUILD_STATIC.test(/\bparsetype\s*=\s*["']?([\w]+)/i.exec(tag)?.[1] ?? '')));
}

/**
 * The request for the list of a JPaaS page: a GET of the first build unit's API with its queryData as the
 * query and the list page as Referer (the API answers only its own pages). Throws a UserError naming the page
 * when it has no build unit or its queryData cannot be read.
 */
export function buildUnitRequest(html: string, pageUrl: string): EntryRequest {
  const $ = load(html);
  // The attribute names as the HTML parser gives them: lower case.
  const script = $('script[querydata][url]').filter((_, el) => UNIT_API.test($(el).attr('url') ?? '') || BUILD_STATIC.test($(el).attr('parsetype') ?? '')).first();
  const api = script.attr('url');
  const written = script.attr('querydata');
  if (!api || !written) throw new UserError(`页面 ${pageUrl} 没有 JPaaS 构建单元（script parseType="buildstatic"）`, `page ${pageUrl} has no JPaaS build unit (script parseType="buildstatic")`);
  let query: unknown;
  try {
    // Written as a JavaScript literal with single quotes: {'webId':'…','pageId':'…'}.
    query = JSON.parse(written.replace(/'/g, '"'));
  } catch (err) {
    throw new UserError(`页面 ${pageUrl} 的 queryData 无法解析：${(err as Error).message}`, `page ${pageUrl}: its queryData cannot be read: ${(err as Error).message}`);
  }
  if (query === null || typeof query !== 'object' || Array.isArray(query)) {
    throw new UserError(`页面 ${pageUrl} 的 queryData 不是对象`, `page ${pageUrl}: its queryData is not an object`);
  }
  const url = new URL(api, pageUrl);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  return { url: url.href, headers: { referer: pageUrl, accept: 'application/json, text/javascript, */*; q=0.01' }, watch: true };
}

/**
 * The article links of a build unit's answer: data.html read by the list reader, addresses resolved against
 * the list page. Throws a UserError naming the API when the answer is not JSON or has no data.html.
 */
export function buildUnitLinks(text: string, apiUrl: string, pageUrl: string): ListPage {
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch (err) {
    throw new UserError(`JPaaS 接口 ${apiUrl} 返回的不是 JSON：${(err as Error).message}`, `JPaaS API ${apiUrl} did not return JSON: ${(err as Error).message}`);
  }
  const html = (answer as { data?: { html?: unknown } } | null)?.data?.html;
  if (typeof html !== 'string') throw new UserError(`JPaaS 接口 ${apiUrl} 的回答没有 data.html`, `JPaaS API ${apiUrl}: the answer has no data.html`);
  return { ...readListPage(html, pageUrl), next: null };
}
