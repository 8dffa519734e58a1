// Faults a fresh user found in the job queue (src/queue, `xinzhi worker`, `xinzhi jobs`), each against a
// real Redis on 127.0.0.1:6379 under a prefix of its own test (removed at the end), real sites on loopback
// and worker processes started as a user starts them: a day whose crawl failed is run again with
// `jobs enqueue --again`; a worker on another store refuses the day's jobs; a malformed Redis address
// is one line; the `queue:` keys are documented.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { configSchema } from '../src/config/schema.ts';
import { QUEUE_NAME, type StoreBound } from '../src/queue/jobs.ts';
import { redisAddress, redisUrlProblem } from '../src/queue/settings.ts';
import { repoRoot, runCli, tempDir } from './helpers.ts';
import { clearQueue, REDIS_URL, startWorker as startQueueWorker, until, type WorkerProcess } from './queueHarness.ts';
import { openTestStore, storeRows } from './storeFor.ts';
import { articlePage, configWithCatalog, html, listPage, startSite, type Route, type TestSite } from './sites.ts';

const DATE = '2026-06-19';

/** A site of `count` articles listed on /list/; while `down()` holds, every address answers 503. */
function site(name: string, count: number, down: () => boolean = () => false): Record<string, Route> {
  const links: { href: string; title: string }[] = [];
  const routes: Record<string, Route> = {};
  for (let i = 1; i <= count; i++) {
    const path = `/a/t20260618_${i}.html`;
    const title = `${name}关于推进人工智能赋能新型工业化的通知${i}`;
    links.push({ href: path, title });
    routes[path] = (_req, res) => html(res, articlePage(title));
  }
  routes['/list/'] = (_req, res) => html(res, listPage(links));
  routes['/robots.txt'] = (_req, res) => html(res, 'User-agent: *\nAllow: /\n', { 'content-type': 'text/plain' });
  return Object.fromEntries(Object.entries(routes).map(([path, route]) => [path, (req, res) => (down() ? html(res, 'down', {}, 503) : route(req, res))]));
}

/**
 * A test's folder, config (one source on `base`, the queue under a prefix of its own, `hostDelayMs` between
 * two requests to a host, default 0) and its cleanup.
 */
async function setUp(t: TestContext, base: string, queue: { lockMs: number; hostDelayMs?: number }): Promise<{ dir: string; config: string; prefix: string }> {
  const dir = tempDir();
  const prefix = `xinzhi-test-qfault-${randomUUID()}`;
  const catalog = `- id: site-a\n  name: 测试甲市经济和信息化局\n  tier: municipal\n  region: 测试市\n  homepage: ${base}/\n  allowPrivate: true\n  entries:\n    - { type: list, url: "${base}/list/" }\n`;
  const config = configWithCatalog(dir, catalog);
  const text = readFileSync(config, 'utf8')
    .replace(/formats: \[[^\]]*\]/, 'formats: [json, md]')
    .replace(/hostDelayMs: \d+/, `hostDelayMs: ${queue.hostDelayMs ?? 0}`);
  writeFileSync(config, `${text}\nqueue:\n  redis: ${REDIS_URL}\n  prefix: ${prefix}\n  attempts: 1\n  backoffMs: 100\n  lockMs: ${queue.lockMs}\n`);
  t.after(() => clearQueue(prefix));
  return { dir, config, prefix };
}

/** A worker as a user starts it (--json, 4 jobs at once), killed when the test ends. */
function startWorker(t: TestContext, args: string[]): WorkerProcess {
  const worker = startQueueWorker(['--concurrency', '4', ...args]);
  t.after(() => {
    if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
  });
  return worker;
}

/** Where a data folder's store is, as a worker on it names it (Store.location). */
async function locationOf(data: string): Promise<string> {
  const store = await openTestStore(data);
  const location = store.location;
  await store.close();
  return location;
}

