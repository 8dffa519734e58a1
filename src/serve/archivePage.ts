import type { FastifyReply, FastifyRequest } from 'fastify';
import { taxonomySegmenter } from '../analyze/relevance.ts';
import { sourceTiers } from '../domain/tier.ts';
import { searchArchive, searchTerms, type ArchiveFilters, type ArchiveHit, type SnippetPart } from '../store/search.ts';
import { UserError } from '../util/errors.ts';
import { t, type Lang } from '../util/i18n.ts';
import { parseIssueDate, shanghaiDay, shanghaiMinute } from '../util/time.ts';
import type { DeskRoutes } from './app.ts';
import { issueView } from './archiveIssue.ts';
import type { DeskContext } from './context.ts';
import { html, outsideLink, type Markup } from './html.ts';
import { contentTypeOf, readEditionFile, readIssueFile } from './issueFiles.ts';
import { sendPage } from './layout.ts';
import { pageText } from './text.ts';
import { CHART_THEMES, themeChart, weeklyShares } from './themeChart.ts';

/** Issues, and hits, on one page of the archive. */
const PAGE_SIZE = 20;
/** How many issuing bodies the search form offers (the most frequent). */
const KNOWN_BODIES = 300;
/** Weeks the archive's chart shows at most: half a year. */
const CHART_WEEKS = 26;
/** The longest query read: a search box, not a document. */
const MAX_QUERY = 200;

/** The archive's words (the frame's are in text.ts). */
export const archiveText = pageText({
  title: { zh: '归档', en: 'Archive' },
  searchLabel: { zh: '全文检索', en: 'Full-text search' },
  searchHint: { zh: '检索已存的文档和各期内容，如：算力、数据要素', en: 'Search stored documents and issues, e.g. 算力, 数据要素' },
  search: { zh: '检索', en: 'Search' },
  clear: { zh: '清除', en: 'Clear' },
  filters: { zh: '筛选', en: 'Filters' },
  theme: { zh: '主题', en: 'Theme' },
  body: { zh: '发文机关', en: 'Issuing body' },
  tier: { zh: '层级', en: 'Tier' },
  from: { zh: '起始日期', en: 'From' },
  to: { zh: '截止日期', en: 'To' },
  kind: { zh: '类型', en: 'Kind' },
  any: { zh: '不限', en: 'Any' },
  'kind.document': { zh: '文档', en: 'Document' },
  'kind.issue': { zh: '期刊', en: 'Issue' },
  facetNote: {
    zh: '主题、发文机关和层级筛选文档时，只包括运行分析过的文档（写过简报的日子）。',
    en: 'Theme, body and tier filters find only documents a run analysed (days a brief was written for).',
  },
  hits: { zh: '检索结果', en: 'Results' },
  hitCount: { zh: '第 {0}–{1} 条（按相关度排序）', en: '{0}–{1}, best first' },
  noHits: { zh: '没有找到“{0}”。', en: 'Nothing found for “{0}”.' },
  noWords: { zh: '检索词里没有可查的字词。', en: 'The query has no word to look for.' },
  needQuery: { zh: '筛选条件用于检索：请输入检索词。', en: 'Filters narrow a search: type a query.' },
  issues: { zh: '各期', en: 'Issues' },
  issueCount: { zh: '共 {0} 期', en: 'Issues: {0}' },
  noIssues: { zh: '还没有期刊：运行 xinzhi run 或 xinzhi demo 后这里会列出。', en: 'No issues yet: they are listed here after xinzhi run or xinzhi demo.' },
  date: { zh: '日期', en: 'Date' },
  issueTitle: { zh: '标题', en: 'Title' },
  items: { zh: '条目', en: 'Items' },
  status: { zh: '状态', en: 'Status' },
  revisions: { zh: '修订', en: 'Revisions' },
  published: { zh: '已发布 {0}', en: 'Published {0}' },
  corrections: { zh: '（更正 {0} 次）', en: ' (corrections: {0})' },
  unpublished: { zh: '未发布', en: 'Not published' },
  chart: { zh: '主题走势', en: 'Themes over the weeks' },
  previous: { zh: '上一页', en: 'Previous' },
  next: { zh: '下一页', en: 'Next' },
  pageOf: { zh: '第 {0} / {1} 页', en: 'Page {0} of {1}' },
  pages: { zh: '翻页', en: 'Pages' },
  publishedOn: { zh: '发布于 {0}', en: 'published {0}' },
  undated: { zh: '无日期', en: 'undated' },
});

