import { escapeRegExp } from '../../util/escape.ts';
import type { Candidate } from '../../domain/candidate.ts';
import { chinesePunctuation, normaliseText } from '../../util/normalise.ts';
import { isPrintableName, looksLikeBody } from '../../analyze/bodies.ts';
import type { SourceDirectory } from '../../analyze/origin.ts';
import { signedArticle } from '../../analyze/issuer.ts';
import { BRIEFING_EVENT, OFFICIAL_ACTS, cleanTitle, documentTitle, isBriefingReport, isDocumentItself, isWireMark, issuingNotice } from '../../analyze/titles.ts';
import type { SourceTier } from '../../domain/tier.ts';
import { chineseNumber } from '../../util/chineseNumerals.ts';
import { titleKnown } from '../verify.ts';

/** A title inside 《》: nested 《》 become 〈〉 and half-width marks Chinese ones, as Chinese typography requires. */
export function inBookQuotes(title: string): string {
  return `《${chinesePunctuation(title).replace(/《/g, '〈').replace(/》/g, '〉')}》`;
}

export const tierLabel: Record<SourceTier, string> = {
  national: '国家层面机构',
  regulator: '金融监管部门',
  exchange: '证券交易所',
  provincial: '省级部门',
  municipal: '市级部门',
  county: '区县部门',
  media: '媒体',
};

const han = String.raw`\p{Script=Han}`;
/**
 * Text the brief derives from a title, set as running text: a bar or a space between two clauses
 * becomes a comma (…审核指引 | 全文 → …审核指引，全文), a space typed beside a digit, a Latin word or + goes
 * (spacing there is the typesetter's, in every format alike), and nothing is left to start a line with +.
 */
export function asRunningText(text: string): string {
  // A title in 《》 is the document's own name, spaces and all: only the text around it is set.
  return text
    .split(/(《[^》]*》)/)
    .map((part) => (part.startsWith('《') ? part : setRunning(part)))
    .join('')
    .replace(/，{2,}/g, '，')
    .replace(/^，|，$/g, '')
    .trim();
}

function setRunning(text: string): string {
  // A headline a page typed with half-width marks (…补贴,医疗大模型企业可申请!) is set with Chinese ones.
  // Its 今日 or 昨天 is the page's day, not the reader's: it goes (…峰会今日在福州开幕, day-ao, met twelve days on).
  return chinesePunctuation(text)
    .replace(new RegExp(String.raw`(?<=${han})(?:今日|今天|昨日|昨天)(?=${han})(?!的)`, 'gu'), '')
    .replace(/\s*[|｜丨]\s*/g, '，')
    .replace(new RegExp(String.raw`(?<=${han}|[”》）])\s+(?=${han}|[“《（])`, 'gu'), '，')
    .replace(/\s+(?=[+＋%])|(?<=[+＋])\s+/g, '')
    .replace(new RegExp(String.raw`(?<=${han})\s+(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])\s+(?=${han})`, 'gu'), '')
    .replace(/，{2,}/g, '，')
    .replace(/^，|，$/g, '')
    .trim();
}

/**
 * A title to set as running text, its “ ” outside 《》 kept only where the cited copy's body holds the
 * words: the brief's “ ” are quotes of the source's body, and a headline's own (打造新兴产业发展“加速器”)
 * is not one when the body never says it. The words stay, without the marks.
 */
export function quotesBorneOut(title: string, candidate: Candidate): string {
  const body = normaliseText(candidate.document.body).replace(/\s+/g, '');
  return title
    .split(/(《[^》]*》)/)
    .map((part) => (part.startsWith('《') ? part : part.replace(/“([^“”]+)”/g, (quote, words: string) => (body.includes(words.replace(/\s+/g, '')) ? quote : words))))
    .join('');
}

/** The story's title as the brief reads it: normalised (simplified, no glosses), without a portal's 重磅！ or 【转载】. */
export function storyTitle(candidate: Candidate): string {
  return cleanTitle(normaliseText(candidate.document.title));
}

