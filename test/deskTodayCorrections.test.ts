// Publishing and correcting at the desk, as a reader of the edition sees it: a published correction is
// printed in every format (brief.json's `corrections`, every earlier one kept), the edition it replaced stays
// downloadable (out/DATE.editions/N/, listed by /archive/DATE), publishing ends in a redirect to a result page
// that a reload shows again without sending anything, every time is Beijing time, and a correction undone
// is no correction waiting. Over the sample day written by the real `xinzhi demo`, with a webhook on 127.0.0.1.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { JSDOM } from 'jsdom';
import { briefSchema, type Brief } from '../src/domain/brief.ts';
import { withCorrections } from '../src/serve/publishing.ts';
import { EDITOR, sampleDay, SAMPLE_ISSUE, signedIn, startDesk, type TestDesk, type Visitor } from './deskHarness.ts';
import { configWith, startHook } from './deskTodaySetup.ts';

const DATE = SAMPLE_ISSUE;
const ISSUE = `/issues/${DATE}`;
await sampleDay();

/** The desk over the sample day with a webhook channel; the editor has opened the issue (revision 1 made). */
async function openDesk(): Promise<{ desk: TestDesk; editor: Visitor; hook: Awaited<ReturnType<typeof startHook>> }> {
  const hook = await startHook();
  const desk = await startDesk({ config: configWith(hook.publish), env: hook.env });
  const editor = await signedIn(desk.app, EDITOR);
  assert.equal((await editor.get(ISSUE)).statusCode, 200);
  return { desk, editor, hook };
}

const latest = async (desk: TestDesk) => (await desk.desk.latestRevision(DATE))!;

/** POSTs a change from the editor's current page and asserts it was saved. */
async function change(desk: TestDesk, editor: Visitor, path: string, form: Record<string, string | string[]> = {}): Promise<void> {
  const base = String((await latest(desk)).number);
  const response = await editor.post(`${ISSUE}/${path}`, { base, ...form });
  assert.equal(response.statusCode, 303, `${path}: ${response.body.slice(-1500)}`);
  await editor.get(ISSUE);
}

/** Publishes the latest revision: the POST answers 303 to the result page, which is read. */
async function publish(desk: TestDesk, editor: Visitor): Promise<{ location: string; page: LightMyRequestResponse }> {
  const response = await editor.post(`${ISSUE}/publish`, { base: String((await latest(desk)).number) });
  assert.equal(response.statusCode, 303, response.body.slice(-1500));
  const location = String(response.headers.location);
  const page = await editor.get(location);
  assert.equal(page.statusCode, 200, page.body.slice(-1500));
  return { location, page };
}

const briefIn = (folder: string): Brief => briefSchema.parse(JSON.parse(readFileSync(join(folder, 'brief.json'), 'utf8')));
const text = (body: string) => new JSDOM(body).window.document.querySelector('main')!.textContent!.replace(/\s+/g, ' ');
/** An instant as ISO 8601 (UTC or an offset) anywhere in a page: the desk shows none, only Beijing wall-clock times. */
const RAW_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

