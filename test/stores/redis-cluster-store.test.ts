// The Redis store on a Redis Cluster (three local masters, test/support/redis-cluster.ts): the shared
// store suite, the key layout (every key of a client in one slot), sharded wake-ups between two stores,
// and the setups it refuses.
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type {
  ClientStore,
  StoreConfig,
  StoreListener,
} from '../../runtime/src/server/stores/client-store.js';
import { runStoreSuite } from '../../runtime/src/server/stores/client-store.suite.js';
import { redisStore } from '../../runtime/src/server/stores/redis/index.js';
import { keySlot, RedisLayout } from '../../runtime/src/server/stores/redis/redis-layout.js';
import { describeWithRedisCluster } from '../support/redis-cluster.js';

let places = 0;
const run = `cg-test-${process.pid}-${Date.now().toString(36)}`;
/** A fresh key prefix on the cluster. */
const prefix = (name: string) => `${run}:${name}-${++places}:`;

const config = (ttl = 60_000): StoreConfig => ({
  ttl,
  maxQueue: 100,
  overflow: 'drop-oldest',
  now: Date.now,
});
const quiet: StoreListener = { appended() {}, released() {}, ended() {} };

describeWithRedisCluster('redis store on a Redis Cluster', (cluster) => {
  let client: Cluster;
  const stores: ClientStore[] = [];
  beforeAll(() => {
    client = cluster().connect();
  });
  afterAll(async () => {
    for (const store of stores) await store.stop();
    client.disconnect();
  });
  const store = (options: { prefix: string; shards?: number }) => {
    const made = redisStore({ redis: client, ...options });
    stores.push(made);
    return made;
  };

  runStoreSuite(
    'redis cluster',
    (place) => redisStore({ redis: client, prefix: `${run}:suite-${place}:` }),
    {
      durable: true,
      shared: true,
    },
  );

  /** Every key on the cluster's masters that starts with `start`. */
  async function keysOf(start: string): Promise<string[]> {
    const keys: string[] = [];
    for (const node of client.nodes('master')) keys.push(...(await node.keys(`${start}*`)));
    return keys.sort();
  }

  it("a call's events are stored once per shard however often the call runs (a resend after a partly stored batch)", async () => {
    const a = store({ prefix: prefix('group') });
    await a.start(config(), quiet);
    const layout = new RedisLayout('x', 16, true);
    // Members in several shards, each a client with callback 1 in the topic.
    const members: string[] = [];
    const shards = new Set<string>();
    for (let i = 0; shards.size < 6; i++) {
      const id = `member-${i}`;
      if (shards.has(layout.shardOf(id).prefix)) continue;
      shards.add(layout.shardOf(id).prefix);
      members.push(id);
      await a.open(id);
      await a.register(id, 1);
      expect(await a.join('room', id, 1, 'E')).toBe(true);
    }
    const caller = members[0]!;
    const publish = (n: number) => a.publish('room', 'E', `"method":"m","args":[${n}]`);
    // The first sending of call c1 stores its events; running it again (as a resend whose answer
    // was not recorded does) stores nothing more; another call stores its own.
    a.withCall!(caller, 'c1', () => (publish(1), publish(2)));
    await a.flush();
    a.withCall!(caller, 'c1', () => (publish(1), publish(2)));
    a.withCall!(caller, 'c2', () => publish(3));
    await a.flush();
    for (const id of members) {
      const read = await a.read(id, 0, 100);
      expect(read.events.map((e) => (JSON.parse(e) as { args: number[] }).args[0])).toEqual([
        1, 2, 3,
      ]);
    }
  });

  it('computes slots as Redis does, and spreads its shards over every master', async () => {
    for (const key of [
      'a',
      'contract-gen:c:x',
      'p{tag}x',
      'p{}x',
      '{}{a}',
      'ü€',
      'AbC-_0123456789xyzXYZ',
    ]) {
      expect(keySlot(key)).toBe(await client.cluster('KEYSLOT', key));
    }
    const layout = new RedisLayout('app:', 16, true);
    const slots = layout.shards.map((shard) => keySlot(`${shard.prefix}active`));
    expect(new Set(slots).size).toBe(16);
    const owners = new Set<string>();
    const ranges = await client.cluster('SLOTS');
    for (const slot of slots) {
      const [, , master] = ranges.find(([low, high]) => slot >= low && slot <= high)!;
      owners.add(String(master?.[1]));
    }
    expect(owners.size).toBe(3);
  });

  it('keeps every key of a client in one slot (its shard), and its topic members there too', async () => {
    const at = prefix('slots');
    const s = store({ prefix: at });
    await s.start(config(), quiet);
    const ids = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'];
    for (const id of ids) {
      await s.open(id, 'alice');
      expect(await s.register(id, 1)).toBe('live');
      expect(await s.join('room', id, 1, 'E')).toBe(true);
      s.append(id, '"cb":1,"method":"m","args":[]');
    }
    s.publish('room', 'E', '"method":"n","args":[]');
    await s.flush();
    expect(await s.topicSize('room')).toBe(ids.length);
    const keys = await keysOf(at);
    for (const id of ids) {
      const own = keys.filter((key) => key.endsWith(`:${id}`));
      // c: (hash), q: (stream), b: (sizes), m: (memberships), o: (owner)
      expect(
        own
          .map((key) => key.slice(key.indexOf('}') + 1, key.indexOf(':', key.indexOf('}'))))
          .sort(),
      ).toEqual(['b', 'c', 'm', 'o', 'q']);
      const slots = new Set(await Promise.all(own.map((key) => client.cluster('KEYSLOT', key))));
      expect(slots.size).toBe(1);
      const [slot] = slots;
      // The shard's topic hash and sweep index are in the same slot.
      const shard = own[0]!.slice(0, own[0]!.indexOf('}') + 1);
      expect(await client.cluster('KEYSLOT', `${shard}t:room`)).toBe(slot);
      expect(await client.cluster('KEYSLOT', `${shard}active`)).toBe(slot);
      const read = await s.read(id, 0, 10);
      expect(read.events.map((e) => (JSON.parse(e) as { method: string }).method)).toEqual([
        'm',
        'n',
      ]);
    }
    // The clients are spread over more than one shard.
    expect(
      new Set(keys.filter((k) => k.includes('}c:')).map((k) => k.slice(0, k.indexOf('}')))).size,
    ).toBeGreaterThan(1);
    expect(await s.owner?.('k1')).toBe('alice');
    for (const id of ids) expect(await s.close(id)).toBe('live');
    expect(await s.topicSize('room')).toBe(0);
  });

  it('two stores: appends made on one are read on the other in order, once, and wake its listener (sharded pub/sub)', async () => {
    const at = prefix('two');
    const woken: string[] = [];
    const a = store({ prefix: at });
    const b = store({ prefix: at });
    await a.start(config(), quiet);
    await b.start(config(), { ...quiet, appended: (id) => woken.push(id) });
    const ids = Array.from({ length: 12 }, (_, i) => `two-${i}`);
    for (const id of ids) await a.open(id);
    for (let n = 1; n <= 50; n++) for (const id of ids) a.append(id, `"method":"m","args":[${n}]`);
    await a.flush();
    await vi.waitFor(() => expect(new Set(woken)).toEqual(new Set(ids)), { timeout: 5_000 });
    for (const id of ids) {
      const seen: number[] = [];
      let after = 0;
      for (;;) {
        const { events } = await b.read(id, after, 7);
        if (events.length === 0) break;
        for (const text of events) {
          const event = JSON.parse(text) as { seq: number; args: [number] };
          seen.push(event.args[0]);
          after = event.seq;
        }
      }
      expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    }
    // A close on b reaches a as an end.
    const ended: string[] = [];
    const c = store({ prefix: at });
    await c.start(config(), { ...quiet, ended: (id) => ended.push(id) });
    await b.close('two-3');
    await vi.waitFor(() => expect(ended).toEqual(['two-3']), { timeout: 5_000 });
  });

  it('drops, on a publish, topic members whose client keys expired unswept (in their own shard)', async () => {
    const at = prefix('expired');
    const s = store({ prefix: at });
    await s.start(config(), quiet);
    for (const id of ['x1', 'x2', 'x3', 'x4']) {
      await s.open(id);
      await s.register(id, 1);
      await s.join('room', id, 1, 'E');
    }
    const hash = (await keysOf(at)).find((key) => key.endsWith('}c:x2'))!;
    await client.del(hash);
    s.publish('room', 'E', '"method":"m","args":[]');
    await s.flush();
    expect(await s.topicSize('room')).toBe(3);
    expect((await s.read('x1', 0, 10)).events).toHaveLength(1);
  });

  it("leases: a store that died (its lease lapsed) has its registrations released by another's sweep, in every shard, with notices", async () => {
    const at = prefix('leases');
    const released: [string, number[]][] = [];
    const dead = redisStore({ redis: client, prefix: at, lease: 300 });
    await dead.start(config(), quiet);
    const ids = Array.from({ length: 8 }, (_, i) => `l${i}`);
    for (const id of ids) {
      await dead.open(id);
      expect(await dead.register(id, 1)).toBe('live');
    }
    await dead.stop(); // as if SIGKILLed: no retire, its lease lapses by itself
    const alive = store({ prefix: at });
    await alive.start(config(), { ...quiet, released: (id, cbs) => released.push([id, [...cbs]]) });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await alive.sweep(Date.now());
    await alive.flush();
    expect(released.sort()).toEqual(ids.map((id) => [id, [1]]));
    for (const id of ids)
      expect((await alive.read(id, 0, 10)).events).toEqual([
        '{"seq":1,"cb":1,"released":"server-restart"}',
      ]);
    // Nothing is left to release: the dead store left the set of leases once every shard was done.
    released.length = 0;
    await alive.sweep(Date.now());
    expect(released).toEqual([]);
    expect(await client.smembers(`${at}leases`)).toHaveLength(1);
  });

  it('reader claims and disconnects reach the other store through the sharded channels', async () => {
    const at = prefix('claims');
    const taken: [string, string, number][] = [];
    const gone: [string, string, string | undefined][] = [];
    const a = store({ prefix: at });
    const b = store({ prefix: at });
    await a.start(config(), {
      ...quiet,
      takenOver: (id, reader, claim) => void taken.push([id, reader, claim]),
    });
    await b.start(config(), quiet);
    await a.open('c1');
    expect(await a.claimReader!('c1', 'poll')).toBe(1);
    expect(await b.claimReader!('c1', 'poll')).toBe(2);
    await vi.waitFor(() => expect(taken).toEqual([['c1', 'poll', 2]]), { timeout: 5_000 });
    const c = store({ prefix: at });
    await c.start(config(), {
      ...quiet,
      disconnected: (target, id, reason) => void gone.push([target, id, reason]),
    });
    await b.announceDisconnect!('principal', 'alice', 'signed out');
    await vi.waitFor(() => expect(gone).toEqual([['principal', 'alice', 'signed out']]), {
      timeout: 5_000,
    });
  });

  it('refuses a prefix with braces, a keyPrefix, and another shard count on the same prefix', async () => {
    expect(() => redisStore({ redis: client, prefix: 'a{b}:' })).toThrow(/cannot hold \{ or \}/);
    const prefixed = new Cluster(cluster().nodes as { host: string; port: number }[], {
      keyPrefix: 'x:',
      lazyConnect: true,
    });
    expect(() => redisStore({ redis: prefixed })).toThrow(/keyPrefix/);
    prefixed.disconnect();
    const old = prefix('old');
    await client.zadd(`${old}active`, 1, 'x');
    await expect(store({ prefix: old }).start(config(), quiet)).rejects.toThrow(
      /holds keys of the single-Redis layout/,
    );
    const at = prefix('shards');
    await store({ prefix: at, shards: 8 }).start(config(), quiet);
    await expect(store({ prefix: at, shards: 4 }).start(config(), quiet)).rejects.toThrow(
      /shards 8 on this Cluster, and this store was given shards 4/,
    );
  });
});
