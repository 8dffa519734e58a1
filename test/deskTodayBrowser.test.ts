// The Today section end to end in Chromium (playwright-core), the desk listening on 127.0.0.1 over a copy
// of the sample day with a hostile scraped page added: an editor signs in, opens today's draft, adds the
// hostile story and rejects it, edits a quote away from its source (the page marks it, publishing is
// refused), mends it, approves and publishes to a webhook on 127.0.0.1 that receives the issue. The
// editor's browser runs with JavaScript off (the desk needs none); a second one, with it on, shows that the
// hostile title's markup never runs. Screenshots go to test-output/screenshots/ for a person to look at.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSignIn, launchChromium, sampleDay, SAMPLE_ISSUE, screenshot, startDesk, VIEWPORTS } from './deskHarness.ts';
import { configWith, HOSTILE_MARKUP, startHook, storeHostilePage } from './deskTodaySetup.ts';
import { openTestStore } from './storeFor.ts';

// Written once, at the top level: the demo's folder lives as long as this file's tests.
await sampleDay();

const ISSUE = `/issues/${SAMPLE_ISSUE}`;

/** Submits the form `button` is in and waits for the page the desk answers with (click waits for the navigation it starts). */
async function submit(page: Page, button: ReturnType<Page['locator']>): Promise<void> {
  await button.click();
  await page.waitForLoadState('load');
}

test('an editor reviews, mends and publishes today’s issue in Chromium; scraped markup never runs', { timeout: 90_000 }, async () => {
  const hook = await startHook();
  const folders = await sampleDay();
  const seed = await openTestStore(folders.data);
  await storeHostilePage(seed);
  await seed.close();
  const desk = await startDesk({ folders, config: configWith(hook.publish), env: hook.env });
  const base = await desk.app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchChromium();

  // The editor's browser: no JavaScript at all.
  const editorContext = await browser.newContext({ viewport: VIEWPORTS.desktop, javaScriptEnabled: false });
  const page = await editorContext.newPage();
  await browserSignIn(page, base);
  await page.goto(`${base}/today`);
  assert.equal(new URL(page.url()).pathname, ISSUE, 'today opens the newest issue');
  assert.equal(await page.locator('article.card.item').count(), 5);

  // The hostile page is a candidate: added to the issue as section 6.
  const hostile = page.locator('li.candidate', { hasText: '推进人工智能与数据要素融合发展' });
  assert.equal(await hostile.count(), 1, 'the hostile page is a candidate above the threshold');
  await submit(page, hostile.getByRole('button', { name: '加入本期' }));
  assert.match(page.url(), /saved=2/);
  assert.equal(await page.locator('article.card.item').count(), 6);

  // A second browser, with JavaScript on, reads the same page: the title's markup is text, and nothing ran.
  const readerContext = await browser.newContext({ viewport: VIEWPORTS.phone });
  const reader = await readerContext.newPage();
  await browserSignIn(reader, base);
  await reader.goto(`${base}${ISSUE}`);
  await reader.waitForLoadState('load');
  assert.equal(await reader.evaluate(() => (window as unknown as { __xinzhiPwned?: number }).__xinzhiPwned), undefined, 'the payload did not run');
  assert.equal(await reader.evaluate(() => document.querySelectorAll('script, img').length), 0, 'no element came from the payload');
  assert.ok((await reader.locator('#item-6').innerText()).includes(HOSTILE_MARKUP), 'the section shows the title’s markup as text');
  assert.ok((await reader.locator('#candidates').innerText()).includes(HOSTILE_MARKUP), 'so does its candidate');

  // Reject it: the issue is five sections again.
  await submit(page, page.locator('#item-6').getByRole('button', { name: '删去' }));
  assert.equal(await page.locator('article.card.item').count(), 5);

  // Edit a quote of section 1 so that it no longer matches its source.
  const item = page.locator('#item-1');
  await item.locator('details.edit summary').click();
  const paragraph = item.locator('textarea[name="paragraph"]').first();
  const original = await paragraph.inputValue();
  assert.ok(original.includes('持续扩大'));
  await paragraph.fill(original.replace('持续扩大', '急剧扩大'));
  await submit(page, item.getByRole('button', { name: '保存' }));
  const mark = page.locator('#item-1.failing mark.fail');
  assert.equal(await mark.count(), 1, 'the quote is marked where it stands');
  assert.ok((await mark.innerText()).includes('急剧扩大'));
  assert.match(await page.locator('#item-1 ul.findings').innerText(), /第 1 条的引文不在所引来源正文中/);
  const publish = page.locator('#publish').getByRole('button', { name: '审定并发布' });
  assert.ok(await publish.isDisabled(), 'the publish button is off while a check fails');
  assert.match(await page.locator('#publish').innerText(), /核查未通过：第 1 条的引文不在所引来源正文中/);
  await screenshot(page, 'desk-today-failing', 'desktop');
  await reader.reload();
  await screenshot(reader, 'desk-today-failing', 'phone');

  // The desk refuses the publish itself, whatever a browser sends (the form's own token and revision).
  const form = page.locator('#publish form');
  const refused = await editorContext.request.post(`${base}${ISSUE}/publish`, {
    form: { _csrf: (await form.locator('input[name="_csrf"]').getAttribute('value'))!, base: (await form.locator('input[name="base"]').getAttribute('value'))! },
  });
  assert.equal(refused.status(), 409);
  assert.match(await refused.text(), /核查未通过/);
  assert.equal(hook.received.length, 0, 'nothing was sent');

  // Mend the quote: every check passes, and the issue goes out.
  await item.locator('details.edit summary').click();
  await paragraph.fill(original);
  await submit(page, item.getByRole('button', { name: '保存' }));
  assert.equal(await page.locator('article.failing').count(), 0);
  assert.ok(!(await publish.isDisabled()));
  await submit(page, publish);
  const outcome = await page.locator('section.outcome').innerText();
  assert.match(outcome, /2026-06-19 期已发布/);
  assert.match(outcome, /desk-hook（Webhook）：已发送/);
  assert.equal(hook.received.length, 1, 'the webhook received the issue');
  const delivered = hook.received[0]!.body;
  assert.equal(delivered.event, 'issue.published');
  assert.equal(delivered.date, SAMPLE_ISSUE);
  assert.equal(delivered.items.length, 5);
  assert.ok(!delivered.items.some((i) => i.headline.includes('<script>')), 'the rejected hostile section did not go out');
  assert.equal((await desk.desk.publications(SAMPLE_ISSUE)).length, 1);

  await page.goto(`${base}${ISSUE}`);
  assert.match(await page.locator('#publish').innerText(), /已送达：desk-hook/);
  await screenshot(page, 'desk-today', 'desktop');
  await reader.goto(`${base}${ISSUE}`);
  await screenshot(reader, 'desk-today', 'phone');
  const last = (await desk.desk.latestRevision(SAMPLE_ISSUE))!.number;
  await page.goto(`${base}${ISSUE}/compare?a=1&b=${last - 1}`);
  assert.ok((await page.locator('pre.diff ins').count()) > 0);
  await screenshot(page, 'desk-compare', 'desktop');
  await reader.goto(`${base}${ISSUE}/compare?a=1&b=${last - 1}`);
  await screenshot(reader, 'desk-compare', 'phone');
  assert.equal(await reader.evaluate(() => (window as unknown as { __xinzhiPwned?: number }).__xinzhiPwned), undefined);
});
