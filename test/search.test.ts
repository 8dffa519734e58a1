import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createSegmenter } from '../src/analyze/segment.ts';
import { searchArchive, ftsQuery, type ArchiveHit } from '../src/store/search.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { ExtractedArticle } from '../src/extract/article.ts';
import { UserError } from '../src/util/errors.ts';
import { tempDir } from './helpers.ts';

const segmenter = createSegmenter(['算力', '数据要素']);
const segment = (text: string): string[] => segmenter.cut(text);

function article(title: string, paragraphs: string[], publishedAt: string | null = '2026-06-18T10:00:00+08:00'): ExtractedArticle {
  return { kind: 'article', title, publishedAt, publisher: null, repostOf: null, docNumber: null, siteName: null, paragraphs, attachments: [] };
}

/** A store in a new data folder with documents saved under one response; `url` is the document's key. */
function storeWith(documents: { url: string; sourceId?: string; article: ExtractedArticle }[], options: { index: boolean } = { index: true }): { store: SqliteStore; dir: string } {
  const dir = tempDir();
  const store = new SqliteStore(dir, options.index ? { searchSegment: segment } : {});
  const runId = store.startRun('2026-06-19', 'live');
  const { id } = store.saveResponse(runId, 'nda', { url: 'https://a.gov.cn/list', status: 200, headers: {}, body: Buffer.from('x'), fetchedAt: '2026-06-18T16:00:00Z' });
  for (const doc of documents) store.saveDocument(doc.sourceId ?? 'nda', doc.url, id, doc.article);
  return { store, dir };
}

const urls = (hits: ArchiveHit[]): string[] => hits.map((hit) => (hit.kind === 'document' ? hit.url : `issue:${hit.issueDate}`));

