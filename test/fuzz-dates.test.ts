/**
 * Property-based tests of the date readers (extract/date.ts, analyze/documentDate.ts) and the 文号 reader
 * (extract/docNumber.ts) on random and adversarial text (issue 15, fuzzing). test/fuzzing.ts says how to
 * run them longer.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addressDate, closingDate, daysBefore, documentDate } from '../src/analyze/documentDate.ts';
import { dateFromUrl, parseChineseDateTime } from '../src/extract/date.ts';
import { extractDocNumber } from '../src/extract/docNumber.ts';
import { adversarialUnits, assertLinear, officialPieces, officialText, repeated, settings, validDateTime, validDay, withinBudget } from './fuzzing.ts';

/** The budget of one call of a reader on up to 10 KB of text. */
const READER_MS = 50;

/** Text around date pieces: a written date, inside other words, up to 10 KB. */
const dateText = fc.oneof(officialText(60), officialText(400), fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom(...officialPieces));

/** A date written with random parts, in and out of range: the calendar and clock edges a reader must refuse. */
const writtenDate = fc
  .record({
    year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1895, max: 2105 })),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    zone: fc.constantFrom('', 'Z', '+08:00', '+0800', '-05:00', '+14:00', '+15:00', '+99:99', '-9999', '+08:60', ' CST', ' +0800'),
    form: fc.constantFrom('iso', 'space', 'chinese', 'slash', 'dot', 'rfc822', 'numerals', 'fullwidth'),
  })
  .map(({ year, month, day, hour, minute, zone, form }) => {
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    const numerals = (n: number) => [...String(n)].map((d) => '〇一二三四五六七八九'[Number(d)]).join('');
    const tens = (n: number) => (n < 10 ? '〇一二三四五六七八九'[n] : `${n >= 20 ? '〇一二三四五六七八九'[Math.floor(n / 10)] : ''}十${n % 10 ? '〇一二三四五六七八九'[n % 10] : ''}`);
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    switch (form) {
      case 'iso': return `${p(year, 4)}-${p(month)}-${p(day)}T${p(hour)}:${p(minute)}:00${zone.trim()}`;
      case 'space': return `${p(year, 4)}-${p(month)}-${p(day)} ${p(hour)}:${p(minute)}:00${zone}`;
      case 'chinese': return `${year}年${month}月${day}日 ${hour}:${p(minute)}`;
      case 'slash': return `${year}/${month}/${day}`;
      case 'dot': return `${day}.${month}.${year}`;
      case 'rfc822': return `Thu, ${day} ${months[(month + 11) % 12]} ${p(year, 4)} ${p(hour)}:${p(minute)}:00${zone || ' +0800'}`;
      case 'numerals': return `${numerals(year)}年${tens(month)}月${tens(day)}日`;
      default: return `${p(year, 4)}－${p(month)}－${p(day)}\u3000${p(hour)}：${p(minute)}`.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    }
  });

/** An address with date-like folders, as CMSs and mirrors write them. */
const address = fc
  .tuple(
    fc.constantFrom('https://www.gov.cn', 'http://a.b.gov.cn', 'https://web.archive.org/web/20250101000000/https://x.gov.cn', 'not a url', ''),
    fc.array(fc.oneof(fc.stringMatching(/^(?:t|_)?\d{6,10}(?:_\d{1,6})?$/), fc.stringMatching(/^\d{4}-?\d{2}$/), fc.stringMatching(/^\d{2,4}$/), officialText(4)), { maxLength: 6 }),
    fc.constantFrom('', '.html', '.shtml', '/', '_1.html'),
  )
  .map(([origin, parts, end]) => `${origin}/${parts.join('/')}${end}`);

describe('fuzz: the date readers', () => {
  it('parseChineseDateTime returns null or a real date-time, on any text, within budget', () => {
    fc.assert(
      fc.property(fc.oneof(dateText, writtenDate, fc.tuple(dateText, writtenDate, dateText).map((parts) => parts.join(''))), (text) => {
        const iso = withinBudget(READER_MS, 'parseChineseDateTime', () => parseChineseDateTime(text));
        assert.ok(iso === null || validDateTime(iso), `${JSON.stringify(text)} → ${iso}`);
      }),
      settings('parseChineseDateTime', 3000),
    );
  });

  it('dateFromUrl and addressDate return null or a real day, on any address', () => {
    fc.assert(
      fc.property(fc.oneof(address, fc.string({ maxLength: 200 })), (url) => {
        const fromUrl = withinBudget(READER_MS, 'dateFromUrl', () => dateFromUrl(url));
        assert.ok(fromUrl === null || validDateTime(fromUrl), `${url} → ${fromUrl}`);
        const dated = withinBudget(READER_MS, 'addressDate', () => addressDate(url));
        assert.ok(dated === null || (dated.date !== null && validDay(dated.date) && dated.year === Number(dated.date.slice(0, 4)) && dated.evidence === url), `${url} → ${JSON.stringify(dated)}`);
      }),
      settings('dateFromUrl', 2000),
    );
  });

  it('closingDate and documentDate return null or a real day with its evidence, on any body', () => {
    const body = fc.array(fc.oneof(dateText, writtenDate, fc.constantFrom('新华社北京10月9日电', '2月29日电', '2月30日电', '7月5日，国务院总理', '13月1日讯', '（2024年9月21日）')), { maxLength: 12 }).map((lines) => lines.join('\n'));
    const metOn = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(body, fc.option(fc.oneof(fc.constantFrom(...officialPieces), officialText(20))), metOn, (text, docNumber, day) => {
        for (const line of text.split('\n')) {
          const closing = closingDate(line);
          assert.ok(closing === null || validDay(closing), `${JSON.stringify(line)} → ${closing}`);
        }
        const dated = withinBudget(READER_MS, 'documentDate', () => documentDate(text, docNumber, day));
        if (dated === null) return;
        assert.ok(['closing', 'dateline', 'docNumber'].includes(dated.how));
        assert.ok(Number.isInteger(dated.year) && dated.year >= 1900 && dated.year <= 2099, JSON.stringify(dated));
        assert.ok(dated.date === null ? dated.how === 'docNumber' : validDay(dated.date) && Number(dated.date.slice(0, 4)) === dated.year, JSON.stringify(dated));
        assert.ok(text.includes(dated.evidence) || dated.evidence === docNumber, JSON.stringify(dated));
        assert.ok(Number.isFinite(daysBefore(dated, day)), JSON.stringify(dated));
      }),
      settings('documentDate', 2000),
    );
  });
});