describe('publishing: POST/redirect/GET, Beijing time', () => {
  test('the publish form leads to a result page; reloading it sends nothing and shows the result again; a second POST says when, in Beijing time', async () => {
    const { desk, editor, hook } = await openDesk();
    const { location, page } = await publish(desk, editor);
    assert.equal(location, `${ISSUE}/publications/1`);
    assert.equal(hook.received.length, 1);
    const first = text(page.body);
    assert.match(first, /2026-06-19 期已发布/);
    assert.match(first, /第 1 版 · 张编辑 发布于 2026-06-19 09:00（北京时间）/);
    assert.match(first, /desk-hook（Webhook）：已发送（2026-\d\d-\d\d \d\d:\d\d）/);
    assert.doesNotMatch(page.body, RAW_TIME);
    // A reload is a GET: nothing is sent again, and the page says the same.
    const again = await editor.get(location);
    assert.equal(again.statusCode, 200);
    assert.equal(text(again.body), first);
    assert.equal(hook.received.length, 1, 'a reload sends nothing');
    assert.equal((await desk.desk.publications(DATE)).length, 1);
    // The form sent twice (a browser's resend of the POST) is refused, saying when in Beijing time.
    desk.clock.now = new Date('2026-06-19T07:47:39.159Z');
    const twice = await editor.post(`${ISSUE}/publish`, { base: '1' });
    assert.equal(twice.statusCode, 409);
    assert.match(text(twice.body), /第 1 版已于 2026-06-19 09:00（北京时间）发布，此后没有更正/);
    assert.doesNotMatch(twice.body, RAW_TIME);
    assert.equal((await editor.get(`${ISSUE}/publications/2`)).statusCode, 404);
    // The issue page and its revisions show Beijing times only.
    for (const path of [ISSUE, `${ISSUE}/revisions`, `/archive/${DATE}`, '/archive']) assert.doesNotMatch((await editor.get(path)).body, RAW_TIME, path);
  });

  test('sending again to a channel that failed also ends on the result page, which reads back each channel', async () => {
    const hook = await startHook();
    const env = { ...hook.env, XINZHI_TEST_DESK_HOOK_URL: 'http://127.0.0.1:9/hook/closed' };
    const desk = await startDesk({ config: configWith(hook.publish), env });
    const editor = await signedIn(desk.app, EDITOR);
    await editor.get(ISSUE);
    const { page } = await publish(desk, editor);
    assert.match(text(page.body), /desk-hook（Webhook）：失败（2026-\d\d-\d\d \d\d:\d\d，第 1 次尝试）：/);
    env.XINZHI_TEST_DESK_HOOK_URL = hook.env.XINZHI_TEST_DESK_HOOK_URL!;
    const resent = await editor.post(`${ISSUE}/send`, { base: '1' });
    assert.equal(resent.statusCode, 303);
    assert.equal(resent.headers.location, `${ISSUE}/publications/1?resent=1`);
    const result = await editor.get(String(resent.headers.location));
    assert.match(text(result.body), /2026-06-19 期已重发[\s\S]*desk-hook（Webhook）：已发送/);
    assert.equal(hook.received.length, 1);
    await editor.get(String(resent.headers.location));
    assert.equal(hook.received.length, 1, 'a reload of the result sends nothing');
  });
});

