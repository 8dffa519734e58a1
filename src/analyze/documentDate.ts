/**
 * When a document was issued, as its own text dates it. A crawl meets old documents again on portals and
 * mirrors that repost them (a year-old action plan on a page dated today); the page's date is the copy's,
 * the closing date under the signature is the document's (GB/T 9704-2012 §7.3.5: 成文日期, in Arabic
 * numerals; older documents write it in Chinese numerals).
 */

import { dateFromUrl } from '../extract/date.ts';
import { BRIEFING_EVENT, GATHERING } from './titles.ts';
import { chineseDigits, chineseValue } from '../util/chineseNumerals.ts';
import { calendarDay } from '../util/time.ts';

export interface DocumentDate {
  /** The closing date, YYYY-MM-DD; null when only the year is known (from the 文号). */
  date: string | null;
  year: number;
  /**
   * Where it was read: the closing date (成文日期, when it was signed), a report's dateline, a report's lead
   * that dates the issuing (国务院办公厅11月7日对外发布《…》), the 文号's year, or the date in the address of
   * a copy (a mirror's /a/202310/12/ page of a document met again today), the period its name gives, the
   * year of a year's plan it is (国务院2023年度立法工作计划), or the year of the event its headline names
   * (2022中国5G+工业互联网大会).
   */
  how: 'closing' | 'dateline' | 'lead' | 'docNumber' | 'address' | 'period' | 'plan' | 'event';
  /** The words that showed it. */
  evidence: string;
}

const arabic = /^((?:19|20)\d{2})[年.\-/](\d{1,2})[月.\-/](\d{1,2})日?$/;
const chinese = /^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** A closing date line (2023年12月31日, 2023-12-31, 二〇二三年十二月三十一日) as YYYY-MM-DD; null for any other line. */
export function closingDate(line: string): string | null {
  // A Party document dates itself in brackets under its title: （2024年9月21日）.
  const text = line.replace(/\s+/g, '').replace(/^[（(](.+)[)）]$/, '$1');
  const a = arabic.exec(text);
  const c = a ? null : chinese.exec(text);
  const [year, month, day] = a
    ? [Number(a[1]), Number(a[2]), Number(a[3])]
    : c
      ? [Number(chineseDigits(c[1]!)), chineseValue(c[2]!)!, chineseValue(c[3]!)!]
      : [0, 0, 0];
  // A real day of a plausible year: 2023年2月31日 and 一〇〇〇年 are typos, not dates.
  return calendarDay(year, month, day);
}

/**
 * A news report's dateline (新华社北京10月9日电, 经济日报北京1月29日讯), the dated source it opens with (据中国民航局网站
 * 7月4日消息, 财新网7月8日综述, day-t: the news is of that day, not of the page that copied it weeks later) or the
 * date it opens with before its actor (7月5日，国务院总理李强主持召开…; 3月5日全国两会期间，…, day-ac); not a photo caption's (7月28日，在2025世界
 * 人工智能大会上，参观者…).
 */
const dateline = /^(?:[^，,。\n]{0,14}?(\d{1,2})\s?月\s?(\d{1,2})\s?日(?:电|讯|消息|报道|综述)|(\d{1,2})\s?月\s?(\d{1,2})\s?日(?:上午|下午|晚间?|[^，,。\n]{2,8}?期间)?[，,\s](?![在从据]|记者|参观|市民|游客|图))/;
/**
 * A report's opening that dates the briefing it tells of (国务院新闻办公室5月10日举行新闻发布会, or the date first:
 * 5月10日国务院新闻办就…举行发布会, day-t): the event's day, as a dateline is the report's.
 */
const briefingHeld = new RegExp(String.raw`^[^，,。；\n]{0,30}?(\d{1,2})\s?月\s?(\d{1,2})\s?日(?:[（(]星期[一二三四五六日天][)）])?(?:上午|下午)?(?:\d{1,2}[时点](?:\d{1,2}分)?)?[^，,。；\n]{0,30}?(?:举行|召开)[^，,。]{0,20}?${BRIEFING_EVENT}`);
/**
 * A communiqué's opening that dates the meeting it reports (中共中央政治局4月28日召开会议), under a subtitle line
 * if it has one (中共中央总书记习近平主持会议): the event's day, as a briefing's is (day-ch met the April 2023
 * meeting as news on 31 July 2024).
 */