/** The names the issuer goes by, longest first: what a title may begin with. */
function issuerNames(candidate: Candidate, directory: SourceDirectory): string[] {
  const body = directory.byName(candidate.origin);
  // A medium's sites and columns too: a headline 大公网：… is the paper 大公报's own word.
  const names = body ? [body.name, body.shortName, ...body.aliases] : [candidate.origin, ...directory.mediumNames(candidate.origin)];
  return names.filter((n): n is string => Boolean(n)).sort((a, b) => b.length - a.length);
}

/** What stands for a story no copy names an issuer of, and whose site has no name but its domain. */
export const UNNAMED_SOURCE = '网络来源';

/** The story's origin as a reader may be shown it: never a domain (5588vip.com). */
function originName(candidate: Candidate): string {
  return isPrintableName(candidate.origin) ? candidate.origin : UNNAMED_SOURCE;
}

/**
 * 等四部门 for a joint document. The count is written in Chinese numerals whatever copy gave it: the cited
 * copy may write 四部门 where another wrote 等4部门, and a figure the cited source lacks would fail its check.
 */
function jointSuffix(candidate: Candidate): string {
  const partners = candidate.issuer?.partners;
  if (!partners) return '';
  const count = /^\d+$/.test(partners) && Number(partners) <= 99 ? chineseNumber(Number(partners)) : partners;
  // Two are 两部门, never 二部门.
  return `等${count === '二' ? '两' : count}部门`;
}

/**
 * Who the story is about, as running text names it: the issuer's short name (等N部门 for a joint
 * document); for a story no copy names an issuer of, the place of the catalog site that carried it (武汉),
 * else the name of whoever published it.
 */
export function actorOf(candidate: Candidate, directory: SourceDirectory): string {
  if (candidate.tierHow === 'site') {
    const host = directory.get(candidate.document.sourceId);
    if (host && host.region !== '全国') return host.region;
  }
  return `${directory.shortName(originName(candidate))}${jointSuffix(candidate)}`;
}

/** The issuer's full name for the first mention in the facts (国家发展和改革委员会等8部门). */
export function fullActorOf(candidate: Candidate): string {
  return `${originName(candidate)}${jointSuffix(candidate)}`;
}

/** The title without the issuer's name it begins with (and a joint document's 等N部门, 联合): 关于…的意见. */
function afterIssuer(whole: string, candidate: Candidate, directory: SourceDirectory): string | null {
  // An event's name may head the title before a colon (2025工业互联网大会：工信部称…, day-ak): the issuer opens what follows.
  const colon = /^[^：:《“]{2,24}[：:]/.exec(whole);
  for (const name of issuerNames(candidate, directory)) {
    const title = !whole.startsWith(name) && colon && whole.slice(colon[0].length).startsWith(name) ? whole.slice(colon[0].length) : whole;
    // Its partners go too, joined by 、 or, as a joint title sets them, by spaces: 江苏省工业和信息化厅 江苏省数据局关于….
    // …and the unit that signs for the body (工业和信息化部办公厅 国家发展改革委办公厅…关于…, day-bh).
    if (title.startsWith(name)) return title.slice(name.length).replace(/^(?:办公厅|办公室|综合司)/, '').replace(/^(?:[、\s]+(?:(?!关于|印发)[^、\s]){2,20}?(?=[、\s]|关于|印发|联合|等))*(?:等[\d一二三四五六七八九十]{1,3}个?部门)?(?:联合)?[：:\s]*/, '');
  }
  return null;
}

/** Documents one 印发s; notices and announcements are 发布ed. */
const issuedKinds = /(?:条例|规划|方案|意见|办法|细则|指引|决定|规定|措施|计划|纲要|指南|标准)(?:（[^）]{1,8}）)?$/;

