/**
 * The issue page of the Today section: the draft (abstract, sections, withheld sections) with the
 * verifier's findings marked in place, the editor's forms beside each part, the publishing box, and the
 * day's candidates with their scores, evidence and copies. Server-written HTML only: every form works
 * without a script, every scraped or edited text goes through `html` as text, scraped addresses through
 * `outsideLink`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Candidate } from '../domain/candidate.ts';
import type { Brief, BriefItem, Check, Reference } from '../domain/brief.ts';
import { formatReference } from '../brief/references.ts';
import { evidenceLine, issuerLine, marks, notPicked, plantedIn, relevanceLine } from '../pipeline/explainLines.ts';
import type { AnalysedDay } from '../pipeline/compose.ts';
import { t, type Lang, type MessageKey } from '../util/i18n.ts';
import { findingsByPart, findingWords, markedText, marksIn, type Mark } from './findings.ts';
import { html, outsideLink, type Interpolation, type Markup } from './html.ts';
import { csrfField } from './layout.ts';
import { sectionCiting } from './revise.ts';
import type { Revision } from '../store/store.ts';
import { editorRemoval, publishBlockers, type IssueState } from './revisions.ts';
import { storedText, todayText } from './todayText.ts';
import { shanghaiMinute } from '../util/time.ts';

/** Everything the issue page shows. */
export interface IssueView {
  state: IssueState;
  /** The day analysed, or why it could not be (no document in the window). */
  day: AnalysedDay | { error: string };
  /** When the machine wrote a newer draft (revisions.newerMachineDraft), else null. */
  newer: string | null;
  /** The channels of the config's publish: section by name, or null when there is none. */
  channels: string[] | null;
  /** The channels the issue has reached (deliveries recorded as sent). */
  sentChannels: string[];
  /** Every revision of the issue, oldest first: whose change took a candidate out (revisions.editorRemoval). */
  revisions: readonly Revision[];
  /** Set when a publish was just refused: why (publishBlockers). */
  refusal?: { check: string[]; withheld: string[] };
  /** A line to show on top (a revision saved). */
  notice?: string;
}

/** The forms' shared parts, made once per page: the CSRF token, the revision the page shows, the correction note after publication. */
interface Forms {
  date: string;
  lang: Lang;
  editor: boolean;
  hidden: Markup;
  correction: Markup | '';
}

/** A POST form of one button (and any fields given), carrying the page's token, revision and correction note. */
function actionForm(forms: Forms, path: string, label: string, fields: Interpolation = '', buttonClass = 'secondary'): Markup {
  return html`<form method="post" action="/issues/${forms.date}/${path}" class="inline">${forms.hidden}${fields}${forms.correction}<button type="submit" class="${buttonClass}">${label}</button></form>`;
}

/**
 * The controls of a part as they stand: in a draft, open; once published, folded under 更正… (each form
 * then asks for its correction note), so a published issue reads as it went out.
 */
function guarded(forms: Forms, controls: Markup): Markup {
  return forms.correction ? html`<details class="edit correct"><summary>${todayText(forms.lang, 'correct')}</summary>${controls}</details>` : controls;
}

/** A finding as the reader's page shows it: the verifier's Chinese, labelled as such on an English page (storedText). */
function findingShown(lang: Lang, detail: string): string {
  return storedText(lang, 'finding', detail);
}

/** The marks of a part's findings: each failed check that names words of the text, with the finding as shown. */
function marksOf(lang: Lang, findings: readonly Check[]): Mark[] {
  return findings.flatMap((check) => {
    const words = findingWords(check);
    return words === null ? [] : [{ words, finding: findingShown(lang, check.detail) }];
  });
}

/** A list of findings (as shown: findingShown) beside the text they are about. */
function findingList(findings: readonly string[]): Markup | '' {
  return findings.length === 0 ? '' : html`<ul class="findings" role="note">${findings.map((finding) => html`<li>${finding}</li>`)}</ul>`;
}

/** A paragraph (or headline) with its findings' words marked, and the findings whose words it holds listed after it. */
function markedBlock(tag: 'p' | 'h3', text: string, marks: readonly Mark[], placed: Set<string>): Markup {
  const here = marksIn(text, marks);
  for (const mark of here) placed.add(mark.finding);
  const body = markedText(text, here);
  const list = findingList([...new Set(here.map((mark) => mark.finding))]);
  return tag === 'h3' ? html`<h3>${body}</h3>${list}` : html`<p>${body}</p>${list}`;
}

