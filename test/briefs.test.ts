import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chosenBriefs, loadBriefs } from '../src/config/briefs.ts';
import { loadConfig } from '../src/config/load.ts';
import type { Brief } from '../src/domain/brief.ts';
import { briefStoreUrl } from '../src/store/briefStore.ts';
import { errorLine } from '../src/util/errors.ts';
import { repoRoot, runCli, tempDir, userErrorOf, type CliResult } from './helpers.ts';
import { startSite, type TestSite } from './sites.ts';
import { articles, assertIssuesApart, configIn, fixture, hitsSince, issueDate, readBrief, routes } from './briefsSite.ts';

describe('config/briefs/*.yaml: briefs over the main config', () => {
  const dir = tempDir();
  const config = configIn(dir, 'http://127.0.0.1:9');

  it('reads each brief: its keys over the main config\'s, its taxonomy, its part of the catalog', () => {
    const { main, briefs } = loadBriefs(config);
    assert.deepEqual(briefs.map((b) => b.scope?.id), ['ai', 'energy']);
    const [ai, energy] = briefs as [typeof briefs[0], typeof briefs[0]];
    assert.deepEqual(ai.sources.map((s) => s.id), ['nea', 'hz-jxj']);
    // By id and by region, in catalog order, each once.
    assert.deepEqual(energy.sources.map((s) => s.id), ['nea', 'nb-fgw']);
    assert.equal(ai.taxonomy, main.taxonomy);
    assert.equal(energy.taxonomy.topic, '新型能源');
    // The masthead laid over the main one: what the brief sets, and the rest inherited.
    assert.equal(energy.config.brief.title, '新型能源每日动态');
    assert.equal(energy.config.brief.publisher, '测试能源研究会');
    assert.equal(energy.config.brief.producers, '测试编辑部');
    assert.equal(ai.config.brief.publisher, '测试研究会');
    assert.deepEqual([energy.config.selection.minItems, energy.config.selection.maxItems], [1, 5]);
    // A site of its own under the main one's address; the crawl is the main config's.
    assert.deepEqual(energy.config.site, { slug: 'energy', baseUrl: 'https://brief.example.org/energy/' });
    assert.deepEqual(energy.config.crawl, main.config.crawl);
    assert.equal(energy.scope?.catalog.length, 4);
    assert.deepEqual(chosenBriefs({ main, briefs }, 'energy'), [energy]);
  });

  it('without a briefs folder, the main config is the one brief, as loadConfig reads it', () => {
    const bundled = loadBriefs(join(repoRoot, 'config/xinzhi.yaml'));
    assert.deepEqual(bundled.briefs, []);
    assert.deepEqual(bundled.main, loadConfig(join(repoRoot, 'config/xinzhi.yaml')));
  });

  it('names the brief file and the key of every mistake, in one line, Chinese and English', async () => {
    const briefsDir = join(dir, 'config', 'briefs');
    const cases: [string, string, RegExp, RegExp][] = [
      ['crawl: { hostDelayMs: 5 }\nsources: all\n', 'bad.yaml', /简报文件 \S+bad\.yaml 的键 crawl 属于主配置/, /brief file \S+bad\.yaml: key crawl belongs in the main config/],
      ['sources: [nea, nope]\n', 'bad.yaml', /简报文件 \S+bad\.yaml 的键 sources\.ids\.1：来源目录中没有来源 nope/, /key sources\.ids\.1: no source nope in the catalog/],
      ['sources: { regions: [火星] }\n', 'bad.yaml', /sources\.regions\.0：来源目录中没有地区为 火星 的来源/, /no source of region 火星/],
      ['sources: { tiers: [planetary] }\n', 'bad.yaml', /配置文件 \S+bad\.yaml 的键 sources\.tiers\.0 无效/, /config file \S+bad\.yaml: key sources\.tiers\.0 is invalid/],
      ['sources: { ids: [nea], exclude: [nea] }\n', 'bad.yaml', /的键 sources 没有选中任何来源/, /key sources selects no source/],
      ['sources: all\nbrief: { titel: x }\n', 'bad.yaml', /配置文件 \S+bad\.yaml 的键 brief 无效/, /key brief is invalid: Unrecognized key: "titel"/],
      ['sources: all\nfrobnicate: 1\n', 'bad.yaml', /配置文件 \S+bad\.yaml 的键 \(根\) 无效/, /Unrecognized key: "frobnicate"/],
      ['sources: all\nselection: { minItems: 9 }\n', 'bad.yaml', /bad\.yaml 的键 selection\.minItems 大于 selection\.maxItems/, /selection\.minItems exceeds/],
      ['sources: all\nwriter: { kind: llm, llm: { baseUrl: "https://x.example/v1", model: m, apiKey: sk-123 } }\n', 'bad.yaml', /bad\.yaml 的键 writer\.llm\.apiKey 写入了密钥本身/, /holds a secret itself/],
      ['id: other\nsources: all\n', 'bad.yaml', /键 id 是 other，与文件名 bad 不符/, /key id is other, not its file name bad/],
      ['sources: all\n', 'Bad_Name.yaml', /简报文件名 \S+Bad_Name\.yaml 无效/, /brief file name \S+Bad_Name\.yaml is not allowed/],
      ['sources: all\nthemes: nowhere.yaml\n', 'bad.yaml', /配置键 themes 指向的文件 \S+nowhere\.yaml 无法读取/, /config key themes: cannot read/],
    ];
    for (const [text, name, zh, en] of cases) {
      const file = join(briefsDir, name);
      writeFileSync(file, text);
      try {
        const err = await userErrorOf(async () => loadBriefs(config));
        assert.match(errorLine(err, 'zh'), zh, text);
        assert.match(errorLine(err, 'en'), en, text);
        assert.doesNotMatch(errorLine(err, 'en'), /\n|[\u4e00-\u9fff]{3}.*[\u4e00-\u9fff]{3}.*is invalid/);
      } finally {
        rmSync(file);
      }
    }
  });

  it('refuses an empty briefs folder and an unknown --brief, naming what there is', async () => {
    const { main, briefs } = loadBriefs(config);
    assert.match(errorLine(await userErrorOf(async () => chosenBriefs({ main, briefs }, 'weather')), 'en'), /^no brief weather \(there are: ai, energy\)$/);
    assert.match(errorLine(await userErrorOf(async () => chosenBriefs(loadBriefs(join(repoRoot, 'config/xinzhi.yaml')), 'ai')), 'zh'), /^--brief ai：没有简报目录 \S+briefs，只有主配置这一份简报$/);
    // A folder without a brief file is a mistake, not one brief: say so rather than guess.
    const empty = join(tempDir(), 'config');
    cpSync(join(dir, 'config'), empty, { recursive: true });
    rmSync(join(empty, 'briefs'), { recursive: true });
    cpSync(join(fixture, 'README.md'), join(empty, 'briefs', 'README.md'));
    assert.match(errorLine(await userErrorOf(async () => loadBriefs(join(empty, 'xinzhi.yaml'))), 'en'), /briefs folder \S+briefs holds no brief file/);
  });

  it('gives each brief\'s own records a PostgreSQL schema of their own', () => {
    assert.equal(briefStoreUrl(undefined, 'ai'), undefined);
    assert.equal(briefStoreUrl('sqlite', 'ai'), 'sqlite');
    assert.equal(briefStoreUrl('postgres://u@h:5432/db', 'city-sh'), 'postgres://u@h:5432/db?schema=xinzhi_brief_city_sh');
    assert.equal(briefStoreUrl('postgres://u@h:5432/db?schema=prod', 'ai'), 'postgres://u@h:5432/db?schema=prod_brief_ai');
    // Per data folder: the brief's own folder gives it its own schema already.
    assert.equal(briefStoreUrl('postgres://u@h/db?schema=per-data-dir', 'ai'), 'postgres://u@h/db?schema=per-data-dir');
    assert.match(errorLine(userErrorOfSync(() => briefStoreUrl(`postgres://h/db?schema=${'s'.repeat(50)}`, 'a-long-brief')), 'en'), /longer than 63 characters/);
  });
});

