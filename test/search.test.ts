import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createSegmenter } from '../src/analyze/segment.ts';
import { searchArchive, ftsQuery, snippetParts, type ArchiveHit } from '../src/store/search.ts';
import { indexText, MATCH_END, MATCH_START, SNIPPET_CUT, SUB_WORD_END, SUB_WORD_START, WORD_SEPARATOR } from '../src/store/searchText.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { Store } from '../src/store/store.ts';
import type { ExtractedArticle } from '../src/domain/article.ts';
import { UserError } from '../src/util/errors.ts';
import { tempDir } from './helpers.ts';
import { openTestStore } from './storeFor.ts';

const segmenter = createSegmenter(['算力', '数据要素']);
const segment = segmenter;

function article(title: string, paragraphs: string[], publishedAt: string | null = '2026-06-18T10:00:00+08:00'): ExtractedArticle {
  return { kind: 'article', title, publishedAt, publisher: null, repostOf: null, docNumber: null, siteName: null, paragraphs, attachments: [] };
}

/** A store in a new data folder with documents saved under one response; `url` is the document's key. */
async function storeWith(documents: { url: string; sourceId?: string; article: ExtractedArticle }[], options: { index: boolean } = { index: true }): Promise<{ store: Store; dir: string }> {
  const dir = tempDir();
  const store = await openTestStore(dir, options.index ? { searchSegment: segment } : {});
  const runId = await store.startRun('2026-06-19', 'live');
  const { id } = await store.saveResponse(runId, 'nda', { url: 'https://a.gov.cn/list', status: 200, headers: {}, body: Buffer.from('x'), fetchedAt: '2026-06-18T16:00:00Z' });
  for (const doc of documents) await store.saveDocument(doc.sourceId ?? 'nda', doc.url, id, doc.article);
  return { store, dir };
}

const urls = (hits: ArchiveHit[]): string[] => hits.map((hit) => (hit.kind === 'document' ? hit.url : `issue:${hit.issueDate}`));

