/**
 * What the property-based tests (test/fuzz-*.test.ts, issue 15) share: how many runs and which seed, the
 * per-input time budget, the linear-time check, and the arbitraries of Chinese official text and of
 * mutations of real inputs.
 *
 * Runs are reproducible: each property has a fixed seed (FUZZ_SEED changes them all). FUZZ_RUNS=n runs
 * every property n times instead of its default; FUZZ_CORPUS=dir adds the pages of a folder (read
 * recursively, *.html) to the real pages that get mutated; FUZZ_SHRINK=0 reports a failing input as
 * found, without looking for a smaller one (a slow input is run again for each candidate).
 *
 *   FUZZ_RUNS=100000 node --import tsx --test test/fuzz-*.test.ts
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

const baseSeed = Number(process.env.FUZZ_SEED ?? 20261130);

/** How long one property may run in the default suite, shrinking a failure included. */
const PROPERTY_LIMIT_MS = 120_000;

/**
 * fast-check's settings for one property: `runs` unless FUZZ_RUNS says otherwise, and a seed of its own
 * (its name's hash plus FUZZ_SEED), so adding a property does not change what the others draw. In the
 * default suite a property is cut off after PROPERTY_LIMIT_MS and fails: shrinking an input that is slow
 * runs it again for each smaller candidate, which can take an hour; the failure is reported with the
 * smallest input found by then. Under FUZZ_RUNS there is no limit (FUZZ_SHRINK=0 skips shrinking).
 */
export function settings(name: string, runs: number): fc.Parameters<unknown> {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) | 0;
  const long = process.env.FUZZ_RUNS !== undefined;
  return {
    numRuns: long ? Number(process.env.FUZZ_RUNS) : runs,
    seed: (baseSeed + hash) | 0,
    endOnFailure: process.env.FUZZ_SHRINK === '0',
    // The failed assertion in the message: the test runner prints no error's cause.
    includeErrorInReport: true,
    ...(long ? {} : { interruptAfterTimeLimit: PROPERTY_LIMIT_MS, markInterruptAsFailure: true }),
  };
}

/** CPU milliseconds (user and system) one call takes, and its wall-clock milliseconds (performance.now()). */
function timed(call: () => void): { cpu: number; wall: number } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  call();
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / 1000, wall: performance.now() - wall };
}

/**
 * Runs `call` and fails when it takes more than `budgetMs`. CPU time is what is held to the budget: on a
 * 2-core machine shared by other jobs, wall-clock time measures the neighbours (it runs three to six times
 * the CPU time under load). A run over budget is measured twice more and the least taken, so that a
 * garbage collection or a JIT compilation in one run does not fail an input that is fast; an input that is
 * slow is slow every time. Wall-clock time is held to ten times the budget, which catches a call that
 * waits instead of working. Returns what `call` returned.
 */
export function withinBudget<T>(budgetMs: number, what: string, call: () => T): T {
  let result!: T;
  let best = timed(() => (result = call()));
  for (let retry = 0; retry < 2 && best.cpu > budgetMs; retry++) {
    const again = timed(() => call());
    if (again.cpu < best.cpu) best = again;
  }
  if (best.cpu > budgetMs || best.wall > budgetMs * 10) {
    throw new Error(`${what}: ${best.cpu.toFixed(1)} ms of CPU (${best.wall.toFixed(1)} ms wall) for one input, over the budget of ${budgetMs} ms`);
  }
  return result;
}

/**
 * Fails unless `call` on an input `factor` times longer takes at most about `factor` times as long: a
 * super-linear path (a regex that backtracks, a loop inside a loop) grows with the square. `make(n)`
 * builds an input of about n characters. Each size is timed three times, the least CPU time taken; times
 * under `floorMs` count as `floorMs` (too short to compare). Allowed: factor × 3 (quadratic growth on a
 * factor of 8 is 64, linear 8), plus the floor. With `budgetMs`, the longer input is also held to it: a
 * path already quadratic at the shorter size grows by less than the square between the two.
 */
