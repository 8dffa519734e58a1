import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { parseDocument } from 'yaml';
import type { Brief } from '../src/domain/brief.ts';
import { askChat } from '../src/brief/writers/llm/chat.ts';
import { LiveFetcher } from '../src/crawl/live.ts';
import { ReplayFetcher } from '../src/crawl/replay.ts';
import { WarcWriter } from '../src/crawl/warc.ts';
import { UserError } from '../src/util/errors.ts';
import { optionalSecret, readSecret, redactHeaders, redactSecrets } from '../src/util/secrets.ts';
import { repoRoot, runCli, tempDir } from './helpers.ts';
import { onPostgres, storeText } from './storeFor.ts';
import { articlePage, configWithCatalog, fetcherOptions, html, listPage, siteFor, type Route } from './sites.ts';

/** Every file under `dir`, its bytes, and for a .gz file its content too (a WARC's records are gzip members). */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    const bytes = readFileSync(path);
    return [{ path, bytes }, ...(name.endsWith('.gz') ? [{ path: `${path} (decompressed)`, bytes: gunzipSync(bytes) }] : [])];
  });
}

describe('redactSecrets', () => {
  it('removes the secrets it is given and those read from the environment, credentials in URLs and key-like query values', () => {
    const env = { XINZHI_TEST_ROBOT_SECRET: 'SEC-robot-0123456789' };
    assert.equal(readSecret('XINZHI_TEST_ROBOT_SECRET', 'publish.dingtalk', env), 'SEC-robot-0123456789');
    // Read once, removed from any line after, without being passed again.
    assert.equal(redactSecrets('signing with SEC-robot-0123456789 failed'), 'signing with [redacted] failed');
    assert.equal(redactSecrets('password hunter22 rejected', ['hunter22']), 'password [redacted] rejected');
    assert.equal(redactSecrets('请求失败 https://bot:pa55word@api.example.cn/send（ECONNRESET）'), '请求失败 https://[redacted]@api.example.cn/send（ECONNRESET）');
    const url = 'https://oapi.example.cn/robot/send?access_token=abc123&timestamp=1718&sign=Zm9vYmFy%2B&page=2&keyword=算力&api_key=k1&appKey=k2&token=t3#frag';
    assert.equal(redactSecrets(`HTTP 500：${url}`), 'HTTP 500：https://oapi.example.cn/robot/send?access_token=[redacted]&timestamp=1718&sign=[redacted]&page=2&keyword=算力&api_key=[redacted]&appKey=k2&token=[redacted]#frag');
    // Words that merely contain a credential's name stay: design=, monkey=, keyword=.
    assert.equal(redactSecrets('/search?design=a&monkey=b&keyword=c'), '/search?design=a&monkey=b&keyword=c');
    // A value too short to be a key is not hunted for everywhere.
    assert.equal(redactSecrets('a b c', ['b']), 'a b c');
  });

  it('reads a secret only from a named variable, and says which is missing', () => {
    assert.throws(() => readSecret('XINZHI_TEST_SMTP_PASSWORD', 'publish.email', {}), (err: UserError) =>
      err.message === '缺少环境变量 XINZHI_TEST_SMTP_PASSWORD（publish.email 的密钥只从环境变量读取）' && err.en === 'environment variable XINZHI_TEST_SMTP_PASSWORD is not set (the secret for publish.email is read from the environment only)');
    assert.equal(optionalSecret('XINZHI_TEST_NONE', { XINZHI_TEST_NONE: '' }), undefined);
  });

  it('redacts the request headers that carry credentials', () => {
    assert.deepEqual(redactHeaders({ authorization: 'Bearer t', cookie: 's=1', referer: 'https://a/', 'x-api-key': 'k', 'x-sign': 'v' }, ['x-sign']), { authorization: '[redacted]', cookie: '[redacted]', referer: 'https://a/', 'x-api-key': '[redacted]', 'x-sign': '[redacted]' });
  });
});

