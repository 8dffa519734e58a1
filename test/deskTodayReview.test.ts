// What a fresh editor met reviewing an issue at the desk, each as a rule: a candidate an editor removed says
// so (not the machine's reason); a revision whose checks failed is marked, every cell named for the phone's
// cards; a new headline is carried into the abstract where the abstract repeats the old one, and only there;
// error pages say a short heading and the sentence once; English pages speak English, and label the stored
// Chinese (findings, notes) as such. Over the sample day written by the real `xinzhi demo`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { JSDOM } from 'jsdom';
import { briefSchema, type Brief } from '../src/domain/brief.ts';
import { analyseIssueDay } from '../src/pipeline/compose.ts';
import { abstractAfterHeadline, removeItem, withAbstractOf } from '../src/serve/revise.ts';
import { editorRemoval } from '../src/serve/revisions.ts';
import { candidateReason } from '../src/serve/todayView.ts';
import type { Revision } from '../src/store/store.ts';
import { EDITOR, sampleDay, SAMPLE_ISSUE, signedIn, startDesk, VIEWER, Visitor, type TestDesk } from './deskHarness.ts';

const DATE = SAMPLE_ISSUE;
const ISSUE = `/issues/${DATE}`;
const demo = await sampleDay();
const sample: Brief = briefSchema.parse(JSON.parse(readFileSync(join(demo.out, DATE, 'brief.json'), 'utf8')));
const urlOf = (brief: Brief, n: number) => brief.references.find((r) => r.id === brief.items[n - 1]!.refs[0])!.url;
const dom = (body: string) => new JSDOM(body).window.document;
const latest = async (desk: TestDesk) => (await desk.desk.latestRevision(DATE))!;

async function openDesk(): Promise<{ desk: TestDesk; editor: Visitor }> {
  const desk = await startDesk();
  const editor = await signedIn(desk.app, EDITOR);
  assert.equal((await editor.get(ISSUE)).statusCode, 200);
  return { desk, editor };
}

async function change(desk: TestDesk, editor: Visitor, path: string, form: Record<string, string | string[]> = {}): Promise<void> {
  const base = String((await latest(desk)).number);
  const response = await editor.post(`${ISSUE}/${path}`, { base, ...form });
  assert.equal(response.statusCode, 303, `${path}: ${response.body.slice(-1500)}`);
  await editor.get(ISSUE);
}

/** The candidate card whose title links to `url`. */
function candidateCard(doc: Document, url: string): Element {
  const card = [...doc.querySelectorAll('li.candidate')].find((li) => li.querySelector('h3 a')?.getAttribute('href') === url);
  assert.ok(card, `no candidate card for ${url}`);
  return card;
}

