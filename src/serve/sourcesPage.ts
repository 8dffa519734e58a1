import type { FastifyReply, FastifyRequest } from 'fastify';
import { sourceTiers } from '../domain/tier.ts';
import { setSourceDisabled } from '../sources/catalogEdit.ts';
import { readSourceHistory } from '../sources/health.ts';
import { sourceRow, sourceStatuses, type SourceRow, type SourceStatus } from '../sources/status.ts';
import { UserError } from '../util/errors.ts';
import { t, type Lang } from '../util/i18n.ts';
import { shanghaiMinute } from '../util/time.ts';
import { requireEditor, type DeskRoutes } from './app.ts';
import { reloadCatalog, shownPath } from './catalogFiles.ts';
import type { DeskContext } from './context.ts';
import { html, outsideLink, type Markup } from './html.ts';
import { csrfField, messagePage, sendPage } from './layout.ts';
import { registerSourceForm } from './sourceForm.ts';
import { sourcesText, type SourcesWord } from './sourcesText.ts';
import { common } from './text.ts';

/** The longest reason the desk writes into a catalog's `disabled:`, in characters. */
export const MAX_REASON = 200;

/** The columns the table sorts by, each with the direction a first click sorts in. */
const sortKeys = {
  status: 'asc', name: 'asc', tier: 'asc', success: 'asc', documents: 'desc', errors: 'desc', empty: 'desc', layout: 'desc',
} as const;
type SortKey = keyof typeof sortKeys;
type Direction = 'asc' | 'desc';

/** What the table shows: a status (or all) and an order, from the query string; anything unknown is the default. */
export interface TableView {
  status: SourceStatus | 'all';
  sort: SortKey;
  dir: Direction;
}

/** The view a query string asks for: ?status=failing&sort=errors&dir=desc. Unknown values fall back to all, status, its direction. */
export function tableView(query: Record<string, unknown>): TableView {
  const status = sourceStatuses.find((s) => s === query.status) ?? 'all';
  const sort = (Object.keys(sortKeys) as SortKey[]).find((key) => key === query.sort) ?? 'status';
  const dir = query.dir === 'asc' || query.dir === 'desc' ? query.dir : sortKeys[sort];
  return { status, sort, dir };
}

/** The value a row is sorted by on a column: a number or a string, ascending being the natural order. */
function sortValue(row: SourceRow, key: SortKey): number | string {
  switch (key) {
    case 'status': return sourceStatuses.indexOf(row.status);
    case 'name': return row.name;
    case 'tier': return sourceTiers.indexOf(row.tier);
    // Never read sorts first: the stalest source is the first to look at.
    case 'success': return row.lastSuccess ?? '';
    case 'documents': return row.documents;
    case 'errors': return row.lastErrors.length;
    case 'empty': return row.emptyStreak;
    case 'layout': return row.layoutChanges.length;
  }
}

/** The rows a view shows, filtered and sorted; ties by tier, then by name (Chinese collation). */
export function viewRows(rows: readonly SourceRow[], view: TableView): SourceRow[] {
  const byName = new Intl.Collator('zh-Hans-CN');
  const compare = (a: number | string, b: number | string) => (typeof a === 'number' && typeof b === 'number' ? a - b : byName.compare(String(a), String(b)));
  const sign = view.dir === 'asc' ? 1 : -1;
  return rows
    .filter((row) => view.status === 'all' || row.status === view.status)
    .sort((a, b) => sign * compare(sortValue(a, view.sort), sortValue(b, view.sort)) || compare(sourceTiers.indexOf(a.tier), sourceTiers.indexOf(b.tier)) || byName.compare(a.name, b.name));
}

/** The class a status is drawn with: red for what needs an editor, amber for what may, green for fine. */
function statusClass(status: SourceStatus): string {
  if (status === 'failing' || status === 'empty' || status === 'layout') return 'fail';
  if (status === 'partial' || status === 'never') return 'warn';
  return status === 'ok' || status === 'quiet' ? 'ok' : 'off';
}

