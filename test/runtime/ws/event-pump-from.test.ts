// The pump reads after what its socket has sent (`read`'s `from`), and still sends each event once, in
// order, with a store that ignores `from` (an older or third-party store).
import { describe, expect, it } from 'vitest';
import type { ClientStore } from '../../../runtime/src/server/index.js';
import { memoryStore } from '../../../runtime/src/server/index.js';
import { EventPump } from '../../../runtime/src/server/ws/event-pump.js';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

async function pumpThrough(ignoreFrom: boolean) {
  const inner = memoryStore();
  const reads: { after: number; max: number; from: number | undefined; answered: number }[] = [];
  const store = Object.create(inner) as ClientStore;
  store.read = async (client, after, max, from) => {
    const result = ignoreFrom
      ? await inner.read(client, after, max)
      : await inner.read(client, after, max, from);
    reads.push({
      after,
      max,
      from,
      answered: result.status === 'live' ? result.events.length : -1,
    });
    return result;
  };
  let pump!: EventPump;
  await inner.start(
    { ttl: 60_000, maxQueue: 10_000, overflow: 'drop-oldest', now: Date.now },
    { appended: () => pump.wake(), released() {}, ended() {} },
  );
  await inner.open('c');
  const sent: number[] = [];
  const peer = {
    bufferedAmount: 0,
    send(text: string) {
      for (const event of (JSON.parse(text) as { events: { seq: number }[] }).events)
        sent.push(event.seq);
    },
    close() {},
  };
  pump = new EventPump(
    store,
    'c',
    0,
    peer,
    { ping: 25_000, pingTimeout: 20_000, highWater: 1 << 20, window: 40, maxBatch: 10 },
    {
      pumpEnded() {},
      pumpFault(error) {
        throw error;
      },
    },
  );
  // One event per frame, the client acknowledging every 25 events: up to 24 sent and unacknowledged.
  for (let n = 1; n <= 100; n++) {
    inner.append('c', `"cb":1,"method":"m","args":[${n}]`);
    await settle();
    if (n % 25 === 0) pump.ack(sent.at(-1)!);
    await settle();
  }
  // A burst past the window: the pump stops at 40 in flight and goes on when acknowledged.
  for (let n = 101; n <= 200; n++) inner.append('c', `"cb":1,"method":"m","args":[${n}]`);
  for (let i = 0; i < 20 && sent.length < 200; i++) {
    await settle();
    pump.ack(sent.at(-1)!);
  }
  await settle();
  pump.stop();
  return { sent, reads };
}

describe('EventPump: reads from what it sent', () => {
  it('reads only what it has not sent, and sends each event once, in order', async () => {
    const { sent, reads } = await pumpThrough(false);
    expect(sent).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // Every read asked for the events after what was sent: none answered more than a batch.
    expect(
      reads.every(
        (read) => read.from !== undefined && read.from >= read.after && read.answered <= 10,
      ),
    ).toBe(true);
    expect(reads.some((read) => read.from! > read.after)).toBe(true);
  });

  it('sends each event once, in order, when the store ignores from', async () => {
    const { sent, reads } = await pumpThrough(true);
    expect(sent).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(reads.some((read) => read.max > 10)).toBe(true); // it asks for the in-flight events too
  });
});
