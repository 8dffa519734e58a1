import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { HostLease, HostLeaseLimits } from '../src/domain/hostLease.ts';
import { RedisHostLease } from '../src/queue/hostLease.ts';
import { PgHostLease } from '../src/store/hostLeasePg.ts';

// The services run on this machine and in CI (trust auth); each run works under its own names and removes them.
const REDIS_URL = process.env.XINZHI_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const PG_URL = process.env.XINZHI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const CLIENTS = 8;

/** A lease backend under test: `leases(limits)` gives CLIENTS leases, each on its own connection. */
interface Backend {
  name: string;
  setUp(): Promise<void>;
  leases(limits: HostLeaseLimits): HostLease[];
  tearDown(): Promise<void>;
}

function redisBackend(): Backend {
  const prefix = `xinzhi-test-lease-${randomUUID()}:`;
  const clients = Array.from({ length: CLIENTS }, () => new Redis(REDIS_URL, { lazyConnect: true }));
  return {
    name: 'Redis',
    setUp: async () => void (await Promise.all(clients.map((c) => c.connect()))),
    leases: (limits) => clients.map((c) => new RedisHostLease(c, limits, prefix)),
    tearDown: async () => {
      const keys = await clients[0]!.keys(`${prefix}*`);
      if (keys.length) await clients[0]!.del(...keys);
      await Promise.all(clients.map((c) => c.quit()));
    },
  };
}

function pgBackend(): Backend {
  const table = `xinzhi_test_lease_${randomUUID().replaceAll('-', '')}`;
  const pools = Array.from({ length: CLIENTS }, () => new pg.Pool({ connectionString: PG_URL, max: 1 }));
  return {
    name: 'PostgreSQL',
    setUp: () => new PgHostLease(pools[0]!, { delayMs: () => 0, leaseMs: 0 }, table).install(),
    leases: (limits) => pools.map((p) => new PgHostLease(p, limits, table)),
    tearDown: async () => {
      await pools[0]!.query(`DROP TABLE IF EXISTS ${table}`);
      await Promise.all(pools.map((p) => p.end()));
    },
  };
}

