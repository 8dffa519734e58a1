import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { runSchedule, type ScheduleEvent, type ScheduledJob } from '../src/schedule/loop.ts';
import { lockDataFolder } from '../src/store/lock.ts';
import type { Store } from '../src/store/store.ts';
import { openTestStore } from './storeFor.ts';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers.ts';
import { configWithCatalog, html, listPage, startSite, type TestSite } from './sites.ts';
import { previousDay, shanghaiDay } from '../src/util/time.ts';
import { issueDateOfTrigger, nextRun, scheduleTrigger, type ScheduleSettings } from '../src/schedule/plan.ts';
import type { AttemptsSoFar } from '../src/domain/schedule.ts';
import { UserError } from '../src/util/errors.ts';

const settings: ScheduleSettings = { cron: '30 6 * * *', timezone: 'Asia/Shanghai', retryAfterMinutes: 60, catchUp: true };
const none: AttemptsSoFar = { attempts: 0, succeeded: false, lastAt: null };
const at = (iso: string) => new Date(iso);
const history = (records: Record<string, AttemptsSoFar>) => (issueDate: string) => records[issueDate] ?? none;

describe('schedule plan', () => {
  it('runs the next trigger in Shanghai time when the last one went out', () => {
    const planned = nextRun(at('2026-11-30T08:00:00+08:00'), settings, history({ '2026-11-30': { attempts: 1, succeeded: true, lastAt: at('2026-11-30T06:40:00+08:00') } }));
    assert.deepEqual(planned, { at: at('2026-12-01T06:30:00+08:00'), issueDate: '2026-12-01', attempt: 1, reason: 'trigger' });
  });

  it('catches up the most recent trigger missed while the machine was off, and only that one', () => {
    const now = at('2026-11-30T09:15:00+08:00');
    assert.deepEqual(nextRun(now, settings, history({})), { at: now, issueDate: '2026-11-30', attempt: 1, reason: 'catch-up' });
    // Before today's trigger, yesterday's issue is the one missed.
    const early = at('2026-11-30T05:00:00+08:00');
    assert.equal(nextRun(early, settings, history({})).issueDate, '2026-11-29');
    assert.equal(nextRun(now, { ...settings, catchUp: false }, history({})).reason, 'trigger');
  });

  it('retries a failed run once, later that morning, and not after the next trigger', () => {
    const failed = { '2026-11-30': { attempts: 1, succeeded: false, lastAt: at('2026-11-30T06:45:00+08:00') } };
    const planned = nextRun(at('2026-11-30T06:46:00+08:00'), settings, history(failed));
    assert.deepEqual(planned, { at: at('2026-11-30T07:45:00+08:00'), issueDate: '2026-11-30', attempt: 2, reason: 'retry' });
    // Restarted after the retry's time: it runs at once.
    const late = at('2026-11-30T10:00:00+08:00');
    assert.deepEqual(nextRun(late, settings, history(failed)).at, late);
    // Twice failed: the next day's trigger.
    const twice = { '2026-11-30': { attempts: 2, succeeded: false, lastAt: at('2026-11-30T07:50:00+08:00') } };
    assert.equal(nextRun(at('2026-11-30T08:00:00+08:00'), settings, history(twice)).issueDate, '2026-12-01');
    // A retry that would fall after the next trigger gives way to it.
    const evening = { '2026-11-30': { attempts: 1, succeeded: false, lastAt: at('2026-12-01T06:00:00+08:00') } };
    assert.equal(nextRun(at('2026-12-01T06:00:00+08:00'), settings, history(evening)).reason, 'trigger');
  });

  it('runs a trigger on time whether or not catch-up is on, as a cron line starting --once a moment late does', () => {
    const now = at('2026-11-30T06:30:05+08:00');
    for (const catchUp of [true, false]) assert.deepEqual(nextRun(now, { ...settings, catchUp }, history({})), { at: now, issueDate: '2026-11-30', attempt: 1, reason: 'trigger' });
    // Past the quarter hour it is a catch-up, and only with catch-up on.
    assert.equal(nextRun(at('2026-11-30T06:46:00+08:00'), settings, history({})).reason, 'catch-up');
    assert.equal(nextRun(at('2026-11-30T06:46:00+08:00'), { ...settings, catchUp: false }, history({})).issueDate, '2026-12-01');
  });

  it('answers a later trigger of the same issue after a failure (a cron of several triggers a day)', () => {
    const hourly = { ...settings, cron: '0 * * * *' };
    const failed = { '2026-11-30': { attempts: 1, succeeded: false, lastAt: at('2026-11-30T09:00:40+08:00') } };
    assert.deepEqual(nextRun(at('2026-11-30T10:00:00+08:00'), hourly, history(failed)), { at: at('2026-11-30T10:00:00+08:00'), issueDate: '2026-11-30', attempt: 2, reason: 'trigger' });
    // Out of attempts: nothing more that day.
    const twice = { '2026-11-30': { attempts: 2, succeeded: false, lastAt: at('2026-11-30T10:00:40+08:00') } };
    assert.deepEqual(nextRun(at('2026-11-30T11:00:00+08:00'), hourly, history(twice)), { at: at('2026-12-01T00:00:00+08:00'), issueDate: '2026-12-01', attempt: 1, reason: 'trigger' });
  });

  it('reads the cron in its zone but names the issue by its Shanghai day', () => {
    const utc = { ...settings, cron: '0 23 * * *', timezone: 'UTC' };
    const planned = nextRun(at('2026-11-30T12:00:00Z'), utc, history({ '2026-11-30': { attempts: 1, succeeded: true, lastAt: null } }));
    assert.equal(planned.at.toISOString(), '2026-11-30T23:00:00.000Z');
    assert.equal(planned.issueDate, '2026-12-01');
    assert.equal(issueDateOfTrigger(at('2026-11-30T16:00:00Z')), '2026-12-01');
  });

  it('refuses an expression or zone cron cannot read, naming the key', () => {
    assert.throws(() => scheduleTrigger({ cron: '61 6 * * *', timezone: 'Asia/Shanghai' }), (err: unknown) => err instanceof UserError && /schedule\.cron/.test(err.message));
    assert.throws(() => scheduleTrigger({ cron: '30 6 * * *', timezone: 'Mars/Olympus' }), UserError);
  });
});