describe('a config that holds a secret itself', () => {
  it('is refused with the key and the environment variable to use, never the value, in either language', async () => {
    const dir = tempDir();
    cpSync(join(repoRoot, 'config'), join(dir, 'config'), { recursive: true });
    const file = join(dir, 'config', 'xinzhi.yaml');
    const doc = parseDocument(readFileSync(file, 'utf8'));
    doc.set('writer', { kind: 'llm', llm: { baseUrl: 'https://api.deepseek.com/v1', model: 'deepseek-chat', apiKeyEnv: 'XINZHI_DEEPSEEK_KEY', apiKey: 'sk-literal-0123456789' } });
    writeFileSync(file, doc.toString());
    const zh = await runCli(['sources', '--config', file]);
    assert.equal(zh.code, 1);
    assert.equal(zh.stderr, `xinzhi: 配置文件 ${file} 的键 writer.llm.apiKey 写入了密钥本身：密钥只从环境变量读取，请删去此键，把密钥放进环境变量 XINZHI_DEEPSEEK_KEY（由 writer.llm.apiKeyEnv 指定）\n`);
    assert.equal(zh.stdout, '');
    // Elsewhere in the config (a channel's password, say), the variable is to be named by <key>Env.
    doc.set('writer', { kind: 'extractive' });
    doc.set('publish', { email: { host: 'smtp.example.cn', password: 'hunter2-literal' } });
    writeFileSync(file, doc.toString());
    const en = await runCli(['sources', '--config', file, '--lang', 'en']);
    assert.equal(en.code, 1);
    assert.equal(en.stderr, `xinzhi: config file ${file}: key publish.email.password holds a secret itself; secrets are read from the environment only: remove the key, put the secret in an environment variable and name it in publish.email.passwordEnv\n`);
    for (const out of [zh, en]) assert.doesNotMatch(out.stderr + out.stdout, /sk-literal|hunter2-literal/);
  });
});

describe('the archive keeps no credential a request carried', () => {
  it('redacts Authorization and Cookie in request records, and a replay still finds the POST by its body', async (t) => {
    const seen: IncomingMessage['headers'][] = [];
    const s = await siteFor(t, {
      '/robots.txt': (_, res) => html(res, '', {}, 404),
      '/api/list': (req, res) => {
        seen.push(req.headers);
        req.resume();
        req.on('end', () => html(res, '{"items":[]}', { 'content-type': 'application/json' }));
      },
    });
    const dir = tempDir();
    const archive = new WarcWriter(join(dir, 'a.warc.gz'));
    const fetcher = new LiveFetcher(fetcherOptions({ onResponse: (r) => archive.append(r) }));
    const options = { allowPrivate: true, robots: 'obey' as const, method: 'POST' as const, body: 'page=2', headers: { authorization: 'Bearer tok-secret-123', cookie: 'JSESSIONID=sess-secret-456', referer: `${s.base}/list/` } };
    await fetcher.fetch(`${s.base}/api/list`, options);
    await archive.close();
    // Sent to the site as asked: the redaction is the archive's.
    assert.equal(seen[0]!.authorization, 'Bearer tok-secret-123');
    assert.equal(seen[0]!.cookie, 'JSESSIONID=sess-secret-456');
    const text = gunzipSync(readFileSync(join(dir, 'a.warc.gz'))).toString('utf8');
    assert.doesNotMatch(text, /tok-secret-123|sess-secret-456/);
    assert.match(text, /^authorization: \[redacted\]\r$/m);
    assert.match(text, /^cookie: \[redacted\]\r$/m);
    assert.match(text, /^referer: http:\/\/127\.0\.0\.1:\d+\/list\/\r$/m);
    const replayed = await (await ReplayFetcher.open(join(dir, 'a.warc.gz'))).fetch(`${s.base}/api/list`, options);
    assert.equal(replayed.body.toString(), '{"items":[]}');
  });
});

