import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { UserError } from '../src/util/errors.ts';
import { briefJsonSchema } from '../src/brief/schemaFile.ts';
import { loadConfig, loadSources } from '../src/config/load.ts';
import { sourceSchema } from '../src/config/schema.ts';
import { entryVerdicts, evidenceSummary, summaryIn } from '../src/sources/evidence.ts';
import { repoRoot, runCli, tempDir } from './helpers.ts';

describe('the bundled configuration', () => {
  it('loads: masthead, taxonomy and a catalog whose ids are unique', () => {
    const { config, taxonomy, sources } = loadConfig();
    assert.equal(config.brief.title, '新质生产力每日动态');
    assert.ok(taxonomy.themes.length >= 10);
    assert.equal(new Set(sources.map((s) => s.id)).size, sources.length);
    assert.ok(sources.every((s) => s.entries.length > 0 && !s.allowPrivate));
  });

  it('lists the catalog as a JSON array with `xinzhi sources list --json`', async () => {
    const result = await runCli(['sources', 'list', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const listed = JSON.parse(result.stdout) as { id: string }[];
    assert.deepEqual(listed.map((s) => s.id), loadConfig().sources.map((s) => s.id));
  });
});

describe('the catalog rule: every address rests on public evidence', () => {
  it('gives every entry of every enabled source its evidence (its own, or its source\'s)', () => {
    const { sources } = loadConfig();
    const bare = sources
      .filter((s) => s.disabled === undefined)
      .flatMap((s) => s.entries.filter((e) => (e.evidence ?? s.evidence ?? []).length === 0).map((e) => `${s.id} ${e.url}`));
    assert.deepEqual(bare, [], 'add `evidence:` (where the address is shown in public), or disable the source with the reason');
  });

  const source = { id: 'x', name: '测试机构', tier: 'municipal', region: '测试市', homepage: 'https://x.gov.cn/', entries: [{ type: 'list', url: 'https://x.gov.cn/tzgg/' }] };

  it('reads evidence, one string or several, as a list, on an entry and on a source', () => {
    const parsed = sourceSchema.parse({ ...source, evidence: 'public code file #1', entries: [{ type: 'list', url: 'https://x.gov.cn/tzgg/', evidence: ['RSSHub lib/routes/gov/x', 'likely: articles sit under it'] }] });
    assert.deepEqual(parsed.evidence, ['public code file #1']);
    assert.deepEqual(parsed.entries[0]!.evidence, ['RSSHub lib/routes/gov/x', 'likely: articles sit under it']);
    assert.equal(sourceSchema.safeParse({ ...source, entries: [{ type: 'rss', url: 'https://x.gov.cn/rss', evidence: [] }] }).success, false);
  });

  it('rejects a disabled source without a reason, naming the file and the key', () => {
    for (const disabled of [true, '', '   ', null]) assert.equal(sourceSchema.safeParse({ ...source, disabled }).success, false, JSON.stringify(disabled));
    assert.equal(sourceSchema.parse({ ...source, disabled: ' 无公开证据 ' }).disabled, '无公开证据');
    const file = join(tempDir(), 'catalog.yaml');
    writeFileSync(file, '- { id: x, name: 测试机构, tier: municipal, region: 测试市, homepage: "https://x.gov.cn/", disabled: true, entries: [{ type: list, url: "https://x.gov.cn/tzgg/" }] }\n');
    assert.throws(() => loadSources(file), (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.match(err.message, /键 0\(x\)\.disabled 无效：disabled 应写明原因/);
      assert.match(err.en, /key 0\(x\)\.disabled is invalid: disabled takes a reason/);
      return true;
    });
  });
});

describe('docs/catalog.md, the verdicts of the catalog', () => {
  it('reads each entry point\'s verdict and needs from its evidence', () => {
    const sources = [
      { id: 'a', entries: [{ type: 'list', url: 'https://a.gov.cn/l/', evidence: ['RSSHub lib/routes/gov/a', 'caveat: drawn by script'] }] },
      { id: 'b', fetch: 'browser', evidence: 'likely: articles sit under it', entries: [{ type: 'hanweb', url: 'https://b.gov.cn/col/col1/index.html' }] },
      { id: 'c', disabled: '站点未能定位', entries: [{ type: 'api', url: 'https://c.gov.cn/x.json', items: '.', fields: { url: 'URL', title: 'TITLE' } }] },
    ].map((s) => sourceSchema.parse({ name: s.id, tier: 'municipal', region: '测试市', homepage: `https://${s.id}.gov.cn/`, ...s }));
    assert.deepEqual(entryVerdicts(sources).map((v) => [v.sourceId, v.verdict, v.note, v.needs]), [
      ['a', 'CONFIRMED', 'drawn by script', []],
      ['b', 'LIKELY', 'articles sit under it', ['hanweb', 'fetch: browser']],
      ['c', 'DISABLED', '站点未能定位', ['api items "."']],
    ]);
  });

  it('holds the summary of the bundled catalog (regenerate with npm run catalog:evidence -- --write)', () => {
    assert.equal(summaryIn(readFileSync(join(repoRoot, 'docs/catalog.md'), 'utf8')), evidenceSummary(loadConfig().sources).trimEnd());
  });
});

describe('docs/brief.schema.json', () => {
  it('is the schema of the brief model (regenerate with npx tsx scripts/brief-schema.ts)', () => {
    assert.equal(readFileSync(join(repoRoot, 'docs/brief.schema.json'), 'utf8'), briefJsonSchema());
  });
});
