import { scaleBand, scaleLinear } from 'd3-scale';
import { stack } from 'd3-shape';
import type { Lang } from '../util/i18n.ts';
import { html, type Markup } from './html.ts';
import { pageText } from './text.ts';

/** One ISO week of theme shares: the mean of its issues' shares (a theme an issue lacks counts 0 there). */
export interface WeekShares {
  /** ISO 8601 week, as 2026-W25. */
  week: string;
  /** Its Monday (YYYY-MM-DD, Shanghai calendar). */
  monday: string;
  /** Issues of the week; 0 for a week without any (a gap, drawn empty). */
  issues: number;
  /** Share of each theme of `themes` (0–1). */
  shares: Record<string, number>;
  /** The share of every other theme together. */
  other: number;
}

/** Weeks of theme shares, oldest first, and the themes drawn on their own, largest over the weeks first. */
export interface WeeklyShares {
  themes: string[];
  weeks: WeekShares[];
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The ISO 8601 week of a calendar day (YYYY-MM-DD): weeks start on Monday and week 1 holds the year's first
 * Thursday. Issue dates are Shanghai days already, so the week is Shanghai's. Returns the week's name
 * (2026-W25) and its Monday.
 */
export function isoWeek(date: string): { week: string; monday: string } {
  const day = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  const monday = day - weekday * DAY_MS;
  const year = new Date(monday + 3 * DAY_MS).getUTCFullYear();
  const january4 = Date.UTC(year, 0, 4);
  const firstMonday = january4 - ((new Date(january4).getUTCDay() + 6) % 7) * DAY_MS;
  const number = 1 + Math.round((monday - firstMonday) / (7 * DAY_MS));
  return { week: `${year}-W${String(number).padStart(2, '0')}`, monday: new Date(monday).toISOString().slice(0, 10) };
}

/**
 * The theme shares of issues (each issue's shares of the day, theme name → 0–1) by ISO week: every week
 * from the first issue's to the last's (or to `until`'s week, a YYYY-MM-DD day), the last `maxWeeks` of
 * them; each week's share of a theme is the mean over its issues. The `top` themes with the most share
 * over those weeks are kept by name, the rest summed as `other`. Pure.
 */
export function weeklyShares(issues: readonly { issueDate: string; shares: Readonly<Record<string, number>> }[], options: { top: number; maxWeeks: number; until?: string }): WeeklyShares {
  const until = options.until ?? issues.map((issue) => issue.issueDate).sort().at(-1);
  if (until === undefined) return { themes: [], weeks: [] };
  const lastMonday = Date.parse(`${isoWeek(until).monday}T00:00:00Z`);
  const inRange = issues.filter((issue) => issue.issueDate <= until);
  const firstDay = inRange.map((issue) => issue.issueDate).sort()[0];
  const firstMonday = firstDay === undefined ? lastMonday : Date.parse(`${isoWeek(firstDay).monday}T00:00:00Z`);
  const count = Math.min(options.maxWeeks, Math.round((lastMonday - firstMonday) / (7 * DAY_MS)) + 1);
  const mondays = Array.from({ length: count }, (_, i) => new Date(lastMonday - (count - 1 - i) * 7 * DAY_MS).toISOString().slice(0, 10));
  const sums = new Map(mondays.map((monday) => [monday, { issues: 0, totals: new Map<string, number>() }]));
  for (const issue of inRange) {
    const week = sums.get(isoWeek(issue.issueDate).monday);
    if (!week) continue;
    week.issues++;
    for (const [theme, share] of Object.entries(issue.shares)) week.totals.set(theme, (week.totals.get(theme) ?? 0) + share);
  }
  const overall = new Map<string, number>();
  for (const week of sums.values()) for (const [theme, total] of week.totals) overall.set(theme, (overall.get(theme) ?? 0) + total / week.issues);
  const themes = [...overall].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, options.top).map(([theme]) => theme);
  const kept = new Set(themes);
  const weeks = mondays.map((monday): WeekShares => {
    const { issues: n, totals } = sums.get(monday)!;
    const shares: Record<string, number> = {};
    let other = 0;
    for (const [theme, total] of totals) {
      if (kept.has(theme)) shares[theme] = total / n;
      else other += total / n;
    }
    return { week: isoWeek(monday).week, monday, issues: n, shares, other };
  });
  return { themes, weeks };
}