describe('the model writer\'s API key', () => {
  it('never leaves the Authorization header: not in a base URL\'s error, not in a provider\'s echo', async () => {
    const settings = { baseUrl: 'http://user:pw-in-url-secret@127.0.0.1:9/v1', model: 'm', apiKey: 'sk-unit-0123456789', timeoutMs: 500, retries: 0, retryBaseMs: 1, temperature: 0 };
    await assert.rejects(askChat(settings, [{ role: 'user', content: 'x' }], () => undefined), (err: Error) => !/pw-in-url-secret|sk-unit-0123456789/.test(err.message) && err.message.includes('[redacted]'));
  });

  it('appears nowhere a live run writes — stdout, stderr, out/, the SQLite files, the WARC — though the provider echoes it', async (t) => {
    const key = 'sk-xinzhi-e2e-9f8e7d6c5b4a39281706';
    const authorizations: (string | undefined)[] = [];
    const provider = createServer((req, res) => {
      authorizations.push(req.headers.authorization);
      req.resume();
      // As some providers do: the error repeats the key it was given.
      req.on('end', () => {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${req.headers.authorization?.replace('Bearer ', '')}` } }));
      });
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    after(() => {
      provider.closeAllConnections();
      provider.close();
    });
    const titles = ['测试市发布人工智能产业发展行动方案', '测试市数据局推进公共数据资源开发利用'];
    const s = await siteFor(t, {
      '/list/': (_, res) => html(res, listPage(titles.map((title, i) => ({ href: `/art/t20260618_${i}.html`, title })))),
      ...Object.fromEntries(titles.map((title, i) => [`/art/t20260618_${i}.html`, ((_, res) => html(res, articlePage(title))) as Route])),
    });
    const dir = tempDir();
    const config = configWithCatalog(dir, `- { id: test-city, name: 测试市经济和信息化局, tier: municipal, region: 测试市, homepage: "${s.base}/", allowPrivate: true, entries: [{ type: list, url: "${s.base}/list/" }] }\n`);
    const doc = parseDocument(readFileSync(config, 'utf8'));
    doc.set('writer', { kind: 'llm', llm: { baseUrl: `http://127.0.0.1:${(provider.address() as AddressInfo).port}/v1`, model: 'test-model', apiKeyEnv: 'XINZHI_TEST_SECRET_KEY', timeoutMs: 2000, retries: 0, retryBaseMs: 1 } });
    writeFileSync(config, doc.toString());
    const run = await runCli(['run', '--date', '2026-06-19', '--config', config, '--data', join(dir, 'data'), '--out', join(dir, 'out')], { env: { XINZHI_TEST_SECRET_KEY: key } });
    assert.equal(run.code, 0, run.stderr);
    // The key did go where it belongs, and the provider's echo of it reached the fallback reasons, cleaned.
    assert.ok(authorizations.length > 0 && authorizations.every((a) => a === `Bearer ${key}`));
    const brief = JSON.parse(readFileSync(join(dir, 'out', '2026-06-19', 'brief.json'), 'utf8')) as Brief;
    assert.ok(brief.stats.llm!.fallbacks.length > 0);
    assert.ok(brief.stats.llm!.fallbacks.every((f) => f.reason.includes('Incorrect API key provided: [redacted]')), JSON.stringify(brief.stats.llm!.fallbacks));
    assert.match(run.stdout, /Incorrect API key provided: \[redacted\]/);
    const written = [...filesUnder(join(dir, 'out')), ...filesUnder(join(dir, 'data'))];
    assert.ok(written.some((f) => f.path.endsWith('.warc.gz (decompressed)')), 'the run wrote its archive');
    // The store: SQLite's file is among the files read below; PostgreSQL's rows are read through the store.
    if (onPostgres) assert.equal((await storeText(join(dir, 'data'))).includes(key), false, 'the key is in the store');
    else assert.ok(written.some((f) => /\.(db|sqlite)$/.test(f.path)), 'the run wrote its database');
    for (const { path, bytes } of [{ path: 'stdout', bytes: Buffer.from(run.stdout) }, { path: 'stderr', bytes: Buffer.from(run.stderr) }, ...written]) {
      assert.equal(bytes.includes(key), false, `the key is in ${path}`);
    }
  });
});
