/**
 * Who issued a document, read from the document itself: the start of its title, its 文号, its signature
 * above the closing date, the first sentence of a news copy (国务院日前印发《…》), the body whose official
 * speaks in an interpretation, the drafter of a draft for comment. Official documents reach a crawl mostly
 * as copies on sites nobody catalogued, whose 来源 line names the site, not the issuer.
 */
import { chineseNumber } from '../util/chineseNumerals.ts';
import { bodyOfDepartment, looksLikeBody, pressOffice, runOfNames, tierByForm } from './bodies.ts';
import { CITY_END, divisionAt, divisionNamed, divisionOfGovHost, leadingDivisions, prefecturesIn } from './divisions.ts';
import { closingDate } from './documentDate.ts';
import { placesIn } from './places.ts';
import { chinesePunctuation, normaliseText } from '../util/normalise.ts';
import { escapeRegExp } from '../util/escape.ts';
import type { SourceDirectory } from './origin.ts';
import { BRIEFING_EVENT, CCTV_COLUMNS, MEDIA_ANALYSIS, OFFICIAL_ACTS, cleanTitle, documentTitle, explainedDocument, isBriefingReport, isCommentary, isDocumentItself, isInterpretation, issuedDocument } from './titles.ts';
import type { IssuerReading } from '../domain/candidate.ts';

export interface IssuerInput {
  title: string;
  body: string;
  docNumber: string | null;
  /** The page's 来源 line, when it names another body than the site. */
  repostOf?: string | null;
  /**
   * The name of the site that carried the copy (连云港市人民政府): where the text names no place, the place
   * its relative names (来源：市数据局) stand for.
   */
  site?: string | null;
  /**
   * The Shanghai day the text is of (YYYY-MM-DD: its own date, else its page's): which officials of the
   * register were in office when it speaks of them. Null or absent: any of them.
   */
  on?: string | null;
}

const count = String.raw`(\d{1,3}|[一二三四五六七八九十]{1,3})`;
const jointTail = new RegExp(String.raw`(?:等|(?<=[\u4e00-\u9fff]))${count}个?(?:部门|单位|部委)$`);
/** Verbs that follow the issuer at the start of a title. */
const titleVerb = /(?:联合)?(?:关于|印发|发布|出台|公布|召开|举行|部署|公开征求|制定|修订|批复|通报|公示)/;
/** A joint document that names only its count: 八部门联合印发…. */
// The whole count: 等十一部门 is eleven, not the 一 after 十.
const countOnly = new RegExp(String.raw`(?<![\d一二三四五六七八九十])${count}个?部门联合`);
/** What news copies put between an issuer and its verb: 日前, 近日, 8月26日, 对外, 正式. */
// 于 as in 国务院国资委于12月25日发布了《…》 (day-p).
const timeWords = /(?:于|近日|日前|近期|今天|今日|当天|当日|昨天|昨日|星期[一二三四五六日天]|此前|日内|正式|再次|首次|专门|对外|向社会|公开|自\d{1,2}月\d{1,2}日起|\d{1,2}月\d{1,2}日|\d{1,2}日|上午|下午|晚间)+$/;
/** The units inside a body that sign for it: 国家数据局综合司, 湖州市经济和信息化局数字经济处. */
const internalUnit = /^[\u4e00-\u9fff]{1,10}?(?:司|处|科|研究室)$|^理论学习中心组(?:[（(]扩大[)）])?$/;
/** Words of a clause that acts on a document or an instruction rather than issuing one: 贯彻落实, 按照, 根据. */
const citing = /贯彻|落实|按照|根据|依据|遵照/;
/**
 * What comes before the issuer in a news lead: 记者从…获悉, 据, 新华社北京8月26日电, 本报讯. A dateline ends
 * 日电 or 日讯: a bare 电 is a word's (国家广播电视总局, 国家电网), and cutting there lost a joint lead's bodies.
 */
// The reporter after a dateline goes too: 新华社北京6月29日电 记者从北京市经济和信息化局获悉 (day-cg).
const leadIn = /^(?:.*?(?:日电|日讯|报讯|获悉|消息|了解到))?\s*(?:(?:本报|本台|本网)?记者(?=[从据]))?(?:据|从|经|由)?/;

/** Short forms of a local body's name and the full forms official texts sign with. */
const shortForms: [RegExp, string][] = [
  // A place written whole before its government's short name (江苏省省政府办公厅, day-ar) names it once.
  [/([省市])\1政府/, '$1政府'],
  [/([省市县区])政府(?=办公厅|办公室|新闻办|$)/, '$1人民政府'],
  [/新闻办$/, '新闻办公室'],
  [/(?:发改委|发展改革委)$/, '发展和改革委员会'],
  [/经信局$/, '经济和信息化局'],
  [/经信委$/, '经济和信息化委员会'],
  [/经济信息化委$/, '经济和信息化委员会'],
  // A development zone's administrative committee (北京经济技术开发区管委会).
  [/管委会$/, '管理委员会'],
  [/经信厅$/, '经济和信息化厅'],
  [/工信局$/, '工业和信息化局'],
  [/工信厅$/, '工业和信息化厅'],
  [/科技局$/, '科学技术局'],
  [/科技厅$/, '科学技术厅'],
  // A Party committee's short name (中山市委), and its office's (广东省委办公厅, day-aw), is its full name without 中共.
  [/^(?!中共)(.{2,8}?[省市县区])委(办公厅|办公室)?$/, '中共$1委$2'],
];

/**
 * A local body's name in its full form (山东省政府新闻办 → 山东省人民政府新闻办公室), as it signs: a city's body
 * without the province a portal wrote before it (辽宁省朝阳市人民政府办公室 signs 朝阳市人民政府办公室, day-aw).
 * A name without a place stays.
 */
function fullForm(name: string): string {
  if (!tierByForm(name)) return name;
  const shortened = shortForms.reduce((text, [short, form]) => text.replace(short, form), name);
  // A prefecture's department named by the city without 市 (苏州司法局发布…, day-p) signs with it; a working
  // group named so (保定国家数据标注基地建设工作专班, day-a) is printed as it names itself.
  const city = leadingDivisions(shortened, true)[0];
  const department = city ? shortened.slice(city.matched.length) : '';
  const full = city && city.matched !== city.division.name && /^[\u4e00-\u9fff]{1,8}(?:局|厅|委员会|委|办公室)$/.test(department) ? city.division.name + department : shortened;
  const inProvince = /^(.{2,7}?(?:省|自治区))(.{2,8}?市)/.exec(full);
  return inProvince && divisionNamed(inProvince[2]!)?.province === inProvince[1] ? full.slice(inProvince[1]!.length) : full;
}

/**
 * The body a name stands for: known to the catalog or the registry, or of the form of an official body,
 * in its full form. A department of a ministry or national bureau that signs in its own name (国家数据局综合司,
 * 国家能源局综合司) is printed so, as the document names its signer; a smaller unit inside a body (its 数字经济处,
 * its 理论学习中心组) stands for the body.
 */
function bodyNamed(name: string, directory: SourceDirectory): string | null {
  const plain = fullForm(name.replace(/[（(][^）)]{1,12}[）)]$/, ''));
  const known = directory.byName(plain);
  if (known) return known.name;
  // A unit inside a body stands for it, whatever the unit's name looks like (中山市委理论学习中心组).
  for (let cut = plain.length - 2; cut >= 3; cut--) {
    if (!internalUnit.test(plain.slice(cut))) continue;
    const parent = directory.byName(plain.slice(0, cut))?.name ?? (looksLikeBody(plain.slice(0, cut)) ? fullForm(plain.slice(0, cut)) : null);
    if (parent) return plain.endsWith('司') && directory.tierOf(parent) === 'national' ? `${parent}${plain.slice(cut)}` : parent;
  }
  return looksLikeBody(plain) ? plain : null;
}

/** Whether a name is a body's: known to the catalog or the registry, or of a body's form with a tier. */
function isBodyName(name: string, directory: SourceDirectory): boolean {
  return directory.byName(name) !== undefined || (looksLikeBody(name) && directory.tierOf(name) !== null);
}

/** The most words a name typed with spaces inside is cut into (国家 金融 监督管理总局办公厅 is three). */
const SPACED_WORDS = 5;

/**
 * A name a copy typed with spaces inside, joined again (网易财经4月1日讯 国家 金融 监督管理总局办公厅 → …
 * 国家金融监督管理总局办公厅): spaced words join where a word is no body by itself and it and the words
 * after it make one. Spaces between bodies (a joint title's 国家发展改革委 国家数据局) separate them and stay.
 */
export function joinSpacedNames(text: string, directory: SourceDirectory): string {
  if (!/[\u4e00-\u9fff] +[\u4e00-\u9fff]/.test(text)) return text;
  return text.replace(/[^\s、，,。；;：:“”《》（）()]+(?: +[^\s、，,。；;：:“”《》（）()]+)+/g, (run) => {
    const words = run.split(/ +/);
    const out: string[] = [];
    for (let i = 0; i < words.length; ) {
      let next = i + 1;
      if (!isBodyName(words[i]!, directory)) {
        for (let end = Math.min(words.length, i + SPACED_WORDS); end > i + 1; end--) {
          if (isBodyName(words.slice(i, end).join(''), directory)) {
            next = end;
            break;
          }
        }
      }
      out.push(words.slice(i, next).join(''));
      i = next;
    }
    return out.join(' ');
  });
}

/** A run of known names that makes up the whole text, longest name first at each step; null when none does. */
function knownNamesIn(text: string, directory: SourceDirectory): string[] | null {
  const names = runOfNames(text, (t, at) => directory.nameAt(t, at, (n) => n.length >= 2));
  return names && names.length > 1 ? names : null;
}

/** A run of bodies as a title or a lead writes them (国家数据局、工业和信息化部等17部门): the lead body and the count. */
function bodiesIn(text: string, directory: SourceDirectory): { name: string; partners: string | null } | null {
  let names = text.trim();
  let partners: string | null = null;
  const joint = jointTail.exec(names);
  if (joint) {
    partners = joint[1]!;
    names = names.slice(0, joint.index);
  }
  // 国家数据局等部门 (no count): the bodies listed are counted, as a count the text does not write.
  names = names.replace(/等(?:有关|相关)?(?:部门|单位|部委)$/, '');
  // 国家数据局会同国家发展改革委、工业和信息化部: the body before 会同 leads; those after it are partners. So
  // after 联同, 连同 and 与 (工業和信息化部聯同教育部、市場監管總局近日印發, day-ai, had been read 教育部等两部门).
  const [leading, ...joined] = names.split(/会同|联合|联同|连同|与/);
  const parts = namesListed(leading!, directory);
  if (parts.length === 0) return null;
  const lead = bodyNamed(parts[0]!, directory);
  if (!lead || !parts.every((part) => bodyNamed(part, directory))) return null;
  // Partners after 会同 count when every one is a body (a fresh user's 国家数据局会同中央网信办、科技部…等部门联合印发, 17 in all).
  const partnersListed = joined.flatMap((part) => namesListed(part, directory));
  const all = partnersListed.length > 0 && partnersListed.every((part) => bodyNamed(part, directory)) ? parts.length + partnersListed.length : parts.length;
  // A count the text does not write is ours: in Chinese numerals, never a figure the verifier seeks in the source.
  if (!partners && all > 1) partners = chineseNumber(Math.min(all, 99));
  return { name: lead, partners };
}

/**
 * The names of a run of bodies separated by 、 or spaces, or written without them (国家发展改革委国家数据局财政部) and
 * split by the names they are known by; the last two may stand joined by 和 or 及 (…商务部办公厅和国家能源局综合司,
 * day-bg), though 和 is inside names too (工业和信息化部).
 */
function namesListed(text: string, directory: SourceDirectory): string[] {
  return text.split(/[、\s]+/).filter(Boolean).flatMap((part) => (directory.byName(part) ? [part] : (knownNamesIn(part, directory) ?? pairJoined(part, directory) ?? localNamesIn(part, directory) ?? [part])));
}

