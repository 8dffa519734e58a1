import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { validate } from '../config/load.ts';
import { sourceSchema, type Source } from '../config/schema.ts';
import { sourceTiers } from '../domain/tier.ts';
import { liveFetcherFromConfig } from '../crawl/fromConfig.ts';
import { appendSource } from '../sources/catalogEdit.ts';
import { checkCrawlSettings } from '../pipeline/sourceCheck.ts';
import { previewSource, type SourcePreview } from '../pipeline/sourcePreview.ts';
import { errorLine, UserError } from '../util/errors.ts';
import { t, type Lang } from '../util/i18n.ts';
import { shanghaiMinute } from '../util/time.ts';
import { csrfKey, requireEditor } from './app.ts';
import { addedSourcesFile, reloadCatalog, shownPath } from './catalogFiles.ts';
import type { DeskContext } from './context.ts';
import { html, outsideLink, type Markup } from './html.ts';
import { csrfField, sendPage } from './layout.ts';
import { PREVIEW_TOKEN_HOURS, previewToken, readPreviewToken, type PreviewRefusal } from './previewToken.ts';
import { previewVerdict } from './previewVerdict.ts';
import { sourcesText, type SourcesWord } from './sourcesText.ts';

/** The add form's fields, as typed (trimmed). */
export interface SourceFormFields {
  url: string;
  name: string;
  tier: string;
  region: string;
  id: string;
}

/** How many of the links a preview found are listed. */
const LINKS_SHOWN = 20;

/** The comment that opens a catalog file the desk makes (catalog files speak English in their comments). */
const NEW_FILE_HEADER = 'Sources added at the editor\'s desk (xinzhi serve): the same schema as every catalog file.\nEdit by hand as any other; the desk only appends here and sets or removes `disabled:`.';

/** The form's fields from a POST body; what is missing is the empty string. */
export function formFields(body: unknown): SourceFormFields {
  const form = (body ?? {}) as Record<string, unknown>;
  const field = (name: string) => (typeof form[name] === 'string' ? form[name].trim() : '');
  return { url: field('url'), name: field('name'), tier: field('tier') || 'municipal', region: field('region'), id: field('id') };
}

