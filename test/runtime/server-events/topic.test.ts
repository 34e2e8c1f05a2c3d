import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import * as s from '../../../runtime/src/schema/index.js';
import { createRouter, defineService, type Topic } from '../../../runtime/src/server/index.js';
import {
  harness,
  TickerEventsCallback,
  TickerService,
  createTicker,
  type Harness,
  type TickerEvents,
} from './fixture.js';

let h: Harness;
afterEach(() => h?.router.close());

/** A harness and `count` clients, each subscribed with callback 3 (the stand-ins are in h.ticker.received). */
async function clients(count: number): Promise<string[]> {
  h = harness();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const client = await h.open();
    await h.call('subscribe', '["AAPL", {"$cb": 3}]', client);
    ids.push(client);
  }
  return ids;
}

describe('router.topic', () => {
  it("sends one event per member, as the member's own callback, encoded with the interface's schemas", async () => {
    const [a, b] = await clients(2);
    const topic = h.router.topic<TickerEvents>(TickerEventsCallback, 'ticks:AAPL');
    for (const standIn of h.ticker.received) expect(await topic.add(standIn)).toBe(true);
    expect(await topic.add(h.ticker.received[0]!)).toBe(true); // already a member: still one
    expect(await topic.size()).toBe(2);
    topic.tick('AAPL', 1, new Date(Date.UTC(2024, 4, 1)));
    topic.done('AAPL', 1);
    for (const client of [a, b]) {
      expect((await h.poll(client)).json).toEqual({
        events: [
          { seq: 1, cb: 3, method: 'tick', args: ['AAPL', 1, '2024-05-01T00:00:00.000Z'] },
          { seq: 2, cb: 3, method: 'done', args: ['AAPL', 1] },
        ],
      });
    }
    expect(topic.name).toBe('ticks:AAPL');
    // The same name is the same topic, however many objects stand for it.
    expect(await h.router.topic(TickerEventsCallback, 'ticks:AAPL').size()).toBe(2);
  });

  it('loses members whose callback is released or whose client closes; a released stand-in does not join', async () => {
    const [a, b] = await clients(2);
    const topic = h.router.topic<TickerEvents>(TickerEventsCallback, 'ticks');
    const [first, second] = h.ticker.received as [TickerEvents, TickerEvents];
    await topic.add(first);
    await topic.add(second);
    await h.post('_release', '[3]', a);
    expect(await topic.size()).toBe(1);
    expect(await topic.add(first)).toBe(false);
    expect(await topic.size()).toBe(1);
    await h.post('_close', '', b);
    expect(await topic.size()).toBe(0);
    expect(await topic.delete(second)).toBe(false);
  });

  it('delete removes a member', async () => {
    const [client] = await clients(1);
    const topic = h.router.topic<TickerEvents>(TickerEventsCallback, 'ticks');
    const [standIn] = h.ticker.received as [TickerEvents];
    await topic.add(standIn);
    expect(await topic.delete(standIn)).toBe(true);
    topic.done('AAPL', 0);
    expect((await h.poll(client)).json).toEqual({ events: [] });
  });

  it('refuses what is not a stand-in of its interface from this router, with a TypeError', async () => {
    await clients(1);
    const [standIn] = h.ticker.received as [TickerEvents];
    const topic = h.router.topic<TickerEvents>(TickerEventsCallback, 'ticks');
    await expect(topic.add({ tick() {}, done() {} })).rejects.toThrow(/use a Broadcast/);
    const NewsEvents = s.callbackInterface('NewsEvents', { story: [s.string()] });
    await expect(h.router.topic<TickerEvents>(NewsEvents, 'news').add(standIn)).rejects.toThrow(
      'takes NewsEvents callbacks, not TickerEvents',
    );
    const other = createRouter({
      services: [defineService(TickerService, createTicker().handlers)],
    });
    await expect(
      other.topic<TickerEvents>(TickerEventsCallback, 'ticks').add(standIn),
    ).rejects.toThrow(TypeError);
    await other.close();
    expect(() => h.router.topic(TickerEventsCallback, '')).toThrow(TypeError);
  });

  it('reports arguments the wire cannot carry to onError and sends nothing', async () => {
    const [client] = await clients(1);
    const topic = h.router.topic<TickerEvents>(TickerEventsCallback, 'ticks');
    await topic.add(h.ticker.received[0]!);
    (topic.tick as (...args: unknown[]) => void)('AAPL', 1, 'not a date');
    expect(h.faults).toHaveLength(1);
    expect((await h.poll(client)).json).toEqual({ events: [] });
  });

  it('is never thenable, and its own names win over callback methods of the same name', async () => {
    h = harness();
    const Odd = s.callbackInterface('Odd', { then: [s.number()], size: [s.number()], ping: [] });
    const topic = h.router.topic<{ then(n: number): void; size(n: number): void; ping(): void }>(
      Odd,
      'odd',
    );
    // eslint-disable-next-line @typescript-eslint/await-thenable -- awaiting a non-thenable is the test: await must give the topic itself back
    expect(await topic).toBe(topic);
    expect(await topic.size()).toBe(0);
    expect(typeof (topic as unknown as { ping: unknown }).ping).toBe('function');
  });

  it('is refused when the event channel is off', () => {
    const router = createRouter({
      services: [defineService(TickerService, createTicker().handlers)],
      events: false,
    });
    expect(() => router.topic(TickerEventsCallback, 'ticks')).toThrow(/turned off/);
  });

  it("has the interface's methods and the set's own names, typed", () => {
    expectTypeOf<Topic<TickerEvents>['tick']>().toEqualTypeOf<
      (symbol: string, n: number, at: Date) => void
    >();
    expectTypeOf<Topic<TickerEvents>['add']>().toEqualTypeOf<
      (member: TickerEvents) => Promise<boolean>
    >();
    expectTypeOf<Topic<TickerEvents>['size']>().toEqualTypeOf<() => Promise<number>>();
  });
});