const say = pageText({
  title: { zh: '各周主题份额', en: 'Theme shares by week' },
  desc: {
    zh: '堆叠柱状图：{0} 至 {1} 共 {2} 周（ISO 周，北京时间），每根柱为当周各期主题份额的平均值。份额最高的主题：{3}。',
    en: 'Stacked bars: weeks {0} to {1}, {2} in all (ISO weeks, Beijing time), each bar the mean theme shares of that week’s issues. Largest themes: {3}.',
  },
  empty: { zh: '还没有可画的期刊。', en: 'No issues to chart yet.' },
  xAxis: { zh: 'ISO 周（北京时间）', en: 'ISO week (Beijing time)' },
  yAxis: { zh: '主题份额', en: 'Theme share' },
  other: { zh: '其他主题', en: 'Other themes' },
  legend: { zh: '图例', en: 'Legend' },
  table: { zh: '以表格查看', en: 'Show as a table' },
  week: { zh: '周', en: 'Week' },
  issues: { zh: '期数', en: 'Issues' },
  noIssue: { zh: '本周无期刊', en: 'no issue this week' },
  bar: { zh: '{0}（{1} 起）· {2}：{3}', en: '{0} (from {1}) · {2}: {3}' },
});

/** Fill colours of the themes in stack order (Tableau 10, told apart by most readers), and the grey of the rest. */
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f'];
const OTHER_COLOUR = '#bab0ac';
/** The most themes drawn by name: one colour each. */
export const CHART_THEMES = PALETTE.length;

/** The widest the drawing gets (26 weeks and more share it). */
const MAX_WIDTH = 640;
const HEIGHT = 280;
const MARGIN = { top: 14, right: 12, bottom: 58, left: 52 };
/** Room per week when few weeks are drawn, and the fewest weeks' room the plot takes. */
const BAR_STEP = 64;
const MIN_STEPS = 4;

const percent = (share: number): string => `${Math.round(share * 100)}%`;

/**
 * The weekly theme shares as a stacked bar chart in inline SVG, drawn on the server (d3-scale for the axes,
 * d3-shape's stack for the bars), with a <title> and <desc>, a legend and the same figures as a table, in
 * the page's language. Colours are SVG presentation attributes and layout is desk.css's classes: the
 * desk's CSP allows no style attribute. `current` (a Monday) outlines that week. `id` makes its ids unique.
 */
