/**
 * The Today section of the editor's desk (issue 17): the newest issue's draft beside the day's
 * candidates, the editor's changes (each saved as a revision, checked by the verifier), the revisions and
 * their comparison, and approving and publishing. Routes:
 *   GET  /today                               → the newest issue, or how one is made
 *   GET  /issues/:date                        the draft, its findings, the candidates, publishing
 *   GET  /issues/:date/revisions              the revisions
 *   GET  /issues/:date/compare?a=N&b=M        two revisions compared
 *   POST /issues/:date/items/:n/{reject,move,edit,regenerate}
 *   POST /issues/:date/abstract, /abstract/regenerate
 *   POST /issues/:date/candidates/{add,replace}   (url, n)
 *   POST /issues/:date/withheld/:i/{accept,drop}
 *   POST /issues/:date/restart                start again from the machine's newer draft
 *   POST /issues/:date/publish                approve and publish (a correction once published) → 303 to its result
 *   POST /issues/:date/send                   send again to the channels not reached → 303 to the result
 *   GET  /issues/:date/publications/:k        publication k's result, read back (a reload sends nothing)
 * Every POST is an editor's (requireEditor) and carries the CSRF token (app.ts) and the revision the page
 * showed (`base`); once the issue is published, a change also carries a correction note.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { join } from 'node:path';
import type { Brief } from '../domain/brief.ts';
import { channelLabel } from '../publish/label.ts';
import type { AnalysedDay } from '../pipeline/compose.ts';
import type { RevisionAction } from '../store/store.ts';
import { UserError } from '../util/errors.ts';
import { requireEditor, type DeskRoutes } from './app.ts';
import type { DeskContext } from './context.ts';
import { candidateByUrl, issueDay, recomposed, referencesOf, rewrittenAbstract, rewrittenSection, storyOfWithheld, storySection } from './drafting.ts';
import { html, type Markup } from './html.ts';
import { editionFiles, editionsFolderName } from './issueFiles.ts';
import { messagePage, sendPage } from './layout.ts';
import { publishLatest, sendAgain } from './publishing.ts';
import { abstractAfterHeadline, acceptWithheld, dropWithheld, editAbstract, editItem, insertSection, moveItem, removeItem, replaceSection, sectionCiting, withAbstractOf, withFallback } from './revise.ts';
import { assertBase, assertChangeAllowed, checked, issueState, newerMachineDraft, publishBlockers, Refusal, saveRevision, type IssueState } from './revisions.ts';
import { compareBody, revisionsBody } from './revisionsView.ts';
import { storedText, todayText } from './todayText.ts';
import { issueBody, type IssueView } from './todayView.ts';
import { shanghaiMinute } from '../util/time.ts';

type Say = (key: Parameters<typeof todayText>[1], ...args: (string | number)[]) => string;
const sayIn = (request: FastifyRequest): Say => (key, ...args) => todayText(request.lang, key, ...args);

/** An issue date in a path: YYYY-MM-DD, else null (the route answers 404). */
function dateOf(request: FastifyRequest): string | null {
  const date = (request.params as Record<string, string>).date ?? '';
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
}

/** A form field as one string ('' when absent; the first of repeated ones). */
function field(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return typeof value === 'string' ? value : '';
}

