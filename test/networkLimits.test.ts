import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { brotliCompressSync, constants, createBrotliCompress, createDeflateRaw, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { configSchema } from '../src/config/schema.ts';
import { httpRequest, NetworkError, type HttpOptions } from '../src/crawl/http.ts';
import { ReplayFetcher } from '../src/crawl/replay.ts';
import { readWarcResponses, warcResponseRecord } from '../src/crawl/warc.ts';
import { UserError } from '../src/util/errors.ts';
import { runCli, tempDir } from './helpers.ts';
import { articlePage, configWithCatalog, crawlOnce, html, listPage, siteFor, tcpServer, testSource, type Route } from './sites.ts';

const GiB = 1024 * 1024 * 1024;
const SLICE = 16 * 1024 * 1024;

/**
 * Bodies of 1 GiB of zeros under each coding, a megabyte or less each, built without holding the gigabyte:
 * gzip as 64 members of 16 MiB (a gzip body may hold several, RFC 1952 §2.2); deflate as 64 copies of one
 * block of 16 MiB ended by a full flush (which resets the compressor, so each copy is the same bytes), then
 * an empty final block, raw or in a zlib wrapper with the Adler-32 of 1 GiB of zeros; brotli streamed.
 */
async function bombs(): Promise<Record<'gzip' | 'deflate' | 'deflate-raw' | 'br', Buffer>> {
  const zeros = Buffer.alloc(SLICE);
  const copies = GiB / SLICE;
  const member = gzipSync(zeros);
  const deflater = createDeflateRaw();
  const blockParts: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => blockParts.push(chunk));
  deflater.write(zeros);
  await new Promise<void>((resolve) => deflater.flush(constants.Z_FULL_FLUSH, () => resolve()));
  deflater.close();
  const block = Buffer.concat(blockParts);
  const raw = Buffer.concat([...new Array<Buffer>(copies).fill(block), Buffer.from([0x03, 0x00])]);
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((GiB % 65521) << 16) | 1) >>> 0);
  const brotli = createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_LGWIN]: 24 } });
  const brParts: Buffer[] = [];
  brotli.on('data', (chunk: Buffer) => brParts.push(chunk));
  const mib = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < 1024; i++) if (!brotli.write(mib)) await once(brotli, 'drain');
  brotli.end();
  await once(brotli, 'end');
  return {
    gzip: Buffer.concat(new Array<Buffer>(copies).fill(member)),
    deflate: Buffer.concat([Buffer.from([0x78, 0x9c]), raw, adler]),
    'deflate-raw': raw,
    br: Buffer.concat(brParts),
  };
}

let built: ReturnType<typeof bombs> | undefined;
/** The bombs, built once for the file. */
const theBombs = () => (built ??= bombs());

const request = (url: string, options: Partial<HttpOptions> = {}) =>
  httpRequest(new URL(url), { userAgent: 'xinzhi-test/1.0', timeoutMs: 5000, deadlineMs: 10_000, maxBytes: 4 * 1024 * 1024, allowPrivate: true, ...options });

