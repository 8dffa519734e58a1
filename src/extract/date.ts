import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { chineseDigits, chineseValue } from '../util/chineseNumerals.ts';
import { plausibleYear, shanghaiIso, toShanghaiIso } from '../util/time.ts';
import { archivedFrom } from '../util/url.ts';
import { oneLine, spacedText } from './text.ts';

/** Meta tags (name, property or itemprop) that carry the publication time, most specific first. */
const metaNames = [
  'PubDate', 'pubdate', 'publishdate', 'PublishDate', 'firstpublishedtime', 'Maketime',
  'article:published_time', 'og:published_time', 'og:article:published_time', 'datePublished', 'DC.date.issued', 'DC.date',
  'dcterms.created', 'dcterms.date', 'citation_publication_date', 'publication_date', 'parsely-pub-date', 'sailthru.date',
  'og:release_date', 'release_date', 'date', 'schema:datePublished', 'schema:dateCreated', 'dateCreated',
];

/** Month names and abbreviations of the languages the pages are written in (English, German, French, Italian, Spanish). */
const monthNames: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  januar: 1, februar: 2, märz: 3, maerz: 3, mär: 3, mrz: 3, mai: 5, juni: 6, juli: 7, okt: 10, oktober: 10, dez: 12, dezember: 12,
  janvier: 1, février: 2, fév: 2, mars: 3, avril: 4, avr: 4, juin: 6, juillet: 7, juil: 7, août: 8, septembre: 9, octobre: 10, novembre: 11, décembre: 12, déc: 12,
  gen: 1, gennaio: 1, febbraio: 2, marzo: 3, aprile: 4, mag: 5, maggio: 5, giu: 6, giugno: 6, lug: 7, luglio: 7, ago: 8, agosto: 8, set: 9, settembre: 9, ott: 10, ottobre: 10, dic: 12, dicembre: 12,
  ene: 1, enero: 1, febrero: 2, abr: 4, abril: 4, mayo: 5, junio: 6, julio: 7, septiembre: 9, octubre: 10, noviembre: 11, diciembre: 12,
};

function monthOf(name: string): number | undefined {
  const lower = name.toLowerCase().replace(/\.$/, '');
  return monthNames[lower] ?? monthNames[lower.slice(0, 3)];
}

/** A date found in a text, and where: the earliest of several spellings is the one printed first. */
interface FoundDate {
  at: number;
  iso: string;
}

/**
 * Dates written the European and English ways: 20.05.2024, 20. Mai 2024, May 20, 2024, 20 May 2024,
 * and with slashes, 20/05/2024 (month first only where the day cannot be a month, or on English pages).
 */
function writtenDates(text: string, monthFirstSlashes: boolean): FoundDate[] {
  const found: FoundDate[] = [];
  const add = (at: number, iso: string | null) => {
    if (iso) found.push({ at, iso });
  };
  for (const dotted of text.matchAll(/\b(\d{1,2})\.\s?(\d{1,2})\.\s?(20\d{2}|19\d{2})\b/g)) add(dotted.index, shanghaiIso(Number(dotted[3]), Number(dotted[2]), Number(dotted[1])));
  for (const dayFirst of text.matchAll(/\b(\d{1,2})\.?\s+(?:de\s+)?([A-Za-zÀ-ÿ]{3,10}\.?)\s+(?:de\s+)?(20\d{2}|19\d{2})\b/g)) {
    const month = monthOf(dayFirst[2]!);
    if (month) add(dayFirst.index, shanghaiIso(Number(dayFirst[3]), month, Number(dayFirst[1])));
  }
  for (const monthFirst of text.matchAll(/\b([A-Za-zÀ-ÿ]{3,10}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(20\d{2}|19\d{2})\b/g)) {
    const month = monthOf(monthFirst[1]!);
    if (month) add(monthFirst.index, shanghaiIso(Number(monthFirst[3]), month, Number(monthFirst[2])));
  }
  for (const slashed of text.matchAll(/\b(\d{1,2})\/(\d{1,2})\/(20\d{2}|19\d{2})\b/g)) {
    const [a, b] = [Number(slashed[1]), Number(slashed[2])];
    const monthIsFirst = b > 12 || (a <= 12 && monthFirstSlashes);
    const [month, day] = monthIsFirst ? [a, b] : [b, a];
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) add(slashed.index, shanghaiIso(Number(slashed[3]), month, day));
  }
  return found;
}

/**
 * Full-width digits and the marks between a date's parts (２０２６－０６－１８\u3000１０：３０) as ASCII, the way
 * pages typed in a Chinese input method print them. One character for one, so offsets into the text hold.
 */
