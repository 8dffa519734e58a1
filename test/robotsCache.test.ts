// robots.txt answers shared by the queue's workers in Redis (src/queue/robotsCache.ts, the live fetcher's
// sharedRobots): against a real Redis on 127.0.0.1:6379, each test under a prefix of its own (removed at
// the end), and real sites on loopback counting the requests they answered.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config/load.ts';
import { LiveFetcher, RobotsRefusal } from '../src/crawl/live.ts';
import { readWarcResponses } from '../src/crawl/warc.ts';
import { ROBOTS_UNREACHABLE_TTL_MS, WorkerFetchers } from '../src/queue/fetchers.ts';
import { RedisRobotsCache, type RobotsCacheOptions } from '../src/queue/robotsCache.ts';
import { tempDir } from './helpers.ts';
import { fetcherOptions, html, siteFor, sleep, type Route } from './sites.ts';

const REDIS_URL = process.env.XINZHI_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const obey = { allowPrivate: true, robots: 'obey' } as const;
const text = (body: string, status = 200): Route => (_req, res) => html(res, body, { 'content-type': 'text/plain' }, status);
const page: Route = (_req, res) => html(res, '<html><body>ok</body></html>');

let redis: Redis;
before(async () => {
  redis = new Redis(REDIS_URL, { lazyConnect: true });
  await redis.connect();
});
after(() => redis.quit());

/** A prefix of the test's own, its keys removed when the test ends. */
function prefixFor(t: TestContext): string {
  const prefix = `xinzhi-test-robots-${randomUUID()}:`;
  t.after(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  });
  return prefix;
}

/** A worker's cache (as if in its own process: nothing shared but Redis). */
function cacheFor(prefix: string, options: Partial<RobotsCacheOptions> = {}): RedisRobotsCache {
  return new RedisRobotsCache(redis, { keyPrefix: prefix, ttlMs: 60_000, unreachableTtlMs: 60_000, lockMs: 5000, waitMs: 5000, ...options });
}

/** A live fetcher reading robots.txt through `cache`, no retries (a 503 is one request). */
function fetcherFor(cache: RedisRobotsCache): LiveFetcher {
  return new LiveFetcher(fetcherOptions({ retries: 0, sharedRobots: cache }));
}

