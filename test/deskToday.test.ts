// The Today section of the editor's desk (issue 17): the pure edits of a brief, the verifier's findings
// placed in the text, the comparison of revisions, and every route through fastify.inject over the sample
// day written by the real `xinzhi demo` (the suite's real store, SQLite or PostgreSQL; the real verifier,
// the real renderers, a webhook receiver and a model provider on 127.0.0.1).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { briefSchema, type Brief } from '../src/domain/brief.ts';
import { verifyBrief } from '../src/brief/verify.ts';
import { SourceDirectory } from '../src/analyze/origin.ts';
import { loadConfig } from '../src/config/load.ts';
import { checkOptions } from '../src/pipeline/compose.ts';
import { briefText, diffMarkup } from '../src/serve/diff.ts';
import { findingPart, findingWords, markedText } from '../src/serve/findings.ts';
import {
  acceptWithheld,
  dropWithheld,
  editAbstract,
  editItem,
  insertSection,
  moveItem,
  oneLine,
  removeItem,
  replaceSection,
  sectionCiting,
  sectionsOf,
  withFallback,
  withSections,
} from '../src/serve/revise.ts';
import { lockDataFolder } from '../src/store/lock.ts';
import { referencedSources } from '../src/pipeline/recheck.ts';
import { UserError } from '../src/util/errors.ts';
import { EDITOR, sampleDay, SAMPLE_ISSUE, signedIn, startDesk, VIEWER, Visitor, type TestDesk } from './deskHarness.ts';
import { configWith, startHook } from './deskTodaySetup.ts';
import { repoRoot, tempDir } from './helpers.ts';
import { openTestStore } from './storeFor.ts';

const DATE = SAMPLE_ISSUE;
const ISSUE = `/issues/${DATE}`;
// The sample day is written once, at the top level: its folder lives as long as the file's tests.
const demo = await sampleDay();
const sample: Brief = briefSchema.parse(JSON.parse(readFileSync(join(demo.out, DATE, 'brief.json'), 'utf8')));

/**
 * What every change must keep: items numbered 1…; references R1… in the order sections first cite them,
 * each cited, each section's refs and quotes naming its own; the brief valid brief.json.
 */
function assertWhole(brief: Brief): void {
  briefSchema.parse(brief);
  assert.deepEqual(brief.items.map((item) => item.n), brief.items.map((_, i) => i + 1));
  const order = [...new Set(brief.items.flatMap((item) => item.refs))];
  assert.deepEqual(brief.references.map((r) => r.id), order, 'references follow the order of first citation');
  assert.deepEqual(order, order.map((_, i) => `R${i + 1}`));
  for (const item of brief.items) for (const quote of item.quotes) assert.ok(item.refs.includes(quote.ref), `quote of section ${item.n} cites ${quote.ref}`);
  assert.equal(new Set(brief.references.map((r) => r.url)).size, brief.references.length, 'one reference per address');
}

/** The address section `n` cites. */
const urlOf = (brief: Brief, n: number) => brief.references.find((r) => r.id === brief.items[n - 1]!.refs[0])!.url;

