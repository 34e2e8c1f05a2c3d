import { afterEach, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { memoryStore } from '../../runtime/src/server/index.js';
import { createWebhookReceiver } from '../../runtime/src/webhooks/index.js';
import {
  close,
  listen,
  SECRET,
  sender,
  TickEventsCallback,
  until,
  type TickEvents,
} from './support.js';

let servers: Server[] = [];
let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops) await stop();
  for (const server of servers) await close(server);
  servers = [];
  stops = [];
});

describe('webhooks: delivery', () => {
  it('delivers every event once, in order, in batches', async () => {
    const got: number[] = [];
    const receiver = createWebhookReceiver(
      TickEventsCallback,
      { tick: (n: number) => void got.push(n) },
      { secret: SECRET },
    );
    const { url, server } = await listen(receiver);
    servers.push(server);
    const { router, webhooks } = sender(memoryStore());
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