export function assertLinear(what: string, call: (input: string) => unknown, make: (n: number) => string, n = 20_000, factor = 8, floorMs = 2, budgetMs = Infinity): void {
  const least = (input: string) => Math.min(...[0, 1, 2].map(() => timed(() => call(input)).cpu));
  const small = Math.max(least(make(n)), floorMs);
  const large = least(make(n * factor));
  if (large > small * factor * 3 + floorMs || large > budgetMs) {
    throw new Error(`${what}: ${large.toFixed(1)} ms on ${n * factor} characters against ${small.toFixed(1)} ms on ${n}: grows faster than its input (×${factor})${large > budgetMs ? `, over the budget of ${budgetMs} ms` : ''}`);
  }
}

/** Every *.html file under a folder, recursively. */
function htmlFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? htmlFilesUnder(path) : /\.html?$/.test(name) ? [path] : [];
  });
}

/** The real pages the mutations start from: the extraction cases (test/fixtures/extract-cases), and FUZZ_CORPUS's pages when given. */
export function realPages(): { name: string; html: string }[] {
  const dirs = [new URL('./fixtures/extract-cases/', import.meta.url).pathname, ...(process.env.FUZZ_CORPUS ? [process.env.FUZZ_CORPUS] : [])];
  return dirs.flatMap(htmlFilesUnder).sort().map((file) => ({ name: file, html: readFileSync(file, 'utf8') }));
}

/**
 * Mutations of a text, as broken transfers, bad templates and hostile editors make them: cut at an
 * offset, a range deleted, duplicated, moved, or swapped with another, a piece inserted. Offsets are drawn
 * as fractions, so one arbitrary serves texts of any length; a surrogate pair may be cut in half, as a
 * byte-level truncation does.
 */
export function mutated(text: fc.Arbitrary<string>, pieces: fc.Arbitrary<string>, maxSteps = 6): fc.Arbitrary<string> {
  const at = fc.double({ min: 0, max: 1, noNaN: true });
  const step = fc.oneof(
    fc.record({ kind: fc.constant('cut' as const), a: at }),
    fc.record({ kind: fc.constant('delete' as const), a: at, b: at }),
    fc.record({ kind: fc.constant('duplicate' as const), a: at, b: at, times: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ kind: fc.constant('swap' as const), a: at, b: at, c: at }),
    fc.record({ kind: fc.constant('insert' as const), a: at, piece: pieces }),
  );
  return fc.tuple(text, fc.array(step, { minLength: 1, maxLength: maxSteps })).map(([start, steps]) =>
    steps.reduce((s, m) => {
      const pos = (f: number) => Math.floor(f * s.length);
      if (m.kind === 'cut') return s.slice(0, pos(m.a));
      if (m.kind === 'insert') return s.slice(0, pos(m.a)) + m.piece + s.slice(pos(m.a));
      const [from, to] = [pos(Math.min(m.a, m.b)), pos(Math.max(m.a, m.b))];
      if (m.kind === 'delete') return s.slice(0, from) + s.slice(to);
      // A duplicated range is capped, so that a page grows to tens, not thousands, of kilobytes.
      if (m.kind === 'duplicate') return s.slice(0, to) + s.slice(from, Math.min(to, from + 4000)).repeat(m.times) + s.slice(to);
      // swap: the range [from, to) moved to another offset outside it
      const range = s.slice(from, to);
      const rest = s.slice(0, from) + s.slice(to);
      const at2 = Math.floor(m.c * rest.length);
      return rest.slice(0, at2) + range + rest.slice(at2);
    }, start),
  );
}

/**
 * Characters that break text handling: zero-width and joiner characters, BOM, soft hyphen, RTL and LTR
 * marks and overrides, lone surrogate halves, NUL and controls, line and paragraph separators,
 * ideographic and non-breaking spaces, full-width forms, combining marks, an emoji with a modifier.
 */
export const hostileChars = [
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u200e', '\u200f', '\u202a', '\u202b', '\u202e', '\u2066', '\u2069',
  '\ud800', '\udfff', '\ud83d', '\u0000', '\u0007', '\u001b', '\u2028', '\u2029', '\u3000', '\u00a0', '\t', '\r', '\n', '\r\n',
  '０', '９', '．', '：', '－', '／', '（', '）', '〔', '〕', '［', '］', '﹝', '﹞', '【', '】', '\u0301', '👍🏽', '𠀀', '\ufffd',
];

