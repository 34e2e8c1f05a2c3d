// The Redis store's shards (redis-layout.ts), without Redis: one shard with the store's own prefix on a
// single Redis, hash-tagged shards spread over the slot range on a Cluster, and append batches split per
// shard in order.
import { describe, expect, it } from 'vitest';
import {
  keySlot,
  RedisLayout,
  splitBatch,
  splitRecords,
} from '../../runtime/src/server/stores/redis/redis-layout.js';

describe('redis layout', () => {
  it('has one shard on a single Redis, with the key names of earlier versions', () => {
    const layout = new RedisLayout('app:', 16, false);
    expect(layout.shards).toEqual([{ prefix: 'app:', channel: 'app:notices' }]);
    expect(layout.shardOf('anything')).toBe(layout.shards[0]);
  });

  it('gives each Cluster shard a hash tag in its own part of the slot range', () => {
    for (const count of [1, 3, 16, 64, 1024]) {
      const layout = new RedisLayout('app:', count, true);
      expect(layout.shards).toHaveLength(count);
      layout.shards.forEach((shard, k) => {
        expect(shard.prefix).toMatch(/^app:\{s\d+\}$/);
        const slot = keySlot(`${shard.prefix}c:x`);
        expect(slot).toBe(keySlot(`${shard.prefix}active`));
        expect(Math.floor((slot * count) / 16384)).toBe(k);
      });
    }
  });

  it('computes the slots CLUSTER KEYSLOT gives (known values)', () => {
    // From the Redis Cluster specification and redis-cli CLUSTER KEYSLOT.
    expect(keySlot('123456789')).toBe(0x31c3 % 16384);
    expect(keySlot('foo')).toBe(12182);
    expect(keySlot('{user1000}.following')).toBe(keySlot('{user1000}.followers'));
    // An empty tag does not count: the whole key is hashed.
    expect(keySlot('foo{}{bar}')).not.toBe(keySlot('bar'));
    expect(keySlot('foo{{bar}}zap')).toBe(keySlot('{bar'));
  });

  it('splits an append batch per shard: a client to its shard in order, a topic publish to every shard', () => {
    const layout = new RedisLayout('app:', 4, true);
    const ids = Array.from({ length: 40 }, (_, i) => `client-${i}`);
    const args: (string | number)[] = [];
    for (const id of ids) args.push('a', id, 2, `${id}#1`, `${id}#2`);
    args.push('t', 'room', 'E', 'body');
    for (const id of ids) args.push('a', id, 1, `${id}#3`);
    const parts = splitBatch(layout, args);
    expect(parts.size).toBe(4);
    for (const [shard, part] of parts) {
      // The publish sits between each client's first and second group, in every shard.
      const at = part.indexOf('t');
      expect(part.slice(at, at + 4)).toEqual(['t', 'room', 'E', 'body']);
      const before = part
        .slice(0, at)
        .filter((arg) => typeof arg === 'string' && arg.includes('#'));
      const after = part
        .slice(at + 4)
        .filter((arg) => typeof arg === 'string' && arg.includes('#'));
      expect(before.every((arg) => /#[12]$/.test(String(arg)))).toBe(true);
      expect(after.every((arg) => String(arg).endsWith('#3'))).toBe(true);
      for (const arg of [...before, ...after])
        expect(layout.shardOf(String(arg).split('#')[0]!)).toBe(shard);
    }
    const single = new RedisLayout('app:', 4, false);
    expect([...splitBatch(single, args)]).toEqual([[single.shards[0], args]]);
  });

  it("splits call records to their client's shard, and a group to the shards that got something of it", () => {
    const layout = new RedisLayout('app:', 4, true);
    const [a, b] = ['client-a', 'client-b'];
    let other = 0;
    while (layout.shardOf(`client-${other}`) === layout.shardOf(a)) other++;
    const c = `client-${other}`;
    const args = [
      'x',
      'a:1',
      'a',
      a,
      1,
      'p1',
      'a',
      c,
      1,
      'p2',
      'y',
      'r',
      a,
      '1',
      '200 1',
      'a',
      b,
      1,
      'p3',
    ];
    const parts = splitBatch(layout, args);
    for (const [shard, part] of parts) {
      const mine = [a, c].filter((id) => layout.shardOf(id) === shard);
      if (mine.length === 0) expect(part).not.toContain('x');
      else expect(part.slice(0, 2)).toEqual(['x', 'a:1']);
      expect(part.includes('r')).toBe(layout.shardOf(a) === shard);
    }
    expect(parts.get(layout.shardOf(c))!.slice(0, 7)).toEqual(['x', 'a:1', 'a', c, 1, 'p2', 'y']);
    const [events, records] = splitRecords(args);
    expect(records).toEqual(['r', a, '1', '200 1']);
    expect(events).toEqual(args.filter((_, i) => i < 11 || i > 14));
  });
});
