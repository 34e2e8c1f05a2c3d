// Webhooks on the Redis store: endpoints shared by two senders (each with its own store connection,
// as two processes have), one request in flight across them, and a sender that stops handing over.
import { expect, it } from 'vitest';
import { createRouter, createWebhooks } from '../../runtime/src/server/index.js';
import { redisStore } from '../../runtime/src/server/stores/redis/index.js';
import { createWebhookReceiver } from '../../runtime/src/webhooks/index.js';
import { describeWithRedis, redisPrefix, redisTarget } from '../stores/redis-target.js';
import {
  inFlightCounter,
  SECRET,
  stopAfterEach,
  tickReceiver,
  TickEventsCallback,
  until,
  type TickEvents,
} from './support.js';

const { stops } = stopAfterEach();

describeWithRedis('webhooks: two senders sharing a Redis store', () => {
  it('deliver each event once, in order, never two requests at once, and hand over when one stops', async () => {
    const { got, receiver } = tickReceiver();
    const { counter, deliverAs } = inFlightCounter(receiver);
    const prefix = redisPrefix('webhooks');
    const target = { url: 'https://receiver.example/hooks', secret: SECRET };
    const start = (who: string) => {
      const router = createRouter({
        services: [],
        events: { store: redisStore({ redis: redisTarget.url, prefix }), ttl: 600_000 },
      });
      const webhooks = createWebhooks(router, { maxBatch: 10, fetch: deliverAs(who) });
      stops.push(
        () => webhooks.close(),
        () => router.close(),
      );
      return webhooks;
    };
    const first = start('first');
    const second = start('second');
    const hook = await first.endpoint<TickEvents>('shared', TickEventsCallback, target);
    // The other process registers the same name: the same queue, found in Redis.
    const other = await second.endpoint<TickEvents>('shared', TickEventsCallback, target);
    for (let n = 1; n <= 150; n++) hook.tick(n, 't');
    await first.flush();
    for (let n = 151; n <= 300; n++) other.tick(n, 't');
    await second.flush();
    await until(() => got.length >= 100, 60_000, '100 events');
    await first.close();
    await until(() => got.length >= 300, 60_000, 'all 300 events');
    expect(got).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(counter.most).toBe(1);
    expect(counter.senders.has('second')).toBe(true);
  });

  it('a restarted sender finds its endpoint and what is left of its queue', async () => {
    const got: number[] = [];
    const receiver = createWebhookReceiver(
      TickEventsCallback,
      { tick: (n: number) => void got.push(n) },
      { secret: SECRET },
    );
    let up = false;
    const fetchTo: typeof fetch = (url, init) =>
      up
        ? receiver.fetch(new Request(url, init))
        : Promise.resolve(new Response(null, { status: 503 }));
    const prefix = redisPrefix('webhooks-restart');
    const target = { url: 'https://receiver.example/hooks', secret: SECRET };
    const start = () => {
      const router = createRouter({
        services: [],
        events: { store: redisStore({ redis: redisTarget.url, prefix }), ttl: 600_000 },
      });
      const webhooks = createWebhooks(router, {
        fetch: fetchTo,
        retry: { firstMs: 10, maxMs: 50 },
      });
      return { router, webhooks };
    };
    const before = start();
    const hook = await before.webhooks.endpoint<TickEvents>('kept', TickEventsCallback, target);
    for (let n = 1; n <= 50; n++) hook.tick(n, 't');
    await before.webhooks.flush();
    await before.webhooks.close();
    await before.router.close();
    up = true;
    const after = start();
    stops.push(
      () => after.webhooks.close(),
      () => after.router.close(),
    );
    const again = await after.webhooks.endpoint<TickEvents>('kept', TickEventsCallback, target);
    again.tick(51, 't');
    await until(() => got.length >= 51, 60_000, 'all 51 events');
    expect(got).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
  });
});
