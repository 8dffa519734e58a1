import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildDesk, localPath, requireEditor, SESSION_COOKIE } from '../src/serve/app.ts';
import { hashPassword, passwordMatches } from '../src/serve/password.ts';
import { cliPath, runCli, tempDir } from './helpers.ts';
import { onPostgres, storeText } from './storeFor.ts';
import { EDITOR, signedIn, startDesk, Visitor, VIEWER } from './deskHarness.ts';

/** A route that changes something, as every section registers them: editors only. */
const changeRoute = [
  (app: Parameters<typeof requireEditor>[0]['server']) => {
    app.post('/test/change', (request, reply) => requireEditor(request, reply) ?? reply.send('changed'));
  },
];

test('every page carries a strict Content-Security-Policy: no inline script or style, no framing', async () => {
  const { app } = await startDesk({ routes: [] });
  const response = await app.inject('/login');
  const csp = String(response.headers['content-security-policy']);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /style-src 'self'(;|$)/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.equal(response.headers['x-content-type-options'], 'nosniff');
  assert.doesNotMatch(response.body, /<script|style="/);
});

test('signed out, a page sends the visitor to sign in and comes back after; a POST is refused', async () => {
  const { app } = await startDesk({ routes: changeRoute });
  const page = await app.inject('/today?x=1');
  assert.equal(page.statusCode, 302);
  assert.equal(page.headers.location, `/login?next=${encodeURIComponent('/today?x=1')}`);
  assert.equal((await app.inject({ method: 'POST', url: '/test/change' })).statusCode, 401);
  const visitor = new Visitor(app);
  await visitor.get('/login');
  const signIn = await visitor.post('/login', { name: EDITOR.name, password: EDITOR.password, next: '/today?x=1' });
  assert.equal(signIn.statusCode, 303);
  assert.equal(signIn.headers.location, '/today?x=1');
});

test('the session cookie is HttpOnly and SameSite=Strict, and the store keeps only its hash', async () => {
  const { app, data } = await startDesk({ routes: [] });
  const visitor = new Visitor(app);
  await visitor.get('/login');
  const response = await visitor.post('/login', EDITOR);
  const cookie = String(response.headers['set-cookie']).split(/,(?=\s*xinzhi)/).find((line) => line.includes(SESSION_COOKIE))!;
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  const token = visitor.cookies[SESSION_COOKIE]!;
  // Whatever the engine and the table, the store holds the token's SHA-256, once, and never the token.
  const held = await storeText(data);
  assert.equal(held.split(createHash('sha256').update(token).digest('hex')).length - 1, 1);
  assert.ok(!held.includes(token));
});

test('a wrong password is refused without saying which part was wrong; the last two tries are counted down, five lock the account for 15 minutes', async () => {
  const { app, clock } = await startDesk({ routes: [] });
  const visitor = new Visitor(app);
  await visitor.get('/login');
  const unknown = await visitor.post('/login', { name: 'nobody', password: EDITOR.password });
  const wrong = await visitor.post('/login', { name: EDITOR.name, password: 'not-the-password' });
  assert.equal(unknown.statusCode, 401);
  assert.equal(wrong.statusCode, 401);
  assert.match(wrong.body, /账号或密码不正确/);
  assert.doesNotMatch(wrong.body, /再错/);
  await visitor.post('/login', { name: EDITOR.name, password: 'not-the-password' });
  assert.match((await visitor.post('/login', { name: EDITOR.name, password: 'not-the-password' })).body, /账号或密码不正确；再错 2 次，账号将锁定 15 分钟/);
  assert.match((await visitor.post('/login', { name: EDITOR.name, password: 'not-the-password' })).body, /再错 1 次/);
  const fifth = await visitor.post('/login', { name: EDITOR.name, password: 'not-the-password' });
  assert.equal(fifth.statusCode, 429);
  assert.match(fifth.body, /登录失败次数过多，请 15 分钟后再试/);
  const locked = await visitor.post('/login', EDITOR);
  assert.equal(locked.statusCode, 429, 'the right password is refused while locked');
  clock.now = new Date(clock.now.getTime() + 16 * 60_000);
  assert.equal((await visitor.post('/login', EDITOR)).statusCode, 303);
});

test('the lock is kept with the account: a restarted desk still refuses it, and resetting the password unlocks it', async () => {
  const first = await startDesk({ routes: [] });
  const visitor = new Visitor(first.app);
  await visitor.get('/login');
  for (let i = 0; i < 5; i++) await visitor.post('/login', { name: EDITOR.name, password: 'not-the-password' });
  const again = await buildDesk({ store: first.store, loaded: first.loaded, dataDir: first.data, outDir: first.out, now: () => first.clock.now }, [], { sessionHours: 12, secureCookies: false });
  const restarted = new Visitor(again);
  await restarted.get('/login');
  assert.equal((await restarted.post('/login', EDITOR)).statusCode, 429);
  // What serve --create-user does for an existing name.
  assert.equal(await first.desk.updateUser(EDITOR.name, await hashPassword('a-new-password-1'), 'editor'), true);
  assert.equal((await restarted.post('/login', { name: EDITOR.name, password: 'a-new-password-1' })).statusCode, 303);
  await again.close();
});

test('a session ends 12 hours after its last request, and at sign-out', async () => {
  const { app, clock } = await startDesk({ routes: [] });
  const visitor = await signedIn(app);
  clock.now = new Date(clock.now.getTime() + 11 * 3600_000);
  assert.equal((await visitor.get('/no-such-page')).statusCode, 404);
  clock.now = new Date(clock.now.getTime() + 11 * 3600_000);
  assert.equal((await visitor.get('/no-such-page')).statusCode, 404, 'renewed by the last request');
  clock.now = new Date(clock.now.getTime() + 13 * 3600_000);
  assert.equal((await visitor.get('/no-such-page')).statusCode, 302);
  const again = await signedIn(app);
  const token = again.cookies[SESSION_COOKIE]!;
  assert.equal((await again.post('/logout', {})).statusCode, 303);
  assert.equal((await app.inject({ url: '/no-such-page', cookies: { [SESSION_COOKIE]: token } })).statusCode, 302);
});

test('a POST without the CSRF token, with a forged one, or with another account\'s is refused', async () => {
  const { app } = await startDesk({ routes: changeRoute });
  const editor = await signedIn(app);
  await editor.get('/no-such-page');
  assert.equal((await editor.post('/test/change', {}, false)).statusCode, 403);
  assert.equal((await editor.post('/test/change', { _csrf: 'forged' })).statusCode, 403);
  const viewer = await signedIn(app, VIEWER);
  assert.equal((await editor.post('/test/change', { _csrf: viewer.csrf })).statusCode, 403);
  const ok = await editor.post('/test/change', {});
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.body, 'changed');
});

