import type { CheerioAPI } from 'cheerio';
import { shanghaiIso, toShanghaiIso } from '../util/time.ts';
import { oneLine } from './text.ts';

const metaNames = ['PubDate', 'pubdate', 'publishdate', 'PublishDate', 'firstpublishedtime', 'article:published_time', 'og:release_date', 'Maketime'];

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
    const content = $(`meta[name="${name}"], meta[property="${name}"]`).attr('content');
    const parsed = content ? parseChineseDateTime(content) : null;
    if (parsed) return parsed;
  }
  const pageText = oneLine($('body').text());
  const labelled = /(?:发布时间|发布日期|发文日期|成文日期|时间|日期)\s*[:：]\s*([^\s].{0,30})/.exec(pageText);
  const fromLabel = labelled?.[1] ? parseChineseDateTime(labelled[1]) : null;
  return fromLabel ?? dateFromUrl(url) ?? parseChineseDateTime(pageText.slice(0, 2000));
}
