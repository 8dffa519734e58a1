import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import iconv from 'iconv-lite';
import { CircuitBreakers } from '../src/crawl/breaker.ts';
import { retryDelayMs } from '../src/util/retry.ts';
import { openTestStore } from './storeFor.ts';
import { articlePage, crawlOnce, html, listPage, sleep, startSite, testSource, type Route } from './sites.ts';

async function site(t: TestContext, routes: Record<string, Route>) {
  const started = await startSite(routes);
  t.after(() => started.close());
  return started;
}

const articles = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`/a/t20260618_${i}.html`, ((_, res) => html(res, articlePage(`测试市第${i}号人工智能政策文件发布`))) as Route]));
const listOf = (n: number) => listPage(Array.from({ length: n }, (_, i) => ({ href: `/a/t20260618_${i}.html`, title: `测试市第${i}号人工智能政策文件发布` })));

describe('politeness', () => {
  it('keeps one request in flight per host, starts spaced by hostDelayMs, while two hosts go in parallel', async (t) => {
    // Responses (100 ms) are slow next to the spacing (20 ms): were two requests to a host let through at
    // once, the server would see them overlap.
    const routes = { '/list/': ((_, res) => html(res, listOf(5))) as Route, ...articles(5) };
    const slow = Object.fromEntries(Object.entries(routes).map(([path, route]) => [path, (async (req, res) => { await sleep(100); await route(req, res); }) as Route]));
    const one = await site(t, slow);
    const two = await site(t, slow);
    const sent = new Map<string, number[]>();
    const onRequest = (url: URL) => sent.set(url.host, [...(sent.get(url.host) ?? []), performance.now()]);
    const { report } = await crawlOnce([testSource('one', [{ type: 'list', url: `${one.base}/list/` }]), testSource('two', [{ type: 'list', url: `${two.base}/list/` }])], { hostDelayMs: 20, onRequest });
    assert.equal(report.documentsKept, 10);
    for (const host of [one, two]) {
      // As the server saw it: one request at a time, in the order robots.txt, list, articles.
      const log = [...host.log].sort((a, b) => a.start - b.start);
      assert.deepEqual(log.slice(0, 2).map((l) => l.path), ['/robots.txt', '/list/']);
      assert.equal(log.length, 7);
      for (let i = 1; i < log.length; i++) assert.ok(log[i]!.start >= log[i - 1]!.end - 1, `request ${i} started before the one before it ended`);
      // As the crawler sent them: starts at least 20 ms apart (the server's clock adds connection jitter).
      const starts = sent.get(host.host)!;
      for (let i = 1; i < starts.length; i++) assert.ok(starts[i]! - starts[i - 1]! >= 19, `starts ${Math.round(starts[i]! - starts[i - 1]!)} ms apart`);
    }
    // The two hosts were crawled side by side: each one's requests began before the other's ended.
    const span = (log: typeof one.log) => [Math.min(...log.map((l) => l.start)), Math.max(...log.map((l) => l.end))] as const;
    const [a, b] = [span(one.log), span(two.log)];
    assert.ok(a[0] < b[1] && b[0] < a[1], 'the hosts were crawled one after the other');
    // And at once, not in turns: some request to one host was in flight while one to the other was (a global
    // limit of one would interleave them without overlap). Timed bounds are not used: a loaded machine stretches them.
    assert.ok(one.log.some((x) => two.log.some((y) => x.start < y.end && y.start < x.end)), 'no two requests to the two hosts were in flight at once');
  });

  it('honours robots.txt: Disallow, and a Crawl-delay longer than the configured spacing; a source may opt out', async (t) => {
    const host = await site(t, {
      '/robots.txt': (_, res) => html(res, 'User-agent: *\nDisallow: /private/\nCrawl-delay: 0.2\n', { 'content-type': 'text/plain' }),
      '/list/': (_, res) => html(res, listPage([{ href: '/a/t20260618_0.html', title: '测试市第0号人工智能政策文件发布' }, { href: '/private/t20260618_9.html', title: '测试市内部人工智能文件不应抓取' }])),
      ...articles(1),
      '/private/t20260618_9.html': (_, res) => html(res, articlePage('测试市内部人工智能文件不应抓取')),
    });
    const starts: number[] = [];
    const { report, archived } = await crawlOnce([testSource('polite', [{ type: 'list', url: `${host.base}/list/` }])], { onRequest: () => starts.push(performance.now()) });
    assert.equal(host.hits('/private/t20260618_9.html'), 0);
    assert.match(report.failures[0]!.reason, /robots\.txt 不允许抓取 http:\/\/127\.0\.0\.1:\d+\/private\/t20260618_9\.html/);
    assert.ok(archived.includes('200 /robots.txt'));
    assert.equal(starts.length, 3);
    for (let i = 1; i < starts.length; i++) assert.ok(starts[i]! - starts[i - 1]! >= 195, 'Crawl-delay: 0.2 spaces requests by 200 ms');

    const again = await crawlOnce([testSource('override', [{ type: 'list', url: `${host.base}/list/` }], { robots: 'ignore' })]);
    assert.equal(host.hits('/private/t20260618_9.html'), 1);
    assert.equal(again.report.failures.length, 0);
  });
});