describe('a candidate’s reason', () => {
  test('a story an editor removed says who and in which revision, not the machine’s reason; one the machine never picked keeps it', async () => {
    const { desk, editor } = await openDesk();
    const removed = urlOf(sample, 2);
    await change(desk, editor, 'items/2/reject');
    const doc = dom((await editor.get(ISSUE)).body);
    const card = candidateCard(doc, removed).textContent!;
    assert.match(card, /编辑在第 2 版删去（张编辑）/);
    assert.doesNotMatch(card, /未入选/);
    assert.equal([...doc.querySelectorAll('li.candidate')].filter((li) => /编辑在第/.test(li.textContent!)).length, 1);
    // Put back, it is in the issue again and says no reason at all.
    await change(desk, editor, 'candidates/add', { url: removed });
    const back = candidateCard(dom((await editor.get(ISSUE)).body), removed);
    assert.match(back.className, /picked/);
    assert.doesNotMatch(back.textContent!, /编辑在第|未入选/);
  });

  test('candidateReason: the machine’s reason only for a story no draft held and the machine would not pick', async () => {
    const { desk } = await openDesk();
    const day = await analyseIssueDay(desk.store, desk.loaded, DATE);
    const story = day.items[1]!;
    const url = story.document.url;
    const at = (number: number, brief: Brief, action: Revision['action']): Revision => ({ issueDate: DATE, number, brief, author: '张编辑', action, note: null, createdAt: '2026-06-19T01:00:00.000Z' });
    const without = removeItem(sample, 2);
    assert.equal(urlOf(sample, 2), url);
    const reason = (revisions: Revision[], items = day.items) => candidateReason('zh', story, { ...day, items }, revisions, null, true, 7) ?? '';
    assert.equal(candidateReason('zh', story, day, [at(1, sample, 'draft')], 2, true, 7), null, 'in the issue: no reason');
    assert.equal(reason([at(1, sample, 'draft'), at(2, without, 'select')]), '编辑在第 2 版删去（张编辑）');
    assert.equal(reason([at(1, sample, 'draft'), at(2, without, 'draft')]), '机器草稿选入过，当前版本中没有');
    assert.match(reason([at(1, without, 'draft')]), /^不在机器草稿中/);
    const never = day.items.filter((candidate) => candidate !== story);
    assert.match(reason([at(1, without, 'draft')], never), /^未入选：按重要性/);
    assert.equal(candidateReason('zh', story, { ...day, items: never }, [at(1, without, 'draft')], null, false, 7), null, 'below the threshold: the list says why');
  });

  test('editorRemoval: the revision after the last that cited the story, when an editor’s; a new machine draft is no editor’s removal', () => {
    const at = (number: number, brief: Brief, action: Revision['action'], author = '张编辑'): Revision => ({ issueDate: DATE, number, brief, author, action, note: null, createdAt: '2026-06-19T01:00:00.000Z' });
    const url = urlOf(sample, 2);
    const without = removeItem(sample, 2);
    assert.deepEqual(editorRemoval([at(1, sample, 'draft', 'xinzhi'), at(2, without, 'select'), at(3, without, 'edit')], [url]), { number: 2, author: '张编辑' });
    assert.equal(editorRemoval([at(1, sample, 'draft', 'xinzhi'), at(2, without, 'select'), at(3, sample, 'select')], [url]), null, 'put back');
    assert.equal(editorRemoval([at(1, sample, 'draft', 'xinzhi'), at(2, without, 'draft')], [url]), null, 'the machine’s new draft left it out');
    assert.equal(editorRemoval([at(1, without, 'draft', 'xinzhi')], [url]), null, 'never in the issue');
    assert.deepEqual(editorRemoval([at(1, sample, 'draft', 'xinzhi'), at(2, without, 'correction', '李编辑')], ['https://x.example/', url]), { number: 2, author: '李编辑' });
  });
});

describe('the revisions page', () => {
  test('marks a revision whose checks failed, and names every cell’s column', async () => {
    const { desk, editor } = await openDesk();
    await change(desk, editor, 'items/3/edit', { headline: '随便写的标题', paragraph: '随便写的一段话，和来源毫无关系。' });
    const failed = (await latest(desk)).brief.checks.filter((c) => !c.ok).length;
    assert.ok(failed > 0);
    await change(desk, editor, 'items/3/regenerate');
    const doc = dom((await editor.get(`${ISSUE}/revisions`)).body);
    const rows = [...doc.querySelectorAll('table.revisions tbody tr')];
    assert.equal(rows.length, 3);
    const byNumber = (n: number) => rows.find((row) => row.querySelector('input[name="a"]')!.getAttribute('value') === String(n))!;
    assert.equal(byNumber(2).className, 'failing');
    assert.equal(byNumber(2).querySelector('.badge.fail')!.textContent, `${failed} 项核查未通过`);
    assert.equal(byNumber(3).className, '');
    assert.equal(byNumber(3).querySelector('.badge.fail'), null);
    const headings = [...doc.querySelectorAll('table.revisions thead th')].map((th) => th.textContent);
    for (const row of rows) assert.deepEqual([...row.querySelectorAll('td')].map((td) => td.getAttribute('data-label')), headings);
  });
});

