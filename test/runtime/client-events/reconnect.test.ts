import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  connect,
  type Connection,
  type ConnectionState,
} from '../../../runtime/src/client/index.js';
import { backoffDelay } from '../../../runtime/src/client/backoff.js';
import { FakeEventsServer } from './fake-events-server.js';
import { recorder, tickerClient, until } from './ticker-fixture.js';

let conn: Connection | undefined;
afterEach(() => conn?.close());

const noJitter = { initial: 10, factor: 2, max: 80, jitter: 0 };

function setup(options: Parameters<typeof connect>[1] = {}) {
  const server = new FakeEventsServer();
  conn = connect('http://fake', { fetch: server.fetch, backoff: noJitter, ...options });
  const states: ConnectionState[] = [];
  conn.onState((state) => states.push(state));
  return { server, conn, ticker: tickerClient(conn), states };
}

describe('backoffDelay', () => {
  it('grows exponentially up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5].map((k) => backoffDelay(k, noJitter))).toEqual([
      10, 20, 40, 80, 80, 80,
    ]);
    expect(backoffDelay(1_000, { jitter: 0 })).toBe(10_000);
  });

  it('takes up to `jitter` of the delay off at random', () => {
    const random = vi.spyOn(Math, 'random');
    random.mockReturnValueOnce(0).mockReturnValueOnce(0.999999).mockReturnValueOnce(0.5);
    expect([0, 0, 0].map((k) => backoffDelay(k, { initial: 100, jitter: 0.5 }))).toEqual([
      100,
      expect.closeTo(50, 3),
      75,
    ]);
    random.mockRestore();
  });
});

describe('reconnecting', () => {
  it('goes offline on network errors and 5xx, retries with growing delays, and resumes where it was', async () => {
    const { server, ticker, states } = setup();
    const events = recorder();
    await ticker.subscribe('AAPL', events);
    server.publish('AAPL', 5);
    await until(() => events.seen.length === 6);
    server.fail('/_events', 'network', 2);
    server.fail('/_events', 503, 2);
    server.only().parked?.answer([]); // the parked poll ends; the next four fail
    server.publish('AAPL', 3);
    await until(() => events.seen.length === 10);
    expect(events.seen.slice(6)).toEqual([
      'tick:AAPL:1',
      'tick:AAPL:2',
      'tick:AAPL:3',
      'done:AAPL:3',
    ]);
    expect(states).toEqual(['online', 'offline', 'online']);
    // The poll parked before the faults, four failures, the one that worked: all with after=6.
    const polls = server.requests.filter((r) => r.path === '/_events' && r.after === 6);
    expect(polls).toHaveLength(6);
    const delays = polls.slice(2).map((p, i) => p.at - (polls[i + 1] as { at: number }).at);
    // Timers fire late under load, never early: check the lower bounds of 10, 20, 40, 80 ms.
    expect(delays.map((d, i) => d >= [10, 20, 40, 80][i]! - 2)).toEqual([true, true, true, true]);
  });

  it('retries the first connect too, then delivers', async () => {
    const { server, conn, ticker, states } = setup();
    server.fail('/_open', 'network', 1);
    // The call itself does not retry (it may not be idempotent): it fails and says why.
    await expect(ticker.ping()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(states).toEqual(['offline']);
    server.fail('/_open', 'network', 3);
    const events = recorder();
    const subscribed = ticker.subscribe('AAPL', events).catch((e: unknown) => e);
    // The loop keeps trying to open while the call above has failed.
    await until(() => conn.state === 'online');
    expect(await subscribed).toMatchObject({ code: 'UNAVAILABLE' });
    expect(server.requests.filter((r) => r.path === '/_open').length).toBeGreaterThanOrEqual(4);
    expect(states).toEqual(['offline', 'online']);
  });

  it('counts a poll that takes longer than its wait plus `timeout` as lost, and polls again', async () => {
    const { server, ticker, conn, states } = setup({ wait: 5, timeout: 30 });
    const events = recorder();
    await ticker.subscribe('AAPL', events);
    server.fail('/_events', 'hang', 1);
    server.only().parked?.answer([]);
    await until(() => conn.state === 'offline');
    server.publish('AAPL', 1);
    await until(() => events.seen.length === 2);
    expect(states).toEqual(['online', 'offline', 'online']);
  });

  it('tells state listeners why it went offline, and lets them unsubscribe', async () => {
    const { server, ticker, conn } = setup();
    const seen: unknown[] = [];
    const stop = conn.onState((state, error) =>
      seen.push([state, (error as { code?: string } | undefined)?.code]),
    );
    server.fail('/_open', 503);
    await ticker.ping().catch(() => undefined);
    await ticker.ping();
    stop();
    server.fail('/Ticker/ping', 'network');
    await ticker.ping().catch(() => undefined);
    expect(seen).toEqual([
      ['offline', 'UNAVAILABLE'],
      ['online', undefined],
    ]);
  });
});
