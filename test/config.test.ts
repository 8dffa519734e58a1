import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { briefJsonSchema } from '../src/brief/schemaFile.ts';
import { loadConfig } from '../src/config/load.ts';
import { repoRoot, runCli } from './helpers.ts';

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

describe('docs/brief.schema.json', () => {
  it('is the schema of the brief model (regenerate with npx tsx scripts/brief-schema.ts)', () => {
    assert.equal(readFileSync(join(repoRoot, 'docs/brief.schema.json'), 'utf8'), briefJsonSchema());
  });
});
