import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { migrations } from '../src/store/migrations.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { tempDir } from './helpers.ts';

const article = { kind: 'article' as const, title: '标题', publishedAt: '2026-06-18T23:30:00+08:00', publisher: '国家数据局', repostOf: null, docNumber: null, siteName: null, paragraphs: ['第一段', '第二段'], attachments: [] };

describe('SqliteStore', () => {
  it('migrates a new file once, keeps raw responses, and finds documents by their Shanghai day', () => {
    const dir = tempDir();
    const store = new SqliteStore(dir);
    const runId = store.startRun('2026-06-19', 'live');
    const body = Buffer.from([0xc4, 0xe3, 0xba, 0xc3]);
    const { id: responseId } = store.saveResponse(runId, 'nda', { url: 'https://a.gov.cn/1', status: 200, headers: { 'content-type': 'text/html; charset=gbk' }, body, fetchedAt: '2026-06-18T16:00:00Z' });
    store.saveDocument('nda', 'https://a.gov.cn/1', responseId, article);
    store.saveDocument('nda', 'https://a.gov.cn/2', responseId, { ...article, publishedAt: '2026-06-19T00:00:00+08:00' });
    store.close();

    const reopened = new SqliteStore(dir);
    // 23:30 in Shanghai on the 18th is inside the day; midnight of the 19th is not.
    const day = reopened.documentsPublishedBetween(new Date('2026-06-18T00:00:00+08:00'), new Date('2026-06-19T00:00:00+08:00'));
    assert.deepEqual(day.map((d) => d.url), ['https://a.gov.cn/1']);
    assert.equal(day[0]!.body, '第一段\n第二段');
    reopened.close();

    const db = new Database(join(dir, 'xinzhi.sqlite'));
    assert.equal(db.pragma('user_version', { simple: true }), migrations.length);
    const raw = db.prepare('SELECT body, headers FROM responses').get() as { body: Buffer; headers: string };
    assert.deepEqual(raw.body, body);
    assert.equal(JSON.parse(raw.headers)['content-type'], 'text/html; charset=gbk');
    db.close();
  });

  it('remembers issues, their theme shares, the titles they cited and their sections, for day-over-day comparison', () => {
    const store = new SqliteStore(tempDir());
    store.saveIssue('2026-06-18', { references: [{ title: '关于开展数据要素试点的通知' }], items: [{ headline: '国家数据局部署数据要素试点', themes: ['数据要素'] }] }, { 数据要素: 1 });
    store.saveIssue('2026-06-19', { references: [] }, { 算力: 1 });
    assert.deepEqual(store.issuesBefore('2026-06-19', 7), [
      { issueDate: '2026-06-18', themeShares: { 数据要素: 1 }, reportedTitles: ['关于开展数据要素试点的通知'], items: [{ headline: '国家数据局部署数据要素试点', themes: ['数据要素'] }] },
    ]);
    store.close();
  });
});