/**
 * Drives the loop on virtual time: sleeping moves the clock to the planned time. Stops (aborts) after
 * `limit` attempts have started, so a test sees a bounded run.
 */
async function drive(store: Store, job: ScheduledJob, start: string, options: { once?: boolean; limit?: number } = {}) {
  let now = at(start);
  const events: ScheduleEvent[] = [];
  const controller = new AbortController();
  const io = {
    now: () => now,
    sleepUntil: async (until: Date) => {
      now = until;
    },
    report: (event: ScheduleEvent) => {
      events.push(event);
      if (event.kind === 'started' && events.filter((e) => e.kind === 'started').length >= (options.limit ?? Infinity)) controller.abort();
    },
  };
  await runSchedule(settings, job, store, io, { once: options.once ?? false, signal: controller.signal });
  return { events, now };
}

describe('schedule loop', () => {
  it('catches up a missed issue once, publishes it, and remembers it across restarts', async () => {
    const store = await openTestStore(tempDir());
    const written: string[] = [];
    const published: string[] = [];
    const job: ScheduledJob = { write: async (date) => (written.push(date), 'written'), publish: async (date) => void published.push(date) };
    const first = await drive(store, job, '2026-11-30T09:00:00+08:00', { once: true });
    assert.deepEqual(written, ['2026-11-30']);
    assert.deepEqual(published, ['2026-11-30']);
    assert.equal(first.events.at(-1)?.kind, 'waiting');
    // Restarted the same morning: nothing is due until tomorrow's trigger.
    await drive(store, job, '2026-11-30T10:00:00+08:00', { once: true });
    assert.deepEqual(written, ['2026-11-30']);
    // Left running, it writes the next days at their triggers.
    await drive(store, job, '2026-11-30T10:00:00+08:00', { limit: 2 });
    assert.deepEqual(written, ['2026-11-30', '2026-12-01', '2026-12-02']);
    assert.deepEqual(await store.scheduledAttempts('2026-12-01'), { attempts: 1, succeeded: true, lastAt: (await store.scheduledAttempts('2026-12-01')).lastAt });
    await store.close();
  });

  it('retries a failed write once, an hour later, records both, and never publishes a failed or withheld issue', async () => {
    const store = await openTestStore(tempDir());
    const tries: string[] = [];
    let published = 0;
    const job: ScheduledJob = {
      write: async (date) => {
        tries.push(date);
        if (date === '2026-12-01') throw new Error('站点全部无法访问');
        return date === '2026-12-02' ? 'needs-review' : 'written';
      },
      publish: async () => void published++,
    };
    const { events } = await drive(store, job, '2026-11-30T20:00:00+08:00', { limit: 4 });
    assert.deepEqual(tries, ['2026-11-30', '2026-12-01', '2026-12-01', '2026-12-02']);
    const finished = events.filter((e) => e.kind === 'finished');
    assert.deepEqual(finished.map((e) => [e.run.issueDate, e.run.reason, e.outcome, e.retries]), [
      ['2026-11-30', 'catch-up', 'written', false],
      ['2026-12-01', 'trigger', 'failed', true],
      ['2026-12-01', 'retry', 'failed', false],
      ['2026-12-02', 'trigger', 'needs-review', false],
    ]);
    assert.ok(events.some((e) => e.kind === 'awaiting-approval' && e.issueDate === '2026-12-02'));
    assert.equal(published, 1);
    assert.deepEqual((await store.scheduledAttempts('2026-12-01')).attempts, 2);
    assert.ok(events.some((e) => e.kind === 'finished' && e.detail.includes('站点全部无法访问')));
    await store.close();
  });

  it('counts an attempt killed before it finished as a failed one', async () => {
    const dir = tempDir();
    const killed = await openTestStore(dir);
    await killed.startScheduledRun('2026-11-30', 1, 'trigger', at('2026-11-30T06:30:00+08:00'));
    await killed.close();
    const store = await openTestStore(dir);
    const tries: string[] = [];
    await drive(store, { write: async (date) => (tries.push(date), 'written') }, '2026-11-30T08:00:00+08:00', { once: true });
    // The retry, due an hour after the attempt that never finished, runs at once at 08:00.
    assert.deepEqual(tries, ['2026-11-30']);
    assert.equal((await store.scheduledAttempts('2026-11-30')).succeeded, true);
    assert.equal((await store.scheduledAttempts('2026-11-30')).attempts, 2);
    await store.close();
  });
});

