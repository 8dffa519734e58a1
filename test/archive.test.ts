import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { WARCRecord, WARCSerializer } from 'warcio';
import { ReplayFetcher } from '../src/crawl/replay.ts';
import { readWarcResponses, warcFiles, WarcWriter } from '../src/crawl/warc.ts';
import type { FetchedResponse } from '../src/domain/response.ts';
import { UserError } from '../src/util/errors.ts';
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

/** The records of a WARC file read by hand, not by warcio: each one's WARC headers and its block's bytes. */
function rawRecords(bytes: Buffer): { headers: Map<string, string>; block: Buffer }[] {
  const records = [];
  for (let at = 0; at < bytes.length;) {
    const headEnd = bytes.indexOf('\r\n\r\n', at);
    const lines = bytes.subarray(at, headEnd).toString('utf8').split('\r\n');
    assert.equal(lines[0], 'WARC/1.1');
    for (const line of lines.slice(1)) assert.match(line, /^[A-Za-z][A-Za-z0-9-]*: \S/, 'a WARC header line is a named field');
    const headers = new Map(lines.slice(1).map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
    const block = bytes.subarray(headEnd + 4, headEnd + 4 + Number(headers.get('content-length')));
    assert.equal(bytes.subarray(headEnd + 4 + block.length, headEnd + 8 + block.length).toString(), '\r\n\r\n', 'a record ends with two CRLFs');
    records.push({ headers, block });
    at = headEnd + 8 + block.length;
  }
  return records;
}

const sha256 = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const response = (path: string, status: number, body: string | Buffer, headers: Record<string, string> = { 'content-type': 'text/html' }): FetchedResponse =>
  ({ url: `https://a.gov.cn${path}`, status, headers, body: Buffer.from(body), fetchedAt: '2026-06-18T01:02:03.000Z' });
const readAll = async (path: string) => {
  const records = [];
  for await (const record of readWarcResponses(path)) records.push(record);
  return records;
};
/** The English and Chinese lines of the UserError that `run` throws. */
const rejection = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (err) {
    assert.ok(err instanceof UserError, String(err));
    return `${err.en} | ${err.message}`;
  }
  assert.fail('did not throw');
};
/** How many of this process's open file descriptors point at `path` (Linux's /proc; undefined elsewhere). */
const openDescriptors = (path: string) => {
  if (!existsSync('/proc/self/fd')) return undefined;
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;
};

