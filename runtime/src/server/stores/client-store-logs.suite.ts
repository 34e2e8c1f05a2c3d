// The log cases of the shared store suite (runStoreSuite calls logTests): a
// store's logs driven through `withLogs` (log-feed.ts), as the event channel
// drives them, with the suite's own clock.
import { expect, it } from 'vitest';
import type { ClientStore, StoreConfig } from './client-store.js';
import { followLog, hasLogs, withLogs } from './log-feed.js';
import type { LogGap, LogRetention, LogStart } from './log-store.js';

/** One log entry as a read answers it. */
interface WireLogEntry {
  seq: number;
  cb: number;
  log: string;
  epoch: string;
  offset: number;
  events: { method: string; args: number[] }[];
  gap?: LogGap;
}

interface LogFixture {
  /** The store, wrapped as the channel wraps it. */
  feed: ClientStore;
  raw: ClientStore;
  clock: { now: number };
  /** Clients the listener was told to wake. */
  woken: string[];
  open(callback?: number): Promise<string>;
  append(log: string, ns: readonly number[], retention?: LogRetention): Promise<void>;
  follow(log: string, client: string, start: LogStart, callback?: number): Promise<boolean>;
  /** Reads once after `after`; returns the entries (log entries and events) parsed. */
  read(
    client: string,
    after: number,
    max?: number,
  ): Promise<(WireLogEntry | { seq: number; args: number[] })[]>;
}

let counter = 0;

export interface LogSuiteOptions {
  readonly durable?: boolean;
  readonly shared?: boolean;
}

