// `sources check` names what it found at each entry point (issue 14): one finding per entry, from a real
// server on loopback for every case, so each test fails when the rule it pins is broken.
import assert from 'node:assert/strict';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { detectChallenge } from '../src/crawl/challenge.ts';
import { classifyNetworkError } from '../src/crawl/http.ts';
import { LiveFetcher } from '../src/crawl/live.ts';
import { findingLabel } from '../src/cli/sources.ts';
import { checkCrawlSettings, checkSource, countFindings, type EntryCheck } from '../src/pipeline/sourceCheck.ts';
import { pageLook } from '../src/sources/pageLook.ts';
import { configSchema } from '../src/config/schema.ts';
import { runCli, tempDir } from './helpers.ts';
import { selfSignedCertificate } from './selfSigned.ts';
import { configWithCatalog, fetcherOptions, html, listPage, siteFor, tcpServer, testSource, type Route } from './sites.ts';

const site = siteFor;

const list = listPage([{ href: '/a/t20260618_1.html', title: '测试市人工智能政策文件发布', date: '2026-06-18' }, { href: '/a/t20260617_2.html', title: '测试市数据要素政策文件发布', date: '2026-06-17' }]);
const robotsOpen = (_: unknown, res: Parameters<Route>[1]) => html(res, 'User-agent: *\nAllow: /\n', { 'content-type': 'text/plain' });

/** The check of one entry at `url`, through a fresh live fetcher (no retries unless asked). */
async function checkOne(url: string, extra: Record<string, unknown> = {}, options: Parameters<typeof fetcherOptions>[0] = {}): Promise<EntryCheck> {
  const fetcher = new LiveFetcher(fetcherOptions({ retries: 0, ...options }));
  const result = await checkSource(testSource('s', [{ type: 'list', url }], extra), fetcher);
  assert.equal(result.entries.length, 1);
  assert.equal(result.finding, result.entries[0]!.finding, 'a one-entry source takes its entry\'s finding');
  assert.equal(result.ok, result.finding === 'ok');
  return result.entries[0]!;
}