describe('a new headline and the abstract', () => {
  test('abstractAfterHeadline replaces the old headline, or the old 《title》 it names, where it stands verbatim; else nothing', () => {
    assert.equal(abstractAfterHeadline('甲；上交所发布《指引》；乙', '上交所发布《指引》', '上交所发布《新指引》'), '甲；上交所发布《新指引》；乙');
    assert.equal(abstractAfterHeadline('本期关注《指引》与《方案》。', '上交所发布《指引》', '上交所印发《审核指引》'), '本期关注《审核指引》与《方案》。');
    assert.equal(abstractAfterHeadline('编辑自己写的摘要。', '上交所发布《指引》', '上交所发布《新指引》'), '编辑自己写的摘要。');
    assert.equal(abstractAfterHeadline('本期关注《指引》。', '上交所发布《指引》', '上交所发布指引'), '本期关注《指引》。', 'no title in the new headline: left alone');
    assert.equal(abstractAfterHeadline('本期关注《指引》。', '发布《指引》', '发布《指引》'), '本期关注《指引》。');
  });

  test('an abstract written again for a new order of stories keeps the headlines the editor changed', () => {
    const item = (headline: string) => ({ headline }) as Brief['items'][number];
    const edited = { items: [item('上交所印发《审核指引》'), item('国家数据局发布《方案》')], abstract: '旧摘要', stats: {} } as unknown as Brief;
    const draft = { items: [item('上交所发布《指引》'), item('国家数据局发布《方案》')], abstract: '本期：上交所发布《指引》；国家数据局发布《方案》。', stats: {} } as unknown as Brief;
    assert.equal(withAbstractOf(edited, draft).abstract, '本期：上交所印发《审核指引》；国家数据局发布《方案》。');
  });

  test('editing a headline carries it into the abstract that repeats it; a hand-written abstract is left alone', async () => {
    const { desk, editor } = await openDesk();
    const item = sample.items[0]!;
    assert.ok(sample.abstract.includes(item.headline), 'the composer’s abstract repeats the headline');
    const headline = '国家数据局召开座谈会研判上半年数字经济形势';
    await change(desk, editor, 'items/1/edit', { headline, paragraph: item.paragraphs });
    let revision = await latest(desk);
    assert.ok(revision.brief.abstract.includes(headline));
    assert.ok(!revision.brief.abstract.includes(item.headline));
    assert.equal(revision.brief.abstract, sample.abstract.replace(item.headline, headline));
    assert.match(revision.note!, /修改第 1 条；摘要中的原标题随之改为新标题/);

    await change(desk, editor, 'abstract', { abstract: '今日要闻五条，详见各条。' });
    const second = sample.items[1]!;
    await change(desk, editor, 'items/2/edit', { headline: `${second.headline}（修订）`, paragraph: second.paragraphs });
    revision = await latest(desk);
    assert.equal(revision.brief.abstract, '今日要闻五条，详见各条。');
    assert.equal(revision.note, '修改第 2 条');
  });
});