function userErrorOfSync(run: () => unknown): Error {
  try {
    run();
  } catch (err) {
    return err as Error;
  }
  assert.fail('did not throw');
}

describe('two briefs from one crawl: xinzhi run and xinzhi brief', () => {
  const dir = tempDir();
  const data = join(dir, 'data');
  const out = join(dir, 'out');
  let site: TestSite;
  let config: string;
  let run: CliResult;
  let firstRun: Map<string, number>;

  before(async () => {
    site = await startSite(routes());
    config = configIn(dir, site.base);
    run = await runCli(['run', '--date', issueDate, '--config', config, '--data', data, '--out', out, '--json']);
    firstRun = hitsSince(site, 0);
  });
  after(() => site.close());

  it('reads the union of the briefs\' sources once: a source two briefs share is fetched once', () => {
    assert.equal(run.code, 0, run.stderr + run.stdout);
    // 国家能源局 serves both briefs; 长沙 serves none.
    for (const path of ['/robots.txt', '/nea/list.html', '/hz/list.html', '/nb/list.html', ...articles.slice(0, 4).map((a) => a.path)]) {
      assert.equal(firstRun.get(path), 1, `${path} requested ${firstRun.get(path) ?? 0} times`);
    }
    assert.deepEqual([...firstRun.keys()].filter((path) => path.startsWith('/cs/')), []);
    assert.equal(site.log.length, 8);
    const summary = JSON.parse(run.stdout) as { crawl: { sourcesRead: number; documentsKept: number }; briefs: { id: string; ok: boolean; issue: { outFolder: string } }[] };
    assert.equal(summary.crawl.sourcesRead, 3);
    assert.equal(summary.crawl.documentsKept, 4);
    assert.deepEqual(summary.briefs.map((b) => [b.id, b.ok, b.issue.outFolder]), [['ai', true, join(out, 'ai', issueDate)], ['energy', true, join(out, 'energy', issueDate)]]);
  });

  it('writes each brief from its own sources and themes, a shared document in both', async () => {
    const ai = readBrief(join(out, 'ai', issueDate));
    const energy = readBrief(join(out, 'energy', issueDate));
    assert.equal(ai.title, '人工智能每日动态');
    assert.equal(energy.title, '新型能源每日动态');
    const paths = (brief: Brief) => brief.references.map((r) => new URL(r.url).pathname).sort();
    assert.ok(paths(ai).every((p) => p.startsWith('/nea/') || p.startsWith('/hz/')), paths(ai).join(' '));
    assert.ok(paths(energy).every((p) => p.startsWith('/nea/') || p.startsWith('/nb/')), paths(energy).join(' '));
    assert.ok(paths(ai).includes('/hz/202606/t20260618_1.html'));
    assert.ok(paths(energy).includes('/nb/202606/t20260618_1.html'));
    // The 人工智能+ 能源 opinion is news to both.
    assert.ok(paths(ai).includes(articles[0]!.path) && paths(energy).includes(articles[0]!.path));
    // Each brief's sections carry its own taxonomy's themes only.
    const energyThemes = new Set(['新型储能', '氢能', '光伏']);
    assert.ok(energy.items.every((item) => item.themes.length > 0 && item.themes.every((theme) => energyThemes.has(theme))), JSON.stringify(energy.items.map((i) => i.themes)));
    const aiThemes = new Set(loadConfig(config).taxonomy.themes.map((theme) => theme.name));
    assert.ok(ai.items.every((item) => item.themes.length > 0 && item.themes.every((theme) => aiThemes.has(theme))), JSON.stringify(ai.items.map((i) => i.themes)));
    // Each brief is a site of its own; the single-brief folder out/<date>/ is not written.
    assert.equal(existsSync(join(out, issueDate)), false);
    assert.match(readFileSync(join(out, 'energy', 'feed.xml'), 'utf8'), /<id>urn:xinzhi:energy:2026-06-19<\/id>/);
    assert.match(readFileSync(join(out, 'ai', 'index.html'), 'utf8'), /href="2026-06-19\/index\.html"/);
  });

  it('keeps the two issues of one day apart in the store, and the documents in one archive', async () => {
    await (await assertIssuesApart(data)).close();
  });

  it('brief --brief ID writes that brief alone, from the store, fetching nothing', async () => {
    const from = site.log.length;
    const again = join(dir, 'out-again');
    const result = await runCli(['brief', '--brief', 'energy', '--date', issueDate, '--config', config, '--data', data, '--out', again]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(readdirSync(again), ['energy']);
    assert.match(result.stdout, /^简报 energy（新型能源每日动态）\n/);
    assert.deepEqual(readBrief(join(again, 'energy', issueDate)).references, readBrief(join(out, 'energy', issueDate)).references);
    assert.equal(site.log.length, from);
  });

  it('verify, render, explain and publish work on the brief --brief names, and ask which when there are several', async () => {
    const file = join(out, 'energy', issueDate, 'brief.json');
    // The brief's own minimum of items, its own store: the main config's would fail the length check.
    const verified = await runCli(['verify', file, '--brief', 'energy', '--config', config, '--data', data, '--json']);
    assert.equal(verified.code, 0, verified.stderr + verified.stdout);
    const which = await runCli(['verify', file, '--config', config, '--data', data, '--lang', 'en']);
    assert.equal(which.code, 1);
    assert.equal(which.stderr.trim(), 'xinzhi: this config has 2 briefs (ai, energy): name one with --brief ID');
    const rendered = join(dir, 'out-render');
    const render = await runCli(['render', file, '--brief', 'energy', '--config', config, '--data', data, '--out', rendered]);
    assert.equal(render.code, 0, render.stderr);
    assert.ok(existsSync(join(rendered, 'energy', issueDate, 'brief.json')));
    // Another brief's file would replace this brief's issue: refused, naming both titles.
    const wrong = await runCli(['render', file, '--brief', 'ai', '--config', config, '--data', data, '--out', rendered, '--lang', 'en']);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /is titled “新型能源每日动态”, not “人工智能每日动态” as brief ai is/);
    assert.equal(existsSync(join(rendered, 'ai')), false);
    const explained = await runCli(['explain', '--brief', 'energy', '--date', issueDate, '--config', config, '--data', data, '--json']);
    assert.equal(explained.code, 0, explained.stderr);
    const candidates = (JSON.parse(explained.stdout) as { candidates: { url: string }[] }).candidates;
    assert.ok(candidates.length > 0 && candidates.every((c) => !new URL(c.url).pathname.startsWith('/hz/')), JSON.stringify(candidates.map((c) => c.url)));
    // Publishing reads out/<id>/<date>/ and the brief's own channels (none here: named).
    const publish = await runCli(['publish', '--brief', 'energy', '--date', issueDate, '--config', config, '--data', data, '--out', out, '--dry-run', '--lang', 'en']);
    assert.equal(publish.code, 1);
    assert.match(publish.stderr, /^xinzhi: config file \S+briefs\/energy\.yaml has no publish\.channels/);
  });

  it('run --brief ID crawls only that brief\'s sources', async () => {
    const from = site.log.length;
    const result = await runCli(['run', '--brief', 'ai', '--date', issueDate, '--config', config, '--data', join(dir, 'data-ai'), '--out', join(dir, 'out-ai')]);
    assert.equal(result.code, 0, result.stderr);
    const hits = hitsSince(site, from);
    assert.equal(hits.get('/hz/list.html'), 1);
    assert.equal(hits.get('/nea/list.html'), 1);
    assert.equal(hits.get('/nb/list.html'), undefined);
    assert.deepEqual(readdirSync(join(dir, 'out-ai')), ['ai']);
    assert.match(result.stdout, /读取来源: 2\n/);
  });

  it('a brief that fails does not stop the others; the exit code is the worst', async () => {
    // A third brief reads 杭州 through the energy taxonomy: nothing there is about energy.
    writeFileSync(join(dir, 'config', 'briefs', 'quiet.yaml'), 'themes: themes-energy.yaml\nsources: [hz-jxj]\nbrief: { title: 无关简报, topicName: 无关 }\n');
    try {
      const result = await runCli(['brief', '--date', issueDate, '--config', config, '--data', data, '--out', join(dir, 'out-three')]);
      assert.equal(result.code, 1);
      assert.deepEqual(readdirSync(join(dir, 'out-three')).sort(), ['ai', 'energy']);
      assert.match(result.stdout, /^简报 quiet 未写成：2026-06-19 这一期没有与主题相关的文档/m);
      assert.match(result.stderr, /^xinzhi: 简报 quiet 未写成：/m);
      assert.match(result.stderr, /^xinzhi: 1 份简报未写成（共 3 份）$/m);
      const english = await runCli(['brief', '--brief', 'quiet', '--lang', 'en', '--date', issueDate, '--config', config, '--data', data, '--out', join(dir, 'out-four')]);
      assert.equal(english.code, 1);
      assert.match(english.stderr, /^xinzhi: brief quiet not written: no relevant documents for issue 2026-06-19/m);
    } finally {
      rmSync(join(dir, 'config', 'briefs', 'quiet.yaml'));
    }
  });

  it('names an unknown --brief in one line', async () => {
    const result = await runCli(['run', '--brief', 'weather', '--date', issueDate, '--config', config, '--data', join(dir, 'd-none'), '--out', join(dir, 'o-none')]);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, 'xinzhi: 没有编号为 weather 的简报（有：ai、energy）\n');
  });
});
