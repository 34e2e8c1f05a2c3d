import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../runtime/src/server/index.js';
import { webhookFetch } from '../../runtime/src/server/node/index.js';
import {
  listen,
  SECRET,
  sender,
  TickEventsCallback,
  until,
  type TickEvents,
  stopAfterEach,
  tickReceiver,
} from './support.js';

const { servers, stops } = stopAfterEach();

describe('webhooks: delivery', () => {
  it.each([
    ['the global fetch', undefined],
    ['webhookFetch (node:http)', webhookFetch()],
  ])('delivers every event once, in order, in batches, with %s', async (_name, fetcher) => {
    const { got, receiver } = tickReceiver();
    const { url, server } = await listen(receiver);
    servers.push(server);
    const { router, webhooks } = sender(
      memoryStore(),
      fetcher === undefined ? {} : { fetch: fetcher },
    );
    stops.push(
      () => webhooks.close(),
      () => router.close(),
    );
    const hook = await webhooks.endpoint<TickEvents>('ticks', TickEventsCallback, {
      url,
      secret: SECRET,
    });
    for (let i = 1; i <= 500; i++) hook.tick(i, `t${i}`);
    await until(() => got.length >= 500);
    expect(got).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
  });
});
