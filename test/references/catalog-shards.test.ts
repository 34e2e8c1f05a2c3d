// Issue 22, service references across processes: a catalog and two shards (examples/catalog), each a
// real process. A client asks the catalog for room 7 and gets a reference to the shard holding it;
// it follows it there, joins, and receives 2,000 posts exactly once, in order, while the shard is
// SIGKILLed and restarted on its SQLite file: the old reference answers UNKNOWN_REF (ask the catalog
// again), the membership and every acknowledged post survive.
import * as http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, referenceOf, type Connection } from '@contract-gen/runtime/client';
import type { RoomEvents } from '../../contracts/catalog.js';
import { catalogClient } from '../../generated/catalog.client.js';
import { eventually, freePort, startApp, type AppProcess } from './processes.js';

let dir: string;
const apps: AppProcess[] = [];
const connections: Connection[] = [];
let shardPorts: number[];
let catalog: AppProcess;

function startShard(index: number): Promise<AppProcess> {
  const port = shardPorts[index] as number;
  return startApp('examples/catalog/shard.js', [String(port), join(dir, `shard-${index}.db`)]).then(
    (app) => (apps.push(app), app),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cg-catalog-'));
  shardPorts = [await freePort(), await freePort()];
  const shards = [await startShard(0), await startShard(1)];
  catalog = await startApp('examples/catalog/catalog.js', ['0', ...shards.map((s) => s.url)]);
  apps.push(catalog);
});

afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  for (const app of apps) await app.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** `pollInterval`: the member reads by heartbeat polls, so posts pile up on the shard between its reads. */
function open(pollInterval?: number) {
  const conn = connect(catalog.url, {
    http,
    backoff: { initial: 50, max: 500 },
    ...(pollInterval === undefined ? {} : { transport: 'poll' as const, pollInterval }),
  });
  connections.push(conn);
  return catalogClient(conn);
}

describe('a catalog handing out references to rooms on two shards', () => {
  it('delivers 2,000 posts once each, in order, across a SIGKILL of the shard holding the room', async () => {
    const member = open(1_000);
    const room = await member.room('7');
    const shardUrl = await member.shardOf('7');
    // The reference names the shard, not the catalog: the client followed it there.
    expect(referenceOf(room)?.url).toBe(shardUrl);
    expect(shardUrl).not.toBe(catalog.url);
    expect(await room.id()).toBe('7');
    const other = await member.room('8');
    expect(await other.id()).toBe('8');

    const received: number[] = [];
    const events: RoomEvents = {
      posted: (n) => void received.push(n),
      failed: (failure) => {
        throw new Error(`unexpected failure ${failure.code}`);
      },
    };
    await room.join(events);

    const poster = open();
    let target = await poster.room('7');
    for (let from = 1; from <= 1000; from += 100) await target.post(from, 100, 'hello');
    // Posts 1..1000 are acknowledged (stored); the member reads them once a second. Kill the shard now.
    const index = apps.findIndex((a) => a.url === shardUrl);
    await (apps[index] as AppProcess).kill();
    const atKill = received.length;
    apps[index] = await startShard(shardPorts.indexOf(Number(new URL(shardUrl).port)));

    // The old reference died with the process: the documented error, and the issuer gives a fresh one.
    await expect(target.post(1001, 1, 'lost?')).rejects.toMatchObject({
      code: 'UNKNOWN_REF',
      status: 404,
    });
    target = await poster.room('7');
    for (let from = 1001; from <= 2000; from += 100) await target.post(from, 100, 'hello');

    await eventually(() => expect(received.length).toBeGreaterThanOrEqual(2000), 120_000);
    expect(received).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
    console.log(
      `catalog-shards: the member had ${atKill} of 1,000 acknowledged posts when the shard was killed`,
    );
    // And the member's own old reference is as dead as the poster's, until it asks again.
    await expect(room.id()).rejects.toMatchObject({ code: 'UNKNOWN_REF' });
    expect(await (await member.room('7')).id()).toBe('7');
  }, 180_000);
});
