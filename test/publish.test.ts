// xinzhi publish (issue 16, Channels): each robot played by a real HTTP server on 127.0.0.1 that checks the
// signature the way its platform documents it and answers with the platform's JSON, a real SMTP server
// (smtp-server, with AUTH) that receives the e-mail, and the real CLI over a real SQLite store.
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { briefSchema, type Brief } from '../src/domain/brief.ts';
import { configSchema } from '../src/config/schema.ts';
import { dingtalkRequest, DINGTALK_BODY_MAX_BYTES } from '../src/publish/dingtalk.ts';
import { feishuRequest, FEISHU_BODY_MAX_BYTES } from '../src/publish/feishu.ts';
import { markdownRobotText } from '../src/publish/robotText.ts';
import { redact } from '../src/publish/settings.ts';
import { lockDataFolder } from '../src/store/lock.ts';
import { wecomPayload, WECOM_CONTENT_MAX_BYTES } from '../src/publish/wecom.ts';
import { repoRoot, runCli, tempDir, type CliResult } from './helpers.ts';
import { onPostgres, storeRows, storeText } from './storeFor.ts';

const date = '2026-06-19';
const hex = (n: number) => randomBytes(n).toString('hex');
/** The secrets of this run: none may appear in any output or in the store. */
const secret = {
  wecomKey: `${hex(4)}-${hex(2)}-${hex(2)}-${hex(2)}-${hex(6)}`,
  feishuHook: `${hex(4)}-${hex(2)}-${hex(2)}-${hex(2)}-${hex(6)}`,
  feishuSecret: randomBytes(16).toString('base64url'),
  dingToken: hex(32),
  dingSecret: `SEC${hex(32)}`,
  hookToken: hex(12),
  hookSecret: hex(20),
  smtpPassword: `pw-${hex(10)}`,
};

// ---- the robots, as their documentation describes them --------------------------------------------------

interface Received {
  channel: string;
  headers: IncomingMessage['headers'];
  url: URL;
  body: string;
}
const received: Received[] = [];
/** Per channel: answer HTTP 500 this many more times before behaving (a robot's bad minute). */
const failNext = new Map<string, number>();
/** Channels that answer 503 to everything. */
const down = new Set<string>();

const json = (value: unknown) => JSON.stringify(value);
const feishuSignOf = (timestamp: string, key: string) => createHmac('sha256', `${timestamp}\n${key}`).update('').digest('base64');
const dingSignOf = (timestamp: string, key: string) => createHmac('sha256', key).update(`${timestamp}\n${key}`).digest('base64');

/** The robot's answer to one request: [HTTP status, body]. */
function robotAnswer(channel: string, url: URL, headers: IncomingMessage['headers'], body: string): [number, string] {
  const now = Date.now();
  if (channel === 'wecom') {
    if (url.searchParams.get('key') !== secret.wecomKey) return [200, json({ errcode: 93000, errmsg: 'invalid webhook url' })];
    const content = (JSON.parse(body) as { markdown?: { content?: string } }).markdown?.content ?? '';
    if (Buffer.byteLength(content) > 4096) return [200, json({ errcode: 40058, errmsg: 'markdown.content exceed max length 4096' })];
    return [200, json({ errcode: 0, errmsg: 'ok' })];
  }
  if (channel === 'feishu') {
    const message = JSON.parse(body) as { timestamp?: string; sign?: string };
    const fresh = Math.abs(now / 1000 - Number(message.timestamp)) < 3600;
    if (Buffer.byteLength(body) > 20 * 1024) return [400, json({ code: 9499, msg: 'Bad Request', data: {} })];
    if (!fresh || message.sign !== feishuSignOf(message.timestamp ?? '', secret.feishuSecret)) {
      return [200, json({ code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time', data: {} })];
    }
    return [200, json({ code: 0, msg: 'success', data: {} })];
  }
  if (channel === 'dingtalk') {
    const timestamp = url.searchParams.get('timestamp') ?? '';
    // URLSearchParams decodes the urlencoded sign back to its Base64.
    if (url.searchParams.get('access_token') !== secret.dingToken) return [200, json({ errcode: 300001, errmsg: 'token is not exist' })];
    if (Math.abs(now - Number(timestamp)) > 3_600_000 || url.searchParams.get('sign') !== dingSignOf(timestamp, secret.dingSecret)) return [200, json({ errcode: 310000, errmsg: 'sign not match' })];
    if (Buffer.byteLength(body) > 20000) return [200, json({ errcode: 460101, errmsg: 'message too long, exceed 20000 bytes' })];
    return [200, json({ errcode: 0, errmsg: 'ok' })];
  }
  // The generic webhook: the receiver checks the HMAC of the raw body and that the header's time is the body's.
  const expected = `sha256=${createHmac('sha256', secret.hookSecret).update(body).digest('hex')}`;
  if (url.pathname !== `/hook/${secret.hookToken}`) return [404, 'not found'];
  if (headers['x-xinzhi-signature'] !== expected) return [401, 'bad signature'];
  if (headers['x-xinzhi-timestamp'] !== String((JSON.parse(body) as { timestamp: number }).timestamp)) return [401, 'timestamp mismatch'];
  return [204, ''];
}

const robots: Server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const channel = url.pathname.split('/')[1] ?? '';
    const body = Buffer.concat(chunks).toString('utf8');
    received.push({ channel, headers: request.headers, url, body });
    const failures = failNext.get(channel) ?? 0;
    if (down.has(channel) || failures > 0) {
      failNext.set(channel, failures - 1);
      response.writeHead(down.has(channel) ? 503 : 500).end('unavailable');
      return;
    }
    const [status, answer] = robotAnswer(channel, url, request.headers, body);
    response.writeHead(status, { 'content-type': 'application/json' }).end(answer);
  });
});

