// The job queue (src/queue, `xinzhi worker`, `xinzhi jobs`) against a real Redis on 127.0.0.1:6379, real
// sites on loopback and worker child processes started as a user starts them. Each run works under a
// prefix of its own and removes it at the end.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, tempDir } from './helpers.ts';
import { clearQueue, REDIS_URL, startWorker, until, type WorkerProcess } from './queueHarness.ts';
import { openTestStore, storeRows } from './storeFor.ts';
import { articlePage, configWithCatalog, html, listPage, sleep, startSite, type Route, type TestSite } from './sites.ts';

const DATE = '2026-06-19';
const DELAY_MS = 300;

/** A site of `good` articles, plus a slow one and a broken one when asked; its list links them all. */
function siteRoutes(name: string, good: number, extra: { slow?: boolean; broken?: boolean } = {}): Record<string, Route> {
  const links: { href: string; title: string }[] = [];
  const routes: Record<string, Route> = {};
  for (let i = 1; i <= good; i++) {
    const path = `/a/t20260618_${i}.html`;
    links.push({ href: path, title: `${name}关于推进人工智能赋能新型工业化的通知${i}` });
    routes[path] = (_req, res) => html(res, articlePage(`${name}关于推进人工智能赋能新型工业化的通知${i}`));
  }
  if (extra.slow) {
    links.push({ href: '/a/t20260618_slow.html', title: `${name}关于加快发展数据产业的实施意见` });
    routes['/a/t20260618_slow.html'] = async (_req, res) => {
      await sleep(1500);
      if (!res.destroyed) html(res, articlePage(`${name}关于加快发展数据产业的实施意见`));
    };
  }
  if (extra.broken) {
    links.push({ href: '/a/t20260618_broken.html', title: `${name}关于算力基础设施建设的通知` });
    routes['/a/t20260618_broken.html'] = (_req, res) => html(res, 'down', {}, 500);
  }
  routes['/list/'] = (_req, res) => html(res, listPage(links));
  return routes;
}

/** Requests to one host that overlapped, or started less than DELAY_MS after the previous start or end (as the site logged them). */
function politenessViolations(site: TestSite): string[] {
  const log = [...site.log].sort((a, b) => a.start - b.start);
  const violations: string[] = [];
  for (let i = 1; i < log.length; i++) {
    const previous = log[i - 1]!;
    const next = log[i]!;
    // 5 ms of slack: Redis' clock (the lease's) and the site's performance.now() are read at different moments.
    const gap = next.start - Math.max(previous.start, previous.end);
    if (gap < DELAY_MS - 5) violations.push(`${previous.path} → ${next.path}: ${Math.round(gap)} ms`);
  }
  return violations;
}

