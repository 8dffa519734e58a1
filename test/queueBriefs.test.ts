// The job queue with config/briefs/ (README "Several briefs from one crawl"): `xinzhi jobs enqueue` and one
// `xinzhi worker` against a real Redis on 127.0.0.1:6379 (a prefix of the test's own, removed at the end)
// and the two-brief fixture's site on loopback: one crawl of the briefs' sources, each brief into
// out/<id>/<date>/ and its own store; a brief the desk has published is not retried.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { BriefJobData, BriefsResult } from '../src/queue/jobs.ts';
import { QUEUE_NAME } from '../src/queue/jobs.ts';
import { articles, assertIssuesApart, BROKEN_PAGE, configIn, issueDate, readBrief, routes } from './briefsSite.ts';
import { runCli, tempDir } from './helpers.ts';
import { clearQueue, REDIS_URL, startWorker, until } from './queueHarness.ts';
import { startSite } from './sites.ts';
import { storeRows } from './storeFor.ts';

void describe('the job queue with config/briefs/', () => {
  void it('crawls the union of the briefs\' sources once and writes every brief into its own folder and store; a brief the desk published fails for good, naming each brief, with no --again', async (t) => {
    const site = await startSite(routes({ broken: true }));
    t.after(() => site.close());
    const dir = tempDir();
    const [data, out] = [join(dir, 'data'), join(dir, 'out')];
    const prefix = `xinzhi-test-qbriefs-${randomUUID()}`;
    const config = configIn(dir, site.base);
    // Two attempts: a brief job failed for good shows as one attempt of two.
    writeFileSync(config, `${readFileSync(config, 'utf8')}\nqueue:\n  redis: ${REDIS_URL}\n  prefix: ${prefix}\n  attempts: 2\n  backoffMs: 100\n  lockMs: 4000\n`);
    t.after(() => clearQueue(prefix));
    const cli = (...args: string[]) => runCli([...args, '--config', config, '--data', data]);

    // An unknown --brief is one line naming the briefs there are.
    const unknown = await cli('jobs', 'enqueue', '--date', issueDate, '--brief', 'weather');
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr, 'xinzhi: 没有编号为 weather 的简报（有：ai、energy）\n');

    // The union of the briefs' sources: nea (both), hz-jxj (ai), nb-fgw (energy); never cs-kjj.
    const enqueued = await cli('jobs', 'enqueue', '--date', issueDate, '--json');
    assert.equal(enqueued.code, 0, enqueued.stderr);
    assert.deepEqual(JSON.parse(enqueued.stdout), { date: issueDate, added: true, briefId: `brief-${issueDate}`, sources: 3, briefs: ['ai', 'energy'], runId: 1, state: 'waiting-children' });

    const worker = startWorker(['--config', config, '--data', data, '--out', out, '--concurrency', '4']);
    t.after(() => {
      if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    });
    await until('the brief job done', () => worker.jobs('brief', 'completed').length === 1, 40_000, () => worker.stderr());

    // Its line names each brief's outcome; each brief is in out/<id>/<date>/, the single-brief folder is not written.
    const done = worker.jobs('brief', 'completed')[0]!.result as BriefsResult;
    assert.deepEqual(done.briefs.map((line) => [line.id, line.ok, line.ok ? line.outFolder : '']), [['ai', true, join(out, 'ai', issueDate)], ['energy', true, join(out, 'energy', issueDate)]]);
    assert.equal(readBrief(join(out, 'ai', issueDate)).title, '人工智能每日动态');
    assert.equal(readBrief(join(out, 'energy', issueDate)).title, '新型能源每日动态');
    assert.equal(existsSync(join(out, issueDate)), false);
    const paths = (folder: string) => readBrief(folder).references.map((r) => new URL(r.url).pathname);
    assert.ok(paths(join(out, 'energy', issueDate)).every((p) => p.startsWith('/nea/') || p.startsWith('/nb/')));
    assert.ok(paths(join(out, 'ai', issueDate)).includes('/hz/202606/t20260618_1.html'));

    // Each source read once, each page fetched once (the broken one twice: its two attempts), 长沙 never.
    const hits = (path: string) => site.log.filter((entry) => entry.path === path).length;
    for (const path of ['/nea/list.html', '/hz/list.html', '/nb/list.html', ...articles.slice(0, 4).map((a) => a.path)]) assert.equal(hits(path), 1, path);
    assert.equal(hits(BROKEN_PAGE), 2);
    assert.deepEqual(site.log.filter((entry) => entry.path.startsWith('/cs/')), []);

    // Each brief's issue in its own store; the documents once, in the shared one.
    const energyStore = await assertIssuesApart(data);
    try {
      // The desk publishes the energy brief's issue: a machine draft may no longer replace it.
      await energyStore.desk.recordPublication({ issueDate, revision: 1, publishedBy: 'editor', publishedAt: '2026-06-19T01:30:00.000Z', note: null });
    } finally {
      await energyStore.close();
    }
    // The run's row records the crawl once and each brief's outcome.
    const row = (await storeRows<{ summary: string }>(data, 'SELECT CAST(summary AS TEXT) AS summary FROM runs WHERE id = 1'))[0]!;
    const summary = JSON.parse(row.summary) as { crawl: { sourcesRead: number; failures: { url: string }[] }; briefs: { id: string; ok: boolean }[] };
    assert.equal(summary.crawl.sourcesRead, 3);
    assert.deepEqual(summary.crawl.failures.map((f) => new URL(f.url).pathname), [BROKEN_PAGE]);
    assert.deepEqual(summary.briefs.map((b) => [b.id, b.ok]), [['ai', true], ['energy', true]]);

    // Run again: ai is written, energy refused as published. The job fails for good after one attempt of
    // two, its line naming both briefs, and does not suggest --again (the crawl's problem notwithstanding).
    const energyBefore = readFileSync(join(out, 'energy', issueDate, 'brief.json'));
    const again = await cli('jobs', 'enqueue', '--date', issueDate, '--again', '--json');
    assert.equal(again.code, 0, again.stderr);
    await until('the brief job failed', () => worker.jobs('brief', 'failed').length === 1, 40_000, () => worker.stderr());
    const failed = worker.jobs('brief', 'failed')[0]!;
    assert.equal(failed.attempts, 1);
    assert.equal(worker.jobs('brief', 'retry').length, 0);
    const error = String(failed.error);
    assert.match(error, new RegExp(`^简报 ai：\\d+ 条，已写入 ${join(out, 'ai', issueDate).replaceAll('\\', '\\\\')}；简报 energy 未写成：2026-06-19 期已由编辑台发布（第 1 版`));
    assert.doesNotMatch(error, /--again/);
    const english = JSON.parse((await cli('jobs', 'failed', '--json', '--lang', 'en')).stdout) as { id: string; attempts: number; error: string }[];
    const dead = english.find((job) => job.id === `brief-${issueDate}`)!;
    assert.equal(dead.attempts, 1);
    assert.match(dead.error, /^brief ai: \d+ sections, written to .+; brief energy not written: issue 2026-06-19 was published from the desk/);
    assert.doesNotMatch(dead.error, /--again/);
    assert.deepEqual(readFileSync(join(out, 'energy', issueDate, 'brief.json')), energyBefore);
    worker.child.kill('SIGTERM');
    assert.equal(await worker.exited, 0);

    // --brief ID: that brief alone, and only its sources are crawled.
    const one = await cli('jobs', 'enqueue', '--date', '2026-06-20', '--brief', 'ai', '--json');
    assert.equal(one.code, 0, one.stderr);
    assert.deepEqual(JSON.parse(one.stdout), { date: '2026-06-20', added: true, briefId: 'brief-2026-06-20', sources: 2, briefs: ['ai'], runId: 3, state: 'waiting-children' });
    const redis = new Redis(REDIS_URL);
    const queue = new Queue(QUEUE_NAME, { connection: redis, prefix });
    try {
      const day = await queue.getJob('brief-2026-06-20');
      assert.deepEqual((day?.data as BriefJobData | undefined)?.briefs, ['ai']);
      const crawlJobs = (await queue.getWaiting()).map((job) => job.id).sort();
      assert.deepEqual(crawlJobs, ['crawl-2026-06-20-hz-jxj', 'crawl-2026-06-20-nea']);
    } finally {
      await queue.close();
      redis.disconnect();
    }
  });
});
