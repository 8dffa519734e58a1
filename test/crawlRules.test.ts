// The crawl's rules one by one (issue 12): private addresses, robots.txt, retries and politeness, each
// pinned by a test that fails when the rule is broken. These run per mutant (scripts/mutationModules.mjs),
// so they are kept to seconds: small delays, a real server on loopback only where a network is involved.
import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { networkInterfaces } from 'node:os';
import { describe, it, type TestContext } from 'node:test';
import { assertPublicLiteral, isPrivateAddress, publicOnlyLookup, type ResolveAll } from '../src/crawl/address.ts';
import { liveFetcherFromConfig } from '../src/crawl/fromConfig.ts';
import { LiveFetcher } from '../src/crawl/live.ts';
import { HostGate } from '../src/crawl/politeness.ts';
import { isRetryableStatus, retryDelayMs } from '../src/util/retry.ts';
import { robotsRules } from '../src/crawl/robots.ts';
import type { FetchedResponse } from '../src/domain/response.ts';
import { configSchema } from '../src/config/schema.ts';
import { UserError } from '../src/util/errors.ts';
import { fetcherOptions, html, sleep, startSite, testSource, type Route } from './sites.ts';

async function site(t: TestContext, routes: Record<string, Route>, address?: string) {
  const started = await startSite(routes, address);
  t.after(() => started.close());
  return started;
}

const text = (res: Parameters<Route>[1], body: string, status = 200) => html(res, body, { 'content-type': 'text/plain' }, status);
const obey = { allowPrivate: true, robots: 'obey' } as const;

