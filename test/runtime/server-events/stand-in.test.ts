import { describe, expect, it, vi } from 'vitest';
import * as s from '../../../runtime/src/schema/index.js';
import { Broadcast, isReleased, onReleased } from '../../../runtime/src/server/index.js';
import {
  createStandIn,
  releaseStandIn,
  type EventSink,
} from '../../../runtime/src/server/events/stand-in.js';
import { TickerEventsCallback, type TickerEvents } from './fixture.js';

const BlobEvents = s.callbackInterface('BlobEvents', {
  blob: [s.bytes(), s.bigint(), s.optional(s.string())],
  note: [s.unknown()],
});

interface BlobEvents {
  blob(data: Uint8Array, size: bigint, label?: string): void;
  note(value: unknown): void;
}

function sink() {
  const appended: [string, string][] = [];
  const faults: [unknown, unknown][] = [];
  const events: EventSink = {
    append: (client, head, tail) => void appended.push([client, head + tail]),
    fault: (error, where) => void faults.push([error, where]),
  };
  const json = (): [string, unknown][] =>
    appended.map(([client, payload]) => [client, JSON.parse(`{${payload}}`) as unknown]);
  return { events, appended, faults, json };
}

describe('a stand-in', () => {
  it('has the interface methods, which encode the arguments once and queue the event', () => {
    const { events, json } = sink();
    const blobs = createStandIn(events, 'c1', 5, BlobEvents) as BlobEvents;
    expect(Object.keys(blobs)).toEqual(['blob', 'note']);
    expect(blobs.blob(new Uint8Array([1, 2, 3]), 12n, undefined)).toBeUndefined();
    blobs.note({ nested: [1, 'two'] });
    expect(json()).toEqual([
      ['c1', { cb: 5, method: 'blob', args: ['AQID', '12'] }],
      ['c1', { cb: 5, method: 'note', args: [{ nested: [1, 'two'] }] }],
    ]);
  });

  it('works detached and is frozen', () => {
    const { events, appended } = sink();
    const ticker = createStandIn(events, 'c1', 1, TickerEventsCallback) as TickerEvents;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- detaching a method is what this test checks: a stand-in's methods need no `this`
    const { done } = ticker;
    done('AAPL', 3);
    expect(appended).toHaveLength(1);
    expect(Object.isFrozen(ticker)).toBe(true);
  });

  it('never throws into the caller: a value the wire cannot carry is reported and dropped', () => {
    const { events, appended, faults } = sink();
    const blobs = createStandIn(events, 'c1', 5, BlobEvents) as BlobEvents;
    const ticker = createStandIn(events, 'c1', 6, TickerEventsCallback) as TickerEvents;
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(() => ticker.tick('AAPL', 1, 'yesterday' as unknown as Date)).not.toThrow();
    expect(() => blobs.note(10n)).not.toThrow();
    expect(() => blobs.note(cycle)).not.toThrow();
    expect(() => (ticker.done as (...args: unknown[]) => void)('AAPL')).not.toThrow();
    expect(appended).toEqual([]);
    expect(faults.map(([error]) => (error as { code: string }).code)).toEqual([
      'BAD_ARGUMENT',
      'BAD_ARGUMENT',
      'BAD_ARGUMENT',
      'BAD_ARGUMENT',
    ]);
    expect(faults[0]?.[1]).toEqual({
      service: 'TickerEvents',
      method: 'tick',
      client: 'c1',
      callback: 6,
    });
  });

  it('once released ignores calls and runs each listener once, even one added late', () => {
    const { events, appended } = sink();
    const ticker = createStandIn(events, 'c1', 1, TickerEventsCallback) as TickerEvents;
    const early = vi.fn();
    const removed = vi.fn();
    onReleased(ticker, early);
    onReleased(ticker, removed)();
    expect(releaseStandIn(ticker, 'expired')).toMatchObject({
      client: 'c1',
      callback: 1,
      interface: 'TickerEvents',
      reason: 'expired',
    });
    expect(releaseStandIn(ticker, 'closed')).toBeUndefined();
    const late = vi.fn();
    onReleased(ticker, late);
    ticker.done('AAPL', 1);
    expect(appended).toEqual([]);
    expect(isReleased(ticker)).toBe(true);
    expect(early).toHaveBeenCalledOnce();
    expect(late).toHaveBeenCalledWith(expect.objectContaining({ reason: 'expired' }));
    expect(removed).not.toHaveBeenCalled();
  });

  it('is told apart from other objects', () => {
    expect(isReleased({})).toBe(false);
    expect(() => onReleased({}, () => {})).toThrow(TypeError);
  });
});

