// The Sources section in Chromium (issue 17): an editor signs in through the form, reads the health table,
// disables and enables a source through the page's own forms (no script), previews a loopback list; the
// table and the preview are photographed at desktop and phone widths (test-output/screenshots/).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSignIn, launchChromium, screenshot, VIEWPORTS } from './deskHarness.ts';
import { CATALOG, catalogDesk, officeSite, recordRuns } from './deskSourcesFixtures.ts';

/** The page's width beyond the viewport's, in CSS pixels: 0 when nothing forces a sideways scroll of the page. */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('desk sources in Chromium', () => {
  it('sign in, read the table, disable and enable a source, preview a loopback list; desktop and phone', async (t) => {
    const desk = await catalogDesk();
    recordRuns(desk);
    const base = await desk.app.listen({ host: '127.0.0.1', port: 0 });
    const site = await officeSite();
    t.after(() => site.close());
    const browser = await launchChromium();
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'zh-CN', javaScriptEnabled: false });
    const page = await context.newPage();
    await browserSignIn(page, base);

    await page.goto(`${base}/sources`);
    assert.equal(await page.locator('tbody tr').count(), 8);
    assert.equal((await page.locator('#source-beta .badge').textContent())?.trim(), '出错');
    assert.equal(await page.locator('.source-sort').isVisible(), false, 'the header sorts at desktop width');
    const shots = [await screenshot(page, 'sources', 'desktop')];

    // Disable through the row's own form: open its <details>, give a reason, submit.
    await page.click('#source-alpha details.disable summary');
    await page.fill('#source-alpha input[name="reason"]', '网站改版，列表页失效');
    await Promise.all([page.waitForURL(/done=disabled/), page.click('#source-alpha details.disable button[type="submit"]')]);
    assert.equal((await page.locator('#source-alpha .badge').textContent())?.trim(), '停用');
    assert.match(await page.locator('[role="status"]').textContent() ?? '', /已停用 甲市经济和信息化局/);
    assert.match(readFileSync(desk.catalog, 'utf8'), /disabled: "网站改版，列表页失效"/);
    await Promise.all([page.waitForURL(/done=enabled/), page.click('#source-alpha form[action$="/enable"] button')]);
    assert.equal((await page.locator('#source-alpha .badge').textContent())?.trim(), '正常');
    assert.equal(readFileSync(desk.catalog, 'utf8'), CATALOG);

    // The add form and its preview.
    await page.click('a[href="/sources/new"]');
    await page.fill('input[name="url"]', `${site.base}/list/`);
    await page.fill('input[name="name"]', '测试市工信局');
    await page.fill('input[name="region"]', '测试市');
    await Promise.all([page.waitForURL(/\/sources\/preview$/), page.click('button:text("预览")')]);
    assert.equal(await page.locator('.preview-links li').count(), 3);
    assert.equal((await page.locator('.extract-title').textContent())?.trim(), '测试市关于推动人工智能产业高质量发展的若干措施');
    shots.push(await screenshot(page, 'sources-preview', 'desktop'));

    // Phone width: the table's rows become cards, and nothing makes the page scroll sideways.
    await page.setViewportSize(VIEWPORTS.phone);
    assert.equal(await overflow(page), 0, 'the preview fits a phone');
    shots.push(await screenshot(page, 'sources-preview', 'phone'));
    await page.goto(`${base}/sources`);
    assert.equal(await page.locator('thead').isVisible(), false, 'no table header at phone width');
    assert.equal(await page.locator('.source-sort').isVisible(), true, 'sort links instead');
    assert.equal(await overflow(page), 0, 'the table fits a phone');
    const card = await page.locator('#source-delta').boundingBox();
    assert.ok(card && card.width <= VIEWPORTS.phone.width, `a row is a card within the screen (${card?.width})`);
    shots.push(await screenshot(page, 'sources', 'phone'));
    t.diagnostic(`screenshots: ${shots.join(' ')}`);
  });
});
