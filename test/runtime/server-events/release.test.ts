import { afterEach, describe, expect, it } from 'vitest';
import * as s from '../../../runtime/src/schema/index.js';
import {
  defineService,
  isReleased,
  onReleased,
  type ReleasedCallback,
} from '../../../runtime/src/server/index.js';
import { createTicker, harness, TickerService, type Harness } from './fixture.js';

let h: Harness;
afterEach(() => h?.router.close());

/** A client with callbacks 3 (AAPL) and 4 (MSFT) subscribed. */
async function twoSubscriptions(options = {}): Promise<string> {
  h = harness(options);
  const client = await h.open();
  await h.call('subscribe', '["AAPL", {"$cb": 3}]', client);
  await h.call('subscribe', '["MSFT", {"$cb": 4}]', client);
  return client;
}

describe('stand-ins', () => {
  it('are the same object for the same (client, id), so a repeated subscribe does not count twice', async () => {
    const client = await twoSubscriptions();
    expect((await h.call('subscribe', '["AAPL", {"$cb": 3}]', client)).json).toEqual({ result: 1 });
    expect(h.ticker.received[2]).toBe(h.ticker.received[0]);
    const other = await h.open();
    expect((await h.call('subscribe', '["AAPL", {"$cb": 3}]', other)).json).toEqual({ result: 2 });
    expect(h.ticker.received[3]).not.toBe(h.ticker.received[0]);
  });
});

describe('a callback id used for two interfaces', () => {
  it('is refused with BAD_ARGUMENT', async () => {
    const NewsEvents = s.callbackInterface('NewsEvents', { story: [s.string()] });
    const News = s.service('News', { follow: s.method([s.callback(NewsEvents)], s.void()) });
    h = harness({
      services: [
        defineService(TickerService, createTicker().handlers),
        defineService(News, { follow() {} }),
      ],
    });
    const client = await h.open();
    await h.call('subscribe', '["AAPL", {"$cb": 3}]', client);
    const answer = await h.call('follow', '[{"$cb": 3}]', client, 'News');
    expect(answer).toMatchObject({
      status: 400,
      json: {
        error: {
          code: 'BAD_ARGUMENT',
          message: expect.stringContaining('TickerEvents, not a NewsEvents') as unknown,
        },
      },
    });
  });
});

describe('POST _release', () => {
  it('releases the stand-ins: listeners and onRelease run, Broadcasts drop them, later calls are ignored', async () => {
    const client = await twoSubscriptions();
    const [aapl, msft] = h.ticker.received as [object, object];
    const heard: ReleasedCallback[] = [];
    onReleased(aapl, (r) => heard.push(r));
    expect((await h.post('_release', '[3, 99]', client)).json).toEqual({ result: null });
    const expected = {
      client,
      callback: 3,
      interface: 'TickerEvents',
      reason: 'released',
      standIn: aapl,
    };
    expect(heard).toEqual([expected]);
    expect(h.released).toEqual([expected]);
    expect(isReleased(aapl)).toBe(true);
    expect(isReleased(msft)).toBe(false);
    expect((await h.call('subscribers', '["AAPL"]')).json).toEqual({ result: 0 });
    expect((await h.call('publish', '["AAPL", 2]')).json).toEqual({ result: 0 });
    (aapl as { tick(...args: unknown[]): void }).tick('AAPL', 1, new Date());
    expect((await h.poll(client)).json).toEqual({ events: [] });
  });

  it('ignores ids it does not know and a repeated release, running the hooks once', async () => {
    const client = await twoSubscriptions();
    await h.post('_release', '[4]', client);
    await h.post('_release', '[4, 7]', client);
    expect(h.released.map((r) => r.callback)).toEqual([4]);
  });

  it('registers an id again after its release, as a new stand-in', async () => {
    const client = await twoSubscriptions();
    await h.post('_release', '[3]', client);
    expect((await h.call('subscribe', '["AAPL", {"$cb": 3}]', client)).json).toEqual({ result: 1 });
    expect(h.ticker.received[2]).not.toBe(h.ticker.received[0]);
  });

  it.each([
    ['not JSON', '[3,', 400],
    ['not an array', '{"ids":[3]}', 400],
    ['a negative id', '[3, -1]', 400],
    ['a string id', '["3"]', 400],
  ])('refuses a body that is %s', async (_name, body, status) => {
    const client = await twoSubscriptions();
    expect(await h.post('_release', body, client)).toMatchObject({
      status,
      json: { error: { code: 'BAD_REQUEST' } },
    });
    expect(h.released).toEqual([]);
  });

  it('needs a live client', async () => {
    h = harness();
    expect((await h.post('_release', '[1]')).status).toBe(400);
    expect((await h.post('_release', '[1]', 'AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(410);
  });
});

describe('POST _close', () => {
  it('releases every callback (reason closed), drops the queue, and the id is refused afterwards', async () => {
    const client = await twoSubscriptions();
    await h.call('publish', '["AAPL", 5]');
    expect((await h.post('_close', '', client)).json).toEqual({ result: null });
    expect(h.released.map((r) => [r.callback, r.reason])).toEqual([
      [3, 'closed'],
      [4, 'closed'],
    ]);
    expect((await h.call('subscribers', '["MSFT"]')).json).toEqual({ result: 0 });
    for (const answer of [
      await h.poll(client),
      await h.post('_close', '', client),
      await h.call('ping', '[]', client),
    ]) {
      expect(answer).toMatchObject({
        status: 410,
        json: { error: { code: 'UNKNOWN_CLIENT', details: { reason: 'closed' } } },
      });
    }
  });

  it('reports a throwing release hook to onError and still releases everything', async () => {
    const client = await twoSubscriptions({
      onRelease: () => {
        throw new Error('hook failed');
      },
    });
    await h.post('_close', '', client);
    expect(h.faults).toHaveLength(2);
    expect((await h.call('subscribers', '["AAPL"]')).json).toEqual({ result: 0 });
  });
});
