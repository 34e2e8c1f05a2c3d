import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Connection, type EventGap } from '../../../runtime/src/client/index.js';
import { FakeEventsServer } from './fake-events-server.js';
import { recorder, tickerClient, until } from './ticker-fixture.js';

let conn: Connection | undefined;
afterEach(() => conn?.close());

function setup(options: Parameters<typeof connect>[1] = {}) {
  const server = new FakeEventsServer();
  conn = connect('http://fake/', { fetch: server.fetch, ...options });
  return { server, conn, ticker: tickerClient(conn) };
}

const ticks = (symbol: string, count: number) => [
  ...Array.from({ length: count }, (_, i) => `tick:${symbol}:${i + 1}`),
  `done:${symbol}:${count}`,
];

/** The address a fetch was given, whatever form it took. */
const urlOf = (url: string | URL | Request): string =>
  typeof url === 'string' ? url : url instanceof URL ? url.href : url.url;

describe('event delivery over long polling', () => {
  it('opens a client lazily and sends its id with every call', async () => {
    const { server, ticker, conn } = setup();
    expect(conn.clientId).toBeUndefined();
    expect(await ticker.ping()).toBe('pong');
    expect(server.requests.map((r) => [r.path, r.client])).toEqual([
      ['/_open', null],
      ['/Ticker/ping', 'client-1'],
    ]);
    expect(conn.clientId).toBe('client-1');
  });

  it('delivers events in order, each once, acknowledging what it has seen', async () => {
    const { server, ticker } = setup();
    const events = recorder();
    await ticker.subscribe('AAPL', events);
    server.publish('AAPL', 2_500);
    await until(() => events.seen.length === 2_501);
    expect(events.seen).toEqual(ticks('AAPL', 2_500));
    // Answers of at most 1,000 events; each poll acknowledges the previous answer.
    await until(() => server.acks().includes(2_501));
    expect(server.acks().filter((a) => a > 0)).toEqual([1_000, 2_000, 2_501]);
  });

  it('gives every poll over fetch a signal of its own (fetch may keep an abort step on a signal for good)', async () => {
    const server = new FakeEventsServer();
    const signals: AbortSignal[] = [];
    const fetch = (url: string | URL | Request, init?: RequestInit) => {
      if (urlOf(url).includes('/_events')) signals.push(init!.signal!);
      return server.fetch(url, init);
    };
    conn = connect('http://fake/', { fetch });
    const events = recorder();
    await tickerClient(conn).subscribe('AAPL', events);
    for (let round = 1; round <= 3; round++) {
      server.publish('AAPL', 1);
      await until(() => events.seen.length === 2 * round);
    }
    expect(signals.length).toBeGreaterThanOrEqual(3);
    expect(new Set(signals).size).toBe(signals.length);
  });

  it('sends {"$cb": n} with the same n for the same object, and routes each callback its own events', async () => {
    const { server, ticker } = setup();
    const [a, b] = [recorder(), recorder()];
    await ticker.subscribe('A', a);
    await ticker.subscribe('B', b);
    await ticker.subscribe('A2', a);
    const refs = server.requests
      .filter((r) => r.path === '/Ticker/subscribe')
      .map((r) => (r.body as [string, unknown])[1]);
    expect(refs).toEqual([{ $cb: 1 }, { $cb: 2 }, { $cb: 1 }]);
    server.emit(2, 'done', ['B', 0]);
    server.emit(1, 'done', ['A', 0]);
    await until(() => a.seen.length + b.seen.length === 2);
    expect([a.seen, b.seen]).toEqual([['done:A:0'], ['done:B:0']]);
  });

  it('delivers nothing twice when the same answer arrives again', async () => {
    const { server, ticker } = setup();
    const events = recorder();
    await ticker.subscribe('AAPL', events);
    server.ignoreAcks = true; // every answer repeats the queue from seq 1
    server.publish('AAPL', 3);
    const polls = () => server.acks().length;
    const before = polls();
    await until(() => polls() >= before + 5);
    server.emit(1, 'tick', ['AAPL', 4, new Date(0).toISOString()]);
    await until(() => polls() >= before + 10);
    server.ignoreAcks = false;
    expect(events.seen).toEqual([...ticks('AAPL', 3), 'tick:AAPL:4']);
    expect(server.acks().slice(-3)).toEqual([5, 5, 5]);
  });

  it("reports a server's gap notice before the events after it, and a jump in seqs", async () => {
    const gaps: EventGap[] = [];
    const { server, ticker } = setup({ onGap: (gap) => gaps.push(gap) });
    const events = recorder();
    await ticker.subscribe('AAPL', events);
    const client = server.only();
    client.nextSeq = 11; // seqs 1..10 dropped by the server...
    server.gap = { from: 1, to: 10, count: 10, reason: 'overflow' }; // ...and said so
    server.emit(1, 'done', ['AAPL', 1]);
    await until(() => events.seen.length === 1);
    server.gap = { from: 1, to: 10, count: 10, reason: 'overflow' }; // repeated until acknowledged: not news
    server.emit(1, 'done', ['AAPL', 1.5]);
    await until(() => events.seen.length === 2);
    client.nextSeq = 16; // 13..15 vanish without a word
    server.emit(1, 'done', ['AAPL', 2]);
    await until(() => events.seen.length === 3);
    expect(gaps).toEqual([
      { reason: 'overflow', from: 1, to: 10, count: 10, callbacks: [] },
      { reason: 'missing', from: 13, to: 15, count: 3, callbacks: [] },
    ]);
  });
});

describe('heartbeat polling', () => {
  it('polls with wait=0 every pollInterval and reports its transport', async () => {
    const { server, ticker, conn } = setup({ events: 'poll', pollInterval: 30 });
    expect(conn.transport).toBe('poll');
    const events = recorder();
    await ticker.subscribe('AAPL', events);
    server.publish('AAPL', 1_500);
    await until(() => events.seen.length === 1_501);
    expect(events.seen).toEqual(ticks('AAPL', 1_500));
    const polls = server.requests.filter((r) => r.path === '/_events');
    expect(polls.every((p) => p.wait === 0)).toBe(true);
    const before = polls.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const idle = server.requests.filter((r) => r.path === '/_events').length - before;
    expect(idle).toBeGreaterThanOrEqual(2);
    expect(idle).toBeLessThanOrEqual(5);
  });

  it('long-polls with the configured wait, capped by the server', async () => {
    const { server, ticker } = setup({ wait: 50_000 });
    await ticker.subscribe('AAPL', recorder());
    await until(() => server.acks().length > 0);
    expect(server.requests.find((r) => r.path === '/_events')?.wait).toBe(30_000);
  });
});
