// Client resume (issue 19): a connection with a session store saves its client, and a later one
// (the application started again) takes it over, binding its objects to the saved callbacks, and
// gets what it missed once each, in order. Against the real server runtime, in process.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  connect,
  keepSession,
  type CallbackBinding,
  type Connection,
  type EventGap,
  type ResumeTarget,
  type SavedCallback,
  type SavedSession,
  type SessionStore,
} from '../../../runtime/src/client/index.js';
import { Broadcast, createRouter, defineService } from '../../../runtime/src/server/index.js';
import {
  recorder,
  tickerClient,
  TickerEventsCallback,
  TickerService,
  until,
  type TickerEvents,
} from './ticker-fixture.js';

const opened: Connection[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
});

/** A store in memory that counts its saves, like a file or localStorage would hold it. */
function memoryStore(): SessionStore & { saved: SavedSession | undefined; saves: number } {
  const store = {
    saved: undefined as SavedSession | undefined,
    saves: 0,
    load: () => store.saved && (JSON.parse(JSON.stringify(store.saved)) as SavedSession),
    save(session: SavedSession | undefined) {
      store.saves++;
      store.saved = session;
    },
  };
  return store;
}

const bind = (target: ResumeTarget<TickerEvents>): CallbackBinding<TickerEvents> => ({
  callback: TickerEventsCallback,
  target,
});

/** A server (its router swappable, as a restart with the memory store would) and connections whose network can die. */
function setup() {
  const subscribers = new Broadcast<TickerEvents>();
  const makeRouter = () =>
    createRouter({
      services: [
        defineService(TickerService, {
          subscribe: (_symbol: string, e: TickerEvents) => subscribers.add(e).size,
          ping: () => 'pong',
        }),
      ],
    });
  let router = makeRouter();
  const gaps: EventGap[] = [];
  /** A connection as one run of the application makes it; `crash()` makes it fall silent, as a killed process. */
  const run = (session: SessionStore | undefined) => {
    let dead = false;
    const conn = connect('http://in-process', {
      transport: 'long-poll',
      // A dead process sends nothing and hears nothing, not even the answer to a poll in flight.
      fetch: async (input, init) => {
        if (dead) throw new TypeError('the process is dead');
        const answer = await router.fetch(new Request(input, init));
        if (dead) throw new TypeError('the process is dead');
        return answer;
      },
      onGap: (g) => gaps.push(g),
      backoff: { initial: 10, max: 40 },
      wait: 200,
      ...(session && { session: keepSession(session) }),
    });
    opened.push(conn);
    return {
      conn,
      ticker: tickerClient(conn),
      crash: () => {
        dead = true;
      },
    };
  };
  const publish = (from: number, to: number) => {
    for (let n = from; n <= to; n++) subscribers.tick('S', n, new Date(n));
  };
  const ticks = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => `tick:S:${from + i}`);
  return {
    run,
    publish,
    ticks,
    gaps,
    subscribers,
    restartWithout: () => (router = makeRouter()),
  };
}