/**
 * Local bodies a heading runs together where its page lost the space between them (中共深圳市委办公厅深圳市人民政府办公厅
 * 关于印发…, day-cc): cut where one body's name ends and the next starts with 中共 or a place, each part a body;
 * null when no such cut makes two or more.
 */
function localNamesIn(text: string, directory: SourceDirectory): string[] | null {
  // The next may be three characters: 省政府 after 广东省委.
  for (let at = 4; at <= text.length - 3; at++) {
    const first = text.slice(0, at);
    if (!/(?:办公厅|办公室|人民政府|委员会|局|厅|委)$/.test(first)) continue;
    const rest = samePlace(first, text.slice(at));
    if (!(/^(?:中共|中国共产党)/.test(rest) || divisionAt(rest, 0, false)) || !bodyNamed(first, directory)) continue;
    const others = localNamesIn(rest, directory) ?? (bodyNamed(rest, directory) ? [rest] : null);
    if (others) return [first, ...others];
  }
  return null;
}

/**
 * The next body of a joint local heading with its place written whole where the heading gives only its level
 * (内蒙古自治区党委自治区人民政府 → 内蒙古自治区人民政府, day-cf; 广东省委省政府 → 广东省政府); `rest` as it
 * is otherwise.
 */
function samePlace(first: string, rest: string): string {
  const places = leadingDivisions(first.replace(/^(?:中共|中国共产党)/, ''));
  const place = places.map((p) => p.matched).join('');
  const level = /(自治区|省|市|县|区)$/.exec(place)?.[1];
  return level && rest.startsWith(level) ? `${place}${rest.slice(level.length)}` : rest;
}

/** Two bodies one phrase joins by 和 or 及 (中国人民银行和市场监管总局), each a body by itself; null otherwise. */
function pairJoined(phrase: string, directory: SourceDirectory): string[] | null {
  if (directory.byName(phrase)) return null;
  for (const joint of phrase.matchAll(/[和及]/g)) {
    const [first, second] = [phrase.slice(0, joint.index), phrase.slice(joint.index + 1)];
    if (bodyNamed(first, directory) && bodyNamed(second, directory)) return [first, second];
  }
  return null;
}

/**
 * The longest run of bodies a phrase ends with (…7月5日，国家数据局 → 国家数据局), with the words it was read from.
 * Cut out of a longer phrase, only a known body or one that names its place is a body (数管局 of 市数管局 is
 * not). Null when the phrase ends with none.
 */
function bodiesEnding(words: string, directory: SourceDirectory): { bodies: { name: string; partners: string | null }; words: string } | null {
  for (let start = 0; start < words.length - 1; start++) {
    const bodies = bodiesIn(words.slice(start), directory);
    if (bodies && directory.tierOf(bodies.name) !== null) return { bodies, words: words.slice(start) };
  }
  return null;
}

/**
 * The issuer a title starts with: 国家数据局关于…, 江西省人民政府办公厅印发…, 国家数据局等17部门联合印发…;
 * each part of a title a portal joined with | is read on its own.
 */
function fromTitle(whole: string, directory: SourceDirectory): IssuerReading | null {
  for (const part of whole.split(/[|｜丨]/).map((p) => p.trim()).filter(Boolean)) {
    const found = fromTitlePart(part, directory);
    if (found) return found;
  }
  return null;
}

function fromTitlePart(title: string, directory: SourceDirectory): IssuerReading | null {
  const verb = titleVerb.exec(title);
  // A verb inside 《》 is the cited document's, not the title's.
  if (verb && verb.index >= 2 && !title.slice(0, verb.index).includes('《')) {
    const found = bodiesIn(title.slice(0, verb.index), directory);
    if (found) return { ...found, how: 'title', evidence: title.slice(0, verb.index + verb[0].length) };
  }
  // An interpretation or a statement headed by its body: 国家数据局负责同志就《…》答记者问.
  const known = directory.nameAt(title, 0, (name) => !/^[的之]/.test(title.slice(name.length)));
  return known ? { name: directory.byName(known)!.name, partners: null, how: 'title', evidence: known } : null;
}

/**
 * The heading a copy's text starts with, when its page gives it a news headline (推动银行业保险业进一步加强…
 * over 国家金融监督管理总局关于加强…的通知): read as a title, from the first three lines.
 */
function fromHeading(body: string, directory: SourceDirectory): IssuerReading | null {
  for (const line of body.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 3)) {
    const heading = cleanTitle(line);
    // Only a heading of the official form, issuer then 关于 (a word-salad copy's 对于…施行意见 is not one).
    const about = heading.indexOf('关于');
    const found = heading.length <= 80 && about >= 2 && documentTitle.test(heading) ? bodiesIn(heading.slice(0, about), directory) : null;
    if (found) return { ...found, how: 'title', evidence: heading.slice(0, about + 2) };
  }
  return null;
}

/**
 * The body that approved a text its page carries: 《…措施》已经保定国家数据标注基地建设工作专班审议通过; a law by the
 * session that voted it through (法律于4月30日由十四届全国人大常委会第十五次会议表决通过, day-ad), its body's.
 */
function fromApproval(body: string, directory: SourceDirectory): IssuerReading | null {
  const approval = /(?:已经|由)([\u4e00-\u9fff]{4,30}?)(?:审议|表决)通过/.exec(body.slice(0, 400));
  const name = approval ? bodyNamed(approval[1]!, directory) : null;
  return name && directory.tierOf(name) !== null ? { name, partners: null, how: 'lead', evidence: approval![0] } : null;
}

/**
 * The legislature a draft law is put to (民用航空法修订草案24日提请十四届全国人大常委会初次审议, day-aw): a bill's
 * readings are the standing committee's business, and reports of them are its news (Legislation Law art. 29).
 */
function fromBillReading(body: string, directory: SourceDirectory): IssuerReading | null {
  const reading = /法(?:修订|修正)?草案[^。；]{0,16}?提请([\u4e00-\u9fff]{4,30}?)(?:初次|第[一二三]次|[二三]次)?审议/.exec(body.slice(0, 400));
  const found = reading ? bodiesEnding(reading[1]!, directory) : null;
  return found ? { ...found.bodies, how: 'lead', evidence: reading![0] } : null;
}

/**
 * A body the text's first sentence has speak (肇庆市政务服务和数据管理局表示，…; 据《西江日报》报道，…局表示, day-aw)
 * or tell the reporter (记者从工业和信息化部了解到, day-ak): the news is what it says. Only a body known to the
 * registry or named with its place; a foreign one is not ours (美国商务部表示).
 */
function fromBodySpeaking(body: string, directory: SourceDirectory): IssuerReading | null {
  const first = body.slice(0, 300).split(/(?<=[。！？!?\n])/)[0]!;
  const spoke = new RegExp(String.raw`([^，,。；;：:“”\n]{2,40}?)${speaks}[，,：:]|从([^，,。；;：:“”\n]{2,40}?)(?:获悉|了解到)`).exec(first);
  const clause = (spoke?.[1] ?? spoke?.[2])?.replace(timeWords, '').trim();
  const found = clause ? bodiesEnding(clause, directory) : null;
  if (!found || foreignCountry.test(clause!.slice(0, clause!.length - found.words.length))) return null;
  return { ...found.bodies, how: 'lead', evidence: spoke![0] };
}

/**
 * The news source a copy cites (中评社引述新华网报道, 据人民网消息, 据新华社报导 after another's dateline — day-bn), when
 * the registry knows it as a site or a medium.
 */
function fromAttribution(body: string, directory: SourceDirectory): IssuerReading | null {
  for (const match of body.slice(0, 300).matchAll(/(?:据|引述|援引|转引)([\u4e00-\u9fff]{2,12}?)(?:报道|报导|消息|讯)/g)) {
    if (directory.isSiteName(match[1]!) || directory.byName(match[1]!)) return { name: directory.canonicalName(match[1]!), partners: null, how: 'source', evidence: match[0] };
  }
  // A wire story's dateline (新华社北京7月21日电, 香港中通社7月15日电) names the agency that wrote it, wherever
  // it was copied (day-t's 新华社 commentaries on mirror sites): the press convention for a 电讯稿's author.
  const wire = dateline.exec(body.slice(0, 80));
  return wire ? { name: wire[1] === '新华财经' ? '新华社' : wire[1]!, partners: null, how: 'source', evidence: wire[0] } : null;
}

/**
 * The medium a text opens with as having run it, on a day (河南日报5月21日刊发回访记, 央视网5月20日报道, 求是网“理响
 * 中国”栏目7月21日刊文 — day-ad and day-t, met on mirrors): a newspaper, agency or site by the form of its name
 * or one the catalog knows. Null for any other opening.
 */
function fromMediumOpening(body: string, directory: SourceDirectory): IssuerReading | null {
  const opening = body.trimStart().slice(0, 60);
  const ran = mediumOpening.exec(opening);
  if (ran && namesMedium(ran[1]!, directory)) return { name: ran[1]!, partners: null, how: 'source', evidence: ran[0] };
  // A reporter's byline names the medium the reporter writes for: a paper, a site, a station, an agency the register knows (中央社).
  const signed = byline.exec(opening);
  return signed && (/[报网台]$/.test(signed[1]!) || directory.isSiteName(signed[1]!)) ? { name: signed[1]!, partners: null, how: 'source', evidence: signed[0] } : null;
}

/**
 * The medium a headline credits before its colon, as Hong Kong's portals head what they carry (人民日报头版：…,
 * 《瞭望》：…, 大公网：…, 【四中全会】人民日报：…; days as, bp, ca): a medium of the register or one named as a paper or
 * site is (namesMedium), not a company's grid (国家电网：…) nor a speaker (黄仁勋：…). Read on the normalised headline as
 * published, before cleaning drops the prefix. Null for none.
 */
function fromMediumHeadline(headline: string, directory: SourceDirectory): IssuerReading | null {
  const credited = mediumHeadline.exec(headline.trim());
  const name = credited?.[1];
  return name && namesMedium(name, directory) && !/电网$/.test(name) ? { name: directory.canonicalName(name), partners: null, how: 'source', evidence: credited![0] } : null;
}

/** A headline's opening credit: an optional column in 【】, the medium (in 《》 or bare), what of it ran (头版, 评论员文章), a colon or bar. */
const mediumHeadline = /^(?:【[^】]{1,12}】)?\s*《?([\u4e00-\u9fff]{2,8}?)》?(?:头版|评论员文章|评论|社论|时评|快评|刊文|发文|文章)?\s*[：:｜|]/;

/** A text's first words naming the medium that ran it, on a day: 河南日报5月21日刊发, 巨亨网新闻中心3月5日报道. */
const mediumOpening = /^据?([\u4e00-\u9fff]{2,8}?)(?:新闻中心|“[^”]{1,12}”栏目)?(?:\d{1,2}月)?\d{1,2}日(?:刊发|刊文|刊登|报道|发表|发文|解读|消息)/;

/**
 * A reporter's byline opening a text, read simplified: 巨亨网记者张韶雯台北报导：, 中国经营报记者曲忠芳北京报道：,
 * （中央社记者曾智怡台北24日电） — Taiwan's and Hong Kong's papers and many mainland ones sign their news so.
 */
const byline = /^[（(]?([\u4e00-\u9fff]{2,10}?)(?:驻[\u4e00-\u9fff]{1,4})?记者\s?[\u4e00-\u9fff]{2,4}(?:[、，,\s][\u4e00-\u9fff]{2,4})*?\s?[\u4e00-\u9fff]{0,3}?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:报道|报导|电|讯)/;