describe('sources check: findings', () => {
  it('ok: dated links, their count and the newest date', async (t) => {
    const s = await site(t, { '/robots.txt': robotsOpen, '/list/': (_, res) => html(res, list) });
    const check = await checkOne(`${s.base}/list/`);
    assert.deepEqual([check.finding, check.status, check.datedLinks, check.newest, check.code, check.failedAt], ['ok', 200, 2, '2026-06-18T00:00:00+08:00', null, null]);
    assert.equal(check.detail, '带日期链接 2 条，最新 2026-06-18');
  });

  it('http: an error status, with the status', async (t) => {
    const s = await site(t, { '/robots.txt': robotsOpen, '/gone/': (_, res) => html(res, '<html><body><h1>您访问的页面不存在</h1></body></html>', {}, 403) });
    const missing = await checkOne(`${s.base}/list/`);
    assert.deepEqual([missing.finding, missing.status], ['http', 404]);
    assert.equal(missing.detail, `HTTP 404：${s.base}/list/`);
    const forbidden = await checkOne(`${s.base}/gone/`);
    assert.deepEqual([forbidden.finding, forbidden.status], ['http', 403]);
  });

  it('challenge: a 瑞数 page answered 412, and a tiny page whose script sets a cookie and reloads, answered 200', async (t) => {
    const rivers = `<html><head><meta id="9DhefwqGPrzGxEp9hPaoag" content="YmxhaA" r="m"><script r="m">$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=52206;$_ts.cd="qtJDrpAltcLq";</script><script src="/4QbVtADbnLVIc/c.FxJzG50F.js" r="m"></script></head><body></body></html>`;
    const cookie = `<html><body><script>var x="8f3a";document.cookie="__check="+x+";path=/";location.href=location.pathname+location.search;</script></body></html>`;
    const s = await site(t, { '/robots.txt': robotsOpen, '/rs/': (_, res) => html(res, rivers, {}, 412), '/ck/': (_, res) => html(res, cookie) });
    const rs = await checkOne(`${s.base}/rs/`);
    assert.deepEqual([rs.finding, rs.challenge, rs.status], ['challenge', 'rivers', 412]);
    assert.match(rs.detail, /^JavaScript 校验页（瑞数/);
    const ck = await checkOne(`${s.base}/ck/`);
    assert.deepEqual([ck.finding, ck.challenge, ck.status], ['challenge', 'cookie-script', 200]);
  });

  it('empty: 200 and no article links, saying the page is built by a script that fetches its list', async (t) => {
    const scripted = `<html><body><ul id="list"></ul><script>$.ajax({ url: "/api/list.json", dataType: "json", success: function (d) { render(d); } });</script></body></html>`;
    const s = await site(t, { '/robots.txt': robotsOpen, '/js/': (_, res) => html(res, scripted), '/plain/': (_, res) => html(res, '<html><body><p>栏目建设中</p></body></html>') });
    const js = await checkOne(`${s.base}/js/`);
    assert.deepEqual([js.finding, js.looks, js.status, js.links], ['empty', 'script-built', 200, 0]);
    assert.match(js.detail, /页面由脚本请求数据生成/);
    const plain = await checkOne(`${s.base}/plain/`);
    assert.deepEqual([plain.finding, plain.looks], ['empty', 'static']);
  });

  it('disallowed: only when robots.txt was read and excludes the entry', async (t) => {
    const s = await site(t, { '/robots.txt': (_, res) => html(res, 'User-agent: *\nDisallow: /list/\n', { 'content-type': 'text/plain' }), '/list/': (_, res) => html(res, list) });
    const check = await checkOne(`${s.base}/list/`);
    assert.deepEqual([check.finding, check.failedAt], ['disallowed', null]);
    assert.equal(check.detail, `robots.txt 不允许抓取 ${s.base}/list/`);
    assert.equal(s.hits('/list/'), 0);
    // robots: ignore (the operator has the site's permission) reads it.
    assert.equal((await checkOne(`${s.base}/list/`, { robots: 'ignore' })).finding, 'ok');
  });

  it('a robots.txt answering 5xx is an http finding on robots.txt, not "disallowed"; a 404 robots.txt allows all', async (t) => {
    const busy = await site(t, { '/robots.txt': (_, res) => html(res, 'busy', {}, 503), '/list/': (_, res) => html(res, list) });
    const check = await checkOne(`${busy.base}/list/`);
    assert.deepEqual([check.finding, check.status, check.failedAt], ['http', 503, `${busy.base}/robots.txt`]);
    assert.match(check.detail, /^robots\.txt 返回 HTTP 503/);
    const none = await site(t, { '/list/': (_, res) => html(res, list) });
    assert.equal((await checkOne(`${none.base}/list/`)).finding, 'ok');
  });

  it('dns: a name that does not resolve (.invalid), at robots.txt, is a dns finding and never blamed on robots.txt', async () => {
    const check = await checkOne('http://xinzhi-check.invalid/list/', { allowPrivate: false });
    assert.equal(check.finding, 'dns');
    assert.ok(check.code === 'ENOTFOUND' || check.code === 'EAI_AGAIN', String(check.code));
    assert.equal(check.failedAt, 'http://xinzhi-check.invalid/robots.txt');
    assert.equal(check.detail, `域名无法解析：xinzhi-check.invalid（${check.code}，读取 robots.txt 时）`);
    const ignored = await checkOne('http://xinzhi-check.invalid/list/', { allowPrivate: false, robots: 'ignore' });
    assert.deepEqual([ignored.finding, ignored.failedAt], ['dns', null]);
  });

  it('private: a private address is a finding of its own, naming the address; a name resolving to one, at robots.txt, too', async (t) => {
    const s = await site(t, { '/robots.txt': robotsOpen, '/list/': (_, res) => html(res, list) });
    const literal = await checkOne(`${s.base}/list/`, { allowPrivate: false });
    assert.deepEqual([literal.finding, literal.address, literal.status, literal.failedAt], ['private', '127.0.0.1', null, null]);
    // The operator reads this line, and can set the key it names.
    assert.equal(literal.detail, `拒绝访问私有地址 ${s.base}/list/（127.0.0.1）；本机或内网的测试站点请在该来源上设置 allowPrivate: true`);
    const named = await checkOne(`http://localhost:${s.host.split(':')[1]}/list/`, { allowPrivate: false });
    assert.deepEqual([named.finding, named.address, named.failedAt], ['private', undefined, `http://localhost:${s.host.split(':')[1]}/robots.txt`]);
    assert.equal(s.log.length, 0, 'the site is never asked');
    assert.deepEqual(countFindings([{ sourceId: 's', name: 's', ok: false, finding: 'private', entries: [literal] }]), { private: 1 });
  });

  it('tls: https:// to a server speaking plain HTTP, and the same address over http:// is tried and reported', async (t) => {
    const s = await site(t, { '/robots.txt': robotsOpen, '/list/': (_, res) => html(res, list) });
    const url = `https://${s.host}/list/`;
    const check = await checkOne(url);
    assert.deepEqual([check.finding, check.code, check.failedAt], ['tls', 'ERR_SSL_WRONG_VERSION_NUMBER', `https://${s.host}/robots.txt`]);
    assert.deepEqual(check.plainHttp, { url: `${s.base}/list/`, finding: 'ok', status: 200, datedLinks: 2 });
    assert.match(check.detail, new RegExp(`；改用 ${s.base}/list/ 可读到带日期链接 2 条$`));
  });

  it('tls: a self-signed certificate', async (t) => {
    const server = createHttpsServer(selfSignedCertificate(), (_, res) => html(res, list));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }));
    const check = await checkOne(`https://127.0.0.1:${(server.address() as AddressInfo).port}/list/`, { robots: 'ignore' });
    assert.deepEqual([check.finding, check.code], ['tls', 'DEPTH_ZERO_SELF_SIGNED_CERT']);
  });

  it('tls: a server that hangs up during the handshake; over http:// the same hang-up is a connect finding', async (t) => {
    const port = await tcpServer(t, (socket) => socket.destroy());
    const tls = await checkOne(`https://127.0.0.1:${port}/list/`, { robots: 'ignore' });
    assert.deepEqual([tls.finding, tls.code], ['tls', 'ECONNRESET']);
    assert.equal(tls.plainHttp?.finding, 'connect');
    const plain = await checkOne(`http://127.0.0.1:${port}/list/`, { robots: 'ignore' });
    assert.equal(plain.finding, 'connect');
    assert.equal(plain.plainHttp, undefined);
  });

  it('connect: refused; timeout: no answer in time', async (t) => {
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await checkOne(`http://127.0.0.1:${port}/list/`);
    assert.deepEqual([refused.finding, refused.code, refused.failedAt], ['connect', 'ECONNREFUSED', `http://127.0.0.1:${port}/robots.txt`]);
    const silent = await tcpServer(t, () => {});
    const slow = await checkOne(`http://127.0.0.1:${silent}/list/`, { robots: 'ignore' }, { timeoutMs: 200 });
    assert.deepEqual([slow.finding, slow.code], ['timeout', 'UND_ERR_HEADERS_TIMEOUT']);
    assert.match(slow.detail, /^超时：/);
  });

  it('a source takes the finding of its first entry that is not ok, and the summary counts sources per finding', async (t) => {
    const s = await site(t, { '/robots.txt': robotsOpen, '/list/': (_, res) => html(res, list) });
    const fetcher = new LiveFetcher(fetcherOptions({ retries: 0 }));
    const mixed = await checkSource(testSource('mixed', [{ type: 'list', url: `${s.base}/list/` }, { type: 'list', url: `${s.base}/nothing/` }, { type: 'list', url: 'http://xinzhi-check.invalid/' }]), fetcher);
    assert.deepEqual(mixed.entries.map((e) => e.finding), ['ok', 'http', 'dns']);
    assert.deepEqual([mixed.ok, mixed.finding], [false, 'http']);
    const good = await checkSource(testSource('good', [{ type: 'list', url: `${s.base}/list/` }]), fetcher);
    assert.deepEqual(countFindings([mixed, good, { ...mixed }]), { ok: 1, http: 2 });
  });

  it('details follow the language', async (t) => {
    const s = await site(t, { '/robots.txt': robotsOpen, '/list/': (_, res) => html(res, list) });
    const check = await checkSource(testSource('s', [{ type: 'list', url: `${s.base}/list/` }]), new LiveFetcher(fetcherOptions()), 'en');
    assert.equal(check.entries[0]!.detail, '2 dated links, newest 2026-06-18');
  });

  it('runs with short timeouts, one retry and no breaker, whatever the crawl settings', () => {
    const crawl = configSchema.parse({ brief: { title: 't', topicName: 't', publisher: 'p', footer: {} } }).crawl;
    const settings = checkCrawlSettings({ ...crawl, timeoutMs: 60_000, retries: 5, retryBaseMs: 4000, breakerThreshold: 3 });
    assert.deepEqual([settings.timeoutMs, settings.retries, settings.retryBaseMs, settings.breakerThreshold, settings.hostDelayMs], [10_000, 1, 500, Number.MAX_SAFE_INTEGER, crawl.hostDelayMs]);
    const gentle = checkCrawlSettings({ ...crawl, timeoutMs: 2000, retries: 0, retryBaseMs: 100 });
    assert.deepEqual([gentle.timeoutMs, gentle.retries, gentle.retryBaseMs], [2000, 0, 100]);
  });
});