const meetingHeld = /^(?:[^。\n]{2,40}\n)?[^，,。；;\n]{2,30}?(\d{1,2})\s?月\s?(\d{1,2})\s?日(?:上午|下午)?召开会议/;
/** A lead that dates the issuing itself: 国务院办公厅11月7日对外发布《…》 (a report's first clause, the body before the date). */
const issuingLead = /^[^，,。；;\n]{2,30}?(\d{1,2})\s?月\s?(\d{1,2})\s?日(?:对外|正式|公开|向社会)?(?:印发|发布|公布|出台)/;

/**
 * An event a report's sentence names with its year: 2022中国算力大会, 2023年世界人工智能大会, 2024全球数字经济
 * 大会 — conferences, forums, summits and fairs are named by the year they are held. Not an annual review held
 * the next year (2024年度…大会) nor a target year (到2027年). Null when the sentence names none.
 */
const namedEvent = /(?<![\d到至~～—-])((?:19|20)\d{2})(?!年度)年?(?:第[一二三四五六七八九十百\d]+届)?[\u4e00-\u9fa5A-Za-z·]{2,16}?(?:大会|论坛|峰会|博览会|展览会|交易会|年会|洽谈会)/g;

/** The event of the latest year the sentence names (继2023…大会之后，2025…大会 is 2025's news), with its year. */
function namedEventOf(sentence: string): { year: number; words: string } | null {
  const events = [...sentence.matchAll(namedEvent)].map((named) => ({ year: Number(named[1]), words: named[0] }));
  return events.sort((a, b) => b.year - a.year)[0] ?? null;
}

/** A policy library's field for the signing date (成文日期：2025-03-08 10:47:09, 发文日期：2024年5月6日), copied with the text. */
const signingField = /(?:成文日期|发文日期|印发日期)\s*[:：]\s*((?:19|20)\d{2}[年.\-/]\d{1,2}[月.\-/]\d{1,2}日?)/;

/**
 * A page's info line copied at the head of a text (2024-02-01 文章来源 中国机器人网, 2024 06/04 17:55:53 来源:新华网,
 * 发布时间：2024年2月1日): the date the text was first published, which a mirror met months later does not change
 * (day-l's 2024 未来产业 opinion and 智能网联汽车 report, met in July).
 */
const copiedInfoLine = /^\s*(?:(?:发布|发表|更新)?(?:时间|日期)\s*[:：]\s*)?((?:19|20)\d{2})[\s./年-]{1,3}(\d{1,2})[./月-](\d{1,2})日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?(?=\s|$)([^\n]{0,40})(?:\n|$)/;

/** The date of an info line the text starts with, when the line is one (a date with its 来源, author or counts; a date alone is a closing date); null otherwise. */
function infoLineDate(body: string): DocumentDate | null {
  const line = copiedInfoLine.exec(body);
  if (!line || !/来源|作者|发布|浏览|点击|阅读|编辑/.test(line[4]!)) return null;
  const date = calendarDay(Number(line[1]), Number(line[2]), Number(line[3]));
  return date ? { date, year: Number(line[1]), how: 'dateline', evidence: line[0].trim() } : null;
}

/**
 * A signature's date with the note the State Council's portal sets under it (2024年3月7日（此件公开发布）,
 * （此件有删减）): a date, though a mirror ran it into the text around it (国务院 2024年3月7日 (此件公开发布)
 * 推动大规模设备更新…, day-ch).
 */
const notedSignature = /((?:19|20)\d{2}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日)\s*[（(]此件(?:公开发布|有删减|主动公开)[)）]/;

/**
 * The date a text's 成文日期 field gives, read within its opening (the info block above the text), or the
 * date its signature bears above the portal's 此件公开发布; null without one.
 */
function signingDate(body: string): DocumentDate | null {
  const field = signingField.exec(body.slice(0, 1500)) ?? notedSignature.exec(body.slice(0, 3000));
  const date = field ? closingDate(field[1]!) : null;
  return date ? { date, year: Number(date.slice(0, 4)), how: 'closing', evidence: field![0] } : null;
}

