/**
 * Approving and publishing an issue from the desk, by the code `xinzhi run`, `render` and `publish` use:
 * every format written by writeAndRecordIssue with the config's assets (renderAssets) under the data
 * folder's lock, then the issue sent to the config's channels by publishIssue, deliveries recorded in the
 * store; the publication recorded in the desk's tables. A correction is rendered and sent again (forced).
 */
import { join } from 'node:path';
import type { Brief } from '../domain/brief.ts';
import { writeAndRecordIssue } from '../pipeline/render.ts';
import { publishIssue, type ChannelResult } from '../publish/dispatch.ts';
import { renderAssets } from '../render/assets.ts';
import type { Publication, Revision } from '../store/store.ts';
import { lockDataFolder } from '../store/lock.ts';
import { shanghaiMinute, toShanghaiIso } from '../util/time.ts';
import type { DeskContext } from './context.ts';
import { keepEdition } from './issueFiles.ts';
import { checked, issueState, publishBlockers, Refusal, type IssueState } from './revisions.ts';

/** How long a publish waits for the data folder's lock (a run writing the day, another editor publishing). */
export const LOCK_WAIT_SECONDS = 5;

/** What a publication did: the folder written, each channel's result (null: no `publish:` in the config), the record made. */
export interface PublishOutcome {
  folder: string;
  results: ChannelResult[] | null;
  publication: Publication;
  /** A correction of an issue already published: sent again to every channel. */
  correction: boolean;
}

/** The notes of the corrections saved since the last publication, joined: the note a corrected edition goes out with. */
function correctionNote(state: IssueState, revisions: readonly Revision[]): string | null {
  if (!state.lastPublished) return null;
  const notes = revisions.filter((r) => r.number > state.lastPublished!.revision && r.action === 'correction' && r.note).map((r) => r.note!);
  return notes.length > 0 ? notes.join('；') : null;
}

/**
 * The brief as an edition goes out: `brief` (a revision's) with the corrections of `publications` (the
 * issue's, this edition's last, first first): every publication after the first is a correction, at its
 * time (+08:00, to the second) with its note; one without a note is left out. A first edition gets no
 * `corrections` field, so it renders as a brief always has.
 */
export function withCorrections(brief: Brief, publications: readonly Pick<Publication, 'publishedAt' | 'note'>[]): Brief {
  const corrections = publications.slice(1).flatMap((p) => (p.note ? [{ at: toShanghaiIso(new Date(p.publishedAt)), note: p.note }] : []));
  const rest: Brief = { ...brief };
  delete rest.corrections;
  return corrections.length > 0 ? { ...rest, corrections } : rest;
}

/**
 * Publishes the issue's latest revision, checked once more against the stored sources: renders every
 * format into out/<date>/ and records the issue (writeAndRecordIssue) under the data folder's lock, sends
 * it to the configured channels (force for a correction), and records the publication by `editor` at the
 * desk's time. A correction first keeps the edition out/<date>/ holds (keepEdition: out/<date>.editions/N/)
 * and goes out with every correction so far in its `corrections` (withCorrections), which every format prints. Throws a Refusal (409) with the reasons while a check fails or a section is withheld, or
 * when nothing changed since the last publication; a UserError when the lock stays held LOCK_WAIT_SECONDS
 * or an asset of the config is missing (nothing is recorded then).
 */
export async function publishLatest(context: DeskContext, issueDate: string, state: IssueState, editor: string): Promise<PublishOutcome> {
  if (state.lastPublished && !state.pendingCorrection) {
    const at = shanghaiMinute(state.lastPublished.publishedAt);
    throw new Refusal(`第 ${state.lastPublished.revision} 版已于 ${at}（北京时间）发布，此后没有更正`, `revision ${state.lastPublished.revision} was published at ${at} (Beijing time) and nothing was corrected since`, 409);
  }
  const checkedBrief: Brief = await checked(context, state.latest.brief);
  const blockers = publishBlockers(checkedBrief);
  if (blockers.check.length + blockers.withheld.length > 0) {
    throw new Refusal(
      `不能发布：${[...blockers.check, ...blockers.withheld.map((w) => `撤下的条目 ${w}`)].join('；')}`,
      `cannot publish: checks failed: ${blockers.check.length}; sections withheld: ${blockers.withheld.length}`,
      409,
    );
  }
  const correction = state.lastPublished !== undefined;
  // One instant for the record and for the correction the edition prints.
  const publishedAt = context.now().toISOString();
  const note = correctionNote(state, await context.desk.revisions(issueDate));
  const brief = withCorrections(checkedBrief, [...state.publications, { publishedAt, note }]);
  const assets = renderAssets(context.loaded.file, context.loaded.config);
  const lock = await lockDataFolder(context.dataDir, { command: 'serve (publish)', waitSeconds: LOCK_WAIT_SECONDS });
  let folder: string;
  let results: ChannelResult[] | null = null;
  try {
    // Another editor may have published, or saved, while this one waited for the lock: the state is read again.
    const now = (await issueState(context, issueDate))!;
    if (now.latest.number !== state.latest.number || now.publications.length !== state.publications.length) {
      throw new Refusal(`${issueDate} 期在你提交时已被改动或发布：请刷新后再看`, `issue ${issueDate} was changed or published while you submitted: reload and look again`, 409);
    }
    // The edition readers have now is kept before the correction replaces out/DATE (issueFiles.ts).
    if (correction) keepEdition(context.outDir, issueDate, state.publications.length);
    folder = await writeAndRecordIssue(context.store, brief, context.outDir, assets, 'published');
    const publish = context.loaded.config.publish;
    if (publish) results = await publishIssue({ brief, folder, publish, force: correction, env: context.env }, context.store);
  } finally {
    lock.release();
  }
  const publication: Publication = {
    issueDate,
    revision: state.latest.number,
    publishedBy: editor,
    publishedAt,
    note,
  };
  await context.desk.recordPublication(publication);
  return { folder, results, publication, correction };
}

/**
 * Sends the last published revision again to the channels it has not reached (a channel that failed), not
 * forced: a channel it went to is skipped. Under the data folder's lock, as `xinzhi publish` sends.
 * Returns each channel's result, or null when the config has no `publish:`. Throws a Refusal (409) for an
 * issue not yet published.
 */
export async function sendAgain(context: DeskContext, issueDate: string, state: IssueState): Promise<ChannelResult[] | null> {
  const last = state.lastPublished;
  if (!last) throw new Refusal('本期尚未发布', 'this issue has not been published', 409);
  const publish = context.loaded.config.publish;
  if (!publish) return null;
  // As it went out: with the corrections it printed.
  const brief = withCorrections((await context.desk.revision(issueDate, last.revision))!.brief, state.publications);
  const lock = await lockDataFolder(context.dataDir, { command: 'serve (publish)', waitSeconds: LOCK_WAIT_SECONDS });
  try {
    return await publishIssue({ brief: await checked(context, brief), folder: join(context.outDir, issueDate), publish, force: false, env: context.env }, context.store);
  } finally {
    lock.release();
  }
}