describe('private addresses', () => {
  it('knows the private, loopback, link-local, CGNAT and multicast ranges, and their edges', () => {
    const privateOnes = [
      '0.0.0.0', '10.0.0.1', '10.255.255.255', '127.0.0.1', '127.255.0.9', '100.64.0.1', '100.127.255.255', '169.254.169.254', '169.254.0.1',
      '172.16.0.1', '172.31.255.255', '192.168.0.1', '192.168.255.255', '224.0.0.1', '239.1.2.3', '255.255.255.255',
      '::', '::1', 'fc00::1', 'fd12:3456::1', 'fdff::1', 'fe80::1', 'fe9f::1', 'febf::1', 'ff02::1', 'FE80::AB',
      '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.20.30.40', '::ffff:a9fe:a9fe', '::ffff:c0a8:101', '0:0:0:0:0:ffff:7f00:1',
    ];
    const publicOnes = [
      '8.8.8.8', '1.0.0.1', '9.255.255.255', '11.0.0.1', '126.255.255.255', '128.0.0.1', '100.63.255.255', '100.128.0.1', '99.64.0.1', '169.253.0.1',
      '169.255.0.1', '168.254.0.1', '172.15.255.255', '172.32.0.1', '171.16.0.1', '192.167.0.1', '192.169.0.1', '191.168.0.1', '223.255.255.255', '193.168.0.1',
      '2400:cb00::1', '2001:db8::1', '::2', '0::2', '0:0::ffff:1', '1::', '1::1', '0:0:0:0:0:1:0:1', 'fc::1', 'fbff::1', 'fe00::1', 'fe7f::1', 'fec0::1', 'fe::1',
      '::ffff:8.8.8.8', '::ffff:808:808', '::fffe:7f00:1', '0:0:0:0:1:ffff:7f00:1', '1:0:0:0:0:ffff:7f00:1',
    ];
    assert.deepEqual(privateOnes.filter((a) => !isPrivateAddress(a)), [], 'read as public');
    assert.deepEqual(publicOnes.filter((a) => isPrivateAddress(a)), [], 'read as private');
  });

  it('refuses a private address written in the URL, IPv6 and IPv4-mapped ones too, and leaves names to the lookup', () => {
    const refusal = (url: string) => {
      try {
        assertPublicLiteral(new URL(url));
        return undefined;
      } catch (err) {
        assert.ok(err instanceof UserError);
        // Every refusal names the setting that allows a local test site; the rest says what was refused.
        assert.ok(err.en.endsWith('; for a test site on this machine or the LAN set allowPrivate: true on the source'), err.en);
        return err.en.replace(/; for a test site .*$/, '');
      }
    };
    assert.equal(refusal('http://[::1]:8080/a'), 'refusing private address http://[::1]:8080/a (::1)');
    assert.throws(() => assertPublicLiteral(new URL('http://10.1.2.3/a')), { message: '拒绝访问私有地址 http://10.1.2.3/a（10.1.2.3）；本机或内网的测试站点请在该来源上设置 allowPrivate: true' });
    // The URL parser writes ::ffff:127.0.0.1 as ::ffff:7f00:1.
    assert.equal(refusal('http://[::ffff:127.0.0.1]/'), 'refusing private address http://[::ffff:7f00:1]/ (::ffff:7f00:1)');
    assert.equal(refusal('http://169.254.169.254/latest/meta-data/'), 'refusing private address http://169.254.169.254/latest/meta-data/ (169.254.169.254)');
    assert.equal(refusal('http://0x7f.1/'), 'refusing private address http://127.0.0.1/ (127.0.0.1)');
    assert.equal(refusal('http://[fd00::2]/'), 'refusing private address http://[fd00::2]/ (fd00::2)');
    for (const url of ['http://8.8.8.8/', 'http://[2400:cb00::1]/', 'http://www.gov.cn/', 'http://fd00.example.cn/', 'http://fe80.gov.cn/']) assert.equal(refusal(url), undefined, url);
  });

  /** publicOnlyLookup's answer to `hostname` when the resolver answers `addresses` (or fails). */
  const lookupWith = (answer: LookupAddress[] | NodeJS.ErrnoException, all: boolean) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: unknown; family?: number }>((resolve) => {
      const resolver: ResolveAll = (_name, options, callback) => {
        assert.equal(options.all, true, 'the resolver is asked for every address');
        if (answer instanceof Error) callback(answer, []);
        else callback(null, answer);
      };
      publicOnlyLookup('www.gov.example', { all }, (err, address, family) => resolve({ err, address, family }), resolver);
    });

  it('refuses a DNS answer that mixes a public and a private address, or has none; passes public ones and errors through', async () => {
    const v4 = (address: string): LookupAddress => ({ address, family: 4 });
    for (const answer of [[v4('203.0.113.7'), v4('10.0.0.5')], [v4('10.0.0.5'), v4('203.0.113.7')], [{ address: '::ffff:7f00:1', family: 6 }], []]) {
      const { err, address } = await lookupWith(answer, false);
      assert.equal(err?.code, 'EPRIVATEADDRESS', JSON.stringify(answer));
      assert.deepEqual(address, []);
    }
    const both = [v4('203.0.113.7'), { address: '2400:cb00::1', family: 6 }];
    assert.deepEqual(await lookupWith(both, false), { err: null, address: '203.0.113.7', family: 4 });
    assert.deepEqual(await lookupWith(both, true), { err: null, address: both, family: undefined });
    const notFound: NodeJS.ErrnoException = Object.assign(new Error('getaddrinfo ENOTFOUND www.gov.example'), { code: 'ENOTFOUND' });
    const failed = await lookupWith(notFound, false);
    assert.equal(failed.err, notFound);
  });

  it('refuses a name the system resolver answers with loopback (a real lookup of localhost)', async () => {
    const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => publicOnlyLookup('localhost', {}, (e) => resolve(e)));
    assert.equal(err?.code, 'EPRIVATEADDRESS');
  });

  // A redirect is refused only when the site itself was allowed, so the site must be on an address the guard
  // reads as public: this machine's own non-loopback address, when it has one (test machines often do not).
  const publicHere = Object.values(networkInterfaces()).flat().find((i) => i && !i.internal && i.family === 'IPv4' && !isPrivateAddress(i.address))?.address;
  it('refuses a redirect from a public site to a private literal, and fetches nothing there', { skip: publicHere ? false : 'no public address on this machine' }, async (t) => {
    const inner = await site(t, { '/secret': (_, res) => text(res, 'internal') });
    const port = inner.host.split(':')[1];
    const targets = [`${inner.base}/secret`, `http://[::ffff:7f00:1]:${port}/secret`, `http://[::ffff:127.0.0.1]:${port}/secret`, `http://[::1]:${port}/secret`, 'http://169.254.169.254/latest/meta-data/'];
    const outer = await site(t, Object.fromEntries(targets.map((target, i) => [`/r${i}`, ((_, res) => html(res, '', { location: target }, 302)) as Route])), publicHere);
    const fetcher = new LiveFetcher(fetcherOptions());
    for (let i = 0; i < targets.length; i++) {
      await assert.rejects(fetcher.fetch(`${outer.base}/r${i}`, { allowPrivate: false, robots: 'ignore' }), (err: UserError) => /^refusing private address /.test(err.en), targets[i]);
    }
    assert.equal(outer.hits(`/r${targets.length - 1}`), 1, 'the public site was asked');
    assert.equal(inner.log.length, 0, 'nothing reached the private address');
  });
});