test('a viewer reads but cannot change anything', async () => {
  const { app } = await startDesk({ routes: changeRoute });
  const viewer = await signedIn(app, VIEWER);
  await viewer.get('/no-such-page');
  const refused = await viewer.post('/test/change', {});
  assert.equal(refused.statusCode, 403);
  assert.match(refused.body, /只读账号不能修改/);
});

test('after signing in the desk only goes to its own pages: //host and schemes are not followed', () => {
  assert.equal(localPath('/today'), '/today');
  for (const bad of ['//evil.example/', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', undefined, 42]) assert.equal(localPath(bad), '/');
});

test('the language link switches the pages to English and back, and keeps the visitor on the page', async () => {
  const { app } = await startDesk({ routes: [] });
  const visitor = new Visitor(app);
  const zh = await visitor.get('/login');
  assert.match(zh.body, /<html lang="zh-CN">/);
  const switched = await visitor.get('/lang?to=en&next=%2Flogin');
  assert.equal(switched.headers.location, '/login');
  const en = await visitor.get('/login');
  assert.match(en.body, /<html lang="en">/);
  assert.match(en.body, /Sign in/);
  assert.equal((await visitor.get('/lang?to=en&next=%2F%2Fevil.example')).headers.location, '/');
});

test('passwords are kept as salted scrypt; the same password hashes differently and still matches, NFC or not', async () => {
  const a = await hashPassword('编辑部密码-2026');
  const b = await hashPassword('编辑部密码-2026');
  assert.notEqual(a, b);
  assert.match(a, /^scrypt\$32768\$8\$1\$/);
  assert.ok(await passwordMatches('编辑部密码-2026', a));
  assert.ok(!(await passwordMatches('编辑部密码-2027', a)));
  const composed = await hashPassword('caf\u00e9-password');
  assert.ok(await passwordMatches('cafe\u0301-password', composed));
  assert.ok(!(await passwordMatches('x', 'md5$abc')));
});

test('xinzhi serve: --create-user makes the first account, a short password is refused, no account refuses to start', async () => {
  const dir = tempDir();
  const data = join(dir, 'data');
  // A SQLite data folder without its file has no database yet; PostgreSQL's store is always there, with no account in it.
  assert.match((await runCli(['serve', '--data', data])).stderr, onPostgres ? /^xinzhi: .*还没有编辑台账号：先运行 xinzhi serve --create-user/ : /^xinzhi: .*里还没有数据库：先用 xinzhi serve --create-user 名字 建立第一个账号/);
  const noAccount = await runCli(['demo', '--data', data, '--out', join(dir, 'out')]);
  assert.ok(noAccount.code === 0 || noAccount.code === 3, noAccount.stderr);
  const refused = await runCli(['serve', '--data', data, '--port', '0']);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /^xinzhi: .*还没有编辑台账号：先运行 xinzhi serve --create-user/);
  const short = await runCli(['serve', '--create-user', '王编辑', '--data', data], { env: { XINZHI_DESK_PASSWORD: 'short' } });
  assert.equal(short.code, 1);
  assert.match(short.stderr, /账号 王编辑 的密码太短：至少 10 个字符/);
  const badRole = await runCli(['serve', '--create-user', '王编辑', '--role', 'admin', '--data', data, '--lang', 'en'], { env: { XINZHI_DESK_PASSWORD: 'long-enough-1' } });
  assert.match(badRole.stderr, /--role admin is not a role: editor or viewer/);
  const made = await runCli(['serve', '--create-user', '王编辑', '--data', data], { env: { XINZHI_DESK_PASSWORD: 'long-enough-1' } });
  assert.equal(made.code, 0, made.stderr);
  assert.match(made.stdout, /账号 王编辑（编辑）已创建/);
  assert.match((await runCli(['serve', '--data', data, '--port', 'eighty'])).stderr, /--port eighty 不是端口号/);

  // Started for real: it listens on loopback, answers, and stops on SIGTERM with exit 0.
  const child = spawn(process.execPath, [cliPath, 'serve', '--data', data, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const address = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const found = /http:\/\/127\.0\.0\.1:\d+/.exec(chunk.toString());
      if (found) resolve(found[0]);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  const taken = await runCli(['serve', '--data', data, '--port', address.split(':').pop()!]);
  assert.equal(taken.code, 1);
  assert.match(taken.stderr, /端口已被占用（另一个编辑台或程序在用）；用 --port 换一个端口/);
  const health = await fetch(`${address}/healthz`);
  assert.deepEqual(await health.json(), { ok: true });
  const login = await fetch(`${address}/login`);
  assert.match(await login.text(), /<form method="post" action="\/login">/);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
});
