import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateBorneOut, datesIn, figureBorneOut, figuresIn } from '../src/brief/figures.ts';

describe('figuresIn', () => {
  it('reads each Arabic number whole, with the unit after it', () => {
    assert.deepEqual(figuresIn('到2027年培育1000家企业，增长1.5%，其中1.55%来自3个园区，编号12'), [
      { value: 2027, unit: '年' },
      { value: 1000, unit: '家' },
      { value: 1.5, unit: '%' },
      { value: 1.55, unit: '%' },
      { value: 3, unit: '个' },
      { value: 12, unit: '' },
    ]);
    assert.deepEqual(figuresIn(''), []);
    assert.deepEqual(figuresIn('没有数字'), []);
  });

  it('reads every unit a figure may carry, the longest first (5架次 is not 5架, 5平方公里 not 5公里)', () => {
    const units = [
      '平方公里', '万千瓦', '亿千瓦时', '千瓦时', '亿元', '万元', '千元', '万亿', '亿', '万', '元', '%', '个', '家', '项', '条', '部门',
      '名', '人', '倍', '年', '天', '批', '类', '次', '所', '座', '台', '套', '架', '架次', '公里', '千米', '吨', '兆瓦', '千瓦', '张', '处',
      '只', '款', '种', '期', '届', '场', '份', '篇', '部', '户', '方面', '大',
    ];
    for (const unit of units) assert.deepEqual(figuresIn(`共5${unit}，`, 'arabic'), [{ value: 5, unit }], unit);
    assert.deepEqual(figuresIn('共5米'), [{ value: 5, unit: '' }]);
  });

  it('skips the spaces between a figure and its unit, however many', () => {
    assert.deepEqual(figuresIn('培育 5  家，投入 3\u00a0亿元'), [{ value: 5, unit: '家' }, { value: 3, unit: '亿元' }]);
  });

  it('reads full-width digits and a thousands separator as the number they write', () => {
    assert.deepEqual(figuresIn('投入１２００万元，增长１．５％'), [{ value: 1200, unit: '万元' }, { value: 1.5, unit: '%' }]);
    assert.deepEqual(figuresIn('1,000家，投资12,500万元'), [{ value: 1000, unit: '家' }, { value: 12500, unit: '万元' }]);
    // A comma before four digits, or after none, separates two figures.
    assert.deepEqual(figuresIn('2024,2025年'), [{ value: 2024, unit: '' }, { value: 2025, unit: '年' }]);
    assert.deepEqual(figuresIn('第,100项'), [{ value: 100, unit: '项' }]);
  });

  it('reads a dotted date as its parts, and a decimal as one figure', () => {
    assert.deepEqual(figuresIn('2025.8.21'), [{ value: 2025, unit: '' }, { value: 8, unit: '' }, { value: 21, unit: '' }]);
    assert.deepEqual(figuresIn('2.5倍'), [{ value: 2.5, unit: '倍' }]);
  });

  it('reads Chinese numerals before a unit by value in a source, and none in the brief\'s own text', () => {
    assert.deepEqual(figuresIn('十五项，一百家，两千三百万元，百分之十五，百分之五点五'), [
      { value: 15, unit: '%' },
      { value: 5.5, unit: '%' },
      { value: 15, unit: '项' },
      { value: 100, unit: '家' },
      { value: 23_000_000, unit: '元' },
      { value: 2300, unit: '万元' },
    ]);
    assert.deepEqual(figuresIn('一亿二千万元，三万人'), [
      { value: 120_000_000, unit: '元' },
      { value: 12_000, unit: '万元' },
      { value: 30_000, unit: '人' },
      { value: 3, unit: '万' },
    ]);
    // A year is written digit by digit: 2025年, not the 5 its digits would sum to.
    assert.deepEqual(figuresIn('二〇二五年，二○二六年'), [{ value: 2025, unit: '年' }, { value: 2026, unit: '年' }]);
    // Without a unit a numeral is a word (统一, 一些); 零 before a unit is not a count (零部件).
    assert.deepEqual(figuresIn('统一要求，一些地方，汽车零部件'), []);
    // A numeral that is not one (五点十) is no figure.
    assert.deepEqual(figuresIn('百分之五点十'), []);
    assert.deepEqual(figuresIn('等七部门，三家网站', 'arabic'), []);
    assert.deepEqual(figuresIn('等七部门，三家网站'), [{ value: 7, unit: '部门' }, { value: 3, unit: '家' }]);
  });
});

describe('datesIn', () => {
  it('reads a date with its year when it has one, in figures or in Chinese numerals', () => {
    assert.deepEqual(datesIn('2025年8月21日'), [{ year: 2025, month: 8, day: 21 }]);
    assert.deepEqual(datesIn('2025 年 12 月 21 日'), [{ year: 2025, month: 12, day: 21 }]);
    assert.deepEqual(datesIn('8月21日起'), [{ year: null, month: 8, day: 21 }]);
    assert.deepEqual(datesIn('2025-08-21，2025.8.21，2025/8/1'), [
      { year: 2025, month: 8, day: 21 },
      { year: 2025, month: 8, day: 21 },
      { year: 2025, month: 8, day: 1 },
    ]);
    assert.deepEqual(datesIn('二〇二五年十二月二十一日'), [{ year: 2025, month: 12, day: 21 }]);
    assert.deepEqual(datesIn('二〇二五年八月九日'), [{ year: 2025, month: 8, day: 9 }]);
    assert.deepEqual(datesIn(''), []);
  });

  it('reads a date whole: 11月8日 holds no 1月8日', () => {
    assert.deepEqual(datesIn('11月8日'), [{ year: null, month: 11, day: 8 }]);
    // Nor a date out of a longer number: 编号1023月8日 holds no 23月8日 or 3月8日.
    assert.deepEqual(datesIn('编号1023月8日'), []);
  });
});

describe('figureBorneOut and dateBorneOut', () => {
  it('bear out a figure by value and, where the brief gives one, unit', () => {
    const source = [{ value: 1000, unit: '家' }, { value: 2027, unit: '年' }];
    assert.equal(figureBorneOut({ value: 1000, unit: '家' }, source), true);
    assert.equal(figureBorneOut({ value: 2027, unit: '' }, source), true);
    assert.equal(figureBorneOut({ value: 1000, unit: '个' }, source), false);
    assert.equal(figureBorneOut({ value: 100, unit: '家' }, source), false);
  });

  it('bear out a date by month and day, and by year where both give one', () => {
    const source = [{ year: 2025, month: 8, day: 21 }, { year: null, month: 9, day: 30 }];
    assert.equal(dateBorneOut({ year: null, month: 8, day: 21 }, source), true);
    assert.equal(dateBorneOut({ year: 2025, month: 8, day: 21 }, source), true);
    assert.equal(dateBorneOut({ year: 2024, month: 8, day: 21 }, source), false);
    assert.equal(dateBorneOut({ year: 2024, month: 9, day: 30 }, source), true);
    assert.equal(dateBorneOut({ year: null, month: 8, day: 20 }, source), false);
    assert.equal(dateBorneOut({ year: null, month: 7, day: 21 }, source), false);
  });
});
