// `resubscribe` after a memory-store server restarts (issue 19): the restarted server does not know
// the client (410), the client reports the expiry (onGap) and makes its subscribing call again by
// itself, on a fresh client, so it receives what is published after.
import { afterEach, describe, expect, it } from 'vitest';
import {
  connect,
  resubscribeCalls,
  type Connection,
  type EventGap,
} from '../../../runtime/src/client/index.js';
import {
  Broadcast,
  createRouter,
  defineService,
  type Router,
} from '../../../runtime/src/server/index.js';
import {
  recorder,
  tickerClient,
  TickerService,
  until,
  type TickerEvents,
} from './ticker-fixture.js';

let conn: Connection | undefined;
afterEach(() => conn?.close());

/** A server process: its own memory store and Broadcast, gone when it restarts. */
function serverProcess() {
  const subscribers = new Broadcast<TickerEvents>();
  const router: Router = createRouter({
    services: [
      defineService(TickerService, {
        subscribe: (_symbol: string, e: TickerEvents) => subscribers.add(e).size,
        ping: () => 'pong',
      }),
    ],
  });
  const publish = (count: number) => {
    for (let n = 1; n <= count; n++) subscribers.tick('AAPL', n, new Date());
  };
  return { router, publish, subscribers };
}

describe('resubscribe', () => {
  it('refuses `resubscribe: true`, which this option once took, naming resubscribeCalls()', () => {
    const options = { fetch: globalThis.fetch, resubscribe: true as never };
    expect(() => connect('http://in-process', options)).toThrow(TypeError);
    expect(() => connect('http://in-process', options)).toThrow(/resubscribeCalls\(\)/);
  });

  it('refuses a bare function as `token`, which this option once took, naming bearerToken()', () => {
    const options = { fetch: globalThis.fetch, token: (() => 'secret') as never };
    expect(() => connect('http://in-process', options)).toThrow(TypeError);
    expect(() => connect('http://in-process', options)).toThrow(/bearerToken\(provider\)/);
  });

  it('makes the subscribing call again after a memory-store server restarted, and receives what follows', async () => {
    let server = serverProcess();
    const gaps: EventGap[] = [];
    conn = connect('http://in-process', {
      fetch: (input, init) => server.router.fetch(new Request(input, init)),
      transport: 'long-poll',
      resubscribe: resubscribeCalls(),
      onGap: (gap) => void gaps.push(gap),
      backoff: { initial: 10, max: 50, jitter: 0 },
    });
    const events = recorder();
    expect(await tickerClient(conn).subscribe('AAPL', events)).toBe(1);
    server.publish(2);
    await until(() => events.seen.length === 2, 10_000);
    const first = conn.clientId;

    // The process restarts: a new memory store, a new Broadcast; the old one's parked poll ends.
    const old = server;
    server = serverProcess();
    await old.router.close();

    await until(() => server.subscribers.size === 1, 10_000);
    expect(gaps).toMatchObject([{ reason: 'expired', callbacks: [events] }]);
    expect(conn.clientId).not.toBe(first);
    server.publish(3);
    await until(() => events.seen.length === 5, 10_000);
    expect(events.seen).toEqual([
      'tick:AAPL:1',
      'tick:AAPL:2',
      'tick:AAPL:1',
      'tick:AAPL:2',
      'tick:AAPL:3',
    ]);
  });
});
