// The Sources section's add form as a fresh editor meets it: adding follows a preview (the server's rule,
// with a signed token of the preview), the preview's verdict said once and editor-first (unreachable, private,
// an HTTPS site answering plain HTTP), the list's sections only when the list was read, and English pages
// without Chinese UI words.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { load, type CheerioAPI } from 'cheerio';
import { loadConfig } from '../src/config/load.ts';
import { csrfKey } from '../src/serve/app.ts';
import { previewToken } from '../src/serve/previewToken.ts';
import { sourcesSection } from '../src/serve/sourcesPage.ts';
import { signedIn, type Visitor } from './deskHarness.ts';
import { CATALOG, catalogDesk, officeSite, recordRuns, type CatalogDesk } from './deskSourcesFixtures.ts';
import { html, listPage, startSite } from './sites.ts';

/** The add form's fields for a list address; the rest as an editor types them. */
function fields(url: string, extra: Record<string, string> = {}): Record<string, string> {
  return { url, name: '测试市数据局', tier: 'municipal', region: '测试市', id: 'test-sjj', ...extra };
}

/** Posts an add that must be refused: 400, one line, and the catalog folder unchanged. Returns the line and the page. */
async function refusedAdd(desk: CatalogDesk, editor: Visitor, form: Record<string, string>): Promise<{ line: string; $: CheerioAPI }> {
  await editor.get('/sources/new');
  const response = await editor.post('/sources/add', form);
  assert.equal(response.statusCode, 400, response.body);
  const $ = load(response.body);
  const line = $('.error').text();
  assert.ok(line !== '' && !line.includes('\n'), line);
  assert.ok(!existsSync(join(desk.catalogDir, 'added.yaml')), 'nothing written');
  assert.equal(readFileSync(desk.catalog, 'utf8'), CATALOG);
  return { line, $ };
}

