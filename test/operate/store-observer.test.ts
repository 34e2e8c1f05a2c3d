// StoreConfig.observer: the memory and SQLite stores tell the metrics of each
// event appended, acknowledged and dropped, and count what they hold.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  memoryStore,
  type ClientStore,
  type StoreObserver,
} from '../../runtime/src/server/index.js';
import { sqliteStore } from '../../runtime/src/server/stores/sqlite/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cg-store-observer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stores: Record<string, () => ClientStore> = {
  memory: () => memoryStore(),
  sqlite: () => sqliteStore({ path: join(dir, `events-${Math.random()}.sqlite`) }),
};

describe.each(Object.keys(stores))('the %s store', (kind) => {
  it('reports appends, acknowledgements and drops (at the bound, and at the end)', async () => {
    const seen: string[] = [];
    const observer: StoreObserver = {
      appended: (client) => seen.push(`appended ${client}`),
      acknowledged: (client, count) => seen.push(`acknowledged ${client} ${count}`),
      dropped: (client, count, reason) => seen.push(`dropped ${client} ${count} ${reason}`),
    };
    const store = (stores[kind] as () => ClientStore)();
    await store.start(
      { ttl: 60_000, maxQueue: 3, overflow: 'drop-oldest', now: Date.now, observer },
      { appended() {}, released() {}, ended() {} },
    );
    await store.open('c');
    for (let n = 1; n <= 5; n++) store.append('c', `"cb":1,"method":"m","args":[${n}]`);
    await store.flush();
    expect(seen).toEqual([
      'appended c',
      'appended c',
      'appended c',
      'dropped c 1 overflow',
      'appended c',
      'dropped c 1 overflow',
      'appended c',
    ]);
    seen.length = 0;
    const read = await store.read('c', 4, 100);
    expect(read.count).toBe(1);
    expect(store.queueStats?.()).toEqual({ events: 1, bytes: read.events[0]?.length });
    await store.read('c', 4, 100); // nothing new acknowledged
    await store.close('c');
    expect(seen).toEqual(['acknowledged c 2', 'dropped c 1 closed']);
    expect(store.queueStats?.()).toEqual({ events: 0, bytes: 0 });
    await store.stop();
  });
});
