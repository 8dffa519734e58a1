import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Brief } from '../domain/brief.ts';
import { formatReference } from '../brief/references.ts';
import type { Publication } from '../store/store.ts';
import { t, type Lang } from '../util/i18n.ts';
import { parseIssueDate, shanghaiMinute } from '../util/time.ts';
import type { DeskContext } from './context.ts';
import { html, outsideLink, type Markup } from './html.ts';
import { editionFiles, issueFiles, type IssueFile } from './issueFiles.ts';
import { sendPage } from './layout.ts';
import { pageText } from './text.ts';
import { CHART_THEMES, isoWeek, themeChart, weeklyShares } from './themeChart.ts';
import { storedText } from './todayText.ts';

/** Weeks the chart of an issue's page shows: the quarter up to its week. */
const ISSUE_CHART_WEEKS = 12;

const say = pageText({
  back: { zh: '← 归档', en: '← Archive' },
  editions: { zh: '发布版本', en: 'Published editions' },
  first: { zh: '首发', en: 'First edition' },
  correction: { zh: '更正 {0}', en: 'Correction {0}' },
  published: { zh: '{0} 由 {1} 发布（修订 {2}）', en: 'published {0} by {1} (revision {2})' },
  note: { zh: '更正说明：{0}', en: 'Correction {0}' },
  earlier: { zh: '较早的版本', en: 'Earlier editions' },
  draft: { zh: '机器草稿（未发布）', en: 'Machine draft (never published)' },
  draftMade: { zh: '由运行写成于 {0}', en: 'written by a run at {0}' },
  neverPublished: { zh: '这一期从未发布：以下是运行写成的草稿。', en: 'This issue was never published: below is the draft a run wrote.' },
  revisions: { zh: '编辑台存有 {0} 个修订。', en: 'Revisions kept at the desk: {0}.' },
  edit: { zh: '在编辑页打开', en: 'Open in the editor' },
  files: { zh: '文件下载', en: 'Downloads' },
  noFiles: { zh: '输出目录里没有这一期的文件。', en: 'The output folder holds no files of this issue.' },
  current: { zh: '当前版本的文件（out/{0}/）', en: 'Files of the current edition (out/{0}/)' },
  editionFiles: { zh: '这一版发出时的文件', en: 'The files as this edition went out' },
  notKept: { zh: '这一版的文件未单独保存（更正前的版本只在更正时保存）。', en: 'This edition’s files were not kept (an edition is kept when a correction replaces it).' },
  abstract: { zh: '摘要', en: 'Abstract' },
  references: { zh: '参考来源', en: 'References' },
  tierThemes: { zh: '{0} · {1}', en: '{0} · {1}' },
  withheld: { zh: '未通过核查、未发布的条目', en: 'Sections withheld (failed a check)' },
  chart: { zh: '主题走势（截至本期所在周）', en: 'Themes over the weeks (to this issue’s week)' },
  'file.brief.pdf': { zh: 'PDF', en: 'PDF' },
  'file.brief.docx': { zh: 'Word（DOCX）', en: 'Word (DOCX)' },
  'file.brief.html': { zh: '网页（HTML）', en: 'Web page (HTML)' },
  'file.brief.wechat.html': { zh: '微信公众号排版', en: 'WeChat layout' },
  'file.brief.json': { zh: '数据（brief.json）', en: 'Data (brief.json)' },
  'file.brief.md': { zh: 'Markdown', en: 'Markdown' },
  'file.index.html': { zh: '归档站页面', en: 'Archive site page' },
});

type Say = (key: Parameters<typeof say>[1], ...args: (string | number)[]) => string;

/** A size in bytes as a reader reads it: 14 KB, 1.2 MB. */
function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The links to files of the issue, each a download: the current edition's (out/DATE/) served by
 * /archive/DATE/files/NAME, a kept edition's by /archive/DATE/editions/N/files/NAME (`edition` N).
 */
function downloads(s: Say, issueDate: string, files: readonly IssueFile[], edition?: number): Markup {
  if (files.length === 0) return html`<p class="muted">${edition === undefined ? s('noFiles') : s('notKept')}</p>`;
  const base = edition === undefined ? `/archive/${issueDate}/files` : `/archive/${issueDate}/editions/${edition}/files`;
  const saved = edition === undefined ? issueDate : `${issueDate}-${edition}`;
  const label = (name: string) => {
    const key = `file.${name}`;
    return fileLabels.has(key) ? s(key as Parameters<typeof say>[1]) : name;
  };
  return html`<ul class="downloads">${files.map((file) => html`<li><a href="${base}/${file.name}" download="${saved}-${file.name}">${label(file.name)}</a> <span class="muted">${file.name} · ${size(file.bytes)}</span></li>`)}</ul>`;
}
const fileLabels = new Set(['file.brief.pdf', 'file.brief.docx', 'file.brief.html', 'file.brief.wechat.html', 'file.brief.json', 'file.brief.md', 'file.index.html']);

/**
 * A brief read-only: abstract, sections (tier, themes, paragraphs), references (each its house line,
 * formatReference as Today and the renderers print it, linked to its source through outsideLink), and what
 * was withheld (the verifier's findings, labelled as Chinese data on an English page). Every text is the
 * brief's, untrusted: escaped by html.
 */
