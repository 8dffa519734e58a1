/**
 * Figures and dates as whole tokens, for the verifier: a number in the brief stands for a number in the
 * source only as a whole (100 is not a piece of 1000, 202 not a piece of 2026), with its unit where the
 * brief writes one (100家 is not 100个), and a date only as a whole date (1月8日 is not the end of 11月8日).
 * Full-width digits and Chinese numerals compare by value (一百家 = 100家, 百分之五 = 5%).
 */

import { chineseDigits, chineseValue } from '../util/chineseNumerals.ts';

/** Units a figure may carry, longest first so that 亿元 is read before 亿. */
const UNITS = [
  '平方公里', '万千瓦', '亿千瓦时', '千瓦时', '亿元', '万元', '千元', '万亿', '亿', '万', '元', '%', '个', '家', '项', '条', '部门',
  '名', '人', '倍', '年', '天', '批', '类', '次', '所', '座', '台', '套', '架', '架次', '公里', '千米', '吨', '兆瓦', '千瓦', '张', '处',
  '只', '款', '种', '期', '届', '场', '份', '篇', '部', '户', '方面', '大',
].sort((a, b) => b.length - a.length);

/** The unit right after a figure in a half-width text (spaces skipped), or '' for none. */
function unitAt(text: string, at: number): string {
  const rest = text.slice(at).replace(/^[\s\u00a0]+/, '');
  return UNITS.find((unit) => rest.startsWith(unit)) ?? '';
}

/** A figure of a text: its value and the unit that follows it ('' for none). */
export interface Figure {
  value: number;
  unit: string;
}

/** A date of a text: month and day, and the year where the text writes one. */
export interface DateFigure {
  year: number | null;
  month: number;
  day: number;
}

const halfWidth = (text: string) => text.replace(/[０-９．％]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/(?<=\d),(?=\d{3}(?!\d))/g, '');

/** The dates a text writes: 2025年8月21日, 8月21日, 2025-08-21, 2025.8.21, 2025/8/21, 二〇二五年八月二十一日. */
export function datesIn(text: string): DateFigure[] {
  const plain = halfWidth(text);
  const dates: DateFigure[] = [];
  for (const m of plain.matchAll(/(?:((?:19|20)\d{2})\s*年\s*)?(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*日/g)) {
    dates.push({ year: m[1] ? Number(m[1]) : null, month: Number(m[2]), day: Number(m[3]) });
  }
  for (const m of plain.matchAll(/(?<!\d)((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})(?!\d)/g)) {
    dates.push({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
  }
  for (const m of plain.matchAll(/([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日/g)) {
    dates.push({ year: Number(chineseDigits(m[1]!)), month: chineseValue(m[2]!)!, day: chineseValue(m[3]!)! });
  }
  return dates;
}

/**
 * The figures a text writes, each a whole number with the unit after it: 1000家, 5.5%, 2027年; with
 * `numerals: 'all'` (a source's), also Chinese numerals before a unit (一百家, 十五项) and 百分之五 as 5%.
 * The brief's own Chinese numerals are counts of ours (等七部门, 三家网站), not figures it takes from a
 * source. A dotted date's parts are figures too.
 */
export function figuresIn(text: string, numerals: 'arabic' | 'all' = 'all'): Figure[] {
  const plain = halfWidth(text);
  const figures: Figure[] = [];
  for (const m of plain.matchAll(/(?<![\d.])\d+(?:\.\d+)*/g)) {
    const parts = m[0].split('.');
    const end = m.index + m[0].length;
    // 2025.8.21 is a date, its parts figures; 1.5 is one figure.
    if (parts.length > 2) for (const part of parts) figures.push({ value: Number(part), unit: '' });
    else figures.push({ value: Number(m[0]), unit: unitAt(plain, end) });
  }
  if (numerals === 'arabic') return figures;
  for (const m of plain.matchAll(/百分之([零〇一二两三四五六七八九十百千点]+)/g)) {
    const [whole, fraction] = m[1]!.split('点');
    const value = chineseValue(whole!);
    const decimals = fraction ? chineseDigits(fraction) : '';
    if (value !== null && decimals !== null) figures.push({ value: Number(decimals ? `${value}.${decimals}` : value), unit: '%' });
  }
  for (const m of plain.matchAll(/[零〇○一二两三四五六七八九十百千万亿]+/g)) {
    const unit = unitAt(plain, m.index + m[0].length);
    // A year is written digit by digit: 二〇二五年 is 2025年, not the value 5 that 二…五 would sum to.
    const value = !unit ? null : /^[零〇○一二三四五六七八九]{4}$/.test(m[0]) ? Number(chineseDigits(m[0])) : chineseValue(m[0]);
    if (value !== null && value > 0) {
      figures.push({ value, unit });
      // 两千三百万元 is also 2300万元, as a brief writes it in figures.
      const scale = { 万: 10_000, 亿: 100_000_000 }[m[0].slice(-1)];
      if (scale) figures.push({ value: value / scale, unit: unitAt(plain, m.index + m[0].length - 1) });
    }
  }
  return figures;
}

/**
 * Whether a source's figures bear out a figure of the brief: the same value, and the same unit where the
 * brief gives one (the brief may leave a unit out: 到2027年 and 2027 both stand on 2027年).
 */
export function figureBorneOut(figure: Figure, source: readonly Figure[]): boolean {
  return source.some((f) => f.value === figure.value && (figure.unit === '' || f.unit === figure.unit));
}

/** Whether a source's dates bear out a date of the brief: the same month and day, and year where the brief gives one. */
export function dateBorneOut(date: DateFigure, source: readonly DateFigure[]): boolean {
  return source.some((d) => d.month === date.month && d.day === date.day && (date.year === null || d.year === null || d.year === date.year));
}
