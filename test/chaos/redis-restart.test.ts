// Chaos (issue 25): the Redis under two server processes is SIGKILLed in the middle of a burst and
// started again on the same port. With AOF (appendfsync always) nothing is lost: every client —
// long polling and WebSocket, alternating between the processes — receives every event once, in
// order, with no gap and no error. Without persistence the store's state is gone: the client is told
// (a gap, never silence), joins again, and receives what is published after.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { resubscribeCalls, type TransportOption } from '../../runtime/src/client/index.js';
import { failoverFetch, failoverWebSocket } from '../stores/failover-fetch.js';
import { CLUSTER, feedClient, isInOrderOnce, type FeedClient } from '../stores/feed-client.js';
import {
  freePort,
  removePackage,
  snapshotPackage,
  startServer,
  type ServerProcess,
} from '../stores/server-process.js';
import { describeWithRedisServer, startRedisProcess, type RedisProcess } from './redis-process.js';

const TOTAL = 3_000;
const CHUNK = 100;
/** The burst's chunk after which Redis is killed. */
const KILL_AFTER = 1_000;

let pkg: string | undefined;
const servers: ServerProcess[] = [];
const redises: RedisProcess[] = [];
beforeAll(async () => {
  pkg = await snapshotPackage();
});
afterAll(async () => {
  for (const server of servers) await server.kill();
  for (const redis of redises) await redis.stop();
  removePackage(pkg);
});

/** Two processes on a Redis of the test's own; clients and publisher alternate between them. */
async function setUp(aof: boolean) {
  const redis = await startRedisProcess(await freePort(), aof);
  redises.push(redis);
  const env = { STORE: 'redis', REDIS_URL: redis.url, PREFIX: `chaos-${aof ? 'aof' : 'none'}:` };
  const a = await startServer(pkg!, env);
  const b = await startServer(pkg!, env);
  servers.push(a, b);
  const bases = [a.url, b.url];
  const client = (transport: TransportOption, resubscribe = false) =>
    feedClient(CLUSTER, {
      transport,
      ...(resubscribe ? { resubscribe: resubscribeCalls() } : {}),
      fetch: failoverFetch(bases),
      WebSocket: failoverWebSocket(bases),
    });
  return { redis, a, b, bases, client };
}

/**
 * Publishes `from` .. `to` through `fetch` in calls of CHUNK, calling `after(last)` after each. A
 * call that fails is sent again until it answers (the application retries), and counted.
 */
async function publishAll(
  fetch: typeof globalThis.fetch,
  from: number,
  to: number,
  after: (last: number) => Promise<void> = async () => {},
) {
  let failed = 0;
  for (let n = from; n <= to; n += CHUNK) {
    const count = Math.min(CHUNK, to - n + 1);
    for (;;) {
      const response = await fetch(`${CLUSTER}/Room/publish`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([n, count]),
      }).catch(() => undefined);
      const body = (await response?.json().catch(() => undefined)) as
        { result?: number } | undefined;
      if (response?.ok === true && body?.result === n + count - 1) break;
      failed++;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await after(n + count - 1);
  }
  return failed;
}

function expectAll(client: FeedClient, total: number) {
  expect(client.received).toHaveLength(total);
  expect(isInOrderOnce(client.received)).toBe(true);
  expect(client.gaps).toEqual([]);
  expect(client.errors).toEqual([]);
}