// ---- the mail server ----------------------------------------------------------------------------------

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}
const mails: ReceivedMail[] = [];
let logins = 0;
const smtp = new SMTPServer({
  // No TLS on the loopback; the channel says requireTls: false for it (one test keeps the default and is refused).
  disabledCommands: ['STARTTLS'],
  allowInsecureAuth: true,
  authMethods: ['PLAIN', 'LOGIN'],
  logger: false,
  onAuth(auth, _session, callback) {
    logins++;
    if (auth.username === 'brief@example.cn' && auth.password === secret.smtpPassword) return callback(null, { user: auth.username });
    return callback(new Error('535 Authentication failed'));
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
      callback();
    });
  },
});

// ---- a small MIME reader for what the SMTP server received (mailparser is not among the packages) --------

interface MimePart {
  headers: Map<string, string>;
  body: string;
}

function mimePart(raw: string): MimePart {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(split + 4) };
}

/** The leaf parts of a message, multiparts opened. */
function leafParts(part: MimePart): MimePart[] {
  const type = part.headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1];
  if (!type.startsWith('multipart/') || !boundary) return [part];
  const pieces = part.body.split(`--${boundary}`).slice(1, -1);
  return pieces.flatMap((piece) => leafParts(mimePart(piece.replace(/^\r\n/, ''))));
}

function decodedBody(part: MimePart): Buffer {
  const encoding = part.headers.get('content-transfer-encoding')?.toLowerCase();
  const body = part.body.replace(/\r\n$/, '');
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1');
  }
  return Buffer.from(body, 'utf8');
}