/** Registers the log tests (inside runStoreSuite's describe). */
export function logTests(
  create: (place: string) => ClientStore | Promise<ClientStore>,
  options: LogSuiteOptions,
  track: (store: ClientStore) => void,
): void {
  async function fixture(
    place = `logs-${process.pid}-${++counter}`,
    clock = { now: 1_700_000_000_000 },
  ): Promise<LogFixture> {
    const raw = await create(place);
    track(raw);
    // Every store of the suite holds logs: one that does not fails here, never skips.
    expect(hasLogs(raw)).toBe(true);
    const feed = withLogs(raw);
    const woken: string[] = [];
    const config: StoreConfig = {
      ttl: 60_000,
      maxQueue: 100,
      overflow: 'drop-oldest',
      now: () => clock.now,
    };
    await feed.start(config, {
      appended: (client) => void woken.push(client),
      released() {},
      ended() {},
    });
    return {
      feed,
      raw,
      clock,
      woken,
      async open(callback = 1) {
        const client = `logs-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 10)}`;
        await raw.open(client);
        await raw.register(client, callback);
        return client;
      },
      async append(log, ns, retention = {}) {
        // A retention object of its own for each append, as a caller may make them: none may be lost for it.
        for (const n of ns) raw.logAppend!(log, `"method":"m","args":[${n}]`, { ...retention });
        await raw.flush();
      },
      follow: (log, client, start, callback = 1) =>
        followLog(raw as Parameters<typeof followLog>[0], log, client, callback, start),
      async read(client, after, max = 1000) {
        const result = await feed.read(client, after, max);
        expect(result.status).toBe('live');
        return result.events.map((text) => JSON.parse(text) as WireLogEntry);
      },
    };
  }

  /** Reads and acknowledges until a read answers nothing; returns every event's n with its offset, and the gaps. */
  async function drain(f: LogFixture, client: string, after: number, max = 1000) {
    const ns: number[] = [];
    const offsets: number[] = [];
    const gaps: LogGap[] = [];
    let last = after;
    for (let reads = 0; reads < 10_000; reads++) {
      const entries = await f.read(client, last, max);
      if (entries.length === 0) break;
      for (const entry of entries) {
        expect(entry.seq).toBe(last + 1);
        last = entry.seq;
        if (!('log' in entry)) {
          ns.push(entry.args[0] as number);
          continue;
        }
        if (entry.gap !== undefined) gaps.push(entry.gap);
        entry.events.forEach((event, i) => {
          ns.push(event.args[0] as number);
          offsets.push(entry.offset + i);
        });
      }
    }
    return { ns, offsets, gaps, last };
  }

  const logName = () => `log-${process.pid}-${++counter}`;

  it('logs: a late follower replays 100,000 events, then goes on live, each once and in order', async () => {
    const f = await fixture();
    const log = logName();
    const total = 100_000;
    const ns = Array.from({ length: total }, (_, i) => i + 1);
    await f.append(log, ns);
    const client = await f.open();
    expect(await f.follow(log, client, 'start')).toBe(true);
    const replay = await drain(f, client, 0);
    expect(replay.gaps).toEqual([]);
    expect(replay.ns.length).toBe(total);
    expect(replay.ns.every((n, i) => n === i + 1)).toBe(true);
    expect(replay.offsets.every((offset, i) => offset === i + 1)).toBe(true);
    // Live: the follower is woken, and gets the new events after the replay, with an event of its own queue between.
    f.woken.length = 0;
    await f.append(log, [total + 1, total + 2]);
    await expect.poll(() => f.woken.includes(client), { timeout: 10_000 }).toBe(true);
    f.raw.append(client, '"cb":1,"method":"m","args":[-7]');
    await f.raw.flush();
    await f.append(log, [total + 3]);
    const live = await drain(f, client, replay.last);
    expect(live.ns.filter((n) => n !== -7)).toEqual([total + 1, total + 2, total + 3]);
    expect(live.ns.filter((n) => n === -7)).toHaveLength(1);
    expect(live.gaps).toEqual([]);
    // Nothing more, however often it reads again.
    expect(await f.read(client, live.last)).toEqual([]);
  }, 120_000);

  it('logs: live starts at the next event, start at the oldest kept, an offset right after it', async () => {
    const f = await fixture();
    const log = logName();
    await f.append(log, [1, 2, 3]);
    const [live, start, after] = [await f.open(), await f.open(), await f.open()];
    expect(await f.follow(log, live, 'live')).toBe(true);
    expect(await f.follow(log, start, 'start')).toBe(true);
    const { epoch } = await f.raw.logRead!(log, 0, 0);
    expect(await f.follow(log, after, { offset: 2, epoch })).toBe(true);
    await f.append(log, [4]);
    expect((await drain(f, live, 0)).ns).toEqual([4]);
    expect((await drain(f, start, 0)).ns).toEqual([1, 2, 3, 4]);
    expect(await drain(f, after, 0)).toMatchObject({ ns: [3, 4], offsets: [3, 4], gaps: [] });
  });

  it('logs: a client read before it followed is served once it follows: the follow wakes its reader', async () => {
    const f = await fixture();
    const log = logName();
    await f.append(log, [1, 2]);
    const client = await f.open();
    expect(await f.read(client, 0)).toEqual([]);
    f.woken.length = 0;
    await f.follow(log, client, 'start');
    await expect.poll(() => f.woken.includes(client), { timeout: 10_000 }).toBe(true);
    expect((await drain(f, client, 0)).ns).toEqual([1, 2]);
  });

  it('logs: a read answered again (not acknowledged) answers the same events; acknowledged, they never come again', async () => {
    const f = await fixture();
    const log = logName();
    await f.append(log, [1, 2, 3]);
    const client = await f.open();
    await f.follow(log, client, 'start');
    const first = await f.read(client, 0);
    expect(await f.read(client, 0)).toEqual(first);
    // Two readers at once (a poll and a socket) never queue one range twice.
    await f.append(log, [4, 5]);
    const [a, b] = await Promise.all([f.read(client, 1), f.read(client, 1)]);
    const events = (entries: typeof a) =>
      entries.flatMap((e) => ('log' in e ? e.events.map((x) => x.args[0]) : [e.args[0]]));
    expect(events(a)).toEqual([4, 5]);
    expect(events(b)).toEqual([4, 5]);
    expect((await drain(f, client, 2)).ns).toEqual([]);
  });

  it('logs: followers woken by one append read the log once in this process, each getting every event', async () => {
    const f = await fixture();
    const log = logName();
    const clients: string[] = [];
    for (let i = 0; i < 20; i++) {
      const client = await f.open();
      await f.follow(log, client, 'live');
      expect(await f.read(client, 0)).toEqual([]); // each reader learns its follow
      clients.push(client);
    }
    await f.append(log, [1, 2, 3]);
    const logRead = f.raw.logRead!.bind(f.raw);
    let logReads = 0;
    f.raw.logRead = (...args) => {
      logReads++;
      return logRead(...args);
    };
    for (const client of clients) expect((await drain(f, client, 0)).ns).toEqual([1, 2, 3]);
    expect(logReads).toBe(1);
  });

  it('logs: an offset trimmed away answers a trimmed gap (what was lost, where delivery resumes), never silence', async () => {
    const f = await fixture();
    const log = logName();
    await f.append(
      log,
      Array.from({ length: 30 }, (_, i) => i + 1),
      { maxEvents: 10 },
    );
    const state = await f.raw.logRead!(log, 0, 100);
    expect(state).toMatchObject({ first: 21, next: 31, from: 21 });
    expect(state.events).toHaveLength(10);
    const client = await f.open();
    await f.follow(log, client, { offset: 5, epoch: state.epoch });
    const [entry] = (await f.read(client, 0)) as WireLogEntry[];
    expect(entry).toMatchObject({
      seq: 1,
      log,
      epoch: state.epoch,
      offset: 21,
      gap: { reason: 'trimmed', from: 6, to: 20 },
    });
    expect(entry!.events.map((e) => e.args[0])).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
  });

  it("logs: a position past the log's last offset (the store lost events) answers a lost gap, then the new events at those offsets", async () => {
    const f = await fixture();
    const log = logName();
    await f.append(log, [1, 2, 3]);
    const { epoch } = await f.raw.logRead!(log, 0, 0);
    const client = await f.open();
    await f.follow(log, client, { offset: 6, epoch });
    expect(await f.read(client, 0)).toMatchObject([
      { seq: 1, offset: 4, events: [], gap: { reason: 'lost', from: 4, to: 6 } },
    ]);
    await f.append(log, [4, 5]);
    expect(await drain(f, client, 1)).toMatchObject({ ns: [4, 5], offsets: [4, 5], gaps: [] });
  });

  it('logs: a range trimmed while it waited in the queue answers the trimmed part as a gap', async () => {
    const f = await fixture();
    const log = logName();
    await f.append(log, [1, 2, 3, 4], { maxEvents: 5 });
    const client = await f.open();
    await f.follow(log, client, 'start');
    expect((await f.read(client, 0)).length).toBe(1); // queues the range 1..4
    await f.append(log, [5, 6, 7], { maxEvents: 5 }); // keeps 3..7
    const [entry] = (await f.read(client, 0)) as WireLogEntry[];
    expect(entry).toMatchObject({ offset: 3, gap: { reason: 'trimmed', from: 1, to: 2 } });
    expect(entry!.events.map((e) => e.args[0])).toEqual([3, 4]);
    expect((await drain(f, client, 1)).ns).toEqual([5, 6, 7]);
  });

  it('logs: a changed epoch answers an epoch gap and resumes at the oldest event of the new one', async () => {
    const f = await fixture();
    const log = logName();
    await f.append(log, [1, 2, 3]);
    const { epoch } = await f.raw.logRead!(log, 0, 0);
    const client = await f.open();
    await f.follow(log, client, { offset: 2, epoch: `${epoch}x` });
    const [entry] = (await f.read(client, 0)) as WireLogEntry[];
    expect(entry).toMatchObject({
      offset: 1,
      epoch,
      gap: { reason: 'epoch', from: 3, epoch: `${epoch}x` },
    });
    expect(entry!.events.map((e) => e.args[0])).toEqual([1, 2, 3]);
  });

  it('logs: retention by age and by bytes trims the oldest events', async () => {
    const f = await fixture();
    const [byAge, byBytes] = [logName(), logName()];
    await f.append(byAge, [1, 2], { maxAge: 1_000 });
    f.clock.now += 1_500;
    await f.append(byAge, [3], { maxAge: 1_000 });
    expect(await f.raw.logRead!(byAge, 0, 10)).toMatchObject({ first: 3, next: 4, from: 3 });
    // Each body is 23 characters ("method":"m","args":[n] for one digit): two fit in 46.
    await f.append(byBytes, [1, 2, 3, 4], { maxBytes: 46 });
    const bytes = await f.raw.logRead!(byBytes, 0, 10);
    expect(bytes).toMatchObject({ first: 3, next: 5 });
    expect(bytes.events).toEqual(['"method":"m","args":[3]', '"method":"m","args":[4]']);
  });

  it('logs: a released callback or an ended client follows no more; an unregistered one never does', async () => {
    const f = await fixture();
    const log = logName();
    const [a, b] = [await f.open(), await f.open()];
    expect(await f.follow(log, a, 'start', 2)).toBe(false);
    await f.follow(log, a, 'start');
    await f.follow(log, b, 'start');
    expect(await f.raw.logFollows!(a)).toHaveLength(1);
    await f.raw.release(a, [1]);
    await f.raw.close(b);
    expect(await f.raw.logFollows!(a)).toEqual([]);
    expect(await f.raw.logFollows!(b)).toEqual([]);
    await f.append(log, [1]);
    expect(await f.read(a, 0)).toEqual([]);
  });

  it('logs: a range entry read after its follow ended is a valid log entry with no events', async () => {
    const f = await fixture();
    const log = logName();
    await f.append(log, [1, 2]);
    const client = await f.open();
    await f.follow(log, client, 'start');
    expect(await f.read(client, 0, 1)).toHaveLength(1);
    expect(await f.raw.logUnfollow!(client, 1)).toBe(true);
    const [entry] = await f.read(client, 0);
    expect(entry).toMatchObject({ seq: 1, cb: 1, log, offset: 1, events: [] });
    expect(entry).not.toHaveProperty('gap');
  });

  if (options.durable) {
    it('logs, durable: a reopened store keeps the log, its epoch and each follower position', async () => {
      const place = `logs-durable-${process.pid}-${++counter}`;
      const before = await fixture(place);
      const log = logName();
      await before.append(log, [1, 2, 3, 4, 5]);
      const client = await before.open();
      await before.follow(log, client, 'start');
      const first = await before.read(client, 0, 1);
      expect(first).toHaveLength(1);
      const state = await before.raw.logRead!(log, 0, 0);
      await before.raw.stop();
      const after = await fixture(place);
      expect(await after.raw.logRead!(log, 0, 0)).toMatchObject({ epoch: state.epoch, next: 6 });
      // The queued range (offset 1 only: the read took one) is answered again, not acknowledged;
      // then the follow goes on from its position, through what was appended after the reopen.
      expect(await after.read(client, 0, 1)).toEqual(first);
      await after.append(log, [6]);
      expect(await drain(after, client, 1)).toMatchObject({ ns: [2, 3, 4, 5, 6], gaps: [] });
    });
  } else {
    it('logs, not durable: a new store is a new epoch, so a follower of the old one gets the epoch gap', async () => {
      const before = await fixture();
      const log = logName();
      await before.append(log, [1]);
      const { epoch } = await before.raw.logRead!(log, 0, 0);
      const after = await fixture();
      await after.append(log, [9]);
      const client = await after.open();
      await after.follow(log, client, { offset: 1, epoch });
      const [entry] = (await after.read(client, 0)) as WireLogEntry[];
      expect(entry?.gap).toEqual({ reason: 'epoch', from: 2, epoch });
      expect(entry?.events.map((e) => e.args[0])).toEqual([9]);
    });
  }

  if (options.shared) {
    it('logs, shared: what one store appends wakes the followers reading through the other, once in order', async () => {
      const place = `logs-shared-${process.pid}-${++counter}`;
      const a = await fixture(place);
      const b = await fixture(place);
      const log = logName();
      const client = await b.open();
      // Read through b before it follows (b then knows it follows nothing); the follow is made through a.
      expect(await b.read(client, 0)).toEqual([]);
      b.woken.length = 0;
      await a.follow(log, client, 'live');
      await expect.poll(() => b.woken.includes(client), { timeout: 10_000 }).toBe(true);
      // Woken, its reader reads again (and learns of the follow), finds nothing yet, and waits.
      expect(await b.read(client, 0)).toEqual([]);
      b.woken.length = 0;
      await a.append(log, [1, 2]);
      await expect.poll(() => b.woken.includes(client), { timeout: 10_000 }).toBe(true);
      expect((await drain(b, client, 0)).ns).toEqual([1, 2]);
    });

    it('logs, shared: one client read through two stores in turn gets each event once, in order', async () => {
      const place = `logs-shared-${process.pid}-${++counter}`;
      const [a, b] = [await fixture(place), await fixture(place)];
      const log = logName();
      const client = await a.open();
      await a.follow(log, client, 'live');
      // Both learn the follow; then each read through one store moves it past what the other knows.
      expect(await a.read(client, 0)).toEqual([]);
      expect(await b.read(client, 0)).toEqual([]);
      const ns: number[] = [];
      let last = 0;
      for (let round = 0; round < 6; round++) {
        const reader = round % 2 === 0 ? a : b;
        reader.woken.length = 0;
        await a.append(log, [2 * round + 1, 2 * round + 2]);
        await expect.poll(() => reader.woken.includes(client), { timeout: 10_000 }).toBe(true);
        // Each reader gets the new events at once, though its idea of the follow is behind.
        const got = await drain(reader, client, last);
        expect(got).toMatchObject({ ns: [2 * round + 1, 2 * round + 2], gaps: [] });
        ns.push(...got.ns);
        last = got.last;
      }
      expect(ns).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    });

    it('logs, shared: an unfollow through one store ends the follow read through the other', async () => {
      const place = `logs-shared-${process.pid}-${++counter}`;
      const [a, b] = [await fixture(place), await fixture(place)];
      const log = logName();
      const client = await b.open();
      await b.follow(log, client, 'live');
      await a.append(log, [1]);
      const before = await drain(b, client, 0);
      expect(before.ns).toEqual([1]);
      b.woken.length = 0;
      expect(await a.raw.logUnfollow!(client, 1)).toBe(true);
      await expect.poll(() => b.woken.includes(client), { timeout: 10_000 }).toBe(true);
      await a.append(log, [2]);
      expect(await b.read(client, before.last)).toEqual([]);
    });
  }
}
