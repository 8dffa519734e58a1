import type { CheerioAPI } from 'cheerio';
import { shanghaiIso, toShanghaiIso } from '../util/time.ts';
import { oneLine } from './text.ts';

/** Meta tags (name, property or itemprop) that carry the publication time, most specific first. */
const metaNames = [
  'PubDate', 'pubdate', 'publishdate', 'PublishDate', 'firstpublishedtime', 'Maketime',
  'article:published_time', 'og:published_time', 'og:article:published_time', 'datePublished', 'DC.date.issued', 'DC.date',
  'dcterms.created', 'dcterms.date', 'citation_publication_date', 'publication_date', 'parsely-pub-date', 'sailthru.date',
  'og:release_date', 'release_date', 'date',
];

const monthNames: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  januar: 1, februar: 2, märz: 3, maerz: 3, mai: 5, juni: 6, juli: 7, oktober: 10, dezember: 12,
  janvier: 1, février: 2, mars: 3, avril: 4, juin: 6, juillet: 7, août: 8, septembre: 9, octobre: 10, novembre: 11, décembre: 12,
};

function monthOf(name: string): number | undefined {
  const lower = name.toLowerCase().replace(/\.$/, '');
  return monthNames[lower] ?? monthNames[lower.slice(0, 3)];
}

/** Dates written the European and English ways: 20.05.2024, 20. Mai 2024, May 20, 2024, 20 May 2024. */
function parseWrittenDate(text: string): string | null {
  const dotted = /\b(\d{1,2})\.\s?(\d{1,2})\.\s?(20\d{2}|19\d{2})\b/.exec(text);
  if (dotted) return shanghaiIso(Number(dotted[3]), Number(dotted[2]), Number(dotted[1]));
  const dayFirst = /\b(\d{1,2})\.?\s+([A-Za-zÀ-ÿ]{3,10}\.?)\s+(20\d{2}|19\d{2})\b/.exec(text);
  if (dayFirst && monthOf(dayFirst[2]!)) return shanghaiIso(Number(dayFirst[3]), monthOf(dayFirst[2]!)!, Number(dayFirst[1]));
  const monthFirst = /\b([A-Za-z]{3,10}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(20\d{2}|19\d{2})\b/.exec(text);
  if (monthFirst && monthOf(monthFirst[1]!)) return shanghaiIso(Number(monthFirst[3]), monthOf(monthFirst[1]!)!, Number(monthFirst[2]));
  return null;
}

/** datePublished from JSON-LD, at the top level or in an @graph. */
function jsonLdDate($: CheerioAPI): string | null {
  for (const script of $('script[type="application/ld+json"]').toArray()) {
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

/** RFC 822 dates of RSS: Thu, 18 Jun 2026 10:00:00 +0800 (or GMT). */
const rfc822 = /^\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[+-]\d{4}|[A-Z]{1,4})\s*$/;

/** Reads a date-time written on a Chinese page; a time without a zone is Shanghai wall-clock time. */
export function parseChineseDateTime(text: string): string | null {
  if (rfc822.test(text)) {
    const instant = new Date(text);
    if (!Number.isNaN(instant.getTime())) return toShanghaiIso(instant);
  }
  const iso = /(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})/.exec(text);
  if (iso) {
    const instant = new Date(text.trim());
    if (!Number.isNaN(instant.getTime())) {
      const zone = iso[5] === 'Z' ? '+00:00' : iso[5]!.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
      return `${iso[1]}T${iso[2]}:${iso[3]}:${iso[4] ?? '00'}${zone}`;
    }
  }
  const match = dateTime.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  return shanghaiIso(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
}

/** A date written in the URL the way government CMSs do: /t20260618_…, /202606/18/, /20260618/. */
export function dateFromUrl(url: string): string | null {
  const match = /(?:\/t|\/|_)(20\d{2})(\d{2})(\d{2})(?:[_/.]|\d)/.exec(url) ?? /\/(20\d{2})(\d{2})\/(\d{2})\//.exec(url);
  return match ? shanghaiIso(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

/** The publication time of an article: meta tags, then a labelled date on the page, then the URL. */
export function extractPublishedAt($: CheerioAPI, url: string): string | null {
  for (const name of metaNames) {
    const content = $(`meta[name="${name}"], meta[property="${name}"], meta[itemprop="${name}"]`).attr('content');
    const parsed = content ? parseChineseDateTime(content) : null;
    if (parsed) return parsed;
  }
  const fromJsonLd = jsonLdDate($);
  if (fromJsonLd) return fromJsonLd;
  const time = $('time[itemprop="datePublished"], time[pubdate], article time[datetime], time[datetime]').first();
  const fromTime = parseChineseDateTime(time.attr('datetime') ?? '') ?? parseChineseDateTime(time.text());
  if (fromTime) return fromTime;
  const pageText = oneLine($('body').text());
  const labelled = /(?:发布时间|发布日期|发文日期|成文日期|时间|日期)\s*[:：]\s*([^\s].{0,30})/.exec(pageText);
  const fromLabel = labelled?.[1] ? parseChineseDateTime(labelled[1]) : null;
  // A date printed on the page sits near the headline: read around the <h1> before the page's top.
  const headline = oneLine($('h1').first().text());
  const at = headline ? pageText.indexOf(headline) : -1;
  const nearHeadline = at >= 0 ? pageText.slice(Math.max(0, at - 500), at + 3000) : '';
  const head = pageText.slice(0, 3000);
  return fromLabel ?? dateFromUrl(url) ?? parseChineseDateTime(nearHeadline) ?? parseWrittenDate(nearHeadline) ?? parseChineseDateTime(head) ?? parseWrittenDate(head);
}
