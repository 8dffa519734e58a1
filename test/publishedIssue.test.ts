import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SAMPLE_ISSUE, sampleDay } from './deskHarness.ts';
import { runCli } from './helpers.ts';
import { openTestStore } from './storeFor.ts';

test('a machine draft never replaces an issue the desk published: brief refuses, naming it, and out/DATE stays what readers got', async () => {
  const { data, out } = await sampleDay();
  const folder = join(out, SAMPLE_ISSUE);
  // Before publication the machine may write the day again.
  const again = await runCli(['brief', '--date', SAMPLE_ISSUE, '--data', data, '--out', out]);
  assert.ok(again.code === 0 || again.code === 3, again.stderr);
  const store = await openTestStore(data);
  try {
    await store.desk.recordPublication({ issueDate: SAMPLE_ISSUE, revision: 2, publishedBy: 'editor', publishedAt: '2026-06-19T01:30:00.000Z', note: null });
  } finally {
    await store.close();
  }
  const published = readFileSync(join(folder, 'brief.json'));
  for (const lang of ['zh', 'en']) {
    const refused = await runCli(['brief', '--date', SAMPLE_ISSUE, '--data', data, '--out', out, '--lang', lang]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, lang === 'zh' ? /2026-06-19 期已由编辑台发布（第 2 版，2026-06-19 09:30/ : /issue 2026-06-19 was published from the desk \(revision 2, 2026-06-19 09:30/);
    assert.equal(refused.stderr.trim().split('\n').length, 1);
  }
  // Nor does a brief.json rendered from the command line, edited or not.
  const render = await runCli(['render', join(folder, 'brief.json'), '--data', data, '--out', out, '--lang', 'en']);
  assert.equal(render.code, 1);
  assert.match(render.stderr, /^xinzhi: issue 2026-06-19 was published from the desk \(revision 2,/);
  assert.deepEqual(readFileSync(join(folder, 'brief.json')), published);
});