/** The tier's name in the reader's language. */
function tierName(lang: Lang, tier: string): string {
  return t(lang, `tierName.${tier}` as MessageKey);
}

/** One section's card: number, tier, the text with its findings in place, what it cites, and the editor's forms. */
function itemCard(forms: Forms, brief: Brief, item: BriefItem, findings: readonly Check[], refs: readonly Reference[]): Markup {
  const say = (key: Parameters<typeof todayText>[1], ...args: (string | number)[]) => todayText(forms.lang, key, ...args);
  const found = marksOf(forms.lang, findings);
  const placed = new Set<string>();
  const headline = markedBlock('h3', item.headline, found, placed);
  const paragraphs = item.paragraphs.map((paragraph) => markedBlock('p', paragraph, found, placed));
  const rest = findings.map((check) => findingShown(forms.lang, check.detail)).filter((detail) => !placed.has(detail));
  const failing = findings.length > 0;
  const n = item.n;
  const controls = forms.editor
    ? guarded(forms, html`<div class="row controls">
        ${n > 1 ? actionForm(forms, `items/${n}/move`, say('up'), html`<input type="hidden" name="by" value="up">`) : ''}
        ${n < brief.items.length ? actionForm(forms, `items/${n}/move`, say('down'), html`<input type="hidden" name="by" value="down">`) : ''}
        ${brief.items.length > 1 ? actionForm(forms, `items/${n}/reject`, say('reject')) : ''}
        ${actionForm(forms, `items/${n}/regenerate`, say('regenerate'))}
      </div>
      <details class="edit"><summary>${say('edit')}</summary>
        <form method="post" action="/issues/${forms.date}/items/${n}/edit">${forms.hidden}
          <label>${say('headline')}<input name="headline" value="${item.headline}" required></label>
          ${item.paragraphs.map((paragraph, i) => html`<label>${say('paragraph', i + 1)}<textarea name="paragraph" rows="6">${paragraph}</textarea></label>`)}
          <label>${say('newParagraph')}<textarea name="paragraph" rows="2"></textarea></label>
          ${forms.correction}
          <button type="submit">${say('save')}</button>
        </form>
      </details>`)
    : '';
  return html`<article class="card item${failing ? ' failing' : ''}" id="item-${n}">
    <div class="row"><span class="badge">${say('section', n)}</span><span class="badge">${tierName(forms.lang, item.tier)}</span>${failing ? html`<span class="badge fail">${say('failing')} ${findings.length}</span>` : ''}</div>
    ${headline}${paragraphs}${findingList(rest)}
    <p class="cites muted">${say('cites')}${marks(forms.lang).colon}${refs.map((reference) => html`<span class="ref">[${reference.id}] ${outsideLink(reference.url, formatReference(reference))}</span> `)}</p>
    ${controls}
  </article>`;
}

/** The abstract's card: its text with findings in place, and the editor's forms. */
function abstractCard(forms: Forms, brief: Brief, findings: readonly Check[]): Markup {
  const say = (key: Parameters<typeof todayText>[1], ...args: (string | number)[]) => todayText(forms.lang, key, ...args);
  const found = marksOf(forms.lang, findings);
  const placed = new Set<string>();
  const text = markedBlock('p', brief.abstract, found, placed);
  const rest = findings.map((check) => findingShown(forms.lang, check.detail)).filter((detail) => !placed.has(detail));
  const controls = forms.editor
    ? guarded(forms, html`<div class="row controls">${actionForm(forms, 'abstract/regenerate', say('rewriteAbstract'))}</div>
      <details class="edit"><summary>${say('editAbstract')}</summary>
        <form method="post" action="/issues/${forms.date}/abstract">${forms.hidden}
          <label>${say('abstract')}<textarea name="abstract" rows="8" required>${brief.abstract}</textarea></label>
          ${forms.correction}
          <button type="submit">${say('save')}</button>
        </form>
      </details>`)
    : '';
  return html`<section class="card abstract${findings.length > 0 ? ' failing' : ''}" id="abstract">
    <h2>${say('abstract')}</h2>${text}${findingList(rest)}${controls}
  </section>`;
}