/**
 * The document a story is about, by the name to write in 《》, when the story is a document or a report
 * of one being issued (titles.issuedDocument: Y of X关于印发《Y》的通知, 关于…的意见 of 国务院关于…的意见,
 * Y of 三部门印发《Y》). Null for news, meetings and interpretations.
 */
export function documentName(candidate: Candidate, directory: SourceDirectory): string | null {
  if (candidate.significance.kind === '解读' || candidate.significance.kind === '会议' || !candidate.issued) return null;
  // Only a name the cited copy bears out goes in 《》: the verifier's own rule, so the check cannot fail.
  return titleKnown(candidate.issued, [candidate.document], directory.knownBodies()) ? candidate.issued : null;
}

/**
 * The verb for issuing the story's document: the one its title uses (上交所发布…指引 stays 发布), else
 * 印发 for a plan or an opinion and 发布 for a notice or an announcement.
 */
export function verbOf(candidate: Candidate): string {
  // Only a verb before the name counts: 关于公布…名单的通知 is 发布ed, not 公布ed.
  const used = /(印发|发布|出台|公布)/.exec(storyTitle(candidate).split(/《|关于/)[0]!)?.[1];
  // A people's congress passes its regulations; it does not 印发 them.
  if (!used && /人民代表大会(?:常务委员会)?$/.test(candidate.origin)) return '通过';
  return used ?? (issuedKinds.test(candidate.issued ?? '') ? '印发' : '发布');
}

/** A headline that states, not teases: no question, exclamation or 这样/如何/哪些/揭秘 (a teaser says nothing a reader can use). */
const declarative = /^(?!.*(?:[？?！!]|这样|如何|哪些|什么|为何|怎么|揭秘|来了|重磅|一文|速看|划重点)).{8,}$/;

/** A title that begins with what was done: 全面实施…, 加快打造…: the actor 提出 it. */
const startsWithAction = /^(?:全面|加快|推动|推进|支持|实施|建设|打造|深化|促进|构建|开展|加强|提升|发展|培育|优化|探索|聚焦|围绕|做好|强化|深入|着力)/;

/** A briefing held, as a report's opening tells it: 11月10日，国新办举行…; 国务院新闻办11月10日举行…; 国务院新闻办公室当天举行…. */
// An event's name may hold quotes (“高质量完成‘十四五’规划”系列主题新闻发布会): kept by its kind (eventKind).
const heldAfterDate = new RegExp(String.raw`(\d{1,2}月\d{1,2}日)(?:上午|下午)?[，,]\s*([\u4e00-\u9fff]{2,24})(举行|召开|举办)([^，,。；;\n]{0,60}?${BRIEFING_EVENT})`);
// The event is named without the 的 of 在国务院新闻办公室举行的新闻发布会上.
// A transcript's opening writes the year, the weekday and the hour (中共中央于2025年10月24日上午10时举行新闻发布会, day-q).
const heldAfterHost = new RegExp(String.raw`([\u4e00-\u9fff]{2,24}?)于?(?:\d{4}年)?((?:\d{1,2}月)?\d{1,2}日)?(?:[（(]星期[一二三四五六日天][)）])?(?:上午|下午)?(?:\d{1,2}[时点](?:\d{1,2}分)?)?(举行|召开|举办)的?((?!的)[\u4e00-\u9fff]{0,16}?${BRIEFING_EVENT})`);
/** A briefing an official spoke at: 刘烈宏10月10日上午在国新办新闻发布会上说 (a body's own press conference). */
const spokeAt = /(\d{1,2}月\d{1,2}日)(?:上午|下午)?在([\u4e00-\u9fff]{2,24}?)((?:专题)?(?:新闻)?发布会)上/;
/** A body's spokesperson at its own press conference: 全国人大常委会法制工作委员会发言人王翔23日在记者会上说 (day-q). */
const spokespersonAt = new RegExp(String.raw`([\u4e00-\u9fff]{2,30}?)(?:新闻)?发言人[\u4e00-\u9fff]{2,3}?((?:\d{1,2}月)?\d{1,2}日)(?:上午|下午)?在(记者会|(?:新闻)?发布会|吹风会)上`);
/** Time words between a host and its verb, which no date stands for: 当天举行. */
const timeWord = /(?:当天|当日|日前|近日|今天|今日)$/;