function viewHref(view: TableView): string {
  const query = new URLSearchParams();
  if (view.status !== 'all') query.set('status', view.status);
  if (view.sort !== 'status') query.set('sort', view.sort);
  if (view.dir !== sortKeys[view.sort]) query.set('dir', view.dir);
  const text = query.toString();
  return text ? `/sources?${text}` : '/sources';
}

/** The filter links: every status with its count, the current one marked. */
function filters(lang: Lang, rows: readonly SourceRow[], view: TableView): Markup {
  const say = (key: SourcesWord, ...args: (string | number)[]) => sourcesText(lang, key, ...args);
  const choices: (SourceStatus | 'all')[] = ['all', ...sourceStatuses];
  const links = choices.map((status) => {
    const count = status === 'all' ? rows.length : rows.filter((row) => row.status === status).length;
    if (count === 0 && status !== view.status && status !== 'all') return '';
    const label = say('countIn', status === 'all' ? say('all') : say(`status.${status}`), count);
    return html`<a class="chip${status === 'all' ? '' : ` ${statusClass(status)}`}" href="${viewHref({ ...view, status })}"${status === view.status ? html` aria-current="true"` : ''}>${label}</a>`;
  });
  return html`<nav class="source-filters" aria-label="${say('filterLabel')}">${links}</nav>`;
}

/** A column's header: a link sorting by it (the other way round when it is the current order). */
function header(lang: Lang, view: TableView, key: SortKey, word: SourcesWord): Markup {
  const label = sourcesText(lang, word);
  const current = view.sort === key;
  const dir: Direction = current ? (view.dir === 'asc' ? 'desc' : 'asc') : sortKeys[key];
  const sorted = current ? html` aria-sort="${view.dir === 'asc' ? 'ascending' : 'descending'}"` : '';
  return html`<th scope="col"${sorted}><a href="${viewHref({ ...view, sort: key, dir })}" title="${sourcesText(lang, 'sortBy', label)}">${label}${current ? (view.dir === 'asc' ? ' ↑' : ' ↓') : ''}</a></th>`;
}

/** The orders as links, for phone width, where the table's header (and its sort links) is hidden. */
function sortLinks(lang: Lang, view: TableView): Markup {
  const columns: [SortKey, SourcesWord][] = [['status', 'col.status'], ['name', 'col.source'], ['tier', 'col.tier'], ['success', 'col.success'], ['errors', 'col.errors'], ['empty', 'col.empty'], ['layout', 'col.layout'], ['documents', 'col.documents']];
  const links = columns.map(([key, word]) => {
    const current = view.sort === key;
    const dir: Direction = current ? (view.dir === 'asc' ? 'desc' : 'asc') : sortKeys[key];
    return html`<a class="chip" href="${viewHref({ ...view, sort: key, dir })}"${current ? html` aria-current="true"` : ''}>${sourcesText(lang, word)}${current ? (view.dir === 'asc' ? ' ↑' : ' ↓') : ''}</a>`;
  });
  return html`<nav class="source-sort" aria-label="${sourcesText(lang, 'sortLabel')}"><span class="muted">${sourcesText(lang, 'sortLabel')}</span>${links}</nav>`;
}

/** The enable button or the disable form of a row (editors only). */
function actions(lang: Lang, reply: FastifyReply, row: SourceRow): Markup {
  const say = (key: SourcesWord, ...args: (string | number)[]) => sourcesText(lang, key, ...args);
  const id = encodeURIComponent(row.sourceId);
  if (row.disabled !== undefined) {
    return html`<form method="post" action="/sources/${id}/enable">${csrfField(reply)}<button type="submit" class="secondary">${say('enable')}</button></form>`;
  }
  return html`<details class="disable"><summary>${say('disableOpen')}</summary>
    <form method="post" action="/sources/${id}/disable">${csrfField(reply)}
      <label>${say('reason')}<input name="reason" required maxlength="${MAX_REASON}" placeholder="${say('reasonHint')}"></label>
      <button type="submit">${say('disable')}</button></form></details>`;
}

