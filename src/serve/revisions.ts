/**
 * An issue's life at the desk: revision 1 made from the machine's draft the first time the issue is
 * opened, every change saved as the next revision after the verifier has checked it, what a change after
 * publication needs (a correction note), and what stands in the way of publishing.
 */
import { briefSchema, type Brief } from '../domain/brief.ts';
import { checkBrief } from '../pipeline/recheck.ts';
import { RevisionConflict, type Publication, type Revision, type RevisionAction } from '../store/store.ts';
import { UserError } from '../util/errors.ts';
import type { DeskContext } from './context.ts';
import { checkSourcesOf } from './drafting.ts';
import { sectionCiting } from './revise.ts';

/** A refusal with its HTTP status (409: the issue's state stands in the way), in both languages. */
export class Refusal extends UserError {
  constructor(zh: string, en: string, readonly status: number) {
    super(zh, en);
  }
}

/** The brief with the checks the verifier makes of it now, against the stored sources (checkBrief, as `render` and `verify` check). */
export async function checked(context: DeskContext, brief: Brief): Promise<Brief> {
  return { ...brief, checks: checkBrief(brief, await checkSourcesOf(context, brief)) };
}

/**
 * The issue's latest revision; the first time an issue is opened, revision 1 is made from the machine's
 * draft (the issues table) by 'xinzhi', action 'draft', checked anew. Undefined when the store holds no
 * issue of that date.
 */
export async function latestRevision(context: DeskContext, issueDate: string): Promise<Revision | undefined> {
  const latest = await context.desk.latestRevision(issueDate);
  if (latest) return latest;
  const machine = await context.desk.machineDraft(issueDate);
  if (!machine) return undefined;
  return await context.desk.addRevision(issueDate, await checked(context, machine.brief), 'xinzhi', 'draft', null, context.now());
}

/**
 * A brief's text and choices without its checks and corrections: what tells two drafts apart (the checks
 * follow from the rest; the corrections an edition printed are added when it is published, withCorrections).
 */
function content(brief: Brief): string {
  return JSON.stringify({ ...brief, checks: [], corrections: undefined });
}

/** Whether two briefs say the same: the same text and choices, whatever their checks and printed corrections. */
export function sameContent(a: Brief, b: Brief): boolean {
  return content(a) === content(b);
}

/**
 * When the machine wrote the issue's draft again after the desk last started from one (revision 1, or a
 * later start from a newer draft, action 'draft'): its time (ISO 8601 UTC), else null. A draft whose text
 * is that start's, or one the desk itself recorded when it published a revision (writeAndRecordIssue),
 * is no new draft.
 */
export async function newerMachineDraft(context: DeskContext, issueDate: string): Promise<string | null> {
  const machine = await context.desk.machineDraft(issueDate);
  if (!machine) return null;
  const revisions = await context.desk.revisions(issueDate);
  const start = revisions.filter((r) => r.action === 'draft').at(-1);
  if (!start || machine.createdAt <= start.createdAt) return null;
  const text = content(machine.brief);
  if (text === content(start.brief)) return null;
  const published = new Set((await context.desk.publications(issueDate)).map((p) => p.revision));
  if (revisions.some((r) => published.has(r.number) && content(r.brief) === text)) return null;
  return machine.createdAt;
}

/** Where an issue stands: its latest revision, its publications (first first), and whether it changed since the last. */
export interface IssueState {
  latest: Revision;
  publications: Publication[];
  /** The last publication, or undefined while the issue has not gone out. */
  lastPublished: Publication | undefined;
  /**
   * The latest revision says something other than the one last published: a correction waiting to go out.
   * A correction undone (the text made again what went out) is none, whatever its revision number.
   */
  pendingCorrection: boolean;
}

/** The state of an issue (making revision 1 if need be), or undefined when the store holds no such issue. */
export async function issueState(context: DeskContext, issueDate: string): Promise<IssueState | undefined> {
  const latest = await latestRevision(context, issueDate);
  if (!latest) return undefined;
  const publications = await context.desk.publications(issueDate);
  const lastPublished = publications.at(-1);
  const published = lastPublished && (lastPublished.revision === latest.number ? latest : await context.desk.revision(issueDate, lastPublished.revision));
  const pendingCorrection = lastPublished !== undefined && latest.number > lastPublished.revision && (!published || !sameContent(published.brief, latest.brief));
  return { latest, publications, lastPublished, pendingCorrection };
}

