// A rolling deploy (issue 19): two server processes share Redis; a client alternates between them
// (every request and socket to the next process that listens, as behind a load balancer). One process
// drains (SIGTERM → close({ drain: true })) while 10,000 events are published: the client sees every
// one once, in order, and no call of the application fails. A Broadcast subscription the draining
// process held is released with a notice, and the client subscribes again on the other process.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import {
  resubscribeCalls,
  type ReleaseNotice,
  type TransportOption,
} from '../../runtime/src/client/index.js';
import { CLUSTER, feedClient, isInOrderOnce } from './feed-client.js';
import { failoverFetch, failoverWebSocket } from './failover-fetch.js';
import { describeWithRedis, redisPrefix, redisTarget } from './redis-target.js';
import {
  removePackage,
  snapshotPackage,
  startServer,
  type ServerProcess,
} from './server-process.js';

const TOTAL = 10_000;
const CHUNK = 100;

let pkg: string | undefined;
const servers: ServerProcess[] = [];
beforeAll(async () => {
  pkg = await snapshotPackage();
});
afterAll(async () => {
  for (const server of servers) await server.kill();
  removePackage(pkg);
});

/**
 * One publish call through `fetch`, sent again on 503 `DRAINING` (nothing ran: docs/protocol.md), as
 * the contract-gen client does; throws on any other failure (the application would see that error).
 */
async function publishVia(
  fetch: typeof globalThis.fetch,
  from: number,
  count: number,
  drained: { count: number },
) {
  for (;;) {
    const response = await fetch(`${CLUSTER}/Room/publish`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([from, count]),
    });
    const body = (await response.json()) as { result?: number; error?: { code?: string } };
    if (response.status === 503 && body.error?.code === 'DRAINING') {
      drained.count++;
      continue;
    }
    if (!response.ok || body.result !== from + count - 1)
      throw new Error(`publish ${from}: ${response.status} ${JSON.stringify(body)}`);
    return;
  }
}

describeWithRedis('rolling deploy on redis', () => {
  for (const transport of ['long-poll', 'websocket'] as const satisfies TransportOption[]) {
    it(`one process drains mid-stream: every event once, in order, no error (${transport})`, async () => {
      const env = {
        STORE: 'redis',
        REDIS_URL: redisTarget.url,
        PREFIX: redisPrefix(`rolling-${transport}`),
        DRAIN: '1',
      };
      const a = await startServer(pkg!, env);
      const b = await startServer(pkg!, env);
      servers.push(a, b);
      const listening = new Set([a.url, b.url]);
      const bases = [a.url, b.url];
      const live = () => bases.filter((base) => listening.has(base));
      /** The process each of the clients' HTTP requests went to. */
      const used: string[] = [];
      const options = {
        transport,
        fetch: failoverFetch(bases, used),
        WebSocket: failoverWebSocket(bases, live),
      };
      const topic = feedClient(CLUSTER, options);
      const notices: ReleaseNotice[] = [];
      // Its own socket maker, whose first socket goes to a: over a socket its calls all land on one
      // process, and the loop below needs the subscription on a (sharing the topic client's maker, its
      // socket went to b about one run in three, and the loop never ended).
      const broadcast = feedClient(CLUSTER, {
        ...options,
        WebSocket: failoverWebSocket(bases, live),
        resubscribe: resubscribeCalls(),
        onReleased: (notice) => void notices.push(notice),
      });
      await topic.join();
      let holder = 0;
      for (let tries = 0; holder !== a.port; tries++) {
        if (tries === 20) throw new Error(`20 subscribe calls, none landed on a (${a.port})`);
        holder = await broadcast.subscribe();
      }

      const publisher = failoverFetch(bases);
      let draining: Promise<void> | undefined;
      const drained = { count: 0 };
      let drainedAt = 0;
      const started = performance.now();
      for (let from = 1; from <= TOTAL; from += CHUNK) {
        await publishVia(publisher, from, CHUNK, drained);
        if (from + CHUNK - 1 >= 3_000 && draining === undefined)
          draining = a.kill('SIGTERM').then(() => {
            listening.delete(a.url);
            drainedAt = performance.now();
          });
      }
      const publishedAt = performance.now();
      await draining;
      expect(a.child.exitCode).toBe(0);

      await vi.waitFor(() => expect(topic.received.length).toBeGreaterThanOrEqual(TOTAL), {
        timeout: 60_000,
        interval: 50,
      });
      const took = performance.now() - started;
      console.log(
        `rolling deploy (${transport}): ${TOTAL} events through a drain in ${took.toFixed(0)} ms; ${drained.count} publish calls answered DRAINING and sent again; a exited ${(drainedAt - publishedAt).toFixed(0)} ms after the last publish returned`,
      );
      expect(topic.conn.transport).toBe(transport);
      // The clients alternated: both processes served their requests.
      const toA = used.filter((base) => base === a.url).length;
      console.log(`  client HTTP requests: ${toA} to a, ${used.length - toA} to b`);
      expect(toA).toBeGreaterThan(0);
      expect(used.length - toA).toBeGreaterThan(0);
      expect(topic.received).toHaveLength(TOTAL);
      expect(isInOrderOnce(topic.received)).toBe(true);
      expect(topic.gaps).toEqual([]);
      expect(topic.errors).toEqual([]);

      // The Broadcast subscription held by the drained process: released with a notice, made again on b.
      await vi.waitFor(() => expect(notices).toHaveLength(1), { timeout: 30_000, interval: 50 });
      expect(notices[0]).toMatchObject({ callback: broadcast.events, reason: 'server-restart' });
      // Made again as often as it was made (the client subscribed until the call landed on a): now on b.
      const outcome = await notices[0]!.resubscribed;
      expect(outcome?.ok).toBe(true);
      expect(new Set(outcome?.ok === true ? outcome.results : [])).toEqual(new Set([b.port]));
      expect(broadcast.gaps).toEqual([]);
      expect(broadcast.errors).toEqual([]);
      await topic.conn.close();
      await broadcast.conn.close();
      await b.kill('SIGTERM');
    }, 120_000);
  }
});
