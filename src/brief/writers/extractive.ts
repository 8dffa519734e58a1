import type { Candidate } from '../../domain/candidate.ts';
import { isPrintableName } from '../../analyze/bodies.ts';
import { fromDocNumber, signedArticle } from '../../analyze/issuer.ts';
import { isDocumentItself } from '../../analyze/titles.ts';
import { normaliseText } from '../../util/normalise.ts';
import type { SourceDirectory } from '../../analyze/origin.ts';
import type { Config, Taxonomy } from '../../config/schema.ts';
import { chineseNumber } from '../../util/chineseNumerals.ts';
import { chineseFullDate, chineseMonthDay, shanghaiDay } from '../../util/time.ts';
import type { Brief, BriefItem, Reference } from '../../domain/brief.ts';
import { buildReference, usedForOf, type UsedFacts } from '../references.ts';
import type { ThemeDynamics, ThemeMovement, ThemeShares } from '../themeShares.ts';
import { chooseQuotes, inQuotes, overlaps, quoteCandidates } from './quotes.ts';
import { actionOf, actorOf, asRunningText, briefingOf, briefingSubject, documentName, draftName, fullActorOf, HEADLINE_MAX, headlineOf, inBookQuotes, leaderActing, officialSpeaking, publishedAs, quotesBorneOut, storyTitle, UNNAMED_SOURCE, tierLabel } from './phrasing.ts';
import { substanceOf } from './substance.ts';
import { verifyItem } from '../verify.ts';

/** What the writer knows of an earlier issue. */
export interface EarlierIssue {
  issueDate: string;
  themeShares: Record<string, number>;
  items: readonly { headline: string; themes: readonly string[] }[];
}

export interface ComposeInput {
  issueDate: string;
  /** The selected stories, in the order of the brief. */
  items: Candidate[];
  directory: SourceDirectory;
  taxonomy: Taxonomy;
  brief: Config['brief'];
  themeShares: ThemeShares;
  /** Today's themes against the previous issue and the last week. */
  dynamics: ThemeDynamics;
  /** Earlier issues, newest first (up to thirty): what an item continues. */
  history: readonly EarlierIssue[];
  stats: Brief['stats'];
}

/**
 * The text the brief quotes from: the representative copy's body as published, or — when every copy is
 * traditional or glossed — that body normalised (simplified, glosses removed), which the verifier checks
 * against the source normalised the same way.
 */
export function quotableBody(candidate: Candidate): string {
  // A body that needs no normalising comes back as it is.
  return normaliseText(candidate.document.body);
}

/** How many reposters the facts name before 等. */
const NAMED_REPOSTERS = 3;

/**
 * The reposting sites by name: 中国政府网、网易、新浪等; sites known only by their domain are counted,
 * never printed (中国政府网等五家网站): a domain is no name for a reader, and its digits are no figure.
 * Null when no reposter has a name.
 */
export function reposterList(sites: readonly string[], directory: SourceDirectory): string | null {
  // A catalog body goes by its short name in running text (上海金融办).
  const names = sites.map((site) => directory.shortName(site));
  const shown = names.filter(isPrintableName).slice(0, NAMED_REPOSTERS);
  // Sites known by no name are no news to a reader: they are counted beside a named one, never alone.
  if (shown.length === 0) return null;
  if (shown.length === names.length) return shown.join('、');
  return `${shown.join('、')}等${names.length === 2 ? '两' : chineseNumber(Math.min(names.length, 99))}家网站`;
}

/** The 文号 to print beside a document's name: only the document's own, whose code names its issuer. */
function ownDocNumber(candidate: Candidate, directory: SourceDirectory): string {
  const number = candidate.document.docNumber ? normaliseText(candidate.document.docNumber) : null;
  return number && fromDocNumber(number, directory)?.name === candidate.origin ? `（${number}）` : '';
}