describe('faults', () => {
  it('retries 5xx and 429 with backoff, never 404, and reports what still failed', async (t) => {
    let flaky = 0;
    const host = await site(t, {
      '/list/': (_, res) => html(res, listPage([0, 1, 2, 3].map((i) => ({ href: `/a/t20260618_${i}.html`, title: `测试市第${i}号人工智能政策文件发布` })))),
      '/a/t20260618_0.html': (_, res) => (++flaky <= 2 ? html(res, 'busy', {}, 503) : html(res, articlePage('测试市第0号人工智能政策文件发布'))),
      '/a/t20260618_1.html': (_, res) => html(res, 'slow down', { 'retry-after': '0' }, 429),
      '/a/t20260618_2.html': (_, res) => html(res, 'gone', {}, 404),
      '/a/t20260618_3.html': (_, res) => html(res, articlePage('测试市第3号人工智能政策文件发布')),
    });
    const { report } = await crawlOnce([testSource('flaky', [{ type: 'list', url: `${host.base}/list/` }])], { retries: 2 });
    assert.equal(host.hits('/a/t20260618_0.html'), 3);
    assert.equal(host.hits('/a/t20260618_1.html'), 3);
    assert.equal(host.hits('/a/t20260618_2.html'), 1);
    assert.equal(report.documentsKept, 2);
    assert.deepEqual(report.failures.map((f) => f.reason).sort(), ['HTTP 404', 'HTTP 429']);
  });

  it('gives up on slow, truncated, oversized and looping responses without stalling the others', async (t) => {
    const bad = await site(t, {
      '/list/': (_, res) => html(res, listPage(['slow', 'cut', 'huge', 'loop'].map((name) => ({ href: `/${name}/t20260618_1.html`, title: `测试市${name}人工智能政策文件` })))),
      '/slow/t20260618_1.html': async (_, res) => { await sleep(1500); html(res, articlePage('迟到的页面')); },
      '/cut/t20260618_1.html': (_, res) => { res.writeHead(200, { 'content-type': 'text/html', 'content-length': '5000' }); res.write('<html><body>半截'); res.destroy(); },
      '/huge/t20260618_1.html': (_, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(1024 * 1024, 0x61);
        let sent = 0;
        const pump = () => { while (sent < 50 && res.write(chunk)) sent++; if (sent < 50) res.once('drain', () => { sent++; pump(); }); else res.end(); };
        pump();
      },
      '/loop/t20260618_1.html': (_, res) => html(res, '', { location: '/loop/t20260618_2.html' }, 302),
      '/loop/t20260618_2.html': (_, res) => html(res, '', { location: '/loop/t20260618_1.html' }, 302),
    });
    const good = await site(t, { '/list/': (_, res) => html(res, listOf(2)), ...articles(2) });
    const started = performance.now();
    const { report } = await crawlOnce(
      [testSource('bad', [{ type: 'list', url: `${bad.base}/list/` }]), testSource('good', [{ type: 'list', url: `${good.base}/list/` }])],
      { timeoutMs: 500, retries: 1, maxBytes: 20 * 1024 * 1024, maxRedirects: 4 },
    );
    assert.equal(report.documentsKept, 2);
    const reasons = Object.fromEntries(report.failures.map((f) => [new URL(f.url).pathname.split('/')[1], f.reason]));
    assert.match(reasons.slow!, /请求失败.*slow/);
    assert.match(reasons.cut!, /(读取响应中断|请求失败).*cut/);
    assert.match(reasons.huge!, /响应过大（超过 20971520 字节）/);
    assert.match(reasons.loop!, /重定向过多（超过 4 次）/);
    assert.equal(bad.hits('/huge/t20260618_1.html'), 1, 'an oversized page is not retried');
    assert.ok(performance.now() - started < 5000);
  });

  it('opens a host\'s circuit after repeated failures, and stops asking it', async (t) => {
    const down = await site(t, { '/list/': (_, res) => html(res, listOf(6)), ...Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`/a/t20260618_${i}.html`, ((_, res) => html(res, 'down', {}, 500)) as Route])) });
    const { report } = await crawlOnce([testSource('down', [{ type: 'list', url: `${down.base}/list/` }])], { retries: 0, breakerThreshold: 3 });
    const articleHits = down.log.filter((l) => l.path.startsWith('/a/')).length;
    assert.equal(articleHits, 3);
    assert.equal(report.failures.filter((f) => f.reason.includes('熔断')).length, 3);
  });

  it('breaker and backoff: half-open after the cooldown; jittered exponential delays, Retry-After first', () => {
    let now = 0;
    const breakers = new CircuitBreakers(2, 1000, () => now);
    breakers.failed('h');
    assert.ok(breakers.allows('h'));
    breakers.failed('h');
    assert.equal(breakers.allows('h'), false);
    now = 1000;
    assert.ok(breakers.allows('h'));
    breakers.failed('h');
    assert.equal(breakers.allows('h'), false);
    assert.equal(retryDelayMs(3, 100, undefined, () => 0.5), 400);
    assert.equal(retryDelayMs(30, 100, undefined, () => 1), 60_000);
    assert.equal(retryDelayMs(0, 100, '7', () => 0.5), 7000);
  });
});