describe('revise: pure edits of a brief', () => {
  test('removeItem renumbers sections and references, and refuses to take out the last section', () => {
    const gone = urlOf(sample, 2);
    const next = removeItem(sample, 2);
    assertWhole(next);
    assert.equal(next.items.length, sample.items.length - 1);
    assert.ok(!next.references.some((r) => r.url === gone));
    assert.equal(urlOf(next, 2), urlOf(sample, 3), 'section 3 is now 2, citing R2');
    assert.equal(next.items[1]!.headline, sample.items[2]!.headline);
    assert.equal(sample.items.length, 5, 'the input is not changed');
    let one = sample;
    while (one.items.length > 1) one = removeItem(one, 1);
    assert.throws(() => removeItem(one, 1), UserError);
    assert.throws(() => removeItem(sample, 9), /没有第 9 条/);
  });

  test('moveItem swaps two sections and the references follow; not past either end', () => {
    const next = moveItem(sample, 3, -1);
    assertWhole(next);
    assert.equal(next.items[1]!.headline, sample.items[2]!.headline);
    assert.equal(next.items[2]!.headline, sample.items[1]!.headline);
    assert.equal(urlOf(next, 2), urlOf(sample, 3));
    assert.equal(next.references[1]!.url, urlOf(sample, 3), 'R2 is the second section’s source');
    assert.throws(() => moveItem(sample, 1, -1), /最前/);
    assert.throws(() => moveItem(sample, 5, 1), /最后/);
  });

  test('insertSection and replaceSection take a section written elsewhere, its ids renamed into the brief', () => {
    // A section from another brief, citing R1 there: its id must not collide with this brief's R1.
    const [first, ...rest] = sectionsOf(sample);
    const shorter = withSections(sample, rest);
    const inserted = insertSection(shorter, { item: { ...first!.item, n: 1 }, references: first!.references }, 3);
    assertWhole(inserted);
    assert.equal(inserted.items[2]!.headline, sample.items[0]!.headline);
    assert.equal(urlOf(inserted, 3), urlOf(sample, 1));
    assert.equal(inserted.items[2]!.quotes[0]!.ref, 'R3', 'its quotes follow its reference');
    const replaced = replaceSection(shorter, 1, { item: first!.item, references: first!.references });
    assertWhole(replaced);
    assert.equal(urlOf(replaced, 1), urlOf(sample, 1));
    assert.ok(!replaced.references.some((r) => r.url === urlOf(sample, 2)), 'the replaced story’s reference is gone');
    assert.equal(sectionCiting(replaced, urlOf(sample, 1)), 1);
    assert.equal(sectionCiting(replaced, urlOf(sample, 2)), null);
    assert.throws(() => insertSection(sample, first!, 9), /位置 9/);
  });

  test('editItem keeps the edited text, drops empty paragraphs, and records what the paragraphs now quote', () => {
    const item = sample.items[0]!;
    const quote = item.quotes[0]!.text;
    const changed = item.paragraphs[0]!.replace(quote, `${quote.slice(0, 4)}大幅${quote.slice(4)}`);
    const next = editItem(sample, 1, `  ${item.headline}\n`, [changed, '', ` ${item.paragraphs[1]!}\r\n`]);
    assertWhole(next);
    assert.equal(next.items[0]!.headline, item.headline);
    assert.deepEqual(next.items[0]!.paragraphs, [changed, item.paragraphs[1]]);
    const texts = next.items[0]!.quotes.map((q) => q.text);
    assert.ok(!texts.includes(quote), 'the quote no longer in the text is not recorded');
    assert.ok(texts.includes(`${quote.slice(0, 4)}大幅${quote.slice(4)}`), 'the edited quote is recorded, to be checked');
    assert.ok(texts.includes(item.quotes[1]!.text), 'an untouched quote stays');
    assert.throws(() => editItem(sample, 1, ' ', item.paragraphs), /标题不能为空/);
    assert.throws(() => editItem(sample, 1, item.headline, ['', '  ']), /至少要有一段/);
    assert.equal(oneLine('第一行\n  第二行\r\n'), '第一行第二行');
  });

  test('editAbstract; withFallback follows the model’s record; withSections carries fallbacks with their sections', () => {
    assert.equal(editAbstract(sample, '今日摘要\n第二句。').abstract, '今日摘要第二句。');
    assert.throws(() => editAbstract(sample, '\n'), UserError);
    assert.equal(withFallback(sample, 1, 'x'), sample, 'no model, no record');
    const modelBrief: Brief = { ...sample, stats: { ...sample.stats, llm: { model: 'm', calls: 1, promptTokens: 1, completionTokens: 1, cost: 0, currency: 'CNY', fallbacks: [{ item: 3, reason: 'late' }, { item: null, reason: 'abstract' }] } } };
    const moved = moveItem(modelBrief, 3, -1);
    assert.deepEqual(moved.stats.llm!.fallbacks, [{ item: 2, reason: 'late' }, { item: null, reason: 'abstract' }]);
    assert.deepEqual(removeItem(modelBrief, 3).stats.llm!.fallbacks, [{ item: null, reason: 'abstract' }]);
    assert.deepEqual(withFallback(moved, 2, null).stats.llm!.fallbacks, [{ item: null, reason: 'abstract' }]);
    assert.deepEqual(withFallback(moved, 4, 'bad').stats.llm!.fallbacks.at(-1), { item: 4, reason: 'bad' });
  });

  test('acceptWithheld takes a withheld section back last, citing the reference given; dropWithheld drops it', () => {
    const last = sample.items[4]!;
    const reference = sample.references.find((r) => r.id === last.refs[0])!;
    // As withholdFailing leaves it: the section out, kept with its findings and its old ids.
    const withheld: Brief = { ...removeItem(sample, 5), withheld: [{ item: { ...last, refs: ['R9'], quotes: last.quotes.map((q) => ({ ...q, ref: 'R9' })) }, reasons: ['第 5 条的引文不在所引来源正文中'] }] };
    const accepted = acceptWithheld(withheld, 0, [{ ...reference, id: 'R1' }]);
    assertWhole(accepted);
    assert.equal(accepted.withheld, undefined);
    assert.equal(accepted.items.length, 5);
    assert.equal(accepted.items[4]!.headline, last.headline);
    assert.equal(urlOf(accepted, 5), reference.url);
    const dropped = dropWithheld(withheld, 0);
    assert.equal(dropped.withheld, undefined);
    assert.equal(dropped.items.length, 4);
    assert.throws(() => dropWithheld(withheld, 1), /没有第 2 个撤下的条目/);
  });
});

