// Never a silent loss (issue 19): a server process that held subscriptions in memory (a `Broadcast`)
// is SIGKILLed and started again. The store tells the client which callback was released and why
// (a release notice, reason server-restart); with `resubscribe` the client subscribes again by itself
// and receives what is published after. A topic's members live in the store: nothing is lost there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import {
  resubscribeCalls,
  type ReleaseNotice,
  type TransportOption,
  type WebSocketConstructor,
} from '../../runtime/src/client/index.js';
import { CLUSTER, feedClient, isInOrderOnce, publish, type FeedClient } from './feed-client.js';
import { failoverFetch } from './failover-fetch.js';
import { describeWithRedis, redisPrefix, redisTarget } from './redis-target.js';
import {
  freePort,
  removePackage,
  snapshotPackage,
  startServer,
  type ServerProcess,
} from './server-process.js';

let pkg: string | undefined;
let dir: string;
const servers: ServerProcess[] = [];
beforeAll(async () => {
  pkg = await snapshotPackage();
  dir = mkdtempSync(join(tmpdir(), 'cg-notice-'));
});
afterAll(async () => {
  for (const server of servers) await server.kill();
  removePackage(pkg);
  rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const server = await startServer(pkg!, env);
  servers.push(server);
  return server;
}

/** A feed client that re-subscribes by itself and keeps the release notices it was given. */
function resubscribing(
  base: string,
  notices: ReleaseNotice[],
  fetch?: typeof globalThis.fetch,
  transport: TransportOption = 'long-poll',
) {
  return feedClient(base, {
    resubscribe: resubscribeCalls(),
    onReleased: (notice) => void notices.push(notice),
    transport,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    ...(fetch === undefined ? {} : { fetch }),
  });
}

async function received(client: FeedClient, count: number): Promise<void> {
  await vi.waitFor(() => expect(client.received.length).toBeGreaterThanOrEqual(count), {
    timeout: 30_000,
    interval: 50,
  });
}

/** Publishes `from`..`from + count - 1` through `url`, retrying while the server is not there yet. */
async function publishNow(url: string, from: number, count: number, service = 'Feed') {
  await vi.waitFor(
    async () => expect(await publish(url, from, count, service)).toBe(from + count - 1),
    { timeout: 30_000, interval: 100 },
  );
}

describe('release notices with the sqlite store', () => {
  it.each(['long-poll', 'websocket'] as const)(
    'tells the client which Broadcast callback a SIGKILL released, re-subscribes, and loses nothing on a topic (%s)',
    async (transport) => {
      const env = {
        STORE: 'sqlite',
        DB: join(dir, `notice-${transport}.db`),
        PORT: String(await freePort()),
      };
      const first = await start(env);
      const notices: ReleaseNotice[] = [];
      const broadcast = resubscribing(first.url, notices, undefined, transport);
      const topicNotices: ReleaseNotice[] = [];
      const topic = resubscribing(first.url, topicNotices, undefined, transport);
      expect(await broadcast.subscribe()).toBe(first.port);
      expect(await topic.join()).toBe(first.port);
      await publishNow(first.url, 1, 100);
      await publishNow(first.url, 1, 100, 'Room');
      await received(broadcast, 100);
      await received(topic, 100);

      await first.kill('SIGKILL');
      expect(first.child.signalCode).toBe('SIGKILL');
      const second = await start(env);
      const restarted = performance.now();

      // Told which callback was released, and why.
      await vi.waitFor(() => expect(notices).toHaveLength(1), { timeout: 30_000, interval: 50 });
      const told = performance.now();
      expect(notices[0]!.callback).toBe(broadcast.events);
      expect(notices[0]!.reason).toBe('server-restart');
      // Subscribed again by itself, on the new process.
      expect(await notices[0]!.resubscribed).toEqual({ ok: true, results: [second.port] });
      console.log(
        `sqlite (${transport}): notice ${(told - restarted).toFixed(0)} ms after the new process listened, subscribed again ${(performance.now() - restarted).toFixed(0)} ms after`,
      );
      expect(broadcast.conn.transport).toBe(transport);

      await publishNow(second.url, 101, 100);
      await received(broadcast, 200);
      expect(isInOrderOnce(broadcast.received)).toBe(true);

      // The topic's member was kept in the file: no notice, no re-subscription, every event.
      await publishNow(second.url, 101, 100, 'Room');
      await received(topic, 200);
      expect(isInOrderOnce(topic.received)).toBe(true);
      expect(topicNotices).toEqual([]);
      for (const c of [broadcast, topic]) {
        expect(c.gaps).toEqual([]);
        expect(c.errors).toEqual([]);
        await c.conn.close();
      }
    },
    120_000,
  );
});

describeWithRedis('release notices with the redis store', () => {
  it('releases what a SIGKILLed process held once its lease lapses; the client re-subscribes on another', async () => {
    const env = {
      STORE: 'redis',
      REDIS_URL: redisTarget.url,
      PREFIX: redisPrefix('notice'),
      LEASE: '1000',
    };
    const a = await start(env);
    const b = await start(env);
    const notices: ReleaseNotice[] = [];
    const used: string[] = [];
    // Every request goes to the next process that listens: polls reach b once a is gone.
    const broadcast = resubscribing(CLUSTER, notices, failoverFetch([a.url, b.url], used));
    const topicNotices: ReleaseNotice[] = [];
    const topic = resubscribing(CLUSTER, topicNotices, failoverFetch([a.url, b.url]));
    // The Broadcast subscription lands on a (a call goes to a after the client's _open went to... whichever).
    let holder = 0;
    while (holder !== a.port) holder = await broadcast.subscribe();
    await topic.join();
    await publishNow(a.url, 1, 100);
    await publishNow(b.url, 1, 100, 'Room');
    await received(broadcast, 100);
    await received(topic, 100);

    await a.kill('SIGKILL');
    const killed = performance.now();
    await vi.waitFor(() => expect(notices.length).toBeGreaterThanOrEqual(1), {
      timeout: 30_000,
      interval: 50,
    });
    console.log(
      `redis: notice ${(performance.now() - killed).toFixed(0)} ms after the SIGKILL (lease 1,000 ms)`,
    );
    expect(notices[0]!.callback).toBe(broadcast.events);
    expect(notices[0]!.reason).toBe('server-restart');
    const outcome = await notices[0]!.resubscribed;
    expect(outcome).toEqual({ ok: true, results: [b.port] });

    await publishNow(b.url, 101, 100);
    await received(broadcast, 100 + 100 * notices.length);
    expect(broadcast.received.slice(0, 200)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));

    await publishNow(b.url, 101, 100, 'Room');
    await received(topic, 200);
    expect(isInOrderOnce(topic.received)).toBe(true);
    expect(topicNotices).toEqual([]);
    for (const c of [broadcast, topic]) {
      expect(c.gaps).toEqual([]);
      expect(c.errors).toEqual([]);
      await c.conn.close();
    }
  }, 120_000);
});