function briefView(s: Say, lang: Lang, brief: Brief): Markup {
  const references = new Map(brief.references.map((reference) => [reference.id, reference]));
  return html`<h3 class="brief-title">${brief.title}</h3>
    <section class="abstract"><h4>${s('abstract')}</h4><p>${brief.abstract}</p></section>
    <ol class="brief-items">${brief.items.map(
      (item) => html`<li><h4>${item.headline}</h4>
        <p class="muted">${s('tierThemes', t(lang, `tierName.${item.tier}`), item.themes.join(lang === 'zh' ? '、' : ', '))}</p>
        ${item.paragraphs.map((paragraph) => html`<p>${paragraph}</p>`)}
        ${item.refs.length > 0 ? html`<p class="muted">${item.refs.map((id) => html`<sup>[${references.has(id) ? id : '?'}]</sup>`)}</p>` : ''}</li>`,
    )}</ol>
    <section class="references"><h4>${s('references')}</h4><ol>${brief.references.map(
      (reference) => html`<li><span class="muted">[${reference.id}]</span> ${outsideLink(reference.url, formatReference(reference))}</li>`,
    )}</ol></section>
    ${brief.withheld && brief.withheld.length > 0
      ? html`<section class="withheld"><h4>${s('withheld')}</h4><ul>${brief.withheld.map((w) => html`<li>${w.item.headline}<span class="muted"> — ${storedText(lang, 'finding', w.reasons.join('；'))}</span></li>`)}</ul></section>`
      : ''}`;
}

/**
 * One published edition: which, when, by whom, its note, its files (the current folder's for the latest
 * edition, the kept edition's for an earlier one: keepEdition), and the brief of its revision.
 */
async function editionView(s: Say, lang: Lang, context: DeskContext, publication: Publication, index: number, latest: boolean): Promise<Markup> {
  const revision = await context.desk.revision(publication.issueDate, publication.revision);
  const heading = index === 0 ? s('first') : s('correction', index);
  const date = publication.issueDate;
  const files = latest ? downloads(s, date, issueFiles(context.outDir, date)) : downloads(s, date, editionFiles(context.outDir, date, index + 1), index + 1);
  return html`<article class="card edition" id="edition-${index + 1}"><h3>${heading}</h3>
    <p class="muted">${s('published', shanghaiMinute(publication.publishedAt), publication.publishedBy, publication.revision)}</p>
    ${publication.note ? html`<p>${s('note', storedText(lang, 'note', publication.note))}</p>` : ''}
    <h4>${s('editionFiles')}</h4>${files}
    ${revision ? briefView(s, lang, revision.brief) : ''}</article>`;
}

/**
 * GET /archive/:date: an issue read-only. Its published editions, the latest first in full and the
 * earlier ones folded (first edition, then each correction, from the desk's publications and revisions);
 * the run's draft when it was never published; its files; the theme chart up to its week. A date that is
 * not YYYY-MM-DD is a UserError (400); an issue the store lacks, the 404 page.
 */
export async function issueView(context: DeskContext, request: FastifyRequest<{ Params: { date: string } }>, reply: FastifyReply): Promise<FastifyReply> {
  const lang = request.lang;
  const s: Say = (key, ...args) => say(lang, key, ...args);
  const date = parseIssueDate(request.params.date);
  const draft = await context.desk.machineDraft(date);
  const revisions = await context.desk.revisions(date);
  if (!draft && revisions.length === 0) {
    reply.callNotFound();
    return reply;
  }
  const publications = await context.desk.publications(date);
  const title = (revisions.at(-1)?.brief ?? draft?.brief)?.title ?? date;
  let editions: Markup;
  if (publications.length > 0) {
    const views = (await Promise.all(publications.map((publication, i) => editionView(s, lang, context, publication, i, i === publications.length - 1)))).reverse();
    editions = html`<section aria-labelledby="editions-title"><h2 id="editions-title">${s('editions')}</h2>${views[0]!}
      ${views.length > 1 ? html`<details class="earlier"><summary>${s('earlier')}</summary>${views.slice(1)}</details>` : ''}</section>`;
  } else {
    editions = html`<section aria-labelledby="editions-title"><h2 id="editions-title">${s('draft')}</h2>
      <p class="warn">${s('neverPublished')}</p>
      ${draft ? html`<article class="card edition"><p class="muted">${s('draftMade', shanghaiMinute(draft.createdAt))}</p>${briefView(s, lang, draft.brief)}</article>` : ''}</section>`;
  }
  const chart = themeChart(weeklyShares(await context.store.issueThemeShares(), { top: CHART_THEMES, maxWeeks: ISSUE_CHART_WEEKS, until: date }), lang, { id: 'issue-chart', current: isoWeek(date).monday });
  const body = html`<p><a href="/archive">${s('back')}</a></p>
    <h1>${date} · ${title}</h1>
    ${revisions.length > 0 ? html`<p class="muted">${s('revisions', revisions.length)}</p>` : ''}
    ${request.user?.role === 'editor' ? html`<p><a href="/issues/${date}">${s('edit')}</a></p>` : ''}
    <section aria-labelledby="files-title"><h2 id="files-title">${s('files')}</h2><p class="muted">${s('current', date)}</p>${downloads(s, date, issueFiles(context.outDir, date))}</section>
    ${editions}
    <section aria-labelledby="issue-chart-title"><h2 id="issue-chart-title">${s('chart')}</h2>${chart}</section>`;
  return sendPage(request, reply, { title: `${date} · ${title}`, section: 'archive', body });
}