/** A form field that may repeat (the paragraphs' textareas), as a list. */
function fields(form: Record<string, unknown>, name: string): string[] {
  const value = form[name];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/** A whole number from a path or form, or a UserError naming it. */
function whole(text: string, what: string): number {
  if (!/^\d{1,4}$/.test(text)) throw new UserError(`${what} 不是数字：${text}`, `${what} is not a number: ${text}`);
  return Number(text);
}

/** The page of an issue that does not exist (404): the path's date as given. */
function noIssue(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const say = sayIn(request);
  const date = String((request.params as Record<string, unknown>).date ?? '');
  return messagePage(request, reply, 404, say('issueTitle', date), say('noSuchIssue', date));
}

/** The issue a path names, its state read (revision 1 made if need be); null for a date the store holds no issue of. */
async function issueOf(context: DeskContext, request: FastifyRequest): Promise<{ date: string; state: IssueState } | null> {
  const date = dateOf(request);
  const state = date === null ? undefined : await issueState(context, date);
  return date && state ? { date, state } : null;
}

/**
 * The issue a changing route works on, for an editor: the 403 page for anyone else, the no-issue page when
 * the date names none; either reply is returned sent, and the caller returns it.
 */
async function editableIssue(context: DeskContext, request: FastifyRequest, reply: FastifyReply): Promise<{ date: string; state: IssueState } | FastifyReply> {
  const refused = requireEditor(request, reply);
  if (refused) return refused;
  return (await issueOf(context, request)) ?? noIssue(request, reply);
}

/** A Refusal as a page with its status, in the reader's language. */
function refusalPage(request: FastifyRequest, reply: FastifyReply, err: Refusal): FastifyReply {
  return messagePage(request, reply, err.status, todayText(request.lang, 'notDone'), request.lang === 'en' ? err.en : err.message);
}

/** The day analysed, or its error in the reader's language (no document in the window). */
async function dayOrError(context: DeskContext, request: FastifyRequest, date: string): Promise<AnalysedDay | { error: string }> {
  try {
    return await issueDay(context, date);
  } catch (err) {
    if (err instanceof UserError) return { error: request.lang === 'en' ? err.en : err.message };
    throw err;
  }
}

/** The issue page, with a notice or a publish refusal when given. */
async function sendIssue(context: DeskContext, request: FastifyRequest, reply: FastifyReply, state: IssueState, extra: Pick<IssueView, 'refusal' | 'notice'> = {}, status = 200): Promise<FastifyReply> {
  const date = state.latest.issueDate;
  const view: IssueView = {
    state,
    day: await dayOrError(context, request, date),
    newer: await newerMachineDraft(context, date),
    channels: context.loaded.config.publish?.channels.map((channel) => channel.name) ?? null,
    sentChannels: await context.store.sentChannels(date),
    revisions: await context.desk.revisions(date),
    ...extra,
  };
  const { minRelevance, maxItems } = context.loaded.config.selection;
  const body = issueBody(request, reply, view, { minRelevance, maxItems });
  return sendPage(request, reply, { title: sayIn(request)('issueTitle', date), section: 'today', body }, status);
}

/** What a change worked out: the brief to save, why (the revision's action), what it was (its note), and where on the page to go back to. */
interface Changed {
  brief: Brief;
  action: Exclude<RevisionAction, 'correction'>;
  describe: string;
  anchor: string;
}

/** What a change's handler gets: the issue, the form, the day (analysed on first use), the reader's words. */
interface ChangeInput {
  date: string;
  state: IssueState;
  brief: Brief;
  form: Record<string, unknown>;
  params: Record<string, string>;
  day: () => AnalysedDay;
  say: Say;
}

/**
 * The abstract and theme figures written again for the stories `brief` now holds (the composer's), and the
 * words saying so; where a section's story is not among the day's (or the day cannot be analysed), the
 * abstract is kept and the words say that.
 */
function withAbstract(context: DeskContext, input: ChangeInput, brief: Brief): { brief: Brief; note: string } {
  let draft: Brief | null = null;
  try {
    draft = recomposed(context, input.day(), brief);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
  }
  return draft ? { brief: withAbstractOf(brief, draft), note: input.say('describe.abstractRewritten') } : { brief, note: input.say('describe.abstractKept') };
}

/**
 * A POST route that changes the issue: refuses a viewer (403) and a change on an older page or, once
 * published, without a correction note (409), works the change out, saves it as the next revision
 * (checked), and goes back to the page where the change was made (303).
 */
function changeRoute(context: DeskContext, work: (input: ChangeInput) => Promise<Changed> | Changed) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const issue = await editableIssue(context, request, reply);
    if (!('state' in issue)) return issue;
    const { date, state } = issue;
    const form = (request.body ?? {}) as Record<string, unknown>;
    const change = { author: request.user!.name, base: Number(field(form, 'base')), correction: field(form, 'correction') };
    try {
      assertChangeAllowed(state, change);
      // Read before the change: a change's work is synchronous, and the page it leads back to reads it anyway (cached).
      const day = await issueDay(context, date).catch((err: unknown) => err);
      const input: ChangeInput = {
        date, state, brief: state.latest.brief, form, params: request.params as Record<string, string>, say: sayIn(request),
        day: () => {
          if (day instanceof Error) throw day;
          return day as AnalysedDay;
        },
      };
      const changed = await work(input);
      const revision = await saveRevision(context, date, state, changed.brief, changed.action, { ...change, describe: changed.describe });
      return reply.redirect(`/issues/${date}?saved=${revision.number}#${changed.anchor}`, 303);
    } catch (err) {
      if (err instanceof Refusal) return refusalPage(request, reply, err);
      throw err;
    }
  };
}

