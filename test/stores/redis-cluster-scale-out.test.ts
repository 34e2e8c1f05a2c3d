// Scale-out on a Redis Cluster: two server processes share a three-master cluster (sharded pub/sub for
// wake-ups); a client whose requests alternate between them gets every event published on one, in
// order, once, and a poll parked on either process wakes. Then the publisher is SIGKILLed mid-burst and
// the other process delivers every event whose publish returned.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import {
  alternatingFetch,
  CLUSTER,
  feedClient,
  Gate,
  isInOrderOnce,
  publish,
  publishBurst,
  type Routed,
} from './feed-client.js';
import {
  removePackage,
  snapshotPackage,
  startServer,
  type ServerProcess,
} from './server-process.js';
import { describeWithRedisCluster } from '../support/redis-cluster.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let places = 0;

describeWithRedisCluster(
  'redis store on a Cluster: two server processes, no sticky sessions',
  (redisCluster) => {
    let pkg: string | undefined;
    const servers: ServerProcess[] = [];
    beforeAll(async () => {
      pkg = await snapshotPackage();
    });
    afterAll(async () => {
      for (const server of servers) await server.kill();
      removePackage(pkg);
    });

    /** Two servers on one prefix of the cluster, and a client whose requests alternate between them, subscribed. */
    async function pair() {
      const env = {
        STORE: 'redis',
        REDIS_CLUSTER: redisCluster()
          .nodes.map(({ host, port }) => `${host}:${port}`)
          .join(','),
        PREFIX: `scale-${process.pid}-${++places}:`,
        LEASE: '1000',
      };
      const [a, b] = [await startServer(pkg!, env), await startServer(pkg!, env)];
      servers.push(a, b);
      const log: Routed[] = [];
      const gate = new Gate();
      // Polls held up to 60 s: an event that arrives sooner was a wake, not a poll that ran out.
      const client = feedClient(CLUSTER, {
        fetch: alternatingFetch([a.url, b.url], log, gate),
        wait: 60_000,
      });
      const home = await client.subscribe();
      const [publisher, other] = home === a.port ? [a, b] : [b, a];
      expect(publisher.port).toBe(home);
      return { publisher, other, log, gate, client };
    }

    it('long poll: events published on one process reach the client through both, once, in order; a poll parked on either wakes', async () => {
      const { publisher, other, log, client } = await pair();
      await publishBurst(publisher.url, 2_000, 100);
      await vi.waitFor(() => expect(client.received.length).toBe(2_000), {
        timeout: 20_000,
        interval: 50,
      });
      expect(isInOrderOnce(client.received)).toBe(true);
      expect(new Set(log.filter((r) => r.events > 0).map((r) => r.base))).toEqual(
        new Set([publisher.url, other.url]),
      );
      const wokeOn: string[] = [];
      for (let n = 2_001; n <= 2_006; n++) {
        await sleep(150);
        const parked = log.length;
        expect(await publish(publisher.url, n, 1)).toBe(n);
        await vi.waitFor(() => expect(client.received.length).toBe(n), {
          timeout: 30_000,
          interval: 5,
        });
        wokeOn.push(
          ...log
            .slice(parked)
            .filter((r) => r.events > 0)
            .map((r) => r.base),
        );
      }
      // The other process's parked polls were woken by the publisher's appends, through SPUBLISH.
      expect(new Set(wokeOn)).toEqual(new Set([publisher.url, other.url]));
      expect(isInOrderOnce(client.received)).toBe(true);
      expect(client.gaps).toEqual([]);
      expect(client.errors).toEqual([]);
      await client.conn.close();
    });

    it('crash: the process holding the subscription is SIGKILLed mid-burst; the other delivers every event whose publish returned', async () => {
      const { publisher, other, log, gate, client } = await pair();
      gate.shut();
      let killedAt = Infinity;
      let killing: Promise<void> | undefined;
      const burst = await publishBurst(publisher.url, 6_000, 100, ({ returned }) => {
        if (returned < 3_000) return;
        killing ??= new Promise((resolve) =>
          setImmediate(() => {
            killedAt = performance.now();
            void publisher.kill('SIGKILL').then(resolve);
          }),
        );
      });
      await killing;
      expect(publisher.child.signalCode).toBe('SIGKILL');
      gate.open();
      await vi.waitFor(
        () => expect(client.received.length).toBeGreaterThanOrEqual(burst.returned),
        {
          timeout: 30_000,
          interval: 50,
        },
      );
      expect(isInOrderOnce(client.received)).toBe(true);
      expect(client.received.length).toBeLessThanOrEqual(burst.sent);
      expect(client.gaps).toEqual([]);
      expect(client.errors).toEqual([]);
      expect(
        new Set(log.filter((r) => r.sent > killedAt && r.events > 0).map((r) => r.base)),
      ).toEqual(new Set([other.url]));
      await client.conn.close();
    });
  },
);
