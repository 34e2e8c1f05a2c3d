// Chaos (issue 25): two server processes on Redis; process A reaches Redis through a TCP proxy the test
// cuts for 10 s. A load balancer stand-in sends traffic only to processes whose `_ready` answers 200
// (docs/operations.md), checked every 200 ms. A says it is not ready while cut off, the clients are
// served by B meanwhile, A is ready again once Redis is back, and every client — long polling and
// WebSocket — receives every event, first arrivals in order, with no gap and no error.
import { WebSocket } from 'ws';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { TransportOption, WebSocketConstructor } from '../../runtime/src/client/index.js';
import { CLUSTER, feedClient, publishSteadily, type FeedClient } from '../stores/feed-client.js';
import { describeWithRedis, redisPrefix, redisTarget } from '../stores/redis-target.js';
import {
  removePackage,
  snapshotPackage,
  startServer,
  type ServerProcess,
} from '../stores/server-process.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

const CUT_MS = 10_000;
const CHUNK = 20;

let pkg: string | undefined;
const servers: ServerProcess[] = [];
let proxy: TcpProxy | undefined;
beforeAll(async () => {
  pkg = await snapshotPackage();
});
afterAll(async () => {
  for (const server of servers) await server.kill();
  await proxy?.close();
  removePackage(pkg);
});

/** A load balancer's view: which bases answered `_ready` with 200 at the last check. */
function readinessChecks(bases: readonly string[], every: number) {
  const ready = new Set(bases);
  const history = new Map<string, boolean[]>(bases.map((base) => [base, []]));
  const timer = setInterval(() => {
    for (const base of bases)
      void fetch(`${base}/_ready`, { signal: AbortSignal.timeout(every * 5) }).then(
        (response) => {
          void response.body?.cancel();
          const ok = response.status === 200;
          history.get(base)!.push(ok);
          if (ok) ready.add(base);
          else ready.delete(base);
        },
        () => {
          history.get(base)!.push(false);
          ready.delete(base);
        },
      );
  }, every);
  return { ready, history, stop: () => clearInterval(timer) };
}

describeWithRedis('one process cut off from Redis for 10 s', () => {
  it('it says it is not ready, the others serve its clients, and nothing is lost', async () => {
    const target = new URL(redisTarget.url);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 6379));
    const prefix = redisPrefix('chaos-partition');
    const viaProxy = `redis://127.0.0.1:${proxy.port}`;
    const a = await startServer(pkg!, { STORE: 'redis', REDIS_URL: viaProxy, PREFIX: prefix });
    const b = await startServer(pkg!, {
      STORE: 'redis',
      REDIS_URL: redisTarget.url,
      PREFIX: prefix,
    });
    servers.push(a, b);
    const bases = [a.url, b.url];
    const checks = readinessChecks(bases, 200);
    let turn = 0;
    /** The next base that was ready at the last check (any, when none was). */
    const pick = () => {
      const up = bases.filter((base) => checks.ready.has(base));
      const from = up.length > 0 ? up : bases;
      return from[turn++ % from.length]!;
    };
    const lbFetch: typeof fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      return fetch(url.replace(CLUSTER, pick()), init);
    };
    const lbWebSocket = function (
      url: string,
      protocols?: string | string[],
      init?: { headers: Record<string, string> },
    ) {
      return new WebSocket(
        url.replace('ws://cluster.invalid', pick().replace(/^http/, 'ws')),
        protocols,
        init,
      );
    } as unknown as WebSocketConstructor;

    const clients: FeedClient[] = [];
    for (const transport of ['long-poll', 'websocket'] as const satisfies TransportOption[])
      for (let i = 0; i < 3; i++)
        clients.push(feedClient(CLUSTER, { transport, fetch: lbFetch, WebSocket: lbWebSocket }));
    for (const c of clients) await c.join();

    const publisher = publishSteadily(lbFetch, CHUNK, { pause: 20, interval: 20 });

    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const before = checks.history.get(a.url)!.length;
    proxy.cut();
    // A says so: not ready while it cannot reach Redis.
    await vi.waitFor(() => expect(checks.ready.has(a.url)).toBe(false), {
      timeout: CUT_MS,
      interval: 50,
    });
    const noticed = checks.history.get(a.url)!.length - before;
    const publishedAtCut = publisher.next;
    await new Promise((resolve) => setTimeout(resolve, CUT_MS));
    // Served by B meanwhile: publishing went on.
    expect(publisher.next).toBeGreaterThan(publishedAtCut);
    proxy.heal();
    await vi.waitFor(() => expect(checks.ready.has(a.url)).toBe(true), {
      timeout: 30_000,
      interval: 50,
    });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await publisher.stop();
    const { next, failed } = publisher;
    checks.stop();
    const total = next - 1;

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
    expect(repeats).toBeLessThanOrEqual(failed * CHUNK * clients.length);
    console.log(
      `Redis cut off from one of two processes for ${CUT_MS} ms: not ready after ${noticed} checks of 200 ms; ${total} events to ${clients.length} clients; ${failed} publish calls failed and were sent again; ${repeats} repeated arrivals`,
    );
    for (const c of clients) await c.conn.close();
  }, 180_000);
});
