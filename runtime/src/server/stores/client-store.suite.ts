// The one test suite every ClientStore passes (memory, SQLite, Redis):
// `runStoreSuite('redis', (place) => redisStore({ prefix: place, ... }), { durable: true, shared: true })`.
// It drives the store through its interface only, with its own clock, and
// waits for listener notices (a store may deliver them asynchronously).
// A `place` names where a store keeps its data (a file, a key prefix): a
// store made again at the same place sees the same clients.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eventJson, REMEMBERED_CALLS } from './client-store.js';
import type { ClientStore, OverflowPolicy, StoreConfig } from './client-store.js';
import type { ReadResult } from './read-result.js';
import { logTests } from './client-store-logs.suite.js';

/** What the store told its listener, in order. */
type Notice =
  ['appended', string] | ['released', string, readonly number[]] | ['ended', string, string];

interface Fixture {
  store: ClientStore;
  place: string;
  notices: Notice[];
  clock: { now: number };
  /** A fresh, opened client id. */
  open(): Promise<string>;
  /** Appends events whose payload is `"cb":1,"method":"m","args":[n]` for each n. */
  append(client: string, ...ns: number[]): Promise<void>;
  /** Reads and returns the `args[0]` of each event, checking the seqs. */
  read(
    client: string,
    after: number,
    max?: number,
    from?: number,
  ): Promise<{ ns: number[]; seqs: number[]; result: ReadResult }>;
}

/** What a store can do beyond the basics, and so which further tests it gets. */
export interface StoreSuiteOptions {
  /** A store made again at the same place keeps the clients (test a stop and a reopen). */
  readonly durable?: boolean;
  /** Two stores at one place may run at once, like server processes sharing a Redis (test notices and races between them). */
  readonly shared?: boolean;
  /**
   * One process per place: a reopened store releases, with release notices,
   * every registration that is not a topic member (the process that held
   * their stand-ins is gone). SQLite.
   */
  readonly releasesOnStart?: boolean;
}

const ttl = 60_000;
let counter = 0;

/**
 * Registers the shared store tests under `describe(name)`. `create(place)`
 * makes an unstarted store at `place` (a fresh name for each test, or one
 * used before when a test reopens or shares it).
 */