export function themeChart(data: WeeklyShares, lang: Lang, options: { id: string; current?: string }): Markup {
  if (data.weeks.length === 0 || data.weeks.every((week) => week.issues === 0)) return html`<p class="muted">${say(lang, 'empty')}</p>`;
  const hasOther = data.weeks.some((week) => week.other > 0.0005);
  const names = [...data.themes, ...(hasOther ? [say(lang, 'other')] : [])];
  const colour = (key: number) => (key < data.themes.length ? PALETTE[key % PALETTE.length]! : OTHER_COLOUR);
  // A bar is at most about BAR_STEP wide: a single week is a column, not a wall.
  const plotRight = Math.min(MAX_WIDTH - MARGIN.right, MARGIN.left + Math.max(data.weeks.length, MIN_STEPS) * BAR_STEP);
  const x = scaleBand<string>().domain(data.weeks.map((week) => week.monday)).range([MARGIN.left, plotRight]).paddingInner(0.2).paddingOuter(0.1);
  const y = scaleLinear().domain([0, 1]).range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const series = stack<WeekShares, number>()
    .keys(names.map((_, i) => i))
    .value((week, key) => (key < data.themes.length ? (week.shares[data.themes[key]!] ?? 0) : week.other))(data.weeks);
  // A label under every week while they fit, else under every n-th.
  const every = Math.ceil(data.weeks.length / 12);
  const bars = series.map((layer) =>
    layer.map((point) => {
      const week = point.data;
      const height = y(point[0]) - y(point[1]);
      if (week.issues === 0 || height <= 0) return '';
      const label = say(lang, 'bar', week.week, week.monday, names[layer.key]!, percent(point[1] - point[0]));
      return html`<rect class="bar" x="${x(week.monday)!.toFixed(1)}" y="${y(point[1]).toFixed(1)}" width="${x.bandwidth().toFixed(1)}" height="${height.toFixed(1)}" fill="${colour(layer.key)}"><title>${label}</title></rect>`;
    }),
  );
  const ticks = y.ticks(4).map((tick) => html`<g class="tick"><line x1="${MARGIN.left}" x2="${plotRight}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#d9dee3"/><text x="${MARGIN.left - 6}" y="${y(tick).toFixed(1)}" text-anchor="end" dominant-baseline="middle" font-size="12" fill="#5b6570">${percent(tick)}</text></g>`);
  const weekLabels = data.weeks.map((week, i) => {
    if (i % every !== 0 && i !== data.weeks.length - 1) return '';
    const centre = (x(week.monday)! + x.bandwidth() / 2).toFixed(1);
    return html`<text x="${centre}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle" font-size="12" fill="#1d2329">${week.week.slice(5)}<tspan x="${centre}" dy="14" font-size="10" fill="#5b6570">${week.monday.slice(5)}</tspan></text>`;
  });
  const gaps = data.weeks.map((week) =>
    week.issues === 0 ? html`<text x="${(x(week.monday)! + x.bandwidth() / 2).toFixed(1)}" y="${(y(0) - 6).toFixed(1)}" text-anchor="middle" font-size="10" fill="#5b6570"><title>${say(lang, 'noIssue')}</title>–</text>` : '',
  );
  const current = options.current && data.weeks.some((week) => week.monday === options.current)
    ? html`<rect class="current" x="${(x(options.current)! - 3).toFixed(1)}" y="${MARGIN.top - 4}" width="${(x.bandwidth() + 6).toFixed(1)}" height="${(y(0) - MARGIN.top + 8).toFixed(1)}" fill="none" stroke="#1d2329" stroke-width="1.5" stroke-dasharray="4 3"/>`
    : '';
  // The drawing is as wide as its weeks need, at one unit a pixel: text stays 12px on a phone and on a
  // desktop alike, and a chart wider than a phone scrolls in its own box (desk.css .chart-scroll).
  const width = Math.round(plotRight + MARGIN.right);
  const first = data.weeks[0]!.week;
  const last = data.weeks.at(-1)!.week;
  const desc = say(lang, 'desc', first, last, data.weeks.length, data.themes.slice(0, 3).join(lang === 'zh' ? '、' : ', '));
  const titleId = `${options.id}-title`;
  const descId = `${options.id}-desc`;
  const legend = html`<ul class="chart-legend" aria-label="${say(lang, 'legend')}">${names.map((name, i) => html`<li><svg class="swatch" width="12" height="12" aria-hidden="true" focusable="false"><rect width="12" height="12" fill="${colour(i)}"/></svg>${name}</li>`)}</ul>`;
  const cell = (week: WeekShares, share: number) => (week.issues === 0 ? '–' : percent(share));
  const table = html`<details class="chart-table"><summary>${say(lang, 'table')}</summary><div class="table-wrap"><table>
    <thead><tr><th scope="col">${say(lang, 'week')}</th><th scope="col">${say(lang, 'issues')}</th>${names.map((name) => html`<th scope="col">${name}</th>`)}</tr></thead>
    <tbody>${data.weeks.map((week) => html`<tr><th scope="row">${week.week} <span class="muted">${week.monday}</span></th><td>${week.issues}</td>${data.themes.map((theme) => html`<td>${cell(week, week.shares[theme] ?? 0)}</td>`)}${hasOther ? html`<td>${cell(week, week.other)}</td>` : ''}</tr>`)}</tbody>
  </table></div></details>`;
  return html`<figure class="theme-chart" id="${options.id}">
<div class="chart-scroll"><svg class="chart theme-chart-svg" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" role="img" aria-labelledby="${titleId} ${descId}" xmlns="http://www.w3.org/2000/svg">
<title id="${titleId}">${say(lang, 'title')}</title>
<desc id="${descId}">${desc}</desc>
${ticks}
<g class="bars">${bars}</g>
${gaps}${current}
<line x1="${MARGIN.left}" x2="${plotRight}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" stroke="#5b6570"/>
${weekLabels}
<text x="${((MARGIN.left + plotRight) / 2).toFixed(1)}" y="${HEIGHT - 6}" text-anchor="middle" font-size="12" fill="#5b6570">${say(lang, 'xAxis')}</text>
<text transform="translate(14 ${((MARGIN.top + HEIGHT - MARGIN.bottom) / 2).toFixed(1)}) rotate(-90)" text-anchor="middle" font-size="12" fill="#5b6570">${say(lang, 'yAxis')}</text>
</svg></div>
<figcaption>${say(lang, 'title')}</figcaption>
${legend}${table}
</figure>`;
}
