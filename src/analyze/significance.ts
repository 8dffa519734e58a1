import type { SourceTier } from '../domain/tier.ts';
import { normaliseText } from '../util/normalise.ts';
import type { Significance } from '../domain/candidate.ts';

/** The weight of who issued a document: the order of BRIEF-FORMAT (national first, media last). */
export const tierWeight: Record<SourceTier, number> = { national: 5, regulator: 4.5, exchange: 4.5, provincial: 3.5, municipal: 3, county: 2.5, media: 1.5 };

/** The rank of a tier in a brief's section order. */
export const tierRank: Record<SourceTier, number> = { national: 0, regulator: 1, exchange: 1, provincial: 2, municipal: 3, county: 4, media: 5 };

/**
 * Document kinds, read off the title (normalised: 意見 is 意见); the first that matches wins. An
 * interpretation is derivative; a draft for comment is not yet policy and counts less than what is issued.
 */
const documentKinds: { kind: string; pattern: RegExp; weight: number }[] = [
  // A meeting report that a portal headed 解读 is a meeting's report: 国务院常务会议解读｜….
  { kind: '会议', pattern: /常务会议|全体会议|国常会/, weight: 1.5 },
  { kind: '解读', pattern: /解读|详解|答记者问|问答|答问|起草说明|编制说明/, weight: 1 },
  { kind: '征求意见稿', pattern: /征求意见|意见稿|草案/, weight: 0.5 },
  // A law ends in 法 (数据安全法); a 办法 is rules, read as 指引 below.
  { kind: '条例', pattern: /条例|(?<!办)法$/, weight: 3 },
  { kind: '规划', pattern: /规划/, weight: 3 },
  { kind: '方案', pattern: /方案|行动计划/, weight: 3 },
  { kind: '指导意见', pattern: /意见/, weight: 3 },
  // 标准 names a document only as its kind (…体系建设指南, …技术标准》); a headline's 第五套标准扩围 is news.
  { kind: '指引', pattern: /指引|指南|办法|细则|标准(?=$|》|[（(])|规则|措施|举措/, weight: 3 },
  // A decision (中共中央 国务院关于2023年度国家科学技术奖励的决定, day-x) is a document, not news; not 会议决定….
  { kind: '决定', pattern: /的决定(?=$|》|[（(])/, weight: 3 },
  { kind: '通知', pattern: /通知|公告|通告/, weight: 2 },
  // 大会 and 记者会 are meetings too: 全国科技大会…在京召开 (days l, x, br), the NPC's 经济主题记者会 (days r, s, cc).
  { kind: '会议', pattern: /会议|座谈会|推进会|发布会|记者会|大会/, weight: 1.5 },
];

const noveltyMarkers = ['首次', '正式', '试行', '明确提出', '首个', '首批'];
/** Concrete content: amounts, targets and deadlines, named instruments such as 算力券. */
export const instrumentPattern = /(?:Token|算力|数据|模型|创新|科技创新|消费|服务|人才|场景|绿色|碳)券/g;
const concretePatterns = [/\d+(?:\.\d+)?\s*(?:亿元|万元|%|个|家|项)/g, /到\s*20\d{2}\s*年/g, instrumentPattern];

export interface SignificanceInput {
  title: string;
  body: string;
  tier: SourceTier;
  /** Tiers of the bodies that reposted the story. */
  reposterTiers: SourceTier[];
  relevance: number;
  /** The date of an earlier issue that already covered this story, if one did. */
  reportedOn?: string;
  /** The document the story is about, when a news copy names it: its kind is the story's. */
  issued?: string | null;
  /** How many bodies issued it jointly (17, 七), when it is a joint document. */
  partners?: string | null;
  /**
   * Whether the text interprets a document (titles.isInterpretation) or reports a press briefing that
   * presents one (titles.isBriefingReport), whatever its headline says (…一周内公开征求意见 is no draft).
   */
  interprets?: boolean;
  /**
   * Whether the text puts out a draft for comment (titles.isDraft), whatever name it gives the document: a
   * report of 发布《…指南》(征求意见稿) is of a draft, not of the 指南 it names.
   */
  draft?: boolean;
  /**
   * Whether the story is a leader's signed article (issuer.signedArticle): counted as a document is, since the
   * editors print it as one of the day's lead items (day-m's 何立峰 article), though nothing is issued.
   */
  signed?: boolean;
  /** The document's own date (documentDate.ts) and how many days before the day its copy was met. */
  dated?: { on: string; daysBefore: number } | null;
}

const round = (n: number) => Math.round(n * 100) / 100;
/** A joint document's weight over one body's: about half a kind step. */
const JOINT_POINTS = 1;
/** Enough to put a covered story below a fresh one of the same tier and kind. */
const REPORTED_PENALTY = 4;
/**
 * A document older than this when its copy is met is a repost of old news. Provinces and cities often put
 * a plan on their portal two to four weeks after its closing date, so a month is not yet old.
 */
const OLD_AFTER_DAYS = 45;
/**
 * A document older than this, and not yet old news, is aging: it ranks below the window's news of its tier
 * and kind by AGING_PENALTY, half an old one's. Measured on the forty-five real days (docs/quality.md): picks
 * 129 → 132 with no day losing one; a step at 21 days, or a point more from 15 days on, cost picks elsewhere.
 */
const AGING_AFTER_DAYS = 30;
const AGING_PENALTY = 2;

const INTERPRETATION = documentKinds.find((k) => k.kind === '解读')!;
const DRAFT = documentKinds.find((k) => k.kind === '征求意见稿')!;
/** A leader's signed article: not read off a title, so not among documentKinds. */
const SIGNED_ARTICLE = { kind: '署名文章', weight: 3 };
const EXECUTIVE_MEETING = documentKinds[0]!;

/** Whether a story is old news: an earlier issue covered it, or its document was signed long before its copy was met. */
export function isStale(significance: Significance): boolean {
  return significance.evidence.some((part) => part.factor === 'freshness');
}

export function documentKind(title: string): { kind: string; weight: number } {
  return documentKinds.find((k) => k.pattern.test(title)) ?? { kind: '新闻', weight: 1 };
}

/** How much a story matters, as the sum of explained parts. */
export function scoreSignificance(input: SignificanceInput): Significance {
  const evidence: Significance['evidence'] = [];
  evidence.push({ factor: 'tier', points: tierWeight[input.tier], why: input.tier, args: [input.tier] });
  // Read normalised: 意見 is 意见.
  const own = documentKind(normaliseText(input.title));
  // A headline about a document (七部门发力！十五项举措…) is of the kind of the document it names; a meeting stays a meeting.
  // So is a notice that issues a document (关于印发《…若干措施》的通知 is the 措施).
  // An executive meeting headed 解读 (国务院常务会议解读｜…) is the meeting's report, whatever explains it.
  const named = (own.kind === '新闻' || own.kind === '通知') && input.issued ? documentKind(input.issued) : own;
  const kind = input.signed ? SIGNED_ARTICLE : input.interprets && own !== EXECUTIVE_MEETING ? INTERPRETATION : input.draft && named.kind !== '会议' ? DRAFT : named;
  evidence.push({ factor: 'kind', points: kind.weight, why: kind.kind, args: [kind.kind] });
  // Several bodies issuing together is a stronger signal than one: the policy has the departments behind it.
  if (input.partners) evidence.push({ factor: 'joint', points: JOINT_POINTS, why: `等${input.partners}部门`, args: [input.partners] });
  const novelty = noveltyMarkers.filter((marker) => input.body.includes(marker) || input.title.includes(marker));
  if (novelty.length > 0) evidence.push({ factor: 'novelty', points: Math.min(novelty.length * 0.5, 2), why: novelty.join('、') });
  const concrete = [...new Set(concretePatterns.flatMap((pattern) => input.body.match(pattern) ?? []))];
  if (concrete.length > 0) evidence.push({ factor: 'concrete', points: round(Math.min(concrete.length * 0.3, 1.5)), why: concrete.slice(0, 6).join('、') });
  // A repost by a higher body is a stronger signal than one by a peer.
  const spread = input.reposterTiers.reduce((sum, tier) => sum + tierWeight[tier] * 0.3, 0);
  if (spread > 0) evidence.push({ factor: 'spread', points: round(Math.min(spread, 3)), why: `${input.reposterTiers.length} reposts`, args: [input.reposterTiers.length] });
  evidence.push({ factor: 'relevance', points: round(Math.min(input.relevance / 10, 3)), why: `relevance ${input.relevance}`, args: [input.relevance] });
  // Readers saw it already: a story an earlier issue covered ranks below what is new today.
  if (input.reportedOn) evidence.push({ factor: 'freshness', points: -REPORTED_PENALTY, why: `reported in the issue of ${input.reportedOn}`, args: [input.reportedOn] });
  // An old document reposted today is not today's news, however official: it weighs as one already covered.
  else if (input.dated && input.dated.daysBefore > OLD_AFTER_DAYS) evidence.push({ factor: 'freshness', points: -REPORTED_PENALTY, why: `issued ${input.dated.on}, ${input.dated.daysBefore} days before`, args: [input.dated.on, input.dated.daysBefore] });
  // A month on, it is aging: the real days' editors picked 3 of 24 such relevant stories, and 52 of 74 of the day's.
  else if (input.dated && input.dated.daysBefore > AGING_AFTER_DAYS) evidence.push({ factor: 'aging', points: -AGING_PENALTY, why: `issued ${input.dated.on}, ${input.dated.daysBefore} days before`, args: [input.dated.on, input.dated.daysBefore] });
  return { score: round(evidence.reduce((sum, part) => sum + part.points, 0)), kind: kind.kind, novelty, evidence };
}