type Say = (key: Parameters<typeof archiveText>[1], ...args: (string | number)[]) => string;

/** A query-string value as one trimmed string ('' when absent; the first when repeated). */
function queryValue(query: Record<string, unknown>, key: string): string {
  const value = query[key];
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  return typeof first === 'string' ? first.trim() : '';
}

/** A page number from the query: a positive integer, 1 otherwise. */
function pageNumber(value: string): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

/** What the archive's form asked for, as read from the query string. */
interface ArchiveQuery {
  q: string;
  theme: string;
  body: string;
  tier: string;
  from: string;
  to: string;
  kind: string;
  page: number;
}

function readQuery(request: FastifyRequest): ArchiveQuery {
  const query = request.query as Record<string, unknown>;
  return {
    q: queryValue(query, 'q').slice(0, MAX_QUERY),
    theme: queryValue(query, 'theme'),
    body: queryValue(query, 'body'),
    tier: queryValue(query, 'tier'),
    from: queryValue(query, 'from'),
    to: queryValue(query, 'to'),
    kind: queryValue(query, 'kind'),
    page: pageNumber(queryValue(query, 'page')),
  };
}

/** The archive's address for this query at another page. */
function pageHref(query: ArchiveQuery, page: number): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'theme', 'body', 'tier', 'from', 'to', 'kind'] as const) if (query[key]) params.set(key, query[key]);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `/archive?${text}` : '/archive';
}

/** Previous / next links and where the page is. */
function pager(say: Say, query: ArchiveQuery, hasNext: boolean, lastPage?: number): Markup {
  if (query.page === 1 && !hasNext) return html``;
  return html`<nav class="pager" aria-label="${say('pages')}">
    ${query.page > 1 ? html`<a rel="prev" href="${pageHref(query, query.page - 1)}">${say('previous')}</a>` : ''}
    ${lastPage ? html`<span class="muted">${say('pageOf', query.page, lastPage)}</span>` : ''}
    ${hasNext ? html`<a rel="next" href="${pageHref(query, query.page + 1)}">${say('next')}</a>` : ''}
  </nav>`;
}

