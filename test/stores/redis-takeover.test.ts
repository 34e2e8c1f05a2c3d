// One reader per client across processes sharing a Redis store: a poll parked on one process is
// answered at once when the client's next poll parks on another, and a socket on one process is
// closed with 4409 when the client says hello on another (docs/protocol.md). First the store's
// claims and notices, then two real server processes (fixtures/store-server.mjs).
import { Redis } from 'ioredis';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { ReaderKind } from '../../runtime/src/server/stores/client-store.js';
import { redisStore } from '../../runtime/src/server/stores/redis/index.js';
import { publish } from './feed-client.js';
import { describeWithRedis, redisPrefix, redisTarget } from './redis-target.js';
import {
  removePackage,
  snapshotPackage,
  startServer,
  type ServerProcess,
} from './server-process.js';

type Heard = [string, ReaderKind, number];

describeWithRedis('redis store: one reader per client across processes', () => {
  let redis: Redis;
  let pkg: string | undefined;
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    redis = new Redis(redisTarget.url);
    pkg = await snapshotPackage();
  });
  afterAll(async () => {
    for (const server of servers) await server.kill();
    removePackage(pkg);
    await redis.quit();
  });

  async function twoStores() {
    const prefix = redisPrefix('claims');
    const config = { ttl: 60_000, maxQueue: 10, overflow: 'drop-oldest' as const, now: Date.now };
    const heard: { a: Heard[]; b: Heard[] } = { a: [], b: [] };
    const listener = (into: Heard[]) => ({
      appended() {},
      released() {},
      ended() {},
      takenOver: (client: string, reader: ReaderKind, claim: number) =>
        void into.push([client, reader, claim]),
    });
    const a = redisStore({ redis: redisTarget.url, prefix });
    const b = redisStore({ redis: redisTarget.url, prefix });
    await a.start(config, listener(heard.a));
    await b.start(config, listener(heard.b));
    return { a, b, heard };
  }

  it('claims: numbered per client; the other stores hear of a claim only when the last one of its kind was made elsewhere', async () => {
    const { a, b, heard } = await twoStores();
    await a.open('x');
    expect(await a.claimReader!('x', 'poll')).toBe(1);
    expect(await a.claimReader!('x', 'poll')).toBe(2); // still a's: nobody is told
    expect(await b.claimReader!('x', 'poll')).toBe(3);
    await vi.waitFor(() => expect(heard.a).toEqual([['x', 'poll', 3]]));
    expect(await b.claimReader!('x', 'socket')).toBe(4); // the first socket claim: nobody to tell
    expect(await a.claimReader!('x', 'socket')).toBe(5);
    expect(await a.claimReader!('x', 'poll')).toBe(6);
    await vi.waitFor(() =>
      expect(heard.b).toEqual([
        ['x', 'socket', 5],
        ['x', 'poll', 6],
      ]),
    );
    expect(heard.a).toEqual([['x', 'poll', 3]]); // a never hears its own claims
    expect(await a.claimReader!('nobody', 'poll')).toBe(0); // not live: no claim, no notice
    await a.close('x');
    expect(await b.claimReader!('x', 'socket')).toBe(0);
    await Promise.all([a.stop(), b.stop()]);
  });

  /** Two server processes on one Redis prefix, and a client opened and subscribed on the first. */
  async function cluster(name: string) {
    const prefix = redisPrefix(name);
    const env = { STORE: 'redis', REDIS_URL: redisTarget.url, PREFIX: prefix };
    const [a, b] = [await startServer(pkg!, env), await startServer(pkg!, env)];
    servers.push(a, b);
    const opened = await fetch(`${a.url}/_open`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(opened.status).toBe(200);
    const { client } = (await opened.json()) as { client: string };
    const subscribed = await fetch(`${a.url}/Feed/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-contract-client': client },
      body: '[{"$cb":1}]',
    });
    expect(subscribed.status).toBe(200);
    return { a, b, client, prefix };
  }

  it('a poll parked on one process is answered at once when the same client parks a poll on the other', async () => {
    const { a, b, client, prefix } = await cluster('takeover-poll');
    const poll = async (server: ServerProcess, after: number, wait: number) => {
      const response = await fetch(`${server.url}/_events?after=${after}&wait=${wait}`, {
        headers: { 'x-contract-client': client },
      });
      return {
        server,
        status: response.status,
        body: (await response.json()) as { events: { seq: number; args: unknown[] }[] },
        at: performance.now(),
      };
    };
    /** Waits until a poll claim newer than `previous` is made (the claim number rises with each). */
    const claimed = async (previous: number) =>
      vi.waitFor(
        async () => {
          const claim = Number(await redis.hget(`${prefix}c:${client}`, 'rg'));
          expect(claim).toBeGreaterThan(previous);
          return claim;
        },
        { timeout: 10_000, interval: 10 },
      );
    let claim = 0;
    let after = 0;
    // A to B, then B to A: each time the older poll gives way to the newer one on the other process.
    for (const [older, newer] of [
      [a, b],
      [b, a],
    ] as const) {
      const first = poll(older, after, 20_000);
      claim = await claimed(claim);
      // Its wait is shorter: were the older one left parked, the newer would answer first (empty, after 10 s).
      const second = poll(newer, after, 10_000);
      const sent = performance.now();
      // The older poll answers at once, while the newer one stays parked.
      const answered = await Promise.race([first, second]);
      expect(answered.server.port).toBe(older.port);
      expect(answered.status).toBe(200);
      expect(answered.body.events).toEqual([]);
      console.log(
        `takeover: the poll parked on ${older.port} answered ${(answered.at - sent).toFixed(0)} ms after the poll on ${newer.port} was sent`,
      );
      claim = await claimed(claim);
      // The newer poll is the client's one reader: it gets the next event.
      expect(await publish(a.url, after + 1, 1)).toBe(after + 1);
      const next = await second;
      expect(next.status).toBe(200);
      expect(next.body.events.map((event) => event.args)).toEqual([[after + 1]]);
      after = next.body.events[0]!.seq;
    }
  });

  it('a socket on one process is closed with 4409 when the same client says hello on the other; then only the newer socket gets events, each once, in order', async () => {
    const { a, b, client } = await cluster('takeover-ws');
    const socket = (server: ServerProcess, after: number) => {
      const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/_ws`);
      const items: number[] = [];
      let lastSeq = after;
      let welcomed = false;
      let closed: number | undefined;
      ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', client, after })));
      ws.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString()) as {
          type: string;
          events?: { seq: number; args: [number] }[];
        };
        if (frame.type === 'welcome') welcomed = true;
        if (frame.type === 'ping') ws.send('{"type":"pong"}');
        if (frame.type !== 'events') return;
        for (const event of frame.events!) items.push(event.args[0]);
        lastSeq = frame.events!.at(-1)!.seq;
        ws.send(JSON.stringify({ type: 'ack', seq: lastSeq }));
      });
      ws.on('close', (code: number) => void (closed = code));
      return {
        ws,
        items,
        lastSeq: () => lastSeq,
        welcomed: () => welcomed,
        closed: () => closed,
      };
    };
    const wait = { timeout: 20_000, interval: 10 };
    const older = socket(a, 0);
    await vi.waitFor(() => expect(older.welcomed()).toBe(true), wait);
    expect(await publish(a.url, 1, 3)).toBe(3);
    await vi.waitFor(() => expect(older.items).toEqual([1, 2, 3]), wait);

    const newer = socket(b, older.lastSeq());
    await vi.waitFor(() => expect(newer.welcomed()).toBe(true), wait);
    await vi.waitFor(() => expect(older.closed()).toBe(4409), wait);
    expect(newer.closed()).toBeUndefined();

    for (let from = 4; from <= 503; from += 100) await publish(a.url, from, 100);
    const expected = Array.from({ length: 500 }, (_, i) => i + 4);
    await vi.waitFor(() => expect(newer.items).toHaveLength(500), wait);
    expect(newer.items).toEqual(expected);
    expect(older.items).toEqual([1, 2, 3]);
    expect(newer.closed()).toBeUndefined();
    newer.ws.close();
  });
});