/** The address typed, when it is an http(s) URL; else null. */
function typedUrl(fields: SourceFormFields): URL | null {
  let url: URL;
  try {
    url = new URL(fields.url);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}

/** The address typed, when it is an http(s) URL; else a UserError saying so. */
function listUrl(fields: SourceFormFields): URL {
  const url = typedUrl(fields);
  if (!url) throw new UserError(sourcesText('zh', 'badUrl'), sourcesText('en', 'badUrl'));
  return url;
}

/**
 * Where adding stands on the form. `unpreviewed`: nothing previewed yet, so only the preview button.
 * `passed`: a preview of this very address passed the check (its signed token rides along). `unchecked`:
 * a preview that did not pass, or a token that does not fit the address: adding needs the ticked box.
 */
export type AddState =
  | { kind: 'unpreviewed' }
  | { kind: 'passed'; token: string; datedLinks: number }
  | { kind: 'unchecked'; chosen: boolean; refused: PreviewRefusal };

/** The field whose ticking says "add it although it has not passed the check", and its value when ticked. */
const ANYWAY_FIELD = 'unchecked';
const ANYWAY_VALUE = 'yes';

/** What a POST of the form says about adding: the token it carries checked against the address typed, and the box. */
export function postedAddState(deskKey: Buffer, fields: SourceFormFields, body: unknown, now: Date): Exclude<AddState, { kind: 'unpreviewed' }> {
  const form = (body ?? {}) as Record<string, unknown>;
  const token = typeof form.preview === 'string' ? form.preview.trim() : '';
  const url = typedUrl(fields);
  const reading = url ? readPreviewToken(deskKey, token, url.href, now) : { refused: token === '' ? 'missing' as const : 'other' as const };
  if ('pass' in reading) return { kind: 'passed', token, datedLinks: reading.pass.datedLinks };
  return { kind: 'unchecked', chosen: form[ANYWAY_FIELD] === ANYWAY_VALUE, refused: reading.refused };
}

/**
 * A source id made from a list page's host, not among `taken`: jxj.beijing.gov.cn → jxj-beijing; a leading
 * www. and a trailing .gov.cn, .com.cn or .cn are dropped, other characters become dashes, and -2, -3 … is
 * added until the id is free.
 */
export function idFromHost(host: string, taken: ReadonlySet<string>): string {
  const base = host.toLowerCase().replace(/^www\./, '').replace(/\.(gov|com|org|edu)?\.?cn$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'source';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * The catalog entry the form describes, as plain data: a `list` entry point at the address, the homepage its
 * origin, the id typed or made from the host. For the preview (`complete` false) a missing name or region
 * is stood in for; for adding, each is required (UserError naming the field).
 */
export function entryOf(fields: SourceFormFields, taken: ReadonlySet<string>, complete: boolean): Record<string, unknown> {
  const url = listUrl(fields);
  if (complete) {
    for (const [key, word] of [['name', 'field.name'], ['region', 'field.region']] as const) {
      if (fields[key] === '') throw new UserError(sourcesText('zh', 'missing', sourcesText('zh', word)), sourcesText('en', 'missing', sourcesText('en', word).toLowerCase()));
    }
  }
  return {
    id: fields.id || idFromHost(url.hostname, taken),
    name: fields.name || url.hostname,
    tier: fields.tier,
    region: fields.region || '-',
    homepage: `${url.origin}/`,
    entries: [{ type: 'list', url: url.href }],
  };
}

/** An ISO 8601 time as written for a reader, keeping its offset: 2026-06-18 09:00 +08:00; a bare date stays a date. */
function readableTime(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(iso);
  return match ? `${match[1]} ${match[2]}${match[3] ? ` ${match[3]}` : ''}` : iso;
}

function option(value: string, label: string, selected: boolean): Markup {
  return html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
}

/** The add part of the form: nothing but a hint before a preview; the button with a passing preview; else the box and the button. */
function addControls(lang: Lang, state: AddState): Markup {
  const say = (key: SourcesWord, ...args: (string | number)[]) => sourcesText(lang, key, ...args);
  const add = html`<button type="submit" class="secondary" formaction="/sources/add">${say('addButton')}</button>`;
  switch (state.kind) {
    case 'unpreviewed':
      return html`<div class="row"><button type="submit">${say('preview')}</button></div><p class="muted add-hint">${say('previewFirst')}</p>`;
    case 'passed':
      return html`<input type="hidden" name="preview" value="${state.token}">
        <p class="add-passed">${say('previewPassed', state.datedLinks)}</p>
        <div class="row"><button type="submit">${say('preview')}</button>${add}</div>`;
    case 'unchecked':
      return html`<label class="add-anyway"><input type="checkbox" name="${ANYWAY_FIELD}" value="${ANYWAY_VALUE}"${state.chosen ? html` checked` : ''}> ${say('addAnyway')}</label>
        <div class="row"><button type="submit">${say('preview')}</button>${add}</div>`;
  }
}

/** The form, filled with what was typed. Preview and add are two buttons of one form, so the editor can retry. */
function form(lang: Lang, reply: FastifyReply, fields: SourceFormFields, state: AddState): Markup {
  const say = (key: SourcesWord, ...args: (string | number)[]) => sourcesText(lang, key, ...args);
  return html`<form method="post" action="/sources/preview" class="card source-form">${csrfField(reply)}
    <label>${say('field.url')}<input name="url" type="url" required value="${fields.url}" placeholder="https://"></label>
    <div class="source-fields">
      <label>${say('field.name')}<input name="name" value="${fields.name}"></label>
      <label>${say('field.tier')}<select name="tier">${sourceTiers.map((tier) => option(tier, t(lang, `tierName.${tier}`), tier === fields.tier))}</select></label>
      <label>${say('field.region')}<input name="region" value="${fields.region}"></label>
      <label>${say('field.id')}<input name="id" value="${fields.id}" pattern="[a-z0-9][a-z0-9\\-]*" title="${say('idHint')}" placeholder="jxj-beijing" aria-describedby="id-hint"><span class="muted" id="id-hint">${say('idHint')}</span></label>
    </div>
    ${addControls(lang, state)}
  </form>`;
}

/**
 * What a preview found, every piece of it from the site, so text only (html``) and links via outsideLink.
 * The links and the first article are shown only when the list page was read: after a failed fetch there
 * is nothing to say about them.
 */
function previewSection(lang: Lang, preview: SourcePreview): Markup {
  const say = (key: SourcesWord, ...args: (string | number)[]) => sourcesText(lang, key, ...args);
  const { check, links, article } = preview;
  const verdict = previewVerdict(check, lang);
  const dated = links.filter((link) => link.listedAt !== null).length;
  const articlePart = article === null
    ? ''
    : 'error' in article
      ? html`<p class="fail">${say('articleFailed', article.error)}</p><p>${outsideLink(article.url)}</p>`
      : html`<article class="extract">
          ${article.kind !== 'article' ? html`<p class="warn">${say('notArticle')}</p>` : ''}
          ${article.publishedAt === null ? html`<p class="warn">${say('noDate')}</p>` : ''}
          <dl>
            <dt>${say('article.title')}</dt><dd class="extract-title">${article.title || say('none')}</dd>
            <dt>${say('article.date')}</dt><dd>${article.publishedAt ? readableTime(article.publishedAt) : say('none')}</dd>
            <dt>${say('article.publisher')}</dt><dd>${article.publisher ?? say('none')}</dd>
            <dt>${say('article.docNumber')}</dt><dd>${article.docNumber ?? say('none')}</dd>
            <dt>${say('article.url')}</dt><dd>${outsideLink(article.url)}</dd>
          </dl>
          <h4>${say('article.paragraphs', article.paragraphs.length, article.paragraphCount)}</h4>
          ${article.paragraphs.map((paragraph) => html`<p class="extract-paragraph">${paragraph}</p>`)}
        </article>`;
  return html`<section class="card preview" id="preview" aria-labelledby="preview-title">
    <h2 id="preview-title">${say('previewTitle')}</h2>
    ${preview.listRead ? html`<p class="muted">${say('previewNote')}</p>` : ''}
    <p class="verdict verdict-${verdict.tone}"><strong>${verdict.head}${lang === 'en' ? ': ' : '：'}</strong>${verdict.sentence}</p>
    ${verdict.technical ? html`<p class="muted technical">${verdict.technical}</p>` : ''}
    ${check.format ? html`<p class="muted">${say('format', check.format)}</p>` : ''}
    ${preview.listRead ? html`<h3>${say('linksFound', links.length, dated)}</h3>
    ${links.length === 0 ? html`<p>${say('noLinks')}</p>` : html`<ol class="preview-links">${links.slice(0, LINKS_SHOWN).map((link) => html`<li>${link.listedAt ? html`<time>${link.listedAt.slice(0, 10)}</time> ` : ''}${outsideLink(link.url, link.title || link.url)}</li>`)}</ol>
      ${links.length > LINKS_SHOWN ? html`<p class="muted">${say('moreLinks', links.length - LINKS_SHOWN)}</p>` : ''}`}
    ${article === null ? '' : html`<h3>${say('firstArticle')}</h3>${articlePart}`}` : ''}
  </section>`;
}

/** The add page: the form (filled, its add part as `state` says), an error line, and a preview when there is one. */
function addPage(context: DeskContext, request: FastifyRequest, reply: FastifyReply, fields: SourceFormFields, state: AddState, extra: { error?: string; preview?: SourcePreview } = {}, status = 200): FastifyReply {
  const lang = request.lang;
  const say = (key: SourcesWord, ...args: (string | number)[]) => sourcesText(lang, key, ...args);
  const body = html`<section class="source-add">
    <p><a href="/sources">← ${say('title')}</a></p>
    <h1>${say('addTitle')}</h1>
    <p class="muted">${say('addIntro', shownPath(context.loaded, addedSourcesFile(context.loaded)))}</p>
    ${extra.error ? html`<p class="error" role="alert">${extra.error}</p>` : ''}
    ${form(lang, reply, fields, state)}
    ${extra.preview ? previewSection(lang, extra.preview) : ''}
  </section>`;
  return sendPage(request, reply, { title: say('addTitle'), section: 'sources', body }, status);
}

/** The comment written above an added entry: who added it and when, and what its check found or how to run it. */
function addedComment(by: string, at: Date, id: string, state: Exclude<AddState, { kind: 'unpreviewed' }>): string {
  const when = `${shanghaiMinute(at)} (+08:00)`;
  return state.kind === 'passed'
    ? `Added at the editor's desk by ${by}, ${when}; its preview passed the check of xinzhi sources check (${state.datedLinks} dated links)`
    : `Added at the editor's desk by ${by}, ${when}, without passing the check: xinzhi sources check --source ${id} --update`;
}

/**
 * The add form's routes (editors only): GET /sources/new; POST /sources/preview, which fetches the list page
 * and its first article through the crawler's live fetcher (address guard, robots.txt, the check's limits)
 * and, when the check passed, signs a token of it into the form; POST /sources/add, which writes the entry
 * into the catalog's added-sources file after the schema accepted it, and re-reads the catalog. Adding
 * follows a preview: with a valid token of the same address the entry is written `verified: true`; without
 * one only when the editor ticked "add it although it has not passed the check", as `verified: false`;
 * otherwise it is refused with one line (the server's rule, not only the page's). `allowPrivate` lets the
 * preview reach private addresses (tests).
 */
export function registerSourceForm(app: FastifyInstance, context: DeskContext, options: { allowPrivate: boolean }): void {
  const taken = () => new Set(context.loaded.sources.map((source) => source.id));
  const deskKey = csrfKey(context.dataDir);

  app.get('/sources/new', (request, reply) => requireEditor(request, reply) ?? addPage(context, request, reply, formFields({}), { kind: 'unpreviewed' }));

  app.post('/sources/preview', async (request, reply) => {
    const refused = requireEditor(request, reply);
    if (refused) return refused;
    const fields = formFields(request.body);
    let candidate: Source;
    try {
      candidate = validate(sourceSchema, entryOf(fields, taken(), false), addedSourcesFile(context.loaded));
    } catch (err) {
      return addPage(context, request, reply, fields, { kind: 'unpreviewed' }, { error: errorLine(err, request.lang) }, 400);
    }
    // Never a setting of the form: only the desk's own option lets a preview reach a private address.
    const source: Source = { ...candidate, allowPrivate: options.allowPrivate, robots: 'obey' };
    const settings = checkCrawlSettings(context.loaded.config.crawl);
    const preview = await previewSource(source, liveFetcherFromConfig(settings, [source]), request.lang);
    const { check } = preview;
    // The address signed is the entry's as it will be written (entryOf: URL.href), so adding checks the same string.
    const state: AddState = check.finding === 'ok'
      ? { kind: 'passed', token: previewToken(deskKey, listUrl(fields).href, check.datedLinks, context.now()), datedLinks: check.datedLinks }
      : { kind: 'unchecked', chosen: false, refused: 'missing' };
    return addPage(context, request, reply, fields, state, { preview });
  });

  app.post('/sources/add', (request, reply) => {
    const refused = requireEditor(request, reply);
    if (refused) return refused;
    const fields = formFields(request.body);
    const file = addedSourcesFile(context.loaded);
    const state = postedAddState(deskKey, fields, request.body, context.now());
    let id: string;
    try {
      const entry = entryOf(fields, taken(), true);
      id = String(entry.id);
      const other = context.loaded.sourceFiles.get(id);
      if (other) throw new UserError(sourcesText('zh', 'idTaken', id, shownPath(context.loaded, other)), sourcesText('en', 'idTaken', id, shownPath(context.loaded, other)));
      // `verified:` written before `entries:`, where a reader of the file looks for the source's settings.
      const { entries, ...settings } = entry;
      const written = { ...settings, verified: state.kind === 'passed', entries };
      validate(sourceSchema, written, file);
      // The fields are checked first: a field to fix is said before the preview that is missing.
      if (state.kind === 'unchecked' && !state.chosen) {
        const word = `refused.${state.refused}` as const;
        throw new UserError(sourcesText('zh', word, fields.url, PREVIEW_TOKEN_HOURS), sourcesText('en', word, fields.url, PREVIEW_TOKEN_HOURS));
      }
      appendSource(file, written, addedComment(request.user?.name ?? '', context.now(), id, state), NEW_FILE_HEADER);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      return addPage(context, request, reply, fields, state, { error: errorLine(err, request.lang) }, 400);
    }
    reloadCatalog(context);
    const done = state.kind === 'passed' ? 'added' : 'added-unchecked';
    return reply.redirect(`/sources?done=${done}&id=${encodeURIComponent(id)}#source-${encodeURIComponent(id)}`, 303);
  });
}