describe('sources check: challenge pages and page looks', () => {
  const none = {};
  it('recognises the services by the marks their scripts need', () => {
    const cases: [string, number, string][] = [
      ['rivers', 200, `<script>$_ts=window['$_ts'];if(!$_ts)$_ts={};</script>`],
      ['rivers', 202, `<meta id="9DhefwqGPrzGxEp9hPaoag" content="x">`],
      ['jiasule', 521, `<script>document.cookie=('__jsl_clearance_s=1718=0|abc');location.href=location.pathname</script>`],
      ['aliyun-waf', 200, `<html><script>var arg1='3F5E1A9C0B7D2E4F6A8C0E2B4D6F8A0C2E4B6D8F';</script></html>`],
      ['wzws', 200, `<script>var wzwschallenge="abc";</script>`],
      ['yunsuo', 200, `<script>setCookie("security_verify_data","1920,1080");</script>`],
    ];
    for (const [form, status, body] of cases) assert.equal(detectChallenge(status, none, body)?.form, form, body);
    assert.equal(detectChallenge(403, { 'cf-mitigated': 'challenge' }, '<html></html>')?.form, 'cloudflare');
  });

  it('takes the generic forms only on a page with almost no text', () => {
    const obfuscated = `<script>document.cookie=('_')+('_')+('j')+('s')+('l')+'=1';location.href=location.pathname+location.search</script>`;
    assert.equal(detectChallenge(521, none, obfuscated)?.form, 'cookie-script');
    assert.equal(detectChallenge(412, none, '<html><script src="/x.js"></script><script>go()</script></html>')?.form, 'script-status');
    assert.equal(detectChallenge(200, none, '<html><body><p>请开启JavaScript并刷新该页</p></body></html>')?.form, 'enable-js');
    const text = '<p>' + '本站发布政策文件和通知公告。'.repeat(30) + '</p>';
    assert.equal(detectChallenge(200, none, `<html><body>${text}${obfuscated}</body></html>`), null, 'a page with text that sets a cookie is a page');
    assert.equal(detectChallenge(412, none, `<html><body>${text}<script>go()</script></body></html>`), null);
    assert.equal(detectChallenge(404, none, '<html><body>页面不存在</body></html>'), null, 'an error page without a script is an error status');
    assert.equal(detectChallenge(200, none, '<html><body><script>document.cookie="a=1"</script></body></html>'), null, 'setting a cookie without moving on is no check');
    // An application shell says "enable JavaScript" in <noscript> and answers 200: built by script, not a check.
    const shell = `<html><body><noscript>请开启JavaScript以正常使用本站</noscript><div id="app"></div><script src="/js/app.js"></script></body></html>`;
    assert.equal(detectChallenge(200, none, shell), null);
    assert.equal(detectChallenge(403, none, shell)?.form, 'enable-js');
    assert.equal(pageLook(shell), 'script-built');
  });

  it('a page that lists its dated links is ok, even with a service\'s script beside them', async (t) => {
    const s = await site(t, { '/robots.txt': robotsOpen, '/list/': (_, res) => html(res, list.replace('</body>', `<script>$_ts=window['$_ts'];$_ts.cd="x";</script></body>`)) });
    assert.equal((await checkOne(`${s.base}/list/`)).finding, 'ok');
  });

  it('says when an empty page is a Hanweb datastore or buildstatic page', () => {
    const datastore = `<html><body><div id="div1"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/col/col1/index.html?uid=1&pageNum=2">下一页</a>]]></nextgroup><recordset><record><![CDATA[<li><a href="/art/2026/6/18/art_1_1.html">测试市人工智能政策文件发布</a><span>2026-06-18</span></li>]]></record></recordset></datastore></script></div></body></html>`;
    assert.equal(pageLook(datastore), 'hanweb-datastore');
    const buildstatic = `<html><body><div class="list"><script parseType="buildstatic" url="/api-gateway/jpaas-publish-server/front/page/build/unit" querydata="{'webId':'1','pageId':'2'}"></script></div></body></html>`;
    assert.equal(pageLook(buildstatic), 'hanweb-buildstatic');
    assert.equal(pageLook('<html><body><script>fetch("/api/list").then((r) => r.json())</script></body></html>'), 'script-built');
    assert.equal(pageLook('<html><body><script>var x = new XMLHttpRequest();</script></body></html>'), 'script-built');
    assert.equal(pageLook('<html><body><div id="app"><p>正文</p></div><script src="/js/app.js"></script></body></html>'), 'static');
    assert.equal(pageLook('<html><body><p>栏目建设中</p><script>var year = 2026;</script></body></html>'), 'static');
  });

  it('classifies network errors by their codes', () => {
    const coded = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error('whatever the message says'), { code, ...extra });
    const kinds = (codes: string[]) => codes.map((code) => classifyNetworkError(coded(code)).kind);
    assert.deepEqual(kinds(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL']), ['dns', 'dns', 'dns']);
    assert.deepEqual(kinds(['CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_SSL_UNSAFE_LEGACY_RENEGOTIATION_DISABLED', 'EPROTO']), ['tls', 'tls', 'tls', 'tls', 'tls']);
    assert.deepEqual(kinds(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']), ['timeout', 'timeout', 'timeout', 'timeout']);
    assert.deepEqual(kinds(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'UND_ERR_SOCKET']), ['connect', 'connect', 'connect', 'connect']);
    assert.equal(classifyNetworkError(coded('EWHATEVER', { syscall: 'getaddrinfo' })).kind, 'dns');
    assert.deepEqual(classifyNetworkError(new Error('getaddrinfo ENOTFOUND x')), { kind: 'connect', code: null }, 'the message is never read');
    const aggregate = Object.assign(new AggregateError([new Error('no code'), coded('ECONNREFUSED')], 'all failed'), {});
    assert.deepEqual(classifyNetworkError(aggregate), { kind: 'connect', code: 'ECONNREFUSED' });
    assert.deepEqual(classifyNetworkError(new AggregateError([coded('ETIMEDOUT')], 'all failed')), { kind: 'timeout', code: 'ETIMEDOUT' });
  });
});

describe('sources check: the command', () => {
  it('prints a finding per entry and a summary, in --json and in Chinese or English, and exits 1 when a source is not ok', async (t) => {
    const s = await site(t, { '/robots.txt': robotsOpen, '/list/': (_, res) => html(res, list) });
    const dir = tempDir();
    const source = (id: string, url: string) => `- { id: ${id}, name: ${id}机构, tier: municipal, region: 测试市, homepage: "${s.base}/", allowPrivate: true, entries: [{ type: list, url: "${url}" }] }\n`;
    const config = configWithCatalog(dir, source('up', `${s.base}/list/`) + source('gone', `${s.base}/gone/`) + source('nowhere', 'http://xinzhi-check.invalid/list/'));
    const json = await runCli(['sources', 'check', '--config', config, '--json']);
    assert.equal(json.code, 1);
    assert.match(json.stderr, /2 个来源未通过检查/);
    const lines = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as { sourceId?: string; finding?: string; entries?: EntryCheck[]; summary?: unknown });
    assert.deepEqual(lines.slice(0, 3).map((l) => [l.sourceId, l.finding, l.entries?.[0]?.finding]), [['up', 'ok', 'ok'], ['gone', 'http', 'http'], ['nowhere', 'dns', 'dns']]);
    assert.deepEqual(lines[3], { summary: { sources: 3, findings: { ok: 1, http: 1, dns: 1 } } });
    const human = await runCli(['sources', 'check', '--config', config]);
    assert.match(human.stdout, /^✗ nowhere nowhere机构 {2}\[域名无法解析 dns\]$/m);
    assert.match(human.stdout, /^ {4}http:\/\/xinzhi-check\.invalid\/list\/ {2}dns {2}域名无法解析：xinzhi-check\.invalid（/m);
    assert.match(human.stdout, /^汇总：3 个来源，正常 ok 1，域名无法解析 dns 1，HTTP 错误 http 1$/m);
    const english = await runCli(['sources', 'check', '--config', config, '--lang', 'en', '--source', 'nowhere']);
    assert.match(english.stdout, /DNS cannot resolve xinzhi-check\.invalid \((ENOTFOUND|EAI_AGAIN), reading robots\.txt\)/);
    assert.match(english.stdout, /^summary: sources 1; DNS failure dns 1$/m);
    assert.match(english.stderr, /sources that failed the check: 1/);
    const fine = await runCli(['sources', 'check', '--config', config, '--source', 'up']);
    assert.equal(fine.code, 0, fine.stderr);
  });

  it('labels a finding by its words and its code, the code once when the words hold it', () => {
    assert.equal(findingLabel('dns', 'zh'), '域名无法解析 dns');
    assert.equal(findingLabel('private', 'zh'), '内网地址 private');
    assert.equal(findingLabel('private', 'en'), 'private address');
    assert.equal(findingLabel('dns', 'en'), 'DNS failure dns');
    assert.equal(findingLabel('error', 'en'), 'other error');
    assert.equal(findingLabel('error', 'zh'), '其他错误 error');
  });
});
