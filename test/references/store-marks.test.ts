// ClientStore.mark (issue 22, relays): a mark is kept with the appends made before it, and read
// back by the next store on the same SQLite file; the memory store keeps it for its own life.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryStore, type ClientStore } from '@contract-gen/runtime/server';
import { sqliteStore } from '@contract-gen/runtime/server/sqlite';

const dir = mkdtempSync(join(tmpdir(), 'cg-marks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = { ttl: 60_000, maxQueue: 100, overflow: 'drop-oldest' as const, now: Date.now };
const listener = { appended() {}, released() {}, ended() {} };

async function marksOf(
  store: ClientStore,
): Promise<Required<Pick<ClientStore, 'mark' | 'readMark'>>> {
  await store.start(config, listener);
  if (store.mark === undefined || store.readMark === undefined) throw new Error('no marks');
  return store as Required<Pick<ClientStore, 'mark' | 'readMark'>>;
}

describe('store marks', () => {
  it('SQLite: a mark and the events before it are read back by the next store on the file', async () => {
    const path = join(dir, 'marks.db');
    const first = sqliteStore({ path });
    const marks = await marksOf(first);
    await first.open('c1');
    expect(await marks.readMark('relay:x:seq')).toBeUndefined();
    first.append('c1', '"cb":1,"method":"item","args":[1]');
    marks.mark('relay:x:seq', '41');
    marks.mark('relay:x:seq', '42');
    await first.flush();
    await (first as ClientStore & { stop(): Promise<void> }).stop();

    const second = sqliteStore({ path });
    const again = await marksOf(second);
    expect(await again.readMark('relay:x:seq')).toBe('42');
    const read = await second.read('c1', 0, 10);
    expect(read.status).toBe('live');
    expect(read.events).toEqual(['{"seq":1,"cb":1,"method":"item","args":[1]}']);
    await (second as ClientStore & { stop(): Promise<void> }).stop();
  });

  it('memory: a mark is read back', async () => {
    const marks = await marksOf(memoryStore());
    marks.mark('k', 'v');
    expect(await marks.readMark('k')).toBe('v');
    expect(await marks.readMark('other')).toBeUndefined();
  });
});