describe('a connection with a session store', () => {
  it('is resumed by the next run: same client, the missed events once each, in order, to the object bound again', async () => {
    const { run, publish, ticks, subscribers } = setup();
    const store = memoryStore();
    const first = run(store);
    expect(await first.conn.resume(bind(recorder()))).toEqual({
      resumed: false,
      callbacks: [],
      released: [],
    });
    const before = recorder();
    await first.ticker.subscribe('S', before);
    publish(1, 10);
    await until(() => before.seen.length === 10);
    await until(() => store.saved?.seq === 10);
    expect(store.saved).toMatchObject({
      client: first.conn.clientId,
      next: 2,
      callbacks: [{ id: 1, interfaces: ['TickerEvents'], passedTo: 'Ticker.subscribe args[1]' }],
    });
    first.crash();
    publish(11, 30);

    const second = run(store);
    const after = recorder();
    const outcome = await second.conn.resume(bind(after));
    expect(outcome).toEqual({ resumed: true, callbacks: [after], released: [] });
    expect(second.conn.clientId).toBe(store.saved?.client);
    await until(() => after.seen.length === 20);
    publish(31, 35);
    await until(() => after.seen.length === 25);
    expect(before.seen).toEqual(ticks(1, 10));
    expect(after.seen).toEqual(ticks(11, 35));
    expect(second.conn.lastSeq).toBe(35);
    // Still one subscriber: the server's stand-in was the one the first run registered.
    expect(subscribers.size).toBe(1);
    // A callback registered now gets an id after the saved ones.
    await second.ticker.subscribe('S', recorder());
    await until(() => store.saved?.callbacks.length === 2);
    expect(store.saved?.callbacks.map((c) => c.id)).toEqual([1, 2]);
  });

  it('gets the expiry gap when the server no longer knows the saved client, and can subscribe again', async () => {
    const { run, publish, ticks, gaps, restartWithout } = setup();
    const store = memoryStore();
    const first = run(store);
    await first.conn.resume();
    await first.ticker.subscribe('S', recorder());
    publish(1, 3);
    await until(() => store.saved?.seq === 4 - 1);
    first.crash();
    restartWithout();

    const second = run(store);
    const events = recorder();
    expect(await second.conn.resume(bind(events))).toMatchObject({ resumed: true });
    await until(() => gaps.length === 1);
    expect(gaps[0]).toMatchObject({ reason: 'expired', from: 4, callbacks: [events] });
    await second.ticker.subscribe('S', events);
    publish(4, 6);
    await until(() => events.seen.length === 3);
    expect(events.seen).toEqual(ticks(4, 6));
    expect(store.saved?.client).toBe(second.conn.clientId);
    expect(store.saved?.seq).toBe(3);
  });

  it('releases on the server the saved callbacks nothing was bound to, and a call before resume binds none', async () => {
    const { run, subscribers } = setup();
    const store = memoryStore();
    const first = run(store);
    await first.ticker.subscribe('S', recorder());
    await first.ticker.subscribe('S', recorder());
    expect(subscribers.size).toBe(2);
    first.crash();

    const second = run(store);
    const kept = recorder();
    const outcome = await second.conn.resume(
      bind((saved: SavedCallback) => (saved.id === 2 ? kept : undefined)),
    );
    expect(outcome.callbacks).toEqual([kept]);
    expect(outcome.released.map((c) => c.id)).toEqual([1]);
    await until(() => subscribers.size === 1);

    second.crash();
    const third = run(store);
    expect(await third.ticker.ping()).toBe('pong');
    await until(() => subscribers.size === 0);
    await expect(third.conn.resume(bind(kept))).rejects.toThrow(/once, before the first call/);
  });

  it('refuses one object for several saved callbacks of an interface', async () => {
    const { run } = setup();
    const store = memoryStore();
    const first = run(store);
    await first.ticker.subscribe('S', recorder());
    await first.ticker.subscribe('S', recorder());
    first.crash();
    await expect(run(store).conn.resume(bind(recorder()))).rejects.toThrow(
      /bind them with a function/,
    );
  });

  it('forgets the session when closed, and changes nothing without a store', async () => {
    const { run } = setup();
    const store = memoryStore();
    const first = run(store);
    await first.ticker.subscribe('S', recorder());
    expect(store.saved).toBeDefined();
    await first.conn.close();
    await until(() => store.saved === undefined);

    const plain = run(undefined);
    expect(await plain.conn.resume(bind(recorder()))).toEqual({
      resumed: false,
      callbacks: [],
      released: [],
    });
    await plain.ticker.subscribe('S', recorder());
    expect(plain.conn.clientId).toBeDefined();
  });

  it('acknowledges no event before an asynchronous store has saved it', async () => {
    const { run, publish, ticks } = setup();
    const inner = memoryStore();
    let release: (() => void) | undefined;
    let hold = false;
    const slow: SessionStore = {
      load: () => inner.load(),
      async save(session) {
        if (hold) await new Promise<void>((resolve) => (release = resolve));
        void inner.save(session);
      },
    };
    const first = run(slow);
    const events = recorder();
    await first.ticker.subscribe('S', events);
    publish(1, 5);
    await until(() => inner.saved?.seq === 5);
    hold = true;
    publish(6, 8);
    await until(() => events.seen.length === 8 && release !== undefined);
    // Delivered, not saved: the process dies now. The next run gets 6..8 again, as the store says they were not delivered.
    first.crash();
    const second = run(inner);
    const again = recorder();
    await second.conn.resume(bind(again));
    await until(() => again.seen.length === 3);
    expect(again.seen).toEqual(ticks(6, 8));
  });

  it('goes on when the store fails to save, and a run resuming from the older save hears of the gap', async () => {
    const { run, publish, gaps } = setup();
    const inner = memoryStore();
    let broken = false;
    const flaky: SessionStore = {
      load: () => inner.load(),
      save(session) {
        if (broken) throw new Error('disk full');
        void inner.save(session);
      },
    };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const first = run(flaky);
      const events = recorder();
      await first.ticker.subscribe('S', events);
      publish(1, 3);
      await until(() => inner.saved?.seq === 3);
      broken = true;
      publish(4, 10);
      await until(() => events.seen.length === 10);
      // Acknowledged all the same (the poll that brings 11 acknowledged 10): the server's queue does not stall.
      publish(11, 11);
      await until(() => events.seen.length === 11);
      expect(logged).toHaveBeenCalled();
      first.crash();

      const second = run(inner);
      const again = recorder();
      await second.conn.resume(bind(again));
      publish(12, 12);
      await until(() => again.seen.includes('tick:S:12'));
      expect(gaps).toMatchObject([{ reason: 'missing', from: 4 }]);
      expect(again.seen.every((tick) => Number(tick.split(':')[2]) > 10)).toBe(true);
    } finally {
      broken = false;
      logged.mockRestore();
    }
  });
});
