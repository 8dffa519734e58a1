import type { Candidate } from '../domain/candidate.ts';
import { bodyOfDepartment, isPrintableName } from '../analyze/bodies.ts';
import { normaliseText } from '../util/normalise.ts';
import { isStale, tierRank } from '../analyze/significance.ts';
import { documentKey, documentSubject, titleKey } from '../analyze/storyGroups.ts';
import { BRIEFING_EVENT } from '../analyze/titles.ts';
import { SPEAKING } from '../analyze/issuer.ts';
import { compareUrls } from '../util/url.ts';

export interface SelectionRules {
  minItems: number;
  maxItems: number;
  minRelevance: number;
}

/** How much a second item on an already-covered theme, or from an already-picked body, is discounted. */
const REPEAT_THEME_FACTOR = 0.85;
const REPEAT_BODY_FACTOR = 0.9;

/** The document a story issues: none for an interpretation, whose lead names the document it explains as issued. */
const issuedBy = (c: Candidate) => (c.significance.kind === '解读' ? null : c.issued);

/** Whether a story explains policy rather than issues it: an interpretation, or a press briefing. */
const explaining = (c: Candidate) => c.explains !== null || c.significance.kind === '解读' || new RegExp(BRIEFING_EVENT).test(normaliseText(c.document.title));

/**
 * Whether two stories make one item: two that issue one document (by its name), two interpretations of
 * one document, or one body's briefing and its 解读. A document and its interpretation are two items: the
 * editors of the real days printed the issuer's 解读 or press briefing beside the document it explains.
 */
export function sameDocument(a: Candidate, b: Candidate): boolean {
  const [p, q] = [issuedBy(a), issuedBy(b)];
  if (p !== null && q !== null) return sameKey(documentKey(p), documentKey(q));
  if (p === null && q === null && a.explains !== null && b.explains !== null) return sameKey(documentKey(a.explains), documentKey(b.explains));
  const [x, y] = [p ?? a.explains, q ?? b.explains];
  // The issuer's own explanation of a document is news beside it (editors print the 解读 as an item of its own).
  if (x !== null && y !== null) return false;
  // One body's briefing and its 解读 of a day are one explanation, whichever of them names the document.
  if (sameBody(a, b) && (a.explains ?? b.explains) !== null && explaining(a) && explaining(b)) return true;
  // A report of one body's document that names it only by its subject (十一部门联合发文推动新型信息基础设施
  // 协调发展, of 关于推动新型信息基础设施协调发展有关事项的通知) is about that document too.
  const [named, report] = x !== null ? [x, b] : y !== null ? [y, a] : [null, null];
  const subject = named ? documentSubject(named) : null;
  return subject !== null && sameBody(a, b) && titleKey(report!.document.title).includes(subject);
}

/** Whether two stories are one body's: a department's (国家数据局综合司) is its body's (bodies.bodyOfDepartment). */
function sameBody(a: Candidate, b: Candidate): boolean {
  return bodyOfDepartment(a.origin) === bodyOfDepartment(b.origin);
}

/**
 * How far apart (in days, page time to page time) one event's reports may be published: a report of an
 * evening is met the next morning, and its copies the day after.
 */
const ONE_EVENT_WITHIN_DAYS = 2;

/**
 * Whether two stories are one body's reports of one event that the grouping could not join, worded each its
 * own way and naming no document (day-o: three reports of 郑栅洁 at the 记者会; day-n: two of 国务院国资委's AI
 * meeting): the same issuer, neither issuing nor explaining a document, the same first theme or the same
 * speaker heading both, published within ONE_EVENT_WITHIN_DAYS. Two meetings or briefings of one body on one
 * theme that close would be merged too: rarer than a second copy in other words, and a repeat costs an editor
 * more than a missing second item. A report beside the body's document of the theme stays apart: day-p's
 * 工信部 work conference is no news of its 中小企业 plan.
 */