function halfWidth(text: string): string {
  return text.replace(/[０-９－／．：]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Every date a text prints, in the Chinese and ISO spellings and the written ones. */
function datesIn(printed: string, monthFirstSlashes: boolean): FoundDate[] {
  const text = halfWidth(printed);
  const found = writtenDates(text, monthFirstSlashes);
  for (const chinese of text.matchAll(everyDateTime)) {
    const iso = parseChineseDateTime(chinese[0]);
    if (iso) found.push({ at: chinese.index, iso });
  }
  return found;
}

/** The one of several dates found that comes first in its text. */
function earliest(found: FoundDate[]): string | null {
  return found.sort((a, b) => a.at - b.at)[0]?.iso ?? null;
}

function parseWrittenDate(text: string, monthFirstSlashes = false): string | null {
  return earliest(writtenDates(text, monthFirstSlashes));
}

/** The date a text prints first. */
function firstDateIn(text: string, monthFirstSlashes: boolean): string | null {
  return earliest(datesIn(text, monthFirstSlashes));
}

/**
 * The date printed closest to the headline, above or below it: farther above sits the header's
 * date of today (今天是…, Mittwoch, 26.02.2020), farther below the sidebar's and the comments'.
 */
function closestDate(above: string, below: string, monthFirstSlashes: boolean): string | null {
  const candidates = [
    ...datesIn(above, monthFirstSlashes).map((found) => ({ iso: found.iso, distance: above.length - found.at })),
    ...datesIn(below, monthFirstSlashes).map((found) => ({ iso: found.iso, distance: found.at })),
  ];
  return candidates.sort((a, b) => a.distance - b.distance)[0]?.iso ?? null;
}

/** datePublished from JSON-LD, at the top level or in an @graph. */
function jsonLdDate($: CheerioAPI, scripts: readonly Element[]): string | null {
  for (const script of scripts) {
    let data: unknown;
    try {
      data = JSON.parse($(script).text());
    } catch {
      continue;
    }
    const nodes = [data, ...((data as { '@graph'?: unknown[] })?.['@graph'] ?? [])].flat();
    for (const node of nodes) {
      const value = (node as { datePublished?: unknown } | null)?.datePublished;
      const parsed = typeof value === 'string' ? parseChineseDateTime(value) : null;
      if (parsed) return parsed;
    }
  }
  return null;
}

const dateTime = /(20\d{2}|19\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2}))?)?/;
/** The same, for every date-time in a text (matchAll copies it, so sharing it is safe). */
const everyDateTime = new RegExp(dateTime.source, 'g');

/** RFC 822 dates of RSS: Thu, 18 Jun 2026 10:00:00 +0800 (or GMT). */
const rfc822 = /^\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+(\d{4})\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[+-]\d{4}|[A-Z]{1,4})\s*$/;

/** A zone offset as ISO 8601 writes it (Z, +08:00, -0500) that a place on Earth has: at most 14 hours. */
function realOffset(zone: string): boolean {
  const [, hours, minutes] = /^[+-](\d{2}):?(\d{2})$/.exec(zone) ?? [];
  return zone === 'Z' || (Number(hours) <= 14 && Number(minutes) <= 59);
}