/** The three forms of a 文号 (docNumber.ts), whole: what a number read must be once its spaces are gone. */
const docNumberForms = [
  /^[\u4e00-\u9fff]{1,12}[〔［[（(﹝【](?:19|20)\d{2}[〕］\]）)﹞】]第?\d{1,4}[号號]$/,
  /^[\u4e00-\u9fff]{2,20}令(?:(?:19|20)\d{2}年)?第\d{1,4}[号號]$/,
  /^[\u4e00-\u9fff]{0,20}公告(?:19|20)\d{2}年第\d{1,4}[号號]$/,
];
const halfWidthDigits = (text: string) => text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

describe('fuzz: the 文号 reader', () => {
  it('extractDocNumber returns null or a number of one of the three forms, taken from the text it was given', () => {
    const text = fc.oneof(officialText(80), officialText(600), fc.array(fc.constantFrom(...officialPieces, ' ', '\n', '（', '》（', '\n（'), { maxLength: 40 }).map((p) => p.join('')));
    fc.assert(
      fc.property(fc.oneof(fc.constant(''), text), text, fc.oneof(fc.constant(''), officialText(30)), (tag, body, title) => {
        const number = withinBudget(READER_MS, 'extractDocNumber', () => extractDocNumber(tag, body, title));
        if (number === null) return;
        assert.ok(docNumberForms.some((form) => form.test(number)), `${number} is no 文号`);
        const source = (printed: string) => halfWidthDigits(printed).replace(/\s+/g, '');
        assert.ok(source(tag).includes(number) || source(body.slice(0, 3000)).includes(number), `${number} is not in what was given`);
      }),
      settings('extractDocNumber', 3000),
    );
  });
});

describe('fuzz: no reader backtracks on long runs (time stays linear in the input)', () => {
  const readers: [string, (text: string) => unknown][] = [
    ['parseChineseDateTime', parseChineseDateTime],
    ['dateFromUrl', (text) => dateFromUrl(`https://x.gov.cn/${text}`)],
    ['addressDate', (text) => addressDate(`https://x.gov.cn/${text}`)],
    ['closingDate', closingDate],
    ['documentDate', (text) => documentDate(text, text.slice(0, 200), '2025-11-18')],
    ['extractDocNumber', (text) => extractDocNumber(text, text, text.slice(0, 100))],
  ];
  for (const [name, read] of readers) {
    it(`${name}: each adversarial run, 10 000 and 80 000 characters`, () => {
      for (const unit of adversarialUnits) assertLinear(`${name} on ${JSON.stringify(unit)}×n`, read, repeated(unit), 10_000);
    });
  }
});

describe('fuzz: found by fuzzing (regressions)', () => {
  it('reads no offset beyond ±14:00: a date with +99:99 is read as Shanghai time, not as a string no Date can read', () => {
    // The date-time without its zone, as any other: with a T, the date alone.
    assert.equal(parseChineseDateTime('2026-06-18T10:00:00+99:99'), '2026-06-18T00:00:00+08:00');
    assert.equal(parseChineseDateTime('2026-06-18 10:00:00 -9999'), '2026-06-18T10:00:00+08:00');
    assert.equal(parseChineseDateTime('2026-06-18T10:00:00+14:00'), '2026-06-18T10:00:00+14:00');
  });

  it('reads no year outside 1900–2099, and RSS\'s year 0001 not as 2001', () => {
    for (const text of ['一〇〇〇年一月一日', '九九九九年十二月三十一日', '0100-01-01T00:00:00Z', '9999-12-31T23:59:59+14:00', 'Thu, 18 Jun 0001 10:00:00 +0800', 'Thu, 18 Jun 9999 10:00:00 +0800']) {
      assert.equal(parseChineseDateTime(text), null, text);
    }
    assert.equal(parseChineseDateTime('二〇二五年十一月十八日'), '2025-11-18T00:00:00+08:00');
  });

  it('dates a document by no day its calendar lacks: 2月31日, 2月30日电, 2月29日 of a common year', () => {
    assert.equal(closingDate('2023年2月31日'), null);
    assert.equal(closingDate('一〇〇〇年一月一日'), null);
    assert.equal(closingDate('二〇二四年二月二十九日'), '2024-02-29');
    assert.equal(documentDate('新华社北京2月30日电 国务院…', null, '2025-03-01'), null);
    assert.equal(documentDate('新华社北京2月29日电 国务院…', null, '2025-03-01'), null);
    assert.deepEqual(documentDate('新华社北京2月29日电 国务院…', null, '2024-03-01')?.date, '2024-02-29');
  });
});