void describe('robots.txt shared by the workers in Redis', () => {
  void it('is asked once by two workers (their list and page fetchers alike), kept an hour, and archived by the one that fetched it', async (t) => {
    const prefix = prefixFor(t);
    const host = await siteFor(t, { '/robots.txt': text('User-agent: *\nAllow: /\n'), '/a.html': page, '/b.html': page, '/c.html': page, '/d.html': page });
    const down = await siteFor(t, { '/robots.txt': text('busy', 503), '/a.html': page });
    const crawl = { ...loadConfig().config.crawl, hostDelayMs: 0, retries: 0, requestDeadlineMs: 5000, timeoutMs: 2000 };
    const dirs = [tempDir(), tempDir()];
    const workers = dirs.map((dataDir, i) => new WorkerFetchers({ crawl, sources: [], redis, leaseKeyPrefix: `${prefix}host:`, robotsKeyPrefix: prefix, dataDir, workerId: `w${i}` }));
    try {
      const [one, two] = workers.map((w) => w.now(1));
      for (const [fetcher, path] of [[one!.lists, '/a.html'], [one!.pages, '/b.html'], [two!.pages, '/c.html'], [two!.lists, '/d.html']] as const) {
        assert.equal((await fetcher.fetch(`${host.base}${path}`, obey)).status, 200, path);
      }
      assert.equal(host.hits('/robots.txt'), 1, 'one robots.txt request for two workers and four fetchers');
      // A file read is kept an hour; one that could not be fetched five minutes.
      const cache = cacheFor(prefix);
      const readTtl = await redis.pttl(cache.key(host.base));
      assert.ok(readTtl > 59 * 60_000 && readTtl <= 60 * 60_000, `read answer TTL ${readTtl}`);
      await assert.rejects(two!.pages.fetch(`${down.base}/a.html`, obey), (err: RobotsRefusal) => err instanceof RobotsRefusal && err.reason === 'unreachable');
      await assert.rejects(one!.pages.fetch(`${down.base}/a.html`, obey), (err: RobotsRefusal) => err instanceof RobotsRefusal && err.reason === 'unreachable');
      assert.equal(ROBOTS_UNREACHABLE_TTL_MS, 5 * 60_000);
      const downTtl = await redis.pttl(cache.key(down.base));
      assert.ok(downTtl > ROBOTS_UNREACHABLE_TTL_MS - 60_000 && downTtl <= ROBOTS_UNREACHABLE_TTL_MS, `unreachable answer TTL ${downTtl}`);
      // One request (crawl.retries is 0 here), by one worker only.
      assert.equal(down.hits('/robots.txt'), 1);
    } finally {
      for (const w of workers) await w.close();
    }
    // The raw response is in the archive of the worker that fetched it, and only there.
    const archived = async (dir: string) => {
      const paths: string[] = [];
      const folder = join(dir, 'archives');
      if (!existsSync(folder)) return paths;
      for (const file of readdirSync(folder)) for await (const r of readWarcResponses(join(folder, file))) paths.push(`${r.status} ${new URL(r.url).pathname}`);
      return paths;
    };
    const [first, second] = [await archived(dirs[0]!), await archived(dirs[1]!)];
    assert.ok(first.includes('200 /robots.txt'), first.join(', '));
    assert.ok(second.includes('503 /robots.txt'), second.join(', '));
    assert.ok(!second.includes('200 /robots.txt') && !first.includes('503 /robots.txt'));
  });

  void it('remembers an unreachable robots.txt only for its short time, its cause included', async (t) => {
    const prefix = prefixFor(t);
    let down = true;
    const host = await siteFor(t, { '/robots.txt': (req, res) => (down ? text('busy', 503) : text('User-agent: *\nAllow: /\n'))(req, res), '/a.html': page });
    const options = { ttlMs: 60_000, unreachableTtlMs: 600 };
    const [a, b] = [fetcherFor(cacheFor(prefix, options)), fetcherFor(cacheFor(prefix, options))];
    const refused = `robots.txt could not be fetched (HTTP 503): ${host.base}/robots.txt; not fetching ${host.base}/a.html for now per RFC 9309`;
    await assert.rejects(a.fetch(`${host.base}/a.html`, obey), (err: RobotsRefusal) => err.en === refused);
    await assert.rejects(b.fetch(`${host.base}/a.html`, obey), (err: RobotsRefusal) => err.en === refused && err.robots.status === 503);
    assert.equal(host.hits('/robots.txt'), 1);
    // Back up: still shut out while the short memory lasts, by both, without asking.
    down = false;
    await assert.rejects(a.fetch(`${host.base}/a.html`, obey), RobotsRefusal);
    await assert.rejects(b.fetch(`${host.base}/a.html`, obey), RobotsRefusal);
    assert.equal(host.hits('/robots.txt'), 1);
    await sleep(700);
    // Past it: the first to need it asks again (its own memory lapsed with the shared one), the other reads that.
    assert.equal((await a.fetch(`${host.base}/a.html`, obey)).status, 200);
    assert.equal((await b.fetch(`${host.base}/a.html`, obey)).status, 200);
    assert.equal(host.hits('/robots.txt'), 2);
    assert.equal(host.hits('/a.html'), 2);
    // A read file is kept for the long time.
    assert.ok((await redis.pttl(cacheFor(prefix).key(host.base))) > 50_000);

    // No answer at all: the other worker's refusal names the network code and the address, as the first's does.
    const gone = 'http://127.0.0.1:9';
    const lines: string[] = [];
    for (const fetcher of [a, b]) {
      await assert.rejects(fetcher.fetch(`${gone}/a.html`, obey), (err: RobotsRefusal) => {
        lines.push(err.en);
        return err.reason === 'unreachable' && err.robots.status === null && err.robots.failure?.kind === 'connect';
      });
    }
    assert.match(lines[0]!, /^robots\.txt could not be fetched \(ECONNREFUSED\): http:\/\/127\.0\.0\.1:9\/robots\.txt; not fetching/);
    assert.equal(lines[1], lines[0]);
  });

  void it('has another worker honour a Disallow and a Crawl-delay it never fetched', async (t) => {
    const prefix = prefixFor(t);
    const host = await siteFor(t, { '/robots.txt': text('User-agent: *\nDisallow: /private/\nCrawl-delay: 0.4\n'), '/a.html': page, '/b.html': page, '/c.html': page, '/private/x.html': page });
    const [a, b] = [fetcherFor(cacheFor(prefix)), fetcherFor(cacheFor(prefix))];
    assert.equal((await a.fetch(`${host.base}/a.html`, obey)).status, 200);
    await assert.rejects(b.fetch(`${host.base}/private/x.html`, obey), (err: RobotsRefusal) => err.en === `robots.txt disallows ${host.base}/private/x.html`);
    assert.equal(host.hits('/private/x.html'), 0);
    assert.equal((await b.fetch(`${host.base}/b.html`, obey)).status, 200);
    assert.equal((await b.fetch(`${host.base}/c.html`, obey)).status, 200);
    assert.equal(host.hits('/robots.txt'), 1);
    // hostDelayMs is 0: only the Crawl-delay read from the shared answer spaces b's requests.
    const at = (path: string) => host.log.find((l) => l.path === path)!;
    const gap = at('/c.html').start - Math.max(at('/b.html').start, at('/b.html').end);
    assert.ok(gap >= 395, `b's requests ${Math.round(gap)} ms apart`);
  });

  void it('fetches once when workers miss at once; a lock left by a killed worker is waited out only so long', async (t) => {
    const prefix = prefixFor(t);
    const host = await siteFor(t, {
      '/robots.txt': async (req, res) => {
        await sleep(300);
        void text('User-agent: *\nAllow: /\n')(req, res);
      },
      '/a.html': page,
    });
    const fetchers = Array.from({ length: 4 }, () => fetcherFor(cacheFor(prefix)));
    const statuses = await Promise.all(fetchers.map((f) => f.fetch(`${host.base}/a.html`, obey).then((r) => r.status)));
    assert.deepEqual(statuses, [200, 200, 200, 200]);
    assert.equal(host.hits('/robots.txt'), 1);

    // Another origin whose lock a killed worker holds: the worker waits waitMs, then fetches itself and shares it.
    const other = await siteFor(t, { '/robots.txt': text('User-agent: *\nAllow: /\n'), '/a.html': page });
    const cache = cacheFor(prefix, { waitMs: 300 });
    await redis.set(cache.lockKey(other.base), 'killed-worker', 'PX', 10_000);
    const started = performance.now();
    assert.equal((await fetcherFor(cache).fetch(`${other.base}/a.html`, obey)).status, 200);
    const waited = performance.now() - started;
    assert.ok(waited >= 250 && waited < 2000, `waited ${Math.round(waited)} ms`);
    assert.equal(other.hits('/robots.txt'), 1);
    assert.equal((await fetcherFor(cacheFor(prefix)).fetch(`${other.base}/a.html`, obey)).status, 200);
    assert.equal(other.hits('/robots.txt'), 1, 'its answer was shared');
  });

  void it('asks again for a newer run, and a fetcher of an older run takes the newer answer', async (t) => {
    const prefix = prefixFor(t);
    const host = await siteFor(t, { '/robots.txt': text('User-agent: *\nAllow: /\n'), '/a.html': page });
    for (const [run, expected] of [[1, 1], [1, 1], [2, 2], [1, 2], [2, 2]] as const) {
      assert.equal((await fetcherFor(cacheFor(prefix, { run })).fetch(`${host.base}/a.html`, obey)).status, 200);
      assert.equal(host.hits('/robots.txt'), expected, `run ${run}`);
    }
  });
});