/** An agency's dateline at a text's head, after a byline or info line at most: 新华社北京7月21日电 (新华财经北京…电 is 新华社's financial service, day-bh). */
const dateline = /^[^。\n]{0,24}?(?<![\u4e00-\u9fff])((?:新华|中新|中通|中国新闻|香港中通)社|新华财经)[\u4e00-\u9fff]{0,6}?(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日电/;

/** A 来源 line closing a text, in brackets or alone on its line: （来源：经济日报）. */
const closingSource = /[(（]?来源[:：]\s*([\u4e00-\u9fff]{2,12}?)\s*[)）]?\s*$/;
/** A newspaper, agency or news site by the form of its name (经济日报, 联合早报, 新华社, 人民网). */
const pressName = /(?:日报|早报|晚报|时报|商报|周报|报社|新闻社|通讯社|网)$/;

/** Whether a name is a medium's: the register's (media, sites) or a paper's, agency's or site's by its form. */
function namesMedium(name: string, directory: SourceDirectory): boolean {
  return pressName.test(name) || directory.isSiteName(name);
}

/**
 * A commentary is the paper's that carried it, named in the 来源 line that closes it (夯实算力高质量发展基础
 * …（来源：经济日报）): the bodies its lead names are what it comments on, not who wrote it.
 */
function fromCommentary(title: string, body: string, directory: SourceDirectory): IssuerReading | null {
  return isCommentary(title, body) ? closingPaper(body, directory) : null;
}

/** The paper a text's closing 来源 line names ((来源：经济日报)), as an issuer reading; null without one. */
function closingPaper(body: string, directory: SourceDirectory): IssuerReading | null {
  const source = closingSource.exec(body.trimEnd().slice(-60));
  const name = source?.[1];
  // 来源：本网 is the site itself, no paper's name.
  return name && !name.startsWith('本') && namesMedium(name, directory) ? { name, partners: null, how: 'source', evidence: source![0].trim() } : null;
}

/**
 * The Party committee of a place whose secretary receives a visitor (天津市委书记陈敏尔、市长张工与国家数据局局长刘烈宏
 * 一行座谈, day-bh): the host's news, as its own press tells it, not the visiting body's. Read on the title, else the
 * first sentence; null for another text.
 */
function fromHostSecretary(title: string, body: string): IssuerReading | null {
  const opening = `${title}\n${body.slice(0, 120).split('。')[0]!}`;
  const hosted = new RegExp(String.raw`(?:^|\n|[，,])(?:\d{1,2}月\d{1,2}日(?:上午|下午|晚)?[，,]?)?${placeWords}委书记[\u4e00-\u9fff]{2,3}(?:[，,、][^。\n]{0,30}?)?(?:会见|与[^。\n]{2,60}?(?:座谈|会谈|会见))`).exec(opening);
  const committee = hosted ? `中共${hosted[1]!}委` : null;
  return committee && tierByForm(committee) ? { name: committee, partners: null, how: 'lead', evidence: hosted![0].replace(/^[\n，,]/, '') } : null;
}

/** The broadcaster whose column a piece is (titles.CCTV_COLUMNS), by the name the brief prints; null for another. */
function broadcasterColumn(text: string): IssuerReading | null {
  const column = CCTV_COLUMNS.exec(text);
  return column ? { name: '中央广播电视总台', partners: null, how: 'source', evidence: column[0] } : null;
}

/** A foreign country or government, as a name before a body's names it (美国商务部, 欧盟委员会). */
const foreignCountry = /(?:美国|美方|日本|韩国|欧盟|英国|法国|德国|俄罗斯|印度|澳大利亚|加拿大|荷兰)$/;

/** A place by the end of its name (…省, …市, …区), as a head's post names it: 十堰市(委副书记、市长). */
const placeWords = String.raw`([\u4e00-\u9fff]{2,10}?(?:省|自治区|市|县|区))`;
/** A head's name and what he does as the text's speaker: 王永辉主持, 刘小涛表示. */
const headActs = String.raw`[\u4e00-\u9fff]{2,3}(?:主持|说|表示|指出|强调|要求|介绍|调研)`;

/**
 * Who explains a document in an interpretation, or speaks for a body in a report: 国家发展改革委有关负责人,
 * 证监会新闻发言人, 工业和信息化部副部长张云明, 十堰市委副书记、市长王永辉 (a mayor's, a governor's or a county
 * head's meeting is the people's government's: the head chairs it).
 */
function fromInterpreter(text: string, directory: SourceDirectory): IssuerReading | null {
  const opening = text.slice(0, 400);
  const head = new RegExp(String.raw`${placeWords}(?:委[\u4e00-\u9fff]{0,8}?、)?副?(?:省长|主席|市长|县长|区长)${headActs}`).exec(opening);
  const government = head && tierByForm(`${head[1]}人民政府`) ? `${head[1]}人民政府` : null;
  if (government) return { name: government, partners: null, how: 'lead', evidence: head![0] };
  // A place's Party secretary speaks for its Party committee (江苏省委常委、苏州市委书记刘小涛表示, day-t's meeting of 苏州市).
  const secretary = new RegExp(String.raw`${placeWords}委书记${headActs}`).exec(opening);
  const committee = secretary ? `中共${secretary[1]!}委` : null;
  if (committee && tierByForm(committee)) return { name: committee, partners: null, how: 'lead', evidence: secretary![0] };
  // An official by rank (部长, 局长, 总工程师) speaks for the story only when his body is the first the text
  // names, by any of its names (由工业和信息化部…主办…，工信部副部长张云明致辞, day-v): 国家数据局局长 quoted after
  // 中共中央办公厅、国务院办公厅发出文件 speaks about another's document.
  // Found only when an official by rank is met: most texts that get this far name none.
  let firstNamed: { at: number; body: string | undefined; foreign: boolean } | undefined;
  const firstNamedBody = () => {
    if (firstNamed === undefined) {
      firstNamed = { at: -1, body: undefined, foreign: false };
      // A session's name (十四届全国人大二次会议首场“部长通道”, day-r) is a meeting's, no body acting in the text.
      for (let at = 0; at < opening.length && firstNamed.at < 0; at++) {
        // Nor is a venue (推进大会…在上海市政府举行, day-aa): a meeting there is not the building's body's.
        const name = opening[at - 1] === '届' || opening[at - 1] === '在' ? undefined : directory.nameAt(opening, at, (n) => n.length >= 3);
        // 美国商务部 is no 商务部 of ours (day-ac): a foreign body, which acts first in a story of its own.
        if (name) firstNamed = { at, body: directory.byName(name)?.name, foreign: foreignCountry.test(opening.slice(Math.max(0, at - 6), at)) };
      }
    }
    return firstNamed;
  };
  // The Party post an official holds in his body comes first (工业和信息化部党组成员、副部长张云明; 国务院国有资产监督
  // 管理委员会党委书记、主任张玉卓, days R and V).
  for (const match of opening.matchAll(/([\u4e00-\u9fff]{2,24}?)(?:有关|相关)?(?:(?:党组|党委)(?:副?书记|成员)[、，,]?)?(?:(负责人|负责同志|新闻发言人|发言人)|总工程师|总经济师|副部长|部长|副局长|局长|副主任|主任)/g)) {
    const words = match[1]!;
    for (let start = 0; start < words.length - 1; start++) {
      const name = directory.byName(words.slice(start))?.name ?? (tierByForm(words.slice(start)) ? bodyNamed(words.slice(start), directory) : null);
      if (!name) continue;
      const first = firstNamedBody();
      const before = first.at >= 0 && match.index + start <= first.at;
      // A spokesperson answering for his body after a foreign body acts (美国商务部…发布…；中国商务部新闻发言人回应)
      // speaks about another's act: the story is the foreign act's, no body's of ours.
      if (first.foreign && !before) continue;
      if (match[2] || first.at < 0 || before || first.body === name) return { name, partners: null, how: 'lead', evidence: match[0] };
    }
  }
  return null;
}

/**
 * The Party centre or the State Council as a lead reading, by the name the registry gives it (a user's
 * registry may list neither: then by that name).
 */
function centralBody(name: '中共中央' | '国务院', evidence: string, directory: SourceDirectory): IssuerReading {
  return { name: directory.canonicalName(name), partners: null, how: 'lead', evidence };
}

/** The verbs of an official a report quotes: 说, 表示, 指出, 介绍…. */
export const SPEAKING = String.raw`(?:说|表示|指出|介绍|称|强调|透露|宣布|回应|答记者问)`;
/** A speech an official gives where he appears (…开幕式，并发表题为《…》的主旨演讲; …并致辞). */
const speechAfter = String.raw`[^。]{0,40}?(?:并|，|,)(?:发表[^。]{0,30}?(?:讲话|演讲)|致辞|讲话)`;
/** What an official a report quotes does: speaks (说, 表示, 在会上介绍…) — a headline's colon is read apart. */
const speaks = String.raw`(?:在[^。，：]{0,24}?[上中]|当天|当日|今天|今日|还|也|同时|进一步|此前)?${SPEAKING}`;

/**
 * Where an official is quoted: a headline led by his name and a colon (潘功胜：科技创新和技术改造再贷款…), a
 * text's first three sentences (吴清表示，证监会将…), or a briefing's opening (which names its meeting and host
 * before the speaker: 十四届全国人大三次会议经济主题记者会…潘功胜在会上说).
 */
type Quoted = 'headline' | 'opening' | 'briefing';

/**
 * The register's official (config/bodies.yaml `officials`, in office on `on`) whom `text` quotes first, as
 * `where` says (Quoted), with the body of the post; null when it quotes none. A name inside a longer one is
 * not his (the name must follow no Chinese character but his post). Reports of the 两会 记者会 on stitched
 * pages name the governor and the chairman by name alone (day-o). In a text's opening, a speaker after a
 * body it names first is that body's story's witness, not its issuer (day-e's 中办国办 opinion).
 */
function officialQuoted(text: string, where: Quoted, on: string | null, directory: SourceDirectory): { name: string; body: string; evidence: string } | null {
  const headline = where === 'headline';
  const opening = headline || where === 'briefing' ? text : text.slice(0, 300).split(/(?<=。)/).slice(0, 3).join('');
  let first: { at: number; name: string; body: string; evidence: string } | null = null;
  for (const { official, body } of directory.officialsOn(on)) {
    const name = escapeRegExp(official.name);
    // A headline quotes him (潘功胜：…) or says what he did (李强出席…开幕式并致辞, day-u).
    const pattern = headline ? new RegExp(String.raw`^${name}(?:[：:]|(?=${OFFICIAL_ACTS}))`) : new RegExp(String.raw`(?:(?<![\u4e00-\u9fff])|(?<=${escapeRegExp(official.post)}))${name}(?:${speaks}|(?:${escapeRegExp(official.post)})?(?:在[^。，：]{0,24}?)?${OFFICIAL_ACTS}${speechAfter})`);
    const match = pattern.exec(opening);
    // The text's own speaker, not one it quotes after a body it is about (中共中央办公厅…发出文件…国家数据局局长刘烈宏表示).
    // With his post after his name he is cited (李强总理在政府工作报告中提出: a plan's background, day-g), unless he
    // acts. He acts for his body where he speaks (丁薛祥在海南博鳌出席…开幕式，并发表…主旨演讲, day-ai), not where
    // he only attends (潘功胜出席论坛; 李强、丁薛祥出席 another's 座谈会, day-z).
    // His own posts before him are no such body (中共中央政治局常委、国务院副总理丁薛祥在海南博鳌出席…, day-ai): a body
    // counts when a clause ends between it and him.
    const bodyBefore = match && where === 'opening' && [...Array(match.index).keys()].some((at) => /[，,。；;：:]/.test(opening.slice(at, match.index)) && directory.nameAt(opening, at, (n) => n.length >= 3) !== undefined);
    if (match && !bodyBefore && (!first || match.index < first.at)) first = { at: match.index, name: official.name, body: body.name, evidence: `${match[0]}（${body.shortName ?? body.name}${official.post}）` };
  }
  return first && { name: first.name, body: first.body, evidence: first.evidence };
}

/** The body of the official a text quotes by name alone (officialQuoted), as an issuer reading. */
function fromOfficial(text: string, where: Quoted, on: string | null, directory: SourceDirectory): IssuerReading | null {
  const quoted = officialQuoted(text, where, on, directory);
  return quoted && { name: quoted.body, partners: null, how: 'official', evidence: quoted.evidence };
}

/** A briefing's words (titles.BRIEFING_EVENT). */
const briefingEvent = new RegExp(BRIEFING_EVENT);

/**
 * Who presents at a briefing, the body's words first: the post, the name and what they did there (行长潘功胜
 * 当天在…发布会上介绍, 行长潘功胜逐项介绍, 部长李乐成，副部长辛国斌…出席新闻发布会), or the body that announces
 * there (据国新办5月7日新闻发布会消息，中国人民银行当天公布…).
 */
/** An official named after his post (一级巡视员王鹏, 国家发展改革委主任郑栅洁). */
const postAndName = /(?:负责人|负责同志|发言人|总工程师|总经济师|(?:一级|二级)?巡视员|副?(?:部长|局长|主任|厅长|司长|署长|行长|秘书长|主席|市长|省长|区长|县长|书记))[\u4e00-\u9fff]{2,3}$/;

const presenterPatterns = [
  // The first of several listed before what they all do (邀请国家发展和改革委员会主任郑栅洁、财政部部长蓝佛安…就…回答, day-s).
  // A transcript's host invites him by name (我们邀请到国家数据局局长刘烈宏先生，请他介绍情况, day-bt).
  /([\u4e00-\u9fff]{2,24}?)(?:有关|相关)?(?:负责人|负责同志|新闻发言人|总工程师|副?(?:部长|局长|主任|厅长|司长|署长|行长|秘书长|主席))[\u4e00-\u9fff\d]{0,8}?(?:[，,、][^。]{0,40}?出席|、[^。]{0,100}?(?:就|回答)|[，,]请(?:他|她)介绍|介绍|说|表示|解读|回答|答记者问|作?主?发布|在|就)/g,
  /([\u4e00-\u9fff]{2,20}?)(?:当天|当日|同日)(?:公布|宣布|发布|推出)/g,
];

/**
 * The body that presents at a press briefing a report tells of, within the sentence that names the briefing
 * and the two after it: the body of the official who presents or speaks there (市政府副秘书长、市发展改革委主任顾军介绍
 * 《…》: the last post before the name; 国家发展改革委副主任李春临在会上说), or the body whose document it
 * presents (发布会介绍了安徽省工信厅印发的《…》). The press office that hosts it is not that body. Null when
 * the report names no presenter that early (山东省政府新闻办举行吹风会，对《…》进行解读。据介绍… stays the
 * host's) — as the real days' editors labelled briefings (day-c, day-e, day-f, day-g).
 */
function fromBriefing(title: string, body: string, directory: SourceDirectory, on: string | null = null): IssuerReading | null {
  if (!isBriefingReport(title, body)) return null;
  const opening = briefingOpening(body);
  // A series' session for one province (…系列主题新闻发布会浙江专场, day-n) is that province's: its governor presents.
  const session = /发布会([\u4e00-\u9fff]{2,8}?)专场/.exec(opening);
  const province = session ? directory.provinces().find((p) => p.short === session[1] || p.place === session[1]) : undefined;
  const government = province ? directory.byName(`${province.place}人民政府`) : undefined;
  if (government) return { name: government.name, partners: null, how: 'lead', evidence: session![0] };
  // The Party centre's own press conference (中共中央举行新闻发布会，介绍和解读党的二十届四中全会精神) is the
  // centre's, whichever of its bodies' heads speak there (day-m): it has no press office between.
  const centre = /(?<![\u4e00-\u9fff])中共中央(?:(?:\d{1,2}月)?\d{1,2}日|当天|今天)?(?:上午|下午)?(?:举行|召开)[^。，]{0,12}?发布会/.exec(opening);
  if (centre) return centralBody('中共中央', centre[0], directory);
  const presented = /(?:介绍|解读)了?([\u4e00-\u9fff、]{2,40}?)(?:联合)?(?:印发|发布|出台|制定)的《/.exec(opening);
  const issuer = presented ? bodiesIn(presented[1]!, directory) : null;
  if (issuer && !pressOffice.test(issuer.name)) return { ...issuer, how: 'lead', evidence: presented![0] };
  // Of several officials listed at it (…主任郑栅洁、财政部部长蓝佛安、…出席), the one the report quotes first
  // (郑栅洁说, day-o): the body of the post his name follows.
  const speaker = /(?:^|[。，,；;\s])([\u4e00-\u9fff]{2,3}?)(?:在会上|当天|还)?(?:说|表示|指出)/.exec(opening)?.[1];
  const post = speaker ? new RegExp(String.raw`([\u4e00-\u9fff]{2,24}?)(?:有关|相关)?(?:负责人|负责同志|副?(?:部长|局长|主任|厅长|司长|署长|行长|秘书长|主席))${speaker}`).exec(opening) : null;
  const quoted = post ? bodiesEnding(post[1]!.split(/[、，,]/).pop()!, directory) : null;
  if (quoted && !pressOffice.test(quoted.bodies.name)) return { ...quoted.bodies, partners: null, how: 'lead', evidence: post![0] };
  // A speaker the report names without his post (潘功胜在会上说): the register's.
  const registered = speaker && !post ? fromOfficial(opening, 'briefing', on, directory) : null;
  if (registered) return registered;
  for (const pattern of presenterPatterns) {
    for (const match of opening.matchAll(pattern)) {
      // The first of several bodies whose heads present together (国家发展改革委、财政部、…中国人民银行和市场监管总局
      // 负责人介绍, day-bf), or of several officials each named with his post (工信部信息通信管理局一级巡视员王鹏、湖北省
      // 经济和信息化厅厅长刘海军出席, day-v): the list before the last one — not one official's posts (市政府副秘书长、
      // 市发展改革委主任顾军).
      const before = /(?:[\u4e00-\u9fff]{2,30}?、)+$/.exec(opening.slice(0, match.index))?.[0].split('、').filter(Boolean);
      const listed = before?.every((name) => bodyNamed(name, directory)) || before?.every((name) => postAndName.test(name)) ? `${before.join('、')}、` : null;
      const words = listed ? before![0]!.replace(postAndName, '') : match[1]!;
      // A unit inside the body a listed official's post opens with stands for it (工信部信息通信管理局).
      const whole = bodyNamed(words, directory);
      const head = listed && (!whole || directory.tierOf(whole) === null) ? directory.nameAt(words) : undefined;
      if (head) return { name: directory.byName(head)!.name, partners: null, how: 'lead', evidence: `${listed}${match[0]}` };
      for (let start = 0; start < words.length - 1; start++) {
        const name = bodyNamed(words.slice(start), directory);
        if (name && directory.tierOf(name) !== null && !pressOffice.test(name)) return { name, partners: null, how: 'lead', evidence: `${listed ?? ''}${match[0]}` };
      }
    }
  }
  return null;
}

/** The sentence of a briefing's report that names the briefing, and the two after it (the first three without one). */
function briefingOpening(body: string): string {
  const sentences = body.slice(0, 400).split(/(?<=。)/);
  const at = sentences.findIndex((sentence) => briefingEvent.test(sentence));
  return (at < 0 ? sentences.slice(0, 3) : sentences.slice(at, at + 3)).join('');
}

/**
 * Which briefing a report tells of, as `body@M月D日`: the body that presented there (fromBriefing) and the
 * first day its opening writes. Reports of one briefing share it whatever their headlines (央行推出三大类十项
 * 货币政策措施, 潘功胜：科技创新和技术改造再贷款增至8000亿元…). Takes normalised text; null for a text that
 * is no briefing's report, or names no presenter or day.
 */
export function briefingPresenter(title: string, body: string, directory: SourceDirectory): string | null {
  const presenter = fromBriefing(title, body, directory);
  const day = presenter ? /\d{1,2}月\d{1,2}日/.exec(briefingOpening(body))?.[0] : undefined;
  return presenter && day ? `${presenter.name}@${day}` : null;
}

/**
 * A sector's national work conference is its ministry's or administration's (全国工业和信息化工作会议 →
 * 工业和信息化部, 全国数据工作会议 → 国家数据局, 全国发展和改革工作会议 → 国家发展和改革委员会): the body the
 * registry knows by the sector's name with the suffix of a ministry, an administration or a commission.
 */
function fromWorkConference(body: string, directory: SourceDirectory): IssuerReading | null {
  const conference = /全国([\u4e00-\u9fff]{2,12}?)工作会议/.exec(body.slice(0, 300));
  if (!conference) return null;
  const sector = conference[1]!;
  for (const name of [`${sector}部`, `国家${sector}局`, `国家${sector}总局`, `国家${sector}委员会`, `${sector}委员会`]) {
    const known = directory.byName(name);
    if (known) return { name: known.name, partners: null, how: 'lead', evidence: conference[0] };
  }
  return null;
}

/** The posts of the Party and state leadership a signed article's author is named by. */
const leaderPost = String.raw`(?:中共中央总书记|国家主席|中央军委主席|国务院总理|国务院副总理|国务委员|全国人大常委会委员长|全国政协主席|中共中央政治局常委|中央政治局常委|中共中央政治局委员|中央政治局委员|中央书记处书记)`;
/** The papers and journals of the centre that carry leaders' signed articles. */
const centralPaper = String.raw`(?:人民日报|求是|学习时报|经济日报|光明日报)`;
const signedBy = new RegExp(String.raw`((?:${leaderPost}[、，,]?)*)([\u4e00-\u9fff]{2,3}?)(同志|总书记)?(?:今天|今日|近日|日前|\d{1,2}日)?在《?(${centralPaper})》?(?:杂志)?上?(?:发表|刊发|撰文)了?(?:署名)?(?:重要)?(?:文章)?(?:[《“]([^》”]{4,40})[》”])?`);
const carriedBy = new RegExp(String.raw`《?(${centralPaper})》?(?:杂志)?(?:今天|今日|近日|日前|\d{1,2}日)?将?(?:发表|刊发)((?:${leaderPost}[、，,]?)*)([\u4e00-\u9fff]{2,3}?)(同志|总书记)?的?(?:重要|署名)?文章[《“]([^》”]{4,40})[》”]`);

/** A leader's signed article as a text reports it: who wrote it, in which paper, under which title (when it says). */
export interface SignedArticle {
  author: string;
  paper: string;
  article: string | null;
  evidence: string;
}

/**
 * A signed article of a leader of the Party or the state, as its report opens (国务院副总理何立峰今日在《人民日报》
 * 发表署名文章“因地制宜发展新质生产力”; 《求是》杂志发表中共中央总书记习近平的重要文章《…》; 何立峰同志在人民日报
 * 发表文章《…》) — day-m's pick. The author must be named by a post, as 同志 or as 总书记: a scholar's article is
 * no leader's. Takes normalised text (title and opening); null when it reports none.
 */
export function signedArticle(text: string): SignedArticle | null {
  const opening = text.slice(0, 400);
  const by = signedBy.exec(opening);
  if (by && (by[1] || by[3])) return { author: by[2]!, paper: by[4]!, article: by[5] ?? null, evidence: by[0] };
  const carried = carriedBy.exec(opening);
  if (carried && (carried[2] || carried[4])) return { author: carried[3]!, paper: carried[1]!, article: carried[5] ?? null, evidence: carried[0] };
  return null;
}

/** The author of a leader's signed article a text reports, as its issuer; national, by the post. */
function fromSignedArticle(title: string, body: string): IssuerReading | null {
  const signed = signedArticle(`${title}\n${body}`) ?? signedArticle(body);
  return signed ? { name: signed.author, partners: null, how: 'lead', evidence: signed.evidence, tier: 'national' } : null;
}

/**
 * The government whose work report a text reports: the State Council's, delivered by the premier to the NPC
 * (国务院总理李强代表国务院作政府工作报告; 十四届全国人大二次会议…开幕，2024年政府工作报告发布 — day-n's pick,
 * met only in reports), or a province's, delivered by its governor (浙江省省长王浩作政府工作报告); or the report a text
 * opens with as the one speaking (今年的政府工作报告首次提出…).
 */
function fromWorkReport(title: string, body: string, directory: SourceDirectory, place: PlaceContext): IssuerReading | null {
  const text = `${title}\n${body.slice(0, 300)}`;
  // A text that opens with what the report itself says (今年的政府工作报告首次提出…, day-s) and names no place is
  // of the State Council's: a province's is named by its province.
  const itself = place.province === null && place.city === null ? /^(?:今年的?|(?:19|20)\d{2}年)?政府工作报告(?:首次|再次|明确)?(?:提出|指出|强调|要求|部署)/.exec(body.trimStart()) : null;
  if (itself) return centralBody('国务院', itself[0], directory);
  // …or names the premier by his post after his name (李克强以国务院总理身份最后一次作《政府工作报告》, day-r).
  // …or as the report put to the NPC (提请十四届全国人大三次会议审议的政府工作报告提出, day-cg's glossary page).
  const national = /(?:国务院)?总理[^。，]{0,24}?作《?政府工作报告|全国人大[^。]{0,30}?(?:开幕|召开)[^。]{0,40}?政府工作报告|提请[^。，]{0,12}?全国人(?:民代表)?大[^。，]{0,16}?审议的《?政府工作报告/.exec(text);
  if (national) return centralBody('国务院', national[0], directory);
  const provincial = /([\u4e00-\u9fff]{2,8}?(?:省|自治区|市))(?:[^。，]{0,12}?、)?(?:省长|自治区主席|主席|市长)[\u4e00-\u9fff]{2,3}?(?:代表[^。，]{2,12}?)?作《?政府工作报告/.exec(text);
  const governed = provincial ? leadingDivisions(provincial[1]!).at(-1)?.matched : undefined;
  return governed && tierByForm(`${governed}人民政府`) ? { name: `${governed}人民政府`, partners: null, how: 'lead', evidence: provincial![0] } : null;
}

/**
 * The body a report credits its news to by its site or account: 6月4日,工业和信息化部
 * 网站发布消息,…; 中国商务部12月3日在网站发布公告; 据国家数据局官网消息 (day-l's 智能网联汽车 pilot, met as 新华网's report on a mirror);
 * 工业和信息化部公众号发布消息 (day-bg), in its opening.
 */
function fromSiteNews(body: string, directory: SourceDirectory): IssuerReading | null {
  // The first 200 characters: a copy may bring the page's info line (2024 06/04 17:55:53 来源:新华网) first.
  const first = body.slice(0, 200);
  // Or posts a notice there, on a day it names (中国商务部星期二（12月3日）在官网发布公告, day-ac).
  const note = /([\u4e00-\u9fff]{2,24}?)(?:[（(][^）)]{0,12}[)）])?(?:\d{1,2}月\d{1,2}日)?(?:在|通过)?(?:网站|官网|官方网站|官方微信|微信公众号|公众号|官微)上?(?:发布|公布|发出)?(?:消息|公告|通告)/.exec(first);
  if (!note) return null;
  const found = bodiesEnding(note[1]!.replace(leadIn, '').replace(timeWords, ''), directory);
  return found ? { ...found.bodies, how: 'lead', evidence: note[0] } : null;
}

