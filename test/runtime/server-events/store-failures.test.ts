// How the event channel meets a store that fails. A call that published is answered only once its events
// are stored, even when another call's flush took its appends: it waits for that flush and hears if it
// failed (before, it found nothing left to flush and answered 200 while the store still held — or lost —
// its events). And a store whose start rejects is reported, not left as an unhandled rejection.
import { expect, it, vi } from 'vitest';
import * as s from '../../../runtime/src/schema/index.js';
import {
  createRouter,
  defineService,
  memoryStore,
  type ClientStore,
  type Topic,
} from '../../../runtime/src/server/index.js';

const Events = s.callbackInterface('Events', { item: [s.number()] });
const Api = s.service('Api', {
  publishSlowly: s.method([s.number()], s.number()),
  ping: s.method([], s.number()),
});

it('a call whose appends another call flushed waits for that flush, and fails with it', async () => {
  const inner = memoryStore();
  let failFlush: ((error: Error) => void) | undefined;
  const flushes: string[] = [];
  // A store whose flush is held (a batch in flight to Redis) until the test fails it.
  const store: ClientStore = new Proxy(inner, {
    get(target, key) {
      if (key === 'flush')
        return () => {
          flushes.push('flush');
          return new Promise<void>((_resolve, reject) => (failFlush = reject));
        };
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
  });
  let release: (() => void) | undefined;
  let published!: () => void;
  const publishedNow = new Promise<void>((resolve) => (published = resolve));
  // Assigned once the router exists; the handler reads it later.
  let topic: Topic<{ item(n: number): void }>;
  const router = createRouter({
    services: [
      defineService(Api, {
        async publishSlowly(n: number) {
          topic.item(n);
          published();
          // Still running when the other call answers.
          await new Promise<void>((resolve) => (release = resolve));
          return n;
        },
        ping: () => 1,
      }),
    ],
    events: { store },
  });
  topic = router.topic(Events, 'room');
  const call = (method: string, body: string) =>
    router.fetch(
      new Request(`http://local/Api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }),
    );
  const slow = call('publishSlowly', '[1]');
  await publishedNow;
  // ping published nothing, but its flush takes the slow call's append with it.
  const ping = call('ping', '[]');
  await vi.waitFor(() => expect(flushes).toEqual(['flush']));
  release!();
  let answered = false;
  void slow.then(() => (answered = true));
  await new Promise((resolve) => setTimeout(resolve, 20));
  // The slow call waits for the flush in progress: it must not answer while its event may be lost.
  expect(answered).toBe(false);
  failFlush!(new Error('the batch was lost'));
  expect((await slow).status).toBe(500);
  expect((await ping).status).toBe(500);
  await router.close();
});

it('a store whose start rejects (a setup it refuses) is reported through onError, not left to end the process', async () => {
  const inner = memoryStore();
  const store: ClientStore = new Proxy(inner, {
    get(target, key) {
      if (key === 'start') return () => Promise.reject(new Error('refused setup'));
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
  });
  const faults: unknown[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const router = createRouter({
      services: [defineService(Api, { publishSlowly: (n: number) => n, ping: () => 1 })],
      events: { store },
      onError: (error) => void faults.push(error),
    });
    await vi.waitFor(() => expect(faults).toHaveLength(1));
    expect(String(faults[0])).toMatch(/refused setup/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
    await router.close();
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});