/**
 * The document's own date: its 成文日期 field where a copy keeps the policy library's info block, else
 * the first closing date on a line of its own (the document's; a consultation page goes on with its
 * draft), else the date of a page's info line copied at its head, else a news report's dateline, the day a briefing it reports was held, or a lead that dates the
 * issuing (国务院办公厅11月7日对外发布《…》),
 * in the year of an event its sentence names with its year (新华社济南7月30日电 在济南开幕的2022中国算力大会…),
 * else in the latest year that does not put it after `metOn`, else the year of its 文号 (国数政策〔2023〕11号 → 2023). Null when the text dates it none of
 * these ways. Takes the normalised body, the 文号 the extractor read, if any, and the day the copy was met
 * (YYYY-MM-DD, Shanghai).
 */
export function documentDate(body: string, docNumber: string | null, metOn: string): DocumentDate | null {
  const signed = signingDate(body);
  if (signed) return signed;
  for (const line of body.split('\n')) {
    const date = closingDate(line);
    if (date) return { date, year: Number(date.slice(0, 4)), how: 'closing', evidence: line.trim() };
  }
  const copied = infoLineDate(body);
  if (copied) {
    // Below it, a report that dates its news is of that day (发布时间:2024-12-01 … 3月5日，习近平总书记参加…时
    // 再次谈到新质生产力, day-ac: a blurb of December on March's event), in the latest year the info line allows.
    const below = documentDate(body.slice(body.indexOf(copied.evidence) + copied.evidence.length), null, copied.date!);
    return below?.date ? { ...below, evidence: `${copied.evidence}…${below.evidence}` } : copied;
  }
  const opening = body.trimStart();
  const byDateline = dateline.exec(opening) ?? briefingHeld.exec(opening) ?? meetingHeld.exec(opening);
  const lead = byDateline ?? issuingLead.exec(opening);
  const [month, day] = lead ? [Number(lead[1] ?? lead[3]), Number(lead[2] ?? lead[4])] : [0, 0];
  const latestYear = Number(metOn.slice(0, 4)) - (`${pad(month)}-${pad(day)}` > metOn.slice(5) ? 1 : 0);
  // An event named with its year in the same sentence (2022中国算力大会) dates a report met years later.
  // So does the year whose work a meeting deploys (会议总结了2022年工作，部署2023年重点任务).
  const deployed = /部署((?:19|20)\d{2})年/.exec(opening.slice(0, 200));
  const named = lead ? (namedEventOf(opening.slice(0, opening.search(/[。\n]|$/))) ?? (deployed ? { year: Number(deployed[1]), words: deployed[0] } : null)) : null;
  const event = named && named.year < latestYear ? named : null;
  // A lead that writes the year itself (国务院新闻办公室于2019年2月27日(星期三)下午…举行新闻发布会, day-o) is of that year.
  const written = lead ? /((?:19|20)\d{2})\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日[^月]*$/.exec(lead[0]) : null;
  const writtenYear = written && Number(written[1]) <= latestYear ? Number(written[1]) : null;
  const leadYear = writtenYear ?? event?.year ?? latestYear;
  // A day of that year's calendar: 2月29日 of a common year, 2月30日 and 13月1日 date nothing.
  const date = lead ? calendarDay(leadYear, month, day) : null;
  if (lead && date) return { date, year: leadYear, how: byDateline ? 'dateline' : 'lead', evidence: event ? `${lead[0]}…${event.words}` : lead[0] };
  const year = docNumber ? /[〔［[（(﹝]((?:19|20)\d{2})[〕］\]）)﹞]/.exec(docNumber) : null;
  return year ? { date: null, year: Number(year[1]), how: 'docNumber', evidence: docNumber! } : null;
}

/**
 * The date a copy's address carries, which the document is no later than: a full date as CMSs write it
 * (extract/date.ts dateFromUrl: /t20231012_, /a/202310/12/), else a year and month folder (/202312/,
 * dated its month's last day). Null for an address without one.
 */
export function addressDate(url: string): DocumentDate | null {
  const full = dateFromUrl(url);
  if (full) return { date: full.slice(0, 10), year: Number(full.slice(0, 4)), how: 'address', evidence: url };
  const month = /\/((?:19|20)\d{2})(0[1-9]|1[0-2])\//.exec(url);
  if (!month) return null;
  const [year, number] = [Number(month[1]), Number(month[2])];
  const last = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return { date: `${year}-${pad(number)}-${pad(last)}`, year, how: 'address', evidence: url };
}