export function oneEvent(a: Candidate, b: Candidate): boolean {
  if (!sameBody(a, b) || a.tierHow === 'site' || b.tierHow === 'site') return false;
  const theme = a.relevance.themes[0]?.themeId;
  const speaker = speakerOf(a);
  // The same official heading both (郑栅洁称…, 郑栅洁：…) speaks at one event, whatever theme each report leads with.
  const sameSubject = (theme !== undefined && theme === b.relevance.themes[0]?.themeId) || sameMeeting(a, b) || sameMeeting(b, a);
  if ((speaker === null || speaker !== speakerOf(b)) && !sameSubject) return false;
  const apart = Math.abs(Date.parse(a.document.publishedAt!) - Date.parse(b.document.publishedAt!)) / 86_400_000;
  if (apart > ONE_EVENT_WITHIN_DAYS) return false;
  const report = (c: Candidate) => c.explains === null && issuedBy(c) === null;
  return report(a) && report(b);
}

/**
 * Whether `b`'s headline names the meeting that put `a` in scope by its word (issuerScope.meetings): two reports of
 * one symposium, one with the topic's words and one without (民营企业座谈会在京召开, 民营企业座谈会为民营科技企业
 * 吃下“定心丸”, day-bs).
 */
function sameMeeting(a: Candidate, b: Candidate): boolean {
  const word = a.relevance.scope?.meeting;
  return word !== undefined && normaliseText(b.document.title).includes(word);
}

/**
 * The person a headline opens with as its speaker (郑栅洁：…, 郑栅洁称…, 吴清表示…), or names by his post
 * (工信部部长李乐成首次亮相部长通道…, 【聚焦两会】工信部部长李乐成首秀…); else, under a headline that names him by
 * his post alone (陆科技部长：晶片攻关取得新突破, day-s), the one the first sentence names by post as speaking
 * (中国科技部部长阴和俊5日在人民大会堂“部长通道”表示); or null.
 */
function speakerOf(candidate: Candidate): string | null {
  if (!speakers.has(candidate)) speakers.set(candidate, readSpeaker(candidate));
  return speakers.get(candidate)!;
}

/** Each story's speaker, read once: a day's stories are compared pairwise. */
const speakers = new WeakMap<Candidate, string | null>();

/** The posts a headline names its speaker by. */
const HEAD_POST = '(?:部长|主任|局长|行长|主席|总理|署长)';
/** A headline that names the speaker by post and name: 工信部部长李乐成首次亮相…. */
const postAndName = new RegExp(String.raw`^[\u4e00-\u9fff]{2,16}?${HEAD_POST}([\u4e00-\u9fff]{2,3}?)(?:[：:，,\s]|称|表示|首次|首秀|在|谈|说)`);
/** A headline that names him by post alone: 陆科技部长：…. */
const postAlone = new RegExp(String.raw`^[\u4e00-\u9fff]{1,16}?${HEAD_POST}[：:]`);
/** A lead that names him by post and says he spoke: 中国科技部部长阴和俊5日在人民大会堂“部长通道”表示. */
const postInLead = new RegExp(String.raw`${HEAD_POST}([\u4e00-\u9fff]{2,3}?)(?:\d{1,2}日)?(?:上午|下午)?(?:在[^，。]{1,30}?)?${SPEAKING}`);

function readSpeaker(candidate: Candidate): string | null {
  const title = normaliseText(candidate.document.title).trim().replace(/^[【[][^】\]]{1,12}[】\]]/, '');
  const named = /^([\u4e00-\u9fff]{2,3})(?:[：:]|称|表示)/.exec(title)?.[1] ?? postAndName.exec(title)?.[1];
  if (named) return named;
  if (!postAlone.test(title)) return null;
  return postInLead.exec(/^[^。\n]*/.exec(normaliseText(candidate.document.body).trimStart())![0])?.[1] ?? null;
}

/**
 * Picks the day's items: relevant stories only, one per story group and one per document (sameDocument), the most significant first with
 * a discount for repeating a theme or a body (an exact tie to the earlier candidate), then ordered as a brief is read: by tier,
 * then significance. Old news and nameless stories (isFiller) come in only to reach minItems.
 */