/** The withheld sections, with their findings and the editor's accept / drop. */
function withheldCards(forms: Forms, brief: Brief): Markup | '' {
  const withheld = brief.withheld ?? [];
  if (withheld.length === 0) return '';
  const say = (key: Parameters<typeof todayText>[1], ...args: (string | number)[]) => todayText(forms.lang, key, ...args);
  return html`<section class="withheld" id="withheld"><h2>${say('withheldTitle')}</h2><p class="muted">${say('withheldIntro')}</p>
    ${withheld.map(
      (w, i) => html`<article class="card item failing">
        <h3>${w.item.headline}</h3>${w.item.paragraphs.map((p) => html`<p>${p}</p>`)}${findingList(w.reasons.map((reason) => findingShown(forms.lang, reason)))}
        ${forms.editor ? guarded(forms, html`<div class="row controls">${actionForm(forms, `withheld/${i}/accept`, say('accept'))}${actionForm(forms, `withheld/${i}/drop`, say('drop'))}</div>`) : ''}
      </article>`,
    )}</section>`;
}

/** A candidate's title as explain prints it: the issuer before it unless the title begins with it. */
function candidateTitle(candidate: Candidate, lang: Lang): string {
  return candidate.document.title.startsWith(candidate.origin) ? candidate.document.title : `${candidate.origin}${marks(lang).colon}${candidate.document.title}`;
}

/**
 * Why a candidate is not in the issue, or null when it is (or is below the relevance threshold, where the
 * list says why). An editor's removal says who and in which revision (revisions.editorRemoval): an
 * editor's choice is not the machine's. A story a machine draft held, or one the machine would pick now
 * (the day analysed again after its draft was written), says so. Only a story the machine never picked
 * gets the machine's reason (notPicked).
 */
export function candidateReason(lang: Lang, candidate: Candidate, day: AnalysedDay, revisions: readonly Revision[], inIssue: number | null, eligible: boolean, maxItems: number): string | null {
  if (inIssue !== null) return null;
  const urls = candidate.members.map((member) => member.url);
  const removed = editorRemoval(revisions, urls);
  if (removed) return todayText(lang, 'removedBy', removed.number, removed.author);
  if (revisions.some((revision) => revision.action === 'draft' && urls.some((url) => sectionCiting(revision.brief, url) !== null))) return todayText(lang, 'machinePicked');
  if (day.items.includes(candidate)) return todayText(lang, 'pickedNow');
  return eligible ? notPicked(candidate, day.items, maxItems, lang) : null;
}

/** One candidate: rank, scores, where it is in the issue, title, issuer, relevance, significance with its evidence, every copy; add / replace. */
function candidateCard(forms: Forms, brief: Brief, day: AnalysedDay, revisions: readonly Revision[], candidate: Candidate, rank: number, minRelevance: number, maxItems: number): Markup {
  const lang = forms.lang;
  const say = (key: Parameters<typeof todayText>[1], ...args: (string | number)[]) => todayText(lang, key, ...args);
  const url = candidate.document.url;
  const inIssue = candidate.members.map((member) => sectionCiting(brief, member.url)).find((n) => n !== null) ?? null;
  const whyNot = candidateReason(lang, candidate, day, revisions, inIssue, candidate.relevance.score >= minRelevance, maxItems);
  const hidden = html`<input type="hidden" name="url" value="${url}">`;
  const controls =
    forms.editor && inIssue === null
      ? guarded(forms, html`<div class="row controls">${actionForm(forms, 'candidates/add', say('add'), hidden)}
          ${actionForm(forms, 'candidates/replace', say('replace'), html`${hidden}<select name="n" aria-label="${say('replaceWhich')}">${brief.items.map((item) => html`<option value="${item.n}">${say('section', item.n)}</option>`)}</select>`)}</div>`)
      : '';
  return html`<li class="card candidate${inIssue !== null ? ' picked' : ''}" id="candidate-${rank}">
    <div class="row"><span class="badge">#${rank}</span><span class="badge">${say('significance', candidate.significance.score.toFixed(2))}</span>${inIssue !== null ? html`<span class="badge ok">${say('inIssue', inIssue)}</span>` : ''}</div>
    <h3>${outsideLink(url, candidateTitle(candidate, lang))}</h3>
    ${whyNot ? html`<p class="muted">${whyNot}</p>` : ''}
    <p class="muted">${issuerLine(candidate, lang)}</p>
    <p class="muted">${relevanceLine(candidate, lang)}</p>
    <p class="muted">${t(lang, 'significance')}${marks(lang).colon}${evidenceLine(candidate, lang)}</p>
    ${plantedIn(candidate).map((planted) => html`<p class="warn">${t(lang, 'planted', planted.url, planted.sentence)}</p>`)}
    <details><summary>${say('copies', candidate.members.length)}</summary><ul class="copies">${candidate.members.map((member) => html`<li>${day.directory.siteName(member)}${marks(lang).colon}${outsideLink(member.url)}</li>`)}</ul></details>
    ${controls}
  </li>`;
}