describe('incremental runs', () => {
  it('asks with If-None-Match and If-Modified-Since, and a 304 or identical list fetches nothing more', async (t) => {
    const body = listOf(2);
    const host = await site(t, {
      '/etag/': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
        else html(res, body, { etag: '"v1"', 'last-modified': 'Thu, 18 Jun 2026 10:00:00 GMT' });
      },
      '/plain/': (_, res) => html(res, listPage([{ href: '/a/t20260618_0.html', title: '测试市第0号人工智能政策文件发布' }])),
      ...articles(2),
    });
    const sources = [testSource('etag', [{ type: 'list', url: `${host.base}/etag/` }]), testSource('plain', [{ type: 'list', url: `${host.base}/plain/` }])];
    const first = await crawlOnce(sources);
    assert.equal(first.report.documentsKept, 2);
    const articleHits = host.log.filter((l) => l.path.startsWith('/a/')).length;
    const second = await crawlOnce(sources, {}, { dir: first.dir });
    const conditional = host.log.filter((l) => l.path === '/etag/').at(-1)!;
    assert.equal(conditional.headers['if-none-match'], '"v1"');
    assert.equal(conditional.headers['if-modified-since'], 'Thu, 18 Jun 2026 10:00:00 GMT');
    assert.equal(host.log.filter((l) => l.path.startsWith('/a/')).length, articleHits, 'no article fetched again');
    assert.equal(second.report.documentsKept, 0);
    assert.deepEqual(second.report.failures, []);
    const store = await openTestStore(first.dir);
    assert.deepEqual((await store.sourceRuns('etag', 1)).map((r) => [r.entriesOk, r.unchanged]), [[1, 1]]);
    assert.deepEqual((await store.sourceRuns('plain', 1)).map((r) => [r.entriesOk, r.unchanged]), [[1, 1]]);
    await store.close();
  });

  it('reads an unchanged list again while one of its articles did not answer, or links were left over the cap', async (t) => {
    let down = true;
    const host = await site(t, {
      '/list/': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
        else html(res, listOf(3), { etag: '"v1"' });
      },
      ...articles(3),
      '/a/t20260618_1.html': (_, res) => (down ? html(res, 'busy', {}, 503) : html(res, articlePage('测试市第1号人工智能政策文件发布'))),
    });
    const sources = [testSource('flaky', [{ type: 'list', url: `${host.base}/list/` }])];
    const first = await crawlOnce(sources);
    assert.equal(first.report.documentsKept, 2);
    // The list answers 304, but its state was not kept: it is read from the start and the article that failed is fetched.
    down = false;
    const second = await crawlOnce(sources, {}, { dir: first.dir });
    assert.equal(second.report.documentsKept, 1);
    assert.equal(host.log.filter((l) => l.path === '/list/').at(-1)!.headers['if-none-match'], undefined);
    // Now every article is stored: the list's state is kept, and the next run asks conditionally.
    await crawlOnce(sources, {}, { dir: first.dir });
    assert.equal(host.log.filter((l) => l.path === '/list/').at(-1)!.headers['if-none-match'], '"v1"');
    // A cap that leaves links unread keeps no state either.
    const capped = await crawlOnce(sources, {}, { maxArticlesPerSource: 2 });
    assert.equal(capped.report.documentsKept, 2);
    const store = await openTestStore(capped.dir);
    assert.equal(await store.urlState(`${host.base}/list/`), undefined);
    await store.close();
  });

  it('names a source that yields nothing for N runs, and one whose list changed its layout', async (t) => {
    let redesigned = false;
    let version = 0;
    const host = await site(t, {
      '/empty/': (_, res) => html(res, `<html><body><p>栏目建设中 ${++version}</p></body></html>`),
      '/list/': (_, res) => html(res, redesigned
        ? `<html><body><table class="news">${[0, 1].map((i) => `<tr><td><a href="/a/t20260618_${i}.html">测试市第${i}号人工智能政策文件发布</a></td><td>2026-06-18</td></tr>`).join('')}</table><!-- ${++version} --></body></html>`
        : listOf(2)),
      ...articles(2),
    });
    const sources = [testSource('empty', [{ type: 'list', url: `${host.base}/empty/` }]), testSource('moving', [{ type: 'list', url: `${host.base}/list/` }])];
    const first = await crawlOnce(sources, {}, { emptyRunsAlert: 2 });
    assert.deepEqual(first.report.alerts, []);
    redesigned = true;
    const second = await crawlOnce(sources, {}, { dir: first.dir, emptyRunsAlert: 2 });
    assert.deepEqual(second.report.alerts.map((a) => [a.sourceId, a.kind]), [['empty', 'empty'], ['moving', 'structure']]);
  });
});

