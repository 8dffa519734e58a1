/**
 * Builds the sample day's WARC archive (samples/2026-06-18/crawl.warc.gz) from samples/src/2026-06-18.yaml:
 * every list page and article rendered in the markup style of its site, encoded as the site serves it.
 * Run: npx tsx scripts/make-sample.ts
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { parse } from 'yaml';
import { warcResponseRecord } from '../src/crawl/warc.ts';
import type { FetchedResponse } from '../src/domain/response.ts';
import { escapeHtml } from '../src/util/escape.ts';

interface SampleArticle {
  url: string;
  list?: number;
  title: string;
  published: string;
  from: string;
  docNumber?: string;
  attachments?: { name: string; href: string }[];
  paragraphs: string[];
  broken?: boolean;
}

interface SampleSite {
  source: string;
  siteName: string;
  style: 'trs' | 'zoom' | 'plain';
  charset: 'utf-8' | 'gbk';
  charsetIn?: 'header' | 'meta';
  lists: { url: string; layout: 'ul' | 'table' }[];
  articles: SampleArticle[];
}

const root = new URL('../', import.meta.url);
const day = parse(readFileSync(new URL('samples/src/2026-06-18.yaml', root), 'utf8')) as { fetchedAt: string; sites: SampleSite[] };

const nav = (site: SampleSite) =>
  `<div class="header"><div class="logo">${escapeHtml(site.siteName)}</div><ul class="nav"><li><a href="/">首页</a></li><li><a href="/jgsz/">机构设置</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>`;
const footer = (site: SampleSite) =>
  `<div class="footer"><p>主办单位：${escapeHtml(site.siteName)}\u3000<a href="/wzdt/">网站地图</a>\u3000<a href="/lxwm/">联系我们</a></p><p>网站标识码：bm00000001\u3000京ICP备00000000号</p></div>`;
const head = (site: SampleSite, title: string, metas: string) =>
  `<!DOCTYPE html>\n<html lang="zh-CN"><head>${site.charset === 'gbk' ? '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">' : '<meta charset="utf-8">'}<title>${escapeHtml(title)}</title>${metas}<link rel="stylesheet" href="/css/common.css"></head>`;
const meta = (name: string, content: string) => `<meta name="${name}" content="${escapeHtml(content)}">`;

function articleHtml(site: SampleSite, article: SampleArticle): string {
  const body = article.paragraphs.map((p) => `<p style="text-indent:2em;">${escapeHtml(p)}</p>`).join('\n');
  const attachments = (article.attachments ?? []).map((a) => `<p>附件：<a href="${escapeHtml(a.href)}">${escapeHtml(a.name)}</a></p>`).join('');
  const tools = '<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div><div class="btns"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>';
  const related = '<div class="related"><h3>相关链接</h3><ul><li><a href="/">专题专栏</a></li><li><a href="/">政策解读</a></li></ul></div>';
  let html: string;
  if (site.style === 'trs') {
    const metas = meta('SiteName', site.siteName) + meta('ArticleTitle', article.title) + meta('PubDate', article.published) + meta('ContentSource', article.from) + meta('ColumnName', '工作动态');
    html = `${head(site, `${article.title}_${site.siteName}`, metas)}<body>${nav(site)}<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="../">工作动态</a></div><div class="article"><h1 class="article-title">${escapeHtml(article.title)}</h1><div class="info"><span>发布时间：${article.published}</span>\u3000<span>来源：${escapeHtml(article.from)}</span>\u3000<span>【字号：大 中 小】</span></div><div class="TRS_Editor">${body}${attachments}</div>${tools}${related}</div>${footer(site)}</body></html>`;
  } else if (site.style === 'zoom') {
    const docNumber = article.docNumber ? `<tr><th>发文字号：</th><td>${escapeHtml(article.docNumber)}</td></tr>` : '';
    html = `${head(site, `${article.title}-${site.siteName}`, meta('SiteName', site.siteName))}<body>${nav(site)}<div class="xxgk"><table class="xxgk-table"><tr><th>标题：</th><td>${escapeHtml(article.title)}</td></tr>${docNumber}<tr><th>发布日期：</th><td>${article.published}</td></tr></table></div><div class="article"><h1>${escapeHtml(article.title)}</h1><div class="info">发布日期：${article.published}\u3000来源：${escapeHtml(article.from)}</div><div id="zoom">${body}${attachments}</div>${tools}${related}</div>${footer(site)}</body></html>`;
  } else {
    html = `${head(site, `${article.title} | ${site.siteName}`, '')}<body>${nav(site)}<div class="main"><div class="article-infor"><h1>${escapeHtml(article.title)}</h1><div class="info"><span>时间：${article.published}</span> <span>来源：${escapeHtml(article.from)}</span></div></div><div class="allZoom">${body}${attachments}</div>${tools}${related}</div>${footer(site)}</body></html>`;
  }
  // The broken page: the server closed the connection partway through the body.
  return article.broken ? html.slice(0, html.indexOf('<p style') + 40) : html;
}

function relativeHref(listUrl: string, articleUrl: string): string {
  const list = new URL(listUrl);
  const article = new URL(articleUrl);
  if (list.host !== article.host) return articleUrl;
  const dir = list.pathname.replace(/[^/]*$/, '');
  return article.pathname.startsWith(dir) ? `./${article.pathname.slice(dir.length)}` : article.pathname;
}

function listHtml(site: SampleSite, listIndex: number): string {
  const list = site.lists[listIndex]!;
  const items = site.articles.filter((a) => (a.list ?? 0) === listIndex).sort((a, b) => b.published.localeCompare(a.published));
  const link = (a: SampleArticle) => `<a href="${escapeHtml(relativeHref(list.url, a.url))}" target="_blank" title="${escapeHtml(a.title)}">${escapeHtml(a.title)}</a>`;
  const rows = list.layout === 'ul'
    ? `<ul class="list">${items.map((a) => `<li>${link(a)}<span class="date">${a.published.slice(0, 10)}</span></li>`).join('\n')}</ul>`
    : `<table class="list-table">${items.map((a) => `<tr><td class="title">${link(a)}</td><td class="date">[${a.published.slice(0, 10)}]</td></tr>`).join('\n')}</table>`;
  const pager = '<div class="page">共1页 <a href="#">首页</a> <a href="#">上一页</a> <a href="#">下一页</a> <a href="#">尾页</a></div>';
  return `${head(site, `工作动态_${site.siteName}`, meta('SiteName', site.siteName))}<body>${nav(site)}<div class="column"><h2>工作动态</h2>${rows}${pager}</div>${footer(site)}</body></html>`;
}

function response(site: SampleSite, url: string, html: string, at: Date): FetchedResponse {
  const bytes = site.charset === 'gbk' ? iconv.encode(html, 'gbk') : Buffer.from(html, 'utf8');
  const contentType = site.charset === 'gbk' ? (site.charsetIn === 'meta' ? 'text/html' : 'text/html; charset=GBK') : 'text/html; charset=UTF-8';
  return {
    url,
    status: 200,
    headers: { 'content-type': contentType, 'content-length': String(bytes.length), server: 'nginx' },
    body: bytes,
    fetchedAt: at.toISOString(),
  };
}

const records: Uint8Array[] = [];
const clock = new Date(day.fetchedAt);
const tick = () => new Date(clock.setUTCSeconds(clock.getUTCSeconds() + 2));
for (const site of day.sites) {
  for (let i = 0; i < site.lists.length; i++) records.push(await warcResponseRecord(response(site, site.lists[i]!.url, listHtml(site, i), tick())));
  for (const article of site.articles) records.push(await warcResponseRecord(response(site, article.url, articleHtml(site, article), tick())));
}
const out = fileURLToPath(new URL('samples/2026-06-18/crawl.warc.gz', root));
writeFileSync(`${out}.tmp`, Buffer.concat(records));
renameSync(`${out}.tmp`, out);
console.log(`wrote ${out}: ${records.length} responses`);