/** A press briefing a story reports, as its cited copy tells it. */
export interface Briefing {
  /** Who held it, as the copy names it (国新办). */
  host: string;
  /** When, as the copy writes it (11月10日); empty when it writes no date (当天举行). */
  date: string;
  /** What was held (国务院政策例行吹风会), and the verb the copy holds it with (举行, 召开). */
  event: string;
  held: string;
  /** The document it presented, by a name the cited copy bears out for 《》; null when it names none so. */
  document: string | null;
}

/**
 * The briefing a story reports (titles.isBriefingReport), read from its cited copy's opening: the host is the
 * body its words before the verb end with (据人民日报报道国务院新闻办 → 国务院新闻办), or the body whose own
 * press conference an official spoke at. Null for other stories and when the opening does not say who held it.
 */
export function briefingOf(candidate: Candidate, directory: SourceDirectory): Briefing | null {
  const [title, body] = [storyTitle(candidate), normaliseText(candidate.document.body)];
  if (!isBriefingReport(title, body)) return null;
  const opening = body.slice(0, 300);
  const isBody = (name: string) => directory.byName(name) !== undefined || (looksLikeBody(name) && directory.tierOf(name) !== null);
  const endingBody = (words: string) => {
    const plain = words.replace(timeWord, '');
    for (let at = 0; at < plain.length - 1; at++) if (isBody(plain.slice(at))) return plain.slice(at);
    // A province or city holds a briefing as its people's government (广东省召开…新闻发布会): named as the text names it.
    const place = /[\u4e00-\u9fff]{2,8}?(?:省|自治区|市)$/.exec(plain)?.[0];
    return place && isBody(`${place}人民政府`) ? place : undefined;
  };
  const before = heldAfterDate.exec(opening);
  const beforeHost = before ? endingBody(before[2]!) : undefined;
  if (before && beforeHost) return { host: beforeHost, date: before[1]!, held: before[3]!, event: eventKind(before[4]!), document: presented(candidate, body, directory) };
  const after = heldAfterHost.exec(opening);
  const afterHost = after ? endingBody(after[1]!) : undefined;
  if (after && afterHost) return { host: afterHost, date: after[2] ?? '', held: after[3]!, event: eventKind(after[4]!), document: presented(candidate, body, directory) };
  const spoke = spokeAt.exec(opening);
  if (spoke && isBody(spoke[2]!)) return { host: spoke[2]!, date: spoke[1]!, held: '举行', event: spoke[3]!, document: presented(candidate, body, directory) };
  const spokesperson = spokespersonAt.exec(opening);
  const spokenFor = spokesperson ? endingBody(spokesperson[1]!) : undefined;
  if (spokenFor) return { host: spokenFor, date: spokesperson![2]!, held: '举行', event: spokesperson![3]!, document: presented(candidate, body, directory) };
  return null;
}

/**
 * What a briefing presents when it presents no document, as its report's title or opening says it:
 * 第八届数字中国建设峰会筹备情况 (of 国新办介绍第八届数字中国建设峰会筹备情况). Null when neither says.
 */
export function briefingSubject(candidate: Candidate): string | null {
  const subject = /介绍([^，,。；;《》“”\n]{4,30}?)(?:的?(?:有关|相关))?情况/.exec(`${storyTitle(candidate)}\n${normaliseText(candidate.document.body).slice(0, 300)}`)?.[1];
  return subject ? `${subject}情况` : null;
}

/**
 * A briefing's name, or its kind when the name holds quotes or a document's name: “高质量完成‘十四五’规划”
 * 系列主题新闻发布会 → 新闻发布会, 《广东省…若干政策措施》新闻发布会 → 新闻发布会 (the document is named apart).
 */
