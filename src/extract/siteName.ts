import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { oneLine } from './text.ts';

/** A site's name, not a sentence: 网易, 江西省人民政府, 中国经济网. */
const siteNamePattern = /^[\p{Script=Han}A-Za-z0-9·（）() ]{2,24}$/u;
/** The owner line of a Chinese site's footer: 主办：…, 主办单位：…, 版权所有：… (©, Copyright before it). */
const ownerLine = /(?:主办单位|主办|版权所有|承办单位)\s*[:：]?\s*(?:©|Copyright)?\s*([\p{Script=Han}·（）()]{2,24}?)(?=\s|$|[|｜，,。;；]|承办|版权|主办|地址|电话|网站|备案|ICP|京ICP|技术支持|联系)/u;

/**
 * A channel or column of a site, not the site: the last part of many titles (…_新闻中心, …-要闻动态, …｜政务公开),
 * as a fresh user's real pages showed. A body's own 中心 (国家信息中心) names a place and stays a name.
 */
const sectionName = /^(?:首页|网站首页|登录|注册|(?:新闻|资讯|信息|要闻|时政|财经|科技|国内|国际|政策|政务|政府|工作|媒体|图片|视频|专题|部门|地方|本站|本网)(?:中心|频道|栏目|动态|公开|发布|信息公开|要闻|资讯|专栏|专题|新闻)?|(?:政府)?信息公开|通知公告|政策文件|政策解读|要闻动态|工作动态)$/;

function plausible(name: string | undefined): string | null {
  const text = oneLine(name ?? '').replace(/(?:门户网站|官方网站|官网)$/, '');
  return text && siteNamePattern.test(text) && !sectionName.test(text) ? text : null;
}

/**
 * The name a site gives itself on a page: og:site_name, the SiteName tag of Chinese CMSs, the owner in
 * its footer (主办：, 版权所有：), or the suffix of its <title> (标题_网易, 标题 - 中国经济网, 标题--时政--人民网). Null when
 * the page names no one: the caller then names the site by its domain.
 */
export function extractSiteName($: CheerioAPI, headline: string): string | null {
  // One walk for the tags, <body> and <title> rather than a query each; each tag is its first element, as a query's .attr reads it.
  let ogSiteName: Element | undefined;
  let siteNameTag: Element | undefined;
  let titleTag: Element | undefined;
  const bodies: Element[] = [];
  for (const element of $('meta, body, title').toArray()) {
    if (element.name === 'meta') {
      if (element.attribs.property === 'og:site_name') ogSiteName ??= element;
      if (element.attribs.name === 'SiteName') siteNameTag ??= element;
    } else if (element.name === 'body') bodies.push(element);
    else titleTag ??= element;
  }
  const tagged = plausible(ogSiteName?.attribs.content) ?? plausible(siteNameTag?.attribs.content);
  if (tagged) return tagged;
  const footer = $('footer, [class*="footer"], [id*="footer"], [class*="bottom"], [id*="bottom"]').text();
  const owner = ownerLine.exec(oneLine(footer)) ?? ownerLine.exec(oneLine($(bodies).text()).slice(-600));
  const named = plausible(owner?.[1]);
  if (named) return named;
  const title = titleTag ? oneLine($(titleTag).text()) : '';
  const parts = title.split(/\s+[-–—]\s+|\s*--+\s*|\s*[_｜|]\s*/).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return null;
  const last = parts[parts.length - 1]!;
  return last !== headline && !headline.includes(last) ? plausible(last) : null;
}