/** Pieces of Chinese official text: dates of every spelling, 文号, labels, numerals, brackets, traditional forms. */
export const officialPieces = [
  '2025年11月18日', '2025-11-18', '2025/11/18', '2025.11.18', '2025-11-18 10:30', '2025-11-18T10:30:00+08:00', '2025-11-18T02:30:00Z',
  '二〇二五年十一月十八日', '二○二五年十一月十八日', '２０２５年１１月１８日', '２０２５－１１－１８　１０：３０', '11月18日', '18.11.2025', 'Nov 18, 2025',
  'Tue, 18 Nov 2025 10:00:00 +0800', '3小时前', '昨天 18:05', '刚刚', '发布时间：', '發布時間：', '来源：', '來源：', '成文日期：', '日期：', '时间：',
  '国办发〔2025〕12号', '工信部联规〔2024〕3号', '国家发展和改革委员会令第12号', '国家数据局公告2024年第5号', '发改数据规﹝2025﹞26號', '京政办发【2024】3号',
  '《关于加快推进数据要素市场化配置改革的意见》', '（国发〔2024〕10号）', '国务院', '国家数据局', '某某市人民政府办公厅', '年', '月', '日', '号', '號', '第', '字', '〔', '〕',
  '令', '公告', '十', '二十', '三十一', '〇', '○', '零', '万', '亿', '百分之五', '5.5%', '1,000家', '数據', '國務院', '經濟', '發展',
  '“', '”', '《', '》', '〈', '〉', '「', '」', '，', '。', '；', '！', '？', '：',
];

/** Text of the kind the readers meet: official pieces, Han characters, digits, ASCII and hostile characters, mixed. */
export const officialText = (maxLength = 200): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...officialPieces) },
        { weight: 2, arbitrary: fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)), maxLength: 8 }) },
        { weight: 1, arbitrary: fc.constantFrom(...hostileChars) },
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 8 }) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 99999 }).map(String) },
      ),
      { maxLength },
    )
    .map((parts) => parts.join(''));

/**
 * Long adversarial runs for the backtracking hunt: one unit repeated to about n characters. The units are
 * what the readers' patterns repeat or look for: 年/月/日/号/〔/〕/字/第, digit runs, whitespace runs, and
 * near-misses that a pattern starts on and fails at the end of.
 */
export const adversarialUnits = [
  '年', '月', '日', '号', '〔', '〕', '字', '第', '令', '1', '2020', '20', '１', ' ', '\u3000', '\n', ' \n', '\t', '国', '国 ', '国\n',
  '2020年', '2020年1', '2020年1月', '2020-', '2020-1-', '年月日', '〔2020〕', '国〔', '国〔2020〕', '国〔2020〕第', '国〔 2020 〕 第 ',
  '第1', '令第', '公告2024年', '公告2024年第', '时间：', '发布时间：', '来源：', 'a', 'a.', 'a@', 'a1-', '.', '-', ':', '：', '《', '》',
  '“', '”', '《“', '（', '(', '二〇二', '十', '二〇二五年十', '<', '<a ', '<!--', '&', '&#', '\\',
];

/** An input of about n characters made of one adversarial unit repeated. */
export const repeated = (unit: string) => (n: number) => unit.repeat(Math.ceil(n / unit.length));

const isoDateTime = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2})$/;

/**
 * Whether a date-time is one a reader may return: ISO 8601 with an offset, a real calendar day and clock,
 * a real offset (at most 14 hours), a year of 1900–2099 (util/time.ts plausibleYear), readable by Date.
 */
export function validDateTime(iso: string): boolean {
  const m = isoDateTime.exec(iso);
  if (!m) return false;
  const [year, month, day, hour, minute, second, , offsetHours, offsetMinutes] = m.slice(1).map(Number) as number[];
  const calendar = new Date(Date.UTC(year!, month! - 1, day!));
  return (
    year! >= 1900 && year! <= 2099 &&
    calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month! - 1 && calendar.getUTCDate() === day &&
    hour! <= 23 && minute! <= 59 && second! <= 59 && offsetHours! <= 14 && offsetMinutes! <= 59 &&
    Number.isFinite(Date.parse(iso))
  );
}

/** Whether a day is a real calendar day, YYYY-MM-DD, of 1900–2099. */
export function validDay(day: string): boolean {
  return validDateTime(`${day}T00:00:00+08:00`);
}