/**
 * The body a document's own name starts with, when the text tells of that document coming out:
 * 《中共中央关于制定…的建议》日前正式发布, 新华社27日公布《中共中央关于…》全文, 7个部门发布《工业和信息化部等七部门
 * 关于…的实施意见》 (day-l and day-m's reports and commentaries). A name cited (贯彻落实《国务院关于…》) is no
 * news of it: only a release verb next to the name counts.
 */
function fromDocumentName(body: string, directory: SourceDirectory): IssuerReading | null {
  const opening = body.slice(0, 400);
  for (const named of opening.matchAll(/《([^《》]{2,40}?)关于[^《》]{4,80}》|《([^《》]{8,80})》/g)) {
    const before = opening.slice(Math.max(0, named.index - 12), named.index);
    const after = opening.slice(named.index + named[0].length, named.index + named[0].length + 30);
    // 新华社受权播发《中共中央关于…的决定》 (day-t): the agency carries the document, the body issues it.
    // 11月25日公布的《国家航天局推进商业航天高质量安全发展行动计划（2025—2027年）》提出 (day-ba): told as out.
    // 新华社28日公布全会通过的《中共中央关于…的建议》全文 (day-ci): put out as the session passed it.
    const released = /(?:印发|发布|公布|出台|发出|播发)(?:[了的]|[^。，《]{0,6}?通过的)?$/.test(before) || /^(?:[（(][^）)]{0,30}[)）])?(?:全文)?(?:日前|近日|近期|已|已经|正式|今天|今日|对外|向社会)*(?:发布|公布|印发|出台|施行)/.test(after);
    if (!released || citing.test(before)) continue;
    // A name without 关于 is a body's when a body the registry knows opens it and a document's word closes it.
    const own = named[2] === undefined ? null : directory.nameAt(named[2], 0);
    if (named[2] !== undefined && !(own && documentTitle.test(named[2]))) continue;
    const found = own ? { name: directory.byName(own)!.name, partners: null } : bodiesIn(named[1]!, directory);
    if (found && directory.tierOf(found.name) !== null) return { ...found, how: 'lead', evidence: named[0] };
  }
  return null;
}

