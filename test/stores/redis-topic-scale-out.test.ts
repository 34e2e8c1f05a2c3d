// Scale-out with a store-backed topic (issue #7's must-show): two server processes share one Redis;
// a client whose requests (and sockets) alternate between them, with no stickiness, joins the topic
// on one process and receives, exactly once and in order, what the OTHER process publishes to it —
// over long polling and over WebSocket. Membership lives in Redis, so it also ends, for both
// processes, when the client releases the callback or ends.
import { WebSocket } from 'ws';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import {
  alternatingFetch,
  alternatingWebSocket,
  CLUSTER,
  feedClient,
  isInOrderOnce,
  publish,
  publishBurst,
  type FeedClient,
  type MadeSocket,
  type Routed,
} from './feed-client.js';
import { describeWithRedis, redisPrefix, redisTarget } from './redis-target.js';
import {
  removePackage,
  snapshotPackage,
  startServer,
  type ServerProcess,
} from './server-process.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The topic's member count as the process at `url` sees it. */
async function roomSize(url: string): Promise<number> {
  const response = await fetch(`${url}/Room/size`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '[]',
  });
  return ((await response.json()) as { result: number }).result;
}

describeWithRedis('redis store: a topic joined on one process, published on the other', () => {
  let pkg: string | undefined;
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    pkg = await snapshotPackage();
  });
  afterAll(async () => {
    for (const server of servers) await server.kill();
    removePackage(pkg);
  });

  /** Two servers on one fresh Redis prefix, and a client of both (round robin) that joined the topic. */
  async function cluster(mode: 'long-poll' | 'websocket') {
    const env = {
      STORE: 'redis',
      REDIS_URL: redisTarget.url,
      PREFIX: redisPrefix(`topic-${mode}`),
    };
    const [a, b] = [await startServer(pkg!, env), await startServer(pkg!, env)];
    servers.push(a, b);
    const routed: Routed[] = [];
    const made: MadeSocket[] = [];
    const fetch = alternatingFetch([a.url, b.url], routed);
    const client: FeedClient =
      mode === 'websocket'
        ? feedClient(CLUSTER, {
            transport: 'websocket',
            WebSocket: alternatingWebSocket([a.url, b.url], made),
            fetch,
          })
        : // Polls held up to 60 s: an event that arrives sooner was a wake, not a poll that ran out.
          feedClient(CLUSTER, { transport: 'long-poll', fetch, wait: 60_000 });
    const home = await client.join();
    // The join (the stand-in) landed on `joined`; everything is published on the other one.
    const [joined, publisher] = home === a.port ? [a, b] : [b, a];
    expect(await roomSize(publisher.url)).toBe(1);
    return { joined, publisher, client, routed, made };
  }

  async function receivesEverything(client: FeedClient, publisher: ServerProcess): Promise<void> {
    await publishBurst(publisher.url, 3_000, 100, undefined, 'Room');
    await vi.waitFor(() => expect(client.received.length).toBe(3_000), {
      timeout: 20_000,
      interval: 50,
    });
    // Single events: whichever process the client waits on wakes through Redis (a socket never polls,
    // and polls are held 60 s, so each event arriving within 30 s is a wake).
    for (let n = 3_001; n <= 3_005; n++) {
      await sleep(100);
      expect(await publish(publisher.url, n, 1, 'Room')).toBe(n);
      await vi.waitFor(() => expect(client.received.length).toBe(n), {
        timeout: 30_000,
        interval: 5,
      });
    }
    expect(isInOrderOnce(client.received)).toBe(true);
    expect(client.gaps).toEqual([]);
    expect(client.errors).toEqual([]);
  }

  it('long poll: joined on one process, the client gets every event the other publishes, once, in order, through both', async () => {
    const { joined, publisher, client, routed } = await cluster('long-poll');
    await receivesEverything(client, publisher);
    // The polls that carried events were answered by both processes (no stickiness).
    expect(new Set(routed.filter((r) => r.events > 0).map((r) => r.base))).toEqual(
      new Set([joined.url, publisher.url]),
    );
    await client.conn.close();
  });

  it('WebSocket: joined on one process, the client gets every event the other publishes, once, in order', async () => {
    const { joined, publisher, client, made } = await cluster('websocket');
    await vi.waitFor(() => expect(made.at(-1)?.socket.readyState).toBe(WebSocket.OPEN), {
      timeout: 10_000,
      interval: 10,
    });
    // The burst over the first socket (to either process), the single events over a socket to the other one.
    await publishBurst(publisher.url, 3_000, 100, undefined, 'Room');
    await vi.waitFor(() => expect(client.received.length).toBe(3_000), {
      timeout: 20_000,
      interval: 50,
    });
    const first = made.at(-1)!;
    first.socket.terminate();
    await vi.waitFor(
      () =>
        expect(made.at(-1)?.socket.readyState === WebSocket.OPEN && made.at(-1) !== first).toBe(
          true,
        ),
      { timeout: 10_000, interval: 10 },
    );
    for (let n = 3_001; n <= 3_005; n++) {
      await sleep(100);
      expect(await publish(publisher.url, n, 1, 'Room')).toBe(n);
      await vi.waitFor(() => expect(client.received.length).toBe(n), {
        timeout: 5_000,
        interval: 5,
      });
    }
    expect(new Set(made.map((m) => m.base))).toEqual(new Set([joined.url, publisher.url]));
    expect(isInOrderOnce(client.received)).toBe(true);
    expect(client.gaps).toEqual([]);
    expect(client.errors).toEqual([]);
    await client.conn.close();
  });

  it('the process the client joined on is SIGKILLed: the membership lives on in Redis, and the other process still reaches the client', async () => {
    const { joined, publisher, client } = await cluster('long-poll');
    await publishBurst(publisher.url, 500, 100, undefined, 'Room');
    await vi.waitFor(() => expect(client.received.length).toBe(500), {
      timeout: 20_000,
      interval: 50,
    });
    await joined.kill('SIGKILL');
    // The client's requests that go to the dead process fail; it keeps polling, and the survivor answers.
    const survivor = publisher;
    expect(await roomSize(survivor.url)).toBe(1);
    for (let from = 501; from <= 1_000; from += 100)
      expect(await publish(survivor.url, from, 100, 'Room')).toBe(from + 99);
    await vi.waitFor(() => expect(client.received.length).toBe(1_000), {
      timeout: 30_000,
      interval: 50,
    });
    expect(isInOrderOnce(client.received)).toBe(true);
    expect(client.gaps).toEqual([]);
    expect(client.errors).toEqual([]);
    await client.conn.close();
  });

  it('membership ends in every process when the callback is released, and when the client closes', async () => {
    const { joined, publisher, client } = await cluster('long-poll');
    await client.release();
    for (const server of [joined, publisher]) expect(await roomSize(server.url)).toBe(0);
    expect(await publish(publisher.url, 1, 1, 'Room')).toBe(1);
    // Joined again (a fresh registration), then the client ends: it leaves for both processes.
    await client.join();
    expect(await roomSize(publisher.url)).toBe(1);
    await client.conn.close();
    for (const server of [joined, publisher]) expect(await roomSize(server.url)).toBe(0);
    await sleep(200);
    expect(client.received).toEqual([]);
  });
});
