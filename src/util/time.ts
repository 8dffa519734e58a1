/** Dates of Chinese official sources: wall-clock times in Asia/Shanghai (+08:00, no daylight saving). */
import { UserError } from './errors.ts';

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** Parses YYYY-MM-DD strictly (a real calendar day). */
export function parseIssueDate(text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== text) {
    throw new UserError(`日期格式错误：${text}（应为 YYYY-MM-DD）`, `bad date: ${text} (expected YYYY-MM-DD)`);
  }
  return text;
}

/** The day `days` after (before, when negative), as YYYY-MM-DD. */
function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/** The day before, as YYYY-MM-DD. */
export function previousDay(date: string): string {
  return addDays(date, -1);
}

/** The day after, as YYYY-MM-DD: the issue that covers a day. */
export function nextDay(date: string): string {
  return addDays(date, 1);
}

/** The half-open window [start, end) of one Shanghai calendar day, as instants. */
export function shanghaiDayWindow(date: string): { start: Date; end: Date } {
  const start = new Date(`${date}T00:00:00+08:00`);
  return { start, end: new Date(start.getTime() + 24 * 3600 * 1000) };
}

/** ISO 8601 with +08:00 for wall-clock parts read off a Chinese page. */
export function shanghaiIso(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): string | null {
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}+08:00`;
}

/**
 * The years a page's or a document's date may have: 1900–2099, the years the printed spellings are read
 * in (19xx, 20xx). A year outside (0001, 9999, 1000 in numerals) is a placeholder or a typo, not a date.
 */
export function plausibleYear(year: number): boolean {
  return year >= 1900 && year <= 2099;
}

/** A real calendar day of a plausible year as YYYY-MM-DD; null for 2023-02-30, month 13, year 0. */
export function calendarDay(year: number, month: number, day: number): string | null {
  return plausibleYear(year) ? (shanghaiIso(year, month, day)?.slice(0, 10) ?? null) : null;
}

/** The Shanghai calendar day (YYYY-MM-DD) of an instant. */
export function shanghaiDay(iso: string): string {
  return new Date(new Date(iso).getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** `6月18日`: how the brief writes a date in running text; the space a reader sees beside digits is the typesetter's, not typed. */
export function chineseMonthDay(date: string): string {
  const [, month, day] = date.split('-');
  return `${Number(month)}月${Number(day)}日`;
}

/** `2026年6月19日`: how the masthead writes the issue date. */
export function chineseFullDate(date: string): string {
  return `${date.slice(0, 4)}年${chineseMonthDay(date)}`;
}

/** Seconds elapsed since a performance.now() reading, to the millisecond: the run summary's stage times. */
export function secondsSince(start: number): number {
  return Math.round(performance.now() - start) / 1000;
}

/** An instant written as Shanghai wall-clock time with its offset, the form stored for Chinese sources. */
export function toShanghaiIso(instant: Date): string {
  return `${new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** An instant (a Date, or ISO 8601 text) as a person reads it: Shanghai wall-clock time to the minute, 2026-06-19 09:00. */
export function shanghaiMinute(instant: Date | string): string {
  return toShanghaiIso(typeof instant === 'string' ? new Date(instant) : instant).slice(0, 16).replace('T', ' ');
}