/**
 * When the document itself was issued, where its copies date it before the day the story was met (an old
 * plan a portal reposts today was not issued today): 9月30日印发 by its closing date, 10月9日发布 by a
 * report's dateline or lead, with the year when it is not the year of the day and the closing date gives it.
 * Undefined when they do not.
 */
export function issuedWhen(candidate: Candidate): string | undefined {
  const issued = candidate.issuedOn;
  if (!issued) return undefined;
  // Dated by another copy only: no day the cited copy bears out, and not the day of its page.
  if (issued.date === null) return '此前印发';
  const sameYear = issued.date.slice(0, 4) === shanghaiDay(candidate.document.publishedAt!).slice(0, 4);
  // A dateline or a lead writes no year (11月23日发布《…》): the year is ours, inferred, and not printed.
  const withYear = !sameYear && issued.how === 'closing';
  return `${withYear ? chineseFullDate(issued.date) : chineseMonthDay(issued.date)}${issued.how === 'closing' ? '印发' : '发布'}`;
}

/**
 * A report's own word for when a document came out where it gives no day (工信部等四部门日前印发《…》, day-t):
 * the brief says 日前印发 as the report does, not the day of the page that copied it weeks later. Undefined
 * when the opening says no such thing.
 */
function issuedRecently(candidate: Candidate): string | undefined {
  const said = /(日前|近日|近期)(?:联合)?(印发|发布|出台|公布)/.exec(quotableBody(candidate).slice(0, 300));
  return said ? `${said[1]}${said[2]}` : undefined;
}

/**
 * Whether the cited copy is the document itself, whose words are 文件's: its title is a document's, and the
 * story is no interpretation or briefing (国家数据局：公共数据两项配套政策一周内公开征求意见 is a report).
 */
function isTheDocument(candidate: Candidate): boolean {
  return isDocumentItself(storyTitle(candidate)) && candidate.significance.kind !== '解读';
}

/**
 * Paragraph 1, the facts: who (the issuer, a joint document's 等N部门), when, which document in 《》 or what
 * was done, verbatim quotes from the source, and the sites that reposted it, by name.
 */