/** A date in Chinese numerals, as a document's signing date is written: 二〇二六年六月十八日. */
const chineseNumeralDate = /([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/;

/**
 * Reads a date-time written on a Chinese page: in ASCII or full-width digits, or in Chinese numerals.
 * A time without a zone is Shanghai wall-clock time; a time with one (2026-06-18 02:00:00 +00:00, with a
 * T or a space) keeps it. Null when the text writes no real date-time of a plausible year (1900–2099,
 * util/time.ts) with, where it gives one, a real offset (at most ±14:00).
 */
export function parseChineseDateTime(written: string): string | null {
  const text = halfWidth(written);
  // Date reads a year 0001 as 2001: the year written must be a plausible one.
  const rss = rfc822.exec(text);
  if (rss && plausibleYear(Number(rss[1]))) {
    // On a Chinese feed CST is China Standard Time (+08:00), not the US Central time Date reads it as.
    const instant = new Date(text.replace(/\bCST\s*$/, '+0800'));
    if (!Number.isNaN(instant.getTime())) return toShanghaiIso(instant);
  }
  // With a space for the T, only after seconds: 09:30-12:00 is a meeting's hours, not a time in zone -12:00.
  const iso = /(\d{4}-\d{2}-\d{2})(?:T| (?=\d{2}:\d{2}:\d{2}))(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)? ?(Z|[+-]\d{2}:?\d{2})(?![\d:])/.exec(text);
  // Its calendar day and clock checked as written (Date would take 2026-02-30 for March 2nd), its zone kept.
  const [, day, hour, minute, second = '00', zone] = iso ?? [];
  // Its year plausible and its offset a real one: +99:99 gives a string no Date can read.
  if (day && plausibleYear(Number(day.slice(0, 4))) && realOffset(zone!) && shanghaiIso(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8)), Number(hour), Number(minute), Number(second))) {
    return `${day}T${hour}:${minute}:${second}${zone === 'Z' ? '+00:00' : zone!.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`;
  }
  const match = dateTime.exec(text);
  if (match) {
    const [, y, mo, d, h, mi, s] = match;
    return shanghaiIso(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
  }
  const chinese = chineseNumeralDate.exec(text);
  const year = chinese ? Number(chineseDigits(chinese[1]!)) : 0;
  return chinese && plausibleYear(year) ? shanghaiIso(year, chineseValue(chinese[2]!) ?? 0, chineseValue(chinese[3]!) ?? 0) : null;
}

/**
 * A date written in the URL the way government CMSs and news sites do: /t20260618_…, /202606/18/,
 * /20260618/, /2012-06/04/ (新华网), /2019/0615/ (人民网), /2019/10/22/, /2019-10-22/ and /2024-3-5/ (blogs). An archived copy's
 * address is read for the original's.
 */
export function dateFromUrl(url: string): string | null {
  const address = archivedFrom(url);
  const patterns = [/(?:\/t|\/|_)(20\d{2})(\d{2})(\d{2})(?:[_/.]|\d)/, /\/(20\d{2})-?(\d{2})\/(\d{2})\//, /\/(20\d{2})\/(\d{2})(\d{2})\//, /\/(20\d{2})([/-])(\d{1,2})\2(\d{1,2})\//];
  for (const pattern of patterns) {
    const match = pattern.exec(address);
    // The blog form may write its month and day with one digit (/2024-3-5/) and captures its separator.
    const [year, month, day] = match?.length === 5 ? [Number(match[1]), Number(match[3]), Number(match[4])] : [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])];
    if (match && month >= 1 && month <= 12 && day >= 1 && day <= 31) return shanghaiIso(year, month, day);
  }
  return null;
}

/** Whole days between two ISO dates' calendar days. */
function daysApart(a: string, b: string): number {
  return Math.abs(Date.parse(a.slice(0, 10)) - Date.parse(b.slice(0, 10))) / 86_400_000;
}

/** Meta names that say "a date", not which: a CMS may fill them with the last change. */
const vagueMetaNames = new Set(['date', 'DC.date', 'dcterms.date']);

/**
 * What a page's date is read from, gathered in one walk over the page instead of a query each (there were
 * 24 for the meta names alone). `meta` holds each metadata name's content, from the first element that
 * gives the name: a <meta name>, or any element with a content attribute and that property or itemprop
 * (RDFa and microdata put the same on any element: <span property="schema:dateCreated" content="…">).
 * The elements are those the queries' first match or matches, in page order, would be.
 */
interface DateSources {
  meta: Map<string, string | undefined>;
  /** script[type="application/ld+json"] */
  jsonLd: Element[];
  /** script:not([src]) */
  inlineScripts: Element[];
  /** The first time[itemprop="datePublished"] or time[pubdate]. */
  publishedTime?: Element;
  /** The first time[datetime]: what the query "article time[datetime], time[datetime]" gave, a union's matches coming in page order. */
  anyTime?: Element;
  html?: Element;
  body?: Element;
  h1?: Element;
}

function dateSources($: CheerioAPI): DateSources {
  const sources: DateSources = { meta: new Map(), jsonLd: [], inlineScripts: [] };
  const note = (name: string | undefined, content: string | undefined) => {
    if (name !== undefined && !sources.meta.has(name)) sources.meta.set(name, content);
  };
  for (const element of $('meta, [content], script, time, html, body, h1').toArray()) {
    const { name, property, itemprop, content, type, src, pubdate, datetime } = element.attribs;
    if (element.name === 'meta') note(name, content);
    if (content !== undefined) {
      note(property, content);
      note(itemprop, content);
    }
    if (element.name === 'script') {
      // A selector compares type case-blind in HTML, as browsers do.
      if (type?.toLowerCase() === 'application/ld+json') sources.jsonLd.push(element);
      if (src === undefined) sources.inlineScripts.push(element);
    } else if (element.name === 'time') {
      if (itemprop === 'datePublished' || pubdate !== undefined) sources.publishedTime ??= element;
      if (datetime !== undefined) sources.anyTime ??= element;
    } else if (element.name === 'html') sources.html ??= element;
    else if (element.name === 'body') sources.body ??= element;
    else if (element.name === 'h1') sources.h1 ??= element;
  }
  return sources;
}