void describe('queue faults', () => {
  void it('runs a day whose crawl failed again with `jobs enqueue --again`, and says how when it is enqueued again', async (t) => {
    let down = true;
    const sites: TestSite = await startSite(site('测试甲市', 2, () => down));
    t.after(() => sites.close());
    const { dir, config } = await setUp(t, sites.base, { lockMs: 5000 });
    const data = join(dir, 'data');
    const out = join(dir, 'out');
    const cli = (...args: string[]) => runCli([...args, '--config', config, '--data', data]);

    const first = await cli('jobs', 'enqueue', '--date', DATE);
    assert.equal(first.code, 0, first.stderr);
    // While the day is in progress, --again is refused, naming its state, and nothing is removed.
    const early = await cli('jobs', 'enqueue', '--date', DATE, '--again');
    assert.equal(early.code, 1);
    assert.equal(early.stderr, 'xinzhi: 期号 2026-06-19 仍在队列中进行（brief-2026-06-19，状态 waiting-children）：等它完成或失败后再用 --again 重新运行\n');

    // The sites are down: the crawl-source job completes with its problem, the brief fails.
    const worker = startWorker(t, ['--config', config, '--data', data, '--out', out]);
    await until('the brief failed', () => worker.jobs('brief', 'failed').length === 1, 30_000, () => worker.stderr());
    assert.equal(worker.jobs('crawl-source', 'completed').length, 1);
    const failed = JSON.parse((await cli('jobs', 'failed', '--json')).stdout) as { name: string; error: string }[];
    assert.deepEqual(failed.map((job) => job.name), ['brief']);
    // The brief's failure says that retrying it does not crawl again, and what does.
    assert.match(failed[0]!.error, /重试此任务不会重新抓取，重新运行这一天：xinzhi jobs enqueue --date 2026-06-19 --again/);

    // The sites are back. Enqueued again without --again: nothing added, and the line says how to run it again.
    down = false;
    const again = await cli('jobs', 'enqueue', '--date', DATE);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, '期号 2026-06-19 已在队列中（brief-2026-06-19，状态 failed），未重复加入；要重新抓取并生成这一期：xinzhi jobs enqueue --date 2026-06-19 --again\n');
    const againEn = await cli('jobs', 'enqueue', '--date', DATE, '--lang', 'en');
    assert.match(againEn.stdout, /issue 2026-06-19 is already in the queue \(brief-2026-06-19, failed\): nothing added; to crawl and write it again: xinzhi jobs enqueue --date 2026-06-19 --again/);

    // --again: the brief and its crawl-source job are removed, the day enqueued anew under a new run, and crawled.
    const anew = await cli('jobs', 'enqueue', '--date', DATE, '--again', '--json');
    assert.equal(anew.code, 0, anew.stderr);
    assert.deepEqual(JSON.parse(anew.stdout), { date: DATE, added: true, briefId: `brief-${DATE}`, sources: 1, runId: 2, removed: 2, state: 'waiting-children' });
    await until('the brief written', () => worker.jobs('brief', 'completed').length === 1, 15_000, () => worker.stderr());
    assert.equal(sites.hits('/a/t20260618_1.html'), 1);
    const brief = JSON.parse(readFileSync(join(out, DATE, 'brief.json'), 'utf8')) as { items: unknown[] };
    assert.ok(brief.items.length >= 1);
    const store = await openTestStore(data);
    assert.equal(await store.documentCount('site-a'), 2);
    await store.close();
    // The dead-letter list no longer holds the failed brief: it went with the day's earlier jobs.
    assert.equal((await cli('jobs', 'failed')).stdout, '没有失败的任务\n');
    worker.child.kill('SIGTERM');
    assert.equal(await worker.exited, 0);
  });

  void it('stops cleanly on a SIGTERM that comes while it is still starting, as on one that comes later', async (t) => {
    const sites = await startSite(site('测试甲市', 1));
    t.after(() => sites.close());
    const { dir, config } = await setUp(t, sites.base, { lockMs: 5000 });
    // The first line is printed before the queue's worker is up: a signal then had killed it (no exit code).
    const worker = startWorker(t, ['--config', config, '--data', join(dir, 'data'), '--out', join(dir, 'out')]);
    worker.child.stdout.once('data', () => worker.child.kill('SIGTERM'));
    assert.equal(await worker.exited, 0, `${worker.stderr()} ${JSON.stringify(worker.lines)}`);
    assert.equal(worker.lines.at(-1)?.event, 'stopped');
  });

  void it('has a worker on another store refuse the day, name both stores, hand it back, and fail it clearly when no worker of its store comes', async (t) => {
    const sites = await startSite(site('测试甲市', 2));
    t.after(() => sites.close());
    // lockMs 4000: a job refused for 8 s fails — long enough for the right worker to start on a loaded
    // machine (a CI run beside other jobs: starting a worker there took over 2 s).
    const { dir, config, prefix } = await setUp(t, sites.base, { lockMs: 4000 });
    const [dataA, dataB] = [join(dir, 'data-a'), join(dir, 'data-b')];
    const out = join(dir, 'out');
    const cli = (data: string, ...args: string[]) => runCli([...args, '--config', config, '--data', data]);
    const [storeA, storeB] = [await locationOf(dataA), await locationOf(dataB)];
    assert.notEqual(storeA, storeB);

    // Enqueued on store A: every job's data names it.
    assert.equal((await cli(dataA, 'jobs', 'enqueue', '--date', DATE)).code, 0);
    const redis = new Redis(REDIS_URL);
    const bull = new Queue(QUEUE_NAME, { connection: redis, prefix });
    t.after(async () => {
      await bull.close();
      redis.disconnect();
    });
    assert.equal(((await bull.getJob(`brief-${DATE}`))?.data as StoreBound).store, storeA);

    // A worker on store B: its first line names its store, Redis and prefix; it refuses the day, naming both stores.
    const wrong = startWorker(t, ['--config', config, '--data', dataB, '--out', out]);
    await until('the refusal', () => wrong.stderr().includes('未处理任务'), 20_000, () => wrong.stderr());
    assert.deepEqual(wrong.lines[0], { event: 'started', store: storeB, queue: REDIS_URL.replace(/\/$/, ''), prefix, concurrency: 4, workerId: wrong.lines[0]!.workerId });
    assert.equal(
      wrong.stderr().split('\n')[0],
      `xinzhi: 未处理任务 crawl-${DATE}-site-a：它是为存储 ${storeA} 加入的，本工作进程的存储是 ${storeB}；已交还队列，等使用该存储的工作进程（检查 store: 或 XINZHI_STORE）`,
    );
    wrong.child.kill('SIGTERM');
    assert.equal(await wrong.exited, 0);

    // The job went back, unspent: a worker on store A takes the day and writes it whole.
    const right = startWorker(t, ['--config', config, '--data', dataA, '--out', out]);
    await until('the brief written', () => right.jobs('brief', 'completed').length === 1, 30_000, () => right.stderr());
    assert.equal((await cli(dataA, 'jobs', 'failed')).stdout, '没有失败的任务\n');
    const a = await openTestStore(dataA);
    assert.equal(await a.documentCount('site-a'), 2);
    await a.close();
    right.child.kill('SIGTERM');
    assert.equal(await right.exited, 0);

    // Another day on store A with only store B's worker (store A's stopped: it is no longer online): each job
    // is refused for 8 s, then fails for good (once: not retried on that worker forever), in the dead-letter
    // list with both stores named.
    const other = '2026-06-20';
    assert.equal((await cli(dataA, 'jobs', 'enqueue', '--date', other)).code, 0);
    const alone = startWorker(t, ['--config', config, '--data', dataB, '--out', out, '--lang', 'en']);
    await until('the brief failed', () => alone.jobs('brief', 'failed').length === 1, 60_000, () => alone.stderr());
    assert.equal(alone.jobs('crawl-source', 'failed').length, 1);
    const dead = JSON.parse((await cli(dataA, 'jobs', 'failed', '--json', '--lang', 'en')).stdout) as { id: string; attempts: number; error: string }[];
    assert.deepEqual(dead.map((job) => job.id).sort(), [`brief-${other}`, `crawl-${other}-site-a`]);
    for (const job of dead) {
      assert.equal(job.error, `job ${job.id} was enqueued for store ${storeA} but the worker's store is ${storeB}: no worker on that store was online for 8 s; given up`);
    }
    // Store B holds nothing of either day: no document, no source run, no issue.
    const rows = await storeRows<{ n: number }>(dataB, 'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM documents UNION ALL SELECT CAST(COUNT(*) AS INTEGER) FROM source_runs UNION ALL SELECT CAST(COUNT(*) AS INTEGER) FROM runs');
    assert.deepEqual(rows.map((row) => Number(row.n)), [0, 0, 0]);
    assert.equal(sites.hits('/list/'), 1);
    alone.child.kill('SIGTERM');
    assert.equal(await alone.exited, 0);
  });

  void it('fails no job of a worker on the right store that comes online after one on another store, however long the day takes', async (t) => {
    // Ten pages 500 ms apart on one host: the right worker, one job at a time, is busy for longer than the
    // failure window (2 × lockMs = 6 s) while the other worker, idle, would win every race for the jobs it
    // refused. Time with a worker of the job's store online does not count, and the refusing worker pauses.
    const sites = await startSite(site('测试甲市', 10));
    t.after(() => sites.close());
    const { dir, config } = await setUp(t, sites.base, { lockMs: 3000, hostDelayMs: 500 });
    const [dataA, dataB] = [join(dir, 'data-a'), join(dir, 'data-b')];
    const out = join(dir, 'out');
    const cli = (data: string, ...args: string[]) => runCli([...args, '--config', config, '--data', data]);
    const [storeA, storeB] = [await locationOf(dataA), await locationOf(dataB)];

    const wrong = startWorker(t, ['--config', config, '--data', dataB, '--out', out]);
    await until('the wrong worker started', () => wrong.lines.length > 0, 20_000, () => wrong.stderr());
    assert.equal((await cli(dataA, 'jobs', 'enqueue', '--date', DATE)).code, 0);
    await until('the refusal', () => wrong.stderr().includes('未处理任务'), 20_000, () => wrong.stderr());
    const refusedAt = Date.now();
    const right = startQueueWorker(['--concurrency', '1', '--config', config, '--data', dataA, '--out', out]);
    t.after(() => {
      if (right.child.exitCode === null) right.child.kill('SIGKILL');
    });
    await until('the brief written', () => right.jobs('brief', 'completed').length === 1, 60_000, () => right.stderr() + wrong.stderr());
    // The day took longer than the failure window, and nothing failed: every page stored in store A.
    assert.ok(Date.now() - refusedAt > 6000, `${Date.now() - refusedAt} ms`);
    assert.deepEqual([...wrong.jobs('crawl-source', 'failed'), ...wrong.jobs('fetch-page', 'failed'), ...wrong.jobs('brief', 'failed')], []);
    assert.equal((await cli(dataA, 'jobs', 'failed')).stdout, '没有失败的任务\n');
    assert.equal(right.jobs('fetch-page', 'completed').length, 10);
    const a = await openTestStore(dataA);
    assert.equal(await a.documentCount('site-a'), 10);
    await a.close();
    assert.ok(JSON.parse(readFileSync(join(out, DATE, 'brief.json'), 'utf8')).items.length >= 1);
    // The refusing worker said the right one was online and that it pauses for it.
    assert.match(wrong.stderr(), new RegExp(`使用该存储的工作进程在线，已交还给它，本进程暂停取任务 1\\.5 秒`));
    assert.ok(wrong.stderr().includes(`它是为存储 ${storeA} 加入的，本工作进程的存储是 ${storeB}`));
    for (const worker of [wrong, right]) worker.child.kill('SIGTERM');
    for (const worker of [wrong, right]) assert.equal(await worker.exited, 0, worker.stderr());
  });

  void it('names a malformed Redis address and what is wrong in one line, before connecting, and exits 1', async () => {
    const dir = tempDir();
    const config = configWithCatalog(dir, '- id: site-a\n  name: 测试甲市经济和信息化局\n  tier: municipal\n  region: 测试市\n  homepage: http://127.0.0.1:1/\n  entries:\n    - { type: list, url: "http://127.0.0.1:1/list/" }\n');
    // The command line: one line, the address as written (its password left out), exit 1, in either language.
    for (const command of ['jobs', 'worker']) {
      const result = await runCli([command, '--config', config, '--data', join(dir, 'data')], { env: { XINZHI_REDIS: 'redis://127.0.0.1:63x9' } });
      assert.equal(result.code, 1, command);
      assert.equal(result.stderr, 'xinzhi: 任务队列的 Redis 地址 redis://127.0.0.1:63x9 有误：端口 “63x9” 应为 1 到 65535 的数字（应为 redis://主机:端口[/数据库]）\n');
    }
    const english = await runCli(['jobs', '--config', config, '--lang', 'en'], { env: { XINZHI_REDIS: 'redis:/user:secret@127.0.0.1:6379' } });
    assert.equal(english.code, 1);
    assert.equal(english.stderr, "xinzhi: the queue's Redis address redis:/127.0.0.1:6379 is wrong: redis: must be followed by //host (expected redis://host:port[/db])\n");
    // Every kind of fault, and the addresses ioredis reads as meant.
    const cases: [string, string | undefined][] = [
      ['redis://127.0.0.1:6379/abc', 'database "abc" must be a number (such as /0)'],
      ['redis://:secret@:6379', 'it names no host'],
      ['redis://127.0.0.1:', 'no port after the colon'],
      ['redis://127.0.0.1:70000', 'port "70000" must be a number from 1 to 65535'],
      ['http://127.0.0.1:6379', 'it must begin with redis:// or rediss://'],
      ['redis://127.0.0.1:6379/ 1', 'it holds white space'],
      ['redis://127.0.0.1:6379', undefined],
      ['rediss://user:p%40ss@redis.example.cn:6380/2?family=6', undefined],
      ['redis://[::1]:6379', undefined],
      ['redis://redis', undefined],
    ];
    for (const [address, problem] of cases) assert.equal(redisUrlProblem(address)?.en, problem, address);
    assert.equal(redisAddress('rediss://user:p%40ss@redis.example.cn:6380/2?password=x'), 'rediss://redis.example.cn:6380/2');
    assert.equal(redisAddress('redis://user:secret@h:63x9?password=x'), 'redis://h:63x9');
  });

  void it('documents every queue: key in README and, commented out, in config/xinzhi.yaml', () => {
    const queueShape = configSchema.shape.queue.unwrap().shape;
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const yaml = readFileSync(join(repoRoot, 'config/xinzhi.yaml'), 'utf8');
    const table = readme.slice(readme.indexOf('### The job queue'));
    for (const key of Object.keys(queueShape)) {
      assert.match(table, new RegExp(`^\\| \`${key}\` \\|`, 'm'), `README: ${key}`);
      assert.match(yaml, new RegExp(`^#\\s+${key}:`, 'm'), `config/xinzhi.yaml: ${key}`);
    }
    assert.match(table, /XINZHI_REDIS/);
    assert.match(table, /prefix of its own|own prefix/);
    // Commented out: the bundled config sets no queue, so its defaults hold.
    assert.doesNotMatch(yaml, /^queue:/m);
  });
});