/** A plenary session of the Central Committee (中共二十届三中全会, 党的二十届四中全会): the committee's own meeting. */
const centralPlenum = String.raw`(?:中共|中国共产党|党的)?第?[一二三四五六七八九十]+届[一二三四五六七八九]中全会`;

/** The Party centre's work conferences (中央经济工作会议), which 中共中央 convenes with the State Council. */
const centralWorkConference = String.raw`中央(?:经济|城市|农村|金融|科技|人才|民族|外事|统战|网络安全和信息化|机构编制|政法|全面依法治国)工作会议`;
/** Either, as a report says it was held. */
const centralSession = String.raw`(?:${centralWorkConference}|${centralPlenum})`;

/**
 * A central work conference or plenum a text reports as held, in its title or first sentence: 中央经济工作会议12月11日至12日
 * 在北京举行 (day-p), 召开中央城市工作会议, or a headline it leads (中央经济工作会议再提开展“人工智能+”行动) — the
 * Party centre's, which leads it; before a lead's recall of another body's document (2017年国务院印发《…》).
 * Not a sector's 全国…工作会议, which is its ministry's (fromWorkConference), nor one a text cites
 * (贯彻落实2023年中央经济工作会议提出的…, day-d). So is a plenum held or opened (中共二十届三中全会15日上午在北京开幕,
 * day-t); a headline that starts with a plenum (二十届三中全会决定解读｜…) is about its decision, not its news.
 */
function fromCentralSession(title: string, body: string, directory: SourceDirectory): IssuerReading | null {
  const first = body.split(/(?<=[。\n])/).map((sentence) => sentence.trim()).find((sentence) => sentence.length > 8) ?? '';
  const pattern = new RegExp(String.raw`${centralSession}(?:(?:\d{1,2}月)?\d{1,2}日(?:至\d{1,2}日)?(?:上午|下午)?)?(?:在北京|在京)?(?:举行|召开|开幕|闭幕)|(?:举行|召开)了?${centralSession}`);
  const held = pattern.exec(title) ?? pattern.exec(first) ?? new RegExp(String.raw`^${centralWorkConference}`).exec(title);
  return held ? centralBody('中共中央', held[0], directory) : null;
}

/**
 * A meeting the general secretary holds, attends or joins: 全国科技大会…召开。习近平出席…并发表重要讲话 (day-l), 习近平
 * 5日下午参加…江苏代表团审议, 习近平总书记出席民营企业座谈会 (day-o), or a place he inspects (习近平日前在山西考察,
 * day-ab) — the Party Central Committee's, as the real
 * days' labellers credit them. Not a meeting that studies his speech (传达学习习近平总书记出席…时的重要讲话精神).
 */
function fromCentralMeeting(title: string, body: string, directory: SourceDirectory): IssuerReading | null {
  // Only where the text speaks of it first: its title, its first sentence (an info line or a byline is no
  // sentence), or the one after a first that says a meeting was held. A stitched page's later line of his
  // (day-o's 潘功胜 report) is not what the page is about.
  const [first = '', second = ''] = body.split(/(?<=[。\n])/).map((sentence) => sentence.trim()).filter((sentence) => sentence.length > 8);
  const scope = [title, first, /(?:大会|会议)[^。]{0,60}?(?:召开|举行|开幕)/.test(first) ? second : ''].join('\n');
  // So is an inspection tour (习近平日前在山西考察, 习近平总书记7月7日至8日再赴山西考察 — day-ab, twice).
  // His own verb, not one of the leaders listed with him (习近平、王沪宁…在主席台就座，赵乐际主持大会: the NPC's session, day-o).
  const attended = /(?<!传达|学习|贯彻|领会)习近平(?:总书记)?[^。\n，,、]{0,30}?(?:(?:出席|主持|参加)[^。\n]{0,40}?(?:会|审议)|(?:在|赴)[\u4e00-\u9fff]{2,8}?考察)/.exec(scope);
  return attended ? centralBody('中共中央', attended[0], directory) : null;
}

/** The body a draft for comment asks for replies, or names as its contact: 请于7月10日前反馈至湖州市经济和信息化局数字经济处. */
function fromFeedback(body: string, directory: SourceDirectory): IssuerReading | null {
  // Or names its contact by the unit that answers (联系人:浙江省经济和信息化厅技术创新处(人工智能处) 孙体忠).
  const reply = /(?:反馈至|反馈给|报送至|发送至|寄送至|联系人[:：]\s*)([\u4e00-\u9fff（）()]{4,30}?)(?=[，。,.;；：:\s]|地址|邮箱|电话|联系|$)/m.exec(body.slice(0, 1200));
  const name = reply ? bodyNamed(reply[1]!, directory) : null;
  return name ? { name, partners: null, how: 'lead', evidence: reply![0] } : null;
}

/** A ministry's or the State Council's order: 国务院总理李强签署国务院令, 国家发展和改革委员会令第12号 — its own, not one it cites. */
function fromOrder(text: string, directory: SourceDirectory): IssuerReading | null {
  // Not an order cited in brackets after a name in 《》: 《生成式人工智能服务管理暂行办法》(…国家广播电视总局令第15号).
  const order = /签署([\u4e00-\u9fff]{2,20}?)令|(?<![》][（(][^）)]{0,200})(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,20}?)令\s*第\s*\d{1,4}\s*号/.exec(text.slice(0, 600));
  const name = order ? (order[1] ?? order[2])! : null;
  const body = name ? directory.byName(name) : undefined;
  return body ? { name: body.name, partners: null, how: 'lead', evidence: order![0] } : null;
}