function factParagraph(candidate: Candidate, directory: SourceDirectory, taxonomy: Taxonomy): { text: string; quotes: string[] } {
  const doc = candidate.document;
  const date = chineseMonthDay(shanghaiDay(doc.publishedAt!));
  const actor = fullActorOf(candidate);
  const title = storyTitle(candidate);
  const document = documentName(candidate, directory);
  // The day is the day it was published, which is what the source bears out: 发布, not 印发 (a document is
  // often signed days before), and a news release 发布消息称 what it reports (近日召开…).
  const itself = isTheDocument(candidate);
  const site = directory.siteName(doc);
  let lead: string;
  // A report met again days later is dated by its own dateline (据新华社北京4月26日电, 财新网7月8日综述), not by
  // the repost's page; one that another copy shows is older, with no day of its own, is 近日 (day-n's work
  // report, met three weeks on, had been written 据国务院3月28日消息).
  const when = candidate.issuedOn?.date ? chineseMonthDay(candidate.issuedOn.date) : candidate.issuedOn?.how === 'earlier' ? '近日' : date;
  // Whether the lead dates the story by another day than its page's: the reposts came later, 近日 not 当日.
  const recently = document && !candidate.issuedOn ? issuedRecently(candidate) : undefined;
  let datedBefore = Boolean(document && (candidate.issuedOn || recently));
  // The body's head quoted by name in the headline (潘功胜：…) said it, as the report tells: not the body's own article.
  const speaking = document ? null : officialSpeaking(quotesBorneOut(title, candidate), candidate, directory);
  if (speaking) {
    lead = `${actor}${speaking.post}${speaking.name}${speaking.acts ? '' : '表示，'}${speaking.words}`;
  } else if (document && candidate.tierHow !== 'site') {
    // A draft whose copy marks it after its name (《…指南》（征求意见稿）) is named with that mark: not the guide itself.
    const draft = candidate.significance.kind === '征求意见稿' && !/征求意见稿|草案/.test(document) ? draftName(candidate, directory) : null;
    lead = `${actor}${issuedWhen(candidate) ?? recently ?? `${date}发布`}${inBookQuotes(document)}${draft?.name === document ? draft.marked : ''}${ownDocNumber(candidate, directory)}`;
  } else if (candidate.significance.kind === '解读') {
    // A report of a briefing tells the briefing, on its day: the page of the report came later.
    const briefing = briefingOf(candidate, directory);
    // With nothing to name as presented, the briefing held is the sentence (no 介绍有关情况 for an editor to delete).
    const subject = !briefing ? null : briefing.document ? inBookQuotes(briefing.document) : briefingSubject(candidate);
    const presents = briefing && subject ? `，${directory.byName(briefing.host)?.name === candidate.origin ? '' : actor}介绍${subject}` : '';
    lead = briefing
      ? `${briefing.host}${briefing.date}${briefing.held}${briefing.event}${presents}`
      : `${actor}${date}发布解读文章${inBookQuotes(title)}`;
    datedBefore = briefing !== null && briefing.date !== date;
  } else if (candidate.tierHow === 'site') {
    // No copy names an issuer: the site that carried it speaks, crediting the 来源 it names.
    const shown = isPrintableName(site) ? site : UNNAMED_SOURCE;
    const running = quotesBorneOut(title, candidate);
    // The site's own report is of its day (财新网7月8日综述, met on a mirror on the 21st); a repost is of its page's.
    lead = site === candidate.origin ? `${shown}${when}${publishedAs(running, document)}` : `${shown}${date}转载${actor}报道：${asRunningText(running)}`;
    datedBefore = site === candidate.origin && when !== date;
  } else {
    // 据国家数据局6月18日消息，该局召开…: the release's date, and the body as its subject.
    const action = actionOf(candidate, directory);
    const news = action.startsWith('发布消息：');
    // A headline that says what the body issued (…等七部门印发关于…的实施意见) is the lead itself.
    // …and so is one that says where the body or person did it (何立峰在人民日报发表署名文章…).
    const issues = /^(?:印发|发布|出台|公布|在)/.test(action);
    datedBefore = when !== date;
    // 该局 is a bureau's: a Party organ (中共中央政治局) is named again.
    // Nor the State Council or the NPC (该院 had been written of 国务院, day-n).
    const itsName = /[局部委厅署院所行办]$/.test(actor) && !/^(?:中共|中央|国务院$|全国人大)/.test(actor) ? `该${actor.slice(-1)}` : actorOf(candidate, directory);
    // The head acting for the body (中共中央总书记习近平…参加, 国务院总理李强…作) is the lead, its day after the
    // name — a day the copy itself gives, else 近日: the page of a report is the morning after.
    const acting = leaderActing(candidate);
    const actingWhen = candidate.issuedOn?.date ? chineseMonthDay(candidate.issuedOn.date) : '近日';
    lead = acting
      ? `${actor}${acting.replace(/^(总书记习近平|总理[\u4e00-\u9fff]{2,3}?)(?=出席|主持|参加|作)/, `$1${actingWhen}`)}`
      : issues
        ? `${actor}${when}${action}`
        : `据${actor}${when}消息，${news ? action.slice('发布消息：'.length) : `${itsName}${action}`}`;
    if (acting) datedBefore = true;
  }
  const quotes = chooseQuotes(quotableBody(candidate), title, taxonomy, 2);
  // Only the document's own text is 文件: a release or a report about it is 文中.
  const quoteText = quotes.length > 0 ? `${itself ? '文件提出' : '文中提到'}：${quotes.map(inQuotes).join('；')}。` : '';
  // The site that speaks for a story of no named issuer is not also its reposter.
  const reposters = reposterList(candidate.tierHow === 'site' ? candidate.reposters.filter((r) => r !== site) : candidate.reposters, directory);
  // 当日 is the day the lead names, and only when every copy's page is of that day: of an old document, or
  // copies met on later days (a fresh user's 1月3日 law reposted on the 4th), the reposts came 近日.
  const copiesLater = candidate.members.some((member) => member.publishedAt !== null && shanghaiDay(member.publishedAt) !== shanghaiDay(doc.publishedAt!));
  const reposted = reposters ? `${reposters}${datedBefore || copiesLater ? '近日' : '当日'}转载了这一${itself ? '文件' : '消息'}。` : '';
  return { text: `${lead}。${quoteText}${reposted}`, quotes };
}