/** The day's candidates: those above the relevance threshold in full, the rest folded away. */
function candidatesColumn(forms: Forms, brief: Brief, view: IssueView, selection: { minRelevance: number; maxItems: number }): Markup {
  const say = (key: Parameters<typeof todayText>[1], ...args: (string | number)[]) => todayText(forms.lang, key, ...args);
  if ('error' in view.day) return html`<aside class="candidates"><h2>${say('candidatesTitle')}</h2><p class="warn">${say('candidatesError', view.day.error)}</p></aside>`;
  const day = view.day;
  const ranked = day.analysis.candidates.map((candidate, i) => ({ candidate, rank: i + 1 }));
  const card = (entry: { candidate: Candidate; rank: number }) => candidateCard(forms, brief, day, view.revisions, entry.candidate, entry.rank, selection.minRelevance, selection.maxItems);
  const eligible = ranked.filter((entry) => entry.candidate.relevance.score >= selection.minRelevance);
  const below = ranked.filter((entry) => entry.candidate.relevance.score < selection.minRelevance);
  return html`<aside class="candidates" id="candidates"><h2>${say('candidatesTitle')}</h2>
    <p class="muted">${say('candidatesIntro', day.documents, day.analysis.storyGroups, selection.minRelevance)}</p>
    <ol class="plain">${eligible.map(card)}</ol>
    ${below.length > 0 ? html`<details><summary>${say('below', below.length)}</summary><ol class="plain">${below.map(card)}</ol></details>` : ''}
  </aside>`;
}

/** The publishing box: status, what stands in the way, the publish form, the publications and the channels reached. */
function publishBox(forms: Forms, view: IssueView, brief: Brief): Markup {
  const say = (key: Parameters<typeof todayText>[1], ...args: (string | number)[]) => todayText(forms.lang, key, ...args);
  const { state } = view;
  const blockers = view.refusal ?? publishBlockers(brief);
  const blocked = blockers.check.length + blockers.withheld.length > 0;
  const published = state.lastPublished !== undefined;
  const status = !published ? say('status.draft') : state.pendingCorrection ? say('status.pending') : say('status.published');
  const reasons = blocked
    ? html`<div class="${view.refusal ? 'error refusal' : 'blockers'}" role="${view.refusal ? 'alert' : 'status'}"><p><strong>${say('refused')}</strong></p><ul>
        ${blockers.check.map((line) => html`<li>${say('blockerCheck', findingShown(forms.lang, line))}</li>`)}${blockers.withheld.map((line) => html`<li>${say('blockerWithheld', findingShown(forms.lang, line))}</li>`)}</ul></div>`
    : '';
  const canPublish = !published || state.pendingCorrection;
  const publishForm = forms.editor && canPublish
    ? html`<form method="post" action="/issues/${forms.date}/publish">${forms.hidden}<button type="submit"${blocked ? html` disabled` : ''}>${published ? say('publishCorrection') : say('publish')}</button></form><p class="muted">${say('publishHelp')}</p>`
    : published && !state.pendingCorrection ? html`<p class="muted">${say('upToDate')}</p>` : '';
  const unsent = (view.channels ?? []).filter((name) => !view.sentChannels.includes(name));
  const channels = view.channels === null
    ? html`<p class="muted">${say('noChannels')}</p>`
    : html`<p class="muted">${say('channels', view.channels.join(forms.lang === 'zh' ? '、' : ', '))}</p>
      ${view.sentChannels.length > 0 ? html`<p class="ok">${say('sentTo', view.sentChannels.join(forms.lang === 'zh' ? '、' : ', '))}</p>` : ''}
      ${published && unsent.length > 0 ? html`<p class="warn">${say('unsent', unsent.join(forms.lang === 'zh' ? '、' : ', '))}</p>${forms.editor ? actionForm(forms, 'send', say('resend')) : ''}` : ''}`;
  const publications = state.publications.length > 0
    ? html`<h3>${say('publications')}</h3><ol class="publications">${state.publications.map((p, i) => html`<li><a href="/issues/${forms.date}/publications/${i + 1}">${say('publicationLine', p.revision, p.publishedBy, shanghaiMinute(p.publishedAt))}</a>${p.note ? html` · ${storedText(forms.lang, 'note', p.note)}` : ''}</li>`)}</ol>`
    : '';
  return html`<section class="card publish" id="publish"><h2>${say('publishTitle')} <span class="badge${published ? ' ok' : ''}">${status}</span></h2>
    ${reasons}${publishForm}${channels}${publications}</section>`;
}