/**
 * The first year of the period a document's name gives (…行动方案（2023—2024年）), when that period began before
 * the year the copy was met in: such a plan was issued by the end of that year, as plans are issued before or
 * as their period begins (day-n's 深圳 plan for 2023—2024, met in March 2024 as new). Null for a name without a
 * period, or one that begins in the year it was met or later.
 */
export function periodStart(name: string, metOn: string): DocumentDate | null {
  const period = /[（(]((?:19|20)\d{2})\s*[—–\-~～至到]\s*(?:19|20)\d{2}年?[)）]/.exec(name);
  const start = period ? Number(period[1]) : null;
  return start !== null && start < Number(metOn.slice(0, 4)) ? { date: null, year: start, how: 'period', evidence: period![0] } : null;
}

/**
 * The year of a year's plan a document's name gives (国务院2023年度立法工作计划, 2024年数字乡村发展工作要点), when
 * that year is before the year the copy was met in: a year's work plan is issued in its year (day-ax met the
 * State Council's 2023 legislative plan in May 2024, reported as 近日印发). A report on a year's plan
 * (…计划执行情况…的报告) is not one: the name must end with the plan. Null otherwise.
 */
export function planYear(name: string, metOn: string): DocumentDate | null {
  const plan = /((?:19|20)\d{2})年度?[\u4e00-\u9fff]{0,16}?(?:工作计划|工作要点|立法计划|工作安排)$/.exec(name);
  const year = plan ? Number(plan[1]) : null;
  return year !== null && year < Number(metOn.slice(0, 4)) ? { date: null, year, how: 'plan', evidence: plan![0] } : null;
}

/** An annual gathering named with its year (2022中国5G+工业互联网大会, 2024年第七届…峰会). */
const annualEvent = new RegExp(String.raw`(?<!\d)((?:19|20)\d{2})年?(?:第[一二三四五六七八九十百\d]+届)?[\u4e00-\u9fffA-Za-z0-9+＋·]{2,24}?${GATHERING}`);

/**
 * The year of an annual event a headline names by it (2022中国5G+工业互联网大会新闻发布会, 张云明出席2024中国5G+
 * 工业互联网大会开幕式), when that year is before the year the copy was met in: such a report is of that year at
 * the latest (day-as met both in November 2025). Null for a headline that names no such event, or one of the
 * year it was met in or later.
 */
export function eventYear(title: string, metOn: string): DocumentDate | null {
  const event = annualEvent.exec(title);
  const year = event ? Number(event[1]) : null;
  return year !== null && year < Number(metOn.slice(0, 4)) ? { date: null, year, how: 'event', evidence: event![0] } : null;
}

/** The most days back an announced date is read in the year met: further back, the event is next year's. */
const ANNOUNCED_WITHIN_DAYS = 300;

/**
 * The day of an event a text announces as still to come (第七届数字中国建设峰会将于5月24日至25日在福建福州举行; 会议决定，
 * 二十届四中全会于10月20日至23日在北京召开, day-q), when
 * that day is before `metOn` (YYYY-MM-DD, the day the copy was met) in its year: the text was written before the
 * event, so it is at least that old (day-bv met May's notice of the 数字中国 summit on 28 August). Null for a text
 * that announces none, or whose day is still ahead — or so far back that it means next year's.
 */
export function announcedEvent(body: string, metOn: string): DocumentDate | null {
  const announced = /(?:将于|定于|拟于|决定[^。；]{0,20}?于)(\d{1,2})月(\d{1,2})日(?:至\d{1,2}日)?[^。，；]{0,24}?(?:举行|举办|召开|开幕|启动)/.exec(body.slice(0, 400));
  const date = announced ? calendarDay(Number(metOn.slice(0, 4)), Number(announced[1]), Number(announced[2])) : null;
  if (!date || date >= metOn) return null;
  const dated: DocumentDate = { date, year: Number(date.slice(0, 4)), how: 'event', evidence: announced![0] };
  return daysBefore(dated, metOn) <= ANNOUNCED_WITHIN_DAYS ? dated : null;
}

/**
 * How many days before `day` (YYYY-MM-DD, the day a copy was met) the document was issued, at least: from
 * its closing date, or from the last day of its 文号's year. Zero or less for a document of that day or later.
 */
export function daysBefore(dated: DocumentDate, day: string): number {
  const issued = dated.date ?? `${dated.year}-12-31`;
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${issued}T00:00:00Z`)) / 86_400_000);
}
