// LogTails (runtime/src/server/stores/log-tails.ts): a process's copy of the newest events of each log,
// over a log held in memory here, counting the reads that reach it.
import { describe, expect, it } from 'vitest';
import { LogTails } from '../../runtime/src/server/stores/log-tails.js';
import type { LogSlice } from '../../runtime/src/server/stores/log-store.js';

/** A log store whose logs hold events "e1", "e2", ... (appended with `append`), all of epoch `ep`. */
function fakeLogs() {
  const logs = new Map<string, string[]>();
  const reads: string[] = [];
  const store = {
    logRead(log: string, after: number, max: number): Promise<LogSlice> {
      reads.push(`${log} ${after}`);
      const events = logs.get(log) ?? [];
      const from = Math.max(after + 1, 1);
      return Promise.resolve({
        epoch: 'ep',
        first: 1,
        next: events.length + 1,
        from,
        events: events.slice(from - 1, from - 1 + max),
      });
    },
  };
  const append = (log: string, count: number) => {
    const events = logs.get(log) ?? [];
    for (let i = 0; i < count; i++) events.push(`e${events.length + 1}`);
    logs.set(log, events);
  };
  return { store, append, reads };
}

describe('LogTails', () => {
  it('hands a failed store read to its readers only (no unhandled rejection), and reads again next time', async () => {
    const { store, append } = fakeLogs();
    let down = true;
    const failing = {
      logRead: (log: string, after: number, max: number) =>
        down ? Promise.reject(new Error('store down')) : store.logRead(log, after, max),
    };
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const tails = new LogTails(failing);
      append('a', 2);
      const reads = [0, 1].map((after) => tails.read('a', after, 10, 'ep'));
      for (const read of reads) await expect(read).rejects.toThrow('store down');
      // Unhandled rejections are reported after the microtasks of the turn: give them a few turns.
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      down = false;
      expect((await tails.read('a', 0, 10, 'ep')).events).toEqual(['e1', 'e2']);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('reads the store once per append notice, whatever the number of readers at the tail', async () => {
    const { store, append, reads } = fakeLogs();
    const tails = new LogTails(store);
    append('a', 3);
    const first = await Promise.all([0, 0, 1, 2].map((after) => tails.read('a', after, 10, 'ep')));
    expect(first.map((slice) => slice.events)).toEqual([
      ['e1', 'e2', 'e3'],
      ['e1', 'e2', 'e3'],
      ['e2', 'e3'],
      ['e3'],
    ]);
    expect(reads).toHaveLength(1);
    // Until a notice, the tail is the log's end; after one, the next read brings what was appended.
    append('a', 2);
    expect((await tails.read('a', 3, 10, 'ep')).events).toEqual([]);
    tails.appended('a');
    expect((await tails.read('a', 3, 10, 'ep')).events).toEqual(['e4', 'e5']);
    expect((await tails.read('a', 4, 10, 'ep')).events).toEqual(['e5']);
    expect(reads).toHaveLength(2);
  });

  it('sends to the store what it does not hold: another epoch, before its oldest event, past its end', async () => {
    const { store, append, reads } = fakeLogs();
    const tails = new LogTails(store, 2);
    append('a', 5);
    // The tail keeps e4 and e5 (2 events), so e3 comes from the store.
    expect((await tails.read('a', 2, 10, 'ep')).events).toEqual(['e3', 'e4', 'e5']);
    expect(reads).toHaveLength(2);
    expect((await tails.read('a', 3, 10, 'ep')).events).toEqual(['e4', 'e5']);
    expect(reads).toHaveLength(2);
    expect((await tails.read('a', 0, 10, 'ep')).events).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    expect((await tails.read('a', 3, 10, 'other')).epoch).toBe('ep');
    expect((await tails.read('a', 7, 10, 'ep')).from).toBe(8);
    expect(reads).toHaveLength(5);
  });

  it('keeps its text under the budget: the least recently read tail goes first', async () => {
    const { store, append, reads } = fakeLogs();
    // Events "e1".."e9" are 2 characters: a budget of 10 holds five of them.
    const tails = new LogTails(store, 100, 10);
    append('a', 3);
    append('b', 3);
    await tails.read('a', 0, 10, 'ep');
    await tails.read('b', 0, 10, 'ep'); // 12 characters: a, read least recently, goes
    expect(reads).toEqual(['a 0', 'b 0']);
    expect((await tails.read('b', 0, 10, 'ep')).events).toEqual(['e1', 'e2', 'e3']);
    expect((await tails.read('a', 0, 10, 'ep')).events).toEqual(['e1', 'e2', 'e3']);
    expect(reads).toEqual(['a 0', 'b 0', 'a 0']);
  });

  it('a read begun while an earlier read of the store is still under way does not add its events twice', async () => {
    // The store answers when told to: the first read (before the notice) is still out when the second begins.
    const events = ['e1', 'e2', 'e3'];
    const pending: (() => void)[] = [];
    const store = {
      logRead(_log: string, after: number, max: number): Promise<LogSlice> {
        const from = Math.max(after + 1, 1);
        const slice = { epoch: 'ep', first: 1, next: events.length + 1, from };
        const answer = { ...slice, events: events.slice(from - 1, from - 1 + max) };
        return new Promise((resolve) => pending.push(() => resolve(answer)));
      },
    };
    const tails = new LogTails(store);
    const early = tails.read('a', 0, 10, 'ep');
    await Promise.resolve();
    events.push('e4', 'e5');
    tails.appended('a');
    const late = tails.read('a', 0, 10, 'ep');
    // Answer the reads in the order they reached the store, each once it was asked.
    for (let answered = 0; answered < 2; answered++) {
      while (pending.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      pending.shift()?.();
    }
    expect((await early).events).toEqual(['e1', 'e2', 'e3']);
    expect((await late).events).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    // And what the tail holds from then on is the log, once each, at its offsets.
    expect((await tails.read('a', 2, 10, 'ep')).events).toEqual(['e3', 'e4', 'e5']);
  });
});