/**
 * The page of publication `k` (1-based: 1 the first edition, then each correction) of an issue, read back
 * from the store: which revision went out, by whom, when (Beijing time), its note; where its files are
 * (out/DATE for the latest, the kept edition for an earlier one); and each configured channel as its
 * latest try left it (the deliveries table). What the publish and send forms lead to (POST/redirect/GET),
 * so a reload shows the result again and sends nothing. Null when the issue has no publication k.
 */
async function outcomePage(context: DeskContext, request: FastifyRequest, date: string, k: number, resent: boolean): Promise<{ title: string; body: Markup } | null> {
  const say = sayIn(request);
  const lang = request.lang;
  const publications = await context.desk.publications(date);
  const publication = publications[k - 1];
  if (!publication) return null;
  const title = resent ? say('resentTitle', date) : k > 1 ? say('correctionPublished', date) : say('publishedTitle', date);
  const current = k === publications.length;
  const folder = current ? join(context.outDir, date) : join(context.outDir, editionsFolderName(date), String(k));
  // An earlier edition's files are there only when a correction kept them (keepEdition).
  const where = current ? say('wrote', folder) : editionFiles(context.outDir, date, k).length > 0 ? say('keptAt', folder) : null;
  const channels = context.loaded.config.publish?.channels ?? null;
  const tried = await context.store.latestDeliveries(date);
  const lines = channels?.map((channel) => {
    const last = tried.get(channel.name);
    const label = channelLabel(channel, lang);
    if (!last) return html`<li class="muted">${say('channelNever', label)}</li>`;
    if (last.status === 'sent') return html`<li class="ok">${say('channelSent', label, shanghaiMinute(last.sentAt))}</li>`;
    return html`<li class="fail">${say('channelFailed', label, shanghaiMinute(last.sentAt), last.attempt, storedText(lang, 'error', last.error ?? ''))}</li>`;
  });
  const body = html`<section class="card outcome"><h1>${title}</h1>
    <p class="muted">${say('outcomeTitle', date, k)} · ${say('outcomeLine', publication.revision, publication.publishedBy, shanghaiMinute(publication.publishedAt))}${publication.note ? html` · ${storedText(lang, 'note', publication.note)}` : ''}</p>
    ${where ? html`<p>${where}</p>` : ''}
    ${channels === null ? html`<p class="warn">${say('noChannels')}</p>` : html`<h2>${say('channelsNow')}</h2><ul class="results">${lines}</ul>`}
    <p><a class="button" href="/issues/${date}#publish">${say('backToIssue')}</a></p></section>`;
  return { title, body };
}