describe('searchArchive', () => {
  it('finds the two-character words 算力 and 数据, which a trigram index cannot find', async () => {
    const body = '国家数据局部署推进全国一体化算力网建设。';
    const { store } = await storeWith([{ url: 'https://a.gov.cn/1', article: article('关于算力网的通知', [body]) }, { url: 'https://a.gov.cn/2', article: article('其他', ['无关内容']) }]);
    assert.deepEqual(urls(await searchArchive(store, segment, '算力')), ['https://a.gov.cn/1']);
    assert.deepEqual(urls(await searchArchive(store, segment, '数据')), ['https://a.gov.cn/1']);
    await store.close();

    // The same text in a trigram table (SQLite's FTS5, in memory: whatever the store's engine): a query of
    // two characters has no trigram and matches nothing.
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE trigram_probe USING fts5(body, tokenize = 'trigram')");
    db.prepare('INSERT INTO trigram_probe (body) VALUES (?)').run(body);
    const trigramCount = (match: string): number => (db.prepare('SELECT count(*) AS n FROM trigram_probe WHERE trigram_probe MATCH ?').get(match) as { n: number }).n;
    assert.equal(trigramCount('"算力"'), 0);
    assert.equal(trigramCount('"数据"'), 0);
    assert.equal(trigramCount('"算力网"'), 1);
    db.close();
  });

  it('finds a traditional-character copy by a simplified query, and full-width letters by half-width ones', async () => {
    const { store } = await storeWith([
      { url: 'https://hk.example/1', article: article('數據要素市場化配置', ['推進數據要素市場化配置改革。']) },
      { url: 'https://a.gov.cn/ai', article: article('ＡＩ算力', ['ＡＩ赋能。']) },
    ]);
    const hits = await searchArchive(store, segment, '数据要素');
    assert.deepEqual(urls(hits), ['https://hk.example/1']);
    // The snippet is plain text of the normalised body, the matched word marked.
    const first = hits[0]!;
    assert.ok(first.snippet.some((part) => part.match && part.text === '数据要素'), JSON.stringify(first.snippet));
    assert.deepEqual(urls(await searchArchive(store, segment, 'AI')), ['https://a.gov.cn/ai']);
    assert.deepEqual(urls(await searchArchive(store, segment, '數據要素')), ['https://hk.example/1']);
    await store.close();
  });

  it('ranks the document with more matches first', async () => {
    const { store } = await storeWith([
      { url: 'https://a.gov.cn/once', article: article('通知一', ['会议提到算力。', '其余内容涉及交通、教育、医疗、住房和就业等多个领域的安排。']) },
      { url: 'https://a.gov.cn/often', article: article('通知二', ['算力规划、算力调度和算力安全。', '其余内容涉及交通、教育、医疗、住房和就业等多个领域的安排。']) },
    ]);
    const hits = await searchArchive(store, segment, '算力');
    assert.deepEqual(urls(hits), ['https://a.gov.cn/often', 'https://a.gov.cn/once']);
    assert.ok(hits[0]!.score > hits[1]!.score);
    await store.close();
  });

  it('reads FTS5 syntax typed by a user as plain text, never as operators', async () => {
    const { store } = await storeWith([
      { url: 'https://a.gov.cn/title', article: article('算力规划', ['正文无关。']) },
      { url: 'https://a.gov.cn/literal', article: article('会议纪要', ['文中写作 title:算力 和 NEAR(算力 数据) 的字样。']) },
    ]);
    if (store instanceof SqliteStore) {
      // Unquoted, these are FTS5 syntax: a column filter finds the title, a prefix finds 算力, a bare NEAR( fails.
      const raw = (match: string) => (store.connection.prepare('SELECT d.url FROM documents_fts JOIN documents AS d ON d.id = documents_fts.rowid WHERE documents_fts MATCH ?').all(match) as { url: string }[]).map((row) => row.url);
      assert.deepEqual(raw('title:算力'), ['https://a.gov.cn/title']);
      assert.equal(raw('算*').length, 2);
      assert.throws(() => raw('NEAR(算力'));
    }
    // A store takes the words of a term as plain text and quotes them for its own query language.
    for (const word of ['title:算力', 'NEAR(算力']) {
      const rows = await store.searchDocuments({ terms: [{ words: [word], span: 0 }], limit: 10 });
      assert.deepEqual(rows.map((row) => row.url), ['https://a.gov.cn/literal'], word);
    }
    for (const word of ['算*', '"', "'", '算力 & 数据', '!算力', '算力:*', '\\\\', '(', ')']) {
      await assert.doesNotReject(store.searchDocuments({ terms: [{ words: [word], span: 0 }], limit: 10 }), word);
      await assert.doesNotReject(store.searchIssues({ terms: [{ words: [word, '算力'], span: 2 }], limit: 10 }), word);
    }

    // Through searchArchive they are words: "title" and "NEAR" must occur, 算 alone is not a word of either text.
    assert.deepEqual(urls(await searchArchive(store, segment, 'title:算力')), ['https://a.gov.cn/literal']);
    assert.deepEqual(urls(await searchArchive(store, segment, 'NEAR(算力 数据)')), ['https://a.gov.cn/literal']);
    assert.deepEqual(urls(await searchArchive(store, segment, '算*')), []);
    // FTS5's operators, then PostgreSQL tsquery's (& | ! <-> :* and quotes).
    for (const hostile of ['"', '""', '*', 'NEAR(', '-算力', '算力"OR"数据', ') AND (', '^算力', 'NOT', ':', '', '   ', '\u001f\ue000', '"算力" OR 1=1 --',
      '算力 & 数据', '算力 | 数据', '!算力', '算力 <-> 数据', '算力:*', "'", "算力' OR '1'='1", '\\\\', '(算力']) {
      await assert.doesNotReject(searchArchive(store, segment, hostile), hostile);
    }
    // Words in quotes and operators still have to occur literally: OR does not widen, NOT does not exclude.
    assert.deepEqual(urls(await searchArchive(store, segment, '算力 OR 不存在的词')), []);
    assert.deepEqual(urls(await searchArchive(store, segment, '算力 | 不存在的词')), []);
    // A term of several words must find them together (NEAR); terms apart are each required.
    assert.equal(ftsQuery('a"b', segment), 'NEAR("a" "b", 2)');
    assert.equal(ftsQuery('a "b', segment), '"a" "b"');
    await store.close();
  });

  it('filters by Shanghai day, by source, and finds issues by theme and tier', async () => {
    const { store } = await storeWith([
      // 23:30 on the 17th in Shanghai is 15:30Z: the 17th, not the 18th.
      { url: 'https://a.gov.cn/17', article: article('算力一', ['算力。'], '2026-06-17T23:30:00+08:00') },
      { url: 'https://a.gov.cn/18', sourceId: 'sh', article: article('算力二', ['算力。'], '2026-06-18T00:10:00+08:00') },
      { url: 'https://a.gov.cn/undated', article: article('算力三', ['算力。'], null) },
    ]);
    assert.deepEqual(urls(await searchArchive(store, segment, '算力', { from: '2026-06-18', to: '2026-06-18' })), ['https://a.gov.cn/18']);
    assert.deepEqual(urls(await searchArchive(store, segment, '算力', { to: '2026-06-17' })), ['https://a.gov.cn/17']);
    assert.deepEqual(urls(await searchArchive(store, segment, '算力', { sourceIds: ['sh'] })), ['https://a.gov.cn/18']);
    await assert.rejects(searchArchive(store, segment, '算力', { from: '2026-02-30' }), UserError);

    const item = (headline: string, tier: string, themes: string[]) => ({ n: 1, headline, paragraphs: ['正文提到算力。'], quotes: [], refs: [], tier, themes });
    await store.saveIssue('2026-06-19', { title: '新质日报', abstract: '今日算力要闻。', items: [item('算力网建设提速', 'national', ['算力'])] }, {});
    await store.saveIssue('2026-06-20', { title: '新质日报', abstract: '今日要闻。', items: [item('数据要素', 'provincial', ['数据要素'])] }, {});
    assert.deepEqual(urls(await searchArchive(store, segment, '算力', { kinds: ['issue'] })), ['issue:2026-06-19', 'issue:2026-06-20']);
    assert.deepEqual(urls(await searchArchive(store, segment, '算力', { themes: ['数据要素'] })), ['issue:2026-06-20']);
    assert.deepEqual(urls(await searchArchive(store, segment, '算力', { tiers: ['national'] })), ['issue:2026-06-19']);
    assert.deepEqual(urls(await searchArchive(store, segment, '算力', { kinds: ['issue'], from: '2026-06-20' })), ['issue:2026-06-20']);
    await store.close();
  });

  it('finds nothing saved by a store without a segmenter until reindexSearch, and a rewrite replaces the entry', async () => {
    const { store, dir } = await storeWith([{ url: 'https://a.gov.cn/1', article: article('算力通知', ['推进算力建设。']) }], { index: false });
    await store.saveIssue('2026-06-19', { abstract: '算力要闻。', items: [] }, {});
    assert.deepEqual(await searchArchive(store, segment, '算力'), []);
    assert.deepEqual(await store.searchIndexGaps(), { documents: 1, issues: 1 });
    assert.deepEqual(await store.reindexSearch(segment), { documents: 1, issues: 1 });
    assert.deepEqual(await store.searchIndexGaps(), { documents: 0, issues: 0 });
    assert.deepEqual(urls(await searchArchive(store, segment, '算力')), ['https://a.gov.cn/1', 'issue:2026-06-19']);
    await store.close();

    // Re-extracted by an indexing store: the old words are gone from the index, the new ones found.
    const indexing = await openTestStore(dir, { searchSegment: segment });
    const runId = await indexing.startRun('2026-06-20', 'live');
    const { id } = await indexing.saveResponse(runId, 'nda', { url: 'https://a.gov.cn/1', status: 200, headers: {}, body: Buffer.from('y'), fetchedAt: '2026-06-19T16:00:00Z' });
    await indexing.saveDocument('nda', 'https://a.gov.cn/1', id, article('数据通知', ['推进数据建设。']));
    assert.deepEqual(urls(await searchArchive(indexing, segment, '算力', { kinds: ['document'] })), []);
    assert.deepEqual(urls(await searchArchive(indexing, segment, '数据')), ['https://a.gov.cn/1']);
    await indexing.close();
  });

  it('indexes the dictionary words inside a word: 数据 finds 数据中心 and 大数据, 智能 finds 人工智能, marked inside', async () => {
    // jieba keeps 数据中心 and 人工智能 whole: without sub-words, 数据 and 智能 would find neither. Its
    // dictionary has no 大数据 (大 / 数据), so that one is found as a word, and as a term of two words.
    assert.deepEqual(segment.cut('建设数据中心'), ['建设', '数据中心']);
    assert.deepEqual(segment.cut('发展人工智能'), ['发展', '人工智能']);
    assert.deepEqual(segment.cut('推进大数据发展'), ['推进', '大', '数据', '发展']);
    const { store } = await storeWith([
      { url: 'https://a.gov.cn/centre', article: article('通知', ['加快建设数据中心。']) },
      { url: 'https://a.gov.cn/ai', article: article('通知', ['发展人工智能。']) },
      { url: 'https://a.gov.cn/big', article: article('通知', ['推进大数据发展。']) },
      { url: 'https://a.gov.cn/none', article: article('通知', ['无关内容。']) },
    ]);
    const hits = await searchArchive(store, segment, '数据');
    assert.deepEqual(new Set(urls(hits)), new Set(['https://a.gov.cn/centre', 'https://a.gov.cn/big']));
    const centre = hits.find((hit) => hit.kind === 'document' && hit.url === 'https://a.gov.cn/centre')!;
    // The snippet is the text as written (no sub-word shown twice), 数据 marked inside 数据中心.
    assert.deepEqual(centre.snippet, [{ text: '加快建设', match: false }, { text: '数据', match: true }, { text: '中心。', match: false }]);
    assert.deepEqual(urls(await searchArchive(store, segment, '智能')), ['https://a.gov.cn/ai']);
    assert.deepEqual(urls(await searchArchive(store, segment, '大数据')), ['https://a.gov.cn/big']);
    assert.deepEqual(urls(await searchArchive(store, segment, '数据中心')), ['https://a.gov.cn/centre']);
    await store.close();
  });

  it('finds the words of one term together, not anywhere in the text', async () => {
    assert.deepEqual(segment.cut('全国一体化算力网'), ['全国', '一体化', '算力', '网']);
    const filler = '其余内容涉及交通、教育、医疗、住房和就业等多个领域的安排。';
    const { store } = await storeWith([
      { url: 'https://a.gov.cn/together', article: article('通知', ['加快建设全国一体化算力网。']) },
      { url: 'https://a.gov.cn/apart', article: article('通知', [`全国${filler}一体化${filler}算力${filler}网络。`]) },
    ]);
    assert.deepEqual(urls(await searchArchive(store, segment, '全国一体化算力网')), ['https://a.gov.cn/together']);
    // Typed apart, they are terms of their own: each must occur, anywhere.
    assert.deepEqual(new Set(urls(await searchArchive(store, segment, '全国 一体化 算力'))), new Set(['https://a.gov.cn/together', 'https://a.gov.cn/apart']));
    await store.close();
  });

  it('reads a snippet back as the text: sub-words hidden, cut ones dropped, marks only where FTS5 put them', () => {
    const S = SUB_WORD_START;
    const E = SUB_WORD_END;
    const W = WORD_SEPARATOR;
    const [M, N] = [MATCH_START, MATCH_END];
    assert.deepEqual(snippetParts(`${SNIPPET_CUT}推进${W}大数据${S}${M}数据${N}${E}${W}发展${SNIPPET_CUT}`), [
      { text: '…推进大', match: false },
      { text: '数据', match: true },
      { text: '发展…', match: false },
    ]);
    // Begun inside a sub-word (its word cut off) and ended inside another: neither shows.
    assert.deepEqual(snippetParts(`${M}数据${N}${E}${W}${M}算力${N}${W}数据中心${S}数据`), [
      { text: '算力', match: true },
      { text: '数据中心', match: false },
    ]);
    // A page's text cannot carry the reserved characters into the index, so it cannot fake a mark.
    assert.equal(indexText(`假${MATCH_START}标记${MATCH_END}${SUB_WORD_START}${SNIPPET_CUT}`, segment).includes(MATCH_START), false);
    assert.deepEqual(snippetParts(indexText(`<script>alert(1)</script>算力`, segment)).map((part) => part.text).join(''), '<script>alert(1)</script>算力');
  });

  it('filters documents by what the analysis read of them: theme, tier, issuing body', async () => {
    const { store } = await storeWith([
      { url: 'https://a.gov.cn/national', article: article('算力通知', ['算力。']) },
      { url: 'https://a.gov.cn/city', article: article('算力方案', ['算力。']) },
      { url: 'https://a.gov.cn/unread', article: article('算力新闻', ['算力。']) },
    ]);
    const id = async (url: string) => (await store.documentByUrl(url))!.id;
    await store.saveDocumentFacets('2026-06-19', [
      { documentId: await id('https://a.gov.cn/national'), issuer: '国家数据局', tier: 'national', themes: ['算力', '数据要素'] },
      { documentId: await id('https://a.gov.cn/city'), issuer: '武汉市科技创新局', tier: 'municipal', themes: ['算力'] },
    ]);
    const found = async (filters: Parameters<typeof searchArchive>[3]) => urls(await searchArchive(store, segment, '算力', filters)).sort();
    assert.deepEqual(await found({}), ['https://a.gov.cn/city', 'https://a.gov.cn/national', 'https://a.gov.cn/unread']);
    assert.deepEqual(await found({ themes: ['数据要素'] }), ['https://a.gov.cn/national']);
    assert.deepEqual(await found({ themes: ['算力'] }), ['https://a.gov.cn/city', 'https://a.gov.cn/national']);
    assert.deepEqual(await found({ tiers: ['municipal'] }), ['https://a.gov.cn/city']);
    assert.deepEqual(await found({ bodies: ['国家数据局'] }), ['https://a.gov.cn/national']);
    assert.deepEqual(await found({ bodies: ['国家数据局'], tiers: ['municipal'] }), []);
    // A later analysis replaces the reading: the city document is no longer about 算力.
    await store.saveDocumentFacets('2026-06-20', [{ documentId: await id('https://a.gov.cn/city'), issuer: '武汉市科技创新局', tier: 'municipal', themes: [] }]);
    assert.deepEqual(await found({ themes: ['算力'] }), ['https://a.gov.cn/national']);
    await store.close();
  });
});