describe('entry points', () => {
  it('reads RSS (GB2312, dates without a zone as Shanghai time), JSON APIs, and paginated lists', async (t) => {
    const rss = iconv.encode(`<?xml version="1.0" encoding="gb2312"?><rss version="2.0"><channel><title>测试</title>
      <item><title>测试市第0号人工智能政策文件发布</title><link>/a/t20260618_0.html</link><pubDate>2026-06-18 09:00:00</pubDate></item>
      <item><title>测试市第1号人工智能政策文件发布</title><link>/a/t20260618_1.html</link><pubDate>Thu, 18 Jun 2026 02:00:00 GMT</pubDate></item>
      </channel></rss>`, 'gb2312');
    const host = await site(t, {
      '/rss.xml': (_, res) => html(res, rss, { 'content-type': 'application/rss+xml' }),
      '/api/list': (_, res) => html(res, JSON.stringify({ data: { list: [{ link: '/a/t20260618_2.html', name: '测试市第2号人工智能政策文件发布', time: '2026-06-18 10:00' }] } }), { 'content-type': 'application/json' }),
      '/paged/index.html': (_, res) => html(res, `${listPage([{ href: '/a/t20260618_3.html', title: '测试市第3号人工智能政策文件发布' }])}<script>createPageHTML(2, 0, "index", "html");</script>`),
      '/paged/index_1.html': (_, res) => html(res, listPage([{ href: '/a/t20260618_4.html', title: '测试市第4号人工智能政策文件发布' }])),
      ...articles(5),
    });
    const { report, dir } = await crawlOnce([
      testSource('feed', [{ type: 'rss', url: `${host.base}/rss.xml` }]),
      testSource('api', [{ type: 'api', url: `${host.base}/api/list`, items: 'data.list', fields: { url: 'link', title: 'name', date: 'time' } }]),
      testSource('paged', [{ type: 'list', url: `${host.base}/paged/index.html`, maxPages: 3 }]),
    ]);
    assert.deepEqual(report.failures, []);
    assert.equal(report.documentsKept, 5);
    const store = await openTestStore(dir);
    assert.equal((await store.sourceRuns('feed', 1))[0]!.linksFound, 2);
    assert.equal((await store.sourceRuns('paged', 1))[0]!.linksFound, 2);
    assert.equal((await store.documentByUrl(`${host.base}/a/t20260618_0.html`))!.title, '测试市第0号人工智能政策文件发布');
    await store.close();

    // The feed's dates as read: 09:00 without a zone is 01:00 UTC (Shanghai time), so a crawl of links listed
    // since 01:30 UTC skips it and fetches the item of 02:00 GMT. Read as UTC, or not read, it would be fetched.
    const since = await crawlOnce([testSource('feed', [{ type: 'rss', url: `${host.base}/rss.xml` }])], {}, { listedSince: new Date('2026-06-18T01:30:00Z') });
    assert.equal(since.report.linksSkipped, 1);
    const later = await openTestStore(since.dir);
    assert.equal(await later.documentByUrl(`${host.base}/a/t20260618_0.html`), undefined);
    assert.equal((await later.documentByUrl(`${host.base}/a/t20260618_1.html`))!.title, '测试市第1号人工智能政策文件发布');
    await later.close();
  });
});