/**
 * The headline's "what is new": the source's own most salient short clause — one that names a novelty
 * (首次, 正式, 明确…), an instrument (算力券) or a theme — when it fits the line and the action does not
 * already say it. Not a quote, so not in “ ”; taken from the text, so its facts are the source's.
 */
function noveltyClause(candidate: Candidate, taxonomy: Taxonomy, head: string): string | undefined {
  const room = HEADLINE_MAX - head.length - 1;
  if (room < 8) return undefined;
  return quoteCandidates(quotableBody(candidate), storyTitle(candidate), taxonomy)
    .filter((c) => c.text.length <= room && c.text.length >= 6 && !/[《》〈〉（）()\s]/.test(c.text) && !head.includes(c.text) && c.score > 1)
    .sort((a, b) => b.score - a.score || a.at - b.at)[0]?.text;
}

/** The kind a document's own name ends with: 行动方案, 指导意见, 若干措施, 条例…. */
const kindInName = /(三年行动计划|行动计划|行动方案|实施方案|工作方案|指导意见|实施意见|若干政策措施|若干措施|政策举措|管理办法|实施细则|工作要点|条例|办法|细则|指引|规划|要点|指南|意见|方案|计划|措施)(?:[（(][^）)]*[）)])?$/;

/** What the item is, as the analysis names it: the kind its document's name says, else the kind it was read as. */
function kindWordOf(candidate: Candidate, directory: SourceDirectory): string {
  const kind = candidate.significance.kind;
  const named = kind === '征求意见稿' ? null : kindInName.exec(documentName(candidate, directory) ?? '')?.[1];
  return named ?? kindPhrase[kind] ?? '工作动态';
}

/** What kind of thing the item is, as the analysis names it. */
const kindPhrase: Record<string, string> = {
  解读: '政策解读',
  征求意见稿: '征求意见稿，尚未正式施行',
  条例: '法规文件',
  规划: '规划文件',
  方案: '实施方案',
  指导意见: '指导性意见',
  指引: '规范性文件',
  决定: '决定',
  通知: '通知',
  会议: '会议部署',
  新闻: '工作动态',
  署名文章: '署名文章',
};

const levelPhrase: Record<Exclude<Candidate['tier'], 'media'>, string> = {
  national: '国家层面',
  regulator: '金融监管部门',
  exchange: '交易所层面',
  provincial: '省级层面',
  municipal: '市级层面',
  county: '区县层面',
};

/**
 * The analysis's first sentence: the issuing level and the kind (这是国家层面的行动计划), said four ways in
 * turn. A story of no official body has no level: news is a 媒体报道, and a document it carries is named
 * by its kind alone — never 媒体报道的行动计划, a document is no report — and no site is said to issue it.
 */
function levelSentence(candidate: Candidate, index: number, actor: string, directory: SourceDirectory, plain: boolean): string {
  const kind = kindWordOf(candidate, directory);
  if (candidate.tier === 'media') return `这是${kind === kindPhrase['新闻'] ? '媒体报道' : `一份${kind}`}。`;
  const what = `${levelPhrase[candidate.tier]}的${kind}`;
  const openings = [`这是${what}。`, `从发文层级和类型看，这是${what}。`, `${actor}此次发布的是${what}。`, `就层级而言，这属于${what}。`];
  // A section with no quote holds little of its source; the longer openings' own words would tip it
  // below the verifier's share (day-n's one-line briefing report was withheld at 43 %).
  return openings[plain ? 0 : index % openings.length]!;
}