describe('searchArchive', () => {
  it('finds the two-character words 算力 and 数据, which a trigram index cannot find', () => {
    const body = '国家数据局部署推进全国一体化算力网建设。';
    const { store, dir } = storeWith([{ url: 'https://a.gov.cn/1', article: article('关于算力网的通知', [body]) }, { url: 'https://a.gov.cn/2', article: article('其他', ['无关内容']) }]);
    assert.deepEqual(urls(searchArchive(store, segment, '算力')), ['https://a.gov.cn/1']);
    assert.deepEqual(urls(searchArchive(store, segment, '数据')), ['https://a.gov.cn/1']);
    store.close();

    // The same text in a trigram table: a query of two characters has no trigram and matches nothing.
    const db = new Database(join(dir, 'xinzhi.sqlite'));
    db.exec("CREATE VIRTUAL TABLE trigram_probe USING fts5(body, tokenize = 'trigram')");
    db.prepare('INSERT INTO trigram_probe (body) VALUES (?)').run(body);
    const trigramCount = (match: string): number => (db.prepare('SELECT count(*) AS n FROM trigram_probe WHERE trigram_probe MATCH ?').get(match) as { n: number }).n;
    assert.equal(trigramCount('"算力"'), 0);
    assert.equal(trigramCount('"数据"'), 0);
    assert.equal(trigramCount('"算力网"'), 1);
    db.close();
  });

  it('finds a traditional-character copy by a simplified query, and full-width letters by half-width ones', () => {
    const { store } = storeWith([
      { url: 'https://hk.example/1', article: article('數據要素市場化配置', ['推進數據要素市場化配置改革。']) },
      { url: 'https://a.gov.cn/ai', article: article('ＡＩ算力', ['ＡＩ赋能。']) },
    ]);
    const hits = searchArchive(store, segment, '数据要素');
    assert.deepEqual(urls(hits), ['https://hk.example/1']);
    // The snippet is plain text of the normalised body, the matched word marked.
    const first = hits[0]!;
    assert.ok(first.snippet.some((part) => part.match && part.text === '数据要素'), JSON.stringify(first.snippet));
    assert.deepEqual(urls(searchArchive(store, segment, 'AI')), ['https://a.gov.cn/ai']);
    assert.deepEqual(urls(searchArchive(store, segment, '數據要素')), ['https://hk.example/1']);
    store.close();
  });

  it('ranks the document with more matches first', () => {
    const { store } = storeWith([
      { url: 'https://a.gov.cn/once', article: article('通知一', ['会议提到算力。', '其余内容涉及交通、教育、医疗、住房和就业等多个领域的安排。']) },
      { url: 'https://a.gov.cn/often', article: article('通知二', ['算力规划、算力调度和算力安全。', '其余内容涉及交通、教育、医疗、住房和就业等多个领域的安排。']) },
    ]);
    const hits = searchArchive(store, segment, '算力');
    assert.deepEqual(urls(hits), ['https://a.gov.cn/often', 'https://a.gov.cn/once']);
    assert.ok(hits[0]!.score > hits[1]!.score);
    store.close();
  });

  it('reads FTS5 syntax typed by a user as plain text, never as operators', () => {
    const { store } = storeWith([
      { url: 'https://a.gov.cn/title', article: article('算力规划', ['正文无关。']) },
      { url: 'https://a.gov.cn/literal', article: article('会议纪要', ['文中写作 title:算力 和 NEAR(算力 数据) 的字样。']) },
    ]);
    // Unquoted, these are FTS5 syntax: a column filter finds the title, a prefix finds 算力, a bare NEAR( fails.
    assert.deepEqual(store.searchDocuments({ match: 'title:算力', limit: 10 }).map((row) => row.url), ['https://a.gov.cn/title']);
    assert.equal(store.searchDocuments({ match: '算*', limit: 10 }).length, 2);
    assert.throws(() => store.searchDocuments({ match: 'NEAR(算力', limit: 10 }));

    // Through searchArchive they are words: "title" and "NEAR" must occur, 算 alone is not a word of either text.
    assert.deepEqual(urls(searchArchive(store, segment, 'title:算力')), ['https://a.gov.cn/literal']);
    assert.deepEqual(urls(searchArchive(store, segment, 'NEAR(算力 数据)')), ['https://a.gov.cn/literal']);
    assert.deepEqual(urls(searchArchive(store, segment, '算*')), []);
    for (const hostile of ['"', '""', '*', 'NEAR(', '-算力', '算力"OR"数据', ') AND (', '^算力', 'NOT', ':', '', '   ', '\u001f\ue000', '"算力" OR 1=1 --']) {
      assert.doesNotThrow(() => searchArchive(store, segment, hostile), hostile);
    }
    // Words in quotes and operators still have to occur literally: OR does not widen, NOT does not exclude.
    assert.deepEqual(urls(searchArchive(store, segment, '算力 OR 不存在的词')), []);
    assert.equal(ftsQuery('a"b', segment), '"a" "b"');
    store.close();
  });

  it('filters by Shanghai day, by source, and finds issues by theme and tier', () => {
    const { store } = storeWith([
      // 23:30 on the 17th in Shanghai is 15:30Z: the 17th, not the 18th.
      { url: 'https://a.gov.cn/17', article: article('算力一', ['算力。'], '2026-06-17T23:30:00+08:00') },
      { url: 'https://a.gov.cn/18', sourceId: 'sh', article: article('算力二', ['算力。'], '2026-06-18T00:10:00+08:00') },
      { url: 'https://a.gov.cn/undated', article: article('算力三', ['算力。'], null) },
    ]);
    assert.deepEqual(urls(searchArchive(store, segment, '算力', { from: '2026-06-18', to: '2026-06-18' })), ['https://a.gov.cn/18']);
    assert.deepEqual(urls(searchArchive(store, segment, '算力', { to: '2026-06-17' })), ['https://a.gov.cn/17']);
    assert.deepEqual(urls(searchArchive(store, segment, '算力', { sourceIds: ['sh'] })), ['https://a.gov.cn/18']);
    assert.throws(() => searchArchive(store, segment, '算力', { from: '2026-02-30' }), UserError);

    const item = (headline: string, tier: string, themes: string[]) => ({ n: 1, headline, paragraphs: ['正文提到算力。'], quotes: [], refs: [], tier, themes });
    store.saveIssue('2026-06-19', { title: '新质日报', abstract: '今日算力要闻。', items: [item('算力网建设提速', 'national', ['算力'])] }, {});
    store.saveIssue('2026-06-20', { title: '新质日报', abstract: '今日要闻。', items: [item('数据要素', 'provincial', ['数据要素'])] }, {});
    assert.deepEqual(urls(searchArchive(store, segment, '算力', { kinds: ['issue'] })), ['issue:2026-06-19', 'issue:2026-06-20']);
    assert.deepEqual(urls(searchArchive(store, segment, '算力', { themes: ['数据要素'] })), ['issue:2026-06-20']);
    assert.deepEqual(urls(searchArchive(store, segment, '算力', { tiers: ['national'] })), ['issue:2026-06-19']);
    assert.deepEqual(urls(searchArchive(store, segment, '算力', { kinds: ['issue'], from: '2026-06-20' })), ['issue:2026-06-20']);
    store.close();
  });

  it('finds nothing saved by a store without a segmenter until reindexSearch, and a rewrite replaces the entry', () => {
    const { store, dir } = storeWith([{ url: 'https://a.gov.cn/1', article: article('算力通知', ['推进算力建设。']) }], { index: false });
    store.saveIssue('2026-06-19', { abstract: '算力要闻。', items: [] }, {});
    assert.deepEqual(searchArchive(store, segment, '算力'), []);
    assert.deepEqual(store.searchIndexGaps(), { documents: 1, issues: 1 });
    assert.deepEqual(store.reindexSearch(segment), { documents: 1, issues: 1 });
    assert.deepEqual(store.searchIndexGaps(), { documents: 0, issues: 0 });
    assert.deepEqual(urls(searchArchive(store, segment, '算力')), ['https://a.gov.cn/1', 'issue:2026-06-19']);
    store.close();

    // Re-extracted by an indexing store: the old words are gone from the index, the new ones found.
    const indexing = new SqliteStore(dir, { searchSegment: segment });
    const runId = indexing.startRun('2026-06-20', 'live');
    const { id } = indexing.saveResponse(runId, 'nda', { url: 'https://a.gov.cn/1', status: 200, headers: {}, body: Buffer.from('y'), fetchedAt: '2026-06-19T16:00:00Z' });
    indexing.saveDocument('nda', 'https://a.gov.cn/1', id, article('数据通知', ['推进数据建设。']));
    assert.deepEqual(urls(searchArchive(indexing, segment, '算力', { kinds: ['document'] })), []);
    assert.deepEqual(urls(searchArchive(indexing, segment, '数据')), ['https://a.gov.cn/1']);
    indexing.close();
  });
});
