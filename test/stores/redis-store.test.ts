import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { redisStore } from '../../runtime/src/server/stores/redis/index.js';
import { runStoreSuite } from '../../runtime/src/server/stores/client-store.suite.js';
import { describeWithRedis, redisPrefix, redisTarget } from './redis-target.js';

describeWithRedis('redis store', () => {
  runStoreSuite(
    'redis',
    (place) =>
      redisStore({ redis: redisTarget.url, prefix: `${redisTarget.prefix}suite-${place}:` }),
    { durable: true, shared: true },
  );

  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(redisTarget.url);
  });
  afterAll(() => redis.quit());

  it('keeps every key under its prefix, and gives live keys a TTL in case no server sweeps', async () => {
    const prefix = redisPrefix('keys');
    const store = redisStore({ redis: redisTarget.url, prefix });
    await store.start(
      { ttl: 60_000, maxQueue: 10, overflow: 'drop-oldest', now: Date.now },
      { appended() {}, released() {}, ended() {} },
    );
    await store.open('k');
    await store.register('k', 1);
    store.append('k', '"cb":1,"method":"m","args":[]');
    await store.flush();
    const keys = (await redis.keys(`${prefix}*`)).sort();
    // The registration made this store a holder: its lease (L:), its holdings (h:) and the list of leases.
    const holder = keys.find((key) => key.startsWith(`${prefix}h:`))!.slice(prefix.length + 2);
    expect(keys).toEqual(
      [
        `${prefix}active`,
        `${prefix}b:k`,
        `${prefix}c:k`,
        `${prefix}q:k`,
        `${prefix}L:${holder}`,
        `${prefix}h:${holder}`,
        `${prefix}leases`,
      ].sort(),
    );
    for (const key of [`${prefix}b:k`, `${prefix}c:k`, `${prefix}q:k`, `${prefix}h:${holder}`])
      expect(await redis.pttl(key)).toBeGreaterThan(60_000);
    expect(await redis.pttl(`${prefix}L:${holder}`)).toBeGreaterThan(0);
    await store.close('k');
    // The lease stays while the store runs (it expires by itself once the process is gone).
    expect((await redis.keys(`${prefix}*`)).sort()).toEqual(
      [`${prefix}e:k`, `${prefix}L:${holder}`, `${prefix}leases`].sort(),
    );
    expect(await redis.pttl(`${prefix}e:k`)).toBeGreaterThan(50_000);
    await store.stop();
  });

  it('keeps topic members under its prefix with a TTL, deletes them when the client ends, and drops members whose keys expired unswept', async () => {
    const prefix = redisPrefix('topics');
    const store = redisStore({ redis: redisTarget.url, prefix });
    await store.start(
      { ttl: 60_000, maxQueue: 10, overflow: 'drop-oldest', now: Date.now },
      { appended() {}, released() {}, ended() {} },
    );
    for (const client of ['k', 'x']) {
      await store.open(client);
      await store.register(client, 1);
      await store.join('room', client, 1, 'E');
    }
    expect(await redis.hgetall(`${prefix}t:room`)).toEqual({ '1 k': 'E', '1 x': 'E' });
    expect(await redis.pttl(`${prefix}m:k`)).toBeGreaterThan(60_000);
    await store.close('k');
    expect(await redis.exists(`${prefix}m:k`)).toBe(0);
    expect(await redis.hgetall(`${prefix}t:room`)).toEqual({ '1 x': 'E' });
    // As if x's keys had expired with no server left to sweep: the next publish drops the member.
    await redis.del(`${prefix}c:x`);
    store.publish('room', 'E', '"method":"m","args":[]');
    await store.flush();
    expect(await store.topicSize('room')).toBe(0);
    await store.stop();
  });

  it('uses a client it is given by copying it, and leaves the client open', async () => {
    const prefix = redisPrefix('client');
    const store = redisStore({ redis, prefix });
    await store.start(
      { ttl: 60_000, maxQueue: 10, overflow: 'drop-oldest', now: Date.now },
      { appended() {}, released() {}, ended() {} },
    );
    await store.open('k');
    expect(await store.touch('k')).toBe('live');
    await store.stop();
    expect(await redis.ping()).toBe('PONG');
  });
});