/**
 * The whole issue page body. `editor`: the visitor may change and publish (a viewer sees the same page
 * without a form). Returns markup; the route sends it in the desk's frame.
 */
export function issueBody(request: FastifyRequest, reply: FastifyReply, view: IssueView, selection: { minRelevance: number; maxItems: number }): Markup {
  const lang = request.lang;
  const say = (key: Parameters<typeof todayText>[1], ...args: (string | number)[]) => todayText(lang, key, ...args);
  const { state } = view;
  const brief = state.latest.brief;
  const date = state.latest.issueDate;
  const editor = request.user?.role === 'editor';
  const published = state.lastPublished !== undefined;
  const forms: Forms = {
    date,
    lang,
    editor,
    hidden: html`${csrfField(reply)}<input type="hidden" name="base" value="${state.latest.number}">`,
    correction: published ? html`<label class="correction">${say('correctionNote')}<input name="correction" required maxlength="500"></label>` : '',
  };
  const findings = findingsByPart(brief);
  const references = new Map(brief.references.map((reference) => [reference.id, reference]));
  const failed = brief.checks.filter((check) => !check.ok).length;
  const latest = state.latest;
  const header = html`<header class="issue-head">
    <h1>${say('issueTitle', date)}</h1>
    <p class="muted">${say('revisionLine', latest.number, latest.author, shanghaiMinute(latest.createdAt), say(`action.${latest.action}`))}${latest.note ? html` · ${storedText(lang, 'note', latest.note)}` : ''} · <a href="/issues/${date}/revisions">${say('revisions')}</a></p>
    ${view.notice ? html`<p class="ok" role="status">${view.notice}</p>` : ''}
    ${editor ? '' : html`<p class="muted">${say('viewer')}</p>`}
    ${view.newer ? html`<div class="card notice"><p>${say('newerDraft', shanghaiMinute(view.newer))}</p>${editor ? actionForm(forms, 'restart', say('startFromNewer')) : ''}</div>` : ''}
    ${editor && published ? html`<p class="warn">${say('correctionHelp')}</p>` : ''}
    <p class="${failed > 0 ? 'fail' : 'ok'}">${failed > 0 ? say('checksFailed', failed) : say('checksOk', brief.checks.length)}</p>
    ${findings.has('issue') ? html`<div class="card failing"><h2>${say('issueFindings')}</h2>${findingList(findings.get('issue')!.map((check) => findingShown(lang, check.detail)))}</div>` : ''}
  </header>`;
  const draft = html`<div class="draft">
    ${abstractCard(forms, brief, findings.get('abstract') ?? [])}
    <h2>${say('sections')}</h2>
    ${brief.items.map((item) => itemCard(forms, brief, item, findings.get(item.n) ?? [], item.refs.flatMap((id) => references.get(id) ?? [])))}
    ${withheldCards(forms, brief)}
  </div>`;
  return html`${header}${publishBox(forms, view, brief)}<div class="columns today">${draft}${candidatesColumn(forms, brief, view, selection)}</div>`;
}