/**
 * The latest earlier item of the same body on the item's leading theme, within 99 days: what this item
 * continues. The count of days is written in Chinese numerals, as a fact of the brief, not of a source.
 */
function continuitySentence(candidate: Candidate, actor: string, issueDate: string, history: readonly EarlierIssue[]): string {
  const theme = candidate.relevance.themes[0]?.themeName;
  if (!theme) return '';
  const earlier = history.find((issue) => issue.items.some((item) => item.themes.includes(theme) && item.headline.startsWith(actor)));
  if (!earlier) return '';
  const days = Math.round((Date.parse(issueDate) - Date.parse(earlier.issueDate)) / 86_400_000);
  return days >= 1 && days <= 99 ? `${days === 2 ? '两' : chineseNumber(days)}天前的一期已报道${actor}在${theme}方面的动态，本条是其延续。` : '';
}

/**
 * Paragraph 2, the analysis, from the source's own substance: the issuing level and kind, quantified
 * targets with their years, scope, named instruments, a clause marked as new, and the earlier item it
 * continues when the archive has one. Quotes are verbatim; every other figure is the source's.
 */
function analysisParagraph(candidate: Candidate, index: number, actor: string, directory: SourceDirectory, taxonomy: Taxonomy, issueDate: string, history: readonly EarlierIssue[], quoted: readonly string[], lean = false): { text: string; quotes: string[]; used: Omit<UsedFacts, 'quotes'> } {
  const substance = substanceOf(quotableBody(candidate), storyTitle(candidate), quoted);
  const isDocument = isTheDocument(candidate);
  const subject = isDocument ? '文件' : '文中';
  // The same fact, said in turn several ways: the sections of one issue do not open alike. The taxonomy's
  // theme names are ours, not prose: they stay in brief.json, not in the analysis.
  const parts = [levelSentence(candidate, index, actor, directory, lean || quoted.length === 0)];
  const quotes: string[] = [];
  if (substance.targets.length > 0) {
    parts.push(`${subject}给出了量化目标：${substance.targets.map(inQuotes).join('；')}。`);
    quotes.push(...substance.targets);
  }
  // Lean, the analysis says what the source says in its words only: no sentence of ours around a list.
  if (substance.scope.length > 0 && !lean) parts.push(`从覆盖面看，${subject}涉及${substance.scope.join('、')}。`);
  if (substance.instruments.length > 0 && !lean) parts.push(`${subject}点名的政策工具包括${substance.instruments.join('、')}，便于跟踪落地。`);
  else if (substance.instrumentClause) {
    parts.push(`在具体支持上，${subject}明确${inQuotes(substance.instrumentClause)}。`);
    quotes.push(substance.instrumentClause);
  }
  if (parts.length === 1 && substance.novelty) {
    parts.push(`值得注意的是，${subject}明确${inQuotes(substance.novelty)}。`);
    quotes.push(substance.novelty);
  }
  // What the step is for, in the source's words: the reason a reader should care.
  // A purpose that restates the scope just given (一共推出15项政策) adds nothing.
  if (parts.length <= 2 && substance.purpose && !quotes.includes(substance.purpose) && !substance.scope.some((scope) => substance.purpose!.includes(scope))) {
    parts.push(`${isDocument ? '文件' : '文中'}指出，${inQuotes(substance.purpose)}。`);
    quotes.push(substance.purpose);
  }
  // With nothing else to say, one more of the source's own statements, not yet quoted.
  if (parts.length === 1) {
    const more = chooseQuotes(quotableBody(candidate), storyTitle(candidate), taxonomy, 3).find((q) => ![...quoted, ...quotes].some((done) => overlaps(done, q)));
    if (more) {
      parts.push(`${subject}还提到，${inQuotes(more)}。`);
      quotes.push(more);
    }
  }
  parts.push(continuitySentence(candidate, actor, issueDate, history));
  const used = { targets: substance.targets.length > 0, scope: substance.scope.length > 0 && !lean, instruments: (substance.instruments.length > 0 && !lean) || substance.instrumentClause !== null };
  return { text: parts.join(''), quotes, used };
}