function row(lang: Lang, reply: FastifyReply, source: SourceRow, editor: boolean): Markup {
  const say = (key: SourcesWord, ...args: (string | number)[]) => sourcesText(lang, key, ...args);
  const cell = (word: SourcesWord) => html` data-label="${say(word)}"`;
  const errors = source.lastErrors;
  const latestChange = source.layoutChanges[0];
  return html`<tr id="source-${source.sourceId}" class="status-${source.status}">
    <td${cell('col.source')}><strong>${outsideLink(source.homepage, source.name)}</strong><br><code class="muted">${source.sourceId}</code></td>
    <td${cell('col.tier')}>${t(lang, `tierName.${source.tier}`)}</td>
    <td${cell('col.status')}><span class="badge ${statusClass(source.status)}">${say(`status.${source.status}`)}</span>
      ${source.disabled !== undefined ? html`<div class="reason">${say('disabledBecause', source.disabled)}</div>` : ''}
      ${source.lastRunAt ? html`<div class="muted">${say('lastRun', shanghaiMinute(source.lastRunAt))}</div>` : ''}</td>
    <td${cell('col.success')}>${source.lastSuccess ? shanghaiMinute(source.lastSuccess) : html`<span class="muted">${say('never')}</span>`}</td>
    <td${cell('col.documents')}>${source.documents}${source.lastNewDocuments !== null ? html`<div class="muted">${say('newLastRun', source.lastNewDocuments)}</div>` : ''}</td>
    <td${cell('col.errors')}>${errors.length === 0 ? '0' : html`<details class="errors"><summary class="fail">${errors.length}</summary><ul>${errors.slice(0, 5).map((error) => html`<li>${error}</li>`)}</ul>${errors.length > 5 ? html`<p class="muted">${say('moreErrors', errors.length - 5)}</p>` : ''}</details>`}</td>
    <td${cell('col.empty')}>${source.emptyStreak > 0 ? html`<span class="${source.emptyStreak >= 3 ? 'fail' : 'warn'}">${source.emptyStreak}</span>` : '0'}</td>
    <td${cell('col.layout')}>${latestChange ? html`<details class="layout"><summary class="warn">${source.layoutChanges.length}</summary><p>${say('layoutLatest', shanghaiMinute(latestChange.at))}</p><p><code>${latestChange.from}</code> → <code>${latestChange.to}</code></p></details>` : '0'}</td>
    ${editor ? html`<td${cell('col.actions')}>${actions(lang, reply, source)}</td>` : ''}
  </tr>`;
}

/** The note a redirect after a change asks for (?done=disabled&id=…); nothing for an unknown id or word. */
function doneNote(lang: Lang, context: DeskContext, query: Record<string, unknown>): Markup | '' {
  const source = context.loaded.sources.find((s) => s.id === query.id);
  const file = source && context.loaded.sourceFiles.get(source.id);
  if (!source || !file) return '';
  const words: Record<string, SourcesWord> = { disabled: 'didDisable', enabled: 'didEnable', added: 'didAdd', 'added-unchecked': 'didAddUnchecked', unchanged: 'unchanged' };
  const word = typeof query.done === 'string' ? words[query.done] : undefined;
  if (!word) return '';
  // A source added without passing the check is said so in amber, with the command that checks it.
  return html`<p class="notice${word === 'didAddUnchecked' ? ' unchecked' : ''}" role="status">${sourcesText(lang, word, source.name, shownPath(context.loaded, file), source.id)}</p>`;
}

