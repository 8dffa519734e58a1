import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { continuationPages, maxDocumentPages } from '../src/extract/pagination.ts';

/** Case 07 of issue 13, read in place from the shared tree (never copied into the repository). */
const casePage = fileURLToPath(new URL('../../shared/cases/extract/07-trs-article-pagination.html', import.meta.url));
const caseUrl = (JSON.parse(readFileSync(fileURLToPath(new URL('../../shared/cases/extract/expected.json', import.meta.url)), 'utf8')) as Record<string, { url: string }>)['07-trs-article-pagination.html']!.url;

const page = (body: string) => `<html><head><title>某市政府</title></head><body><h1>关于某事项的通知</h1>${body}</body></html>`;

describe('continuationPages', () => {
  it('reads the TRS pager of case 07: createPageHTML(3, 0, …) gives pages _1 and _2 beside page 1', () => {
    assert.deepEqual(continuationPages(readFileSync(casePage, 'utf8'), caseUrl), [
      'https://fgw.example.gov.cn/zwgk/ghjh/202406/t20240618_1234567_1.html',
      'https://fgw.example.gov.cn/zwgk/ghjh/202406/t20240618_1234567_2.html',
    ]);
  });

  it('takes the count and extension the call gives, single quotes and spacing alike, and on page _2 only the pages after it', () => {
    const url = 'http://www.example.gov.cn/zcwj/202501/t20250107_99.shtml';
    assert.deepEqual(continuationPages(page(`<script>createPageHTML( 4 ,0, 't20250107_99' , 'shtml');</script>`), url), [1, 2, 3].map((i) => url.replace('.shtml', `_${i}.shtml`)));
    const third = url.replace('.shtml', '_2.shtml');
    assert.deepEqual(continuationPages(page(`<script>createPageHTML(4, 2, "t20250107_99", "shtml");</script>`), third), [url.replace('.shtml', '_3.shtml')]);
    // The last page continues nothing.
    assert.deepEqual(continuationPages(page(`<script>createPageHTML(4, 3, "t20250107_99", "shtml");</script>`), url.replace('.shtml', '_3.shtml')), []);
  });

  it('finds no continuation in a one-page document, nor in a pager for another base name (a list in a sidebar)', () => {
    const url = 'http://www.example.gov.cn/zcwj/202501/t20250107_99.html';
    assert.deepEqual(continuationPages(page('<script>createPageHTML(1, 0, "t20250107_99", "html");</script>'), url), []);
    assert.deepEqual(continuationPages(page('<script>createPageHTML(5, 0, "index", "html");</script>'), url), []);
    assert.deepEqual(continuationPages(page('<p>没有分页</p>'), url), []);
  });

  it('reads a plain pager of numbered links and 下一页, in page order, without the page itself or page 1', () => {
    const url = 'https://www.example.gov.cn/art/2024/6/18/art_1_4588.html';
    const pager = '<div class="pages"><a href="art_1_4588.html">1</a><a href="art_1_4588_2.html">3</a><a href="./art_1_4588_1.html">2</a><a href="art_1_4588_1.html">下一页</a></div>';
    const expected = [1, 2].map((i) => url.replace('.html', `_${i}.html`));
    assert.deepEqual(continuationPages(page(pager), url), expected);
    // On page 2 the same pager gives page 3 only: page 1 is the document's first page, page 2 the page itself.
    assert.deepEqual(continuationPages(page(pager), expected[0]!), [expected[1]]);
  });

  it('ignores pagers that lead to another host or folder, sibling articles that only look like pages, and caps the count', () => {
    const url = 'https://www.example.gov.cn/art/2024/6/18/art_1_20.html';
    const elsewhere = '<a href="https://mirror.example.com/art/2024/6/18/art_1_20_1.html">下一页</a><a href="/other/art_1_20_2.html">3</a>';
    assert.deepEqual(continuationPages(page(elsewhere), url), []);
    // art_1_21 is the next article of the folder, not page 21 of art_1: no link back to an art_1 page.
    assert.deepEqual(continuationPages(page('<ul><li><a href="art_1_21.html">相关文件</a></li></ul>'), url.replace('_20.', '_3.')), []);
    const many = continuationPages(page('<script>createPageHTML(5000, 0, "art_1_20", "html");</script>'), url);
    assert.equal(many.length, maxDocumentPages - 1);
    assert.ok(!many.includes(url));
  });
});