/** The issuer a 文号 names by its 机关代字: 国发 → 国务院, 国办发 → 国务院办公厅, 粤府办 → 广东省人民政府办公厅. */
export function fromDocNumber(docNumber: string, directory: SourceDirectory): IssuerReading | null {
  const code = docNumber.split(/[〔［[（(﹝]/)[0]!;
  // The extractor may keep a few characters of the sentence before the code: the code is a suffix.
  for (let start = 0; start < code.length; start++) {
    const body = directory.bodyByDocCode(code.slice(start));
    if (body) return { name: body.name, partners: null, how: 'docNumber', evidence: docNumber };
  }
  return null;
}

/**
 * The signers above the closing date; the first signs for the rest. The first signature of the text is
 * the document's: a consultation page goes on after it with the draft and its explanation.
 */
function fromSignature(body: string, directory: SourceDirectory): IssuerReading | null {
  const lines = body.split('\n').map((line) => line.trim()).filter(Boolean);
  for (let i = 1; i < lines.length; i++) {
    if (!closingDate(lines[i]!)) continue;
    const signers: string[] = [];
    for (let j = i - 1; j >= 0 && signers.length < 30; j--) {
      // A seal's note on a line of its own ((山东省大数据局代章), day-y) is no signer: the signer stands above it.
      if (/^[（(][^）)]{0,30}代章[)）]$/.test(lines[j]!)) continue;
      // Several signers may share a line, separated by spaces (a seal's note, (代章), goes in bodyNamed).
      const names = lines[j]!.split(/\s+/);
      if (!names.every((name) => bodyNamed(name, directory))) {
        // A long name wraps over two lines: 浙江省制造业高质量发展(数字经济发展) / 领导小组办公室(代章).
        const joined = signers.length === 1 && names.length === 1 && !tierByForm(signers[0]!) ? `${names[0]}${signers[0]}` : null;
        if (joined && tierByForm(joined) && bodyNamed(joined, directory)) signers[0] = chinesePunctuation(bodyNamed(joined, directory)!);
        break;
      }
      signers.unshift(...names);
    }
    if (signers.length === 0) continue;
    const lead = bodyNamed(signers[0]!, directory)!;
    return { name: lead, partners: signers.length > 1 ? chineseNumber(Math.min(signers.length, 99)) : null, how: 'signature', evidence: `${signers.join(' ')} ${lines[i]}` };
  }
  return gluedSignature(lines[lines.length - 1] ?? '', directory);
}

/**
 * A signature a page ran into the text's last line: …(闽工信联函装备〔2024〕647号)福州市长乐区工业和信息化局2024年11月8日。
 * (a policy aggregator's one-paragraph copy, day-bm). The longest body name standing right before the closing
 * date; null when none does.
 */
function gluedSignature(line: string, directory: SourceDirectory): IssuerReading | null {
  const closing = /(\d{4}年\d{1,2}月\d{1,2}日)。?$/.exec(line);
  if (!closing) return null;
  const before = line.slice(Math.max(0, closing.index - 30), closing.index);
  for (let at = 0; at < before.length - 3; at++) {
    const name = before.slice(at);
    if (!tierByForm(name)) continue;
    const signer = bodyNamed(name, directory);
    if (signer) return { name: signer, partners: null, how: 'signature', evidence: `${name}${closing[1]}` };
  }
  return null;
}

/**
 * The body a text's opening says issued a named document (国家数据局印发《可信数据空间发展行动计划》), whoever
 * the text itself is by — an expert's reading a medium arranged tells its document's issuer too (day-au). Takes
 * normalised text and the document's name; null when the opening names no body issuing it.
 */
export function issuerOfNamedDocument(body: string, name: string, directory: SourceDirectory): IssuerReading | null {
  return fromLead(joinSpacedNames(body, directory), directory, name, true);
}

/** A sentence's head that recalls history rather than tells news: 回顾, 此前, 早在, or a year alone (2017年国务院…). */
const recalling = /回顾|此前|早在|(?:^|[，,：:\s])(?:19|20)\d{2}年(?!\d{1,2}月|度)/;

/**
 * The issuer a news copy names before 印发《…》 in its first sentences: 新华社北京8月26日电 国务院日前印发《…》;
 * given the document the text is about (`issued`), the body before that document's name.
 */
function fromLead(body: string, directory: SourceDirectory, issued: string | null = null, onlyIssued = false): IssuerReading | null {
  const opening = body.slice(0, 400);
  // The body that issued the document the text is about (titles.issuedDocument), not one a lead recalls first;
  // with `onlyIssued`, whether or not the opening names it.
  const aboutNamed = onlyIssued || (issued !== null && opening.includes(`《${issued}》`));
  // 起草了《…》 and 反馈至 name the drafter of a draft for comment.
  // A meeting's report names who held it: 山东省政府新闻办11月8日举行政策例行吹风会.
  // A law is voted through (表决通过) by a session of the body that passes it; the Politburo holds a study session.
  // The drafter at the head of others (牵头组织…联合制定了2.0版), and the body that consults on a draft (就《…》公开征求意见).
  // A news copy may not name the document at all (中共中央办公厅、国务院办公厅发出文件，鼓励…, day-e; …等六部门日前联合印发通知，开展…, day-bb).
  // A body's data are its release (国家税务总局公布的最新税收数据显示, 国家统计局16日发布数据, day-aq).
  // A document named as issued by a body (X联合印发的《Y》) is its news only when the sentence says it came out
  // (…（以下简称《指南》）正式发布, …》13日公开发布, day-cg); otherwise it is cited (围绕X印发的《Y》展开).
  // A notice's title may stand in quotes after its verb (苏州司法局发布“关于征求《…》意见的公告”, day-cg).
  for (const verb of opening.matchAll(/(?:联合)?(?:印发|下发|发布|出台|公布|制定|编制|审议通过|表决通过|牵头起草|起草)了?[“"]?(?:《|关于)|(?:联合)?(?:印发|出台)(?=[\u4e00-\u9fff“”"]{4,40}?(?:措施|方案|意见|办法|规划|计划|细则|指南|规定)(?:[，,。；;]|的通知))|(?:联合)?(?:发出|印发|下发)(?:文件|通知)(?=[，,。])|(?:联合)?(?:印发|发布|出台|公布|制定)的《(?=[^》]{4,}》(?:[（(][^）)]{0,20}[)）])?(?:(?:\d{1,2}日)?(?:正式|近日|日前|已|公开)?(?:发布|公布|对外公布|出台|施行)|[，,]?[^。，《》]{0,8}?起(?:正式)?(?:施行|实施)|指出|显示|提出|认为|明确))|(?:召开|举行|举办)(?!仪式)|进行第[一二三四五六七八九十百]+次(?:集体|专题)学习|牵头(?:组织)?(?=[^。，]{0,30}?(?:制定|起草|编制))|就(?=《[^》]{4,}》[^。，]{0,16}?征求)|(?:发布|公布)(?:了|的)?(?:最新)?[\u4e00-\u9fff]{0,6}?数据(?!局)/g)) {
    if (aboutNamed && verb[0].endsWith('《') && !opening.startsWith(`${issued}》`, verb.index + verb[0].length)) continue;
    // Wide enough for a joint document's list of bodies before its verb (17 of them on a fresh user's day).
    const raw = opening.slice(Math.max(0, verb.index - 200), verb.index);
    // What it was about (…就加强人工智能发展和监管进行…, …以深化拓展“人工智能+”…为主题进行…) stands between the body and the verb.
    // …and the guidance it worked under (在国家网信办指导下，).
    // …and the notice it put out to do so (内蒙古自治区工业和信息化厅发布公告，就《…》公开征求意见).
    // …and where a meeting was held (推进大会在市政府举行, day-u): a venue holds nothing.
    const held = /^(?:召开|举行|举办)/.test(verb[0]) ? raw.replace(/在[^，,。；;“”]{1,16}$/, '') : raw;
    const before = held.replace(/(?:发布|发出|印发)(?:公告|通知|通告)[，,]?$/, '').replace(timeWords, '').replace(/就[^，,。；;“”]{2,40}$/, '').replace(/以[^。；;]{2,40}?为主题$/, '').replace(/在[^，,。]{2,16}(?:指导|领导|支持)下[，,]?$/, '').replace(timeWords, '').replace(timeWords, '');
    // An aside that opened before the clause and closes in it is no part of a name: （页面发布于…，转自福建省工业和信息化厅）工业和信息化部、… (day-ao).
    const clause = before.split(/[，,。；;：:！!？?\n“”]/).pop()!.trim().replace(/^[^（(]*[）)]/, '');
    // A document the text acts on is cited, not issued by the story's body (为进一步贯彻落实廊坊市政府办公室印发的《…》).
    if (citing.test(clause)) continue;
    const words = clause.split(/\s+/);
    // A session names its body: 十四届全国人大常委会第十五次会议 is 全国人大常委会's.
    // …and a drafter drafts on another's behalf or at the head of others: 省经信厅代拟起草了《…》.
    const last = words.pop()!.replace(leadIn, '').replace(/(?:第[一二三四五六七八九十百]+次)?(?:全体|常务)?会议$/, '').replace(/(?:代拟|代为|牵头|组织)$/, '');
    const found = bodiesEnding(last, directory);
    // Nor one its sentence recalls, by 回顾 or 此前 or by a year alone before the body (文章回顾：2017年国务院印发
    // 《…》, day-ap's 热解读); the body's own 此前 is its act still (安徽省工业和信息化厅此前就《…》公开征求意见, day-aa).
    const head = raw.split(/[。！？!?\n]/).pop()!;
    if (recalling.test(found ? head.slice(0, Math.max(0, head.lastIndexOf(found.words))) : head)) continue;
    if (found) return { ...found.bodies, how: 'lead', evidence: `${found.words}…${verb[0]}` };
    // An earlier clause's subject drafts or issues a document (湖北省数据局…，结合本省实际，起草了《…》); it is
    // no one's for a verb without one (按照市政府主要领导要求，市数据局牵头开展…).
    const subject = /[《于]$/.test(verb[0]) ? sentenceSubject(opening.slice(Math.max(0, verb.index - 120), verb.index), directory) : null;
    if (subject) return { ...subject, how: 'lead', evidence: `${subject.evidence}…${verb[0]}` };
  }
  return null;
}

/**
 * The body that hosts the event a report tells of, the first of those that host it together (由工业和信息化部、
 * 湖北省人民政府共同主办的2022中国5G+工业互联网大会在武汉开幕; 峰会由国家网信办、国家发改委、工信部…和福建省政府共同
 * 主办 — days V and W): the labellers credit a conference, a fair or a summit to its first host, as its
 * organisers list the lead host first.
 */
function fromHosts(body: string, directory: SourceDirectory): IssuerReading | null {
  const hosted = /由([\u4e00-\u9fff、，,（）()]{2,80}?)(?:共同|联合)?主办/.exec(body.slice(0, 400));
  const listed = hosted?.[1]!.split(/[、，,]/)[0]!.trim();
  if (!listed) return null;
  // The first host may end where 和, 及 or 与 begins the next (科技部和安徽省人民政府), but 和 is also inside names (工业和信息化部).
  // The shortest body first: 科技部和安徽省人民政府 has the form of one body as a whole.
  const ends = [...[...listed.matchAll(/[和及与]/g)].map((at) => at.index), listed.length];
  for (const end of ends) {
    const name = bodyNamed(listed.slice(0, end), directory);
    if (name && directory.tierOf(name) !== null) return { name, partners: null, how: 'lead', evidence: hosted![0] };
  }
  return null;
}

/**
 * The body an earlier clause of the sentence starts with, as its subject: 湖北省数据局积极调研…，结合本省实际，
 * 起草了《…》. Only a known body or one that names its place; the longest such start of a clause.
 */
function sentenceSubject(before: string, directory: SourceDirectory): { name: string; partners: string | null; evidence: string } | null {
  const clauses = before.split(/[。！!？?\n]/).pop()!.split(/[，,；;：:“”]/).slice(0, -1).reverse();
  for (const clause of clauses.map((c) => c.trim().replace(leadIn, '')).filter((c) => !citing.test(c))) {
    const head = clauseHead(clause, directory);
    if (head) return { ...head.bodies, evidence: clause.slice(0, head.end) };
  }
  return null;
}

/**
 * The longest run of bodies a clause starts with (bodiesIn, within its first 30 characters) that has a tier and
 * that `fits` accepts, given where the name ends; with the end. Null when none does.
 */
function clauseHead(clause: string, directory: SourceDirectory, fits: (end: number, bodies: { name: string; partners: string | null }) => boolean = () => true): { bodies: { name: string; partners: string | null }; end: number } | null {
  for (let end = Math.min(clause.length, 30); end >= 3; end--) {
    const bodies = bodiesIn(clause.slice(0, end), directory);
    if (bodies && directory.tierOf(bodies.name) !== null && fits(end, bodies)) return { bodies, end };
  }
  return null;
}

/**
 * The issuing body a page's metadata states in a field of its own: 发文机关 (the 政府信息公开 catalogue's
 * table, GB/T 7156-era 公文 metadata), 制定机关 (国家法律法规数据库, flk.npc.gov.cn), 发布机构. A table's cells
 * may come glued to their labels (發文機關中國證券監督管理委員會, day-bo). Null without such a field, or when
 * what it holds is no body.
 */
function fromIssuerField(body: string, directory: SourceDirectory): IssuerReading | null {
  const field = /(?:发文机关|制定机关|发布机关|发布机构|发文单位)[:：]?[ \t]*([^\n]{2,120})/.exec(body.slice(0, 600));
  const value = field?.[1]!.split(/(?:发文日期|成文日期|发布日期|公布日期|施行日期|文号|发文字号|主题分类|时效性)/)[0]!.trim().replace(/[，,。；;]$/, '');
  const found = value ? bodiesIn(value, directory) : null;
  return found && directory.tierOf(found.name) !== null ? { ...found, how: 'field', evidence: field![0].slice(0, 40) } : null;
}

