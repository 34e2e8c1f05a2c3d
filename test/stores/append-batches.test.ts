// The Redis store's append batching when Redis fails under it: batches queued behind a failed one are
// not sent after it (their events would land behind a hole, out of order), and every caller whose
// appends may be lost is told — not only the first to flush.
import { describe, expect, it } from 'vitest';
import {
  AppendBatches,
  type SendBatch,
} from '../../runtime/src/server/stores/redis/append-batches.js';

/** A send that records what it was given and answers when the test says so. */
function controlledSend() {
  const sent: (string | number)[][] = [];
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const send: SendBatch = (args) => {
    sent.push(args);
    return new Promise((resolve, reject) =>
      pending.push({ resolve: () => resolve({ appended: [], ended: [] }), reject }),
    );
  };
  return { send, sent, pending };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('AppendBatches when a batch fails', () => {
  it('does not send what was queued behind the failed batch, and every flush waiting on them rejects', async () => {
    const { send, sent, pending } = controlledSend();
    const faults: unknown[] = [];
    const batches = new AppendBatches(
      send,
      () => {},
      (error) => void faults.push(error),
    );
    batches.add('c1', 'e1');
    await turn(); // the first batch leaves
    expect(sent).toHaveLength(1);
    // Made while it is in flight: they wait for it.
    batches.add('c1', 'e2');
    const first = batches.flush();
    batches.add('c1', 'e3');
    const second = batches.flush();
    pending[0]!.reject(new Error('connection closed before it answered'));
    await expect(first).rejects.toThrow(/connection closed/);
    await expect(second).rejects.toThrow(/connection closed/);
    await turn();
    // e2 and e3 were never sent: nothing lands behind e1's hole.
    expect(sent).toHaveLength(1);
    // Reported to the callers that flushed: no fault on top.
    expect(faults).toEqual([]);

    // Redis is back: new appends are sent and stored, and their flush resolves.
    batches.add('c1', 'e4');
    const third = batches.flush();
    await turn();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(['a', 'c1', 1, 'e4']);
    pending[1]!.resolve();
    await expect(third).resolves.toBeUndefined();
  });

  it('a batch that failed before its caller flushed is reported to the next flush, once', async () => {
    const { send, pending } = controlledSend();
    const batches = new AppendBatches(
      send,
      () => {},
      () => {},
    );
    batches.add('c1', 'e1');
    await turn();
    pending[0]!.reject(new Error('lost'));
    await Promise.resolve();
    await expect(batches.flush()).rejects.toThrow('lost');
    await expect(batches.flush()).resolves.toBeUndefined();
  });

  it('a failure no flush takes is reported as a fault', async () => {
    const { send, pending } = controlledSend();
    const faults: unknown[] = [];
    const batches = new AppendBatches(
      send,
      () => {},
      (error) => void faults.push(error),
    );
    batches.add('c1', 'e1');
    await turn();
    pending[0]!.reject(new Error('lost'));
    await turn();
    await turn();
    expect(faults).toHaveLength(1);
  });
});
