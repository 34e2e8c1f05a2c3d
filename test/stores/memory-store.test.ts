import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../runtime/src/server/index.js';
import { runStoreSuite } from '../../runtime/src/server/stores/client-store.suite.js';

runStoreSuite('memory', () => memoryStore());

describe('memory store reads', () => {
  const config = { ttl: 60_000, maxQueue: 1_000, overflow: 'drop-oldest' as const, now: Date.now };
  const listener = { appended() {}, released() {}, ended() {} };

  it('forget a client that ended between appends to it in a row, and append to a new one', async () => {
    const store = memoryStore();
    const appended: string[] = [];
    await store.start(config, { ...listener, appended: (client) => void appended.push(client) });
    await store.open('a');
    store.appendPieces!('a', '"cb":1,"method":"m","args":', '[1]');
    store.appendPieces!('a', '"cb":1,"method":"m","args":', '[2]');
    expect(await store.close('a')).toBe('live');
    store.appendPieces!('a', '"cb":1,"method":"m","args":', '[3]');
    expect((await store.read('a', 0, 10)).status).toBe('closed');
    await store.open('b');
    store.appendPieces!('b', '"cb":1,"method":"m","args":', '[4]');
    const read = await store.read('b', 0, 10);
    expect(read.status === 'live' && read.events).toEqual([
      '{"seq":1,"cb":1,"method":"m","args":[4]}',
    ]);
    expect(appended).toEqual(['a', 'a', 'b']);
  });

  it('answer a read with its count and its wrapped texts before making the single texts, alike', async () => {
    const store = memoryStore();
    await store.start(config, listener);
    await store.open('c');
    await store.register('c', 1);
    for (let n = 1; n <= 100; n++)
      store.appendPieces!('c', '"cb":1,"method":"m","args":', `[${n}]`);
    const expected = Array.from(
      { length: 100 },
      (_, i) => `{"seq":${i + 1},"cb":1,"method":"m","args":[${i + 1}]}`,
    );
    for (const max of [1, 10, 31, 32, 100]) {
      const read = await store.read('c', 0, max);
      expect([read.count, read.wrap('{"events":[', ']}')]).toEqual([
        max,
        `{"events":[${expected.slice(0, max).join(',')}]}`,
      ]);
      expect(read.toJSON()).toEqual({ status: 'live', events: expected.slice(0, max) });
      // Wrapped again alike once the texts are made.
      expect(read.wrap('', '')).toBe(expected.slice(0, max).join(','));
    }
  });
});