describe('robots.txt', () => {
  const response = (status: number, body = ''): FetchedResponse => ({ url: 'https://www.gov.example/robots.txt', status, headers: {}, body: Buffer.from(body), fetchedAt: '2026-06-18T00:00:00.000Z' });
  const rulesOf = (status: number, body = '', userAgent = 'xinzhi/0.1 (daily policy brief)') => robotsRules('https://www.gov.example/robots.txt', response(status, body), userAgent);
  const page = 'https://www.gov.example/zwgk/a.html';

  it('reads a server error or no answer as disallow-all, and a 4xx as allow-all (RFC 9309)', () => {
    for (const status of [500, 503, 599]) assert.equal(rulesOf(status, 'User-agent: *\nAllow: /\n').isAllowed(page), false, `HTTP ${status}`);
    assert.equal(robotsRules('https://www.gov.example/robots.txt', undefined, 'xinzhi').isAllowed(page), false, 'unreachable');
    for (const status of [400, 401, 403, 404, 410, 499]) assert.equal(rulesOf(status, 'User-agent: *\nDisallow: /\n').isAllowed(page), true, `HTTP ${status}`);
    // Rules come only from a 200: a redirect's body is not the robots.txt.
    assert.equal(rulesOf(301, 'User-agent: *\nDisallow: /\n').isAllowed(page), true);
    for (const status of [301, 404, 503]) assert.equal(rulesOf(status, 'User-agent: *\nCrawl-delay: 5\n').crawlDelayMs(), undefined);
  });

  it('matches groups on the User-Agent\'s product token, and reads Crawl-delay in milliseconds', () => {
    const robots = 'User-agent: *\nDisallow: /\n\nUser-agent: xinzhi\nDisallow: /private/\nCrawl-delay: 2.5\n';
    for (const userAgent of ['xinzhi/0.1 (daily policy brief; contact: ops)', 'xinzhi (policy brief crawler)', 'xinzhi']) {
      const rules = rulesOf(200, robots, userAgent);
      assert.equal(rules.isAllowed(page), true, userAgent);
      assert.equal(rules.isAllowed('https://www.gov.example/private/b.html'), false, userAgent);
      assert.equal(rules.crawlDelayMs(), 2500, userAgent);
    }
    const other = rulesOf(200, robots, 'otherbot/2.0');
    assert.equal(other.isAllowed(page), false);
    assert.equal(rulesOf(200, 'User-agent: *\nDisallow: /private/\n').crawlDelayMs(), undefined);
  });

  it('is fetched for the site and for every redirect target: 5xx keeps the crawler out, 4xx lets it in', async (t) => {
    const down = await site(t, { '/robots.txt': (_, res) => text(res, 'busy', 503), '/a.html': (_, res) => html(res, 'a') });
    const none = await site(t, { '/a.html': (_, res) => html(res, 'a') });
    const closed = await site(t, { '/robots.txt': (_, res) => text(res, 'User-agent: xinzhi\nDisallow: /\n'), '/a.html': (_, res) => html(res, 'a') });
    const mover = await site(t, { '/go': (_, res) => html(res, '', { location: `${closed.base}/a.html` }, 301) });
    const fetcher = new LiveFetcher(fetcherOptions({ userAgent: 'xinzhi/0.1 (test)', retries: 0 }));
    // Staying out on a 5xx is not the site's rules: the refusal says what robots.txt answered.
    await assert.rejects(fetcher.fetch(`${down.base}/a.html`, obey), (err: UserError) => err.en === `robots.txt could not be fetched (HTTP 503): ${down.base}/robots.txt; not fetching ${down.base}/a.html for now per RFC 9309`);
    assert.equal(down.hits('/a.html'), 0);
    assert.equal((await fetcher.fetch(`${none.base}/a.html`, obey)).status, 200);
    await assert.rejects(fetcher.fetch(`${mover.base}/go`, obey), (err: UserError) => err.en === `robots.txt disallows ${closed.base}/a.html`);
    assert.equal(closed.hits('/robots.txt'), 1);
    assert.equal(closed.hits('/a.html'), 0, 'the redirect target\'s robots.txt was obeyed');
  });
});