/** An option of a select, selected when it is the value asked for. */
function option(value: string, label: string, selected: string): Markup {
  return html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`;
}

/** The search form: a query and its filters, sent by GET so a search is a link. */
async function searchForm(say: Say, lang: Lang, context: DeskContext, query: ArchiveQuery): Promise<Markup> {
  const themes = context.loaded.taxonomy.themes.map((theme) => theme.name);
  const bodies = await context.store.knownBodies(KNOWN_BODIES);
  // A body asked for by a link but unknown here still shows as chosen.
  if (query.body && !bodies.includes(query.body)) bodies.unshift(query.body);
  return html`<form class="archive-search" method="get" action="/archive" role="search">
    <label class="query">${say('searchLabel')}<input type="search" name="q" value="${query.q}" maxlength="${MAX_QUERY}" aria-describedby="search-hint"></label>
    <p id="search-hint" class="muted">${say('searchHint')}</p>
    <fieldset class="filters"><legend>${say('filters')}</legend>
      <label>${say('theme')}<select name="theme">${option('', say('any'), query.theme)}${themes.map((name) => option(name, name, query.theme))}</select></label>
      <label>${say('body')}<select name="body">${option('', say('any'), query.body)}${bodies.map((name) => option(name, name, query.body))}</select></label>
      <label>${say('tier')}<select name="tier">${option('', say('any'), query.tier)}${sourceTiers.map((tier) => option(tier, t(lang, `tierName.${tier}`), query.tier))}</select></label>
      <label>${say('from')}<input type="date" name="from" value="${query.from}"></label>
      <label>${say('to')}<input type="date" name="to" value="${query.to}"></label>
      <label>${say('kind')}<select name="kind">${option('', say('any'), query.kind)}${option('document', say('kind.document'), query.kind)}${option('issue', say('kind.issue'), query.kind)}</select></label>
    </fieldset>
    <p class="muted">${say('facetNote')}</p>
    <div class="row"><button type="submit">${say('search')}</button><a class="button secondary" href="/archive">${say('clear')}</a></div>
  </form>`;
}

/** A snippet as text, the matched words in <mark>: the parts are plain text (scraped), escaped by html. */
function snippet(parts: readonly SnippetPart[]): Markup {
  return html`<p class="snippet">${parts.map((part) => (part.match ? html`<mark>${part.text}</mark>` : part.text))}</p>`;
}

/** One hit: a document links to its source page (outsideLink), an issue to its page in the archive. */
function hitView(say: Say, context: DeskContext, hit: ArchiveHit): Markup {
  if (hit.kind === 'issue') {
    return html`<li class="hit card"><span class="badge">${say('kind.issue')}</span>
      <a class="hit-title" href="/archive/${hit.issueDate}">${hit.issueDate} · ${hit.title}</a>${snippet(hit.snippet)}</li>`;
  }
  const source = context.loaded.sources.find((s) => s.id === hit.sourceId)?.name ?? hit.sourceId;
  const date = hit.publishedAt ? shanghaiDay(hit.publishedAt) : say('undated');
  return html`<li class="hit card"><span class="badge">${say('kind.document')}</span>
    ${outsideLink(hit.url, hit.title || hit.url)}<span class="muted"> · ${source} · ${say('publishedOn', date)}</span>${snippet(hit.snippet)}</li>`;
}

/** The filters of a query as the search reads them; a from/to that is not a day throws a UserError. */
function filtersOf(query: ArchiveQuery, limit: number): ArchiveFilters {
  return {
    from: query.from ? parseIssueDate(query.from) : undefined,
    to: query.to ? parseIssueDate(query.to) : undefined,
    kinds: query.kind === 'document' || query.kind === 'issue' ? [query.kind] : undefined,
    themes: query.theme ? [query.theme] : undefined,
    bodies: query.body ? [query.body] : undefined,
    tiers: query.tier ? [query.tier] : undefined,
    limit,
  };
}

/** The search's results, a page of them. */
async function results(say: Say, lang: Lang, context: DeskContext, query: ArchiveQuery): Promise<Markup> {
  let filters: ArchiveFilters;
  try {
    filters = filtersOf(query, query.page * PAGE_SIZE + 1);
  } catch (err) {
    if (err instanceof UserError) return html`<p class="error" role="alert">${lang === 'en' ? err.en : err.message}</p>`;
    throw err;
  }
  const segment = taxonomySegmenter(context.loaded.taxonomy);
  if (searchTerms(query.q, segment).length === 0) return html`<p class="warn" role="status">${say('noWords')}</p>`;
  const all = await searchArchive(context.store, segment, query.q, filters);
  const first = (query.page - 1) * PAGE_SIZE;
  const hits = all.slice(first, first + PAGE_SIZE);
  const summary = hits.length === 0 ? say('noHits', query.q) : say('hitCount', first + 1, first + hits.length);
  return html`<section class="hits" aria-labelledby="hits-title"><h2 id="hits-title">${say('hits')}</h2>
    <p class="muted" role="status">${summary}</p>
    <ol class="hit-list">${hits.map((hit) => hitView(say, context, hit))}</ol>
    ${pager(say, query, all.length > first + PAGE_SIZE)}</section>`;
}

/** The list of issues, newest first, a page of them. */
async function issueList(say: Say, context: DeskContext, query: ArchiveQuery): Promise<Markup> {
  const { total, issues } = await context.store.archivedIssues(PAGE_SIZE, (query.page - 1) * PAGE_SIZE);
  if (total === 0) return html`<p class="muted">${say('noIssues')}</p>`;
  const lastPage = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return html`<section aria-labelledby="issues-title"><h2 id="issues-title">${say('issues')}</h2><p class="muted">${say('issueCount', total)}</p>
    <div class="table-wrap"><table class="issue-list">
      <thead><tr><th scope="col">${say('date')}</th><th scope="col">${say('issueTitle')}</th><th scope="col">${say('items')}</th><th scope="col">${say('status')}</th><th scope="col">${say('revisions')}</th></tr></thead>
      <tbody>${issues.map(
        (issue) => html`<tr>
        <th scope="row"><a href="/archive/${issue.issueDate}">${issue.issueDate}</a></th>
        <td>${issue.title}</td><td>${issue.items}</td>
        <td>${issue.firstPublishedAt
          ? html`<span class="badge ok">${say('published', shanghaiMinute(issue.firstPublishedAt))}</span>${issue.publications > 1 ? say('corrections', issue.publications - 1) : ''}`
          : html`<span class="badge">${say('unpublished')}</span>`}</td>
        <td>${issue.revisions}</td></tr>`,
      )}</tbody></table></div>
    ${pager(say, query, query.page < lastPage, lastPage)}</section>`;
}

/** GET /archive: the search form, then the search's results, or (no query) the theme chart and every issue. */
async function archiveIndex(context: DeskContext, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const lang = request.lang;
  const say: Say = (key, ...args) => archiveText(lang, key, ...args);
  const query = readQuery(request);
  const filtered = Boolean(query.theme || query.body || query.tier || query.from || query.to || query.kind);
  let main: Markup;
  if (query.q) main = await results(say, lang, context, query);
  else {
    const chart = themeChart(weeklyShares(await context.store.issueThemeShares(), { top: CHART_THEMES, maxWeeks: CHART_WEEKS }), lang, { id: 'theme-chart' });
    main = html`${filtered ? html`<p class="warn" role="status">${say('needQuery')}</p>` : ''}
      <section aria-labelledby="chart-title"><h2 id="chart-title">${say('chart')}</h2>${chart}</section>
      ${await issueList(say, context, query)}`;
  }
  const body = html`<h1>${say('title')}</h1>${await searchForm(say, lang, context, query)}${main}`;
  return sendPage(request, reply, { title: query.q ? `${query.q} · ${say('title')}` : say('title'), section: 'archive', body });
}

/**
 * GET /archive/:date/files/:name: one file of the issue's folder (out/DATE/), as a download; and
 * GET /archive/:date/editions/:n/files/:name: one file of an edition kept before a correction replaced it
 * (out/DATE.editions/N/). Only a plain name of a regular file inside that folder is served (issueFiles.ts);
 * anything else is the 404 page.
 */
function issueFile(context: DeskContext, request: FastifyRequest<{ Params: { date: string; name: string; n?: string } }>, reply: FastifyReply): FastifyReply {
  const date = parseIssueDate(request.params.date);
  const { n, name } = request.params;
  const edition = n === undefined ? undefined : /^\d{1,4}$/.test(n) ? Number(n) : null;
  const bytes = edition === null ? undefined : edition === undefined ? readIssueFile(context.outDir, date, name) : readEditionFile(context.outDir, date, edition, name);
  if (!bytes) {
    reply.callNotFound();
    return reply;
  }
  return reply
    .type(contentTypeOf(name))
    .header('content-disposition', `attachment; filename="${date}${edition ? `-${edition}` : ''}-${name}"`)
    .header('cache-control', 'private, no-cache')
    .send(bytes);
}

/**
 * The archive section of the desk: GET /archive (search and the list of issues), /archive/:date (an issue
 * read-only), /archive/:date/files/:name (its files) and /archive/:date/editions/:n/files/:name (an
 * earlier edition's files). At start, the search index is completed when rows
 * were written by a store without a segmenter (searchIndexGaps): one reindex, in one transaction.
 */
export const archiveRoutes: DeskRoutes = async (app, context) => {
  const segment = taxonomySegmenter(context.loaded.taxonomy);
  const gaps = await context.store.searchIndexGaps();
  if (gaps.documents > 0 || gaps.issues > 0) await context.store.reindexSearch(segment);
  app.get('/archive', (request, reply) => archiveIndex(context, request, reply));
  app.get<{ Params: { date: string } }>('/archive/:date', (request, reply) => issueView(context, request, reply));
  app.get<{ Params: { date: string; name: string } }>('/archive/:date/files/:name', (request, reply) => issueFile(context, request, reply));
  app.get<{ Params: { date: string; n: string; name: string } }>('/archive/:date/editions/:n/files/:name', (request, reply) => issueFile(context, request, reply));
};