function eventKind(event: string): string {
  return /[“”‘’《》]/.test(event) ? (/(?:国务院政策例行)?吹风会|(?:专题)?新闻发布会|发布会/.exec(event.replace(/^.*[”’》]/, ''))?.[0] ?? event) : event;
}

/** The document a briefing's report names first in its opening, when the cited copy bears the name out for 《》. */
function presented(candidate: Candidate, body: string, directory: SourceDirectory): string | null {
  const named = [...body.slice(0, 600).matchAll(/《([^》]{4,})》/g)].map((m) => m[1]!).find((name) => !isWireMark(name)) ?? null;
  return named && titleKnown(named, [candidate.document], directory.knownBodies()) ? named : null;
}

/**
 * What the head of the Party or the State Council did for it, as the cited copy says (总书记习近平参加…江苏
 * 代表团审议, 总理李强作政府工作报告): set after the body's name, it reads as an editor writes it (中共中央总书记
 * 习近平参加…, 国务院总理李强作…), where the headline had been 中共中央发布消息：习近平：… (days n and o).
 * Undefined for other stories.
 */
export function leaderActing(candidate: Candidate): string | undefined {
  const text = normaliseText(`${candidate.document.title}\n${candidate.document.body}`).slice(0, 400);
  if (candidate.origin === '中共中央') {
    const met = /(?<!传达|学习|贯彻|领会)习近平(?:总书记)?(?:\d{1,2}日)?(?:上午|下午)?(?:在京)?((?:出席|主持|参加)[^，。\n]{2,30}(?:审议|会议|会))/.exec(text);
    return met ? `总书记习近平${met[1]!.replace('他所在的', '')}` : undefined;
  }
  if (candidate.origin === '国务院') {
    const report = /总理([\u4e00-\u9fff]{2,3}?)(?:\d{1,2}日|昨日|今日|今天)?(?:上午|下午)?(?:代表国务院)?作《?政府工作报告/.exec(text);
    return report ? `总理${report[1]}作政府工作报告` : undefined;
  }
  return undefined;
}

/**
 * A headline that quotes the head of the issuing body by name (潘功胜：债券市场“科技板”支持…, 郑栅洁称将设立…),
 * read as an editor heads it after the body's name: his post, his name and his words (人民银行 + 行长潘功胜：
 * 债券市场…), where it had read 人民银行发布解读：潘功胜：… (day-o); or that heads what he did (李强出席…开幕式并致辞,
 * day-u: `acts`, his words being the act). Only for an official the register of officials lists with a post
 * of the story's issuer; null otherwise.
 */
export function officialSpeaking(title: string, candidate: Candidate, directory: SourceDirectory): { post: string; name: string; words: string; acts: boolean } | null {
  const headline = headedByOfficial.exec(title);
  const official = headline ? directory.officialsOn(null).find(({ official, body }) => official.name === headline[1] && body.name === candidate.origin)?.official : undefined;
  // No words of his before what follows: the headline says what he did.
  return official ? { post: official.post, name: official.name, words: asRunningText(headline![3]!), acts: headline![2] === undefined } : null;
}

/** A headline led by a name: what he said (潘功胜：…, 郑栅洁称…) or what he did (李强出席…). */
const headedByOfficial = new RegExp(String.raw`^([\u4e00-\u9fff]{2,3})(?:([：:]\s*|称|表示[：:，,]?)|(?=${OFFICIAL_ACTS}))(.{4,})$`);

/**
 * What the actor did, from the title: 印发《Y》 for a document, 发布《X》解读 for an interpretation, the
 * title's own verb phrase where it starts with the issuer (召开系列座谈会…), 提出 + a title that opens with
 * an action; a news headline stays a headline, never in 《》.
 */