describeWithRedisServer('Redis restarted mid-burst', () => {
  it('with AOF: every client receives every event once, in order, with no gap and no error', async () => {
    const { redis, bases, client } = await setUp(true);
    const clients = [client('long-poll'), client('websocket')];
    for (const c of clients) await c.join();
    const failed = await publishAll(failoverFetch(bases), 1, TOTAL, async (last) => {
      if (last !== KILL_AFTER) return;
      await redis.kill();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await redis.start();
    });
    for (const c of clients)
      await vi.waitFor(() => expect(c.received.length).toBeGreaterThanOrEqual(TOTAL), {
        timeout: 60_000,
        interval: 50,
      });
    console.log(`Redis restart with AOF: ${failed} publish calls failed and were sent again`);
    expect(clients[1]!.conn.transport).toBe('websocket');
    for (const c of clients) expectAll(c, TOTAL);
    for (const c of clients) await c.conn.close();
  }, 120_000);

  it('with AOF, killed while publish calls are in flight: nothing lost, in order; a repeat only from a call that failed and was sent again', async () => {
    const { redis, bases, client } = await setUp(true);
    const clients = [client('long-poll'), client('websocket')];
    for (const c of clients) await c.join();
    let restarted: Promise<void> | undefined;
    const failed = await publishAll(failoverFetch(bases), 1, TOTAL, (last) => {
      if (last !== KILL_AFTER) return Promise.resolve();
      // Not awaited: the next publish calls meet Redis going down, away, and coming back.
      restarted = (async () => {
        await redis.kill();
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        await redis.start();
      })();
      return Promise.resolve();
    });
    await restarted;
    for (const c of clients)
      await vi.waitFor(() => expect(new Set(c.received).size).toBe(TOTAL), {
        timeout: 60_000,
        interval: 50,
      });
    for (const c of clients) {
      // Each event's first arrival is in order, and none is missing.
      const firsts = [...new Set(c.received)];
      expect(firsts).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
      // A publish call whose answer the connection's loss swallowed may have stored its events: the
      // application sent it again (docs/deploy.md: idempotent publishing). Only those can repeat.
      const repeats = c.received.length - TOTAL;
      expect(repeats).toBeLessThanOrEqual(failed * CHUNK);
      expect(c.gaps).toEqual([]);
      expect(c.errors).toEqual([]);
      console.log(
        `Redis killed under publish calls, with AOF (${c.conn.transport}): ${failed} calls failed and were sent again; ${repeats} events arrived twice`,
      );
    }
    for (const c of clients) await c.conn.close();
  }, 120_000);

  it('without persistence: each client is told (an expired gap), joins again by itself, and receives what follows', async () => {
    const { redis, bases, client } = await setUp(false);
    const clients = [client('long-poll', true), client('websocket', true)];
    for (const c of clients) await c.join();
    const publisher = failoverFetch(bases);
    await publishAll(publisher, 1, TOTAL, async (last) => {
      if (last !== KILL_AFTER) return;
      await redis.kill();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await redis.start();
    });
    // Never silence: each client hears that the server forgot it, and joins the topic again.
    for (const c of clients)
      await vi.waitFor(() => expect(c.gaps.map((gap) => gap.reason)).toEqual(['expired']), {
        timeout: 60_000,
        interval: 50,
      });
    const size = async () => {
      const response = await publisher(`${CLUSTER}/Room/size`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '[]',
      });
      return ((await response.json()) as { result: number }).result;
    };
    await vi.waitFor(async () => expect(await size()).toBe(2), { timeout: 30_000, interval: 100 });
    // What is published once they are members again reaches both, once, in order.
    const after = TOTAL + 1;
    await publishAll(publisher, after, after + 499);
    for (const c of clients) {
      await vi.waitFor(() => expect(c.received.at(-1)).toBe(after + 499), {
        timeout: 60_000,
        interval: 50,
      });
      // No event twice, none out of order; everything before the restart and after the new join arrived.
      expect(c.received.every((n, i) => i === 0 || n > c.received[i - 1]!)).toBe(true);
      // Everything before the gap arrived; the gap starts after the last event read before the restart.
      const from = c.gaps[0]!.from;
      expect(from).toBeLessThanOrEqual(KILL_AFTER + 1);
      expect(c.received.slice(0, from - 1)).toEqual(
        Array.from({ length: from - 1 }, (_, i) => i + 1),
      );
      expect(c.received.slice(-500)).toEqual(Array.from({ length: 500 }, (_, i) => after + i));
      expect(c.errors).toEqual([]);
      console.log(
        `Redis restart without persistence (${c.conn.transport}): the gap said from ${from}; ${c.received.length - (from - 1) - 500} of ${TOTAL - (from - 1)} events published from then until the new join arrived`,
      );
    }
    for (const c of clients) await c.conn.close();
  }, 120_000);
});
