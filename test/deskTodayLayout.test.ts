// The desk's pages never scroll sideways, measured in Chromium at the desktop and phone widths a fresh
// editor used: the comparison of two revisions wraps its lines, the candidates' copies wrap long addresses,
// the revisions are one line each on a desktop and cards on a phone, and the theme chart of a single week
// draws its text at its own size (the SVG is not stretched). Screenshots go to test-output/screenshots/.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Store } from '../src/store/store.ts';
import { browserSignIn, launchChromium, sampleDay, SAMPLE_ISSUE, screenshot, startDesk, VIEWPORTS } from './deskHarness.ts';
import { openTestStore } from './storeFor.ts';

await sampleDay();
const ISSUE = `/issues/${SAMPLE_ISSUE}`;
/** An address with nowhere a line may break but its slashes: what a portal's deep link looks like. */
const LONG_URL = `https://jxj.beijing.gov.cn/zwgk/zcwj/bjszc/202606/t20260618_${'9'.repeat(40)}/P020260618${'A1b2C3d4'.repeat(18)}.html`;

/** Stores a relevant page of the sample day's window at LONG_URL: a candidate whose copy is that address. */
async function storeLongAddress(store: Store): Promise<void> {
  const runId = await store.startRun(SAMPLE_ISSUE, 'test');
  const { id } = await store.saveResponse(runId, 'bj-jxj', { url: LONG_URL, status: 200, headers: {}, body: Buffer.from('<html></html>'), fetchedAt: '2026-06-18T08:00:00Z' });
  await store.saveDocument('bj-jxj', LONG_URL, id, {
    kind: 'article',
    title: '北京市经济和信息化局关于开展算力券申领工作的通知',
    publishedAt: '2026-06-18T14:00:00+08:00',
    publisher: '北京市经济和信息化局',
    repostOf: null,
    docNumber: null,
    siteName: null,
    paragraphs: [
      '为加快建设智能算力基础设施，支持企业开展大模型训练和人工智能应用，现开展算力券申领工作。',
      '一、支持对象。在本市注册、使用智能算力开展大模型研发的企业，可申领算力券，用于购买智能算力服务。',
      '二、推动数据要素与人工智能融合应用，建设行业高质量数据集，培育新质生产力。',
    ],
    attachments: [],
  });
  await store.finishRun(runId, {});
}