/**
 * A site listing one article published yesterday (Shanghai), the day today's issue reads, closed when the
 * test ends; its catalog line is the source test-city.
 */
async function yesterdaysSite(t: TestContext): Promise<{ site: TestSite; catalog: string }> {
  const yesterday = previousDay(shanghaiDay(new Date().toISOString()));
  const article = `<html><head><meta name="ArticleTitle" content="测试市人工智能算力券实施细则"><meta name="PubDate" content="${yesterday} 09:00"></head><body>
      <div class="info">来源：测试市数据局</div><div class="TRS_Editor"><p>为加快发展新质生产力，推动人工智能与实体经济深度融合，测试市数据局印发《测试市人工智能算力券实施细则》。</p>
      <p>每年发放算力券1000万元，支持建设行业高质量数据集，培育一批智能体应用。</p></div></body></html>`;
  const site = await startSite({
    '/list/': (_, res) => html(res, listPage([{ href: '/a/1.html', title: '测试市人工智能算力券实施细则', date: yesterday }])),
    '/a/1.html': (_, res) => html(res, article),
  });
  t.after(() => site.close());
  return { site, catalog: `- { id: test-city, name: 测试市数据局, tier: municipal, region: 测试市, homepage: "${site.base}/", allowPrivate: true, entries: [{ type: list, url: "${site.base}/list/" }] }\n` };
}