export function selectItems(candidates: readonly Candidate[], rules: SelectionRules): Candidate[] {
  const relevant = candidates.filter((c) => c.relevance.score >= rules.minRelevance);
  // Old news and stories of no one a reader could name only fill a thin day up to minItems, after the rest.
  const picked = pickFrom(relevant.filter((c) => !isFiller(c)), [], rules.maxItems);
  if (picked.length < rules.minItems) pickFrom(relevant.filter(isFiller), picked, rules.minItems);
  return picked.sort((a, b) => tierRank[a.tier] - tierRank[b.tier] || b.significance.score - a.significance.score || compareUrls(a.document.url, b.document.url));
}

/** The most characters a spam site injects into a name it copies (关于深化智慧城市XK星空体育发展…). */
const INJECTED_MAX = 8;

/** Whether two document keys are one name: equal, or equal but for one run of characters injected inside one of them. */
function sameKey(a: string, b: string): boolean {
  if (a === b) return true;
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  if (long.length - short.length > INJECTED_MAX || short.length < 8) return false;
  let head = 0;
  while (head < short.length && long[head] === short[head]) head++;
  // Inside the name only: a longer name that merely goes on (…行动计划 and …行动计划实施细则) is another document.
  return head > 0 && head < short.length && long.endsWith(short.slice(head));
}

/**
 * Whether a story only fills a thin day: old news (a document signed months before a portal reposted it, a
 * story an earlier issue ran), or a story no copy names an issuer of, met only on sites known by their
 * domain (it would run as 网络来源发布消息).
 */
function isFiller(candidate: Candidate): boolean {
  return isStale(candidate.significance) || (candidate.tierHow === 'site' && !isPrintableName(candidate.origin));
}

/**
 * The events of a day's stories: stories joined by oneEvent, and by a chain of it (day-s: a round-up of the
 * 部长通道 shares its theme with one report of 阴和俊's and that one its speaker with a third), as a function
 * from a story to its event's first story. Only stories of one origin can be joined: they are compared within it.
 */
function events(candidates: readonly Candidate[]): (candidate: Candidate) => Candidate {
  const parent = new Map<Candidate, Candidate>(candidates.map((c) => [c, c]));
  const root = (c: Candidate): Candidate => {
    let at = c;
    while (parent.get(at) !== at) at = parent.get(at)!;
    return at;
  };
  const byOrigin = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const stories = byOrigin.get(c.origin);
    if (stories) stories.push(c);
    else byOrigin.set(c.origin, [c]);
  }
  for (const stories of byOrigin.values()) {
    for (let i = 0; i < stories.length; i++) {
      for (let j = i + 1; j < stories.length; j++) if (oneEvent(stories[i]!, stories[j]!)) parent.set(root(stories[j]!), root(stories[i]!));
    }
  }
  return root;
}

/** Greedy picks from `candidates` into `picked` (changed in place) until it holds `upTo` items or none is left. */
function pickFrom(candidates: readonly Candidate[], picked: Candidate[], upTo: number): Candidate[] {
  const pool = [...candidates];
  const eventOf = events([...picked, ...candidates]);
  while (picked.length < upTo && pool.length > 0) {
    const adjusted = (c: Candidate) => {
      const theme = c.relevance.themes[0]?.themeId;
      // A story with no theme (possible when minRelevance is 0) shares none: it is no repeat of another themeless one.
      const themeRepeats = theme === undefined ? 0 : picked.filter((p) => p.relevance.themes[0]?.themeId === theme).length;
      const bodyRepeats = picked.filter((p) => sameBody(p, c)).length;
      return c.significance.score * REPEAT_THEME_FACTOR ** themeRepeats * REPEAT_BODY_FACTOR ** bodyRepeats;
    };
    let best = 0;
    for (let i = 1; i < pool.length; i++) if (adjusted(pool[i]!) > adjusted(pool[best]!)) best = i;
    const [chosen] = pool.splice(best, 1);
    // Two groups about one document (copies the grouping could not join) make one item: the better one.
    // …and so do one body's reports of one event in other words.
    if (!picked.some((p) => sameDocument(p, chosen!) || eventOf(p) === eventOf(chosen!))) picked.push(chosen!);
  }
  return picked;
}