export function runStoreSuite(
  name: string,
  create: (place: string) => ClientStore | Promise<ClientStore>,
  options: StoreSuiteOptions = {},
): void {
  describe(`ClientStore: ${name}`, () => {
    let stores: ClientStore[] = [];
    beforeEach(() => {
      stores = [];
    });
    afterEach(async () => {
      for (const store of stores) await store.stop();
    });

    async function fixture(
      maxQueue = 100,
      overflow: OverflowPolicy = 'drop-oldest',
      place = `p${process.pid}-${++counter}`,
      clock = { now: 1_700_000_000_000 },
      maxBatchChars?: number,
      maxQueueBytes?: number,
    ): Promise<Fixture> {
      const store = await create(place);
      stores.push(store);
      const notices: Notice[] = [];
      const config: StoreConfig = {
        ttl,
        maxQueue,
        overflow,
        now: () => clock.now,
        ...(maxBatchChars === undefined ? {} : { maxBatchChars }),
        ...(maxQueueBytes === undefined ? {} : { maxQueueBytes }),
      };
      await store.start(config, {
        appended: (client) => void notices.push(['appended', client]),
        released: (client, callbacks) => void notices.push(['released', client, [...callbacks]]),
        ended: (client, reason) => void notices.push(['ended', client, reason]),
      });
      return {
        store,
        place,
        notices,
        clock,
        async open() {
          const client = `suite-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 10)}`;
          await store.open(client);
          return client;
        },
        async append(client, ...ns) {
          // Even ones in the two pieces a stand-in gives (its method's prefix, the arguments) where the store takes them, odd ones whole.
          for (const n of ns) {
            if (n % 2 === 0 && store.appendPieces !== undefined)
              store.appendPieces(client, '"cb":1,"method":"m","args":', `[${n}]`);
            else store.append(client, `"cb":1,"method":"m","args":[${n}]`);
          }
          await store.flush();
        },
        async read(client, after, max = 1000, from?: number) {
          const result =
            from === undefined
              ? await store.read(client, after, max)
              : await store.read(client, after, max, from);
          // What readers take (`count`, `wrap`) agrees with the texts; taken first, as a store may make the texts only when asked.
          const { count } = result;
          const wrapped = result.wrap('[', ']');
          expect([count, wrapped]).toEqual([result.events.length, `[${result.events.join(',')}]`]);
          if (result.status !== 'live')
            expect(result.toJSON()).toEqual({ status: result.status, events: [] });
          const events =
            result.status === 'live'
              ? result.events.map((text) => JSON.parse(text) as { seq: number; args?: number[] })
              : [];
          return {
            // A release notice (no args) shows as -1.
            ns: events.map((e) => (e.args === undefined ? -1 : (e.args[0] as number))),
            seqs: events.map((e) => e.seq),
            result,
          };
        },
      };
    }

    it('opens live clients and knows nothing of others', async () => {
      const f = await fixture();
      const client = await f.open();
      expect(await f.store.touch(client)).toBe('live');
      for (const status of [
        f.store.touch('nobody'),
        f.store.register('nobody', 1),
        f.store.release('nobody', [1]),
        f.store.close('nobody'),
      ]) {
        expect(await status).toBe('unknown');
      }
      expect((await f.store.read('nobody', 0, 10)).status).toBe('unknown');
    });

    it('numbers events from 1 per client and answers them in order as JSON with the payload', async () => {
      const f = await fixture();
      const [a, b] = [await f.open(), await f.open()];
      await f.append(a, 10, 11, 12);
      await f.append(b, 20);
      const read = await f.read(a, 0);
      expect(read.seqs).toEqual([1, 2, 3]);
      expect(read.result.toJSON()).toEqual({
        status: 'live',
        events: [
          '{"seq":1,"cb":1,"method":"m","args":[10]}',
          expect.any(String),
          expect.any(String),
        ],
      });
      expect(await f.read(b, 0)).toMatchObject({ ns: [20], seqs: [1] });
    });

    it('stops a read before the event that takes its texts past maxBatchChars, and always reads one', async () => {
      // Every event here is 41 characters: {"seq":1,"cb":1,"method":"m","args":[10]}.
      for (const [budget, expected] of [
        [10, [10]],
        [81, [10]],
        [82, [10, 11]],
        [122, [10, 11]],
        [123, [10, 11, 12]],
        [10_000, [10, 11, 12, 13, 14]],
      ] as const) {
        const f = await fixture(100, 'drop-oldest', undefined, undefined, budget);
        const client = await f.open();
        await f.append(client, 10, 11, 12, 13, 14);
        expect((await f.read(client, 0)).ns, `budget ${budget}`).toEqual(expected);
        // `from` reads past what a pump already sent; the rest follows once acknowledged.
        expect((await f.read(client, 0, 1000, 3)).ns[0]).toBe(13);
        expect((await f.read(client, expected.length)).ns[0]).toBe(
          expected.length === 5 ? undefined : 10 + expected.length,
        );
      }
    });

    it('stops a read at maxBatchChars however large the events are, and still reads one larger than it', async () => {
      const f = await fixture(100, 'drop-oldest', undefined, undefined, 500);
      const client = await f.open();
      const big = 'x'.repeat(600);
      for (let i = 0; i < 4; i++)
        f.store.append(client, `"cb":1,"method":"m","args":[${i},"${big}"]`);
      await f.store.flush();
      // Each event (about 630 characters) is larger than the bound: one per read, in order.
      for (let seq = 1; seq <= 4; seq++)
        expect((await f.read(client, seq - 1)).seqs).toEqual([seq]);
      expect((await f.read(client, 4)).seqs).toEqual([]);
    });

    it('keeps events until acknowledged, then forgets them', async () => {
      const f = await fixture();
      const client = await f.open();
      await f.append(client, 1, 2, 3, 4);
      expect((await f.read(client, 0)).ns).toEqual([1, 2, 3, 4]);
      expect((await f.read(client, 0)).ns).toEqual([1, 2, 3, 4]);
      expect((await f.read(client, 2)).ns).toEqual([3, 4]);
      expect((await f.read(client, 0)).ns).toEqual([3, 4]);
      expect((await f.read(client, 4)).ns).toEqual([]);
      await f.append(client, 5);
      expect(await f.read(client, 4)).toMatchObject({ ns: [5], seqs: [5] });
    });

    it('answers at most max events', async () => {
      const f = await fixture();
      const client = await f.open();
      await f.append(client, ...Array.from({ length: 25 }, (_, i) => i + 1));
      expect((await f.read(client, 0, 10)).seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect((await f.read(client, 20, 10)).seqs).toEqual([21, 22, 23, 24, 25]);
    });

    it('from: acknowledges through after only and answers the events after from', async () => {
      const f = await fixture();
      const client = await f.open();
      await f.append(client, 1, 2, 3, 4, 5, 6);
      expect((await f.read(client, 0, 10, 2)).seqs).toEqual([3, 4, 5, 6]);
      expect((await f.read(client, 0)).seqs).toEqual([1, 2, 3, 4, 5, 6]); // nothing was acknowledged
      expect((await f.read(client, 2, 10, 4)).seqs).toEqual([5, 6]);
      expect((await f.read(client, 0)).seqs).toEqual([3, 4, 5, 6]); // acknowledged through 2, not 4
      expect((await f.read(client, 2, 2, 3)).seqs).toEqual([4, 5]); // at most max
      expect((await f.read(client, 3, 10, 3)).seqs).toEqual([4, 5, 6]); // from = after: a plain read
      expect((await f.read(client, 3, 10, 6)).seqs).toEqual([]);
      expect((await f.read(client, 3, 10, 9)).seqs).toEqual([]); // beyond the last seq: nothing, and no lost gap
      expect((await f.read(client, 3, 10, 9)).result).not.toHaveProperty('gap', expect.anything());
      await f.append(client, 7);
      expect((await f.read(client, 3, 10, 6)).seqs).toEqual([7]);
      expect((await f.read(client, 0)).seqs).toEqual([4, 5, 6, 7]);
    });

    it('from: the gap is the one after the acknowledgement', async () => {
      const f = await fixture(3);
      const client = await f.open();
      await f.append(client, 1, 2, 3, 4, 5); // 1 and 2 are dropped
      const read = await f.read(client, 0, 10, 4);
      expect(read.seqs).toEqual([5]);
      expect(read.result).toMatchObject({ gap: { from: 1, to: 2, count: 2, reason: 'overflow' } });
      expect((await f.read(client, 1, 10, 3)).result).toMatchObject({
        events: [expect.any(String), expect.any(String)],
        gap: { from: 2, to: 2, count: 1 },
      });
      expect((await f.read(client, 0)).seqs).toEqual([3, 4, 5]);
    });

    it('a client read often is not swept, however long it lives', async () => {
      const f = await fixture();
      const [busy, idle] = [await f.open(), await f.open()];
      await f.append(busy, 1);
      for (let elapsed = 0; elapsed < 2 * ttl; elapsed += ttl / 100) {
        f.clock.now += ttl / 100;
        await f.store.read(busy, 0, 10);
        await f.store.sweep(f.clock.now);
      }
      await vi.waitFor(() =>
        expect(f.notices.filter(([kind]) => kind === 'ended')).toEqual([
          ['ended', idle, 'expired'],
        ]),
      );
      expect((await f.read(busy, 0)).ns).toEqual([1]);
    });

    it('a client idle past ttl is swept exactly ttl after its last activity, however often it was read before', async () => {
      const f = await fixture();
      const start = f.clock.now;
      const [client, other] = [await f.open(), await f.open()];
      for (let n = 0; n < 39; n++) {
        f.clock.now += 250;
        await f.store.read(client, 0, 10);
      }
      const last = f.clock.now;
      f.clock.now = start + ttl;
      await f.store.sweep(f.clock.now);
      f.clock.now = last + ttl - 1;
      await f.store.sweep(f.clock.now);
      await vi.waitFor(() =>
        expect(f.notices.filter(([kind]) => kind === 'ended')).toEqual([
          ['ended', other, 'expired'],
        ]),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(f.notices.filter(([kind]) => kind === 'ended')).toEqual([['ended', other, 'expired']]);
      f.clock.now = last + ttl;
      await f.store.sweep(f.clock.now);
      await vi.waitFor(() =>
        expect(f.notices.filter(([kind]) => kind === 'ended')).toEqual([
          ['ended', other, 'expired'],
          ['ended', client, 'expired'],
        ]),
      );
      expect(await f.store.touch(client)).toBe('expired');
    });

    it('a client ahead of the store (it lost events the client had) gets a lost gap, and its next events follow it', async () => {
      const f = await fixture();
      const client = await f.open();
      await f.append(client, 1, 2, 3);
      // The client had seen seq 7: the store lost 4..7 and maybe more after them.
      const lost = { from: 8, to: 8, count: 0, reason: 'lost' };
      expect((await f.store.read(client, 7, 10)).toJSON()).toEqual({
        status: 'live',
        events: [],
        gap: lost,
      });
      expect((await f.store.read(client, 7, 10)).toJSON()).toEqual({
        status: 'live',
        events: [],
        gap: lost,
      }); // repeated until acknowledged
      await f.append(client, 9);
      expect(await f.read(client, 7)).toMatchObject({ ns: [9], seqs: [9], result: { gap: lost } });
      expect((await f.store.read(client, 8, 10)).toJSON()).toEqual({
        status: 'live',
        events: ['{"seq":9,"cb":1,"method":"m","args":[9]}'],
      });
      expect((await f.read(client, 9)).seqs).toEqual([]);
      const empty = await f.open();
      expect((await f.store.read(empty, 1, 10)).toJSON()).toEqual({
        status: 'live',
        events: [],
        gap: { from: 2, to: 2, count: 0, reason: 'lost' },
      });
    });

    it('delivers 1,000 events appended while nobody read, each once, in order', async () => {
      const f = await fixture(10_000);
      const client = await f.open();
      await f.append(client, ...Array.from({ length: 1000 }, (_, i) => i));
      const seen: number[] = [];
      let after = 0;
      for (
        let read = await f.read(client, after, 300);
        read.seqs.length > 0;
        read = await f.read(client, after, 300)
      ) {
        seen.push(...read.ns);
        after = read.seqs.at(-1)!;
      }
      expect(seen).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    });

    it('tells the listener about appends, and ignores appends to unknown clients', async () => {
      const f = await fixture();
      const client = await f.open();
      await f.append(client, 1);
      await f.append('nobody', 1);
      await vi.waitFor(() => expect(f.notices).toContainEqual(['appended', client]));
      expect(f.notices.filter(([, who]) => who === 'nobody')).toEqual([]);
    });

    it('releases registered callbacks only, once', async () => {
      const f = await fixture();
      const client = await f.open();
      expect(await f.store.register(client, 3)).toBe('live');
      expect(await f.store.register(client, 3)).toBe('live');
      expect(await f.store.register(client, 4)).toBe('live');
      expect(await f.store.release(client, [3, 9])).toBe('live');
      expect(await f.store.release(client, [3])).toBe('live');
      await vi.waitFor(() =>
        expect(f.notices.filter(([kind]) => kind === 'released')).toEqual([
          ['released', client, [3]],
        ]),
      );
    });

    it('closes a client: it ends once, its queue goes, and it is reported closed', async () => {
      const f = await fixture();
      const client = await f.open();
      await f.append(client, 1);
      expect(await f.store.close(client)).toBe('live');
      await vi.waitFor(() => expect(f.notices).toContainEqual(['ended', client, 'closed']));
      expect(await f.store.touch(client)).toBe('closed');
      expect(await f.store.close(client)).toBe('closed');
      expect((await f.store.read(client, 0, 10)).status).toBe('closed');
      await f.append(client, 2);
      expect(f.notices.filter(([kind, who]) => kind === 'ended' && who === client)).toHaveLength(1);
    });

    it('keeps the owner a client was opened with, while it lives and after it ended', async () => {
      const f = await fixture();
      const owned = `suite-owned-${++counter}`;
      await f.store.open(owned, 'ann');
      const anonymous = await f.open();
      expect(await f.store.owner?.(owned)).toBe('ann');
      expect(await f.store.owner?.(anonymous)).toBeUndefined();
      expect(await f.store.owner?.('nobody')).toBeUndefined();
      await f.store.close(owned);
      expect(await f.store.touch(owned)).toBe('closed');
      expect(await f.store.owner?.(owned)).toBe('ann');
    });

    it('expires clients without activity for ttl; reads, touches and registrations are activity', async () => {
      const f = await fixture();
      const [idle, reading, touching, registering] = [
        await f.open(),
        await f.open(),
        await f.open(),
        await f.open(),
      ];
      f.clock.now += ttl - 1000;
      await f.store.read(reading, 0, 10);
      await f.store.touch(touching);
      await f.store.register(registering, 1);
      await f.append(idle, 1); // appends are not the client's activity
      f.clock.now += 1000;
      await f.store.sweep(f.clock.now);
      await vi.waitFor(() =>
        expect(f.notices.filter(([kind]) => kind === 'ended')).toEqual([
          ['ended', idle, 'expired'],
        ]),
      );
      expect(await f.store.touch(idle)).toBe('expired');
      for (const client of [reading, touching, registering])
        expect(await f.store.touch(client)).toBe('live');
      f.clock.now += ttl;
      await f.store.sweep(f.clock.now);
      await vi.waitFor(() =>
        expect(f.notices.filter(([kind]) => kind === 'ended')).toHaveLength(4),
      );
    });

    it('drop-oldest: keeps maxQueue events and reports the gap until acknowledged past it', async () => {
      const f = await fixture(3);
      const client = await f.open();
      await f.append(client, 1, 2, 3, 4, 5);
      const read = await f.read(client, 0);
      expect(read.seqs).toEqual([3, 4, 5]);
      expect(read.result).toMatchObject({ gap: { from: 1, to: 2, count: 2, reason: 'overflow' } });
      expect((await f.read(client, 1)).result).toMatchObject({ gap: { from: 2, to: 2, count: 1 } });
      await f.append(client, 6, 7); // drops 3 and 4: the gap grows
      expect((await f.read(client, 1)).result).toMatchObject({ gap: { from: 2, to: 4, count: 3 } });
      const after = await f.read(client, 4);
      expect(after.seqs).toEqual([5, 6, 7]);
      expect(after.result).not.toHaveProperty('gap', expect.anything());
      expect(f.notices.filter(([kind]) => kind === 'ended')).toEqual([]);
    });

    it('drop-oldest: events acknowledged before the bound are not a gap', async () => {
      const f = await fixture(3);
      const client = await f.open();
      await f.append(client, 1, 2, 3);
      await f.read(client, 3);
      await f.append(client, 4, 5, 6);
      const read = await f.read(client, 3);
      expect(read.seqs).toEqual([4, 5, 6]);
      expect(read.result).not.toHaveProperty('gap', expect.anything());
    });

    it('close: ends the client with reason overflow at the bound', async () => {
      const f = await fixture(3, 'close');
      const client = await f.open();
      await f.append(client, 1, 2, 3);
      expect((await f.read(client, 0)).seqs).toEqual([1, 2, 3]);
      await f.append(client, 4);
      await vi.waitFor(() => expect(f.notices).toContainEqual(['ended', client, 'overflow']));
      expect((await f.store.read(client, 0, 10)).status).toBe('overflow');
    });

    // Events 1..9 with seqs 1..9: every text is this long, so a bound of k texts keeps k events.
    const small = eventJson(1, payload(1)).length;

    it('maxQueueBytes, drop-oldest: keeps the newest events whose texts fit and reports exactly the dropped seqs', async () => {
      const f = await fixture(100, 'drop-oldest', undefined, undefined, undefined, 3 * small);
      const client = await f.open();
      await f.append(client, 1, 2, 3, 4, 5);
      const read = await f.read(client, 0);
      expect(read.seqs).toEqual([3, 4, 5]);
      expect(read.result).toMatchObject({ gap: { from: 1, to: 2, count: 2, reason: 'overflow' } });
      await f.append(client, 6); // drops 3: the gap grows
      expect((await f.read(client, 1)).result).toMatchObject({ gap: { from: 2, to: 3, count: 2 } });
      const after = await f.read(client, 3);
      expect(after.seqs).toEqual([4, 5, 6]);
      expect(after.result).not.toHaveProperty('gap', expect.anything());
    });

    it('maxQueueBytes: acknowledged events free their bytes', async () => {
      const f = await fixture(100, 'close', undefined, undefined, undefined, 3 * small);
      const client = await f.open();
      await f.append(client, 1, 2, 3);
      await f.read(client, 2);
      await f.append(client, 4, 5);
      expect((await f.read(client, 2)).seqs).toEqual([3, 4, 5]);
      await f.read(client, 5);
      await f.append(client, 6, 7, 8);
      expect((await f.read(client, 5)).seqs).toEqual([6, 7, 8]);
      expect(f.notices.filter(([kind]) => kind === 'ended')).toEqual([]);
    });

    it('maxQueueBytes, drop-oldest: an event larger than the bound by itself is dropped with the older ones, and the gap names their seqs', async () => {
      const f = await fixture(100, 'drop-oldest', undefined, undefined, undefined, 3 * small);
      const client = await f.open();
      await f.append(client, 1);
      f.store.append(client, `"cb":1,"method":"m","args":["${'x'.repeat(4 * small)}"]`);
      await f.store.flush();
      await f.append(client, 3);
      const read = await f.read(client, 0);
      expect(read.seqs).toEqual([3]);
      expect(read.result).toMatchObject({ gap: { from: 1, to: 2, count: 2, reason: 'overflow' } });
    });

    it('maxQueueBytes, close: ends the client with reason overflow past the bound', async () => {
      const f = await fixture(100, 'close', undefined, undefined, undefined, 3 * small);
      const client = await f.open();
      await f.append(client, 1, 2, 3);
      expect((await f.read(client, 0)).seqs).toEqual([1, 2, 3]);
      await f.append(client, 4);
      await vi.waitFor(() => expect(f.notices).toContainEqual(['ended', client, 'overflow']));
      expect((await f.store.read(client, 0, 10)).status).toBe('overflow');
    });

    it('maxQueueBytes: topic publishes count against the bound like appends', async () => {
      const f = await fixture(100, 'drop-oldest', undefined, undefined, undefined, 3 * small);
      const client = await f.open();
      await f.store.register(client, 1);
      expect(await f.store.join('bytes', client, 1, 'I')).toBe(true);
      for (let n = 1; n <= 5; n++) f.store.publish('bytes', 'I', `"method":"m","args":[${n}]`);
      await f.store.flush();
      const read = await f.read(client, 0);
      expect(read.ns).toEqual([3, 4, 5]);
      expect(read.result).toMatchObject({ gap: { from: 1, to: 2, count: 2 } });
    });

    if (options.durable)
      it('durable, maxQueueBytes: a reopened store still counts the bytes of the events it kept', async () => {
        const before = await fixture(
          100,
          'drop-oldest',
          undefined,
          undefined,
          undefined,
          3 * small,
        );
        const client = await before.open();
        await before.append(client, 1, 2);
        await before.read(client, 1);
        await before.append(client, 3, 4);
        await before.store.stop();
        const after = await fixture(
          100,
          'drop-oldest',
          before.place,
          before.clock,
          undefined,
          3 * small,
        );
        await after.append(client, 5);
        const read = await after.read(client, 1);
        expect(read.seqs).toEqual([3, 4, 5]);
        await after.append(client, 6);
        const next = await after.read(client, 1);
        expect(next.seqs).toEqual([4, 5, 6]);
        expect(next.result).toMatchObject({ gap: { from: 2, to: 3, count: 2 } });
      });

    it('topics: only registered callbacks of live clients join; a publish reaches each member of its interface once, as its own callback', async () => {
      const f = await fixture();
      const [a, b, c] = [await f.open(), await f.open(), await f.open()];
      await f.store.register(a, 3);
      await f.store.register(b, 5);
      await f.store.register(c, 2);
      const topic = `room-${++counter}`;
      expect(await f.store.join(topic, a, 3, 'Chat')).toBe(true);
      expect(await f.store.join(topic, a, 3, 'Chat')).toBe(true); // idempotent
      expect(await f.store.join(topic, b, 5, 'Chat')).toBe(true);
      expect(await f.store.join(topic, c, 2, 'Other')).toBe(true);
      expect(await f.store.join(topic, a, 4, 'Chat')).toBe(false); // never registered
      expect(await f.store.join(topic, 'nobody', 1, 'Chat')).toBe(false);
      expect(await f.store.topicSize(topic)).toBe(3);
      expect(await f.store.topicSize('no-such-topic')).toBe(0);
      f.store.publish(topic, 'Chat', '"method":"m","args":[7]');
      await f.store.flush();
      expect((await f.store.read(a, 0, 10)).toJSON()).toEqual({
        status: 'live',
        events: ['{"seq":1,"cb":3,"method":"m","args":[7]}'],
      });
      expect((await f.store.read(b, 0, 10)).toJSON()).toEqual({
        status: 'live',
        events: ['{"seq":1,"cb":5,"method":"m","args":[7]}'],
      });
      expect((await f.read(c, 0)).seqs).toEqual([]);
      await vi.waitFor(() =>
        expect(f.notices).toEqual(
          expect.arrayContaining([
            ['appended', a],
            ['appended', b],
          ]),
        ),
      );
      expect(await f.store.leave(topic, b, 5)).toBe(true);
      expect(await f.store.leave(topic, b, 5)).toBe(false);
      expect(await f.store.topicSize(topic)).toBe(2);
    });

    it("topics: keep each client's order between its appends and publishes", async () => {
      const f = await fixture(10_000);
      const client = await f.open();
      await f.store.register(client, 1);
      const topic = `order-${++counter}`;
      await f.store.join(topic, client, 1, 'Chat');
      for (let n = 0; n < 300; n++) {
        if (n % 3 === 0) f.store.publish(topic, 'Chat', `"method":"m","args":[${n}]`);
        else f.store.append(client, payload(n));
      }
      await f.store.flush();
      const read = await f.read(client, 0);
      expect(read.ns).toEqual(Array.from({ length: 300 }, (_, n) => n));
      expect(read.seqs).toEqual(Array.from({ length: 300 }, (_, n) => n + 1));
    });

    it('topics: a released callback and an ended client leave every topic', async () => {
      const f = await fixture();
      const [a, b] = [await f.open(), await f.open()];
      for (const client of [a, b]) for (const id of [1, 2]) await f.store.register(client, id);
      const [one, two] = [`t1-${++counter}`, `t2-${counter}`];
      for (const topic of [one, two])
        for (const client of [a, b])
          for (const id of [1, 2]) await f.store.join(topic, client, id, 'Chat');
      expect(await f.store.topicSize(one)).toBe(4);
      await f.store.release(a, [1]);
      expect(await f.store.topicSize(one)).toBe(3);
      expect(await f.store.topicSize(two)).toBe(3);
      await f.store.close(b);
      expect(await f.store.topicSize(one)).toBe(1);
      f.store.publish(one, 'Chat', '"method":"m","args":[1]');
      f.store.publish(two, 'Chat', '"method":"m","args":[2]');
      await f.store.flush();
      expect(await f.read(a, 0)).toMatchObject({ ns: [1, 2], seqs: [1, 2] });
      expect(await f.store.read(a, 0, 10)).toMatchObject({
        events: [expect.stringContaining('"cb":2,'), expect.stringContaining('"cb":2,')],
      });
      expect(await f.store.join(one, a, 1, 'Chat')).toBe(false); // released: it cannot join again
      f.clock.now += ttl;
      await f.store.sweep(f.clock.now);
      await vi.waitFor(async () => expect(await f.store.topicSize(one)).toBe(0));
      expect(await f.store.topicSize(two)).toBe(0);
    });

    it('lists live clients most recently active first, in bounded pages, with owner, queue and callbacks; listing is not activity', async () => {
      const f = await fixture();
      if (f.store.listClients === undefined) return;
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        f.clock.now += 1_000;
        const client = `list-${process.pid}-${++counter}-${i}`;
        await f.store.open(client, i === 1 ? 'ann' : undefined);
        ids.push(client);
      }
      const [first, second, , fourth, fifth] = ids as [string, string, string, string, string];
      await f.store.register(second, 3);
      await f.store.register(second, 4);
      await f.append(second, 1, 2, 3);
      await f.store.close(fourth);
      const seen: {
        id: string;
        owner?: string;
        events: number;
        bytes: number;
        callbacks: number;
        lastSeen: number;
      }[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await f.store.listClients(
          cursor === undefined ? { limit: 2 } : { limit: 2, cursor },
        );
        expect(page.clients.length).toBeLessThanOrEqual(2);
        expect(page.total).toBe(4);
        seen.push(...page.clients);
        cursor = page.next;
        if (cursor === undefined) break;
      }
      // Opened a second apart, the newest first; a registration is activity (the second's is as new as the
      // fifth's open, and equal times go by id from the last).
      expect(seen.map((c) => c.id)).toEqual([fifth, second, ids[2], first]);
      const withQueue = seen.find((c) => c.id === second)!;
      expect(withQueue).toMatchObject({ owner: 'ann', events: 3, callbacks: 2 });
      expect(withQueue.bytes).toBeGreaterThan(0);
      expect(seen.find((c) => c.id === first)).toEqual({
        id: first,
        events: 0,
        bytes: 0,
        callbacks: 0,
        lastSeen: f.clock.now - 4_000,
      });
      await f.read(second, 3);
      f.clock.now += 1_000;
      const again = await f.store.listClients({ limit: 10 });
      expect(again.clients.find((c) => c.id === second)).toMatchObject({ events: 0, bytes: 0 });
      expect(again.clients.find((c) => c.id === first)?.lastSeen).toBe(f.clock.now - 5_000);
    });

    it('lists topics in bounded pages with their size and first members', async () => {
      const f = await fixture();
      if (f.store.listTopics === undefined) return;
      const [a, b, c] = [await f.open(), await f.open(), await f.open()];
      for (const client of [a, b, c]) await f.store.register(client, 7);
      const names = [`ta-${++counter}`, `tb-${counter}`, `tc-${counter}`];
      for (const client of [a, b, c]) await f.store.join(names[0]!, client, 7, 'Chat');
      await f.store.join(names[1]!, a, 7, 'Chat');
      await f.store.join(names[2]!, b, 7, 'Other');
      const seen = new Map<
        string,
        { size: number; members: readonly { client: string; callback: number; iface: string }[] }
      >();
      let cursor: string | undefined;
      for (let pages = 0; pages < 100; pages++) {
        const page = await f.store.listTopics(
          cursor === undefined ? { limit: 2, members: 2 } : { limit: 2, members: 2, cursor },
        );
        expect(page.topics.length).toBeLessThanOrEqual(2);
        for (const topic of page.topics) {
          expect(topic.members.length).toBeLessThanOrEqual(2);
          seen.set(topic.name, topic);
        }
        cursor = page.next;
        if (cursor === undefined) break;
      }
      expect(cursor).toBeUndefined();
      expect([...seen.keys()].sort()).toEqual(names);
      expect(seen.get(names[0]!)?.size).toBe(3);
      expect(seen.get(names[0]!)?.members).toHaveLength(2);
      for (const member of seen.get(names[0]!)!.members) {
        expect([a, b, c]).toContain(member.client);
        expect(member).toMatchObject({ callback: 7, iface: 'Chat' });
      }
      expect(seen.get(names[2]!)).toEqual({
        name: names[2],
        size: 1,
        members: [{ client: b, callback: 7, iface: 'Other' }],
      });
      await f.store.close(b);
      const after = await f.store.listTopics({ limit: 10, members: 10 });
      expect(after.topics.map((t) => t.name).sort()).toEqual(names.slice(0, 2));
    });

    it('records calls: the first answer of a call id stays, per client, with the appends made before it', async () => {
      const f = await fixture();
      const [a, b] = [await f.open(), await f.open()];
      const store = f.store;
      // A store that remembers no calls leaves both out (the router then runs every resend).
      expect(store.recordedCall === undefined).toBe(store.recordCall === undefined);
      if (store.recordCall === undefined || store.recordedCall === undefined) return;
      expect(await store.recordedCall(a, 'c1')).toBeUndefined();
      store.append(a, payload(1));
      store.publish('no-such-topic', 'I', '"method":"m","args":[0]');
      store.recordCall(a, 'c1', '200 {"result":1}');
      // Found at once (not only after a flush): a resend may arrive before the first call's flush settled.
      await store.flush();
      expect(await store.recordedCall(a, 'c1')).toBe('200 {"result":1}');
      expect((await f.read(a, 0)).ns).toEqual([1]);
      // The first answer recorded for an id stays; ids are per client.
      store.recordCall(a, 'c1', '200 {"result":2}');
      store.recordCall(b, 'c1', '400 {"error":{"code":"X","message":"no"}}');
      await store.flush();
      expect(await store.recordedCall(a, 'c1')).toBe('200 {"result":1}');
      expect(await store.recordedCall(b, 'c1')).toBe('400 {"error":{"code":"X","message":"no"}}');
      expect(await store.recordedCall(b, 'c2')).toBeUndefined();
      // Unknown clients record nothing; an ended client's calls are forgotten.
      store.recordCall('no-such-client', 'c1', '200 {"result":1}');
      await store.flush();
      expect(await store.recordedCall('no-such-client', 'c1')).toBeUndefined();
      await store.close(a);
      expect(await store.recordedCall(a, 'c1')).toBeUndefined();
    });

    it(`records calls: keeps a client's last ${REMEMBERED_CALLS}`, async () => {
      const f = await fixture();
      const client = await f.open();
      const { store } = f;
      if (store.recordCall === undefined || store.recordedCall === undefined) return;
      for (let i = 1; i <= REMEMBERED_CALLS + 2; i++) store.recordCall(client, `c${i}`, `200 ${i}`);
      await store.flush();
      expect(await store.recordedCall(client, 'c1')).toBeUndefined();
      expect(await store.recordedCall(client, 'c2')).toBeUndefined();
      expect(await store.recordedCall(client, 'c3')).toBe('200 3');
      expect(await store.recordedCall(client, `c${REMEMBERED_CALLS + 2}`)).toBe(
        `200 ${REMEMBERED_CALLS + 2}`,
      );
    });

    it('flushes and stops', async () => {
      const f = await fixture();
      await expect(f.store.flush()).resolves.toBeUndefined();
    });

    if (options.durable) durableTests(fixture, options.releasesOnStart === true);
    if (options.shared) sharedTests(fixture);
    logTests(create, options, (store) => void stores.push(store));
  });
}

type MakeFixture = (
  maxQueue?: number,
  overflow?: OverflowPolicy,
  place?: string,
  clock?: { now: number },
) => Promise<Fixture>;

const payload = (n: number) => `"cb":1,"method":"m","args":[${n}]`;

/** A durable store, stopped and made again at the same place, has kept everything. */
function durableTests(fixture: MakeFixture, releasesOnStart: boolean): void {
  it('retire: releases the registrations this store holds that are not topic members, each with a release notice', async () => {
    const f = await fixture();
    const [a, b] = [await f.open(), await f.open()];
    await f.store.register(a, 1);
    await f.store.register(a, 2);
    await f.store.register(b, 3);
    const topic = `retire-${++counter}`;
    expect(await f.store.join(topic, a, 2, 'Chat')).toBe(true);
    await f.append(a, 10);
    await f.store.retire!('server-restart');
    await f.store.flush();
    const read = await f.read(a, 0);
    expect(read.seqs).toEqual([1, 2]);
    expect(JSON.parse(read.result.events[1] as string)).toEqual({
      seq: 2,
      cb: 1,
      released: 'server-restart',
    });
    expect(JSON.parse((await f.read(b, 0)).result.events[0] as string)).toEqual({
      seq: 1,
      cb: 3,
      released: 'server-restart',
    });
    const released = f.notices.filter(([kind]) => kind === 'released');
    expect(released).toEqual(
      expect.arrayContaining([
        ['released', a, [1]],
        ['released', b, [3]],
      ]),
    );
    expect(released).toHaveLength(2);
    // Released: a later release of them is nothing; the topic member stays.
    await f.store.release(a, [1]);
    expect(f.notices.filter(([kind]) => kind === 'released')).toHaveLength(2);
    expect(await f.store.topicSize(topic)).toBe(1);
    f.store.publish(topic, 'Chat', '"method":"m","args":[5]');
    await f.store.flush();
    expect((await f.read(a, 2)).ns).toEqual([5]);
  });

  it('retire: a notice whose callback was registered again before it was read is marked stale', async () => {
    const f = await fixture();
    const a = await f.open();
    await f.store.register(a, 1);
    await f.store.register(a, 2);
    await f.store.retire!('server-restart');
    await f.store.flush();
    // The client passes callback 1 again before it reads the notices: that one is stale, 2's is not.
    await f.store.register(a, 1);
    const texts = (await f.read(a, 0)).result.events.map((text) => JSON.parse(text) as unknown);
    expect(texts).toEqual([
      { seq: 1, cb: 1, released: 'server-restart', stale: true },
      { seq: 2, cb: 2, released: 'server-restart' },
    ]);
  });

  it('durable: a store reopened at the same place keeps clients, queues, acks, gaps, registrations and end reasons', async () => {
    const before = await fixture(3);
    const [gapped, acked, closed, idle] = [
      await before.open(),
      await before.open(),
      await before.open(),
      await before.open(),
    ];
    await before.append(gapped, 1, 2, 3, 4, 5); // maxQueue 3: 1 and 2 are dropped
    await before.store.register(gapped, 7);
    await before.store.register(gapped, 8);
    await before.store.release(gapped, [8]);
    await before.append(acked, 1, 2);
    await before.read(acked, 1);
    await before.store.close(closed);
    before.store.append(acked, payload(3)); // not flushed: stop must store it
    await before.store.stop();

    const after = await fixture(3, 'drop-oldest', before.place, before.clock);
    const read = await after.read(gapped, 0);
    if (releasesOnStart) {
      // Callback 7's stand-in died with the process: released at start, with a notice after the kept events
      // (maxQueue 3: the notice drops event 3 into the gap).
      expect(read.seqs).toEqual([4, 5, 6]);
      expect(read.ns).toEqual([4, 5, -1]);
      expect(read.result).toMatchObject({ gap: { from: 1, to: 3, count: 3, reason: 'overflow' } });
      expect(after.notices.filter(([kind]) => kind === 'released')).toEqual([
        ['released', gapped, [7]],
      ]);
    } else {
      expect(read.seqs).toEqual([3, 4, 5]);
      expect(read.result).toMatchObject({ gap: { from: 1, to: 2, count: 2, reason: 'overflow' } });
    }
    expect(await after.read(acked, 0)).toMatchObject({ ns: [2, 3], seqs: [2, 3] });
    expect(await after.store.touch(closed)).toBe('closed');
    expect(await after.store.touch(idle)).toBe('live');
    await after.store.release(gapped, [7, 8]);
    await vi.waitFor(() =>
      expect(after.notices.filter(([kind]) => kind === 'released')).toEqual([
        ['released', gapped, [7]],
      ]),
    );
    await after.append(acked, 4);
    expect(await after.read(acked, 3)).toMatchObject({ ns: [4], seqs: [4] });
    after.clock.now += ttl - 1;
    await after.store.touch(gapped);
    await after.store.touch(acked);
    after.clock.now += 1;
    await after.store.sweep(after.clock.now);
    await vi.waitFor(() =>
      expect(after.notices.filter(([kind]) => kind === 'ended')).toEqual([
        ['ended', idle, 'expired'],
      ]),
    );
  });

  it('durable: a reopened store keeps the answers of recorded calls', async () => {
    const before = await fixture();
    const client = await before.open();
    if (before.store.recordCall === undefined) return;
    before.store.append(client, payload(1));
    before.store.recordCall(client, 'c1', '200 {"result":1}');
    await before.store.stop();
    const after = await fixture(100, 'drop-oldest', before.place, before.clock);
    expect(await after.store.recordedCall?.(client, 'c1')).toBe('200 {"result":1}');
    expect((await after.read(client, 0)).ns).toEqual([1]);
  });

  it('durable: a reopened store keeps topic memberships', async () => {
    const before = await fixture();
    const [a, b] = [await before.open(), await before.open()];
    const topic = `durable-${++counter}`;
    for (const client of [a, b]) {
      await before.store.register(client, 1);
      await before.store.join(topic, client, 1, 'Chat');
    }
    await before.store.release(b, [1]);
    await before.store.stop();
    const after = await fixture(100, 'drop-oldest', before.place, before.clock);
    expect(await after.store.topicSize(topic)).toBe(1);
    after.store.publish(topic, 'Chat', '"method":"m","args":[5]');
    await after.store.flush();
    expect(await after.read(a, 0)).toMatchObject({ ns: [5], seqs: [1] });
    expect((await after.read(b, 0)).seqs).toEqual([]);
  });

  it('durable: a reopened store keeps a lost gap and the seqs after it', async () => {
    const before = await fixture();
    const client = await before.open();
    await before.append(client, 1);
    await before.store.read(client, 5, 10);
    await before.append(client, 7);
    await before.store.stop();
    const after = await fixture(100, 'drop-oldest', before.place, before.clock);
    expect(await after.read(client, 5)).toMatchObject({
      ns: [7],
      seqs: [7],
      result: { gap: { from: 6, to: 6, count: 0, reason: 'lost' } },
    });
  });

  it('durable: a reopened store knows the owners of live and ended clients', async () => {
    const before = await fixture();
    const [live, ended] = [`suite-live-${++counter}`, `suite-ended-${++counter}`];
    await before.store.open(live, 'ann');
    await before.store.open(ended, 'bob');
    await before.store.close(ended);
    await before.store.stop();
    const after = await fixture(100, 'drop-oldest', before.place, before.clock);
    expect(await after.store.owner?.(live)).toBe('ann');
    expect(await after.store.owner?.(ended)).toBe('bob');
  });

  it('durable: a reopened store ends a client that expired while it was down', async () => {
    const before = await fixture();
    const client = await before.open();
    await before.append(client, 1);
    await before.store.stop();
    before.clock.now += ttl;
    const after = await fixture(100, 'drop-oldest', before.place, before.clock);
    await after.store.sweep(after.clock.now);
    await vi.waitFor(() => expect(after.notices).toContainEqual(['ended', client, 'expired']));
    expect(await after.store.touch(client)).toBe('expired');
  });
}

/** Two stores at one place at once: what one does, the other sees and is told. */
function sharedTests(fixture: MakeFixture): void {
  async function pair(maxQueue = 1000): Promise<[Fixture, Fixture]> {
    const one = await fixture(maxQueue);
    return [one, await fixture(maxQueue, 'drop-oldest', one.place, one.clock)];
  }

  it('shared: a client opened through one store has its owner through the other', async () => {
    const [one, two] = await pair();
    const client = `suite-shared-owner-${++counter}`;
    await one.store.open(client, 'ann');
    expect(await two.store.owner?.(client)).toBe('ann');
  });

  it('shared: events appended through one store are read through the other, which is told of them', async () => {
    const [one, two] = await pair();
    const client = await one.open();
    await one.append(client, 1, 2, 3);
    await vi.waitFor(() => expect(two.notices).toContainEqual(['appended', client]));
    expect(await two.read(client, 0)).toMatchObject({ ns: [1, 2, 3], seqs: [1, 2, 3] });
    await two.read(client, 2);
    expect(await one.read(client, 0)).toMatchObject({ ns: [3], seqs: [3] });
  });

  it("shared: appends from both at once get unique, consecutive seqs, each store's in its order", async () => {
    const [one, two] = await pair();
    const client = await one.open();
    for (let n = 0; n < 300; n++) {
      one.store.append(client, payload(n));
      two.store.append(client, payload(1000 + n));
    }
    await Promise.all([one.store.flush(), two.store.flush()]);
    const read = await one.read(client, 0);
    expect(read.seqs).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
    expect(read.ns.filter((n) => n < 1000)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(read.ns.filter((n) => n >= 1000)).toEqual(
      Array.from({ length: 300 }, (_, i) => 1000 + i),
    );
  });

  it('shared: a release and an end through one store are told to both, once', async () => {
    const [one, two] = await pair();
    const client = await one.open();
    await one.store.register(client, 4);
    await two.store.release(client, [4]);
    await one.store.close(client);
    for (const f of [one, two]) {
      await vi.waitFor(() =>
        expect(f.notices.filter(([kind]) => kind !== 'appended')).toEqual([
          ['released', client, [4]],
          ['ended', client, 'closed'],
        ]),
      );
    }
    expect(await two.store.touch(client)).toBe('closed');
  });

  it('shared: a member that joined through one store gets what the other publishes, and leaves for both when released or ended', async () => {
    const [one, two] = await pair();
    const [a, b] = [await one.open(), await two.open()];
    const topic = `shared-${++counter}`;
    for (const client of [a, b]) {
      await one.store.register(client, 1);
      expect(await one.store.join(topic, client, 1, 'Chat')).toBe(true);
    }
    expect(await two.store.topicSize(topic)).toBe(2);
    two.store.publish(topic, 'Chat', '"method":"m","args":[1]');
    await two.store.flush();
    await vi.waitFor(() =>
      expect(one.notices).toEqual(
        expect.arrayContaining([
          ['appended', a],
          ['appended', b],
        ]),
      ),
    );
    for (const client of [a, b])
      expect(await one.read(client, 0)).toMatchObject({ ns: [1], seqs: [1] });
    await two.store.release(a, [1]);
    await one.store.close(b);
    expect(await two.store.topicSize(topic)).toBe(0);
    expect(await one.store.topicSize(topic)).toBe(0);
  });

  it('shared: a call recorded through one store is found through the other', async () => {
    const [one, two] = await pair();
    const client = await one.open();
    if (one.store.recordCall === undefined) return;
    one.store.recordCall(client, 'c1', '200 {"result":1}');
    await one.store.flush();
    expect(await two.store.recordedCall?.(client, 'c1')).toBe('200 {"result":1}');
  });

  it('shared: both sweeping at once end each idle client once', async () => {
    const [one, two] = await pair();
    const clients = [await one.open(), await two.open(), await one.open()];
    one.clock.now += ttl;
    await Promise.all([one.store.sweep(one.clock.now), two.store.sweep(one.clock.now)]);
    for (const f of [one, two]) {
      await vi.waitFor(() =>
        expect(f.notices.filter(([kind]) => kind === 'ended')).toHaveLength(3),
      );
      expect(new Set(f.notices.map(([, who]) => who))).toEqual(new Set(clients));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(one.notices.filter(([kind]) => kind === 'ended')).toHaveLength(3);
    expect(two.notices.filter(([kind]) => kind === 'ended')).toHaveLength(3);
  });
}