void describe('the job queue: a day through BullMQ workers', () => {
  const dir = tempDir();
  const data = join(dir, 'data');
  const out = join(dir, 'out');
  const prefix = `xinzhi-test-queue-${randomUUID()}`;
  let siteA: TestSite;
  let siteB: TestSite;
  let config: string;
  const workers: WorkerProcess[] = [];

  before(async () => {
    siteA = await startSite(siteRoutes('测试甲市', 4, { slow: true, broken: true }));
    siteB = await startSite(siteRoutes('测试乙市', 4));
    const source = (id: string, site: TestSite) =>
      `- id: ${id}\n  name: ${id}经济和信息化局\n  tier: municipal\n  region: 测试市\n  homepage: ${site.base}/\n  allowPrivate: true\n  entries:\n    - { type: list, url: "${site.base}/list/" }\n`;
    config = configWithCatalog(dir, source('site-a', siteA) + source('site-b', siteB));
    const text = readFileSync(config, 'utf8')
      .replace(/hostDelayMs: \d+/, `hostDelayMs: ${DELAY_MS}`)
      // A killed worker's lease is free after requestDeadlineMs + 1 s: kept short for the test.
      .replace(/requestDeadlineMs: \d+/, 'requestDeadlineMs: 5000')
      .replace(/formats: \[[^\]]*\]/, 'formats: [json, md]');
    writeFileSync(config, `${text}\nqueue:\n  redis: ${REDIS_URL}\n  prefix: ${prefix}\n  attempts: 2\n  backoffMs: 200\n  lockMs: 4000\n`);
  });

  after(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await clearQueue(prefix);
    await siteA.close();
    await siteB.close();
  });

  const cli = (...args: string[]) => runCli([...args, '--config', config, '--data', data]);
  const jobCounts = async () => {
    const result = await cli('jobs', '--json');
    assert.equal(result.code, 0, result.stderr);
    return (JSON.parse(result.stdout) as { states: Record<string, number> }).states;
  };

  void it('enqueues a day once: the brief waits for one crawl-source job per source, and enqueuing again adds nothing', async () => {
    const first = await cli('jobs', 'enqueue', '--date', DATE, '--json');
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(JSON.parse(first.stdout), { date: DATE, added: true, briefId: `brief-${DATE}`, state: 'waiting-children', sources: 2, runId: 1 });
    const counts = await jobCounts();
    assert.equal(counts['waiting-children'], 1);
    assert.equal(counts.waiting, 2);
    const again = await cli('jobs', 'enqueue', '--date', DATE);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /期号 2026-06-19 已在队列中（brief-2026-06-19，状态 waiting-children），未重复加入/);
    assert.deepEqual(await jobCounts(), counts);
  });

  void it('crawls, survives a worker killed mid-job, keeps every host polite, dead-letters the broken page and writes the issue', async () => {
    // One worker alone first, killed while it is fetching the slow page: that job is its, in hand.
    const first = startWorker(['--config', config, '--data', data, '--out', out, '--concurrency', '4']);
    workers.push(first);
    await until('the slow page requested', () => siteA.hits('/a/t20260618_slow.html') > 0, 40_000, () => first.stderr());
    first.child.kill('SIGKILL');
    await first.exited;
    // Two workers take the rest, and the killed one's jobs once their locks run out.
    const two = [0, 1].map(() => startWorker(['--config', config, '--data', data, '--out', out, '--concurrency', '4']));
    workers.push(...two);
    const finished = () => two.flatMap((w) => w.lines).filter((line) => line.event === 'job');
    await until('the brief job done', () => finished().some((line) => line.name === 'brief' && line.outcome === 'completed'), 50_000, () => two.map((w) => w.stderr()).join(''));

    // The issue is written, from both sites' documents.
    const brief = JSON.parse(readFileSync(join(out, DATE, 'brief.json'), 'utf8')) as { items: unknown[] };
    assert.ok(brief.items.length >= 1);
    assert.ok(existsSync(join(out, DATE, 'brief.md')));
    // Every good page stored once, the slow page (in hand at the kill) too; the broken one not.
    const store = await openTestStore(data);
    const urls = (site: TestSite, names: string[]) => names.map((n) => `${site.base}/a/t20260618_${n}.html`);
    for (const url of [...urls(siteA, ['1', '2', '3', '4', 'slow']), ...urls(siteB, ['1', '2', '3', '4'])]) assert.ok(await store.hasDocument(url), url);
    assert.equal(await store.hasDocument(`${siteA.base}/a/t20260618_broken.html`), false);
    assert.equal(await store.documentCount('site-a'), 5);
    assert.equal(await store.documentCount('site-b'), 4);
    const runsA = await store.sourceRuns('site-a', 5);
    assert.equal(runsA.length, 1);
    assert.equal(runsA[0]!.documentsNew, 5);
    assert.match(runsA[0]!.errors.join('\n'), /t20260618_broken\.html: HTTP 500/);
    await store.close();
    // The run the enqueue started is finished by the brief job with the crawl's counts, as `run` records one.
    const row = (await storeRows<{ mode: string; summary: string }>(data, 'SELECT mode, CAST(summary AS TEXT) AS summary FROM runs WHERE id = 1'))[0]!;
    const summary = JSON.parse(row.summary) as { mode: string; itemsChosen: number; crawl: { sourcesRead: number; documentsKept: number; failures: { url: string }[] } };
    assert.equal(row.mode, 'queue');
    assert.equal(summary.crawl.sourcesRead, 2);
    assert.equal(summary.crawl.documentsKept, 9);
    assert.deepEqual(summary.crawl.failures.map((f) => f.url), [`${siteA.base}/a/t20260618_broken.html`]);
    assert.equal(summary.itemsChosen, brief.items.length);
    // The slow page twice: the killed worker's request, then its job's re-run. Any other page at most twice
    // (a job killed between its response and its document runs again); a page stored is never fetched again.
    assert.equal(siteA.hits('/a/t20260618_slow.html'), 2);
    for (const site of [siteA, siteB]) for (const path of ['1', '2', '3', '4'].map((n) => `/a/t20260618_${n}.html`)) assert.ok([1, 2].includes(site.hits(path)), path);
    // Politeness held across three processes, as each site saw it.
    assert.deepEqual(politenessViolations(siteA), []);
    assert.deepEqual(politenessViolations(siteB), []);

    // The broken page: two attempts, then the dead-letter list, which did not hold up the brief.
    assert.equal(siteA.hits('/a/t20260618_broken.html'), 2);
    const failed = await cli('jobs', 'failed', '--json');
    assert.equal(failed.code, 0, failed.stderr);
    const dead = JSON.parse(failed.stdout) as { name: string; url: string; sourceId: string; date: string; attempts: number; error: string }[];
    assert.deepEqual(dead.map(({ name, url, sourceId, date, attempts }) => ({ name, url, sourceId, date, attempts })), [
      { name: 'fetch-page', url: `${siteA.base}/a/t20260618_broken.html`, sourceId: 'site-a', date: DATE, attempts: 2 },
    ]);
    assert.match(dead[0]!.error, /^HTTP 500：http:\/\/127\.0\.0\.1:\d+\/a\/t20260618_broken\.html$/);
    const plain = await cli('jobs', 'failed', '--lang', 'en');
    assert.match(plain.stdout, /^page-2026-06-19-\w+ {2}fetch-page {2}http:\/\/127\.0\.0\.1:\d+\/a\/t20260618_broken\.html {2}2 attempts {2}\d{4}-\d\d-\d\d \d\d:\d\d {2}HTTP 500: http/m);

    // Enqueued again, the day is found held: nothing added, no new run.
    const before = await jobCounts();
    const enqueued = await cli('jobs', 'enqueue', '--date', DATE, '--json');
    assert.equal((JSON.parse(enqueued.stdout) as { added: boolean; state: string }).state, 'completed');
    assert.deepEqual(await jobCounts(), before);

    // Run again (retry the dead page, which fails again): nothing else changes.
    const retried = await cli('jobs', 'retry', '--all');
    assert.equal(retried.code, 0, retried.stderr);
    await until('the retried page failed again', () => siteA.hits('/a/t20260618_broken.html') === 4 && finished().filter((line) => line.outcome === 'failed').length === 2);
    const counts = await jobCounts();
    assert.equal(counts.failed, 1);
    const again = await openTestStore(data);
    assert.equal(await again.documentCount('site-a'), 5);
    await again.close();

    // SIGTERM: each worker finishes what it holds and exits 0.
    for (const worker of two) worker.child.kill('SIGTERM');
    for (const worker of two) {
      assert.equal(await worker.exited, 0, worker.stderr());
      assert.equal(worker.lines.at(-1)?.event, 'stopped');
    }
  });

  void it('names an unreachable Redis in one line and exits non-zero', async () => {
    for (const args of [['jobs'], ['worker']]) {
      const result = await runCli([...args, '--config', config, '--data', data], { env: { XINZHI_REDIS: 'redis://127.0.0.1:1' } });
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^xinzhi: 无法连接任务队列的 Redis redis:\/\/127\.0\.0\.1:1（ECONNREFUSED）\n$/);
    }
  });
});
