import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkStoreUrl, storeExists } from '../src/store/open.ts';
import { UserError } from '../src/util/errors.ts';
import { runCli, tempDir } from './helpers.ts';

test('a store address is sqlite or a postgres:// address that parses; anything else is refused, naming it without its password', () => {
  assert.equal(checkStoreUrl(undefined), false);
  assert.equal(checkStoreUrl('sqlite'), false);
  assert.equal(checkStoreUrl('postgres://xinzhi@db:5432/xinzhi?schema=a'), true);
  assert.equal(checkStoreUrl('postgresql://db/x'), true);
  for (const typo of ['postgress://db/x', 'sqlit', 'postgres:/db/x', 'postgres://u:secret@db:54x2/x', 'postgres://u:secret@db:5432', 'postgres://db:5432/']) {
    assert.throws(() => checkStoreUrl(typo), (err: unknown) => err instanceof UserError && !err.message.includes('secret') && !err.en.includes('secret') && /store/.test(err.en), typo);
  }
  // A typo never reads as "no archive yet": it is the typo that is named.
  assert.throws(() => storeExists(tempDir(), 'postgress://db/x'), UserError);
});

test('every command that reads the store names a mistyped XINZHI_STORE in one line and exits 1', async () => {
  const data = tempDir();
  for (const args of [['sources', 'status'], ['serve'], ['explain', '--date', '2026-06-19']]) {
    const result = await runCli([...args, '--data', data, '--lang', 'en'], { env: { XINZHI_STORE: 'postgress://127.0.0.1/x' } });
    assert.equal(result.code, 1, args.join(' '));
    assert.equal(result.stderr.trim(), 'xinzhi: store address postgress://127.0.0.1/x not understood: write sqlite, or postgres://host:port/database', args.join(' '));
  }
});
