// ReaderClaims: the order of a process's own claim and another process's takeover notice does not
// matter; the higher claim wins. Real LongPolls over the memory store; the claims are answered by
// the test, so each interleaving is taken on purpose (the Redis claim script itself:
// test/stores/redis-takeover.test.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryStore } from '../../../runtime/src/server/index.js';
import type { QueueWatcher } from '../../../runtime/src/server/events/event-channel.js';
import { LiveClient } from '../../../runtime/src/server/events/live-client.js';
import { LongPolls } from '../../../runtime/src/server/events/long-polls.js';
import { ReaderClaims } from '../../../runtime/src/server/events/reader-claims.js';
import type { ReadResult } from '../../../runtime/src/server/stores/read-result.js';

interface Pending {
  readonly client: string;
  readonly reader: string;
  answer(claim: number): void;
}

async function setup() {
  const store = memoryStore();
  await store.start(
    { ttl: 60_000, maxQueue: 10, overflow: 'drop-oldest', now: Date.now },
    { appended() {}, released() {}, ended() {} },
  );
  await store.open('x');
  const pending: Pending[] = [];
  const faults: unknown[] = [];
  const claimReader = (client: string, reader: string) =>
    new Promise<number>((answer) => void pending.push({ client, reader, answer }));
  let claims: ReaderClaims;
  const polls = new LongPolls(store, 100, Date.now, (live, poll) => claims.parked(live, poll));
  claims = new ReaderClaims(claimReader, polls, (error) => void faults.push(error));
  const live = new LiveClient('x');
  let answered: ReadResult | undefined;
  const park = async () => {
    answered = undefined;
    void polls.poll(live, 0, 30_000, { onClose() {} }).then((result) => (answered = result));
    await vi.waitFor(() => expect(pending.at(-1)?.reader).toBe('poll'));
    return pending.at(-1)!;
  };
  stop = () => store.stop();
  return { claims, live, park, pending, faults, answered: () => answered, polls };
}

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function watcher() {
  const seen: string[] = [];
  const w: QueueWatcher = {
    appended: () => void seen.push('appended'),
    ended: () => void seen.push('ended'),
    replaced: () => void seen.push('replaced'),
    stopped: () => void seen.push('stopped'),
    drain: () => void seen.push('drain'),
  };
  return { w, seen };
}

describe('reader claims across processes', () => {
  it('a parked poll gives way to a higher claim heard after its own claim was answered, not to a lower one', async () => {
    const f = await setup();
    const own = await f.park();
    own.answer(6);
    await settle();
    f.claims.takenOver('x', f.live, 'poll', 5);
    await settle();
    expect(f.answered()).toBeUndefined();
    expect(f.live.parked).toBeDefined();
    f.claims.takenOver('x', f.live, 'poll', 7);
    await vi.waitFor(() => expect(f.answered()?.count).toBe(0));
    expect(f.live.parked).toBeUndefined();
    f.polls.release(f.live);
  });

  it('a higher claim heard while its own claim is under way answers the poll once its own claim comes back lower', async () => {
    const f = await setup();
    const own = await f.park();
    f.claims.takenOver('x', f.live, 'poll', 5);
    await settle();
    expect(f.answered()).toBeUndefined(); // its own number is not known yet
    own.answer(4);
    await vi.waitFor(() => expect(f.answered()?.count).toBe(0));
    // The next poll's claim is higher than anything heard: it stays parked.
    const next = await f.park();
    next.answer(8);
    await settle();
    expect(f.answered()).toBeUndefined();
    expect(f.live.parked).toBeDefined();
    f.polls.release(f.live);
    expect(f.faults).toEqual([]);
  });

  it('a socket is replaced by a higher claim, heard before or after its own claim is answered; a lower one leaves it', async () => {
    const f = await setup();
    const first = watcher();
    f.claims.watched('x', first.w);
    f.claims.takenOver('x', undefined, 'socket', 3);
    f.pending.at(-1)!.answer(2);
    await vi.waitFor(() => expect(first.seen).toEqual(['replaced']));
    f.claims.unwatched('x', first.w);

    const second = watcher();
    f.claims.watched('x', second.w);
    f.pending.at(-1)!.answer(5);
    await settle();
    f.claims.takenOver('x', undefined, 'socket', 4); // older than this socket's claim
    f.claims.takenOver('x', undefined, 'poll', 9); // another kind of reader
    expect(second.seen).toEqual([]);
    f.claims.takenOver('x', undefined, 'socket', 6);
    expect(second.seen).toEqual(['replaced']);
  });

  it('a socket that closed before its claim came back is not told anything', async () => {
    const f = await setup();
    const gone = watcher();
    f.claims.watched('x', gone.w);
    f.claims.takenOver('x', undefined, 'socket', 9);
    f.claims.unwatched('x', gone.w);
    f.pending.at(-1)!.answer(1);
    await settle();
    expect(gone.seen).toEqual([]);
  });
});