/** A clause's head of time and manner before its subject: 4月26日下午, 2024年12月11日, 近日, 今天上午. */
const clauseTime = /^(?:(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日|近日|日前|近期|今天|今日|当天|当日|昨天|昨日|上午|下午|晚间|清晨)+[，,]?/;
/** The acts of a body as a report's subject, other than issuing: 召开, 部署, 提出以下措施, 就…征求意见. */
const leadActs = '召开|举行|举办|提出|部署|启动|制定|起草|编制|征求|开展|组织|推出|宣布|审议|批复|通报|上线';
/** Issuing, which a report of a document tells: not read as the subject's act (fromClauseSubject). */
const issuing = '印发|出台|发出|发布|公布';
/**
 * What a body does as a report's subject, within a few words of its name (提出以下措施, 就…征求意见, 在政务外网部署上线);
 * 发布 and 公布 of what is no named document (发布公告, 公布数据).
 */
const subjectActs = new RegExp(`^([^，,。；;：:“”]{0,24}?)(?:(?:发布|公布)(?!了?的?[《“]|关于)|${leadActs})`);
/**
 * Words between a body and its act that make another the actor: a document it issued (印发的…举措提出), or an
 * official of it (上海市委书记陈吉宁宣布开幕 — fromOfficial's reading, with the register's names).
 */
const actorBetween = new RegExp(`${issuing}|书记|主任|局长|部长|厅长|总理|省长|市长|主席|行长|所长|院长|负责人|委员`);
/** A medium's marks on a report it wrote: its reporter, its dateline, its sources (据…, …消息), its article. */
const reportersMark = /记者|报道|报导|日电|日讯|本报|本网|文章|本文|消息|[据援]引|据介绍|获悉/;
/** Words no body's name holds: a cut of a clause holding them has run into what the body did. */
const actWords = new RegExp(`${issuing}|${leadActs}|[在就将于]`);

/**
 * The last reading of a report's issuer: the body that a clause of its first three sentences starts with
 * and that acts in it (…实现数据要素高效流通，中国证监会提出以下措施; 2024年10月18日，国家数据局就其起草的《…》
 * 向社会公开征求意见) — the subject of the lead, as a reader finds it when no pattern of a document's form
 * holds. A known body, or one whose name gives its tier and place (bodiesIn; 本市数据局 is no one's); a
 * sentence that opens recalling history (2024年以来，…) or a clause that sets the time of what follows
 * (…部署专项行动后) names none, nor one acting on another's instruction (为贯彻落实市委…: 市委 is no subject).
 * A text speaking as the body (its document, its site's news), not a medium's report (reportersMark): a
 * report's lead subject is what it reports on, and its copies, credited to that body's tier where the grouping
 * had not joined them to the body's own, ran stories twice (days e, o, at, ax, bd: 7 → 13 on the 68 days).
 * Nor a report that a body issued a named document (…印发的《…》9月8日公布): it takes the issuer the
 * document's own copies give (analyze/day.ts, issuerOfDocument).
 */
function fromClauseSubject(body: string, directory: SourceDirectory): IssuerReading | null {
  if (reportersMark.test(body.slice(0, 300))) return null;
  for (const sentence of body.slice(0, 300).split(/(?<=[。！？!?\n])/).slice(0, 3)) {
    // A clause after one that recalls (2024年以来，国务院和省政府出台多项政策…) is history too, the sentence's background.
    if (recalling.test(sentence.split(/[，,；;：:]/)[0]!)) continue;
    for (const raw of sentence.split(/[。！？!?；;，,：:\n]/)) {
      const clause = raw.trim().replace(leadIn, '').replace(clauseTime, '');
      // A clause of time is the background of what follows (国家数据局发布《…》后，本文逐项解读…).
      if (citing.test(clause) || /(?:后|以后|之后|以来|之际|期间|时)$/.test(clause)) continue;
      // The longest name that acts, not run into its act (…数据管理局在政务外网部署 is no name).
      const acts = (end: number, bodies: { name: string }) => {
        const act = subjectActs.exec(clause.slice(end));
        return !actWords.test(clause.slice(0, end)) && act !== null && !actorBetween.test(act[1]!) && !isRelativeName(bodies.name);
      };
      const head = clauseHead(clause, directory, acts);
      if (head) return { ...head.bodies, how: 'lead', evidence: clause.slice(0, head.end + 12) };
    }
  }
  return null;
}

/** The body a document names as its interpreter: 本细则由市发展改革委负责解释 (the closing article of most rules). */
function fromInterpretationClause(place: PlaceContext, body: string, directory: SourceDirectory): IssuerReading | null {
  const clause = /本(?:办法|细则|方案|措施|规定|规则|意见|通知|政策|指引|指南|规划|计划|条例|实施方案|若干措施)[^。\n]{0,8}?由([\u4e00-\u9fff、]{3,40}?)负责解释/.exec(body);
  // 由市发展改革委: the body named relative to the place the title names.
  const found = clause ? bodiesIn(withPlaceNamed(clause[1]!, place), directory) : null;
  return found && directory.tierOf(found.name) !== null ? { ...found, how: 'lead', evidence: clause![0] } : null;
}

/**
 * The government that held an executive meeting: 九届市政府第65次常务会议 is the city's people's government,
 * the city being the one place of that level the title or the report names (结合嘉兴实际).
 */
function fromExecutiveMeeting(title: string, body: string, directory: SourceDirectory): IssuerReading | null {
  const text = `${title}\n${body.slice(0, 600)}`;
  // The State Council's own (国务院总理李强12日主持国务院常务会议, 国常会部署…), held not cited, as a place's below.
  const national = /(?:召开|主持)(?:召开)?国务院(?:第[\d一二三四五六七八九十百]+次)?常务会议|^国常会/m.exec(text);
  if (national) return centralBody('国务院', national[0], directory);
  // Held, not cited: 经市政府常务会议审议通过 names who approved a document, not who issued it.
  const meeting = /(?:召开|主持)([\u4e00-\u9fff]{0,12}?)([省市])(?:人民)?政府(?:第[\d一二三四五六七八九十百]+次)?常务会议/.exec(text);
  if (!meeting) return null;
  const named = leadingDivisions(`${meeting[1]!}${meeting[2]!}`.replace(/^.*?届/, ''));
  const place =
    named.at(-1)?.matched ??
    (meeting[2] === '省'
      ? only(directory.provinces().filter((p) => text.includes(p.short)).map((p) => p.place))
      : only([...prefecturesIn(text)]));
  return place ? { name: `${place}人民政府`, partners: null, how: 'lead', evidence: meeting[0] } : null;
}

/** The one member of a list, or null when it has none or several. */
function only(names: readonly string[]): string | null {
  return names.length === 1 ? names[0]! : null;
}

/**
 * The place a name starts with, as a body of that place is named: the innermost division, and a county or
 * district with the prefecture or municipality the name writes before it (天津市东丽区…, 宁波市鄞州区…: a
 * county-level body's full name; 河北省廊坊市… is 廊坊市's, a prefecture's name stands alone). Else the place
 * by its form where the divisions list does not hold it.
 */
function leadingPlace(name: string): string | undefined {
  const run = leadingDivisions(name);
  const [outer, inner] = [run.at(-2), run.at(-1)];
  if (inner && outer && inner.division.level === 'county' && (outer.division.level === 'prefecture' || directMunicipality.test(outer.matched))) return `${outer.matched}${inner.matched}`;
  // By form only where the words before 市 are a place's: not 关于深化上市(公司), not a sentence (…在市). A
  // province the list lacks there is none: 数字强省建设…工作要点 names no place (day-y).
  const byForm = placeByForm.exec(name)?.[0];
  return inner?.matched ?? (byForm && !/^关于|上市$|[的在和与于]/.test(byForm) ? byForm : undefined);
}

/**
 * A document that names its place and no body (十堰市低空经济高质量发展实施方案, 廊坊市人工智能算力券实施细则)
 * is credited, as the press credits it, to that place's people's government (leadingPlace); so is an
 * interpretation of such a document that names no interpreter (《郑州市…行动方案》政策解读), and a report
 * of its issuing that names no issuer.
 */
function fromPlace(title: string, body: string): IssuerReading | null {
  const named = isDocumentItself(title) ? title : (explainedDocument(title, body) ?? issuedDocument(title, body));
  if (!named) return null;
  // A place's 条例 is a local regulation, passed by its people's congress standing committee: a
  // government's rules may not be called 条例 (规章制定程序条例, Article 6).
  const regulation = /条例(?:[（(].{1,12}[)）])?$/.test(named);
  // A special economic zone is its city's: 深圳经济特区…条例 is 深圳市's.
  const place = leadingPlace(named)?.replace(/^(.+?)经济特区$/, '$1市');
  if (!place || !tierByForm(place)) return regulation ? nationalRegulation(named) : null;
  return { name: `${place}${regulation ? '人民代表大会常务委员会' : '人民政府'}`, partners: null, how: 'place', evidence: named };
}

/**
 * A 条例 that names no place, the Party or a draft is an administrative regulation, the State Council's
 * (行政法规制定程序条例, Article 5: 行政法规的名称一般称“条例”): 网络数据安全管理条例, met as word-salad copies
 * headed 受权发布丨… (day-cf). Null for another.
 */
function nationalRegulation(named: string): IssuerReading | null {
  return /^(?:中国共产党|中共|党)|草案|征求意见|送审稿|实施细则|示范/.test(named) ? null : { name: '国务院', partners: null, how: 'place', evidence: named };
}

const directMunicipality = /^(?:北京|上海|天津|重庆)市$/;
/** A place by the form of its name (…市, …自治州, …县, …区), for one the divisions list lacks: not 市值, 区域, 区块. */
const placeByForm = new RegExp(String.raw`^[\u4e00-\u9fff]{2,8}?(?:${CITY_END}(?!值)|自治州|县|区(?!域|块))`);

/** The province and the city a text's relative names (省数据局, 市政府) stand for; null where it is not one. */
interface PlaceContext {
  province: string | null;
  city: string | null;
}

/**
 * The places a document's relative names stand for: those its title names, one of each level at most (a
 * county-level city before its prefecture); when the title names none, the one province and the one
 * prefecture its text names (构筑扬州新型工业化竞争新优势 for 市政府关于…的指导意见).
 */
function placeContext(title: string, body: string, site: string | null, directory: SourceDirectory): PlaceContext {
  const from = (text: string) => {
    const provinces = directory.provinces().filter((p) => text.includes(p.short)).map((p) => p.place);
    const countyCities = [...placesIn(text)].filter((place) => place.endsWith('市') && divisionNamed(place)?.level === 'county');
    const cities = countyCities.length > 0 ? countyCities : [...prefecturesIn(text)].filter((city) => !provinces.includes(city));
    const city = only(cities);
    // A text that names its city and not its province (…寄至杭州市西湖区体育场路479号省经信厅, day-t) is that city's province's.
    const province = provinces.length === 0 && city ? (divisionNamed(city)?.province ?? null) : only(provinces);
    return { province, city, named: provinces.length + cities.length > 0 };
  };
  // A directly governed municipality is its own city: 市政府 in a Shanghai text is 上海市人民政府.
  const direct = (found: PlaceContext & { named: boolean }) => (found.city === null && found.province && directMunicipality.test(found.province) ? { ...found, city: found.province } : found);
  const inTitle = direct(from(title));
  if (inTitle.named) return inTitle;
  const inBody = direct(from(body.slice(0, 1500)));
  // A site no catalog names is its domain: a gov.cn one is its place's government's (jtj.changzhou.gov.cn).
  return inBody.named || !site ? inBody : direct(from(divisionOfGovHost(site)?.name ?? site));
}

/** A page's info line opening a copied text: 来源:浙江省经济和信息化厅 2023/8/10 11:55:03. */
const openingSource = /^\s*来源\s*[:：]\s*([\u4e00-\u9fff（）()]{2,30}?)(?=\s|$|日期|时间|发布)/;

/** Sub-provincial cities, whose people's governments have a 办公厅 where other cities have a 办公室. */
const subProvincialCities = new Set(['广州市', '武汉市', '哈尔滨市', '沈阳市', '成都市', '南京市', '西安市', '长春市', '济南市', '杭州市', '大连市', '青岛市', '深圳市', '厦门市', '宁波市']);

/**
 * A government's document by whom it addresses (各区、县（市）人民政府，市政府各部门、各直属单位：): the
 * people's government of the level whose departments it addresses — its general office when the text says
 * it acts with the government's approval (经市政府同意), as a general office's documents say. A province's
 * and a sub-provincial city's office is a 办公厅, another city's a 办公室. Null without such addressees, or
 * when the text names no place for that level.
 */
function fromAddressees(body: string, place: PlaceContext): IssuerReading | null {
  const addressees = /(?:^|\n)\s*各[^\n：:]{0,60}?(省|市)(?:人民)?政府各(?:部门|委办局|工作部门|直属机构)[^\n：:]{0,30}[：:]/.exec(body.slice(0, 400));
  if (!addressees) return null;
  const government = addressees[1] === '省' ? place.province : place.city;
  if (!government) return null;
  const approved = /经(?:省|市)(?:人民)?政府同意/.exec(body.slice(0, 800));
  const office = addressees[1] === '省' || directMunicipality.test(government) || subProvincialCities.has(government) ? '办公厅' : '办公室';
  return { name: approved ? `${government}人民政府${office}` : `${government}人民政府`, partners: null, how: 'lead', evidence: approved ? `${addressees[0].trim()}…${approved[0]}` : addressees[0].trim() };
}

/** The words before a national document's addressees name the places their departments are of. */
const addresseePlaces = /^(?:各|省|自治区|直辖市|计划单列市|副省级城市|新疆生产建设兵团|及|和|、)+/;

/**
 * The national body whose counterpart a department of the provinces is: 发展改革委 → 国家发展改革委, 财政厅 →
 * 财政部, 工业和信息化主管部门 → 工业和信息化部, 数据局 → 国家数据局. Undefined for one without a national body
 * the registry knows (通信管理局, 中小企业主管部门).
 */
function nationalCounterpart(department: string, directory: SourceDirectory): string | undefined {
  const base = department.replace(/(?:主管部门|厅|局|委员会|委|办)$/, '');
  for (const name of [`国家${department}`, `${base}部`, `国家${base}局`, `${base}总局`, `国家${base}总局`, department]) {
    const known = directory.byName(name);
    if (known && (known.tier === 'national' || known.tier === 'regulator')) return known.name;
  }
  return undefined;
}

/**
 * A national department's notice by whom it addresses (各省、自治区、直辖市及计划单列市、新疆生产建设兵团发展改革委、
 * 数据局、网信办…：; 各省、自治区、直辖市财政厅（局）、中小企业主管部门…：): the national bodies whose counterparts
 * it addresses, in order, the first leading — as a joint notice lists its issuers' counterparts (day-t's
 * 全国一体化算力网 opinions, day-x's 中小企业数字化转型 notice, met on mirrors without title or signature).
 * Null without such addressees, or when none of them has a national body the registry knows.
 */
function fromCounterparts(body: string, directory: SourceDirectory): IssuerReading | null {
  const addressees = /(?:^|\n)\s*(各省[、（(]自治区、直辖市[^\n：:]{2,200}?)[：:]/.exec(body.slice(0, 400));
  if (!addressees) return null;
  const departments = addressees[1]!.replace(/[（(][^）)]{0,12}[)）]/g, '').split(/[、，,]/).map((item) => item.replace(addresseePlaces, '').trim()).filter(Boolean);
  const counterparts = departments.map((department) => nationalCounterpart(department, directory));
  // The lead is the first addressed: one whose first department has no counterpart known is no one's (a
  // spun copy's 新疆临盆建设兵团工业和信息化, day-a, would make its third, 教育部, the lead).
  if (counterparts[0] === undefined) return null;
  const bodies = [...new Set(counterparts.filter((name) => name !== undefined))];
  return { name: bodies[0]!, partners: bodies.length > 1 ? chineseNumber(bodies.length) : null, how: 'lead', evidence: addressees[1]! };
}

/** A body named by its level alone (市数据局, 省政府办公厅, 区委): it stands for the place of the text that names it. */
const relativeName = /^[本我该]?(?:省|市(?!场)|县|区(?!块|域))(?:委|政府|人民政府|[\u4e00-\u9fff]{0,10}?(?:厅|局|委|办|办公室))/;

/** Whether a name is a body named by its level alone (市数据局), which no reader can place. */
export function isRelativeName(name: string): boolean {
  return relativeName.test(name.trim());
}

/**
 * A body named relative to its place (省数据局, 市政府) as the place writes it (河南省数据局): a provincial
 * copy says 省 for its own province, a city's 市 for its own city.
 */
function withPlaceNamed(text: string, place: PlaceContext): string {
  let named = text;
  if (place.province) named = named.replace(/(?<![\u4e00-\u9fff])省(?=[\u4e00-\u9fff]{0,12}?(?:厅|局|委|办|政府))/g, place.province);
  if (place.city) named = named.replace(/(?<![\u4e00-\u9fff])市(?=[\u4e00-\u9fff]{0,12}?(?:局|委|办|政府))/g, place.city);
  return named;
}

/**
 * The issuing body of a document, in this order: the body presenting at a press briefing a report tells of,
 * a leader's signed article, an interpretation's interpreter, a commentary's paper (its closing 来源), the
 * start of its title, the body of an official a headline quotes by name or shows acting (潘功胜：…, 李强出席…; the register of officials), a
 * heading, its 文号, the signature above its closing date, the body it names as interpreter (本办法由…负责
 * 解释), a central work conference or plenum held (中央经济工作会议…举行, 中共二十届三中全会…开幕 → 中共中央), the first sentences of a news copy (of the document its headline speaks of; of the document it explains, for an interpretation), an event's first host, a sector's national
 * work conference, the government that held an executive meeting, an order, an approval, a draft's feedback
 * address or contact, an official who speaks in it (by post, or by name alone when the register of officials
 * lists him in office on the text's day); then the page's 来源 line (or a copied one opening the
 * text) when that names a body, a press attribution or a wire story's agency (新华社北京…电), the government whose departments it addresses, the
 * national bodies whose provincial counterparts it addresses, the people's government (or, for a 条例, the
 * standing committee) of the place a document's title starts with, and last the medium it opens with as
 * having run it (河南日报5月21日刊发…) or its headline credits (人民日报头版：…). Each is read on the normalised
 * text (simplified, without glosses or a portal's 重磅！). Null when none names one: the site that carried
 * it is all that is known.
 */
export function readIssuer(input: IssuerInput, directory: SourceDirectory): IssuerReading | null {
  const found = readIssuerText(input, directory);
  // Read on half-width text; printed as the body signs, with Chinese brackets (浙江省制造业高质量发展（数字经济发展）领导小组办公室, day-bh).
  return found && { ...found, name: chinesePunctuation(signer(found)) };
}

/**
 * The name a reading credits: a department in its own name where it issues a document (a title or signature, 国家数据局
 * 综合司…印发《…》), its body where it only speaks (国家能源局能源节约和科技装备司副司长边广琦介绍, day-bx's briefing).
 */
function signer(found: IssuerReading): string {
  const body = bodyOfDepartment(found.name);
  if (body === found.name || ['title', 'signature', 'docNumber', 'field'].includes(found.how)) return found.name;
  return /关于|印发|发布|出台|公布|联合|通知/.test(found.evidence) && !/司长|负责人/.test(found.evidence) ? found.name : body;
}

function readIssuerText(input: IssuerInput, directory: SourceDirectory): IssuerReading | null {
  // Spaces stay (one each): they separate the bodies of a joint title (国家发展改革委 国家数据局 财政部…).
  const headline = joinSpacedNames(cleanTitle(normaliseText(input.title)).replace(/\s+/g, ' '), directory);
  const text = joinSpacedNames(normaliseText(input.body), directory);
  const place = placeContext(headline, text, input.site ?? null, directory);
  const title = withPlaceNamed(headline, place);
  const body = withPlaceNamed(text, place);
  const on = input.on ?? null;
  // A medium's analysis of an event (titles.MEDIA_ANALYSIS) is the medium's, whatever body's event it reads: its
  // closing 来源, else what names a source (the page's 来源, a wire's dateline), else its site.
  // Read on the headline as published: a portal's cleaning drops a bracketed column name (【央视快评】).
  // …or a column of the broadcaster's its opening names (《时政新闻眼》梳理了…, day-bh).
  const analysis = MEDIA_ANALYSIS.test(normaliseText(input.title)) || /《(?:时政新闻眼|焦点访谈)》/.test(body.slice(0, 300));
  const interpretation = isInterpretation(title, body);
  const found = analysis
    ? (closingPaper(body, directory) ?? broadcasterColumn(`${normaliseText(input.title)}\n${body.slice(0, 300)}`))
    : fromBriefing(title, body, directory, on) ??
    fromSignedArticle(title, body) ??
    // An interpretation is the interpreting body's, whatever document its headline names.
    (interpretation ? fromInterpreter(`${title}\n${body}`, directory) : null) ??
    fromCommentary(title, body, directory) ??
    fromTitle(title, directory) ??
    fromOfficial(title, 'headline', on, directory) ??
    fromHeading(body, directory) ??
    fromIssuerField(body, directory) ??
    (input.docNumber ? fromDocNumber(normaliseText(input.docNumber), directory) : null) ??
    fromSignature(body, directory) ??
    fromInterpretationClause(place, body, directory) ??
    fromCentralSession(title, body, directory) ??
    fromHostSecretary(title, body) ??
    // An interpretation's lead tells of its document, or cites others before it (省委、省政府…印发《河南省…》, day-g).
    (interpretation ? fromLead(body, directory, explainedDocument(title, body) ?? issuedDocument(title, body), true) : fromLead(body, directory, issuedDocument(title, body))) ??
    fromHosts(body, directory) ??
    fromSiteNews(body, directory) ??
    // An interpretation is not the body's whose document it tells of (新华社's 二十届三中全会决定解读, day-t).
    (interpretation ? null : fromDocumentName(body, directory)) ??
    fromWorkConference(body, directory) ??
    fromExecutiveMeeting(title, body, directory) ??
    fromCentralMeeting(title, body, directory) ??
    fromWorkReport(title, body, directory, place) ??
    fromOrder(body, directory) ??
    fromApproval(body, directory) ??
    fromBillReading(body, directory) ??
    fromFeedback(body, directory) ??
    fromBodySpeaking(body, directory) ??
    // Last, whose official speaks in it: 省数据局负责人向…颁发任务书, or one the register knows by name.
    fromInterpreter(body, directory) ??
    fromOfficial(body, 'opening', on, directory);
  if (found) {
    const joint = found.partners ? null : countOnly.exec(`${title}\n${body.slice(0, 200)}`);
    if (joint) return { ...found, partners: joint[1]! };
    // 国家数据局等部门关于印发… writes no count; its signature, seventeen bodies above the date, does.
    const signed = found.partners || found.how === 'signature' ? null : fromSignature(body, directory);
    return signed?.partners && signed.name === found.name ? { ...found, partners: signed.partners } : found;
  }
  // 来源：市数据局 on a city's portal is that city's; a relative name no place resolves is no one's name.
  // A copy may bring the page's info line along as its first line (来源:浙江省经济和信息化厅 2023/8/10).
  const credited = input.repostOf ?? openingSource.exec(body)?.[1] ?? null;
  const named = credited ? withPlaceNamed(normaliseText(credited), place) : null;
  const source = named && !isRelativeName(named) ? bodyNamed(named, directory) : null;
  if (source && (credited === input.repostOf || directory.tierOf(source) !== null)) return { name: source, partners: null, how: 'source', evidence: credited! };
  const cited = fromAttribution(body, directory);
  // A medium's reading of an event (an interpretation, a commentary, an analysis or an expert's talk) is the
  // medium's, whoever acts in its lead.
  const subject = interpretation || analysis || isCommentary(title, body) ? null : fromClauseSubject(body, directory);
  return cited ?? subject ?? fromAddressees(body, place) ?? fromCounterparts(body, directory) ?? fromPlace(title, body) ?? fromMediumOpening(body, directory) ?? fromMediumHeadline(normaliseText(input.title), directory);
}