/** A webhook on loopback that answers 200 and keeps every body it received; closed when the test ends. */
async function webhook(t: TestContext): Promise<{ base: string; received: string[] }> {
  const received: string[] = [];
  const hook = await startSite({
    '/hook': (req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push(body);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    },
  });
  t.after(() => hook.close());
  return { base: hook.base, received };
}

describe('xinzhi schedule', () => {
  it('--once runs the trigger due, writes the issue, and the next --once waits; a failed run exits non-zero', async (t) => {
    const today = shanghaiDay(new Date().toISOString());
    const { site, catalog } = await yesterdaysSite(t);
    const dir = tempDir();
    const config = configWithCatalog(dir, catalog);
    // Every minute: the minute now began is the trigger due.
    writeFileSync(config, readFileSync(config, 'utf8').replace(/cron: "30 6 \* \* \*"/, 'cron: "* * * * *"'));
    assert.match(readFileSync(config, 'utf8'), /cron: "\* \* \* \* \*"/);
    const data = join(dir, 'data');
    const out = join(dir, 'out');
    const first = await runCli(['schedule', '--once', '--config', config, '--data', data, '--out', out]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, new RegExp(`开始运行期号 ${today}（定时）`));
    assert.match(first.stdout, new RegExp(`期号 ${today} 已写成\n`));
    assert.match(first.stdout, /等待编辑审核后发布/);
    assert.match(first.stdout, /下次运行：\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）/);
    const brief = JSON.parse(readFileSync(join(out, today, 'brief.json'), 'utf8')) as { date: string; references: { url: string }[] };
    assert.equal(brief.date, today);
    assert.ok(brief.references.some((r) => r.url === `${site.base}/a/1.html`));
    const again = await runCli(['schedule', '--once', '--config', config, '--data', data, '--out', out, '--lang', 'en']);
    assert.equal(again.code, 0, again.stderr);
    assert.doesNotMatch(again.stdout, /running issue/);
    assert.match(again.stdout, /next run: .* \(Beijing time\), issue/);

    // With publish.auto, the issue written is sent, once, through the channels of `xinzhi publish`.
    const { base: hookBase, received } = await webhook(t);
    writeFileSync(config, `${readFileSync(config, 'utf8')}\npublish:\n  auto: true\n  linkBase: https://brief.example.cn/\n  retries: 0\n  channels:\n    - { name: partner, kind: webhook, urlEnv: XINZHI_TEST_HOOK_URL, secretEnv: XINZHI_TEST_HOOK_SECRET }\n`);
    const env = { XINZHI_TEST_HOOK_URL: `${hookBase}/hook`, XINZHI_TEST_HOOK_SECRET: 'test-secret' };
    const auto = await runCli(['schedule', '--once', '--config', config, '--data', join(dir, 'data3'), '--out', join(dir, 'out3')], { env });
    assert.equal(auto.code, 0, auto.stderr);
    assert.match(auto.stdout, new RegExp(`期号 ${today} 已写成\n[\\s\\S]*期号 ${today} 已发布`));
    assert.equal(received.length, 1);
    assert.equal((JSON.parse(received[0]!) as { date: string }).date, today);

    // Another command holds the data folder: this attempt fails, naming it, and is retried later; nothing is written.
    const busy = join(dir, 'data4');
    const held = await lockDataFolder(busy, { command: 'run', waitSeconds: 0 });
    try {
      const refused = await runCli(['schedule', '--once', '--config', config, '--data', busy, '--out', join(dir, 'out4')]);
      assert.equal(refused.code, 1);
      // Every minute, the next trigger (not an hour's retry) tries the issue again.
      assert.match(refused.stdout, new RegExp(`期号 ${today} 运行失败：数据目录 .*data4 正被另一个 xinzhi 进程使用[^\n（]*（进程 \\d+@[^\n]*\n下次运行：[^\n]*期号 ${today}\n`));
      assert.equal(existsSync(join(dir, 'out4')), false);
    } finally {
      held.release();
    }

    // Two schedulers started at once on one data folder: one writes the issue, the other is refused by the lock.
    const both = await Promise.all([1, 2].map(() => runCli(['schedule', '--once', '--config', config, '--data', join(dir, 'data5'), '--out', join(dir, 'out5')])));
    assert.equal(both.filter((r) => new RegExp(`期号 ${today} 已写成\n`).test(r.stdout)).length, 1, both.map((r) => r.stdout).join('\n---\n'));
    // The other found the data folder locked, or the attempt already started and nothing due: it wrote nothing.
    const other = both.find((r) => !new RegExp(`期号 ${today} 已写成\n`).test(r.stdout))!;
    assert.match(other.stdout, /正被另一个 xinzhi 进程使用|^下次运行：/m);
    assert.doesNotMatch(other.stdout, /已写成/);
    const attempts = await openTestStore(join(dir, 'data5'));
    assert.equal((await attempts.scheduledAttempts(today)).succeeded, true);
    await attempts.close();

    // The output folder cannot be made (a file stands where it would go): the attempt fails and says it will be retried.
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, '');
    const failing = await runCli(['schedule', '--once', '--config', config, '--data', join(dir, 'data2'), '--out', join(blocked, 'out')]);
    assert.equal(failing.code, 1);
    assert.match(failing.stdout, new RegExp(`期号 ${today} 运行失败：无法写入`));
    assert.doesNotMatch(failing.stdout, /稍后重试一次/);
    assert.equal(existsSync(join(blocked, 'out')), false);
  });

  it('with config/briefs/, runs one crawl for every brief and sends each brief that publishes on its own', async (t) => {
    const today = shanghaiDay(new Date().toISOString());
    const { site, catalog } = await yesterdaysSite(t);
    const { base: hookBase, received } = await webhook(t);
    const dir = tempDir();
    const config = configWithCatalog(dir, catalog);
    writeFileSync(config, readFileSync(config, 'utf8').replace(/cron: "30 6 \* \* \*"/, 'cron: "* * * * *"'));
    mkdirSync(join(dir, 'config', 'briefs'));
    const channel = '  channels:\n    - { name: partner, kind: webhook, urlEnv: XINZHI_TEST_HOOK_URL, secretEnv: XINZHI_TEST_HOOK_SECRET }\n';
    writeFileSync(join(dir, 'config', 'briefs', 'city.yaml'), `sources: all\nbrief: { title: 测试市每日动态 }\npublish:\n  auto: true\n  linkBase: https://brief.example.cn/city/\n  retries: 0\n${channel}`);
    writeFileSync(join(dir, 'config', 'briefs', 'quiet.yaml'), `sources: all\nbrief: { title: 测试市周报 }\n`);
    const out = join(dir, 'out');
    const result = await runCli(['schedule', '--once', '--config', config, '--data', join(dir, 'data'), '--out', out], { env: { XINZHI_TEST_HOOK_URL: `${hookBase}/hook`, XINZHI_TEST_HOOK_SECRET: 'test-secret' } });
    assert.equal(result.code, 0, result.stderr + result.stdout);
    // One crawl for both briefs: the list and the article once each.
    assert.equal(site.log.filter((entry) => entry.path === '/a/1.html').length, 1);
    for (const id of ['city', 'quiet']) assert.equal((JSON.parse(readFileSync(join(out, id, today, 'brief.json'), 'utf8')) as { date: string }).date, today);
    // Only the brief with publish.auto went out, once, as its own issue.
    assert.equal(received.length, 1);
    assert.equal((JSON.parse(received[0]!) as { title: string }).title, '测试市每日动态');
  });
});