describe('retries', () => {
  it('retries 408, 429 and 5xx, never another 4xx or a success', () => {
    assert.deepEqual([408, 429, 500, 502, 503, 504, 599].filter((s) => !isRetryableStatus(s)), []);
    assert.deepEqual([200, 304, 400, 404, 407, 409, 428, 430, 499].filter((s) => isRetryableStatus(s)), []);
  });

  it('waits as Retry-After says, in seconds or as an HTTP date, up to a minute; else backs off with jitter', () => {
    const now = Date.parse('2026-06-18T10:00:00Z');
    const half = () => 0.5;
    assert.equal(retryDelayMs(0, 100, '7', half, now), 7000);
    assert.equal(retryDelayMs(0, 100, '0', half, now), 0);
    assert.equal(retryDelayMs(0, 100, '600', half, now), 60_000);
    assert.equal(retryDelayMs(0, 100, 'Thu, 18 Jun 2026 10:00:30 GMT', half, now), 30_000);
    assert.equal(retryDelayMs(0, 100, 'Thu, 18 Jun 2026 10:00:00 GMT', half, now), 0);
    assert.equal(retryDelayMs(0, 100, 'Thu, 18 Jun 2026 11:00:00 GMT', half, now), 60_000);
    // A date already past, a negative number or nonsense: the usual backoff.
    for (const bad of ['Thu, 18 Jun 2026 09:59:00 GMT', '-5', 'soon', '']) assert.equal(retryDelayMs(2, 100, bad, half, now), 200, bad);
    assert.equal(retryDelayMs(0, 100, undefined, half, now), 50);
    assert.equal(retryDelayMs(3, 100, undefined, half, now), 400);
    assert.equal(retryDelayMs(1, 10, undefined, () => 0.33, now), 7, 'rounded to whole milliseconds');
    assert.equal(retryDelayMs(30, 100, undefined, () => 1, now), 60_000);
    assert.equal(retryDelayMs(30, 100, undefined, () => 0, now), 0);
    // The HTTP date is read against the clock when none is given.
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    assert.equal(retryDelayMs(0, 100, inTwoMinutes, half), 60_000);
  });

  it('asks again after a 408, and after a Retry-After given as an HTTP date', async (t) => {
    let timeouts = 0;
    let busy = 0;
    const host = await site(t, {
      '/408': (_, res) => (++timeouts === 1 ? text(res, 'request timeout', 408) : text(res, 'ok')),
      // HTTP dates have whole seconds, so two seconds ahead is a wait of more than one.
      '/date': (_, res) => (++busy === 1 ? html(res, 'busy', { 'retry-after': new Date(Date.now() + 2000).toUTCString() }, 503) : text(res, 'ok')),
    });
    const fetcher = new LiveFetcher(fetcherOptions({ retries: 1, retryBaseMs: 1 }));
    assert.equal((await fetcher.fetch(`${host.base}/408`, { allowPrivate: true, robots: 'ignore' })).status, 200);
    assert.equal(host.hits('/408'), 2);
    assert.equal((await fetcher.fetch(`${host.base}/date`, { allowPrivate: true, robots: 'ignore' })).status, 200);
    const [first, second] = host.log.filter((l) => l.path === '/date');
    assert.ok(second!.start - first!.start >= 950, `asked again after ${Math.round(second!.start - first!.start)} ms`);
  });
});