describe('findings in place, and revisions compared', () => {
  test('a quote the source does not hold and a figure it does not give are found, and marked in the text, escaped', async () => {
    const { data } = await sampleDay();
    const store = await openTestStore(data);
    after(() => store.close());
    const loaded = loadConfig(join(repoRoot, 'config/xinzhi.yaml'));
    const directory = new SourceDirectory(loaded.sources, loaded.bodies);
    const item = sample.items[0]!;
    const quote = item.quotes[0]!.text;
    const bad = `${quote.slice(0, 6)}<b>大幅</b>${quote.slice(6)}`;
    const edited = editItem(sample, 1, item.headline, [item.paragraphs[0]!.replace(quote, bad), `${item.paragraphs[1]!}全年增长37.5%。`]);
    const checks = verifyBrief(edited, await referencedSources(store, edited), directory.knownBodies(), checkOptions(loaded)).filter((c) => !c.ok);
    const quoteCheck = checks.find((c) => c.name === 'quotes')!;
    const numberCheck = checks.find((c) => c.name === 'numbers')!;
    assert.ok(quoteCheck && numberCheck, JSON.stringify(checks));
    assert.equal(findingPart(quoteCheck), 1);
    assert.equal(findingWords(quoteCheck), bad);
    assert.equal(findingWords(numberCheck), '37.5%');
    assert.equal(findingWords({ name: 'overlap', ok: false, item: 1, detail: '第 1 条与所引来源的内容重合不足：10% 的相邻字对见于来源（至少 45%）' }), null);
    assert.equal(findingPart({ name: 'quotes', ok: false, item: null, detail: '摘要的引文不在所引来源正文中：“x”' }), 'abstract');
    const marked = markedText(edited.items[0]!.paragraphs[0]!, [{ words: findingWords(quoteCheck)!, finding: quoteCheck.detail }]).text;
    assert.match(marked, /<mark class="fail" title="[^"]*&lt;b&gt;大幅[^"]*">[^<]*&lt;b&gt;大幅&lt;\/b&gt;[^<]*<\/mark>/);
    assert.ok(!marked.includes('<b>'), 'the edited text is only text');
  });

  test('briefText and diffMarkup show what went in <del> and what came in <ins>, escaped', () => {
    const before = briefText(sample, 'zh');
    const after = briefText(editAbstract(removeItem(sample, 2), `${sample.abstract}<i>新句</i>`), 'zh');
    assert.match(before, /^新质生产力每日动态 2026-06-19\n\n摘要：/);
    assert.ok(before.includes(`2. ${sample.items[1]!.headline}`));
    const markup = diffMarkup(before, after).text;
    assert.ok(markup.includes('<ins>&lt;i&gt;新句&lt;/i&gt;</ins>'), markup.slice(0, 400));
    assert.match(markup, /<del>[^<]*数据集建设行动[^<]*<\/del>/);
    assert.ok(!markup.includes('<i>'));
  });
});

/** The editor's and the viewer's visitors of a fresh desk, the issue opened once by the editor. */
async function openDesk(options: Parameters<typeof startDesk>[0] = {}): Promise<{ desk: TestDesk; editor: Visitor; viewer: Visitor; page: string }> {
  const desk = await startDesk(options);
  const editor = await signedIn(desk.app, EDITOR);
  const viewer = await signedIn(desk.app, VIEWER);
  const page = await editor.get(ISSUE);
  assert.equal(page.statusCode, 200, page.body);
  return { desk, editor, viewer, page: page.body };
}

/** The latest revision of the issue. */
const latest = async (desk: TestDesk) => (await desk.desk.latestRevision(DATE))!;

/** POSTs a change from the editor's current page (its token and revision) and asserts it was saved. */
async function change(desk: TestDesk, editor: Visitor, path: string, form: Record<string, string | string[]> = {}): Promise<void> {
  const base = String((await latest(desk)).number);
  const response = await editor.post(`${ISSUE}/${path}`, { base, ...form });
  assert.equal(response.statusCode, 303, `${path}: ${response.body.slice(-1500)}`);
  assert.equal((await latest(desk)).number, Number(base) + 1);
  await editor.get(ISSUE);
}

