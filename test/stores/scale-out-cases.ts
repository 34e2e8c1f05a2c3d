// The scale-out cases, run on one Redis (redis-scale-out.test.ts) and on a three-master Redis Cluster
// (redis-cluster-scale-out.test.ts): two server processes share the store; a client whose requests
// alternate between them (round robin, no stickiness) gets every event published on one, in order,
// once, and a poll parked on either process wakes. Then the process holding the subscription is
// SIGKILLed in the middle of a burst, and the other one still delivers every event whose publish
// returned.
import { expect, it, vi } from 'vitest';
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
import { serverProcesses } from './server-process.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ScaleOutTarget {
  /** The server processes' environment: the store and a prefix of its own for each pair. */
  env(): Record<string, string>;
  /** Events of the first case's burst. */
  readonly burst: number;
  /** Events of the crash case's burst (the publisher is killed once half have returned). */
  readonly crashBurst: number;
  /** How the store wakes the other process's parked polls, for the assertion's message. */
  readonly wakes: string;
}

/** The cases, inside the caller's describe (which checks that the store can be reached). */
export function scaleOutCases(target: ScaleOutTarget): void {
  const processes = serverProcesses();

  /** Two servers on one prefix, and a client whose requests alternate between them, subscribed. */
  async function pair() {
    const env = target.env();
    const [a, b] = [await processes.start(env), await processes.start(env)];
    const log: Routed[] = [];
    const gate = new Gate();
    // Polls held up to 60 s: an event that arrives sooner was a wake, not a poll that ran out.
    const client = feedClient(CLUSTER, {
      fetch: alternatingFetch([a.url, b.url], log, gate),
      wait: 60_000,
    });
    // The subscription (the stand-in) lives where the subscribe call landed: events are published there.
    const home = await client.subscribe();
    const [publisher, other] = home === a.port ? [a, b] : [b, a];
    expect(publisher.port).toBe(home);
    return { publisher, other, log, gate, client };
  }

  it('long poll: events published on one process reach the client through both, once, in order; a poll parked on either wakes', async () => {
    const { publisher, other, log, client } = await pair();
    const { burst } = target;
    await publishBurst(publisher.url, burst, 100);
    await vi.waitFor(() => expect(client.received.length).toBe(burst), {
      timeout: 30_000,
      interval: 50,
    });
    expect(isInOrderOnce(client.received)).toBe(true);
    expect(new Set(log.filter((r) => r.events > 0).map((r) => r.base))).toEqual(
      new Set([publisher.url, other.url]),
    );

    // One event at a time, with the client's next long poll (wait 60 s) parked on either process in turn.
    const wokeOn: string[] = [];
    for (let n = burst + 1; n <= burst + 6; n++) {
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
    expect(
      new Set(wokeOn),
      `the other process's parked polls are woken by the publisher's appends, through ${target.wakes}`,
    ).toEqual(new Set([publisher.url, other.url]));
    expect(isInOrderOnce(client.received)).toBe(true);
    expect(client.gaps).toEqual([]);
    expect(client.errors).toEqual([]);
    await client.conn.close();
  });

  it('crash: the process holding the subscription is SIGKILLed mid-burst; the other delivers every event whose publish returned', async () => {
    const { publisher, other, log, gate, client } = await pair();
    const { crashBurst } = target;
    // The client's polls are held up (a slow network) during the burst, so most of it is still queued at the kill.
    gate.shut();
    let killedAt = Infinity;
    let killing: Promise<void> | undefined;
    const burst = await publishBurst(publisher.url, crashBurst, 100, ({ returned }) => {
      if (returned < crashBurst / 2) return;
      killing ??= new Promise((resolve) =>
        setImmediate(() => {
          killedAt = performance.now();
          void publisher.kill('SIGKILL').then(resolve);
        }),
      );
    });
    await killing;
    expect(publisher.child.signalCode).toBe('SIGKILL');
    expect(burst.returned).toBeLessThan(crashBurst);
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
}