describe('Broadcast', () => {
  it('fans a call out to every live member in insertion order, encoding once, queued by the end of the turn', async () => {
    const { events, json } = sink();
    const [a, b] = [
      createStandIn(events, 'c1', 1, TickerEventsCallback),
      createStandIn(events, 'c2', 9, TickerEventsCallback),
    ] as TickerEvents[];
    const local = { tick: vi.fn(), done: vi.fn() };
    const all = new Broadcast<TickerEvents>([a!, local]).add(b!);
    const at = new Date(Date.UTC(2024, 0, 1));
    all.tick('AAPL', 1, at);
    // Encoded at the call: a later change to an argument does not reach the event.
    at.setTime(0);
    await Promise.resolve();
    expect(json()).toEqual([
      ['c1', { cb: 1, method: 'tick', args: ['AAPL', 1, '2024-01-01T00:00:00.000Z'] }],
      ['c2', { cb: 9, method: 'tick', args: ['AAPL', 1, '2024-01-01T00:00:00.000Z'] }],
    ]);
    expect(local.tick).toHaveBeenCalledWith('AAPL', 1, at);
    expect([...all]).toEqual([a, local, b]);
  });

  describe('while calls wait to be queued, each client keeps its events in call order', () => {
    const day = (n: number) => new Date(Date.UTC(2024, 0, n));
    const summary = (json: () => unknown[]) =>
      (json() as [string, { cb: number; method: string; args: unknown[] }][]).map(
        ([client, e]) => `${client}/${e.cb}:${e.method}:${String(e.args[1])}`,
      );

    it('a client with two callbacks in one broadcast gets the calls interleaved as made', async () => {
      const { events, json } = sink();
      const members = [
        createStandIn(events, 'c1', 1, TickerEventsCallback),
        createStandIn(events, 'c2', 1, TickerEventsCallback),
        createStandIn(events, 'c1', 2, TickerEventsCallback),
      ] as TickerEvents[];
      const all = new Broadcast<TickerEvents>(members);
      all.tick('S', 1, day(1));
      all.tick('S', 2, day(2));
      all.done('S', 2);
      await Promise.resolve();
      const of = (client: string) => summary(json).filter((line) => line.startsWith(`${client}/`));
      expect(of('c1')).toEqual([
        'c1/1:tick:1',
        'c1/2:tick:1',
        'c1/1:tick:2',
        'c1/2:tick:2',
        'c1/1:done:2',
        'c1/2:done:2',
      ]);
      expect(of('c2')).toEqual(['c2/1:tick:1', 'c2/1:tick:2', 'c2/1:done:2']);
    });

    it('a direct call, another broadcast, a membership change and a release each come after the calls made before them', () => {
      const { events, json } = sink();
      const [a, b] = [
        createStandIn(events, 'c1', 1, TickerEventsCallback),
        createStandIn(events, 'c1', 2, TickerEventsCallback),
      ] as TickerEvents[];
      const first = new Broadcast<TickerEvents>([a!]);
      const second = new Broadcast<TickerEvents>([b!]);
      first.tick('S', 1, day(1));
      b!.tick('S', 2, day(2));
      first.tick('S', 3, day(3));
      second.tick('S', 4, day(4));
      first.tick('S', 5, day(5));
      first.delete(a!);
      second.tick('S', 6, day(6));
      releaseStandIn(b!, 'released');
      expect(summary(json)).toEqual([
        'c1/1:tick:1',
        'c1/2:tick:2',
        'c1/1:tick:3',
        'c1/2:tick:4',
        'c1/1:tick:5',
        'c1/2:tick:6',
      ]);
    });
  });

  it('loses released members by itself and does not take released ones', () => {
    const { events } = sink();
    const [a, b] = [
      createStandIn(events, 'c1', 1, TickerEventsCallback),
      createStandIn(events, 'c1', 2, TickerEventsCallback),
    ] as TickerEvents[];
    const all = new Broadcast<TickerEvents>().add(a!).add(b!).add(a!);
    expect(all.size).toBe(2);
    releaseStandIn(a!, 'released');
    expect(all.size).toBe(1);
    expect(all.has(a!)).toBe(false);
    expect(all.add(a!).size).toBe(1);
  });

  it('stops listening to a member it no longer holds', () => {
    const { events } = sink();
    const a = createStandIn(events, 'c1', 1, TickerEventsCallback) as TickerEvents;
    const all = new Broadcast<TickerEvents>([a]);
    expect(all.delete(a)).toBe(true);
    expect(all.delete(a)).toBe(false);
    all.add(a);
    all.clear();
    expect(all.size).toBe(0);
    releaseStandIn(a, 'released');
    expect(all.size).toBe(0);
  });

  it('is a no-op when empty, not thenable, and an instance of Broadcast', async () => {
    const all = new Broadcast<TickerEvents>();
    expect(() => all.done('AAPL', 0)).not.toThrow();
    expect((all as unknown as { then?: unknown }).then).toBeUndefined();
    expect(await Promise.resolve(all)).toBe(all);
    expect(all).toBeInstanceOf(Broadcast);
    expect(JSON.stringify({ all })).toBe('{"all":{}}');
  });

  it('keeps calling members after one throws', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const bad = {
      tick: () => {},
      done: () => {
        throw new Error('member failed');
      },
    };
    const good = { tick: () => {}, done: vi.fn() };
    new Broadcast<TickerEvents>([bad, good]).done('AAPL', 1);
    expect(good.done).toHaveBeenCalled();
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});

describe('release listeners and broadcasts', () => {
  it('run once each, in the order they were added, broadcasts among them; removed ones and deleted members are not told', () => {
    const { events } = sink();
    const ticks = createStandIn(events, 'c1', 1, TickerEventsCallback) as TickerEvents;
    const [first, second, third] = [
      new Broadcast<TickerEvents>(),
      new Broadcast<TickerEvents>(),
      new Broadcast<TickerEvents>(),
    ];
    const seen: string[] = [];
    const listener = (): void =>
      void seen.push(
        `listener: first has it ${first.has(ticks)}, second has it ${second.has(ticks)}`,
      );
    first.add(ticks);
    onReleased(ticks, listener);
    onReleased(ticks, listener); // the same listener twice is one listener
    second.add(ticks).add(ticks);
    third.add(ticks);
    const removed = onReleased(ticks, () => void seen.push('removed'));
    removed();
    third.delete(ticks);
    third.add(ticks);
    third.delete(ticks);
    releaseStandIn(ticks, 'released');
    expect(seen).toEqual(['listener: first has it false, second has it true']);
    expect([first.size, second.size, third.size]).toEqual([0, 0, 0]);
    // Released: not added again, and a listener added now runs at once.
    first.add(ticks);
    expect(first.size).toBe(0);
    onReleased(ticks, () => void seen.push('late'));
    expect(seen.at(-1)).toBe('late');
  });
});

describe('event prefixes', () => {
  it('are right for every client and id, small ids (shared across clients) and large ones alike', () => {
    const { events, json } = sink();
    for (const [client, id] of [
      ['c1', 1],
      ['c2', 1],
      ['c3', 63],
      ['c4', 64],
      ['c5', 100_000],
    ] as const) {
      (createStandIn(events, client, id, BlobEvents) as BlobEvents).note(id);
    }
    expect(json()).toEqual([
      ['c1', { cb: 1, method: 'note', args: [1] }],
      ['c2', { cb: 1, method: 'note', args: [1] }],
      ['c3', { cb: 63, method: 'note', args: [63] }],
      ['c4', { cb: 64, method: 'note', args: [64] }],
      ['c5', { cb: 100_000, method: 'note', args: [100_000] }],
    ]);
  });
});