describe('politeness', () => {
  const gate = (perHost: number, global: number, delayMs: (host: string) => number = () => 0) => new HostGate({ perHost, global, delayMs });
  /** Resolves to whether `promise` settled within `ms`. */
  const settlesWithin = (promise: Promise<unknown>, ms: number) => Promise.race([promise.then(() => true), sleep(ms).then(() => false)]);

  it('holds a host to its request limit, and releasing twice frees one slot', async () => {
    const one = gate(1, 10);
    const first = await one.acquire('a');
    const second = one.acquire('a');
    assert.equal(await settlesWithin(second, 30), false, 'a second request to the host waited');
    assert.equal(await settlesWithin(one.acquire('b'), 30), true, 'another host did not');
    first();
    first();
    assert.equal(await settlesWithin(second, 30), true);
    assert.equal(await settlesWithin(one.acquire('a'), 30), false, 'a double release let two requests in');
    const two = gate(2, 10);
    await two.acquire('a');
    await two.acquire('a');
    assert.equal(await settlesWithin(two.acquire('a'), 30), false, 'a third request waited with perHost 2');
  });

  it('holds all hosts to the global limit, and a host waiting out its delay holds no global slot', async () => {
    const g = gate(1, 2, (host) => (host === 'slow' ? 300 : 0));
    const a = await g.acquire('a');
    await g.acquire('b');
    const c = g.acquire('c');
    assert.equal(await settlesWithin(c, 30), false, 'a third request waited with global 2');
    a();
    assert.equal(await settlesWithin(c, 30), true);
    const spaced = gate(1, 1, (host) => (host === 'slow' ? 300 : 0));
    (await spaced.acquire('slow'))();
    const slowAgain = spaced.acquire('slow');
    assert.equal(await settlesWithin(spaced.acquire('fast'), 100), true, 'the slow host\'s wait held the only slot');
    assert.equal(await settlesWithin(slowAgain, 30), false);
  });

  it('spaces a host\'s requests by its delay from the previous start and from its end, and after pushBack', async () => {
    const delays = new Map([['a', 60], ['b', 0]]);
    const g = gate(1, 10, (host) => delays.get(host)!);
    const firstStart = performance.now();
    const first = await g.acquire('a');
    const second = g.acquire('a').then(() => performance.now());
    await sleep(100);
    first();
    const firstEnd = performance.now();
    const secondStart = await second;
    assert.ok(secondStart - firstStart >= 59, 'spaced from the start');
    assert.ok(secondStart - firstEnd >= 59, `spaced from the end: ${Math.round(secondStart - firstEnd)} ms`);
    // With two requests allowed in flight, the second still starts a delay after the first started.
    const pair = gate(2, 10, () => 60);
    const pairStart = performance.now();
    await pair.acquire('a');
    await pair.acquire('a');
    assert.ok(performance.now() - pairStart >= 59, 'spaced from the start with perHost 2');
    // A host with no delay is not held up; pushBack and started() push its next start out by its delay.
    const b0 = performance.now();
    (await g.acquire('b'))();
    assert.ok(performance.now() - b0 < 30);
    delays.set('b', 80);
    g.pushBack('b');
    const pushed = performance.now();
    (await g.acquire('b'))();
    assert.ok(performance.now() - pushed >= 79, 'waited after pushBack');
    // started() counts from the send, which can come well after the grant: the last spacing has run out here.
    await sleep(100);
    g.started('b');
    const marked = performance.now();
    (await g.acquire('b'))();
    assert.ok(performance.now() - marked >= 79, 'waited after started');
  });

  it('keeps a host\'s spacing when its second request also waited for a global slot', async () => {
    const g = gate(2, 1, () => 50);
    const first = await g.acquire('a');
    const second = g.acquire('a').then(() => performance.now());
    await sleep(100);
    first();
    const firstEnd = performance.now();
    assert.ok((await second) - firstEnd >= 49, 'a request that got the global slot started inside the host\'s delay');
  });

  it('holds the crawl to the global limit across hosts, and a source\'s own hostDelayMs for its host', async (t) => {
    const slowly: Route = async (_, res) => { await sleep(40); text(res, 'ok'); };
    const hosts = await Promise.all([0, 1, 2].map(() => site(t, { '/a': slowly, '/b': slowly })));
    // The source's entry point names its host; the other two hosts keep the config's 0 ms.
    const crawl = configSchema.shape.crawl.parse({});
    const sources = [testSource('spaced', [{ type: 'list', url: `${hosts[0]!.base}/list/` }], { hostDelayMs: 150 })];
    const fetcher = liveFetcherFromConfig({ ...crawl, hostDelayMs: 0, concurrency: 1, retries: 0 }, sources);
    const ignore = { allowPrivate: true, robots: 'ignore' } as const;
    await Promise.all(hosts.flatMap((h) => [fetcher.fetch(`${h.base}/a`, ignore), fetcher.fetch(`${h.base}/b`, ignore)]));
    const all = hosts.flatMap((h) => h.log).sort((x, y) => x.start - y.start);
    for (let i = 1; i < all.length; i++) assert.ok(all[i]!.start >= all[i - 1]!.end - 1, 'two requests were in flight with concurrency 1');
    const [a, b] = hosts[0]!.log;
    assert.ok(b!.start - a!.end >= 140, `the source's 150 ms spacing: ${Math.round(b!.start - a!.end)} ms`);
  });
});
