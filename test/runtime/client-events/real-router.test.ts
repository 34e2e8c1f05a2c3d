// The client against the real server runtime (in process, no network): the
// behaviours a fake cannot vouch for — real gaps, real expiry, release hooks.
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Connection, type EventGap } from '../../../runtime/src/client/index.js';
import {
  Broadcast,
  createRouter,
  defineService,
  type EventOptions,
  type ReleasedCallback,
} from '../../../runtime/src/server/index.js';
import {
  recorder,
  tickerClient,
  TickerService,
  until,
  type TickerEvents,
} from './ticker-fixture.js';

const opened: Connection[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
});

function setup(events: EventOptions) {
  const subscribers = new Broadcast<TickerEvents>();
  const released: ReleasedCallback[] = [];
  const router = createRouter({
    events,
    onRelease: (r) => void released.push(r),
    services: [
      defineService(TickerService, {
        subscribe: (_symbol: string, e: TickerEvents) => subscribers.add(e).size,
        ping: () => 'pong',
      }),
    ],
  });
  let cut = false;
  const parked = new Set<(error: Error) => void>();
  // Over router.fetch, with a switch that fails polls (parked ones too) as a lost network would.
  const fetchVia: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    if (!request.url.includes('/_events')) return router.fetch(request);
    if (cut) return Promise.reject(new TypeError('network cut by the test'));
    return new Promise((resolve, reject) => {
      parked.add(reject);
      router
        .fetch(request)
        .then(resolve, reject)
        .finally(() => parked.delete(reject));
    });
  };
  const setCut = (on: boolean) => {
    cut = on;
    if (on) for (const reject of parked) reject(new TypeError('network cut by the test'));
  };
  const gaps: EventGap[] = [];
  const conn = connect('http://in-process', {
    fetch: fetchVia,
    onGap: (g) => gaps.push(g),
    backoff: { initial: 10, max: 40 },
  });
  opened.push(conn);
  const publish = (count: number) => {
    for (let n = 1; n <= count; n++) subscribers.tick('S', n, new Date(n));
    subscribers.done('S', count);
  };
  return { conn, ticker: tickerClient(conn), gaps, released, publish, setCut };
}

describe('client with the real server runtime', () => {
  it('reports an overflow gap once, exactly the dropped seqs, then delivers the rest in order', async () => {
    const { ticker, gaps, publish, setCut, conn } = setup({ maxQueue: 100 });
    const events = recorder();
    await ticker.subscribe('S', events);
    setCut(true);
    await until(() => conn.state === 'offline');
    publish(149); // 150 events into a queue of 100: seqs 1..50 are dropped
    setCut(false);
    await until(() => events.seen.includes('done:S:149'));
    expect(gaps).toEqual([{ reason: 'overflow', from: 1, to: 50, count: 50, callbacks: [] }]);
    expect(events.seen).toEqual([
      ...Array.from({ length: 99 }, (_, i) => `tick:S:${i + 51}`),
      'done:S:149',
    ]);
  });

  it('reports an expiry with the lost callbacks, and the server released them', async () => {
    const { ticker, gaps, released, setCut, conn } = setup({ ttl: 100 });
    const events = recorder();
    await ticker.subscribe('S', events);
    setCut(true);
    await until(() => released.length === 1);
    setCut(false);
    await until(() => gaps.length === 1);
    expect(gaps[0]).toMatchObject({
      reason: 'expired',
      from: 1,
      callbacks: [events],
      detail: 'expired',
    });
    expect(conn.clientId).toBeUndefined();
    expect(await ticker.subscribe('S', events)).toBe(1);
  });

  it('reports a client dropped under the close policy as expired, with the reason overflow', async () => {
    const { ticker, gaps, publish, setCut, conn } = setup({ maxQueue: 10, overflow: 'close' });
    await ticker.subscribe('S', recorder());
    setCut(true);
    await until(() => conn.state === 'offline');
    publish(20);
    setCut(false);
    await until(() => gaps.length === 1);
    expect(gaps[0]).toMatchObject({ reason: 'expired', detail: 'overflow' });
  });
});
