import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { ReplayFetcher } from '../src/crawl/replay.ts';
import { readWarcResponses, WarcWriter } from '../src/crawl/warc.ts';
import { readListPage } from '../src/sources/listPage.ts';
import { tempDir } from './helpers.ts';

describe('WARC archive', () => {
  it('keeps every byte, status and header of a response, and replays it by URL', async () => {
    const path = join(tempDir(), 'day.warc.gz');
    const writer = new WarcWriter(path);
    const gbk = iconv.encode('<html><body>数据要素</body></html>', 'gbk');
    await writer.append({ url: 'https://a.gov.cn/1.html', status: 200, headers: { 'content-type': 'text/html; charset=GBK', etag: '"x1"' }, body: gbk, fetchedAt: '2026-06-18T01:02:03.000Z' });
    await writer.append({ url: 'https://a.gov.cn/missing.html', status: 404, headers: { 'content-type': 'text/html' }, body: Buffer.from('not found'), fetchedAt: '2026-06-18T01:02:04.000Z' });
    const records = [];
    for await (const record of readWarcResponses(path)) records.push(record);
    assert.equal(records.length, 2);
    assert.deepEqual(records[0]!.body, gbk);
    assert.equal(records[0]!.headers.etag, '"x1"');
    assert.equal(new Date(records[0]!.fetchedAt).toISOString(), '2026-06-18T01:02:03.000Z');
    assert.equal(records[1]!.status, 404);
    const replay = await ReplayFetcher.open(path);
    assert.equal((await replay.fetch('https://a.gov.cn/missing.html')).status, 404);
    await assert.rejects(replay.fetch('https://a.gov.cn/other.html'), /归档中没有 https:\/\/a\.gov\.cn\/other\.html/);
  });
});

describe('readListPage', () => {
  it('finds the repeated block of dated links and leaves navigation alone', () => {
    const html = `<html><body>
      <ul class="nav"><li><a href="/">网站首页欢迎您访问</a></li><li><a href="/zwgk/">政务公开信息目录</a></li></ul>
      <ul class="list">
        <li><a href="./202606/t20260618_1.html" title="关于推进数据要素市场化配置的通知">关于推进数据要素…</a><span>2026-06-18</span></li>
        <li><a href="./202606/t20260617_2.html">人工智能赋能新型工业化典型案例发布</a><span>2026-06-17</span></li>
        <li><a href="https://other.gov.cn/x.html">转载：全国数据工作会议在京召开</a><span>2026年06月16日</span></li>
      </ul>
      <div class="hot"><a href="/special/ai/">人工智能+专题专栏入口链接</a></div>
    </body></html>`;
    const { links, next } = readListPage(html, 'https://jxj.beijing.gov.cn/zwgk/zcwj/');
    assert.equal(next, null);
    assert.deepEqual(links, [
      { url: 'https://jxj.beijing.gov.cn/zwgk/zcwj/202606/t20260618_1.html', title: '关于推进数据要素市场化配置的通知', listedAt: '2026-06-18T00:00:00+08:00' },
      { url: 'https://jxj.beijing.gov.cn/zwgk/zcwj/202606/t20260617_2.html', title: '人工智能赋能新型工业化典型案例发布', listedAt: '2026-06-17T00:00:00+08:00' },
      { url: 'https://other.gov.cn/x.html', title: '转载：全国数据工作会议在京召开', listedAt: '2026-06-16T00:00:00+08:00' },
    ]);
  });

  it('uses a CSS selector when the source gives one', () => {
    const html = '<div class="news"><a href="/a.html">甲</a><a href="/b.html">乙</a></div><a href="/c.html">丙</a>';
    assert.deepEqual(readListPage(html, 'https://x.gov.cn/', { linkSelector: '.news a' }).links.map((l) => l.url), ['https://x.gov.cn/a.html', 'https://x.gov.cn/b.html']);
  });
});