/** GET /sources: the health table. */
async function healthPage(context: DeskContext, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const lang = request.lang;
  const say = (key: SourcesWord, ...args: (string | number)[]) => sourcesText(lang, key, ...args);
  const query = request.query as Record<string, unknown>;
  const view = tableView(query);
  const rows: SourceRow[] = [];
  for (const source of context.loaded.sources) rows.push(sourceRow(source, await readSourceHistory(context.store, source)));
  const shown = viewRows(rows, view);
  const editor = request.user?.role === 'editor';
  const disabled = rows.filter((r) => r.disabled !== undefined).length;
  const anyRun = rows.some((r) => r.runs > 0);
  const body = html`<section class="sources">
    <div class="row heading"><h1>${say('title')}</h1>${editor ? html`<a class="button" href="/sources/new">${say('add')}</a>` : ''}</div>
    ${doneNote(lang, context, query)}
    <p class="muted">${say('summary', rows.length, rows.length - disabled, disabled)}</p>
    ${anyRun ? '' : html`<p class="notice">${say('noStore')}</p>`}
    ${filters(lang, rows, view)}
    <p class="muted">${say('shown', shown.length)}</p>
    ${sortLinks(lang, view)}
    ${shown.length === 0 ? html`<p>${say('noneShown')}</p>` : html`<div class="table-wrap"><table class="source-table">
      <thead><tr>${header(lang, view, 'name', 'col.source')}${header(lang, view, 'tier', 'col.tier')}${header(lang, view, 'status', 'col.status')}${header(lang, view, 'success', 'col.success')}${header(lang, view, 'documents', 'col.documents')}${header(lang, view, 'errors', 'col.errors')}${header(lang, view, 'empty', 'col.empty')}${header(lang, view, 'layout', 'col.layout')}${editor ? html`<th scope="col">${say('col.actions')}</th>` : ''}</tr></thead>
      <tbody>${shown.map((source) => row(lang, reply, source, editor))}</tbody></table></div>`}
  </section>`;
  return sendPage(request, reply, { title: say('title'), section: 'sources', body });
}

/** The disable form's reason on one line, or a UserError: none given, or longer than MAX_REASON. */
export function reasonOf(value: unknown): string {
  const reason = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
  if (reason === '') throw new UserError(sourcesText('zh', 'reasonMissing'), sourcesText('en', 'reasonMissing'));
  if ([...reason].length > MAX_REASON) throw new UserError(sourcesText('zh', 'reasonTooLong', MAX_REASON), sourcesText('en', 'reasonTooLong', MAX_REASON));
  return reason;
}

/**
 * POST /sources/:id/disable (a reason) and /sources/:id/enable: writes or removes `disabled:` in the
 * source's catalog file, re-reads the catalog, and goes back to the table with a note. Editors only.
 */
function changeHandler(context: DeskContext, enable: boolean) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const refused = requireEditor(request, reply);
    if (refused) return refused;
    const id = (request.params as { id: string }).id;
    const file = context.loaded.sourceFiles.get(id);
    if (!file) return messagePage(request, reply, 404, common(request.lang, 'notFound'), sourcesText(request.lang, 'noSuchSource', id));
    const reason = enable ? null : reasonOf((request.body as Record<string, unknown> | undefined)?.reason);
    const changed = setSourceDisabled(file, id, reason);
    if (changed) reloadCatalog(context);
    const done = !changed ? 'unchanged' : enable ? 'enabled' : 'disabled';
    return reply.redirect(`/sources?done=${done}&id=${encodeURIComponent(id)}#source-${encodeURIComponent(id)}`, 303);
  };
}

/** Settings of the Sources section. */
export interface SourcesOptions {
  /**
   * Lets the add form's preview fetch private and loopback addresses. Off unless given: the tests' sites on
   * 127.0.0.1 need it, a desk serving editors never (the preview would reach the desk's own network).
   */
  allowPrivatePreview?: boolean;
}

/**
 * The Sources section: GET /sources (each source's health, filtered and sorted by the query), enabling and
 * disabling a source, and adding one (sourceForm.ts). Changes are for editors, and are written into the
 * catalog's YAML files.
 */
export function sourcesSection(options: SourcesOptions = {}): DeskRoutes {
  return (app, context) => {
    app.get('/sources', (request, reply) => healthPage(context, request, reply));
    app.post('/sources/:id/disable', changeHandler(context, false));
    app.post('/sources/:id/enable', changeHandler(context, true));
    registerSourceForm(app, context, { allowPrivate: options.allowPrivatePreview === true });
  };
}
