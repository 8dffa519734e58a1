import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot, runCli, tempDir } from './helpers.ts';
import { articlePage, configWithCatalog, html, listPage, startSite } from './sites.ts';

describe('xinzhi sources', () => {
  it('check reads each entry point online, reports what it found, and --update records the verdict in the catalog', async (t) => {
    const site = await startSite({
      '/good/': (_, res) => html(res, listPage([{ href: '/a/t20260618_1.html', title: '测试市人工智能政策文件发布', date: '2026-06-18' }, { href: '/a/t20260617_2.html', title: '测试市数据要素政策文件发布', date: '2026-06-17' }])),
      '/empty/': (_, res) => html(res, '<html><body>栏目建设中</body></html>'),
    });
    t.after(() => site.close());
    const dir = tempDir();
    const catalog = `# 测试目录：注释应当保留
- id: good
  name: 好来源
  tier: municipal
  region: 测试市
  homepage: ${site.base}/
  allowPrivate: true
  entries:
    - { type: list, url: "${site.base}/good/" }
- id: bad
  name: 坏来源
  tier: municipal
  region: 测试市
  homepage: ${site.base}/
  allowPrivate: true
  verified: true
  entries:
    - { type: list, url: "${site.base}/empty/" }
`;
    const config = configWithCatalog(dir, catalog);
    const result = await runCli(['sources', 'check', '--config', config, '--json', '--update']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /1 个来源未通过检查/);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const checks = lines.slice(0, -1) as unknown as { sourceId: string; ok: boolean; finding: string; entries: { links: number; datedLinks: number; newest: string; finding: string; detail: string }[] }[];
    assert.deepEqual(checks.map((c) => [c.sourceId, c.ok, c.finding]), [['good', true, 'ok'], ['bad', false, 'empty']]);
    assert.deepEqual([checks[0]!.entries[0]!.links, checks[0]!.entries[0]!.datedLinks, checks[0]!.entries[0]!.newest], [2, 2, '2026-06-18T00:00:00+08:00']);
    assert.match(checks[1]!.entries[0]!.detail, /未找到带日期的文章链接/);
    assert.deepEqual(lines.at(-1), { summary: { sources: 2, findings: { ok: 1, empty: 1 } } });
    const updated = readFileSync(join(dir, 'catalog.yaml'), 'utf8');
    assert.match(updated, /^# 测试目录：注释应当保留/);
    assert.match(updated, /- id: good\n[\s\S]*?verified: true/);
    assert.match(updated, /- id: bad\n[\s\S]*?verified: false/);
    assert.match(updated, /- \{ type: list, url: "http:\/\/127\.0\.0\.1:\d+\/good\/" \}/);
  });

  it('status shows, per source, the last success, documents, errors and empty streaks', async (t) => {
    const site = await startSite({
      '/list/': (_, res) => html(res, listPage([{ href: '/a/t20260618_1.html', title: '测试市人工智能政策文件发布' }])),
      '/a/t20260618_1.html': (_, res) => html(res, articlePage('测试市人工智能政策文件发布')),
      '/gone/': (_, res) => html(res, 'gone', {}, 410),
    });
    t.after(() => site.close());
    const dir = tempDir();
    const config = configWithCatalog(dir, `- { id: up, name: 正常来源, tier: municipal, region: 测试市, homepage: "${site.base}/", allowPrivate: true, entries: [{ type: list, url: "${site.base}/list/" }] }
- { id: down, name: 失效来源, tier: municipal, region: 测试市, homepage: "${site.base}/", allowPrivate: true, entries: [{ type: list, url: "${site.base}/gone/" }] }
`);
    const data = join(dir, 'data');
    for (let run = 0; run < 2; run++) await runCli(['run', '--date', '2026-06-19', '--config', config, '--data', data, '--out', join(dir, 'out')]);
    const result = await runCli(['sources', 'status', '--config', config, '--data', data, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const status = JSON.parse(result.stdout) as { sourceId: string; lastSuccess: string | null; documents: number; lastErrors: string[]; emptyStreak: number }[];
    const up = status.find((s) => s.sourceId === 'up')!;
    const down = status.find((s) => s.sourceId === 'down')!;
    assert.ok(up.lastSuccess);
    assert.equal(up.documents, 1);
    assert.equal(up.emptyStreak, 0);
    assert.equal(down.lastSuccess, null);
    assert.equal(down.emptyStreak, 2);
    assert.match(down.lastErrors[0]!, /gone\/: HTTP 410/);
  });

  it('keeps a disabled source in the catalog but out of runs and checks, and says why wherever it is listed', async (t) => {
    const site = await startSite({
      '/list/': (_, res) => html(res, listPage([{ href: '/a/t20260618_1.html', title: '测试市人工智能政策文件发布' }])),
      '/a/t20260618_1.html': (_, res) => html(res, articlePage('测试市人工智能政策文件发布')),
      '/off/': (_, res) => html(res, listPage([{ href: '/a/t20260618_1.html', title: '测试市人工智能政策文件发布' }])),
    });
    t.after(() => site.close());
    const dir = tempDir();
    const reason = '栏目地址无公开证据，待联网核对';
    const config = configWithCatalog(dir, `- { id: up, name: 正常来源, tier: municipal, region: 测试市, homepage: "${site.base}/", allowPrivate: true, entries: [{ type: list, url: "${site.base}/list/", evidence: "test site" }] }
- { id: off, name: 停用来源, tier: municipal, region: 测试市, homepage: "${site.base}/", allowPrivate: true, disabled: "${reason}", entries: [{ type: list, url: "${site.base}/off/" }] }
`);
    const data = join(dir, 'data');

    const run = await runCli(['run', '--date', '2026-06-19', '--config', config, '--data', data, '--out', join(dir, 'out')]);
    assert.match(run.stdout, /读取来源: 1 \(另有 1 个来源已停用，未读取\)/, run.stdout + run.stderr);
    assert.doesNotMatch(run.stdout, /\[off\]/, 'a disabled source is neither a failure nor an alert');
    assert.equal(site.hits('/off/'), 0);

    const list = await runCli(['sources', 'list', '--config', config]);
    assert.match(list.stdout, new RegExp(`^off\\t.*\\(已停用：${reason}\\)$`, 'm'));
    const listEn = await runCli(['sources', 'list', '--config', config, '--lang', 'en']);
    assert.match(listEn.stdout, new RegExp(`^off\\t.*\\(disabled: ${reason}\\)$`, 'm'));
    assert.match(listEn.stdout, /^up\t.*\(not verified\)$/m);
    const listed = JSON.parse((await runCli(['sources', 'list', '--config', config, '--json'])).stdout) as { id: string; disabled?: string }[];
    assert.deepEqual(listed.map((s) => [s.id, s.disabled]), [['up', undefined], ['off', reason]]);

    const check = await runCli(['sources', 'check', '--config', config, '--json']);
    assert.equal(check.code, 0, check.stderr);
    const lines = check.stdout.trim().split('\n').map((line) => JSON.parse(line) as { sourceId: string; ok?: boolean; disabled?: string; summary?: unknown });
    // The disabled source's line, the checked one's, then the summary of what was checked.
    assert.deepEqual(lines.map((l) => [l.sourceId, l.ok, l.disabled]), [['off', undefined, reason], ['up', true, undefined], [undefined, undefined, undefined]]);
    assert.deepEqual(lines.at(-1), { summary: { sources: 1, findings: { ok: 1 } } });
    assert.equal(site.hits('/off/'), 0);
    const text = await runCli(['sources', 'check', '--config', config]);
    assert.match(text.stdout, new RegExp(`^- off 停用来源  已停用，跳过：${reason}（用 --source off 单独检查）$`, 'm'));

    // Named, it is checked: that is how a candidate address is tried before the source is enabled.
    const named = await runCli(['sources', 'check', '--source', 'off', '--config', config, '--json']);
    assert.equal(named.code, 0, named.stderr);
    assert.equal((JSON.parse(named.stdout.split('\n')[0]!) as { ok: boolean }).ok, true);
    assert.equal(site.hits('/off/'), 1);

    const status = JSON.parse((await runCli(['sources', 'status', '--config', config, '--data', data, '--json'])).stdout) as { sourceId: string; disabled?: string; documents: number }[];
    assert.deepEqual(status.map((s) => [s.sourceId, s.disabled, s.documents]), [['up', undefined, 1], ['off', reason, 0]]);
  });

  it('import ingests an archive made elsewhere, matching hosts to catalog sources', async () => {
    const dir = tempDir();
    const result = await runCli(['import', join(repoRoot, 'samples/2026-06-18/crawl.warc.gz'), '--data', join(dir, 'data'), '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { responses: 38, responsesAlreadyStored: 0, notHttp: 0, htmlPages: 38, documents: 25, documentsAlreadyStored: 0, unmatchedHosts: [] });
    const brief = await runCli(['brief', '--date', '2026-06-19', '--data', join(dir, 'data'), '--out', join(dir, 'out')]);
    assert.equal(brief.code, 0, brief.stderr);
  });
});
