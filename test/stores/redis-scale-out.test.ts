// Scale-out: two server processes share one Redis; a client whose requests alternate between them
// (round robin, no stickiness) is served by both. Then the process holding the subscription is
// SIGKILLed in the middle of a burst, and the other one still delivers everything that was stored.
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
import { describeWithRedis, redisPrefix, redisTarget } from './redis-target.js';
import {
  removePackage,
  snapshotPackage,
  startServer,
  type ServerProcess,
} from './server-process.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithRedis('redis store: two server processes, no sticky sessions', () => {
  let pkg: string | undefined;
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    pkg = await snapshotPackage();
  });
  afterAll(async () => {
    for (const server of servers) await server.kill();
    removePackage(pkg);
  });

  /** Two servers on one Redis prefix, and a client whose requests alternate between them, subscribed. */
  async function cluster() {
    const env = { STORE: 'redis', REDIS_URL: redisTarget.url, PREFIX: redisPrefix('cluster') };
    const [a, b] = [await startServer(pkg!, env), await startServer(pkg!, env)];
    servers.push(a, b);
    const log: Routed[] = [];
    const gate = new Gate();
    const client = feedClient(CLUSTER, { fetch: alternatingFetch([a.url, b.url], log, gate) });
    // The subscription (the stand-in) lives where the subscribe call landed: events are published there.
    const home = await client.subscribe();
    const [publisher, other] = home === a.port ? [a, b] : [b, a];
    expect(publisher.port).toBe(home);
    return { publisher, other, log, gate, client };
  }

  it('long poll: events published on one process reach the client through both, once, in order; a poll parked on either wakes', async () => {
    const { publisher, other, log, client } = await cluster();
    await publishBurst(publisher.url, 3_000, 100);
    await vi.waitFor(() => expect(client.received.length).toBe(3_000), {
      timeout: 20_000,
      interval: 50,
    });
    expect(isInOrderOnce(client.received)).toBe(true);
    expect(new Set(log.filter((r) => r.events > 0).map((r) => r.base))).toEqual(
      new Set([publisher.url, other.url]),
    );

    // One event at a time, with the client's next long poll (wait 20 s) parked on either process in turn.
    const wokeOn: string[] = [];
    for (let n = 3_001; n <= 3_006; n++) {
      await sleep(150);
      const parked = log.length;
      const start = Date.now();
      expect(await publish(publisher.url, n, 1)).toBe(n);
      await vi.waitFor(() => expect(client.received.length).toBe(n), {
        timeout: 5_000,
        interval: 5,
      });
      expect(Date.now() - start).toBeLessThan(2_000);
      wokeOn.push(
        ...log
          .slice(parked)
          .filter((r) => r.events > 0)
          .map((r) => r.base),
      );
    }
    // The other process's parked polls were woken by the publisher's appends, through Redis.
    expect(new Set(wokeOn)).toEqual(new Set([publisher.url, other.url]));
    expect(isInOrderOnce(client.received)).toBe(true);
    expect(client.gaps).toEqual([]);
    expect(client.errors).toEqual([]);
    await client.conn.close();
  });

  it('crash: the process holding the subscription is SIGKILLed mid-burst; the other delivers every event whose publish returned', async () => {
    const { publisher, other, log, gate, client } = await cluster();
    // The client's polls are held up (a slow network) during the burst, so most of it is still queued at the kill.
    gate.shut();
    let killedAt = Infinity;
    let killing: Promise<void> | undefined;
    const burst = await publishBurst(publisher.url, 10_000, 100, ({ returned }) => {
      if (returned < 5_000) return;
      killing ??= new Promise((resolve) =>
        setImmediate(() => {
          killedAt = performance.now();
          void publisher.kill('SIGKILL').then(resolve);
        }),
      );
    });
    await killing;
    expect(publisher.child.signalCode).toBe('SIGKILL');
    expect(burst.returned).toBeLessThan(10_000);
    const before = client.received.length;
    gate.open();
    await vi.waitFor(() => expect(client.received.length).toBeGreaterThanOrEqual(burst.returned), {
      timeout: 30_000,
      interval: 50,
    });
    expect(isInOrderOnce(client.received)).toBe(true);
    expect(client.received.length).toBeLessThanOrEqual(burst.sent);
    expect(before).toBeLessThan(burst.returned);
    expect(client.gaps).toEqual([]);
    expect(client.errors).toEqual([]);
    // Requests sent after the kill were answered, with events, by the other process only.
    expect(
      new Set(log.filter((r) => r.sent > killedAt && r.events > 0).map((r) => r.base)),
    ).toEqual(new Set([other.url]));
    await client.conn.close();
  });
});
