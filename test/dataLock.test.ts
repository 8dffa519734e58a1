import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { lockDataFolder, type LockHolder } from '../src/store/lock.ts';
import { cliPath, repoRoot, runCli, tempDir, userErrorOf } from './helpers.ts';
import { articlePage, configWithCatalog, html, listPage, sleep, startSite, type Route, type TestSite } from './sites.ts';


describe('one lock per data folder', () => {
  it('refuses a second holder at once, naming the folder and the holder, and lets it in once released', async () => {
    const data = join(tempDir(), 'data');
    const first = await lockDataFolder(data, { command: 'run', waitSeconds: 0 });
    const error = await userErrorOf(() => lockDataFolder(data, { command: 'brief', waitSeconds: 0 }));
    assert.match(error.message, new RegExp(`^数据目录 ${data} 正被另一个 xinzhi 进程使用（进程 ${process.pid}@[^，]+，run，始于 [^）]+）：请等它结束，或加 --wait 秒数 等待$`));
    assert.match(error.en, new RegExp(`^data folder ${data} is in use by another xinzhi process \\(pid ${process.pid}@.+, run, since .+\\): wait for it to end, or pass --wait SECONDS$`));
    first.release();
    first.release();
    const second = await lockDataFolder(data, { command: 'brief', waitSeconds: 0 });
    second.release();
  });

  it('waits for the holder up to the time given, telling once, then refuses', async () => {
    const data = join(tempDir(), 'data');
    const first = await lockDataFolder(data, { command: 'import', waitSeconds: 0 });
    const told: (LockHolder | undefined)[] = [];
    const started = performance.now();
    await userErrorOf(() => lockDataFolder(data, { command: 'run', waitSeconds: 0.3, pollMs: 50, onWait: (holder) => told.push(holder) }));
    assert.ok(performance.now() - started >= 290);
    assert.deepEqual(told.map((holder) => [holder?.pid, holder?.command]), [[process.pid, 'import']]);
    setTimeout(() => first.release(), 200);
    const second = await lockDataFolder(data, { command: 'run', waitSeconds: 10, pollMs: 50 });
    second.release();
  });

  it('is let go of by the operating system when its holder is killed: a dead run never blocks the next', async () => {
    const data = join(tempDir(), 'data');
    const holder = spawn(process.execPath, ['--import', 'tsx', '-e', `
      const { lockDataFolder } = await import(${JSON.stringify(join(repoRoot, 'src/store/lock.ts'))});
      await lockDataFolder(${JSON.stringify(data)}, { command: 'run', waitSeconds: 0 });
      process.stdout.write('held\\n');
      setInterval(() => {}, 1000);`], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve) => holder.stdout.once('data', resolve));
    const error = await userErrorOf(() => lockDataFolder(data, { command: 'brief', waitSeconds: 0 }));
    assert.match(error.en, new RegExp(`pid ${holder.pid}@`));
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    // Its note is left behind, stale; the lock is free all the same.
    assert.ok(existsSync(join(data, 'xinzhi.lock.holder.json')));
    const next = await lockDataFolder(data, { command: 'brief', waitSeconds: 0 });
    next.release();
  });
});

/** The CLI as a child process whose stderr the test watches while it runs. */
function watchedCli(args: string[]): { stderr: () => string; done: Promise<{ code: number; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })));
  return { stderr: () => stderr, done };
}

describe('two runs on one data folder', () => {
  let site: TestSite;
  /** The list answers only once the test opens the gate: the first run holds the lock until then. */
  let openGate: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  before(async () => {
    const links = Array.from({ length: 6 }, (_, i) => ({ href: `/art/t20260618_${i}.html`, title: `测试市人工智能专项政策第${i + 1}号发布` }));
    const list: Route = async (_, res) => {
      await gate;
      html(res, listPage(links));
    };
    site = await startSite({ '/list/': list, ...Object.fromEntries(links.map((link): [string, Route] => [link.href, (_, res) => html(res, articlePage(link.title))])) });
  });
  after(() => {
    openGate();
    return site.close();
  });

  it('the second refuses with a message naming the folder and the holder\'s pid; with --wait it runs after, and the summaries add up', async () => {
    const dir = tempDir();
    const config = configWithCatalog(dir, `- { id: city, name: 测试市经信局, tier: municipal, region: 测试市, homepage: "${site.base}/", allowPrivate: true, entries: [{ type: list, url: "${site.base}/list/" }] }\n`);
    const data = join(dir, 'data');
    const args = ['run', '--date', '2026-06-19', '--config', config, '--data', data, '--out', join(dir, 'out'), '--json'];
    const first = watchedCli(args);
    // The first holds the lock from before its first request until it ends.
    while (site.hits('/list/') === 0) await sleep(50);
    const refused = await runCli(args);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, new RegExp(`^xinzhi: 数据目录 ${data} 正被另一个 xinzhi 进程使用（进程 \\d+@[^，]+，run，始于 [^）]+）：请等它结束，或加 --wait 秒数 等待\\n$`));
    const waited = watchedCli([...args, '--wait', '120', '--lang', 'en']);
    while (!waited.stderr().includes('waiting up to')) await sleep(50);
    openGate();
    const [done, second] = await Promise.all([first.done, waited.done]);
    assert.equal(done.code, 0, done.stderr);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, new RegExp(`^xinzhi: data folder ${data} is in use by pid \\d+ \\(run\\): waiting up to 120 s…\\n`));
    const kept = [done, second].map((result) => (JSON.parse(result.stdout) as { crawl: { documentsKept: number } }).crawl.documentsKept);
    // Every document was new to exactly one of the two runs.
    assert.deepEqual(kept, [6, 0]);
  });

  it('names a --wait that is not a number of seconds', async () => {
    const result = await runCli(['brief', '--date', '2026-06-19', '--data', join(tempDir(), 'data'), '--wait', 'soon', '--lang', 'en']);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, 'xinzhi: --wait must be a number of seconds (0 or more), not soon\n');
  });
});
