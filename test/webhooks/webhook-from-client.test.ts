// A subscribing client passes { url, secret } in place of a callback object (`webhookTarget`): the server's
// handler gets the stand-in of a webhook endpoint, whose events reach the receiver signed and in order.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { connect, webhookTarget, type ContractError } from '../../runtime/src/client/index.js';
import * as s from '../../runtime/src/schema/index.js';
import { createRouter, createWebhooks, defineService } from '../../runtime/src/server/index.js';
import { toNodeHandler } from '../../runtime/src/server/node/index.js';
import {
  listen,
  SECRET,
  TickEventsCallback,
  until,
  type TickEvents,
  stopAfterEach,
  tickReceiver,
} from './support.js';

const TickerService = s.service('Ticker', {
  subscribe: s.method([s.number(), s.callback(TickEventsCallback)], s.void()),
});

const { servers, stops } = stopAfterEach();

/** A Ticker server whose `subscribe(count, events)` sends `count` ticks to `events`. */
async function tickerServer(fromClients: boolean): Promise<string> {
  const router = createRouter({
    services: [
      defineService(TickerService, {
        subscribe: (count: number, events: TickEvents) => {
          for (let n = 1; n <= count; n++) events.tick(n, `tick ${n}`);
        },
      }),
    ],
    onError: () => {},
  });
  const webhooks = createWebhooks(router, {
    fromClients,
    urls: { allowHttp: true, allowPrivate: true },
  });
  stops.push(
    () => webhooks.close(),
    () => router.close(),
  );
  const server = createServer(toNodeHandler(router));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('webhooks: a caller passes { url, secret } for a callback', () => {
  it('gets the events at its receiver, signed, once each, in order', async () => {
    const { got, receiver } = tickReceiver();
    const { url, server } = await listen(receiver);
    servers.push(server);
    const conn = connect(await tickerServer(true));
    stops.push(() => conn.close());
    const events = webhookTarget<TickEvents>({ url, secret: SECRET });
    await conn.call(TickerService, 'subscribe', [50, events]);
    // The same subscription again: the same endpoint and queue, its seqs going on.
    await conn.call(TickerService, 'subscribe', [10, events]);
    await until(() => got.length >= 60);
    expect(got).toEqual([
      ...Array.from({ length: 50 }, (_, i) => i + 1),
      ...Array.from({ length: 10 }, (_, i) => i + 1),
    ]);
  });

  it('is refused with the path of a URL the policy refuses, and 501 by a server that takes none', async () => {
    const body = (url: string) => JSON.stringify([1, { $webhook: { url, secret: SECRET } }]);
    const post = (base: string, url: string) =>
      fetch(`${base}/Ticker/subscribe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body(url),
      });
    const taking = await tickerServer(true);
    const refused = await post(taking, 'ftp://example.com/hooks');
    expect([
      refused.status,
      ((await refused.json()) as { error: ContractError }).error,
    ]).toMatchObject([400, { code: 'BAD_ARGUMENT', path: 'args[1].$webhook.url' }]);
    const notTaking = await tickerServer(false);
    const off = await post(notTaking, 'https://example.com/hooks');
    expect([off.status, ((await off.json()) as { error: ContractError }).error.code]).toEqual([
      501,
      'NOT_IMPLEMENTED',
    ]);
  });
});
