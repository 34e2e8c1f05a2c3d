import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteStore } from '../../src/runtime/server/stores/sqlite/index.js';
import { runStoreSuite } from '../runtime/store-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'cg-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (place: string) => join(dir, `${place}.db`);

runStoreSuite('sqlite', (place) => sqliteStore({ path: at(place) }), { durable: true });
runStoreSuite('sqlite (FULL, grouped within 2 ms)', (place) => sqliteStore({ path: at(`full-${place}`), synchronous: 'FULL', groupWithinMs: 2 }), { durable: true });

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
    db.exec("CREATE TABLE cg_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID; INSERT INTO cg_meta VALUES ('schema', '99')");
    db.close();
    expect(() => sqliteStore({ path })).toThrow(/layout version 99/);
  });

  it('stores a burst in one transaction, and only committed events are read', async () => {
    const path = at('burst');
    const store = sqliteStore({ path });
    const appended: string[] = [];
    store.start({ ttl: 60_000, maxQueue: 10_000, overflow: 'drop-oldest', now: Date.now }, { appended: (c) => void appended.push(c), released() {}, ended() {} });
    await store.open('c');
    for (let n = 0; n < 500; n++) store.append('c', `"cb":1,"method":"m","args":[${n}]`);
    expect(appended).toEqual([]); // told only once stored
    const read = await store.read('c', 0, 1000);
    expect(read.status === 'live' && read.events.length).toBe(500);
    expect(appended).toEqual(['c']);
    await store.stop();
  });
});