/**
 * Whether an editor took a story out of the issue, and in which revision: the one saved right after the
 * last revision that cited any of `urls` (a story's copies), so the story is not in the latest revision,
 * when it was an editor's change and not a new start from the machine's draft (action 'draft'). Returns
 * that revision's number and author, or null (the story is in the issue, was never in it, or left it
 * with a machine draft). `revisions` oldest first.
 */
export function editorRemoval(revisions: readonly Revision[], urls: readonly string[]): { number: number; author: string } | null {
  let last = -1;
  revisions.forEach((revision, i) => {
    if (urls.some((url) => sectionCiting(revision.brief, url) !== null)) last = i;
  });
  const next = last === -1 ? undefined : revisions[last + 1];
  return next && next.action !== 'draft' ? { number: next.number, author: next.author } : null;
}

/** What an editor's change says about itself: who, which revision the form showed, and the correction note after publication. */
export interface ChangeRequest {
  author: string;
  /** The revision number the editor's page showed: a change made on an older page is refused. */
  base: number;
  /** The correction note the form carried (required once the issue is published). */
  correction: string;
  /** What the change was, in the editor's language: the revision's note before publication. */
  describe: string;
}

/** Refuses (Refusal, 409) an action taken on a page that showed revision `base` when a later one has been saved since. */
export function assertBase(state: IssueState, base: number): void {
  if (state.latest.number !== base) throw staleRefusal(state.latest, base);
}

/** The Refusal (409) of a change made on revision `base` when `latest` was saved since. */
function staleRefusal(latest: Pick<Revision, 'number' | 'author'>, base: number): Refusal {
  return new Refusal(
    `第 ${latest.number} 版已由 ${latest.author} 保存，你的页面还是第 ${base} 版：请刷新后再操作`,
    `revision ${latest.number} was saved by ${latest.author} since your page (revision ${base}): reload and try again`,
    409,
  );
}

/**
 * Refuses a change made on an older page than the latest revision (`base`: another editor saved since), or,
 * once the issue is published, one without a correction note: a Refusal (409) in both languages. Checked
 * before a change is worked out (a model call is not made for a change that cannot be saved) and again
 * when it is saved.
 */
export function assertChangeAllowed(state: IssueState, change: Pick<ChangeRequest, 'base' | 'correction'>): void {
  assertBase(state, change.base);
  if (state.lastPublished && change.correction.trim().length === 0) {
    throw new Refusal('本期已发布，不能直接修改：请填写更正说明，修改将作为更正保存', 'this issue is published and cannot simply be changed: give a correction note, and the change is saved as a correction', 409);
  }
}

/**
 * Saves `brief` as the issue's next revision, checked anew: before publication with `action` and the
 * change's description as its note; after it, only with a correction note (action 'correction', the
 * note the editor's). Throws a Refusal (409) when another revision was saved since the editor's page
 * (`base`), or when a published issue is changed without a note; a UserError when the brief is not a
 * valid brief.json (a change that breaks the contract is a bug, and is not saved).
 */
export async function saveRevision(context: DeskContext, issueDate: string, state: IssueState, brief: Brief, action: Exclude<RevisionAction, 'correction'>, change: ChangeRequest): Promise<Revision> {
  assertChangeAllowed(state, change);
  const correction = change.correction.trim();
  const parsed = briefSchema.safeParse(await checked(context, brief));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`修改后的简报无效（${issue.path.join('.')}：${issue.message}），未保存`, `the changed brief is not valid (${issue.path.join('.')}: ${issue.message}) and was not saved`);
  }
  try {
    // Compare-and-set on the revision the page showed: a change saved by another editor meanwhile (another
    // request, another desk process on the same store) refuses this one instead of landing on top of it.
    return state.lastPublished
      ? await context.desk.addRevision(issueDate, parsed.data, change.author, 'correction', correction, context.now(), state.latest.number)
      : await context.desk.addRevision(issueDate, parsed.data, change.author, action, change.describe, context.now(), state.latest.number);
  } catch (err) {
    if (!(err instanceof RevisionConflict)) throw err;
    const latest = await context.desk.latestRevision(issueDate);
    throw staleRefusal(latest ?? { number: err.latest, author: '?' }, change.base);
  }
}

/**
 * Why a brief may not go out, one line each: every failed check (the verifier's finding) and every
 * withheld section (its headline and findings). Empty when it may.
 */
export function publishBlockers(brief: Brief): { check: string[]; withheld: string[] } {
  return {
    check: brief.checks.filter((check) => !check.ok).map((check) => check.detail),
    withheld: (brief.withheld ?? []).map((w) => `${w.item.headline}：${w.reasons.join('；')}`),
  };
}
