// Chaos (issue 25): four server processes share Redis; clients (long polling and WebSocket) and a
// publisher go to any process that listens (no stickiness, as behind a load balancer that skips a dead
// upstream). Every 5 s one process is SIGKILLed and started again on its port while events are
// published to a store-backed topic. Every client receives every event, each first arrival in order,
// with no gap and no error; an event can repeat only where a publish call died with its process and the
// application sent it again.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { TransportOption } from '../../runtime/src/client/index.js';
import { failoverFetch, failoverWebSocket } from '../stores/failover-fetch.js';
import { CLUSTER, feedClient, publishSteadily, type FeedClient } from '../stores/feed-client.js';
import { describeWithRedis, redisPrefix, redisTarget } from '../stores/redis-target.js';
import {
  removePackage,
  snapshotPackage,
  startServer,
  type ServerProcess,
} from '../stores/server-process.js';

const PROCESSES = 4;
const KILLS = 4;
const KILL_EVERY_MS = 5_000;
const CHUNK = 20;
const CLIENTS_PER_TRANSPORT = 5;

let pkg: string | undefined;
const servers: (ServerProcess | undefined)[] = [];
beforeAll(async () => {
  pkg = await snapshotPackage();
});
afterAll(async () => {
  for (const server of servers) await server?.kill();
  removePackage(pkg);
});

describeWithRedis('one of four processes SIGKILLed every 5 s', () => {
  it('every client receives every event, first arrivals in order, no gap, no error', async () => {
    const env = { STORE: 'redis', REDIS_URL: redisTarget.url, PREFIX: redisPrefix('chaos-kills') };
    for (let i = 0; i < PROCESSES; i++) servers.push(await startServer(pkg!, env));
    const bases = servers.map((server) => server!.url);
    const up = new Set(bases);
    const live = () => bases.filter((base) => up.has(base));
    const client = (transport: TransportOption) =>
      feedClient(CLUSTER, {
        transport,
        fetch: failoverFetch(bases),
        WebSocket: failoverWebSocket(bases, live),
      });
    const clients: FeedClient[] = [];
    for (const transport of ['long-poll', 'websocket'] as const)
      for (let i = 0; i < CLIENTS_PER_TRANSPORT; i++) clients.push(client(transport));
    for (const c of clients) await c.join();

    // The publisher: chunks one after another until the killer is done; a failed call is sent again.
    const publisher = publishSteadily(failoverFetch(bases), CHUNK);
    // The killer: every 5 s the next process dies and comes back on its port.
    const killer = (async () => {
      for (let k = 0; k < KILLS; k++) {
        await new Promise((resolve) => setTimeout(resolve, KILL_EVERY_MS));
        const i = k % PROCESSES;
        const victim = servers[i]!;
        up.delete(victim.url);
        await victim.kill('SIGKILL');
        servers[i] = await startServer(pkg!, { ...env, PORT: String(victim.port) });
        up.add(victim.url);
      }
    })();
    await killer;
    await publisher.stop();
    const { next, failed } = publisher;
    const total = next - 1;
    expect(total).toBeGreaterThan(0);

    for (const c of clients)
      await vi.waitFor(() => expect(new Set(c.received).size).toBe(total), {
        timeout: 60_000,
        interval: 100,
      });
    let repeats = 0;
    for (const c of clients) {
      expect([...new Set(c.received)]).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(c.gaps).toEqual([]);
      expect(c.errors).toEqual([]);
      repeats += c.received.length - total;
    }
    // Only a call that died with its process may have stored its events before the application sent it again.
    expect(repeats).toBeLessThanOrEqual(failed * CHUNK * clients.length);
    console.log(
      `${KILLS} SIGKILLs every ${KILL_EVERY_MS} ms: ${total} events to ${clients.length} clients; ${failed} publish calls failed and were sent again; ${repeats} repeated arrivals in all`,
    );
    for (const c of clients) await c.conn.close();
  }, 180_000);
});
