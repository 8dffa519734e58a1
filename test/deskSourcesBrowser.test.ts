// The Sources section in Chromium (issue 17): an editor signs in through the form, reads the health table,
// disables and enables a source through the page's own forms (no script), previews a loopback list; the
// table and the preview are photographed at desktop and phone widths (test-output/screenshots/).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
    await recordRuns(desk);
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

    // The passing preview's own add button adds it (the token rides in the form), verified.
    await Promise.all([page.waitForURL(/done=added&/), page.click('button:text("添加到目录")')]);
    assert.match(await page.locator('[role="status"]').textContent() ?? '', /已添加 测试市工信局：预览通过了检查/);
    assert.match(readFileSync(join(desk.catalogDir, 'added.yaml'), 'utf8'), /verified: true/);

    // An unreachable address: the verdict said once, and adding only through the box.
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.goto(`${base}/sources/new`);
    assert.equal(await page.locator('button:text("添加到目录")').count(), 0, 'no add button before a preview');
    await page.fill('input[name="url"]', 'http://xinzhi-check.invalid/list/');
    await page.fill('input[name="name"]', '某市数据局');
    await page.fill('input[name="region"]', '某市');
    await page.fill('input[name="id"]', 'mou-sjj');
    await Promise.all([page.waitForURL(/\/sources\/preview$/), page.click('button:text("预览")')]);
    assert.equal((await page.locator('.preview .verdict').textContent())?.trim(), '无法访问：域名 xinzhi-check.invalid 无法解析（本机无法连到这个网站，可能是网络或域名问题）');
    assert.equal(await page.locator('.preview h3').count(), 0);
    // The stylesheet reaches desktop width (a rule left inside the phone's @media block would not): the head in red.
    assert.equal(await page.locator('.preview .verdict strong').evaluate((el) => getComputedStyle(el).color), 'rgb(180, 35, 24)');
    shots.push(await screenshot(page, 'sources-preview-unreachable', 'desktop'));
    await Promise.all([page.waitForURL(/\/sources\/add$/), page.click('button:text("添加到目录")')]);
    assert.match(await page.locator('.error').textContent() ?? '', /没有通过检查的预览/);
    await page.check('input[name="unchecked"]');
    await Promise.all([page.waitForURL(/done=added-unchecked/), page.click('button:text("添加到目录")')]);
    assert.match(await page.locator('.notice.unchecked').textContent() ?? '', /xinzhi sources check --source mou-sjj/);
    assert.equal(await page.locator('.notice.unchecked').evaluate((el) => getComputedStyle(el).borderLeftColor), 'rgb(154, 103, 0)', 'an unchecked addition is noted in amber');
    shots.push(await screenshot(page, 'sources-added-unchecked', 'desktop'));
    await page.setViewportSize(VIEWPORTS.phone);
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