for (const backend of [redisBackend(), pgBackend()]) {
  describe(`host lease in ${backend.name}`, () => {
    before(() => backend.setUp());
    after(() => backend.tearDown());
    // Wide margins: CI shares its cores, and a sleep may overrun by tens of milliseconds.
    const delayMs = 150;
    const leaseMs = 2000;
    const fresh = () => `host-${randomUUID()}`;

    it('keeps one request in flight per host, then spaces the next start from the end of the last', async () => {
      const [one, two] = backend.leases({ delayMs: () => delayMs, leaseMs });
      const host = fresh();
      assert.deepEqual(await one!.acquire(host, 'a'), { granted: true });
      const refused = await two!.acquire(host, 'b');
      assert.ok(!refused.granted && refused.waitMs > 0 && refused.waitMs <= delayMs, JSON.stringify(refused));
      await sleep(delayMs + 30);
      // The spacing from the start has passed, but the request is still in flight.
      assert.equal((await two!.acquire(host, 'b')).granted, false);
      assert.equal(await one!.release(host, 'a'), true);
      const afterEnd = await two!.acquire(host, 'b');
      assert.ok(!afterEnd.granted && afterEnd.waitMs > delayMs / 2 && afterEnd.waitMs <= delayMs, JSON.stringify(afterEnd));
      await sleep(afterEnd.waitMs + 5);
      assert.deepEqual(await two!.acquire(host, 'b'), { granted: true });
    });

    it('lets other hosts go while one is held', async () => {
      const [one, two] = backend.leases({ delayMs: () => delayMs, leaseMs });
      const host = fresh();
      assert.equal((await one!.acquire(host, 'a')).granted, true);
      assert.equal((await two!.acquire(fresh(), 'b')).granted, true);
      assert.equal((await two!.acquire(host, 'b')).granted, false);
    });

    it('takes the delay per host', async () => {
      const slow = fresh();
      const [lease] = backend.leases({ delayMs: (host) => (host === slow ? 1000 : 20), leaseMs });
      const fast = fresh();
      for (const host of [slow, fast]) {
        assert.equal((await lease!.acquire(host, 'a')).granted, true);
        assert.equal(await lease!.release(host, 'a'), true);
      }
      await sleep(40);
      assert.equal((await lease!.acquire(fast, 'b')).granted, true);
      const refused = await lease!.acquire(slow, 'b');
      assert.ok(!refused.granted && refused.waitMs > 500, JSON.stringify(refused));
    });

    it('ignores a release by a holder that has no lease', async () => {
      const [one, two] = backend.leases({ delayMs: () => delayMs, leaseMs });
      const host = fresh();
      assert.equal((await one!.acquire(host, 'a')).granted, true);
      assert.equal(await two!.release(host, 'intruder'), false);
      await sleep(delayMs + 20);
      assert.equal((await two!.acquire(host, 'b')).granted, false);
    });

    it('frees a lease its holder never released (a killed worker) after leaseMs, and fences the late release', async () => {
      const shortLease = 400;
      const [one, two, three] = backend.leases({ delayMs: () => delayMs, leaseMs: shortLease });
      const host = fresh();
      const taken = performance.now();
      assert.equal((await one!.acquire(host, 'dead')).granted, true);
      await sleep(delayMs + 20);
      const early = await two!.acquire(host, 'b');
      if (performance.now() - taken < shortLease - 20) assert.equal(early.granted, false);
      await sleep(Math.max(0, taken + shortLease + 50 - performance.now()));
      assert.equal((await two!.acquire(host, 'b')).granted, true);
      // The killed holder's release, were it to come now, must not free b's lease.
      assert.equal(await one!.release(host, 'dead'), false);
      assert.equal((await three!.acquire(host, 'c')).granted, false);
    });

    it('gives a host to exactly one of many workers racing on separate connections', async () => {
      const leases = backend.leases({ delayMs: () => delayMs, leaseMs });
      for (let round = 0; round < 10; round++) {
        const host = fresh();
        const grants = await Promise.all(leases.map((lease, i) => lease.acquire(host, `w${i}`)));
        assert.equal(grants.filter((g) => g.granted).length, 1, `round ${round}`);
      }
    });

    it('never lets two requests overlap nor start within the delay of the last end, under contention', async () => {
      // Every client loops over three hosts for a while; each "request" is logged by the client between
      // the grant and the release, so the log is inside what the store saw.
      const spacing = 40;
      const leases = backend.leases({ delayMs: () => spacing, leaseMs: 2000 });
      const hosts = [fresh(), fresh(), fresh()];
      const log = new Map<string, { start: number; end: number }[]>(hosts.map((h) => [h, []]));
      const until = performance.now() + 1500;
      await Promise.all(
        leases.map(async (lease, i) => {
          for (let n = 0; performance.now() < until; n++) {
            const host = hosts[(i + n) % hosts.length]!;
            const holder = `w${i}-${n}`;
            const grant = await lease.acquire(host, holder);
            if (!grant.granted) {
              await sleep(Math.min(grant.waitMs, 20));
              continue;
            }
            const start = performance.timeOrigin + performance.now();
            await sleep(Math.random() * 15);
            log.get(host)!.push({ start, end: performance.timeOrigin + performance.now() });
            assert.equal(await lease.release(host, holder), true);
          }
        }),
      );
      for (const [host, entries] of log) {
        entries.sort((a, b) => a.start - b.start);
        assert.ok(entries.length >= 5, `${host}: only ${entries.length} requests`);
        for (let i = 1; i < entries.length; i++) {
          const gap = entries[i]!.start - entries[i - 1]!.end;
          // 2 ms: the store's clock in whole milliseconds against this process's in fractions.
          assert.ok(gap >= spacing - 2, `${host}: request ${i} started ${gap.toFixed(1)} ms after the previous one ended`);
        }
      }
    });
  });
}
