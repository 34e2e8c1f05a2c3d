// The WebSocket endpoint's options: defaults, and frames bounded apart from long-poll answers.
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../../runtime/src/server/index.js';
import { EventPump } from '../../../runtime/src/server/ws/event-pump.js';
import {
  FRAME_EVENTS,
  resolveWebSocketOptions,
} from '../../../runtime/src/server/ws/web-socket-options.js';

describe('WebSocket options', () => {
  it('send frames of at most 1,000 events, fewer when the channel answers fewer', () => {
    expect(resolveWebSocketOptions({}, 10_000)).toEqual({
      ping: 25_000,
      pingTimeout: 20_000,
      highWater: 1_048_576,
      window: 4_000,
      maxBatch: FRAME_EVENTS,
    });
    expect(FRAME_EVENTS).toBe(1_000);
    expect(resolveWebSocketOptions({ window: 50 }, 10).maxBatch).toBe(10);
  });

  it('frame a queued backlog in frames of at most 1,000 events, every event once, in order', async () => {
    const store = memoryStore();
    let pump!: EventPump;
    await store.start(
      {
        ttl: 60_000,
        maxQueue: 10_000,
        overflow: 'drop-oldest',
        now: Date.now,
        maxBatchChars: 1 << 20,
      },
      { appended: () => pump?.wake(), released() {}, ended() {} },
    );
    await store.open('c');
    for (let n = 1; n <= 2_500; n++) store.append('c', `"cb":1,"method":"m","args":[${n}]`);
    const frames: number[][] = [];
    const peer = {
      bufferedAmount: 0,
      send: (text: string) =>
        void frames.push(
          (JSON.parse(text) as { events: { seq: number }[] }).events.map((e) => e.seq),
        ),
      close() {},
    };
    pump = new EventPump(store, 'c', 0, peer, resolveWebSocketOptions({}, 10_000), {
      pumpEnded() {},
      pumpFault(error) {
        throw error;
      },
    });
    pump.wake();
    for (let i = 0; i < 50 && frames.flat().length < 2_500; i++)
      await new Promise<void>((resolve) => setImmediate(resolve));
    expect(frames.flat()).toEqual(Array.from({ length: 2_500 }, (_, i) => i + 1));
    expect(Math.max(...frames.map((f) => f.length))).toBe(1_000);
    pump.stop();
  });
});