export function actionOf(candidate: Candidate, directory: SourceDirectory): string {
  const title = quotesBorneOut(storyTitle(candidate), candidate);
  const inner = /《(.+?)》/.exec(title)?.[1];
  // A leader's signed article, as its cited copy tells it: 在人民日报发表署名文章《因地制宜发展新质生产力》.
  const signed = candidate.tierHow === 'post' ? signedArticle(normaliseText(`${candidate.document.title}\n${candidate.document.body}`)) : null;
  if (signed) {
    const named = signed.article ? (titleKnown(signed.article, [candidate.document], directory.knownBodies()) ? inBookQuotes(signed.article) : `“${signed.article}”`) : '';
    return `在${signed.paper}发表署名文章${named}`;
  }
  const acting = leaderActing(candidate);
  if (acting) return acting;
  const speaking = officialSpeaking(title, candidate, directory);
  if (speaking) return `${speaking.post}${speaking.name}${speaking.acts ? '' : '：'}${speaking.words}`;
  if (candidate.significance.kind === '解读') {
    // A briefing's report is no article of the body's: the body presented at the briefing.
    const briefing = briefingOf(candidate, directory);
    if (briefing) {
      const presented = briefing.document ? inBookQuotes(briefing.document) : '';
      const fits = (what: string) => what.length + briefing.event.length + 10 <= HEADLINE_MAX;
      const subject = briefingSubject(candidate);
      if (presented && fits(presented)) return `在${briefing.event}上介绍${presented}`;
      // The document it presented says more than the event it was presented at (day-m: 介绍有关情况 twice).
      if (presented && presented.length + 12 <= HEADLINE_MAX) return `介绍${presented}`;
      if (subject && fits(subject)) return `在${briefing.event}上介绍${subject}`;
    }
    // A briefing's own page headed by its body (国家数据局举办“数据要素×”系列新闻发布会(第三场)) says what it did.
    const own = afterIssuer(title, candidate, directory);
    if (own && /^(?:举办|举行|召开)/.test(own)) return asRunningText(own);
    // What the report's headline says was said there, when it says it plainly (网络安全法修正草案将二审…, day-q):
    // a teaser (争当先行者的浙江这样回答) says nothing a reader can use.
    const said = briefing && declarative.test(title) ? asRunningText(title) : null;
    if (briefing && said && said.length + briefing.event.length + 6 <= HEADLINE_MAX) return `在${briefing.event}上表示：${said}`;
    if (briefing) return `在${briefing.event}上介绍有关情况`;
    // A headline that says it is one (…试点工作解读) is what was put out: not 发布解读：…解读.
    // …and a headline that opens with the body (国家发展改革委：推动设立…, day-ai) says it once: 发布解读：推动设立….
    // A column's label that says it (热解读：…, 专家解读｜…) is said once: 发布解读：….
    return inner ? `发布${inBookQuotes(inner)}解读` : /解读$/.test(title) ? `发布${asRunningText(title)}` : `发布解读：${asRunningText((own || title).replace(/^[^：:｜|丨]{0,6}解读\s*[：:｜|丨]\s*/, ''))}`;
  }
  // A draft is consulted on, not issued: 就《…（征求意见稿）》公开征求意见, by the name its text writes in 《》.
  const draft = candidate.significance.kind === '征求意见稿' ? draftName(candidate, directory) : null;
  if (draft && candidate.tierHow !== 'site') return `就${inBookQuotes(draft.name)}${draft.marked}公开征求意见`;
  const document = documentName(candidate, directory);
  // A site that carried a document it names no issuer of did not issue it: it 刊发s it.
  // A notice that announces a list (关于公布…试点城市名单的通知) is news of the list: 公布…名单, not 发布《关于公布…》.
  const list = document && candidate.tierHow !== 'site' ? /^关于(公布|确定|认定|公示)(.{4,50}名单)的(?:通知|公告|通告)$/.exec(document) : null;
  if (list) return `${list[1]}${asRunningText(list[2]!)}`;
  if (document) return candidate.tierHow === 'site' ? publishedAs(title, document) : `${verbOf(candidate)}${inBookQuotes(document)}`;
  const rest = afterIssuer(title, candidate, directory);
  if (rest) {
    // A news headline that names a document without 《》 (上交所发布…审核指引): the document's name goes in 《》 when the text writes it so.
    const named = /^(发布|印发|出台|公布)(.{4,60})$/.exec(rest);
    if (named && documentTitle.test(named[2]!) && normaliseText(candidate.document.body).includes(`《${named[2]}》`)) return `${named[1]}${inBookQuotes(named[2]!)}`;
    // The document's own name, not borne out whole for 《》 (a joint title listing a body no registry
    // knows): still issued, so the verb goes before it.
    // A notice that issues it (关于印发中山市…若干政策措施的通知) issues the document it names: 印发中山市…若干政策措施.
    const issuing = issuingNotice(rest);
    if (issuing && rest.startsWith('关于')) return `${/转发/.test(rest) ? '转发' : '印发'}${asRunningText(issuing.document)}`;
    // A notice that launches the year's campaign (关于开展2025年度智能工厂梯度培育行动的通知) deploys it, as reports say.
    const launched = /^关于(开展|启动)((?:19|20)\d{2}年度?[^，。]{4,30}?(?:行动|活动|工作))的通知$/.exec(rest);
    if (launched) return `部署${launched[1]}${asRunningText(launched[2]!)}`;
    if (rest.startsWith('关于') && documentTitle.test(rest)) return `${verbOf(candidate)}${asRunningText(rest)}`;
    // The issuer and a colon (国家统计局：要继续加快培育和发展新质生产力, day-al) heads what it said: 国家统计局表示，要….
    const said = title.endsWith(rest) && /[：:]\s*$/.test(title.slice(0, title.length - rest.length)) && !/^(?:印发|发布|出台|公布|召开|举行|举办|部署|启动|设立)/.test(rest);
    return `${said ? '表示，' : ''}${asRunningText(rest)}`;
  }
  if (startsWithAction.test(title)) return `提出${asRunningText(title)}`;
  // A headline that starts with someone else (习近平在中共中央政治局…时强调): the lead's own clause that starts
  // with the issuer says what it did (中共中央政治局4月25日下午就…进行第二十次集体学习).
  return actionInLead(candidate, directory) ?? publishedAs(title);
}