/** The Today section's routes (see the module's comment). */
export const todayRoutes: DeskRoutes = (app, context) => {
  app.get('/today', async (request, reply) => {
    const newest = (await context.desk.issueDates())[0];
    if (newest) return reply.redirect(`/issues/${newest.issueDate}`);
    const say = sayIn(request);
    return sendPage(request, reply, { title: say('noIssueTitle'), section: 'today', body: html`<section class="message"><h1>${say('noIssueTitle')}</h1><p>${say('noIssueBody')}</p></section>` });
  });

  app.get('/issues/:date', async (request, reply) => {
    const issue = await issueOf(context, request);
    if (!issue) return noIssue(request, reply);
    const saved = (request.query as Record<string, unknown>).saved;
    const notice = typeof saved === 'string' && /^\d+$/.test(saved) ? sayIn(request)('saved', saved) : undefined;
    return sendIssue(context, request, reply, issue.state, notice ? { notice } : {});
  });

  app.get('/issues/:date/revisions', async (request, reply) => {
    const issue = await issueOf(context, request);
    if (!issue) return noIssue(request, reply);
    const { date, state } = issue;
    const body = revisionsBody(request.lang, date, await context.desk.revisions(date), state.publications);
    return sendPage(request, reply, { title: sayIn(request)('revisionsTitle', date), section: 'today', body });
  });

  app.get('/issues/:date/compare', async (request, reply) => {
    const issue = await issueOf(context, request);
    if (!issue) return noIssue(request, reply);
    const { date } = issue;
    const say = sayIn(request);
    const query = request.query as Record<string, unknown>;
    const [a, b] = ['a', 'b'].map((key) => field(query, key));
    const numbers = [a, b].map((text) => (/^\d{1,6}$/.test(text!) ? Number(text) : null));
    if (numbers.some((n) => n === null)) return messagePage(request, reply, 400, say('compare'), say('badNumber', numbers[0] === null ? a! : b!));
    const [before, after] = await Promise.all(numbers.map((n) => context.desk.revision(date, n!)));
    if (!before || !after) return messagePage(request, reply, 404, say('compare'), say('noRevision', !before ? numbers[0]! : numbers[1]!));
    return sendPage(request, reply, { title: say('compareTitle', date, before.number, after.number), section: 'today', body: compareBody(request.lang, date, before, after) });
  });

  app.post('/issues/:date/items/:n/reject', changeRoute(context, (input) => {
    const n = whole(input.params.n ?? '', 'n');
    const headline = input.brief.items[n - 1]?.headline ?? '';
    const next = withAbstract(context, input, removeItem(input.brief, n));
    return { brief: next.brief, action: 'select', describe: `${input.say('describe.reject', n, headline)}${next.note}`, anchor: 'publish' };
  }));

  app.post('/issues/:date/items/:n/move', changeRoute(context, (input) => {
    const n = whole(input.params.n ?? '', 'n');
    const by = field(input.form, 'by') === 'up' ? -1 : 1;
    const next = withAbstract(context, input, moveItem(input.brief, n, by));
    return { brief: next.brief, action: 'select', describe: `${input.say('describe.move', n, n + by)}${next.note}`, anchor: `item-${n + by}` };
  }));

  app.post('/issues/:date/items/:n/edit', changeRoute(context, (input) => {
    const n = whole(input.params.n ?? '', 'n');
    const brief = editItem(input.brief, n, field(input.form, 'headline'), fields(input.form, 'paragraph'));
    // The abstract follows a new headline where it repeats the old one's words (abstractAfterHeadline).
    const abstract = abstractAfterHeadline(brief.abstract, input.brief.items[n - 1]!.headline, brief.items[n - 1]!.headline);
    const followed = abstract !== brief.abstract;
    return { brief: followed ? { ...brief, abstract } : brief, action: 'edit', describe: `${input.say('describe.edit', n)}${followed ? input.say('describe.abstractHeadline') : ''}`, anchor: `item-${n}` };
  }));

  app.post('/issues/:date/items/:n/regenerate', changeRoute(context, async (input) => {
    const n = whole(input.params.n ?? '', 'n');
    if (n < 1 || n > input.brief.items.length) throw new UserError(`没有第 ${n} 条`, `there is no section ${n}`);
    const written = await rewrittenSection(context, input.day(), input.brief, n);
    if (!written) throw new Refusal(todayText('zh', 'noStory', n), todayText('en', 'noStory', n), 409);
    let brief = replaceSection(input.brief, n, written.section);
    if (written.model) brief = withFallback(brief, n, written.fallback);
    const fellBack = written.fallback ? input.say('describe.fellBack', written.fallback) : '';
    return { brief, action: 'regenerate', describe: `${input.say('describe.regenerate', n)}${fellBack}`, anchor: `item-${n}` };
  }));

  app.post('/issues/:date/abstract', changeRoute(context, (input) => ({ brief: editAbstract(input.brief, field(input.form, 'abstract')), action: 'edit', describe: input.say('describe.abstract'), anchor: 'abstract' })));

  app.post('/issues/:date/abstract/regenerate', changeRoute(context, async (input) => {
    const written = await rewrittenAbstract(context, input.day(), input.brief);
    if (!written) throw new Refusal(todayText('zh', 'describe.abstractKept'), todayText('en', 'describe.abstractKept'), 409);
    let brief = withAbstractOf(input.brief, written.draft);
    if (written.model) brief = withFallback(brief, null, written.fallback);
    const fellBack = written.fallback ? input.say('describe.fellBack', written.fallback) : '';
    return { brief, action: 'regenerate', describe: `${input.say('describe.regenerateAbstract')}${fellBack}`, anchor: 'abstract' };
  }));

  /** The candidate a form names by address, refused when the issue already holds its story. */
  const storyOf = (input: ChangeInput) => {
    const url = field(input.form, 'url');
    const story = candidateByUrl(input.day(), url);
    if (!story) throw new Refusal(todayText('zh', 'noCandidate', url), todayText('en', 'noCandidate', url), 409);
    const already = story.members.map((member) => sectionCiting(input.brief, member.url)).find((n) => n !== null);
    if (already) throw new Refusal(todayText('zh', 'already', already), todayText('en', 'already', already), 409);
    return story;
  };

  app.post('/issues/:date/candidates/add', changeRoute(context, (input) => {
    const story = storyOf(input);
    const at = input.brief.items.length + 1;
    const next = withAbstract(context, input, insertSection(input.brief, storySection(context, input.day(), input.brief, story, at, false), at));
    return { brief: next.brief, action: 'select', describe: `${input.say('describe.add', story.document.title)}${next.note}`, anchor: `item-${at}` };
  }));

  app.post('/issues/:date/candidates/replace', changeRoute(context, (input) => {
    const story = storyOf(input);
    const n = whole(field(input.form, 'n'), 'n');
    if (n < 1 || n > input.brief.items.length) throw new UserError(`没有第 ${n} 条`, `there is no section ${n}`);
    const next = withAbstract(context, input, replaceSection(input.brief, n, storySection(context, input.day(), input.brief, story, n, true)));
    return { brief: next.brief, action: 'select', describe: `${input.say('describe.replace', n, story.document.title)}${next.note}`, anchor: `item-${n}` };
  }));

  app.post('/issues/:date/withheld/:i/accept', changeRoute(context, (input) => {
    const i = whole(input.params.i ?? '', 'i');
    const withheld = input.brief.withheld?.[i];
    if (!withheld) throw new UserError(`没有第 ${i + 1} 个撤下的条目`, `there is no withheld section ${i + 1}`);
    const story = storyOfWithheld(context, input.day(), input.date, withheld.item);
    if (!story) throw new Refusal(todayText('zh', 'noWithheldStory'), todayText('en', 'noWithheldStory'), 409);
    const next = withAbstract(context, input, acceptWithheld(input.brief, i, referencesOf(context, input.day(), input.date, story)));
    return { brief: next.brief, action: 'select', describe: `${input.say('describe.accept', withheld.item.headline)}${next.note}`, anchor: `item-${next.brief.items.length}` };
  }));

  app.post('/issues/:date/withheld/:i/drop', changeRoute(context, (input) => {
    const i = whole(input.params.i ?? '', 'i');
    const headline = input.brief.withheld?.[i]?.item.headline ?? '';
    return { brief: dropWithheld(input.brief, i), action: 'select', describe: input.say('describe.drop', headline), anchor: 'publish' };
  }));

  app.post('/issues/:date/restart', changeRoute(context, async (input) => {
    const machine = await context.desk.machineDraft(input.date);
    if (!machine || !(await newerMachineDraft(context, input.date))) throw new Refusal('机器没有写出更新的草稿', 'the machine has written no newer draft', 409);
    return { brief: machine.brief, action: 'draft', describe: input.say('describe.restart'), anchor: 'publish' };
  }));

  app.post('/issues/:date/publish', async (request, reply) => {
    const issue = await editableIssue(context, request, reply);
    if (!('state' in issue)) return issue;
    const { date, state } = issue;
    const form = (request.body ?? {}) as Record<string, unknown>;
    try {
      // Publishing needs no note of its own (the corrections it sends carry theirs), only the page's revision.
      assertBase(state, Number(field(form, 'base')));
      const blockers = publishBlockers(await checked(context, state.latest.brief));
      if (blockers.check.length + blockers.withheld.length > 0) return sendIssue(context, request, reply, state, { refusal: blockers }, 409);
      await publishLatest(context, date, state, request.user!.name);
    } catch (err) {
      if (err instanceof Refusal) return refusalPage(request, reply, err);
      throw err;
    }
    // POST/redirect/GET: the result is a page of its own, and reloading it sends nothing.
    return reply.redirect(`/issues/${date}/publications/${(await context.desk.publications(date)).length}`, 303);
  });

  app.post('/issues/:date/send', async (request, reply) => {
    const issue = await editableIssue(context, request, reply);
    if (!('state' in issue)) return issue;
    const { date, state } = issue;
    try {
      await sendAgain(context, date, state);
    } catch (err) {
      if (err instanceof Refusal) return refusalPage(request, reply, err);
      throw err;
    }
    return reply.redirect(`/issues/${date}/publications/${state.publications.length}?resent=1`, 303);
  });

  app.get('/issues/:date/publications/:k', async (request, reply) => {
    const issue = await issueOf(context, request);
    if (!issue) return noIssue(request, reply);
    const k = (request.params as Record<string, string>).k ?? '';
    const outcome = /^\d{1,4}$/.test(k) ? await outcomePage(context, request, issue.date, Number(k), (request.query as Record<string, unknown>).resent === '1') : null;
    if (!outcome) return messagePage(request, reply, 404, sayIn(request)('issueTitle', issue.date), sayIn(request)('noPublication', issue.date, k));
    return sendPage(request, reply, { title: outcome.title, section: 'today', body: outcome.body });
  });
};
