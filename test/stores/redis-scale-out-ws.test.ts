// Scale-out over WebSocket: two server processes share one Redis; each new socket of the client
// goes to the next process (round robin, no stickiness). The client subscribes on one process;
// a socket to the other delivers what the first publishes. Then the process holding the
// subscription and the socket is SIGKILLed mid-burst, and a socket to the other one delivers
// every event whose publish returned.
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
  type MadeSocket as Made,
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

describeWithRedis('redis store: two server processes, WebSocket clients', () => {
  let pkg: string | undefined;
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    pkg = await snapshotPackage();
  });
  afterAll(async () => {
    for (const server of servers) await server.kill();
    removePackage(pkg);
  });

  /** The socket of the client that is open now (after waiting for one). */
  async function openSocket(made: readonly Made[]): Promise<Made> {
    await vi.waitFor(() => expect(made.at(-1)?.socket.readyState).toBe(WebSocket.OPEN), {
      timeout: 10_000,
      interval: 10,
    });
    return made.at(-1)!;
  }

  /**
   * Two servers on one Redis prefix and a subscribed WebSocket client whose
   * sockets, and HTTP requests (its first `_open`), go round robin.
   * `publisher` holds the subscription (the call's answer says which).
   */
  async function cluster() {
    const env = { STORE: 'redis', REDIS_URL: redisTarget.url, PREFIX: redisPrefix('cluster-ws') };
    const [a, b] = [await startServer(pkg!, env), await startServer(pkg!, env)];
    servers.push(a, b);
    const made: Made[] = [];
    const routed: Routed[] = [];
    const client = feedClient(CLUSTER, {
      transport: 'websocket',
      WebSocket: alternatingWebSocket([a.url, b.url], made),
      fetch: alternatingFetch([a.url, b.url], routed),
    });
    const home = await client.subscribe();
    const [publisher, other] = home === a.port ? [a, b] : [b, a];
    return { publisher, other, made, client };
  }

  it('subscribed on one process, the client gets over a socket to the other what the first publishes', async () => {
    const { publisher, other, made, client } = await cluster();
    // Cut sockets (as a network would) until the client's socket is on the other process.
    for (
      let socket = await openSocket(made);
      socket.base !== other.url;
      socket = await openSocket(made)
    )
      socket.socket.terminate();
    const sockets = made.length;
    await publishBurst(publisher.url, 3_000, 100);
    await vi.waitFor(() => expect(client.received.length).toBe(3_000), {
      timeout: 20_000,
      interval: 50,
    });
    // Single events: the other process's session wakes on the publisher's appends, through Redis (a
    // socket never polls, so each event arriving at all is a wake).
    for (let n = 3_001; n <= 3_005; n++) {
      await sleep(100);
      expect(await publish(publisher.url, n, 1)).toBe(n);
      await vi.waitFor(() => expect(client.received.length).toBe(n), {
        timeout: 30_000,
        interval: 5,
      });
    }
    expect(made).toHaveLength(sockets); // everything came over the one socket to the other process
    expect(isInOrderOnce(client.received)).toBe(true);
    expect(client.gaps).toEqual([]);
    expect(client.errors).toEqual([]);
    await client.conn.close();
  });

  it('crash: the process with the subscription is SIGKILLed mid-burst; a socket to the other delivers every event whose publish returned', async () => {
    const { publisher, other, made, client } = await cluster();
    // The socket on the publisher, so the kill also cuts it; it stops reading (a slow network) during the burst,
    // so most of the burst is still queued at the kill.
    let socket = await openSocket(made);
    for (; socket.base !== publisher.url; socket = await openSocket(made))
      socket.socket.terminate();
    socket.socket.pause();
    let killing: Promise<void> | undefined;
    const burst = await publishBurst(publisher.url, 10_000, 100, ({ returned }) => {
      if (returned >= 5_000)
        killing ??= new Promise((resolve) =>
          setImmediate(() => void publisher.kill('SIGKILL').then(resolve)),
        );
    });
    await killing;
    expect(publisher.child.signalCode).toBe('SIGKILL');
    expect(burst.returned).toBeLessThan(10_000);
    const before = client.received.length;
    socket.socket.resume();
    await vi.waitFor(() => expect(client.received.length).toBeGreaterThanOrEqual(burst.returned), {
      timeout: 30_000,
      interval: 50,
    });
    expect(isInOrderOnce(client.received)).toBe(true);
    expect(client.received.length).toBeLessThanOrEqual(burst.sent);
    expect(client.gaps).toEqual([]);
    expect(client.errors).toEqual([]);
    expect(before).toBeLessThan(burst.returned);
    expect(made.filter((m) => m.socket.readyState === WebSocket.OPEN).map((m) => m.base)).toEqual([
      other.url,
    ]);
    await client.conn.close();
  });
});