/** A date from metadata, read where the page states it; `vague` when only a vague name gave it. */
function metadataDate($: CheerioAPI, sources: DateSources): { iso: string; vague: boolean } | null {
  for (const name of metaNames) {
    // Only the name's first element counts: a later one with a parseable date does not stand in for it.
    const content = sources.meta.get(name);
    const parsed = content ? parseChineseDateTime(content) : null;
    if (parsed) return { iso: parsed, vague: vagueMetaNames.has(name) };
  }
  const fromJsonLd = jsonLdDate($, sources.jsonLd) ?? timeElementDate($, sources.publishedTime);
  return fromJsonLd ? { iso: fromJsonLd, vague: false } : null;
}

/** A <time> element's date: its datetime attribute, else its text. */
function timeElementDate($: CheerioAPI, element: Element | undefined): string | null {
  if (!element) return null;
  return parseChineseDateTime(element.attribs.datetime ?? '') ?? parseChineseDateTime($(element).text());
}

/**
 * The publication time of an article: meta tags, JSON-LD and <time itemprop=datePublished>, then a
 * labelled date on the page, the URL, the date printed closest to the headline, any <time>, the head of
 * the page, script state and a wiki's last edit. `headline` is the extracted title, to find where the
 * article starts in the page's text. A page that labels its time relatively (发布时间：3小时前) is dated from
 * `fetchedAt` (the response's Date header, ISO 8601), or not at all: never by a sidebar's dated teaser.
 */
export function extractPublishedAt($: CheerioAPI, url: string, headline = '', fetchedAt?: string): string | null {
  const sources = dateSources($);
  const metadata = metadataDate($, sources);
  const fromMetadata = metadata?.iso ?? null;
  // A timestamp with its own zone, other than UTC, is the publisher's own: the page need not be read.
  const givenInUtc = fromMetadata !== null && /(?:Z|[+-]00:00)$/.test(fromMetadata);
  if (metadata && !givenInUtc && !metadata.vague) return metadata.iso;
  const pageText = spacedText(sources.body);
  const h1 = sources.h1 ? oneLine($(sources.h1).text()) : '';
  const title = headline && pageText.includes(headline) ? headline : h1;
  const at = title ? pageText.indexOf(title) : -1;
  // Around the headline, not in it: a headline may name a date of its own (Tagung am 26. 2. 2015).
  const monthFirstSlashes = /^en/i.test(sources.html?.attribs.lang ?? '');
  const printed = at >= 0 ? closestDate(pageText.slice(Math.max(0, at - 300), at), pageText.slice(at + title.length, at + title.length + 1500), monthFirstSlashes) : null;
  if (metadata?.vague) return printed ?? metadata.iso;
  if (fromMetadata) {
    // A timestamp given in UTC falls on the day before or after the one the publisher printed, near
    // midnight: the printed day is the one its readers saw.
    return printed && daysApart(printed, fromMetadata) === 1 ? printed : fromMetadata;
  }
  const relative = relativeLabelled(pageText, fetchedAt);
  if (relative !== undefined) return relative;
  const fromLabel = labelledDate(pageText, monthFirstSlashes);
  const head = pageText.slice(0, 3000);
  // The URL gives the day only: the same day printed near the headline adds the time.
  const fromUrl = dateFromUrl(url);
  const urlDay = fromUrl && printed?.slice(0, 10) === fromUrl.slice(0, 10) ? printed : fromUrl;
  // Any <time> comes after what the article prints: the first on a page may be a sidebar's or a comment's.
  return fromLabel ?? urlDay ?? printed ?? timeElementDate($, sources.anyTime) ?? parseChineseDateTime(head) ?? parseWrittenDate(head, monthFirstSlashes) ?? scriptDate($, sources.inlineScripts) ?? lastEdited(pageText, monthFirstSlashes);
}

/**
 * Labels of a date, strongest first: the publication's own (发布时间, Erschienen am), a bare 时间 or 日期,
 * then the day the document was signed (成文日期, 发文日期), which a policy library lists before the day
 * it was published.
 */
