import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { isoWeek, themeChart, weeklyShares } from '../src/serve/themeChart.ts';

describe('isoWeek', () => {
  it('names the ISO 8601 week of a day and its Monday, across year ends', () => {
    assert.deepEqual(isoWeek('2026-06-19'), { week: '2026-W25', monday: '2026-06-15' });
    assert.deepEqual(isoWeek('2026-06-15'), { week: '2026-W25', monday: '2026-06-15' });
    assert.deepEqual(isoWeek('2026-06-21'), { week: '2026-W25', monday: '2026-06-15' });
    // A Sunday of January belonging to the last week of the year before; a Monday of December to the next year's first.
    assert.deepEqual(isoWeek('2021-01-03'), { week: '2020-W53', monday: '2020-12-28' });
    assert.deepEqual(isoWeek('2024-12-30'), { week: '2025-W01', monday: '2024-12-30' });
    assert.deepEqual(isoWeek('2026-01-01'), { week: '2026-W01', monday: '2025-12-29' });
  });
});

describe('weeklyShares', () => {
  const issues: { issueDate: string; shares: Record<string, number> }[] = [
    { issueDate: '2026-06-15', shares: { 算力: 1 } },
    { issueDate: '2026-06-17', shares: { 算力: 0.5, 数据要素: 0.5 } },
    { issueDate: '2026-06-30', shares: { 数据要素: 1 } },
  ];

  it('averages each ISO week’s issues, keeps empty weeks between, and orders themes by their share over the weeks', () => {
    const data = weeklyShares(issues, { top: 5, maxWeeks: 26 });
    assert.deepEqual(data.themes, ['数据要素', '算力']);
    assert.deepEqual(
      data.weeks.map((week) => [week.week, week.monday, week.issues, week.shares, week.other]),
      [
        ['2026-W25', '2026-06-15', 2, { 算力: 0.75, 数据要素: 0.25 }, 0],
        ['2026-W26', '2026-06-22', 0, {}, 0],
        ['2026-W27', '2026-06-29', 1, { 数据要素: 1 }, 0],
      ],
    );
  });

  it('sums the themes past `top` as other, shows the last maxWeeks, and stops at `until`', () => {
    const top = weeklyShares(issues, { top: 1, maxWeeks: 26 });
    assert.deepEqual(top.themes, ['数据要素']);
    assert.deepEqual(top.weeks[0]!.shares, { 数据要素: 0.25 });
    assert.equal(top.weeks[0]!.other, 0.75);
    assert.deepEqual(weeklyShares(issues, { top: 5, maxWeeks: 2 }).weeks.map((week) => week.week), ['2026-W26', '2026-W27']);
    const until = weeklyShares(issues, { top: 5, maxWeeks: 26, until: '2026-06-21' });
    assert.deepEqual(until.weeks.map((week) => week.week), ['2026-W25']);
    assert.deepEqual(until.themes, ['算力', '数据要素']);
    assert.deepEqual(weeklyShares([], { top: 5, maxWeeks: 26 }), { themes: [], weeks: [] });
  });

  it('gives consecutive weeks whose shares sum to one wherever there were issues (property)', () => {
    const day = fc.integer({ min: 0, max: 400 }).map((n) => new Date(Date.UTC(2025, 11, 1) + n * 86400_000).toISOString().slice(0, 10));
    const shares = fc.dictionary(fc.constantFrom('甲', '乙', '丙', '丁', '戊'), fc.integer({ min: 1, max: 100 }), { minKeys: 1 });
    fc.assert(
      fc.property(fc.array(fc.record({ issueDate: day, shares }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 60 }), (raw, top, maxWeeks) => {
        const input = raw.map(({ issueDate, shares: weights }) => {
          const total = Object.values(weights).reduce((a, b) => a + b, 0);
          return { issueDate, shares: Object.fromEntries(Object.entries(weights).map(([k, v]) => [k, v / total])) };
        });
        const data = weeklyShares(input, { top, maxWeeks });
        assert.ok(data.weeks.length >= 1 && data.weeks.length <= maxWeeks);
        assert.ok(data.themes.length <= top);
        data.weeks.forEach((week, i) => {
          assert.equal(isoWeek(week.monday).monday, week.monday);
          if (i > 0) assert.equal(Date.parse(week.monday) - Date.parse(data.weeks[i - 1]!.monday), 7 * 86400_000);
          if (week.issues > 0) assert.ok(Math.abs(Object.values(week.shares).reduce((a, b) => a + b, 0) + week.other - 1) < 1e-9);
        });
        // Every issue of the weeks shown is counted once.
        const shown = new Set(data.weeks.map((week) => week.monday));
        assert.equal(data.weeks.reduce((n, week) => n + week.issues, 0), input.filter((issue) => shown.has(isoWeek(issue.issueDate).monday)).length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('themeChart', () => {
  const data = weeklyShares(
    [
      { issueDate: '2026-06-08', shares: { 算力: 0.6, '<script>alert(1)</script>': 0.4 } },
      { issueDate: '2026-06-19', shares: { 算力: 0.2, 数据要素: 0.5, 智能体: 0.3 } },
    ],
    { top: 3, maxWeeks: 26 },
  );
  const render = (lang: 'zh' | 'en') => new JSDOM(themeChart(data, lang, { id: 'c', current: '2026-06-15' }).text).window.document;

  it('draws one bar per theme and week with issues, labelled, with a title, a description, a legend and a table', () => {
    const doc = render('zh');
    const svg = doc.querySelector('svg')!;
    assert.equal(svg.getAttribute('role'), 'img');
    assert.equal(svg.getAttribute('aria-labelledby'), 'c-title c-desc');
    assert.equal(doc.getElementById('c-title')!.textContent, '各周主题份额');
    assert.match(doc.getElementById('c-desc')!.textContent!, /2026-W24 至 2026-W25 共 2 周/);
    // W24: 算力 and the hostile name; W25: 算力, 数据要素 and 智能体 as other (top 3).
    const bars = [...svg.querySelectorAll('rect.bar')].map((rect) => rect.querySelector('title')!.textContent);
    assert.equal(bars.length, 5);
    assert.ok(bars.includes('2026-W25（2026-06-15 起）· 其他主题：30%'), JSON.stringify(bars));
    assert.ok(svg.querySelector('rect.current'), 'the week asked for is outlined');
    assert.ok([...svg.querySelectorAll('text')].some((text) => text.textContent === '主题份额'));
    assert.deepEqual([...doc.querySelectorAll('.chart-legend li')].map((li) => li.textContent), [...data.themes, '其他主题']);
    assert.equal(doc.querySelectorAll('details.chart-table tbody tr').length, 2);
    // Colours are presentation attributes; nothing the CSP would refuse, and a theme's name is only text.
    assert.equal(doc.querySelectorAll('[style], script').length, 0);
    assert.ok([...svg.querySelectorAll('rect.bar')].every((rect) => /^#[0-9a-f]{6}$/.test(rect.getAttribute('fill')!)));
  });

  it('labels its axes in English for an English page, and says so when there is nothing to draw', () => {
    const doc = render('en');
    const texts = [...doc.querySelectorAll('svg text')].map((text) => text.textContent);
    assert.ok(texts.includes('ISO week (Beijing time)') && texts.includes('Theme share'), JSON.stringify(texts));
    assert.equal(doc.getElementById('c-title')!.textContent, 'Theme shares by week');
    assert.match(themeChart({ themes: [], weeks: [] }, 'en', { id: 'e' }).text, /No issues to chart yet/);
  });
});