describe('a published correction in the edition', () => {
  test('every format says it was corrected, every earlier correction kept; the edition it replaced stays downloadable', async () => {
    const { desk, editor, hook } = await openDesk();
    await publish(desk, editor);
    const folder = join(desk.out, DATE);
    const firstBytes = readFileSync(join(folder, 'brief.pdf'));
    assert.equal(briefIn(folder).corrections, undefined, 'a first edition has no corrections field');

    const note = '第 2 条与第 1 条重复，撤下 <script>alert(1)</script> *粗* #read("/etc/passwd")';
    desk.clock.now = new Date('2026-06-19T02:00:00Z');
    await change(desk, editor, 'items/2/reject', { correction: note });
    const { location, page } = await publish(desk, editor);
    assert.equal(location, `${ISSUE}/publications/2`);
    assert.match(text(page.body), /更正已发布/);
    assert.equal(hook.received.length, 2);

    const second = briefIn(folder);
    assert.equal(second.items.length, 4);
    assert.deepEqual(second.corrections, [{ at: '2026-06-19T10:00:00+08:00', note }]);
    const line = `2026年6月19日 10:00（北京时间）：${note}`;
    const html = new JSDOM(readFileSync(join(folder, 'brief.html'), 'utf8')).window.document;
    assert.equal(html.querySelector('section.corrections p')!.textContent, line);
    assert.equal(html.querySelectorAll('script').length, 0);
    assert.match(readFileSync(join(folder, 'brief.md'), 'utf8'), /## 更正说明\n\n- 2026年6月19日 10:00（北京时间）：第 2 条与第 1 条重复，撤下 \\<script\\>/);
    assert.ok(readFileSync(join(folder, 'brief.wechat.html'), 'utf8').includes('更正说明'));
    assert.ok(readFileSync(join(folder, 'brief.wechat.html'), 'utf8').includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(readFileSync(join(folder, 'index.html'), 'utf8').includes('更正说明'));

    // The first edition, as it went out, beside the issue's folder.
    const kept = join(desk.out, `${DATE}.editions`, '1');
    assert.match(readlinkSync(kept), /^\.1\./);
    const firstEdition = briefIn(kept);
    assert.equal(firstEdition.items.length, 5);
    assert.equal(firstEdition.corrections, undefined);
    assert.ok(readFileSync(join(kept, 'brief.pdf')).equals(firstBytes));

    // A second correction: the first is kept in the list, and the first correction's edition is kept too.
    desk.clock.now = new Date('2026-06-19T07:30:00Z');
    await change(desk, editor, 'abstract', { abstract: `${(await latest(desk)).brief.abstract}（已更正）`, correction: '摘要补充说明' });
    await publish(desk, editor);
    assert.deepEqual(briefIn(folder).corrections, [{ at: '2026-06-19T10:00:00+08:00', note }, { at: '2026-06-19T15:30:00+08:00', note: '摘要补充说明' }]);
    assert.deepEqual(briefIn(join(desk.out, `${DATE}.editions`, '2')).corrections, [{ at: '2026-06-19T10:00:00+08:00', note }]);
    // The site's index reads only issue folders: the kept editions are not issues.
    assert.equal((readFileSync(join(desk.out, 'index.html'), 'utf8').match(/class="issue"/g) ?? []).length, 1);

    // The archive lists each edition's files and serves them.
    const archive = new JSDOM((await editor.get(`/archive/${DATE}`)).body).window.document;
    const links = (id: string) => [...archive.querySelectorAll(`#${id} ul.downloads a`)].map((a) => a.getAttribute('href')!);
    assert.ok(links('edition-1').includes(`/archive/${DATE}/editions/1/files/brief.pdf`), JSON.stringify(links('edition-1')));
    assert.ok(links('edition-2').includes(`/archive/${DATE}/editions/2/files/brief.json`));
    assert.ok(links('edition-3').includes(`/archive/${DATE}/files/brief.pdf`), 'the latest edition is the current folder');
    const pdf = await editor.get(`/archive/${DATE}/editions/1/files/brief.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.ok(pdf.rawPayload.equals(firstBytes));
    assert.equal(pdf.headers['content-disposition'], `attachment; filename="${DATE}-1-brief.pdf"`);
    // The result page of the first publication says where its files are now.
    assert.match(text((await editor.get(`${ISSUE}/publications/1`)).body), new RegExp(`这一版的文件保存在：.*${DATE}\\.editions/1`));
  });

  test('the edition route serves only files inside the kept edition: no ../, hidden name, symlink or linked folder', async () => {
    const { desk, editor } = await openDesk();
    await publish(desk, editor);
    await change(desk, editor, 'items/5/reject', { correction: '撤下第 5 条' });
    await publish(desk, editor);
    const editions = join(desk.out, `${DATE}.editions`);
    const kept = join(editions, '1');
    writeFileSync(join(desk.out, 'secret.txt'), 'TOP-SECRET-CONTENT');
    symlinkSync(join(desk.out, 'secret.txt'), join(kept, 'secret.pdf'));
    symlinkSync('../../../data/xinzhi.sqlite', join(kept, 'store.json'));
    writeFileSync(join(kept, '.hidden.json'), '{}');
    // An edition whose link leads out of the editions folder.
    mkdirSync(join(desk.data, 'elsewhere'));
    writeFileSync(join(desk.data, 'elsewhere', 'brief.json'), '{"leaked":true}');
    symlinkSync('../../data/elsewhere', join(editions, '7'));
    for (const url of [
      `/archive/${DATE}/editions/1/files/secret.pdf`,
      `/archive/${DATE}/editions/1/files/store.json`,
      `/archive/${DATE}/editions/1/files/.hidden.json`,
      `/archive/${DATE}/editions/1/files/..%2F..%2Fsecret.txt`,
      `/archive/${DATE}/editions/..%2F..%2Fdata/files/xinzhi.sqlite`,
      `/archive/${DATE}/editions/7/files/brief.json`,
      `/archive/${DATE}/editions/0/files/brief.json`,
      `/archive/${DATE}/editions/x/files/brief.json`,
    ]) {
      const response = await editor.get(url);
      assert.equal(response.statusCode, 404, url);
      assert.doesNotMatch(response.body, /SQLite format|TOP-SECRET|leaked/, url);
    }
    assert.equal((await editor.get(`/archive/${DATE}/editions/1/files/brief.json`)).statusCode, 200);
    // The editions folder itself swapped for a link out of the output folder: nothing is served from it.
    rmSync(editions, { recursive: true });
    mkdirSync(join(desk.data, 'fake', '1'), { recursive: true });
    writeFileSync(join(desk.data, 'fake', '1', 'brief.json'), '{"leaked":true}');
    symlinkSync(join(desk.data, 'fake'), editions);
    const escaped = await editor.get(`/archive/${DATE}/editions/1/files/brief.json`);
    assert.equal(escaped.statusCode, 404);
    assert.doesNotMatch(escaped.body, /leaked/);
  });

  test('withCorrections: each publication after the first is a correction, at its time in Beijing time; a first edition gets none', async () => {
    const { desk } = await openDesk();
    const brief = (await latest(desk)).brief;
    assert.equal('corrections' in withCorrections(brief, [{ publishedAt: '2026-06-19T01:00:00.000Z', note: null }]), false);
    const corrected = withCorrections({ ...brief, corrections: [{ at: '2026-01-01T00:00:00+08:00', note: 'stale' }] }, [
      { publishedAt: '2026-06-19T01:00:00.000Z', note: null },
      { publishedAt: '2026-06-19T02:00:00.000Z', note: '第一次' },
      { publishedAt: '2026-06-19T16:30:05.000Z', note: '第二次' },
    ]);
    assert.deepEqual(corrected.corrections, [{ at: '2026-06-19T10:00:00+08:00', note: '第一次' }, { at: '2026-06-20T00:30:05+08:00', note: '第二次' }]);
    briefSchema.parse(corrected);
  });
});

describe('a correction undone', () => {
  test('is no correction waiting: the latest revision says what went out, whatever its number', async () => {
    const { desk, editor } = await openDesk();
    await publish(desk, editor);
    const abstract = (await latest(desk)).brief.abstract;
    await change(desk, editor, 'abstract', { abstract: `${abstract}（有误）`, correction: '试改摘要' });
    let page = text((await editor.get(ISSUE)).body);
    assert.match(page, /已发布，有更正待发/);
    await change(desk, editor, 'abstract', { abstract, correction: '撤回试改' });
    assert.equal((await latest(desk)).number, 3);
    page = text((await editor.get(ISSUE)).body);
    assert.doesNotMatch(page, /有更正待发/);
    assert.match(page, /已发布的就是最新一版/);
    const refused = await editor.post(`${ISSUE}/publish`, { base: '3' });
    assert.equal(refused.statusCode, 409, 'nothing to publish');
    // A real correction after it goes out as one.
    await change(desk, editor, 'items/5/reject', { correction: '撤下第 5 条' });
    assert.match(text((await editor.get(ISSUE)).body), /有更正待发/);
  });
});
