import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Connection, type EventGap } from '../../../runtime/src/client/index.js';
import { FakeEventsServer } from './fake-events-server.js';
import { recorder, tickerClient, until } from './ticker-fixture.js';

let conn: Connection | undefined;
afterEach(() => conn?.close());

function setup() {
  const server = new FakeEventsServer();
  const gaps: EventGap[] = [];
  conn = connect('http://fake', {
    fetch: server.fetch,
    onGap: (gap) => gaps.push(gap),
    backoff: { initial: 5, jitter: 0 },
  });
  return { server, conn, ticker: tickerClient(conn), gaps };
}

describe('an expired client', () => {
  it('is reported when a poll gets 410, with the callbacks that lost their subscription', async () => {
    const { server, conn, ticker, gaps } = setup();
    const [a, b] = [recorder(), recorder()];
    await ticker.subscribe('A', a);
    await ticker.subscribe('B', b);
    server.emit(1, 'done', ['A', 0]);
    await until(() => a.seen.length === 1);
    server.expire();
    await until(() => gaps.length === 1);
    expect(gaps).toEqual([{ reason: 'expired', from: 2, callbacks: [a, b], detail: 'expired' }]);
    expect(conn.clientId).toBeUndefined();
    // The objects were released locally: passing one again registers it anew, on a fresh client.
    expect(await ticker.subscribe('A', a)).toBe(1);
    expect(conn.clientId).toBe('client-2');
    const last = server.requests.filter((r) => r.path === '/Ticker/subscribe').at(-1);
    expect(last?.body).toEqual(['A', { $cb: 3 }]);
    server.emit(3, 'done', ['A', 1]);
    await until(() => a.seen.length === 2);
    expect(server.acks().at(-1)).toBe(1); // a fresh client counts from seq 1 again
  });

  it('lets the application resubscribe from onGap', async () => {
    const server = new FakeEventsServer();
    const events = recorder();
    let resubscribed: Promise<number> | undefined;
    conn = connect('http://fake', {
      fetch: server.fetch,
      onGap: (gap) => {
        if (gap.reason === 'expired') resubscribed = ticker.subscribe('A', events);
      },
    });
    const ticker = tickerClient(conn);
    await ticker.subscribe('A', events);
    server.expire();
    await until(() => resubscribed !== undefined);
    expect(await resubscribed).toBe(1);
    server.publish('A', 2);
    await until(() => events.seen.length === 3);
  });

  it('makes a call that got 410 go again with a fresh client, after telling the application', async () => {
    const { server, conn, ticker, gaps } = setup();
    const events = recorder();
    await ticker.subscribe('A', events);
    await conn.release(events); // nothing registered: an expiry loses nothing and is not reported
    await ticker.ping();
    server.expire();
    expect(await ticker.ping()).toBe('pong');
    expect(gaps).toEqual([]);
    await ticker.subscribe('A', events);
    server.expire();
    const second = recorder();
    expect(await ticker.subscribe('B', second)).toBe(1);
    expect(gaps).toMatchObject([{ reason: 'expired', callbacks: [events] }]);
    expect(server.requests.filter((r) => r.path === '/_open')).toHaveLength(3);
  });

  it('reports one expiry once, however many requests see the 410', async () => {
    const { server, ticker, gaps } = setup();
    await ticker.subscribe('A', recorder());
    server.expire();
    await Promise.all([ticker.ping(), ticker.ping(), ticker.ping()]);
    await until(() => gaps.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(gaps).toHaveLength(1);
  });
});