/** A POST that answers with a redirect (POST/redirect/GET), followed: the page it leads to. */
async function followed(visitor: Visitor, response: LightMyRequestResponse): Promise<LightMyRequestResponse> {
  assert.equal(response.statusCode, 303, response.body.slice(-1500));
  return visitor.get(String(response.headers.location));
}

describe('the Today routes', () => {
  test('/today goes to the newest issue; a data folder with none says how one is made', async () => {
    const { desk, editor } = await openDesk();
    const today = await editor.get('/today');
    assert.equal(today.statusCode, 302);
    assert.equal(today.headers.location, ISSUE);
    const empty = tempDir('xinzhi-desk-empty-');
    const bare = await startDesk({ folders: { data: join(empty, 'data'), out: join(empty, 'out') } });
    const visitor = await signedIn(bare.app);
    const none = await visitor.get('/today');
    assert.equal(none.statusCode, 200);
    assert.match(none.body, /还没有简报/);
    assert.match(none.body, /xinzhi run/);
    assert.match(none.body, /xinzhi schedule/);
    assert.equal((await visitor.get('/issues/2026-01-01')).statusCode, 404);
    assert.equal((await visitor.get('/issues/not-a-date')).statusCode, 404);
    assert.ok(await desk.desk.revision(DATE, 1));
  });

  test('the draft: revision 1 from the machine’s draft, its sections, and the day’s candidates with scores, evidence and every copy', async () => {
    const { desk, page } = await openDesk();
    const first = await desk.desk.revisions(DATE);
    assert.equal(first.length, 1);
    assert.equal(first[0]!.author, 'xinzhi');
    assert.equal(first[0]!.action, 'draft');
    assert.deepEqual(first[0]!.brief.items.map((i) => i.headline), sample.items.map((i) => i.headline));
    for (const item of sample.items) assert.ok(page.includes(`id="item-${item.n}"`));
    assert.match(page, /核查全部通过/);
    // The candidates, as explain words them: significance, issuer line, relevance, evidence, copies.
    assert.match(page, /id="candidates"/);
    assert.match(page, /重要性 \d+\.\d\d/);
    assert.match(page, /发文机关：国家数据局/);
    assert.match(page, /相关度 \d+/);
    assert.match(page, /层级 \+[\d.]+（国家级）/);
    assert.match(page, /全部副本（2）/);
    assert.match(page, /本期第 1 条/);
    for (const url of ['https://www.nda.gov.cn/sjj/swdt/sjdt/0618/20260618103012345678_pc.html']) assert.ok(page.includes(`href="${url}"`));
    assert.match(page, /rel="noopener noreferrer nofollow"/);
    // A second visit makes no second revision.
    await (await signedIn(desk.app)).get(ISSUE);
    assert.equal((await desk.desk.revisions(DATE)).length, 1);
  });

  test('a viewer reads the issue without a form, and every POST that changes it is refused (403); a POST without its CSRF token is refused (403)', async () => {
    const { desk, editor, viewer } = await openDesk();
    const page = await viewer.get(ISSUE);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /只读账号/);
    assert.ok(!page.body.includes(`action="${ISSUE}/`), 'no editing form for a viewer');
    const url = urlOf(sample, 1);
    const posts: [string, Record<string, string>][] = [
      ['items/1/reject', {}], ['items/1/move', { by: 'down' }], ['items/1/edit', { headline: 'x', paragraph: 'y' }], ['items/1/regenerate', {}],
      ['abstract', { abstract: 'x' }], ['abstract/regenerate', {}], ['candidates/add', { url }], ['candidates/replace', { url, n: '1' }],
      ['withheld/0/accept', {}], ['withheld/0/drop', {}], ['restart', {}], ['publish', {}], ['send', {}],
    ];
    for (const [path, form] of posts) {
      const refused = await viewer.post(`${ISSUE}/${path}`, { base: '1', ...form });
      assert.equal(refused.statusCode, 403, `viewer ${path}`);
      assert.match(refused.body, /只读账号不能修改/);
    }
    for (const [path, form] of posts) {
      const forged = await editor.post(`${ISSUE}/${path}`, { base: '1', ...form }, false);
      assert.equal(forged.statusCode, 403, `no token ${path}`);
      assert.match(forged.body, /CSRF/);
    }
    assert.equal((await desk.desk.revisions(DATE)).length, 1, 'nothing was saved');
    assert.equal((await desk.desk.publications(DATE)).length, 0);
  });

  test('reject, move, edit, the abstract, add and replace a candidate: each a revision by its author, numbering and references whole', async () => {
    const { desk, editor } = await openDesk();
    desk.clock.now = new Date('2026-06-19T01:05:00Z');
    await change(desk, editor, 'items/2/reject');
    let revision = await latest(desk);
    assert.equal(revision.author, EDITOR.name);
    assert.equal(revision.action, 'select');
    assert.equal(revision.createdAt, '2026-06-19T01:05:00.000Z');
    assert.match(revision.note!, /删去第 2 条/);
    assertWhole(revision.brief);
    assert.equal(revision.brief.items.length, 4);
    assert.match(revision.brief.abstract, /本期四条信息/, 'the abstract counts the sections that are left');
    assert.ok(!revision.brief.abstract.includes('数据集建设行动'), 'and no longer speaks of the rejected one');
    assert.ok(revision.brief.checks.every((c) => c.ok), JSON.stringify(revision.brief.checks.filter((c) => !c.ok)));

    await change(desk, editor, 'items/1/move', { by: 'down' });
    revision = await latest(desk);
    assert.equal(revision.brief.items[1]!.headline, sample.items[0]!.headline);
    assert.equal(revision.brief.references[1]!.url, urlOf(sample, 1));
    assert.ok(revision.brief.abstract.indexOf('上交所') < revision.brief.abstract.indexOf('国家数据局召开'), 'the abstract follows the new order');

    const item = revision.brief.items[0]!;
    await change(desk, editor, 'items/1/edit', { headline: `${item.headline}（修订）`, paragraph: [...item.paragraphs, '上交所表示，将持续做好审核工作。'] });
    revision = await latest(desk);
    assert.equal(revision.action, 'edit');
    assert.equal(revision.brief.items[0]!.headline, `${item.headline}（修订）`);
    assert.equal(revision.brief.items[0]!.paragraphs.length, 3);

    await change(desk, editor, 'abstract', { abstract: `${revision.brief.abstract}\n` });
    assert.equal((await latest(desk)).action, 'edit');
    assert.match((await latest(desk)).note!, /修改摘要/);

    // The rejected story is a candidate again: added back, then swapped for section 1.
    const rejected = urlOf(sample, 2);
    await change(desk, editor, 'candidates/add', { url: rejected });
    revision = await latest(desk);
    assertWhole(revision.brief);
    assert.equal(revision.brief.items.length, 5);
    assert.equal(urlOf(revision.brief, 5), rejected);
    assert.match(revision.brief.abstract, /本期五条信息/);
    const twice = await editor.post(`${ISSUE}/candidates/add`, { base: String(revision.number), url: rejected });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /已是本期第 5 条/);

    await change(desk, editor, 'items/5/reject');
    await change(desk, editor, 'candidates/replace', { url: rejected, n: '1' });
    revision = await latest(desk);
    assertWhole(revision.brief);
    assert.equal(urlOf(revision.brief, 1), rejected);
    assert.equal(revision.brief.items[0]!.headline, sample.items[1]!.headline);
    assert.ok(!revision.brief.references.some((r) => r.url === urlOf(sample, 3)), 'the story replaced is no longer cited');
    assert.match(revision.note!, /第 1 条换为/);

    // A change made on an older page is refused: another revision was saved since.
    const stale = await editor.post(`${ISSUE}/items/1/reject`, { base: '2' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /请刷新/);
    assert.equal((await latest(desk)).number, revision.number);

    const list = await editor.get(`${ISSUE}/revisions`);
    assert.equal(list.statusCode, 200);
    for (const r of await desk.desk.revisions(DATE)) assert.ok(list.body.includes(`value="${r.number}"`));
    assert.match(list.body, /机器草稿/);
    assert.match(list.body, /张编辑/);
    const compare = await editor.get(`${ISSUE}/compare?a=1&b=2`);
    assert.equal(compare.statusCode, 200);
    assert.match(compare.body, /<del>[^<]*数据集建设行动/);
    assert.match(compare.body, /<ins>四<\/ins>/);
    assert.equal((await editor.get(`${ISSUE}/compare?a=1&b=99`)).statusCode, 404);
    assert.equal((await editor.get(`${ISSUE}/compare?a=x&b=2`)).statusCode, 400);
  });

  test('regenerate writes a section again by the composer (extractive) from its story', async () => {
    const { desk, editor } = await openDesk();
    const item = sample.items[2]!;
    await change(desk, editor, 'items/3/edit', { headline: '随便写的标题', paragraph: '随便写的一段话，和来源毫无关系。' });
    assert.ok((await latest(desk)).brief.checks.some((c) => !c.ok && c.item === 3), 'the hand-written section fails its checks');
    await change(desk, editor, 'items/3/regenerate');
    const revision = await latest(desk);
    assert.equal(revision.action, 'regenerate');
    assert.equal(revision.brief.items[2]!.headline, item.headline);
    assert.deepEqual(revision.brief.items[2]!.paragraphs, item.paragraphs);
    assert.ok(revision.brief.checks.every((c) => c.ok));
    await change(desk, editor, 'abstract', { abstract: '今日只有一句话。' });
    await change(desk, editor, 'abstract/regenerate');
    assert.equal((await latest(desk)).brief.abstract, sample.abstract);
  });

  test('with the model as writer, regenerate uses its section, and the extractive one where the model fails', async () => {
    let answer: 'reversed' | 'broken' = 'reversed';
    const asked: string[] = [];
    const provider = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        const user = (JSON.parse(text) as { messages: { content: string }[] }).messages[1]!.content;
        asked.push(user);
        // The model answers with the draft it was shown, its paragraphs in the other order: the checks pass.
        const draft = /参考草稿（可以改写，事实以原文为准）：\n标题：(.+)\n([\s\S]+?)\n<<</.exec(user);
        const content = answer === 'broken' || !draft ? 'not json' : JSON.stringify({ headline: draft[1], paragraphs: draft[2]!.split('\n').reverse() });
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }], usage: { prompt_tokens: 10, completion_tokens: 5 } }));
      });
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    after(() => new Promise<void>((resolve) => provider.close(() => resolve())));
    const port = (provider.address() as AddressInfo).port;
    const writer = `writer:\n  kind: llm\n  llm: { baseUrl: "http://127.0.0.1:${port}/v1", model: desk-test, apiKeyEnv: XINZHI_TEST_DESK_LLM_KEY, timeoutMs: 5000, retries: 0 }`;
    const { desk, editor } = await openDesk({ config: configWith('', writer), env: { XINZHI_TEST_DESK_LLM_KEY: 'desk-test-key' } });
    await change(desk, editor, 'items/2/regenerate');
    let revision = await latest(desk);
    assert.ok(asked.length >= 1 && asked[0]!.includes('参考草稿'), 'the model was asked');
    assert.deepEqual(revision.brief.items[1]!.paragraphs, [...sample.items[1]!.paragraphs].reverse(), 'the model’s section is used');
    assert.ok(!revision.note!.includes('模型未能写出'));
    answer = 'broken';
    await change(desk, editor, 'items/2/regenerate');
    revision = await latest(desk);
    assert.deepEqual(revision.brief.items[1]!.paragraphs, sample.items[1]!.paragraphs, 'the extractive section stands');
    assert.match(revision.note!, /模型未能写出，用抽取式文本：.*not JSON/);
  });

  test('a quote edited away from its source is marked in place, and publishing is refused until it is fixed', async () => {
    const { desk, editor } = await openDesk();
    const item = sample.items[0]!;
    const quote = item.quotes[0]!.text;
    const bad = quote.replace('持续扩大', '急剧扩大');
    await change(desk, editor, 'items/1/edit', { headline: item.headline, paragraph: [item.paragraphs[0]!.replace(quote, bad), item.paragraphs[1]!] });
    const page = (await editor.get(ISSUE)).body;
    assert.match(page, /<article class="card item failing" id="item-1">/);
    assert.ok(page.includes(`<mark class="fail" title="第 1 条的引文不在所引来源正文中：“${bad}”">${bad}</mark>`), page.slice(page.indexOf('id="item-1"'), page.indexOf('id="item-1"') + 2500));
    assert.match(page, /<ul class="findings" role="note"><li>第 1 条的引文不在所引来源正文中/);
    assert.match(page, /<button type="submit" disabled>审定并发布<\/button>/);
    assert.match(page, /1 项核查未通过/);
    const refused = await editor.post(`${ISSUE}/publish`, { base: String((await latest(desk)).number) });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /role="alert"/);
    assert.match(refused.body, /核查未通过：第 1 条的引文不在所引来源正文中/);
    assert.equal((await desk.desk.publications(DATE)).length, 0);
    const before = readFileSync(join(desk.out, DATE, 'brief.json'), 'utf8');
    await change(desk, editor, 'items/1/edit', { headline: item.headline, paragraph: item.paragraphs });
    assert.ok((await latest(desk)).brief.checks.every((c) => c.ok));
    const published = await followed(editor, await editor.post(`${ISSUE}/publish`, { base: String((await latest(desk)).number) }));
    assert.equal(published.statusCode, 200, published.body.slice(-1500));
    assert.match(published.body, /2026-06-19 期已发布/);
    assert.match(published.body, /配置文件没有 publish: 部分/, 'no publish: section: rendered only, and said so');
    assert.equal(readFileSync(join(desk.out, DATE, 'brief.json'), 'utf8'), before, 'the same text renders the same issue');
    for (const file of ['brief.md', 'brief.html', 'brief.pdf', 'brief.docx']) assert.ok(existsSync(join(desk.out, DATE, file)), file);
    assert.deepEqual((await desk.desk.publications(DATE)).map((p) => [p.revision, p.publishedBy]), [[(await latest(desk)).number, EDITOR.name]]);
  });

  test('a withheld section is accepted back (then checked in place) or dropped; publishing waits for it', async () => {
    const { desk, editor } = await openDesk();
    const last = sample.items[4]!;
    const held: Brief = { ...removeItem(sample, 5), withheld: [{ item: { ...last, refs: ['R7'], quotes: last.quotes.map((q) => ({ ...q, ref: 'R7' })) }, reasons: ['第 5 条与所引来源的内容重合不足'] }] };
    await desk.desk.addRevision(DATE, held, 'xinzhi', 'draft', null, desk.clock.now);
    const page = (await editor.get(ISSUE)).body;
    assert.match(page, /撤下的条目未处理：/);
    assert.match(page, /disabled>审定并发布/);
    await change(desk, editor, 'withheld/0/accept');
    const accepted = (await latest(desk)).brief;
    assertWhole(accepted);
    assert.equal(accepted.withheld, undefined);
    assert.equal(accepted.items[4]!.headline, last.headline);
    assert.equal(urlOf(accepted, 5), urlOf(sample, 5), 'its story’s reference found again among the candidates');
    await desk.desk.addRevision(DATE, held, 'xinzhi', 'draft', null, desk.clock.now);
    await editor.get(ISSUE);
    await change(desk, editor, 'withheld/0/drop');
    assert.equal((await latest(desk)).brief.withheld, undefined);
    assert.equal((await latest(desk)).brief.items.length, 4);
  });

  test('a published issue refuses plain edits; a correction needs its note, is published again and sent again, and both publications are kept', async () => {
    const hook = await startHook();
    const { desk, editor } = await openDesk({ config: configWith(hook.publish), env: hook.env });
    const first = await followed(editor, await editor.post(`${ISSUE}/publish`, { base: '1' }));
    assert.equal(first.statusCode, 200, first.body.slice(-1500));
    assert.match(first.body, /desk-hook（Webhook）：已发送/);
    assert.equal(hook.received.length, 1);
    assert.equal(hook.received[0]!.body.event, 'issue.published');
    assert.equal(hook.received[0]!.body.date, DATE);
    let page = (await editor.get(ISSUE)).body;
    assert.match(page, /已送达：desk-hook/);
    assert.match(page, /已发布的就是最新一版/);
    const again = await editor.post(`${ISSUE}/publish`, { base: '1' });
    assert.equal(again.statusCode, 409, 'nothing to publish again');

    const plain = await editor.post(`${ISSUE}/items/2/reject`, { base: '1' });
    assert.equal(plain.statusCode, 409);
    assert.match(plain.body, /本期已发布，不能直接修改/);
    const edit = await editor.post(`${ISSUE}/abstract`, { base: '1', abstract: 'x' });
    assert.equal(edit.statusCode, 409);
    assert.equal((await latest(desk)).number, 1);

    await change(desk, editor, 'items/2/reject', { correction: '第 2 条与第 1 条重复，撤下' });
    const correction = await latest(desk);
    assert.equal(correction.action, 'correction');
    assert.equal(correction.note, '第 2 条与第 1 条重复，撤下');
    page = (await editor.get(ISSUE)).body;
    assert.match(page, /已发布，有更正待发/);
    assert.match(page, /发布更正/);
    const second = await followed(editor, await editor.post(`${ISSUE}/publish`, { base: String(correction.number) }));
    assert.equal(second.statusCode, 200, second.body.slice(-1500));
    assert.match(second.body, /更正已发布/);
    assert.equal(hook.received.length, 2, 'the correction is sent again, forced');
    assert.equal(hook.received[1]!.body.items.length, 4);
    const written = briefSchema.parse(JSON.parse(readFileSync(join(desk.out, DATE, 'brief.json'), 'utf8')));
    assert.equal(written.items.length, 4, 'the corrected issue is what out/ holds');
    assert.deepEqual((await desk.desk.publications(DATE)).map((p) => [p.revision, p.note]), [[1, null], [correction.number, '第 2 条与第 1 条重复，撤下']]);
    page = (await editor.get(ISSUE)).body;
    assert.match(page, new RegExp(`<ol class="publications"><li><a href="${ISSUE}/publications/1">第 1 版 · 张编辑 · [^<]+</a></li><li><a href="${ISSUE}/publications/2">第 ${correction.number} 版 · 张编辑 · [^<]+</a> · 第 2 条与第 1 条重复，撤下</li></ol>`));
    // What the desk recorded when it published is not taken for a new machine draft.
    assert.doesNotMatch(page, /重新写了这一期的草稿/);
  });

  test('publishing waits for the data folder’s lock; a channel that failed is sent again on request', async () => {
    const hook = await startHook();
    // The channel's address first points at a port just closed: its delivery fails.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const env = { ...hook.env, XINZHI_TEST_DESK_HOOK_URL: `http://127.0.0.1:${deadPort}/hook/x` };
    const { desk, editor } = await openDesk({ config: configWith(hook.publish), env });
    // A run holds the folder for a second: the publish waits for it, then goes on.
    const held = await lockDataFolder(desk.data, { command: 'run', waitSeconds: 0 });
    const started = Date.now();
    setTimeout(() => held.release(), 1000);
    const published = await followed(editor, await editor.post(`${ISSUE}/publish`, { base: '1' }));
    assert.equal(published.statusCode, 200, published.body.slice(-1500));
    assert.ok(Date.now() - started >= 900, 'it waited for the lock');
    assert.match(published.body, /desk-hook（Webhook）：失败/);
    assert.equal((await desk.desk.publications(DATE)).length, 1, 'the issue is out (its files written) though a channel failed');
    const page = (await editor.get(ISSUE)).body;
    assert.match(page, /未送达：desk-hook/);
    assert.match(page, /重发到未送达的渠道/);
    // The receiver is back: sent again, not published again.
    env.XINZHI_TEST_DESK_HOOK_URL = hook.env.XINZHI_TEST_DESK_HOOK_URL!;
    const resent = await followed(editor, await editor.post(`${ISSUE}/send`, { base: '1' }));
    assert.equal(resent.statusCode, 200, resent.body.slice(-1500));
    assert.match(resent.body, /desk-hook（Webhook）：已发送/);
    assert.equal(hook.received.length, 1);
    assert.equal((await desk.desk.publications(DATE)).length, 1);
    assert.match((await editor.get(ISSUE)).body, /已送达：desk-hook/);
  });

  test('a lock held past the wait refuses the publish, naming the holder, and records nothing', async () => {
    const { desk, editor } = await openDesk();
    await change(desk, editor, 'items/5/reject');
    const held = await lockDataFolder(desk.data, { command: 'run', waitSeconds: 0 });
    try {
      const refused = await editor.post(`${ISSUE}/publish`, { base: '2' });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /正被另一个 xinzhi 进程使用（进程 \d+@[^，]+，run/);
    } finally {
      held.release();
    }
    assert.equal((await desk.desk.publications(DATE)).length, 0);
    assert.equal(readFileSync(join(desk.out, DATE, 'brief.json'), 'utf8').includes(sample.items[4]!.headline), true, 'out/ still holds the machine’s issue');
  });

  test('a newer machine draft is said, and the editor may start again from it', async () => {
    const { desk, editor } = await openDesk();
    await change(desk, editor, 'items/2/reject');
    const rewritten = { ...sample, abstract: `${sample.abstract}（重跑）` };
    await desk.store.saveIssue(DATE, rewritten, rewritten.stats.themeShares);
    const page = (await editor.get(ISSUE)).body;
    assert.match(page, /机器于 .+ 重新写了这一期的草稿/);
    await change(desk, editor, 'restart');
    const revision = await latest(desk);
    assert.equal(revision.action, 'draft');
    assert.equal(revision.author, EDITOR.name);
    assert.equal(revision.brief.abstract, rewritten.abstract);
    assert.equal(revision.brief.items.length, 5);
    assert.doesNotMatch((await editor.get(ISSUE)).body, /重新写了这一期的草稿/, 'the draft started from is no newer draft');
  });

  test('English on request: the same page in the editor’s other language', async () => {
    const { editor } = await openDesk();
    await editor.get(`/lang?to=en&next=${encodeURIComponent(ISSUE)}`);
    const page = (await editor.get(ISSUE)).body;
    assert.match(page, /Issue of 2026-06-19/);
    assert.match(page, /Every check passed/);
    assert.match(page, /The day’s candidates/);
    assert.match(page, /issuer: 国家数据局/);
  });
});