const dateLabels = [
  /(?:(?:发布|发稿|发表|上线)(?:时间|日期)\s*[:：]|(?:发布|发表)于\s*[:：]?|(?:Erschienen am|Veröffentlicht am|Published(?: on)?|Publié le|Pubblicato il|Publicado el)\s*:?|(?:Gespeichert|Verfasst|Geschrieben|Eingestellt) von \S{1,40} am|(?:Posted|Submitted|Written) by \S{1,40} on)\s*([^\s].{0,30})/,
  /(?<![\u4e00-\u9fff])(?:时间|日期)\s*[:：]\s*([^\s].{0,30})/,
  /(?:成文|发文|印发)日期\s*[:：]\s*([^\s].{0,30})/,
];

/** A time a news page prints relative to when it is read: 25分钟前, 3小时前, 2天前, 刚刚, 今天 09:30, 昨天 18:05. */
const relativeTime = /^(?:(\d{1,3})\s*(分钟|小时|天)前|(刚刚)|(今天|昨天|前天)\s*(\d{1,2})[:：](\d{2}))/;

/**
 * The time a page's date label gives relatively, resolved against `fetchedAt` (ISO 8601): null when the
 * label is relative and the fetch time unknown, undefined when the label is not relative (or absent).
 */
function relativeLabelled(pageText: string, fetchedAt: string | undefined): string | null | undefined {
  const value = dateLabels[0]!.exec(pageText)?.[1];
  const relative = value ? relativeTime.exec(value) : null;
  if (!relative) return undefined;
  const fetched = fetchedAt ? new Date(fetchedAt) : null;
  if (!fetched || Number.isNaN(fetched.getTime())) return null;
  const [, count, unit, justNow, day, hour, minute] = relative;
  let resolved: string | null;
  if (justNow) resolved = toShanghaiIso(fetched);
  else if (count) {
    const minutes = Number(count) * (unit === '分钟' ? 1 : unit === '小时' ? 60 : 1440);
    resolved = toShanghaiIso(new Date(fetched.getTime() - minutes * 60_000));
  } else {
    const back = day === '今天' ? 0 : day === '昨天' ? 1 : 2;
    const shanghai = new Date(Date.parse(`${toShanghaiIso(fetched).slice(0, 10)}T00:00:00Z`) - back * 86_400_000);
    resolved = shanghaiIso(shanghai.getUTCFullYear(), shanghai.getUTCMonth() + 1, shanghai.getUTCDate(), Number(hour), Number(minute));
  }
  // A Date header of the year 99999 is a date to Date, but it dates no page (+099999-01-01T…).
  return resolved && plausibleYear(Number(resolved.slice(0, 4))) ? resolved : null;
}

function labelledDate(pageText: string, monthFirstSlashes: boolean): string | null {
  for (const label of dateLabels) {
    const value = label.exec(pageText)?.[1];
    const parsed = value ? (parseChineseDateTime(value) ?? parseWrittenDate(value, monthFirstSlashes)) : null;
    if (parsed) return parsed;
  }
  return null;
}

/** A wiki page's date is its last edit: 此页面最后编辑于2020年1月29日, last edited 2019-11-10, zuletzt am 29. Januar 2020 geändert. */
const lastEditedLabel = /(?:最后(?:编辑|修改|修订)于|last (?:edited|modified)(?: on)?|zuletzt am|zuletzt (?:bearbeitet|geändert) am)\s*([^\s].{0,30})/i;

function lastEdited(pageText: string, monthFirstSlashes: boolean): string | null {
  const label = lastEditedLabel.exec(pageText);
  return label?.[1] ? firstDateIn(label[1], monthFirstSlashes) : null;
}

/** Portals that render with script (百家号, 头条) keep the time in the page's state: "time": "2019-12-29 22:31:02". */
const scriptTime = /"(?:publish_?[tT]ime|pub_?[tT]ime|pubDate|publishedDate|ptime|time|datePublished)"\s*:\s*"((?:20|19)\d{2}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)"/;

/** WeChat articles (mp.weixin.qq.com) print only 昨天 or 前天; the script keeps the Unix time: var ct = "1581517074". */
const scriptEpoch = /\bvar\s+ct\s*=\s*"(\d{10})"|"(?:publish_time|create_time)"\s*:\s*"?(\d{10})\b/;

function scriptDate($: CheerioAPI, scripts: readonly Element[]): string | null {
  for (const script of scripts) {
    const text = $(script).text();
    const match = scriptTime.exec(text);
    if (match) return parseChineseDateTime(match[1]!);
    const epoch = scriptEpoch.exec(text);
    if (epoch) return toShanghaiIso(new Date(Number(epoch[1] ?? epoch[2]) * 1000));
  }
  return null;
}