/** How far the page scrolls sideways past the viewport (0 or less: it does not). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function pageAt(browser: Browser, base: string, viewport: keyof typeof VIEWPORTS): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport], locale: 'zh-CN' });
  after(() => context.close());
  const page = await context.newPage();
  await browserSignIn(page, base);
  return page;
}

test('compare, candidates’ copies and revisions fit the width at 1280 and 390; a one-week chart is not stretched', { timeout: 120_000 }, async () => {
  const folders = await sampleDay();
  const seed = await openTestStore(folders.data);
  await storeLongAddress(seed);
  await seed.close();
  const desk = await startDesk({ folders });
  const base = await desk.app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchChromium();
  const desktop = await pageAt(browser, base, 'desktop');
  const phone = await pageAt(browser, base, 'phone');

  // A few revisions to compare and list: one rejects a section, one edits a section into text that fails its checks.
  await desktop.goto(`${base}${ISSUE}`);
  await Promise.all([desktop.waitForURL(/saved=2/), desktop.locator('#item-2').getByRole('button', { name: '删去' }).click()]);
  const item = desktop.locator('#item-3');
  await item.locator('details.edit summary').click();
  await item.locator('textarea[name="paragraph"]').first().fill(`编辑改写的一段很长的文字，${'没有出处的说法'.repeat(30)}，并引用“从未说过的一句话”。`);
  await Promise.all([desktop.waitForURL(/saved=3/), item.getByRole('button', { name: '保存' }).click()]);

  // The candidates with every copy opened: long addresses wrap inside their card.
  await desktop.goto(`${base}${ISSUE}`);
  assert.equal(await desktop.locator(`#candidates ul.copies a[href="${LONG_URL}"]`).count(), 1, 'the long address is a copy in the list');
  await desktop.evaluate(() => document.querySelectorAll('#candidates details').forEach((details) => ((details as HTMLDetailsElement).open = true)));
  assert.ok((await overflow(desktop)) <= 0, `the issue page with copies open scrolls sideways by ${await overflow(desktop)}px`);
  const card = await desktop.locator('li.candidate', { has: desktop.locator(`a[href="${LONG_URL}"]`) }).first().boundingBox();
  const link = await desktop.locator(`#candidates ul.copies a[href="${LONG_URL}"]`).boundingBox();
  assert.ok(card && link && link.x + link.width <= card.x + card.width + 0.5, 'the address stays inside its card');
  await screenshot(desktop, 'desk-today-copies', 'desktop');

  // The comparison wraps at every width.
  for (const [page, name] of [[desktop, 'desktop'], [phone, 'phone']] as const) {
    await page.goto(`${base}${ISSUE}/compare?a=1&b=3`);
    assert.ok((await page.locator('pre.diff ins').count()) > 0);
    const width = await overflow(page);
    assert.ok(width <= 0, `compare at ${name} scrolls sideways by ${width}px`);
    await screenshot(page, 'desk-compare-wrapped', name);
  }

  // Revisions: one line a cell on a desktop (张编辑 whole), cards on a phone with every column in sight.
  await desktop.goto(`${base}${ISSUE}/revisions`);
  const lines = await desktop.evaluate(() => [...document.querySelectorAll('table.revisions td[data-label="修改人"], table.revisions td[data-label="时间（北京）"]')].map((td) => {
    const range = document.createRange();
    range.selectNodeContents(td);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
  }));
  assert.ok(lines.length === 6 && lines.every((n) => n === 1), `author and time cells wrap: ${JSON.stringify(lines)}`);
  assert.equal(await desktop.locator('table.revisions tr.failing').count(), 1);
  assert.ok((await overflow(desktop)) <= 0);
  await screenshot(desktop, 'desk-revisions', 'desktop');
  await phone.goto(`${base}${ISSUE}/revisions`);
  assert.ok((await overflow(phone)) <= 0, `revisions at phone width scroll sideways by ${await overflow(phone)}px`);
  assert.equal(await phone.locator('table.revisions thead').isVisible(), false, 'no header row: each card names its cells');
  for (const label of ['说明', '发布', '操作']) {
    const cell = await phone.locator(`table.revisions tbody tr:first-child td[data-label="${label}"]`).boundingBox();
    assert.ok(cell && cell.x >= 0 && cell.x + cell.width <= VIEWPORTS.phone.width, `${label} is out of sight: ${JSON.stringify(cell)}`);
  }
  const note = await phone.locator('table.revisions tbody tr:first-child td[data-label="说明"]').innerText();
  assert.match(note, /修改第 3 条/);
  await screenshot(phone, 'desk-revisions', 'phone');

  // The archive's chart of a single week: drawn at one unit a pixel, its axis text 12px, at a desktop's width.
  await desktop.goto(`${base}/archive/${SAMPLE_ISSUE}`);
  const chart = await desktop.evaluate(() => {
    const svg = document.querySelector('svg.theme-chart-svg') as SVGSVGElement;
    const label = [...svg.querySelectorAll('text')].find((t) => t.textContent === '主题份额')!;
    return { scale: svg.getBoundingClientRect().width / svg.viewBox.baseVal.width, weeks: svg.querySelectorAll('rect.bar').length > 0, text: label.getBoundingClientRect().width };
  });
  assert.ok(chart.weeks);
  assert.ok(Math.abs(chart.scale - 1) < 0.01, `the chart is scaled ${chart.scale}×`);
  assert.ok(chart.text < 60, `the axis label (four characters at 12px, turned) is ${chart.text}px`);
  assert.ok((await overflow(desktop)) <= 0);
  await desktop.locator('figure.theme-chart').screenshot({ path: (await screenshot(desktop, 'archive-one-week', 'desktop')).replace('.png', '-chart.png') });
});