/** A time between an actor and its verb in a lead: 4月25日下午, 当天, 近日. */
const leadTime = /^(?:\d{1,2}月\d{1,2}日|\d{1,2}日|当天|当日|日前|近日|今天|今日|上午|下午|晚间)+/;
/** A joint lead's other bodies and count after the lead body: 、公安部、住房和城乡建设部、交通运输部四部门. */
const leadPartners = /^(?:、[^、，,。；;]{2,20}?(?=、|等|[\d一二三四五六七八九十]{1,3}个?部门))*(?:等)?(?:[\d一二三四五六七八九十]{1,3}个?部门)?/;

/**
 * What the issuer did, as the first sentence of the cited copy says it after the issuer's name (a dateline
 * or 据…报道 before it, a time after it dropped): 就加强人工智能发展和监管进行第二十次集体学习. Only a clause
 * of 6 to 30 characters that does something (进行, 召开, 举行, 部署, 审议, 通过, 发布…); null otherwise.
 */
function actionInLead(candidate: Candidate, directory: SourceDirectory): string | null {
  const sentence = normaliseText(candidate.document.body).trimStart().split(/[。\n]/)[0]!;
  for (const name of issuerNames(candidate, directory)) {
    const at = sentence.indexOf(name);
    if (at < 0 || at > 40) continue;
    // Its partners go with it, as the actor names them (工业和信息化部、公安部、…交通运输部四部门联合印发通知 → 工信部等四部门…, day-ao).
    const [first = '', next = ''] = sentence.slice(at + name.length).replace(leadPartners, '').replace(leadTime, '').split(/[，,；;]/);
    // The head chairs the body's meeting, which then acts (国务院总理李强3月1日主持国务院常务会议，审议通过《…》,
    // day-af): the meeting did it — 国务院常务会议审议通过《…》.
    const chaired = new RegExp(String.raw`主持(?:召开)?${escapeRegExp(name)}([\u4e00-\u9fff]{2,12}?会议)$`).exec(first.replace(leadTime, ''));
    const byMeeting = chaired !== null && /^(?:审议|通过|部署|研究)/.test(next);
    // A notice is news by what it does (联合印发通知，部署开展…试点): the clause after it says.
    const clause = byMeeting ? `${chaired[1]!}${next}` : /(?:通知|文件)$/.test(first) && next ? `${first}，${next}` : first;
    // The meeting's act may run to the headline's length: it names the document it approved.
    if (clause.length >= 6 && clause.length <= (byMeeting ? HEADLINE_MAX - name.length : 30) && /进行|召开|举行|部署|审议|通过|发布|印发|出台|启动|开展/.test(clause)) return asRunningText(clause);
  }
  return null;
}