describe('WARC records (ISO 28500, WARC/1.1)', () => {
  it('labels each response with block and payload digests that match the bytes, and an HTTP status line', async () => {
    const path = join(tempDir(), 'day.warc.gz');
    const writer = new WarcWriter(path);
    const written = [
      response('/gbk.html', 200, iconv.encode('<p>数据要素\r\n\r\n市场化</p>', 'gbk'), { 'content-type': 'text/html; charset=GBK', etag: '"x1"' }),
      response('/moved', 301, '', { location: '/new' }),
      response('/found', 302, ''),
      response('/same', 304, ''),
      response('/missing', 404, 'not found'),
      response('/error', 500, 'oops'),
      response('/teapot', 418, 'short and stout'),
    ];
    for (const r of written) await writer.append(r);
    await writer.close();
    const records = rawRecords(gunzipSync(readFileSync(path)));
    assert.equal(records.length, written.length);
    const statusLines = ['HTTP/1.1 200 OK', 'HTTP/1.1 301 Moved Permanently', 'HTTP/1.1 302 Found', 'HTTP/1.1 304 Not Modified', 'HTTP/1.1 404 Not Found', 'HTTP/1.1 500 Internal Server Error', 'HTTP/1.1 418 Status'];
    records.forEach(({ headers, block }, i) => {
      assert.equal(headers.get('warc-type'), 'response');
      assert.equal(headers.get('warc-target-uri'), written[i]!.url);
      assert.equal(headers.get('warc-date'), '2026-06-18T01:02:03.000Z');
      assert.equal(headers.get('content-type'), 'application/http; msgtype=response');
      // The block is the HTTP head and the body; the payload is the body alone.
      const payload = block.subarray(block.indexOf('\r\n\r\n') + 4);
      assert.deepEqual(payload, written[i]!.body);
      assert.equal(block.subarray(0, block.indexOf('\r\n')).toString(), statusLines[i]);
      assert.equal(headers.get('warc-block-digest'), sha256(block));
      assert.equal(headers.get('warc-payload-digest'), sha256(written[i]!.body));
    });
    assert.match(records[0]!.block.toString('latin1'), /\r\netag: "x1"\r\n/);
    assert.match(records[1]!.block.toString('latin1'), /\r\nlocation: \/new\r\n/);
  });

  it('appends to the day\'s archive on a second run the same day, never truncating it, in the order written', async () => {
    const path = join(tempDir(), 'archives', 'nested', '2026-06-18.warc.gz');
    const morning = new WarcWriter(path);
    await morning.append(response('/1.html', 200, 'one'));
    await morning.append(response('/2.html', 200, 'two'));
    await morning.close();
    const evening = new WarcWriter(path);
    // Appends not awaited one by one still land whole and in order; close waits for them.
    void evening.append(response('/3.html', 200, 'three'.repeat(2000)));
    void evening.append(response('/4.html', 404, 'four'));
    await evening.close();
    assert.ok([0, undefined].includes(openDescriptors(path)), 'close released the file');
    const records = await readAll(path);
    assert.ok([0, undefined].includes(openDescriptors(path)), 'reading released the file');
    assert.deepEqual(records.map((r) => `${r.status} ${r.url} ${r.body.length}`), ['200 https://a.gov.cn/1.html 3', '200 https://a.gov.cn/2.html 3', '200 https://a.gov.cn/3.html 10000', '404 https://a.gov.cn/4.html 4']);
    await new WarcWriter(join(tempDir(), 'unused.warc.gz')).close();
  });

  it('creates no file for a run that archived nothing', async () => {
    const path = join(tempDir(), 'empty.warc.gz');
    await new WarcWriter(path).close();
    assert.equal(existsSync(path), false);
  });

  it('reads a plain .warc and another tool\'s archive: only responses, header names in lower case', async () => {
    const dir = tempDir();
    const records = [
      WARCRecord.create({ type: 'warcinfo', warcVersion: 'WARC/1.1', filename: 'other.warc' }, [new TextEncoder().encode('software: wget\r\n')]),
      WARCRecord.create({ url: 'https://b.gov.cn/x.html', type: 'request', warcVersion: 'WARC/1.1', statusline: 'GET /x.html HTTP/1.1', httpHeaders: { Host: 'b.gov.cn' } }, []),
      WARCRecord.create({ url: 'https://b.gov.cn/x.html', date: '2026-06-18T02:00:00Z', type: 'response', warcVersion: 'WARC/1.0', statusline: 'HTTP/1.1 200 OK', httpHeaders: { 'Content-Type': 'text/html', 'X-Powered-By': 'TRS' } }, [new TextEncoder().encode('<p>政策</p>')]),
      // wget keeps a body as the server sent it: compressed, here.
      WARCRecord.create({ url: 'https://b.gov.cn/z.html', type: 'response', warcVersion: 'WARC/1.0', statusline: 'HTTP/1.1 200 OK', httpHeaders: { 'Content-Encoding': 'gzip' } }, [gzipSync('<p>压缩的政策</p>')]),
    ];
    const bytes = Buffer.concat(await Promise.all(records.map((r) => WARCSerializer.serialize(r, { gzip: false }))));
    writeFileSync(join(dir, 'other.warc'), bytes);
    const [only, zipped, ...rest] = await readAll(join(dir, 'other.warc'));
    assert.deepEqual(rest, []);
    assert.equal(zipped!.body.toString(), '<p>压缩的政策</p>', 'the body is read decoded');
    assert.equal(only!.url, 'https://b.gov.cn/x.html');
    assert.equal(only!.status, 200);
    assert.deepEqual(only!.headers, { 'content-type': 'text/html', 'x-powered-by': 'TRS' });
    assert.equal(only!.body.toString(), '<p>政策</p>');
    assert.equal(only!.fetchedAt, '2026-06-18T02:00:00Z');
  });

  it('names a file that is not a WARC, or cannot be read', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.warc'), 'hello, this is not an archive');
    writeFileSync(join(dir, 'tiny.warc'), 'WAR');
    // Half the gzip magic number is not gzip.
    writeFileSync(join(dir, 'half1.warc.gz'), Buffer.from([0x1f, 0x00, 0x57, 0x41, 0x52]));
    writeFileSync(join(dir, 'half2.warc.gz'), Buffer.from([0x00, 0x8b, 0x57, 0x41, 0x52]));
    for (const name of ['notes.warc', 'tiny.warc', 'half1.warc.gz', 'half2.warc.gz']) {
      const path = join(dir, name);
      assert.equal(await rejection(() => readAll(path)), `archive ${path} is corrupt or not a WARC file: no WARC header | 归档 ${path} 已损坏或不是 WARC 文件：no WARC header`);
      assert.ok([0, undefined].includes(openDescriptors(path)), 'the check released the file');
    }
    assert.equal(await rejection(() => readAll(join(dir, 'absent.warc'))), `cannot read archive ${join(dir, 'absent.warc')} (ENOENT) | 无法读取归档 ${join(dir, 'absent.warc')}（ENOENT）`);
    assert.equal(await rejection(() => readAll(dir)), `cannot read archive ${dir} (EISDIR) | 无法读取归档 ${dir}（EISDIR）`);
  });

  it('lists a folder\'s .warc and .warc.gz files in name order, and names a folder without any', async () => {
    const dir = tempDir();
    // Days written out of order: a replay of several days reads them in date order.
    const days = [17, 3, 25, 9, 30, 1, 12, 21, 6, 28, 14, 19].map((d) => `2026-06-${String(d).padStart(2, '0')}.warc.gz`);
    for (const name of [...days, 'a.warc', 'notes.txt', 'c.warc.gz.bak', 'warc.gz']) writeFileSync(join(dir, name), '');
    assert.deepEqual(warcFiles(dir), [...days.sort(), 'a.warc'].map((name) => join(dir, name)));
    assert.deepEqual(warcFiles(join(dir, 'notes.txt')), [join(dir, 'notes.txt')]);
    mkdirSync(join(dir, 'empty'));
    assert.equal(await rejection(async () => warcFiles(join(dir, 'empty'))), `no WARC archive in ${join(dir, 'empty')} | 目录 ${join(dir, 'empty')} 中没有 WARC 归档`);
    assert.equal(await rejection(async () => warcFiles(join(dir, 'absent'))), `archive not found: ${join(dir, 'absent')} | 找不到归档 ${join(dir, 'absent')}`);
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