/** A count of the brief's own items, in Chinese numerals (两 for two, as a count is read): not a figure of a source. */
const itemCount = (n: number) => `${n === 2 ? '两' : chineseNumber(n)}条`;

/** A list read aloud: A、B和C. */
function listed(parts: readonly string[]): string {
  return parts.length > 1 ? `${parts.slice(0, -1).join('、')}和${parts[parts.length - 1]}` : (parts[0] ?? '');
}

function tierCounts(items: readonly Candidate[]): string {
  const counts = new Map<string, number>();
  for (const item of items) {
    const label = item.tierHow === 'site' ? tierLabel.media : tierLabel[item.tier];
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, n]) => `${label}${itemCount(n)}`).join('、');
}

/** The day's source mix, as the reference issue opens its abstract. */
function mixPhrase(items: readonly Candidate[]): string {
  // A story no copy names an issuer of is the site's or the paper's, whatever the tier of the site.
  const media = items.filter((i) => i.tier === 'media' || i.tierHow === 'site').length;
  if (media === 0) return `均来自官方与政务来源（${tierCounts(items)}）`;
  return media === items.length ? `均来自媒体报道` : `以官方与政务来源为主，兼有媒体报道（${tierCounts(items)}）`;
}

const quoted = (names: readonly string[]) => names.map((n) => `“${n}”`).join('');

/** How the themes moved against the previous issue; with no previous issue, where they stand. */
function movementPhrase(movement: ThemeMovement): string {
  const top = quoted(movement.top);
  if (movement.direction === 'first') return `主题集中在${top}`;
  const base = movement.direction === 'converging' ? `主题比上期更收敛，集中到${top}` : movement.direction === 'spreading' ? `主题比上期更分散，${top}居前` : `主题分布与上期大体相当，${top}居前`;
  const rising = movement.rising.length > 0 ? `，${quoted(movement.rising)}占比上升` : '';
  const fresh = movement.new.length > 0 ? `，新出现${quoted(movement.new)}` : '';
  return `${base}${rising}${fresh}`;
}

/** Against the last week of issues: which themes rose above their mean, which the week had not seen. */
function weekPhrase(week: ThemeDynamics['week']): string {
  if (week.issues < 2) return '';
  const parts = [
    week.rising.length > 0 ? `${quoted(week.rising)}高于近${chineseNumber(week.issues)}期的平均水平` : '',
    week.new.length > 0 ? `${quoted(week.new)}是近${chineseNumber(week.issues)}期首次出现的主题` : '',
  ].filter(Boolean);
  return parts.length > 0 ? `；${parts.join('，')}` : '';
}

/** The overall judgement: what kind of signals the day gave, without repeating the mix or the themes. */
function judgement(input: ComposeInput): string {
  // A 条例 or a law is passed and promulgated, not 印发: it is counted apart (a fresh user's 深圳 条例 had been
  // called 正式印发的政策文件).
  const laws = input.items.filter((i) => i.significance.kind === '条例').length;
  const documents = input.items.filter((i) => !['新闻', '会议', '解读', '征求意见稿', '条例', '署名文章'].includes(i.significance.kind)).length;
  const all = input.items.length;
  const parts = [documents > 0 ? `${itemCount(documents)}为正式印发的政策文件` : '', laws > 0 ? `${itemCount(laws)}为法律法规` : ''].filter(Boolean);
  const whole = documents === all ? '正式印发的政策文件' : laws === all ? '法律法规' : null;
  const kind = whole ? (all === 1 ? `为${whole}` : `全部为${whole}`) : parts.length > 0 ? `中有${parts.join('、')}` : '以工作部署和动态为主';
  // What the day's documents are, by kind (方案、指导意见…): the mix already said who issued them.
  const kinds = [...new Set(input.items.map((i) => i.significance.kind).filter((k) => !['新闻', '会议', '解读', '通知', '署名文章'].includes(k)))];
  const spread = kinds.length > 1 ? `，涵盖${listed(kinds.slice(0, 4))}等政策形态` : '';
  return `整体看，本期${itemCount(all)}信息${kind}${spread}${weekPhrase(input.dynamics.week)}。`;
}

