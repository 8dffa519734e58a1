/**
 * The revisions of an issue (number, author, time, action, note, which went out) and the comparison of two
 * of them: each brief as readable text (diff.ts), words added in <ins>, removed in <del>.
 */
import type { Lang } from '../util/i18n.ts';
import type { Publication, Revision } from '../store/store.ts';
import { briefText, diffMarkup, diffSize } from './diff.ts';
import { html, type Markup } from './html.ts';
import { storedText, todayText } from './todayText.ts';
import { shanghaiMinute } from '../util/time.ts';

/**
 * The list of revisions, newest first, with a form choosing two to compare (GET: nothing changes). A
 * revision whose checks failed is marked (row class `failing`, a badge with how many). Each cell carries its
 * column's name (data-label): at phone width the table is a list of cards (desk.css), every column shown.
 */
export function revisionsBody(lang: Lang, issueDate: string, revisions: readonly Revision[], publications: readonly Publication[]): Markup {
  const say = (key: Parameters<typeof todayText>[1], ...args: (string | number)[]) => todayText(lang, key, ...args);
  const newest = revisions.at(-1)?.number ?? 1;
  const publishedAt = (n: number) => publications.filter((p) => p.revision === n).map((p) => shanghaiMinute(p.publishedAt));
  const rows = [...revisions].reverse().map((r) => {
    const when = publishedAt(r.number);
    const failed = r.brief.checks.filter((check) => !check.ok).length;
    const cell = (key: Parameters<typeof todayText>[1]) => html` data-label="${say(key)}"`;
    return html`<tr${failed > 0 ? html` class="failing"` : ''}>
      <td${cell('compareFrom')}><input type="radio" name="a" value="${r.number}" aria-label="${say('compareFrom')} ${r.number}"${r.number === Math.max(1, newest - 1) ? html` checked` : ''}></td>
      <td${cell('compareTo')}><input type="radio" name="b" value="${r.number}" aria-label="${say('compareTo')} ${r.number}"${r.number === newest ? html` checked` : ''}></td>
      <td${cell('col.number')}>${r.number}${r.number > 1 ? html` <a href="/issues/${issueDate}/compare?a=${r.number - 1}&amp;b=${r.number}">±</a>` : ''}</td>
      <td${cell('col.author')}>${r.author}</td><td${cell('col.time')}>${shanghaiMinute(r.createdAt)}</td>
      <td${cell('col.action')}>${say(`action.${r.action}`)}${failed > 0 ? html` <span class="badge fail">${say('revisionFailing', failed)}</span>` : ''}</td>
      <td${cell('col.note')}>${r.note ? storedText(lang, 'note', r.note) : ''}</td>
      <td${cell('col.published')}>${when.length > 0 ? html`<span class="badge ok">${when.join(' / ')}</span>` : ''}</td>
    </tr>`;
  });
  return html`<h1>${say('revisionsTitle', issueDate)}</h1>
    <p><a href="/issues/${issueDate}">${say('backToIssue')}</a></p>
    <form method="get" action="/issues/${issueDate}/compare">
      <div class="table-wrap"><table class="revisions">
        <thead><tr><th>${say('compareFrom')}</th><th>${say('compareTo')}</th><th>${say('col.number')}</th><th>${say('col.author')}</th><th>${say('col.time')}</th><th>${say('col.action')}</th><th>${say('col.note')}</th><th>${say('col.published')}</th></tr></thead>
        <tbody>${rows}</tbody>
      </table></div>
      <button type="submit">${say('compare')}</button>
    </form>`;
}

/** One side of a comparison: the revision's number, author, time and action. */
function revisionLabel(lang: Lang, r: Revision): string {
  return todayText(lang, 'revisionLine', r.number, r.author, shanghaiMinute(r.createdAt), todayText(lang, `action.${r.action}`));
}

/** Two revisions compared as text. */
export function compareBody(lang: Lang, issueDate: string, before: Revision, after: Revision): Markup {
  const say = (key: Parameters<typeof todayText>[1], ...args: (string | number)[]) => todayText(lang, key, ...args);
  const a = briefText(before.brief, lang);
  const b = briefText(after.brief, lang);
  const size = diffSize(a, b);
  return html`<h1>${say('compareTitle', issueDate, before.number, after.number)}</h1>
    <p><a href="/issues/${issueDate}">${say('backToIssue')}</a> · <a href="/issues/${issueDate}/revisions">${say('revisions')}</a></p>
    <ul class="plain muted"><li><span class="badge">${say('compareFrom')}</span> ${revisionLabel(lang, before)}${before.note ? html` · ${storedText(lang, 'note', before.note)}` : ''}</li><li><span class="badge">${say('compareTo')}</span> ${revisionLabel(lang, after)}${after.note ? html` · ${storedText(lang, 'note', after.note)}` : ''}</li></ul>
    <p class="muted">${say('compareLegend')} · ${say('compareSize', size.added, size.removed)}</p>
    <pre class="diff card">${diffMarkup(a, b)}</pre>`;
}
