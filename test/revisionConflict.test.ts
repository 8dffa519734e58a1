import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Brief } from '../src/domain/brief.ts';
import { RevisionConflict } from '../src/store/store.ts';
import { tempDir } from './helpers.ts';
import { openTestStore } from './storeFor.ts';

const DATE = '2026-06-19';
const now = new Date('2026-06-19T01:00:00Z');
/** The store keeps a revision's brief as it is given: a title tells them apart. */
const brief = (title: string) => ({ date: DATE, title }) as unknown as Brief;

test('a change made on a revision that is no longer the latest is refused and saves nothing (compare-and-set)', async () => {
  const store = await openTestStore(tempDir('xinzhi-revisions-'));
  try {
    const { desk } = store;
    assert.equal((await desk.addRevision(DATE, brief('draft'), 'xinzhi', 'draft', null, now, 0)).number, 1);
    assert.equal((await desk.addRevision(DATE, brief('a'), 'editor-a', 'edit', null, now, 1)).number, 2);
    await assert.rejects(desk.addRevision(DATE, brief('b'), 'editor-b', 'edit', null, now, 1), (err: unknown) => err instanceof RevisionConflict && err.latest === 2 && err.after === 1);
    assert.deepEqual((await desk.revisions(DATE)).map((r) => r.brief.title), ['draft', 'a']);
    // Without `after`, a revision is simply the next.
    assert.equal((await desk.addRevision(DATE, brief('c'), 'editor-c', 'edit', null, now)).number, 3);
  } finally {
    await store.close();
  }
});

test('two changes made at once on the same revision: exactly one lands', async () => {
  const store = await openTestStore(tempDir('xinzhi-revisions-'));
  try {
    const { desk } = store;
    await desk.addRevision(DATE, brief('draft'), 'xinzhi', 'draft', null, now, 0);
    const outcomes = await Promise.allSettled(['a', 'b', 'c', 'd'].map((who) => desk.addRevision(DATE, brief(who), who, 'edit', null, now, 1)));
    assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
    assert.ok(outcomes.every((o) => o.status === 'fulfilled' || o.reason instanceof RevisionConflict));
    assert.equal((await desk.revisions(DATE)).length, 2);
  } finally {
    await store.close();
  }
});