/** The largest resident set seen while `work` runs, over the one before it, in bytes. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ growth: number; ms: number; result: PromiseSettledResult<T> }> {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);
  const started = performance.now();
  const [result] = await Promise.allSettled([work()]);
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { growth: peak - baseline, ms, result: result! };
}

describe('compressed responses', () => {
  let bomb: Awaited<ReturnType<typeof bombs>>;
  before(async () => (bomb = await theBombs()));

  it('asks for gzip, deflate and br, and reads each (raw deflate and a coding applied twice too), archived decoded and replayed the same', async (t) => {
    const page = articlePage('测试市人工智能产业发展若干措施');
    const coded: Record<string, [string, Buffer]> = {
      gzip: ['gzip', gzipSync(page)],
      'x-gzip': ['x-gzip', gzipSync(page)],
      deflate: ['deflate', deflateSync(page)],
      'deflate-raw': ['deflate', deflateRawSync(page)],
      br: ['br', brotliCompressSync(page)],
      twice: ['gzip, br', brotliCompressSync(gzipSync(page))],
    };
    const routes: Record<string, Route> = {
      '/list/': (_, res) => html(res, gzipSync(listPage(Object.keys(coded).map((name) => ({ href: `/a/t20260618_${name}.html`, title: `测试市人工智能产业文件${name}` })))), { 'content-encoding': 'gzip' }),
    };
    for (const [name, [coding, body]] of Object.entries(coded)) routes[`/a/t20260618_${name}.html`] = (_, res) => html(res, body, { 'content-encoding': coding, 'content-length': String(body.length) });
    const s = await siteFor(t, routes);
    const { report, dir } = await crawlOnce([testSource('coded', [{ type: 'list', url: `${s.base}/list/` }])]);
    assert.deepEqual(report.failures, []);
    assert.equal(report.documentsKept, Object.keys(coded).length);
    assert.ok(s.log.every((l) => l.headers['accept-encoding'] === 'gzip, deflate, br'), 'every request asks for the codings xinzhi decodes');
    // The archive keeps what the crawl read: the page itself, its coding noted, never coded bytes under a Content-Encoding.
    const archived = new Map<string, Awaited<ReturnType<typeof request>>>();
    for await (const response of readWarcResponses(join(dir, 'archive.warc.gz'))) archived.set(new URL(response.url).pathname, response);
    const replay = await ReplayFetcher.open(join(dir, 'archive.warc.gz'));
    for (const [name, [coding]] of Object.entries(coded)) {
      const kept = archived.get(`/a/t20260618_${name}.html`)!;
      assert.equal(kept.body.toString('utf8'), page, name);
      assert.equal(kept.headers['content-encoding'], undefined, name);
      assert.equal(kept.headers['x-xinzhi-content-encoding'], coding, name);
      assert.equal(kept.headers['content-length'], String(Buffer.byteLength(page)), name);
      const replayed = await replay.fetch(`${s.base}/a/t20260618_${name}.html`, { allowPrivate: true, robots: 'obey' });
      assert.equal(replayed.body.toString('utf8'), page, `${name} replayed`);
    }
  });

  it('names a coding it cannot decode, and a body that does not decode as its coding says', async (t) => {
    const s = await siteFor(t, {
      '/zstd': (_, res) => html(res, 'x', { 'content-encoding': 'zstd' }),
      '/fake': (_, res) => html(res, '<html>plain</html>', { 'content-encoding': 'gzip' }),
      '/empty': (_, res) => html(res, '', { 'content-encoding': 'gzip' }, 200),
    });
    await assert.rejects(request(`${s.base}/zstd`), (err: UserError) => err.message === `不支持的内容编码 zstd：${s.base}/zstd` && err.en === `unsupported content encoding zstd: ${s.base}/zstd`);
    await assert.rejects(request(`${s.base}/fake`), (err: UserError) => !(err instanceof NetworkError) && err.en.startsWith('response does not decode (gzip, ') && err.en.endsWith(`: ${s.base}/fake`));
    assert.equal((await request(`${s.base}/empty`)).body.length, 0, 'an empty body under a coding is empty');
  });

  for (const name of ['gzip', 'deflate', 'deflate-raw', 'br'] as const) {
    it(`stops a ${name} bomb (1 GiB of zeros in ${name === 'br' ? 'a kilobyte' : 'a megabyte'}) at maxBytes decoded, fast and in bounded memory`, async (t) => {
      const body = bomb[name];
      const s = await siteFor(t, { '/bomb': (_, res) => html(res, body, { 'content-encoding': name === 'deflate-raw' ? 'deflate' : name, 'content-length': String(body.length) }) });
      const { growth, ms, result } = await peakGrowth(() => request(`${s.base}/bomb`));
      assert.equal(result.status, 'rejected');
      const err = (result as PromiseRejectedResult).reason as UserError;
      assert.equal(err.message, `响应解压后过大（超过 ${4 * 1024 * 1024} 字节）：${s.base}/bomb`);
      assert.equal(err.en, `response larger than ${4 * 1024 * 1024} bytes once decoded: ${s.base}/bomb`);
      assert.ok(!(err instanceof NetworkError), 'a bomb is not retried');
      assert.ok(growth < 100 * 1024 * 1024, `resident memory grew ${Math.round(growth / 1024 / 1024)} MB`);
      assert.ok(ms < 5000, `took ${Math.round(ms)} ms`);
      t.diagnostic(`${name}: peak RSS growth ${Math.round(growth / 1024 / 1024)} MB, ${Math.round(ms)} ms`);
    });
  }

  it('caps what arrives too, before decoding: a coded body over maxBytes as sent', async (t) => {
    // Random bytes do not compress: the body as sent is over the cap before its decoding is.
    const s = await siteFor(t, { '/big': (_, res) => html(res, gzipSync(randomBytes(300_000)), { 'content-encoding': 'gzip' }) });
    await assert.rejects(request(`${s.base}/big`, { maxBytes: 100_000 }), (err: UserError) => err.en === `response larger than 100000 bytes: ${s.base}/big`);
  });
});

describe('archives made elsewhere', () => {
  let bomb: Awaited<ReturnType<typeof bombs>>;
  before(async () => (bomb = await theBombs()));

  it('stop a record kept under a Content-Encoding at maxBytes decoded, on replay and import alike', async () => {
    // wget or another crawler may keep a body as it came, gzip and all; warcio decodes it as it reads.
    const path = join(tempDir(), 'elsewhere.warc.gz');
    writeFileSync(path, await warcResponseRecord({ url: 'http://www.example.gov.cn/a.html', status: 200, headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' }, body: bomb.gzip, fetchedAt: '2026-06-18T01:00:00.000Z' }));
    const line = `archive ${path}: the response of http://www.example.gov.cn/a.html is larger than ${4 * 1024 * 1024} bytes (decoded)`;
    const { growth, result } = await peakGrowth(async () => {
      for await (const response of readWarcResponses(path, { maxBytes: 4 * 1024 * 1024 })) assert.fail(`read ${response.body.length} bytes`);
    });
    assert.equal(((result as PromiseRejectedResult).reason as UserError).en, line);
    assert.ok(growth < 100 * 1024 * 1024, `resident memory grew ${Math.round(growth / 1024 / 1024)} MB`);
    await assert.rejects(ReplayFetcher.open(path, { maxBytes: 4 * 1024 * 1024 }), (err: UserError) => err.en === line);
  });
});

describe('slow responses', () => {
  // A timeout of its own: without the deadline nothing else would ever cut this server.
  it('cuts a server that trickles a byte every 500 ms at the deadline, though no pause trips the idle timeout', { timeout: 15_000 }, async (t) => {
    const port = await tcpServer(t, (socket) => {
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ntransfer-encoding: chunked\r\n\r\n');
        const timer = setInterval(() => socket.write('1\r\nx\r\n'), 500);
        socket.on('close', () => clearInterval(timer));
      });
    });
    const url = `http://127.0.0.1:${port}/slow`;
    const started = performance.now();
    await assert.rejects(request(url, { timeoutMs: 2000, deadlineMs: 1500 }), (err: NetworkError) => {
      assert.ok(err instanceof NetworkError);
      assert.equal(err.kind, 'timeout');
      assert.equal(err.url, url);
      assert.equal(err.message, `请求超时（1.5 秒内未收完响应）：${url}`);
      assert.equal(err.en, `request timed out (no whole response within 1.5 s): ${url}`);
      return true;
    });
    const ms = performance.now() - started;
    assert.ok(ms >= 1400 && ms < 4000, `cut after ${Math.round(ms)} ms`);
  });

  it('cuts a server that accepts and never answers, at the deadline when it comes before the idle timeout, and reports it in a crawl', async (t) => {
    const port = await tcpServer(t, () => {});
    const url = `http://127.0.0.1:${port}/list/`;
    const started = performance.now();
    await assert.rejects(request(url, { timeoutMs: 10_000, deadlineMs: 800 }), (err: NetworkError) => err instanceof NetworkError && err.kind === 'timeout' && err.url === url);
    assert.ok(performance.now() - started < 3000);
    const { report } = await crawlOnce([testSource('mute', [{ type: 'list', url }], { robots: 'ignore' })], { timeoutMs: 10_000, requestDeadlineMs: 500, retries: 0 });
    assert.deepEqual(report.failures.map((f) => f.reasonEn), [`request timed out (no whole response within 0.5 s): ${url}`]);
  });

  it('has a deadline of 60 s by default', () => {
    const crawl = configSchema.parse({ brief: { title: 't', topicName: 't', publisher: 'p', footer: {} } }).crawl;
    assert.equal(crawl.requestDeadlineMs, 60_000);
  });
});

describe('robots.txt that cannot be fetched', () => {
  it('says so, with the network code or the status and robots.txt\'s address, never that robots.txt disallows', async (t) => {
    const down = await siteFor(t, { '/robots.txt': (_, res) => html(res, 'busy', {}, 503), '/list/': (_, res) => html(res, listPage([])) });
    const gone = 'http://xinzhi-robots.invalid';
    const { report } = await crawlOnce([testSource('down', [{ type: 'list', url: `${down.base}/list/` }]), testSource('gone', [{ type: 'list', url: `${gone}/list/` }], { allowPrivate: false })], { retries: 0 });
    const reason = Object.fromEntries(report.failures.map((f) => [f.sourceId, f]));
    assert.equal(reason.down!.reason, `robots.txt 无法获取（HTTP 503）：${down.base}/robots.txt，按 RFC 9309 暂不抓取 ${down.base}/list/`);
    assert.equal(reason.down!.reasonEn, `robots.txt could not be fetched (HTTP 503): ${down.base}/robots.txt; not fetching ${down.base}/list/ for now per RFC 9309`);
    // .invalid never resolves (RFC 6761): the system resolver says ENOTFOUND, or EAI_AGAIN with no DNS server at all.
    assert.match(reason.gone!.reason, /^robots\.txt 无法获取（(ENOTFOUND|EAI_AGAIN)）：http:\/\/xinzhi-robots\.invalid\/robots\.txt，按 RFC 9309 暂不抓取 http:\/\/xinzhi-robots\.invalid\/list\/$/);
    assert.match(reason.gone!.reasonEn, /^robots\.txt could not be fetched \((ENOTFOUND|EAI_AGAIN)\): http:\/\/xinzhi-robots\.invalid\/robots\.txt; not fetching/);
    for (const failure of report.failures) assert.doesNotMatch(`${failure.reason} ${failure.reasonEn}`, /不允许|disallow/i);
    assert.equal(down.hits('/list/'), 0, 'RFC 9309: stay out while robots.txt answers 5xx');
  });

  it('`run` prints what its crawl met, in the user\'s language, before the error that no document was found', async (t) => {
    const down = await siteFor(t, { '/robots.txt': (_, res) => html(res, 'busy', {}, 503) });
    const dir = tempDir();
    const config = configWithCatalog(dir, [
      `- { id: down, name: 忙碌机构, tier: municipal, region: 测试市, homepage: "${down.base}/", allowPrivate: true, entries: [{ type: list, url: "${down.base}/list/" }] }`,
      '- { id: gone, name: 消失机构, tier: municipal, region: 测试市, homepage: "http://xinzhi-robots.invalid/", entries: [{ type: list, url: "http://xinzhi-robots.invalid/list/" }] }',
    ].join('\n'));
    const run = await runCli(['run', '--date', '2026-06-19', '--config', config, '--data', join(dir, 'data'), '--out', join(dir, 'out'), '--lang', 'en']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^run summary 2026-06-19$/m);
    assert.match(run.stdout, /^ {2}source errors: 2$/m);
    assert.match(run.stdout, new RegExp(`\\[down\\] ${down.base}/list/: robots\\.txt could not be fetched \\(HTTP 503\\): ${down.base}/robots\\.txt;`));
    assert.match(run.stdout, /\[gone\] http:\/\/xinzhi-robots\.invalid\/list\/: robots\.txt could not be fetched \((ENOTFOUND|EAI_AGAIN)\): http:\/\/xinzhi-robots\.invalid\/robots\.txt;/);
    assert.doesNotMatch(run.stdout, /disallow/i);
    assert.doesNotMatch(run.stdout, /unreachable/, 'a host answered (503): the network is up');
    assert.match(run.stderr, /^xinzhi: no documents in the window/m);
  });

  it('a run that reached no host at all says the network is down, once, before the failures', async () => {
    const dir = tempDir();
    const config = configWithCatalog(dir, ['a', 'b'].map((id) => `- { id: ${id}, name: 消失机构${id}, tier: municipal, region: 测试市, homepage: "http://xinzhi-${id}.invalid/", entries: [{ type: list, url: "http://xinzhi-${id}.invalid/list/" }] }`).join('\n'));
    const run = await runCli(['run', '--date', '2026-06-19', '--config', config, '--data', join(dir, 'data'), '--out', join(dir, 'out')]);
    assert.equal(run.code, 1);
    const lines = run.stdout.split('\n');
    const hint = lines.findIndex((line) => /^ {2}没有抓到任何页面：2 个来源全部无法连接（(ENOTFOUND|EAI_AGAIN)），本机可能没有网络或 DNS 不可用。请检查网络、DNS 或代理；离线时可用 --replay 重放归档$/.test(line));
    assert.ok(hint >= 0, run.stdout);
    assert.ok(hint < lines.findIndex((line) => line.startsWith('  来源错误')), 'the hint comes before the list');
  });
});