/** An RFC 2047 header value decoded: encoded words (B or Q, UTF-8) joined. */
function decodedHeader(value: string): string {
  const words = [...value.matchAll(/=\?utf-8\?([bq])\?([^?]*)\?=/gi)];
  if (words.length === 0) return value;
  const bytes = words.map(([, kind, text = '']) => (kind!.toLowerCase() === 'b' ? Buffer.from(text, 'base64') : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1')));
  return Buffer.concat(bytes).toString('utf8');
}

// ---- the setup: the sample issue, a config naming every channel, the environment holding the secrets -----

const root = tempDir('xinzhi-publish-');
let out = '';
let base = '';
let smtpPort = 0;
let configFile = '';
let issue: Brief;

function configText(options: { requireTls?: boolean } = {}): string {
  const config = readFileSync(join(repoRoot, 'config/xinzhi.yaml'), 'utf8')
    .replace(/^themes: .*$/m, `themes: ${join(repoRoot, 'config/themes.yaml')}`)
    .replace(/^sources: .*$/m, `sources: ${join(repoRoot, 'config/sources')}`)
    .replace(/^bodies: .*$/m, `bodies: ${join(repoRoot, 'config/bodies.yaml')}`);
  return `${config}
publish:
  linkBase: https://brief.example.cn/issues/
  retries: 2
  retryBaseMs: 20
  timeoutMs: 5000
  channels:
    - { name: wecom-main, kind: wecom, urlEnv: XINZHI_TEST_WECOM_URL }
    - { name: feishu-team, kind: feishu, urlEnv: XINZHI_TEST_FEISHU_URL, secretEnv: XINZHI_TEST_FEISHU_SECRET }
    - { name: dingtalk-ops, kind: dingtalk, urlEnv: XINZHI_TEST_DINGTALK_URL, secretEnv: XINZHI_TEST_DINGTALK_SECRET }
    - { name: partner-hook, kind: webhook, urlEnv: XINZHI_TEST_HOOK_URL, secretEnv: XINZHI_TEST_HOOK_SECRET }
    - name: leaders-mail
      kind: email
      host: 127.0.0.1
      port: ${smtpPort}
      secure: false
      requireTls: ${options.requireTls ?? false}
      user: brief@example.cn
      passwordEnv: XINZHI_TEST_SMTP_PASSWORD
      from: 新质生产力每日动态 <brief@example.cn>
      to: [leader1@example.cn, leader2@example.cn]
`;
}

function env(): Record<string, string> {
  return {
    XINZHI_TEST_WECOM_URL: `${base}/wecom/cgi-bin/webhook/send?key=${secret.wecomKey}`,
    XINZHI_TEST_FEISHU_URL: `${base}/feishu/open-apis/bot/v2/hook/${secret.feishuHook}`,
    XINZHI_TEST_FEISHU_SECRET: secret.feishuSecret,
    XINZHI_TEST_DINGTALK_URL: `${base}/dingtalk/robot/send?access_token=${secret.dingToken}`,
    XINZHI_TEST_DINGTALK_SECRET: secret.dingSecret,
    XINZHI_TEST_HOOK_URL: `${base}/hook/${secret.hookToken}`,
    XINZHI_TEST_HOOK_SECRET: secret.hookSecret,
    XINZHI_TEST_SMTP_PASSWORD: secret.smtpPassword,
  };
}

/** Every output of every run, checked at the end for secrets. */
const outputs: CliResult[] = [];
const dataDirs: string[] = [];

async function publish(data: string, args: string[] = [], environment: Record<string, string> = env(), config = configFile): Promise<CliResult> {
  const result = await runCli(['publish', '--date', date, '--config', config, '--data', data, '--out', out, ...args], { env: environment });
  outputs.push(result);
  return result;
}

/** A fresh data folder inside the file's temporary folder, kept to the end for the last test's look at the stores. */
function newDataDir(): string {
  const dir = mkdtempSync(join(root, 'data-'));
  dataDirs.push(dir);
  return dir;
}

/** The rows of the deliveries table, in the order they were written: every try, where the Store gives only the latest. */
function deliveries(data: string): Promise<{ channel: string; status: string; attempt: number; digest: string; error: string | null }[]> {
  return storeRows(data, 'SELECT channel, status, attempt, digest, error FROM deliveries ORDER BY id');
}

const from = (channel: string) => received.filter((r) => r.channel === channel);

before(async () => {
  out = join(root, 'out');
  const demo = await runCli(['demo', '--data', join(root, 'demo-data'), '--out', out]);
  assert.equal(demo.code, 0, demo.stderr);
  issue = briefSchema.parse(JSON.parse(readFileSync(join(out, date, 'brief.json'), 'utf8')));
  await new Promise<void>((resolve) => robots.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(robots.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  configFile = join(root, 'xinzhi.yaml');
  writeFileSync(configFile, configText());
});

after(async () => {
  await new Promise<void>((resolve) => robots.close(() => resolve()));
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

// ---- message building: pure functions --------------------------------------------------------------------

describe('robot messages', () => {
  const hostile = (): Brief => ({
    ...issue,
    items: issue.items.map((item, i) => (i === 0 ? { ...item, headline: '点此[领取补贴](http://evil.example/x) <font color="warning">紧急</font> <@all> **要闻**' } : item)),
  });

  test('a headline with a link, a font tag or a mention becomes no markup in the WeCom and DingTalk Markdown', () => {
    const link = 'https://brief.example.cn/issues/2026-06-19/brief.html';
    const wecom = wecomPayload(hostile(), link).payload.markdown.content;
    const ding = (JSON.parse(dingtalkRequest(hostile(), link, new URL('https://oapi.dingtalk.com/robot/send?access_token=t'), 's', Date.now()).message.body) as { markdown: { text: string } }).markdown.text;
    for (const text of [wecom, ding]) {
      assert.ok(text.includes('领取补贴'), 'the words stay');
      assert.doesNotMatch(text, /\[领取补贴\]|<font|<@all>|http:\/\/evil/);
      // The only link is the issue's own.
      assert.deepEqual([...text.matchAll(/\]\(([^)]*)\)/g)].map((m) => m[1]), [link]);
    }
    assert.equal(markdownRobotText('# 标题\n> 引用 `code` *x*'), '＃ 标题 ＞ 引用 ｀code｀ ＊x＊');
  });

  test('a brief longer than WeCom\'s 4096 bytes goes as the abstract and the headlines with the link; a short one whole', () => {
    const link = 'https://brief.example.cn/issues/2026-06-19/brief.html';
    const long = wecomPayload(issue, link);
    assert.equal(long.form, 'headlines');
    const content = long.payload.markdown.content;
    assert.ok(Buffer.byteLength(content) <= WECOM_CONTENT_MAX_BYTES);
    for (const item of issue.items) assert.ok(content.includes(markdownRobotText(item.headline)), item.headline);
    assert.ok(content.includes(markdownRobotText(issue.abstract)));
    assert.ok(!content.includes(markdownRobotText(issue.items[0]!.paragraphs[0]!)), 'no paragraph in the short form');
    assert.ok(content.includes(`(${link})`));
    const short = { ...issue, items: [{ ...issue.items[0]!, paragraphs: ['短段落。'] }] };
    assert.equal(wecomPayload(short, link).form, 'full');
    assert.ok(wecomPayload(short, link).payload.markdown.content.includes('短段落。'));
  });

  test('an abstract too long even for the short form is cut to the longest start that fits, ending in …', () => {
    const link = 'https://brief.example.cn/issues/2026-06-19/brief.html';
    const huge = { ...issue, abstract: '数'.repeat(3000) };
    const { payload, form } = wecomPayload(huge, link);
    assert.equal(form, 'cut');
    const bytes = Buffer.byteLength(payload.markdown.content);
    assert.ok(bytes <= WECOM_CONTENT_MAX_BYTES && bytes > WECOM_CONTENT_MAX_BYTES - 3, `${bytes} bytes: one more character would not fit`);
    assert.match(payload.markdown.content, /数…/);
    const ding = dingtalkRequest({ ...issue, abstract: '数'.repeat(8000) }, link, new URL('https://oapi.dingtalk.com/robot/send?access_token=t'), 's', Date.now());
    assert.equal(ding.form, 'cut');
    assert.ok(Buffer.byteLength(ding.message.body) <= DINGTALK_BODY_MAX_BYTES);
    const feishu = feishuRequest({ ...issue, abstract: '数'.repeat(8000) }, link, new URL('https://open.feishu.cn/open-apis/bot/v2/hook/x'), 's', Date.now());
    assert.equal(feishu.form, 'cut');
    assert.ok(Buffer.byteLength(feishu.message.body) <= FEISHU_BODY_MAX_BYTES);
  });

  test('Feishu gets the brief as post text elements, an address in them not left to be linked, and the sign masked when shown', () => {
    const request = feishuRequest(hostile(), 'https://brief.example.cn/x', new URL(`https://open.feishu.cn/open-apis/bot/v2/hook/${secret.feishuHook}`), secret.feishuSecret, 1_700_000_000_000);
    const body = JSON.parse(request.message.body) as { timestamp: string; sign: string; msg_type: string; content: { post: { zh_cn: { content: { tag: string; text: string; href?: string }[][] } } } };
    assert.equal(body.msg_type, 'post');
    assert.equal(body.timestamp, '1700000000');
    assert.equal(body.sign, feishuSignOf('1700000000', secret.feishuSecret));
    const elements = body.content.post.zh_cn.content.flat();
    assert.deepEqual(elements.filter((e) => e.tag !== 'text').map((e) => e.href), ['https://brief.example.cn/x']);
    assert.ok(elements.some((e) => e.text.includes('http：//evil.example')));
    assert.ok(!request.message.shown.body.includes(body.sign));
    assert.ok(!request.message.shown.url.includes(secret.feishuHook));
  });

  test('redact takes every secret out of a text, an address before the key inside it', () => {
    const url = `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${secret.wecomKey}`;
    assert.equal(redact(`failed ${url} and ${secret.wecomKey}`, [url, secret.wecomKey]), 'failed *** and ***');
  });
});

// ---- the config --------------------------------------------------------------------------------------------

describe('publish config', () => {
  const minimal = { brief: { title: 't', topicName: 't', publisher: 'p', footer: {} } };
  const issueOf = (publish: unknown) => {
    const parsed = configSchema.safeParse({ ...minimal, publish });
    return parsed.success ? null : { path: parsed.error.issues[0]!.path.join('.'), message: parsed.error.issues[0]!.message };
  };

  test('a secret written in the config is refused, naming the key and the *Env key to use', () => {
    const url = issueOf({ linkBase: 'https://x.cn', channels: [{ name: 'w', kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' }] });
    assert.equal(url?.path, 'publish.channels.0.url');
    assert.match(url!.message, /urlEnv/);
    const password = issueOf({ channels: [{ name: 'm', kind: 'email', host: 'h', from: 'a@b.cn', to: ['c@d.cn'], user: 'u', passwordEnv: 'P', password: 'hunter2' }] });
    assert.equal(password?.path, 'publish.channels.0.password');
    assert.match(password!.message, /passwordEnv/);
    // A secret pasted where the variable's name belongs is refused too, and not repeated.
    const pasted = issueOf({ linkBase: 'https://x.cn', channels: [{ name: 'd', kind: 'dingtalk', urlEnv: 'D', secretEnv: 'SEC5a3ecf88f2b3eb50db30ecfc00f53033' }] });
    assert.equal(pasted?.path, 'publish.channels.0.secretEnv');
    assert.doesNotMatch(pasted!.message, /SEC5a3/);
  });

  test('robots need linkBase, names are unique, an SMTP user needs its password variable', () => {
    assert.equal(issueOf({ channels: [{ name: 'w', kind: 'wecom', urlEnv: 'W' }] })?.path, 'publish.linkBase');
    assert.equal(issueOf({ linkBase: 'ftp://x.cn/', channels: [{ name: 'w', kind: 'wecom', urlEnv: 'W' }] })?.path, 'publish.linkBase');
    assert.equal(issueOf({ linkBase: 'https://x.cn', channels: [{ name: 'w', kind: 'wecom', urlEnv: 'W' }, { name: 'w', kind: 'wecom', urlEnv: 'V' }] })?.path, 'publish.channels.1.name');
    assert.equal(issueOf({ channels: [{ name: 'm', kind: 'email', host: 'h', from: 'a@b.cn', to: ['c@d.cn'], user: 'u' }] })?.path, 'publish.channels.0.passwordEnv');
    assert.equal(issueOf({ channels: [{ name: 'm', kind: 'email', host: 'h', from: 'a@b.cn', to: ['c@d.cn'] }] }), null);
  });
});

// ---- the command -------------------------------------------------------------------------------------------

describe('xinzhi publish', () => {
  test('--dry-run shows each channel\'s request, secrets masked, and sends and records nothing', async () => {
    const data = newDataDir();
    const result = await publish(data, ['--dry-run']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(received.length, 0);
    assert.equal(mails.length, 0);
    assert.deepEqual(await deliveries(data), []);
    assert.match(result.stdout, /== wecom-main（企业微信） ==\n# 篇幅超限，发送摘要与要目及全文链接\nPOST http:\/\/127\.0\.0\.1:\d+\/\*\*\*\n/);
    assert.match(result.stdout, /POST http:\/\/127\.0\.0\.1:\d+\/\*\*\*&timestamp=\d{13}&sign=\*\*\*\n/);
    assert.match(result.stdout, /"sign":"\*\*\*"/);
    assert.match(result.stdout, /x-xinzhi-signature: sha256=\*\*\*/);
    assert.match(result.stdout, /Subject: 新质生产力每日动态 2026年6月19日/);
    assert.match(result.stdout, new RegExp(`attachment application/pdf: 新质生产力每日动态-2026-06-19\\.pdf \\(${readFileSync(join(out, date, 'brief.pdf')).length} bytes\\)`));
    const json = await publish(data, ['--dry-run', '--json', '--channel', 'partner-hook']);
    const parsed = JSON.parse(json.stdout) as { dryRun: boolean; channels: { name: string; http: { body: string } }[] };
    assert.equal(parsed.dryRun, true);
    assert.deepEqual(parsed.channels.map((c) => c.name), ['partner-hook']);
    assert.equal((JSON.parse(parsed.channels[0]!.http.body) as { link: string }).link, 'https://brief.example.cn/issues/2026-06-19/brief.html');
    assert.equal(received.length, 0);
  });

  test('publishing sends each channel its message once, signed as its platform checks; twice sends nothing twice; --force resends', async () => {
    const data = newDataDir();
    received.length = 0;
    mails.length = 0;
    const first = await publish(data);
    assert.equal(first.code, 0, first.stderr + first.stdout);
    assert.match(first.stdout, /wecom-main（企业微信）：已发送；篇幅超限，发送摘要与要目及全文链接\n/);
    assert.match(first.stdout, /发送 5 · 跳过 0 · 失败 0/);
    for (const channel of ['wecom', 'feishu', 'dingtalk', 'hook']) assert.equal(from(channel).length, 1, channel);
    assert.equal(mails.length, 1);
    assert.deepEqual((await deliveries(data)).map((row) => `${row.channel} ${row.status} ${row.attempt}`).sort(), ['dingtalk-ops sent 1', 'feishu-team sent 1', 'leaders-mail sent 1', 'partner-hook sent 1', 'wecom-main sent 1']);
    const hook = JSON.parse(from('hook')[0]!.body) as { date: string; abstract: string; items: { headline: string }[] };
    assert.equal(hook.date, date);
    assert.equal(hook.abstract, issue.abstract);
    assert.deepEqual(hook.items.map((item) => item.headline), issue.items.map((item) => item.headline));

    const second = await publish(data, ['--lang', 'en']);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /wecom-main \(WeCom\): already sent at 2\d{3}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00, not sent again/);
    assert.match(second.stdout, /0 sent · 5 skipped · 0 failed/);
    assert.equal(received.length, 4);
    assert.equal(mails.length, 1);
    // An issue rendered again after an edit is still not sent twice, and the line says it has changed.
    const edited = join(root, 'edited');
    // The issue is a relative link to its version folder: copied as written, it points into the copy.
    cpSync(out, edited, { recursive: true, verbatimSymlinks: true });
    writeFileSync(join(edited, date, 'brief.json'), JSON.stringify({ ...issue, abstract: `${issue.abstract}（已更正）` }));
    const third = await runCli(['publish', '--date', date, '--config', configFile, '--data', data, '--out', edited, '--channel', 'partner-hook'], { env: env() });
    outputs.push(third);
    assert.equal(third.code, 0, third.stderr);
    assert.match(third.stdout, /partner-hook（Webhook）：已于 \S+ 发送过，未重发（--force 重发）；此后内容已变\n/);
    assert.doesNotMatch(second.stdout, /changed/);
    assert.equal(received.length, 4);

    const forced = await publish(data, ['--force', '--channel', 'wecom-main', '--json']);
    assert.equal(forced.code, 0, forced.stderr);
    const results = (JSON.parse(forced.stdout) as { channels: { name: string; status: string; attempts: number }[] }).channels;
    assert.deepEqual(results, [{ name: 'wecom-main', kind: 'wecom', status: 'sent', attempts: 1, form: 'headlines' }]);
    assert.equal(from('wecom').length, 2);
    assert.equal(received.length, 5);

    // Rendering a sent issue again replaces what readers' links point to: render says so. (The demo's data
    // folder holds the sources render checks against; the issue is sent from it to one channel first.)
    const demoData = join(root, 'demo-data');
    const sent = await runCli(['publish', '--date', date, '--config', configFile, '--data', demoData, '--out', out, '--channel', 'partner-hook'], { env: env() });
    assert.equal(sent.code, 0, sent.stderr);
    const again = await runCli(['render', join(out, date, 'brief.json'), '--config', configFile, '--data', demoData, '--out', join(root, 'rerendered')]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, new RegExp(`^xinzhi: 注意：${date} 期已发送到 partner-hook，此次重新生成替换了读者链接所指的文件`));
  });

  test('the e-mail arrives as the issue: Chinese subject, brief.html, brief.md, brief.pdf attached, after an SMTP login', () => {
    assert.equal(mails.length, 1);
    const mail = mails[0]!;
    assert.equal(mail.from, 'brief@example.cn');
    assert.deepEqual(mail.to, ['leader1@example.cn', 'leader2@example.cn']);
    const message = mimePart(mail.raw);
    assert.equal(decodedHeader(message.headers.get('subject')!), '新质生产力每日动态 2026年6月19日');
    const parts = leafParts(message);
    const byType = (type: string) => parts.find((part) => part.headers.get('content-type')?.startsWith(type));
    const html = decodedBody(byType('text/html')!).toString('utf8');
    const page = readFileSync(join(out, date, 'brief.html'), 'utf8');
    assert.equal(html.replace(/\r\n/g, '\n'), page.replace("img-src data:", 'img-src data: cid:'));
    assert.equal(decodedBody(byType('text/plain')!).toString('utf8').replace(/\r\n/g, '\n'), readFileSync(join(out, date, 'brief.md'), 'utf8'));
    const pdf = byType('application/pdf')!;
    assert.match(pdf.headers.get('content-disposition')!, /attachment/);
    assert.ok(decodedBody(pdf).equals(readFileSync(join(out, date, 'brief.pdf'))), 'the attachment is brief.pdf byte for byte');
  });

  test('a robot that answers 500 twice then succeeds is retried with backoff and sent on the third try', async () => {
    const data = newDataDir();
    received.length = 0;
    failNext.set('feishu', 2);
    const result = await publish(data, ['--channel', 'feishu-team']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /feishu-team（飞书）：已发送（第 3 次尝试）/);
    assert.equal(from('feishu').length, 3);
    assert.deepEqual((await deliveries(data)).map((row) => `${row.status} ${row.attempt} ${row.error ?? ''}`), ['failed 1 HTTP 500', 'failed 2 HTTP 500', 'sent 3 ']);
    // Each try is signed afresh, and the digest is the message's, the same on every try.
    assert.equal(new Set((await deliveries(data)).map((row) => row.digest)).size, 1);
  });

  test('a channel that stays down is reported by name and reason, the others go out, and the exit code says so', async () => {
    const data = newDataDir();
    received.length = 0;
    mails.length = 0;
    // The webhook's receiver is not even listening: a port just closed.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = { ...env(), XINZHI_TEST_HOOK_URL: `http://127.0.0.1:${port}/hook/${secret.hookToken}` };
    down.add('dingtalk');
    try {
      const result = await publish(data, [], unreachable);
      assert.equal(result.code, 4, result.stdout);
      assert.match(result.stdout, /dingtalk-ops（钉钉）：失败（3 次尝试）：HTTP 503\n/);
      assert.match(result.stdout, new RegExp(`partner-hook（Webhook）：失败（3 次尝试）：网络错误（connect ECONNREFUSED）：http://127\\.0\\.0\\.1:${port}/\\*\\*\\*\n`));
      assert.match(result.stdout, /发送 3 · 跳过 0 · 失败 2/);
      assert.match(result.stderr, /^xinzhi: 2 个渠道发送失败：dingtalk-ops, partner-hook\n$/);
      assert.equal(from('dingtalk').length, 3);
      for (const channel of ['wecom', 'feishu']) assert.equal(from(channel).length, 1, channel);
      assert.equal(mails.length, 1);
    } finally {
      down.delete('dingtalk');
    }
    // The next run sends only what did not go: the failed channels.
    received.length = 0;
    const again = await publish(data, ['--lang', 'en']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /dingtalk-ops \(DingTalk\): sent\n/);
    assert.match(again.stdout, /partner-hook \(webhook\): sent\n/);
    assert.deepEqual(received.map((r) => r.channel).sort(), ['dingtalk', 'hook']);
  });

  test('a robot\'s error answered with HTTP 200 is a failure, not retried when retrying cannot mend it', async () => {
    const data = newDataDir();
    received.length = 0;
    const wrong = { ...env(), XINZHI_TEST_FEISHU_SECRET: 'not-the-secret', XINZHI_TEST_WECOM_URL: `${base}/wecom/cgi-bin/webhook/send?key=wrong-key-0000` };
    const result = await publish(data, ['--channel', 'feishu-team'], wrong);
    assert.equal(result.code, 4);
    assert.match(result.stdout, /feishu-team（飞书）：失败（1 次尝试）：机器人返回错误：code 19021 sign match fail/);
    const wecom = await publish(data, ['--channel', 'wecom-main', '--lang', 'en'], wrong);
    assert.match(wecom.stdout, /wecom-main \(WeCom\): failed \(tries: 1\): the robot answered an error: errcode 93000 invalid webhook url/);
    assert.equal(received.length, 2);
  });

  test('without STARTTLS offered, requireTls keeps the password and the issue off the wire', async () => {
    const data = newDataDir();
    const strict = join(root, 'strict.yaml');
    writeFileSync(strict, configText({ requireTls: true }));
    const before = logins;
    mails.length = 0;
    const result = await publish(data, ['--channel', 'leaders-mail'], env(), strict);
    assert.equal(result.code, 4);
    assert.match(result.stdout, /leaders-mail（邮件）：失败（1 次尝试）：SMTP 发送失败：ETLS/);
    assert.equal(logins, before, 'no login was tried');
    assert.equal(mails.length, 0);
  });

  test('a variable unset, an unknown channel, a missing issue: one line naming it', async () => {
    const data = newDataDir();
    const unset = await publish(data, ['--channel', 'partner-hook'], { ...env(), XINZHI_TEST_HOOK_SECRET: '' });
    assert.equal(unset.code, 4);
    assert.match(unset.stdout, /partner-hook（Webhook）：失败（1 次尝试）：渠道 partner-hook 所需的环境变量 XINZHI_TEST_HOOK_SECRET 未设置/);
    const badUrl = await publish(data, ['--channel', 'wecom-main'], { ...env(), XINZHI_TEST_WECOM_URL: `file:///etc/passwd?key=${secret.wecomKey}` });
    assert.match(badUrl.stdout, /环境变量 XINZHI_TEST_WECOM_URL 应为 http\(s\) 地址/);
    const unknown = await publish(data, ['--channel', 'slack']);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr, 'xinzhi: 配置中没有名为 slack 的发布渠道（已配置：wecom-main, feishu-team, dingtalk-ops, partner-hook, leaders-mail）\n');
    const missing = await runCli(['publish', '--date', '2026-06-20', '--config', configFile, '--data', data, '--out', out]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^xinzhi: 无法读取 \S+2026-06-20\/brief\.json（ENOENT）\n$/);
    // An issue that needs an editor's review (a check failed, a section withheld) is not sent, even in a dry run.
    const review = join(root, 'review');
    cpSync(out, review, { recursive: true, verbatimSymlinks: true });
    const failing = { ...issue, checks: [...issue.checks, { name: 'abstract', item: null, ok: false, detail: '摘要提到撤下的条目' }] };
    writeFileSync(join(review, date, 'brief.json'), JSON.stringify(failing));
    for (const extra of [[], ['--dry-run'], ['--force']]) {
      const refused = await runCli(['publish', '--date', date, '--config', configFile, '--data', data, '--out', review, ...extra], { env: env() });
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /^xinzhi: \S+brief\.json 需编辑审核（撤下 0 条，未通过的核查 1 项），不发布/);
    }
    // Another command holds the data folder (a second publish, a run): this one refuses rather than send twice.
    const held = await lockDataFolder(data, { command: 'publish', waitSeconds: 0 });
    try {
      const busy = await runCli(['publish', '--date', date, '--config', configFile, '--data', data, '--out', out], { env: env() });
      assert.equal(busy.code, 1);
      assert.match(busy.stderr, /^xinzhi: 数据目录 \S+ 正被另一个 xinzhi 进程使用/);
    } finally {
      held.release();
    }
  });

  test('no secret appears in any output or in the store', async () => {
    const values = Object.values(secret);
    for (const result of outputs) {
      for (const value of values) {
        assert.ok(!result.stdout.includes(value), `stdout holds a secret: ${result.stdout.slice(0, 200)}`);
        assert.ok(!result.stderr.includes(value), `stderr holds a secret: ${result.stderr}`);
      }
    }
    assert.ok(outputs.length >= 10);
    for (const dir of dataDirs) {
      // Every row of every table, on either engine.
      const held = await storeText(dir);
      for (const value of values) assert.ok(!held.includes(value), `${dir}'s store holds a secret`);
      if (onPostgres) continue;
      // SQLite's files byte for byte, the write-ahead log too: a secret written and deleted would still be in them.
      const files = readdirSync(dir).filter((name) => name.startsWith('xinzhi.sqlite'));
      assert.ok(files.length > 0 && existsSync(join(dir, 'xinzhi.sqlite')));
      for (const name of files) {
        const bytes = readFileSync(join(dir, name));
        for (const value of values) assert.ok(!bytes.includes(value), `${name} holds a secret`);
      }
    }
  });
});
