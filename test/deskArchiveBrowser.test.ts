import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { repoRoot } from './helpers.ts';
import { browserSignIn, launchChromium, SAMPLE_ISSUE, sampleDay, screenshot, startDesk, VIEWPORTS, type TestDesk } from './deskHarness.ts';

// Made at the file's top, so its folder lasts the whole file (see deskArchive.test.ts).
await sampleDay();

/** The desk over the sample day, with earlier issues over five more weeks so the chart has weeks to show, listening on loopback. */
async function listeningDesk(): Promise<{ desk: TestDesk; base: string }> {
  const desk = await startDesk();
  const brief = (await desk.desk.machineDraft(SAMPLE_ISSUE))!.brief;
  const mixes: Record<string, number>[] = [
    { 数据要素: 0.45, 算力: 0.3, 智能体: 0.25 },
    { '人工智能+': 0.5, 算力: 0.2, 数据要素: 0.3 },
    { 高质量数据集: 0.4, '人工智能+': 0.4, 低空经济: 0.2 },
  ];
  for (let i = 1; i <= 35; i += 2) {
    const date = new Date(Date.parse(`${SAMPLE_ISSUE}T00:00:00Z`) - i * 86400_000).toISOString().slice(0, 10);
    await desk.store.saveIssue(date, { ...brief, date }, mixes[i % mixes.length]!);
  }
  const base = await desk.app.listen({ host: '127.0.0.1', port: 0 });
  return { desk, base };
}

/** A page of its own context at a viewport, recording any Content-Security-Policy refusal the console reports. */
async function openPage(browser: Browser, viewport: keyof typeof VIEWPORTS): Promise<{ page: Page; refusals: string[] }> {
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport], locale: 'zh-CN' });
  after(() => context.close());
  const page = await context.newPage();
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(message.text());
  });
  return { page, refusals };
}

/** Where the chart alone is shot, beside the harness's full-page screenshots (test-output/screenshots/, not committed). */
const chartShot = (viewport: keyof typeof VIEWPORTS) => join(repoRoot, 'test-output/screenshots', `archive-chart-${viewport}.png`);

/** What the theme chart on the page draws: its bars, their distinct fills, its width on screen. */
async function chartOf(page: Page): Promise<{ bars: number; fills: number; width: number; title: string }> {
  const svg = page.locator('svg.theme-chart-svg');
  await svg.waitFor({ state: 'visible' });
  const fills = await svg.locator('rect.bar').evaluateAll((rects) => new Set(rects.map((rect) => rect.getAttribute('fill'))).size);
  return { bars: await svg.locator('rect.bar').count(), fills, width: (await svg.boundingBox())!.width, title: (await svg.locator('title').first().textContent()) ?? '' };
}

describe('the archive in Chromium', () => {
  it('finds the issue by a two-character term, opens it and shows its theme chart, at desktop and phone widths', async () => {
    const browser = await launchChromium();
    const { base } = await listeningDesk();

    const { page, refusals } = await openPage(browser, 'desktop');
    await browserSignIn(page, base);
    await page.goto(`${base}/archive`);
    assert.equal(await page.locator('table.issue-list tbody tr').count(), 19);
    const listChart = await chartOf(page);
    assert.ok(listChart.bars >= 12 && listChart.fills >= 5, JSON.stringify(listChart));
    await screenshot(page, 'archive', 'desktop');

    await page.fill('input[name="q"]', '算力');
    await Promise.all([page.waitForURL(/\/archive\?q=/), page.click('form.archive-search button[type="submit"]')]);
    const issueLink = page.locator(`li.hit a[href="/archive/${SAMPLE_ISSUE}"]`).first();
    await issueLink.waitFor();
    assert.ok((await page.locator('li.hit mark').count()) > 3);
    await screenshot(page, 'archive-search', 'desktop');

    await Promise.all([page.waitForURL(`${base}/archive/${SAMPLE_ISSUE}`), issueLink.click()]);
    const chart = await chartOf(page);
    assert.equal(chart.title, '各周主题份额');
    assert.ok(chart.bars >= 9 && chart.fills >= 5 && chart.width >= 400, JSON.stringify(chart));
    assert.equal(await page.locator('svg.theme-chart-svg rect.current').count(), 1);
    assert.ok((await page.locator('ul.downloads a').count()) >= 5);
    await screenshot(page, 'archive-issue', 'desktop');
    await page.locator('figure.theme-chart').screenshot({ path: chartShot('desktop') });
    assert.deepEqual(refusals, []);

    const phone = await openPage(browser, 'phone');
    await browserSignIn(phone.page, base);
    for (const [name, path] of [['archive', '/archive'], ['archive-issue', `/archive/${SAMPLE_ISSUE}`]] as const) {
      await phone.page.goto(`${base}${path}`);
      const phoneChart = await chartOf(phone.page);
      assert.ok(phoneChart.bars > 0, name);
      // The page itself never scrolls sideways at phone width: a wide chart or table scrolls in its own box.
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name} overflows by ${overflow}px`);
      await screenshot(phone.page, name, 'phone');
    }
    await phone.page.locator('figure.theme-chart').screenshot({ path: chartShot('phone') });
    assert.deepEqual(phone.refusals, []);
  });
});
