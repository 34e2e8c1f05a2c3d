// While Redis is down, ioredis fails a reconnect every few hundred ms and emits an 'error' for each:
// the redis store reports the first of an outage per connection, then at most one summary a minute,
// and a new outage (after Redis answered again) is reported again. Unit cases run OutageReport on a
// fake clock; the chaos case kills a redis-server of the test's own.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { OutageReport } from '../../runtime/src/server/stores/redis/outage-report.js';
import { redisStore } from '../../runtime/src/server/stores/redis/index.js';
import { freePort } from '../stores/server-process.js';
import { describeWithRedisServer, startRedisProcess, type RedisProcess } from './redis-process.js';

describe('OutageReport', () => {
  it('reports the first error of an outage, counts the repeats and summarises them when due', () => {
    let now = 1_000;
    const reported: unknown[] = [];
    const outage = new OutageReport(
      'the commands connection',
      (e) => reported.push(e),
      () => now,
    );
    const refused = new Error('connect ECONNREFUSED 127.0.0.1:1');
    outage.failed(refused);
    for (let i = 0; i < 20; i++) {
      now += 500;
      outage.failed(refused);
    }
    expect(reported).toEqual([refused]);
    now = 61_000;
    outage.failed(refused);
    expect(reported).toHaveLength(2);
    const summary = reported[1] as Error;
    expect(summary.message).toBe(
      'contract-gen redis store: the commands connection still unreachable after 60 s: 21 more failed reconnects, the last: connect ECONNREFUSED 127.0.0.1:1',
    );
    expect(summary.cause).toBe(refused);
  });

  it('reports the first error of the next outage once the connection was ready again', () => {
    const reported: unknown[] = [];
    const outage = new OutageReport(
      'the notices connection',
      (e) => reported.push(e),
      () => 0,
    );
    const first = new Error('first');
    const second = new Error('second');
    outage.failed(first);
    outage.failed(first);
    outage.recovered();
    outage.failed(second);
    outage.failed(second);
    expect(reported).toEqual([first, second]);
  });
});

const redises: RedisProcess[] = [];
afterAll(async () => {
  for (const redis of redises) await redis.stop();
});

describeWithRedisServer('a redis store while its Redis is down', () => {
  it('reports each connection once per outage, however many reconnects fail', async () => {
    const redis = await startRedisProcess(await freePort(), false);
    redises.push(redis);
    // Both connections (commands and notices) share these options: count their reconnect attempts.
    let attempts = 0;
    const errors: unknown[] = [];
    const store = redisStore({
      redis: {
        host: '127.0.0.1',
        port: redis.port,
        retryStrategy: () => {
          attempts += 1;
          return 20;
        },
      },
      prefix: `outage-report-${process.pid}:`,
    });
    await store.start(
      {
        ttl: 60_000,
        maxQueue: 100,
        overflow: 'drop-oldest',
        now: Date.now,
        onError: (e) => errors.push(e),
      },
      { appended() {}, released() {}, ended() {} },
    );
    try {
      await store.open('client-a');
      expect(errors).toEqual([]);

      await redis.kill();
      await vi.waitFor(() => expect(attempts).toBeGreaterThanOrEqual(30), {
        timeout: 60_000,
        interval: 20,
      });
      // One report per connection for the whole outage (the summary comes after a minute).
      expect(errors.length).toBeGreaterThanOrEqual(1);
      expect(errors.length).toBeLessThanOrEqual(2);
      const firstOutage = errors.length;

      await redis.start();
      await vi.waitFor(() => store.open('client-b'), { timeout: 60_000, interval: 50 });
      // Both connections ready again before the next outage starts.
      await vi.waitFor(() => store.touch('client-b'), { timeout: 60_000, interval: 50 });
      const before = attempts;
      await redis.kill();
      await vi.waitFor(() => expect(attempts).toBeGreaterThanOrEqual(before + 30), {
        timeout: 60_000,
        interval: 20,
      });
      expect(errors.length).toBeGreaterThan(firstOutage);
      expect(errors.length).toBeLessThanOrEqual(firstOutage + 2);
    } finally {
      await store.stop();
    }
  }, 120_000);
});