describe('desk sources: adding follows a preview', () => {
  it('the blank form offers only the preview; a crafted POST without a passing preview of that address, and without the box, is refused with one line', async (t) => {
    const desk = await catalogDesk();
    const site = await officeSite();
    t.after(() => site.close());
    const editor = await signedIn(desk.app);
    const blank = load((await editor.get('/sources/new')).body);
    assert.equal(blank('button[formaction="/sources/add"]').length, 0, 'no add button before a preview');
    assert.equal(blank('.add-hint').text(), '先预览：预览通过检查的地址才能添加。');
    const url = `${site.base}/list/`;

    // No preview at all.
    const none = await refusedAdd(desk, editor, fields(url));
    assert.equal(none.line, `${url} 没有通过检查的预览：请先预览；若仍要添加，请勾选「未通过检查，仍然添加」`);
    // The page that says so offers the box, unticked.
    assert.equal(none.$('input[name="unchecked"]').length, 1);
    assert.equal(none.$('input[name="unchecked"]').attr('checked'), undefined);

    // A token the desk never signed, one for another address, one whose count was changed, one signed with the desk's key 25 hours ago.
    assert.match((await refusedAdd(desk, editor, fields(url, { preview: 'forged' }))).line, /^预览凭据与地址 .* 不符（预览的是另一个地址）/);
    await editor.get('/sources/new');
    const token = load((await editor.post('/sources/preview', fields(url))).body)('input[name="preview"]').attr('value')!;
    assert.match(token, /^\d+\.3\.[\w-]{43}$/);
    assert.match((await refusedAdd(desk, editor, fields(`${site.base}/other/`, { preview: token }))).line, /^预览凭据与地址 .*\/other\/ 不符/);
    assert.match((await refusedAdd(desk, editor, fields(url, { preview: token.replace('.3.', '.30.') }))).line, /^预览凭据与地址/);
    const signed = previewToken(csrfKey(desk.data), url, 3, new Date(desk.clock.now.getTime() - 25 * 3600_000));
    assert.equal((await refusedAdd(desk, editor, fields(url, { preview: signed }))).line, `${url} 的预览已超过 24 小时：请重新预览；若仍要添加，请勾选「未通过检查，仍然添加」`);
    // The genuine token, on time, adds.
    await editor.get('/sources/new');
    const added = await editor.post('/sources/add', fields(url, { preview: token }));
    assert.equal(added.statusCode, 303, added.body);
    assert.equal(loadConfig(desk.config).sources.find((s) => s.id === 'test-sjj')?.verified, true);
  });

  it('a failing preview offers adding only with the box; ticked, the entry is written verified: false and the note says it is unchecked and how to check it', async (t) => {
    const desk = await catalogDesk();
    const site = await officeSite();
    t.after(() => site.close());
    const editor = await signedIn(desk.app);
    await editor.get('/sources/new');
    const url = `${site.base}/gone/`;
    const $ = load((await editor.post('/sources/preview', fields(url))).body);
    assert.equal($('.preview .verdict').text(), `网站返回错误：HTTP 404：${url}`);
    assert.equal($('input[name="preview"]').length, 0, 'no token for a failing preview');
    assert.equal($('label.add-anyway').text().trim(), '未通过检查，仍然添加（将标记为 verified: false）');
    assert.equal($('button[formaction="/sources/add"]').length, 1);

    const added = await editor.post('/sources/add', fields(url, { unchecked: 'yes' }));
    assert.equal(added.statusCode, 303, added.body);
    assert.equal(added.headers.location, '/sources?done=added-unchecked&id=test-sjj#source-test-sjj');
    const text = readFileSync(join(desk.catalogDir, 'added.yaml'), 'utf8');
    assert.match(text, /# Added at the editor's desk by 张编辑, 2026-06-19 09:00 \(\+08:00\), without passing the check: xinzhi sources check --source test-sjj --update\n/);
    assert.match(text, /\n {2}verified: false\n {2}entries:/);
    assert.equal(loadConfig(desk.config).sources.find((s) => s.id === 'test-sjj')?.verified, false);
    const note = load((await editor.get(added.headers.location as string)).body)('.notice.unchecked');
    assert.equal(note.text(), '已添加 测试市数据局，但它没有通过检查：写入目录文件 sources/added.yaml，标记为 verified: false，下次运行仍会抓取。请运行 xinzhi sources check --source test-sjj 检查它；通过后加 --update 改为 verified: true。');
  });
});

describe('desk sources: what the preview says', () => {
  it('an unreachable site: said once, editor-first, the code in a muted line, and no links or article sections', async () => {
    const desk = await catalogDesk();
    const editor = await signedIn(desk.app);
    await editor.get('/sources/new');
    const $ = load((await editor.post('/sources/preview', fields('http://xinzhi-check.invalid/list/'))).body);
    assert.equal($('.preview .verdict').text(), '无法访问：域名 xinzhi-check.invalid 无法解析（本机无法连到这个网站，可能是网络或域名问题）');
    assert.match($('.preview .technical').text(), /^技术信息：(ENOTFOUND|EAI_AGAIN)，读取 http:\/\/xinzhi-check\.invalid\/robots\.txt 时$/);
    const said = $('.preview').text();
    assert.equal(said.split('无法解析').length - 1, 1, said);
    assert.ok(!said.includes('列表识别') && $('.preview h3').length === 0, 'no links section when the list was never read');
    assert.equal($('input[name="unchecked"]').length, 1);

    await editor.get('/lang?to=en&next=/sources/new');
    await editor.get('/sources/new');
    const en = load((await editor.post('/sources/preview', fields('http://xinzhi-check.invalid/list/'))).body);
    assert.equal(en('.preview .verdict').text(), 'Cannot reach the site: the name xinzhi-check.invalid does not resolve (this machine cannot reach the site: a network or domain problem)');
    assert.match(en('.preview .technical').text(), /^Technical detail: (ENOTFOUND|EAI_AGAIN), reading http:\/\/xinzhi-check\.invalid\/robots\.txt$/);
  });

  it('an HTTPS address whose site answers plain HTTP: unreachable, and the http:// address that works', async (t) => {
    const desk = await catalogDesk();
    const site = await officeSite();
    t.after(() => site.close());
    const editor = await signedIn(desk.app);
    await editor.get('/sources/new');
    const $ = load((await editor.post('/sources/preview', fields(`https://${site.host}/list/`))).body);
    assert.equal($('.preview .verdict').text(), `无法访问：127.0.0.1 的 HTTPS 加密连接或证书出错；改用 ${site.base}/list/ 可以读到带日期链接 3 条：把地址改成它再预览`);
    assert.equal($('.preview .technical').text(), `技术信息：ERR_SSL_WRONG_VERSION_NUMBER，读取 https://${site.host}/robots.txt 时`);
  });

  it('a list page that was read but lists nothing says so, with its sections', async (t) => {
    const desk = await catalogDesk();
    const site = await startSite({ '/list/': (_, res) => html(res, listPage([])) });
    t.after(() => site.close());
    const editor = await signedIn(desk.app);
    await editor.get('/sources/new');
    const $ = load((await editor.post('/sources/preview', fields(`${site.base}/list/`))).body);
    assert.match($('.preview .verdict').text(), /^列表不可用：未找到带日期的文章链接/);
    assert.equal($('.preview h3').first().text(), '列表识别到的链接（0 条，带日期 0 条）');
    assert.match($('.preview').text(), /列表识别没有找到文章链接。/);
  });
});

/** The page's words once its data is taken out: the text of the elements given and the data strings given are removed. */
function uiWords(body: string, dataSelectors: string[], data: string[]): string {
  const $ = load(body);
  // The account's name, and the link to the other language (written in that language on purpose).
  $(['header .account span', 'a.lang', ...dataSelectors].join(', ')).remove();
  const attributes = $('[placeholder], [title], [aria-label], [alt]').toArray().flatMap((el) => ['placeholder', 'title', 'aria-label', 'alt'].map((name) => $(el).attr(name) ?? ''));
  let text = [$('title').text(), $('body').text(), ...attributes].join('\n');
  for (const value of data) text = text.split(value).join('');
  return text;
}

describe('desk sources in English', () => {
  it('every page of the section has no Chinese UI words (names, regions, reasons and scraped text are data)', async (t) => {
    const desk = await catalogDesk();
    await recordRuns(desk);
    const site = await officeSite();
    t.after(() => site.close());
    // A cookie check instead of the list: the challenge's name is said in the page's language.
    const guarded = await startSite({ '/ck/': (_, res) => html(res, '<html><body><script>var x="8f3a";document.cookie="__check="+x+";path=/";location.href=location.pathname+location.search;</script></body></html>') });
    t.after(() => guarded.close());
    const strict = await catalogDesk([sourcesSection()]);
    const editor = await signedIn(desk.app);
    const other = await signedIn(strict.app);
    for (const visitor of [editor, other]) await visitor.get('/lang?to=en&next=/sources');
    const catalogData = [...CATALOG.matchAll(/(?:name|region|disabled): "?([^"\n]+)"?/g)].map((m) => m[1]!.trim());
    const data = [...catalogData, '测试市数据局', '测试市'];
    // Run errors are stored as the crawl wrote them; links, titles and extracted text are the site's.
    const scraped = ['.source-table .errors ul', '.preview-links', '.extract dd', '.extract-paragraph'];
    const pages: [string, string][] = [];
    const page = async (name: string, visitor: Visitor, action: () => Promise<{ statusCode: number; body: string }>, status = 200) => {
      const response = await action();
      assert.equal(response.statusCode, status, `${name}: ${response.body}`);
      pages.push([name, response.body]);
    };

    await page('table', editor, () => editor.get('/sources'));
    assert.equal((await editor.post('/sources/alpha/disable', { reason: '网站改版' })).statusCode, 303);
    await page('disabled note', editor, () => editor.get('/sources?done=disabled&id=alpha'));
    data.push('网站改版');
    await page('add form', editor, () => editor.get('/sources/new'));
    await page('preview passed', editor, () => editor.post('/sources/preview', fields(`${site.base}/list/`)));
    await page('preview http error', editor, () => editor.post('/sources/preview', fields(`${site.base}/gone/`)));
    await page('preview challenge', editor, () => editor.post('/sources/preview', fields(`${guarded.base}/ck/`)));
    await page('preview unreachable', editor, () => editor.post('/sources/preview', fields('http://xinzhi-check.invalid/list/')));
    await page('add refused', editor, () => editor.post('/sources/add', fields(`${site.base}/list/`)), 400);
    await page('add bad tier', editor, () => editor.post('/sources/add', fields(`${site.base}/list/`, { tier: 'galaxy' })), 400);
    assert.equal((await editor.post('/sources/add', fields(`${site.base}/gone/`, { unchecked: 'yes' }))).statusCode, 303);
    await page('added unchecked', editor, () => editor.get('/sources?done=added-unchecked&id=test-sjj'));
    await other.get('/sources/new');
    await page('preview private', other, () => other.post('/sources/preview', fields(`${site.base}/list/`)));

    for (const [name, body] of pages) {
      assert.match(body, /<html lang="en">/, name);
      const words = uiWords(body, scraped, data);
      const han = words.match(/[^\n]*\p{Script=Han}[^\n]*/u);
      assert.equal(han, null, `${name}: Chinese UI words: ${han?.[0]?.trim()}`);
    }
    t.diagnostic(`pages read in English: ${pages.map(([name]) => name).join(', ')}`);
  });
});