/**
 * The name of a draft for comment as its cited copy writes it in 《》 (…行动方案(2025-2027年)(征求意见稿)), or
 * with the mark after it (《…指南》（征求意见稿）, day-x): `marked` is that mark, written after the name as the
 * copy writes it, else ''. Null when the copy names no draft so.
 */
export function draftName(candidate: Candidate, directory: SourceDirectory): { name: string; marked: string } | null {
  // The consultation's own title names it first (国家发展改革委关于《…暂行办法（公开征求意见稿）》公开征求意见的公告, day-ag).
  const opening = `${normaliseText(candidate.document.title)}\n${normaliseText(candidate.document.body).slice(0, 600)}`;
  const inside = /《([^》]{4,}(?:征求意见稿|草案)[)）]?)》/.exec(opening);
  // The mark may say the draft is public: 《…（试行）》（公开征求意见稿）.
  const after = inside ? null : /《([^》]{4,})》([（(](?:公开)?(?:征求意见稿|草案)[)）])/.exec(opening);
  // The mark is set in Chinese brackets, as the name in 《》 is: normalising made them half-width.
  // Or the consultation says what it consults on, unmarked: 国家数据局就《可信数据空间发展行动计划（2024—2028年）》公开征求意见 (day-am).
  const consulted = inside || after ? null : /就《([^》]{4,})》[^。，《]{0,8}?征求/.exec(opening);
  const named = inside ? { name: inside[1]!, marked: '' } : after ? { name: after[1]!, marked: chinesePunctuation(after[2]!) } : consulted ? { name: consulted[1]!, marked: '' } : null;
  return named && titleKnown(named.name, [candidate.document], directory.knownBodies()) ? named : null;
}

/**
 * What a site did with a story no body is named for: 刊发 the document it carries, by the name given, else
 * by its own title when that is a document's (刊发《市工信局关于…的通知》), or 发布消息 with a headline as
 * running text.
 */
export function publishedAs(title: string, document: string | null = null): string {
  const name = document ?? (isDocumentItself(title) ? title : null);
  return name ? `刊发${inBookQuotes(name)}` : `发布消息：${asRunningText(title)}`;
}

export const HEADLINE_MAX = 40;

/**
 * `<actor><action>，<what is new>` in the house pattern, cut at a clause boundary when it runs past one
 * line; the clause of what is new comes only when it fits.
 */
export function headlineOf(actor: string, action: string, whatIsNew?: string): string {
  const full = `${actor}${action}`;
  if (full.length > HEADLINE_MAX) {
    const cut = full.lastIndexOf('，', HEADLINE_MAX);
    return cut > actor.length + 8 ? full.slice(0, cut) : full;
  }
  return whatIsNew && full.length + 1 + whatIsNew.length <= HEADLINE_MAX ? `${full}，${whatIsNew}` : full;
}