/** The abstract: the source mix, the theme movement, one clause per item, an overall judgement. */
function abstractOf(input: ComposeInput, clauses: string[]): string {
  return `今日${input.brief.topicName}线索${mixPhrase(input.items)}，${movementPhrase(input.dynamics.previous)}。${clauses.join('；')}。${judgement(input)}`;
}

/**
 * Whether a section passes the verifier's checks of a section against its one source, the story's cited copy
 * (verifyItem: quotes, names, figures, overlap): what the extractive writer is held to by construction.
 */
function holdsItsSource(item: BriefItem, reference: Reference, candidate: Candidate): boolean {
  const source = { title: candidate.document.title, body: candidate.document.body, publishedAt: candidate.document.publishedAt, docNumber: candidate.document.docNumber };
  return verifyItem(item, new Map([[reference.id, reference]]), (url) => (url === reference.url ? source : undefined)).every((check) => check.ok);
}

/** Writes the brief from the selected stories, offline and deterministically. */
export function composeExtractive(input: ComposeInput): Brief {
  const references: Reference[] = [];
  const items: BriefItem[] = [];
  const clauses: string[] = [];
  input.items.forEach((candidate, index) => {
    const actor = actorOf(candidate, input.directory);
    const action = actionOf(candidate, input.directory);
    const facts = factParagraph(candidate, input.directory, input.taxonomy);
    const reposter = reposterList(candidate.reposters, input.directory);
    // A leader's signed article is published by its paper (人民日报), not by its author.
    const paper = candidate.tierHow === 'post' ? signedArticle(normaliseText(`${candidate.document.title}\n${candidate.document.body}`))?.paper : undefined;
    const whatIsNew = noveltyClause(candidate, input.taxonomy, `${actor}${action}`);
    const compose = (lean: boolean) => {
      const analysis = analysisParagraph(candidate, index, actor, input.directory, input.taxonomy, input.issueDate, input.history, facts.quotes, lean);
      const usedFor = usedForOf(candidate, { ...analysis.used, quotes: [...facts.quotes, ...analysis.quotes] });
      const reference = buildReference(candidate, `R${index + 1}`, paper ?? fullActorOf(candidate), reposter, usedFor);
      const item: BriefItem = {
        n: index + 1,
        headline: headlineOf(actor, action, whatIsNew),
        paragraphs: [facts.text, analysis.text],
        quotes: [...facts.quotes, ...analysis.quotes].map((text) => ({ text, ref: reference.id })),
        refs: [reference.id],
        tier: candidate.tier,
        themes: candidate.relevance.themes.map((t) => t.themeName),
      };
      return { item, reference };
    };
    // The writer never fails its own checks: a section whose words of ours outweigh its source's (a short
    // source, one short quote — day-ai's 算力券 rules held 43 %) is written again lean: the plain opening, no
    // sentence of ours around a list and, with nothing else to say, one more statement of the source's.
    const full = compose(false);
    const { item, reference } = holdsItsSource(full.item, full.reference, candidate) ? full : compose(true);
    references.push(reference);
    clauses.push(`${actor}${action}`);
    items.push(item);
  });
  return {
    date: input.issueDate,
    title: input.brief.title,
    publisher: input.brief.publisher,
    producers: input.brief.producers,
    abstract: abstractOf(input, clauses),
    items,
    references,
    footer: input.brief.footer,
    writer: 'extractive',
    checks: [],
    stats: input.stats,
  };
}