describe('error pages', () => {
  test('say a short heading and the sentence once', async () => {
    const { desk, editor } = await openDesk();
    const viewer = await signedIn(desk.app, VIEWER);
    const stranger = new Visitor(desk.app);
    const pages = [
      ['viewer', await viewer.post(`${ISSUE}/items/1/reject`, { base: '1' }), 403, '没有权限', /只读账号不能修改/],
      ['no token', await editor.post(`${ISSUE}/items/1/reject`, { base: '1' }, false), 403, '表单已过期', /CSRF/],
      ['signed out', await stranger.post(`${ISSUE}/items/1/reject`, { base: '1' }, false), 401, '需要登录', /请先登录/],
      ['bad number', await editor.post(`${ISSUE}/items/x/reject`, { base: '1' }), 400, '请求有误', /n 不是数字：x/],
      ['no page', await editor.get('/nowhere'), 404, '没有这个页面', /\/nowhere/],
    ] as const;
    for (const [name, response, status, heading, sentence] of pages) {
      assert.equal(response.statusCode, status, name);
      const doc = dom(response.body);
      const h1 = doc.querySelector('section.message h1')!.textContent!;
      const p = doc.querySelector('section.message p')!.textContent!;
      assert.equal(h1, heading, name);
      assert.match(p, sentence, name);
      assert.ok(!p.includes(h1) && !h1.includes(p), `${name}: heading and sentence repeat each other`);
      assert.equal(doc.querySelector('main')!.textContent!.split(p).length, 2, `${name}: the sentence is said once`);
    }
  });
});

describe('English pages', () => {
  test('speak English around the issue, and label the verifier’s findings and the stored notes as Chinese', async () => {
    const { desk, editor } = await openDesk();
    const item = sample.items[0]!;
    const quote = item.quotes[0]!.text;
    await change(desk, editor, 'items/1/edit', { headline: item.headline, paragraph: [item.paragraphs[0]!.replace(quote, quote.replace('持续扩大', '急剧扩大')), item.paragraphs[1]!] });
    editor.cookies.xinzhi_lang = 'en';
    const page = (await editor.get(ISSUE)).body;
    const doc = dom(page);
    const shown = doc.querySelector('main')!.textContent!;
    assert.match(shown, /Checks failed: 1, each marked where it stands/);
    assert.doesNotMatch(shown, /\b1 checks\b/);
    assert.match(shown, /Source: \[R1\]/);
    assert.doesNotMatch(shown, /Source：/);
    assert.doesNotMatch(shown, /来源 line/);
    assert.match(doc.querySelector('#item-1 ul.findings li')!.textContent!, /^finding \(in Chinese\): 第 1 条的引文不在所引来源正文中/);
    assert.match(doc.querySelector('#publish')!.textContent!, /check failed: finding \(in Chinese\): 第 1 条的引文/);
    assert.match(doc.querySelector('.issue-head')!.textContent!, /note \(in Chinese\): 修改第 1 条/);
    const revisions = dom((await editor.get(`${ISSUE}/revisions`)).body);
    assert.equal(revisions.querySelector('table.revisions tbody tr td[data-label="Note"]')!.textContent, 'note (in Chinese): 修改第 1 条');
    assert.equal(revisions.querySelector('table.revisions .badge.fail')!.textContent, 'checks failed: 1');
    const compare = dom((await editor.get(`${ISSUE}/compare?a=1&b=2`)).body).querySelector('pre.diff')!.textContent!;
    assert.match(compare, /^[^\n]*\n\nAbstract: /);
    assert.doesNotMatch(compare, /Abstract：|Cites：/);
    // The archive in English: a correction counted without a plural slip, its note labelled.
    await desk.desk.recordPublication({ issueDate: DATE, revision: 2, publishedBy: EDITOR.name, publishedAt: '2026-06-19T01:30:00Z', note: null });
    await desk.desk.addRevision(DATE, sample, EDITOR.name, 'correction', '恢复原文', desk.clock.now);
    await desk.desk.recordPublication({ issueDate: DATE, revision: 3, publishedBy: EDITOR.name, publishedAt: '2026-06-19T03:00:00Z', note: '恢复原文' });
    const list = dom((await editor.get('/archive')).body).querySelector('table.issue-list tbody tr td:nth-child(4)')!.textContent!;
    assert.match(list, /Published 2026-06-19 09:30 \(corrections: 1\)/);
    const issue = dom((await editor.get(`/archive/${DATE}`)).body).querySelector('main')!.textContent!;
    assert.match(issue, /Correction note \(in Chinese\): 恢复原文/);
    assert.match(issue, /Revisions kept at the desk: 3\./);
  });
});
