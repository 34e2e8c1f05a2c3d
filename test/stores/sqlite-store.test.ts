import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteStore } from '../../runtime/src/server/stores/sqlite/index.js';
import { runStoreSuite } from '../../runtime/src/server/stores/client-store.suite.js';

const dir = mkdtempSync(join(tmpdir(), 'cg-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (place: string) => join(dir, `${place}.db`);

runStoreSuite('sqlite', (place) => sqliteStore({ path: at(place) }), {
  durable: true,
  releasesOnStart: true,
});
runStoreSuite(
  'sqlite (FULL, grouped within 2 ms)',
  (place) => sqliteStore({ path: at(`full-${place}`), synchronous: 'FULL', groupWithinMs: 2 }),
  { durable: true, releasesOnStart: true },
);

describe('sqliteStore', () => {
  it('refuses a file another store has open, saying what to do', async () => {
    const path = at('locked');
    const first = sqliteStore({ path });
    expect(() => sqliteStore({ path })).toThrow(/in use by another process.*Redis store/);
    await first.stop();
    await sqliteStore({ path }).stop();
  });

  it('refuses a file of another layout version', () => {
    const path = at('future');
    const db = new Database(path);
    db.exec(
      "CREATE TABLE cg_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID; INSERT INTO cg_meta VALUES ('schema', '99')",
    );
    db.close();
    expect(() => sqliteStore({ path })).toThrow(/layout version 99/);
  });

  it('after a power cut lost commits the client had seen, numbers the events appended since the restart after the lost gap', async () => {
    const path = at('power-cut');
    const config = {
      ttl: 60_000,
      maxQueue: 10_000,
      overflow: 'drop-oldest' as const,
      now: Date.now,
    };
    const quiet = { appended() {}, released() {}, ended() {} };
    const before = sqliteStore({ path });
    await before.start(config, quiet);
    await before.open('c');
    for (let n = 1; n <= 3; n++) before.append('c', `"cb":1,"method":"m","args":[${n}]`);
    await before.read('c', 2, 10);
    await before.stop();
    // The client had also received seqs 4..7, whose commits the power cut took. After the restart two
    // events are appended (seqs 4 and 5 again) before the client polls with after=7.
    const after = sqliteStore({ path });
    await after.start(config, quiet);
    after.append('c', '"cb":1,"method":"m","args":[40]');
    after.append('c', '"cb":1,"method":"m","args":[50]');
    await after.flush();
    const lost = { from: 8, to: 8, count: 0, reason: 'lost' };
    const events = [
      '{"seq":9,"cb":1,"method":"m","args":[40]}',
      '{"seq":10,"cb":1,"method":"m","args":[50]}',
    ];
    expect((await after.read('c', 7, 10)).toJSON()).toEqual({ status: 'live', events, gap: lost });
    after.append('c', '"cb":1,"method":"m","args":[60]');
    await after.flush();
    expect((await after.read('c', 8, 10)).toJSON()).toEqual({
      status: 'live',
      events: [...events, '{"seq":11,"cb":1,"method":"m","args":[60]}'],
    });
    await after.stop();
    // And so it stays in the file.
    const again = sqliteStore({ path });
    await again.start(config, quiet);
    expect((await again.read('c', 9, 10)).toJSON()).toEqual({
      status: 'live',
      events: events.slice(1).concat('{"seq":11,"cb":1,"method":"m","args":[60]}'),
    });
    await again.stop();
  });

  it('stores a burst in one transaction, and only committed events are read', async () => {
    const path = at('burst');
    const store = sqliteStore({ path });
    const appended: string[] = [];
    await store.start(
      { ttl: 60_000, maxQueue: 10_000, overflow: 'drop-oldest', now: Date.now },
      { appended: (c) => void appended.push(c), released() {}, ended() {} },
    );
    await store.open('c');
    for (let n = 0; n < 500; n++) store.append('c', `"cb":1,"method":"m","args":[${n}]`);
    expect(appended).toEqual([]); // told only once stored
    const read = await store.read('c', 0, 1000);
    expect(read.status === 'live' && read.events.length).toBe(500);
    expect(appended).toEqual(['c']);
    await store.stop();
  });
});
