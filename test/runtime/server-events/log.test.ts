// router.log end to end: a real node server and contract-gen's client over long polling and over
// WebSocket. A late follower replays then goes on live, each event once and in order, through the same
// callback interface; a saved position resumes; a trimmed offset and a changed epoch reach onGap.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { connect, type Connection, type EventGap } from '../../../runtime/src/client/index.js';
import * as s from '../../../runtime/src/schema/index.js';
import { createRouter, defineService, type Log } from '../../../runtime/src/server/index.js';
import { createServer } from '../../../runtime/src/server/node/index.js';

const FeedEvents = s.callbackInterface('FeedEvents', { item: [s.number()] });
const Ledger = s.service('Ledger', {
  // epoch '' with offset 0: from the start; 'live' as epoch: live; else after { offset, epoch }.
  follow: s.method([s.number(), s.string(), s.callback(FeedEvents)], s.boolean()),
});
interface FeedEvents {
  item(n: number): void;
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function serve(options: { maxEvents?: number } = {}) {
  let ledger!: Log<FeedEvents>;
  const server = createServer({
    services: [
      defineService(Ledger, {
        follow: (offset: number, epoch: string, events: FeedEvents) =>
          ledger.follow(
            events,
            epoch === '' ? 'start' : epoch === 'live' ? 'live' : { offset, epoch },
          ),
      }),
    ],
  });
  ledger = server.log<FeedEvents>(FeedEvents, 'ledger', options);
  const listening = await server.listen(0, '127.0.0.1');
  stops.push(() => listening.close());
  return { ledger, url: `http://127.0.0.1:${listening.port}` };
}

function follower(url: string, transport: 'long-poll' | 'websocket') {
  const received: number[] = [];
  const gaps: EventGap[] = [];
  const conn: Connection = connect(url, {
    transport,
    WebSocket,
    onGap: (gap) => void gaps.push(gap),
  });
  stops.push(() => conn.close());
  const events = { item: (n: number) => void received.push(n) };
  return {
    conn,
    events,
    received,
    gaps,
    follow: (offset: number, epoch: string) =>
      conn.call<boolean>(Ledger, 'follow', [offset, epoch, events]),
  };
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('router.log', () => {
  for (const transport of ['long-poll', 'websocket'] as const) {
    it(`${transport}: a late follower replays the log, then goes on live, each event once, in order`, async () => {
      const { ledger, url } = await serve();
      for (let n = 1; n <= 5_000; n++) ledger.item(n);
      const late = follower(url, transport);
      const live = follower(url, transport);
      expect(await late.follow(0, '')).toBe(true);
      expect(await live.follow(0, 'live')).toBe(true);
      await vi.waitFor(() => expect(late.received).toHaveLength(5_000), { timeout: 30_000 });
      for (let n = 5_001; n <= 5_010; n++) ledger.item(n);
      await vi.waitFor(() => expect(late.received).toHaveLength(5_010), { timeout: 30_000 });
      await vi.waitFor(() => expect(live.received).toHaveLength(10), { timeout: 30_000 });
      expect(late.received).toEqual(range(1, 5_010));
      expect(live.received).toEqual(range(5_001, 5_010));
      const { epoch } = await ledger.state();
      expect(late.conn.logPosition(late.events)).toEqual({ log: 'ledger', offset: 5_010, epoch });
      expect(late.gaps).toEqual([]);
    });
  }

  it('a new client following from a saved position gets what came after it, nothing before', async () => {
    const { ledger, url } = await serve();
    for (let n = 1; n <= 100; n++) ledger.item(n);
    const first = follower(url, 'long-poll');
    await first.follow(0, '');
    await vi.waitFor(() => expect(first.received).toHaveLength(100), { timeout: 30_000 });
    const saved = first.conn.logPosition(first.events)!;
    await first.conn.close();
    for (let n = 101; n <= 150; n++) ledger.item(n);
    const next = follower(url, 'websocket');
    await next.follow(saved.offset, saved.epoch);
    await vi.waitFor(() => expect(next.received).toHaveLength(50), { timeout: 30_000 });
    expect(next.received).toEqual(range(101, 150));
    expect(next.gaps).toEqual([]);
  });

  it('a position trimmed away and a position of another epoch each reach onGap: what was lost, where delivery resumes', async () => {
    const { ledger, url } = await serve({ maxEvents: 10 });
    for (let n = 1; n <= 30; n++) ledger.item(n);
    const { epoch } = await ledger.state();
    const trimmed = follower(url, 'long-poll');
    await trimmed.follow(5, epoch);
    await vi.waitFor(() => expect(trimmed.received).toHaveLength(10), { timeout: 30_000 });
    expect(trimmed.received).toEqual(range(21, 30));
    expect(trimmed.gaps).toEqual([
      {
        reason: 'trimmed',
        from: 6,
        to: 20,
        count: 15,
        callbacks: [trimmed.events],
        log: { name: 'ledger', epoch, resume: { log: 'ledger', offset: 20, epoch } },
      },
    ]);
    const other = follower(url, 'websocket');
    await other.follow(25, 'an-old-epoch');
    await vi.waitFor(() => expect(other.received).toHaveLength(10), { timeout: 30_000 });
    expect(other.received).toEqual(range(21, 30));
    expect(other.gaps).toEqual([
      {
        reason: 'epoch',
        from: 26,
        callbacks: [other.events],
        log: {
          name: 'ledger',
          epoch: 'an-old-epoch',
          resume: { log: 'ledger', offset: 20, epoch },
        },
      },
    ]);
  });

  it('refuses what is not a stand-in, a bad start and bad retention, with a TypeError', async () => {
    const { ledger, url } = await serve();
    await expect(ledger.follow({ item() {} })).rejects.toThrow(/stand-ins this router made/);
    const off = createRouter({ services: [], events: false });
    expect(() => off.log(FeedEvents, 'x')).toThrow(/turned off/);
    const other = createRouter({ services: [] });
    expect(() => other.log(FeedEvents, '')).toThrow(TypeError);
    expect(() => other.log(FeedEvents, 'x', { maxEvents: 0 })).toThrow(/maxEvents/);
    await other.close();
    await off.close();
    // A start that is neither live, start nor a position: refused before anything is stored.
    const client = follower(url, 'long-poll');
    await expect(client.follow(-1, 'e')).rejects.toThrow();
  });
});
