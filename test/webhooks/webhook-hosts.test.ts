// The generated receiver mounted with the hosts' glue: node:http (toNodeHandler) and Express.
import express from 'express';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createExpressMiddleware } from '../../runtime/src/server/hosts/express/index.js';
import { memoryStore } from '../../runtime/src/server/index.js';
import {
  SECRET,
  sender,
  TickEventsCallback,
  until,
  type TickEvents,
  stopAfterEach,
  tickReceiver,
} from './support.js';

const { servers, stops } = stopAfterEach();

describe('webhooks: a receiver inside an Express app', () => {
  it('answers under its base and leaves the app its own routes', async () => {
    const { got, receiver } = tickReceiver({ base: '/hooks' });
    const app = express();
    app.use(createExpressMiddleware(receiver));
    app.get('/hello', (_req, res) => void res.send('hello'));
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { router, webhooks } = sender(memoryStore());
    stops.push(
      () => webhooks.close(),
      () => router.close(),
    );
    const hook = await webhooks.endpoint<TickEvents>('express', TickEventsCallback, {
      url: `${origin}/hooks/ticks`,
      secret: SECRET,
    });
    for (let n = 1; n <= 20; n++) hook.tick(n, 't');
    await until(() => got.length >= 20);
    expect(got).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await (await fetch(`${origin}/hello`)).text()).toBe('hello');
    const unsigned = await fetch(`${origin}/hooks/ticks`, { method: 'POST', body: '{}' });
    expect(unsigned.status).toBe(401);
  });
});
