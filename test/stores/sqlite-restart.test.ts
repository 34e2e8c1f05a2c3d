// Restart: a server with the SQLite store is SIGKILLed in the middle of a 10,000-event burst and
// started again on the same file and port. The client, polling through the outage, gets every
// event whose publish call had returned, exactly once and in order.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  alternatingFetch,
  CLUSTER,
  feedClient,
  Gate,
  isInOrderOnce,
  publish,
  publishBurst,
  type Burst,
} from './feed-client.js';
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
  dir = mkdtempSync(join(tmpdir(), 'cg-restart-'));
});
afterAll(async () => {
  for (const server of servers) await server.kill();
  removePackage(pkg);
  rmSync(dir, { recursive: true, force: true });
});

describe('sqlite store across a SIGKILL', () => {
  it('delivers every event whose publish returned, once, in order, after a restart on the same file', async () => {
    const env = { STORE: 'sqlite', DB: join(dir, 'events.db'), PORT: String(await freePort()) };
    const first = await startServer(pkg!, env);
    servers.push(first);
    // One client long-polls throughout; the other's polls are held up (a slow network) until after the restart,
    // so its events wait in the file.
    const client = feedClient(first.url);
    const gate = new Gate();
    const slow = feedClient(CLUSTER, { fetch: alternatingFetch([first.url], [], gate) });
    await client.subscribe();
    await slow.subscribe();
    gate.shut();

    // Kill once half the burst has returned, while the next publish call is on its way.
    let killing: Promise<void> | undefined;
    const burst: Burst = await publishBurst(first.url, 10_000, 100, ({ returned }) => {
      if (returned >= 5_000)
        killing ??= new Promise((resolve) =>
          setImmediate(() => void first.kill('SIGKILL').then(resolve)),
        );
    });
    await killing;
    // The slow client has most of the burst still to come: from the restarted server's file.
    expect(slow.received.length).toBeLessThan(burst.returned);
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(burst.returned).toBeGreaterThanOrEqual(5_000);
    expect(burst.returned).toBeLessThan(10_000);

    const second = await startServer(pkg!, env);
    servers.push(second);
    gate.open();
    for (const c of [client, slow]) {
      await vi.waitFor(() => expect(c.received.length).toBeGreaterThanOrEqual(burst.returned), {
        timeout: 30_000,
        interval: 100,
      });
      expect(isInOrderOnce(c.received)).toBe(true);
      expect(c.received.length).toBeLessThanOrEqual(burst.sent);
      expect(c.gaps).toEqual([]);
      expect(c.errors).toEqual([]);
    }

    // The same client goes on: the restarted store continues its seqs (a reused seq would be dropped as a repeat).
    const last = client.received.length;
    await client.subscribe();
    expect(await publish(second.url, last + 1, 50)).toBe(last + 50);
    // As generous as the wait above: a busy machine is slow, but the events must come.
    await vi.waitFor(() => expect(client.received.length).toBe(last + 50), {
      timeout: 30_000,
      interval: 100,
    });
    expect(isInOrderOnce(client.received)).toBe(true);
    await client.conn.close();
    await slow.conn.close();
  });
});
