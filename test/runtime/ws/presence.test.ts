// Presence (issue 19): a client whose socket is cut without a close frame (the server's side of the TCP
// connection destroyed, as a failing network would) triggers the server's onDisconnect hook once its
// grace has passed, and onReconnect when it comes back; expiry is separate and still releases at ttl.
import { afterEach, describe, expect, it } from 'vitest';
import type { PresenceClient } from '@contract-gen/runtime/server';
import {
  open,
  recorder,
  socketControl,
  startWsServer,
  until,
  type WsServer,
} from './ws-fixture.js';

const GRACE = 1_000;
const TTL = 6_000;

let server: WsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Heard {
  readonly hook: 'disconnect' | 'reconnect';
  readonly client: string;
  readonly at: number;
}

describe('presence hooks', () => {
  it('fires onDisconnect after the grace when a socket is cut, onReconnect when it returns; expiry still releases at ttl', async () => {
    const heard: Heard[] = [];
    const log = (hook: Heard['hook']) => (who: PresenceClient) =>
      void heard.push({ hook, client: who.client, at: Date.now() });
    server = await startWsServer({
      ttl: TTL,
      presence: { grace: GRACE, onDisconnect: log('disconnect'), onReconnect: log('reconnect') },
    });
    const control = socketControl();
    // A cut network fails HTTP too (the client probes over HTTP when an upgrade fails: a reachable
    // server is not a reason to give up on the socket, and a client that still talks counts as present).
    const cutFetch: typeof fetch = (input, init) =>
      control.block
        ? Promise.reject(new TypeError('fetch failed: network cut'))
        : fetch(input, init);
    const { conn, ticker } = open(server.url, {
      transport: 'websocket',
      WebSocket: control.WebSocket,
      fetch: cutFetch,
      backoff: { initial: 50, max: 200, jitter: 0 },
      onGap: () => undefined,
    });
    const events = recorder();
    await ticker.subscribe('AAPL', events);
    await until(() => conn.transport === 'websocket' && server!.sockets.size === 1, 'socket up');
    const client = conn.clientId!;

    // Cut: no close frame, no new socket and no HTTP request gets through.
    control.block = true;
    const cut = Date.now();
    for (const socket of server.sockets) socket.destroy();
    await until(() => heard.length === 1, 'onDisconnect', 15_000);
    const away = heard[0]!;
    expect(away).toMatchObject({ hook: 'disconnect', client });
    // Not before the grace; within grace + 1 s on an idle machine (a generous bound here: the figure is printed).
    console.log(`presence: onDisconnect ${away.at - cut} ms after the cut (grace ${GRACE} ms)`);
    expect(away.at - cut).toBeGreaterThanOrEqual(GRACE);
    expect(away.at - cut).toBeLessThan(GRACE + 1_000 + 5_000);
    // Away is not expired: the subscription stays (asked by another client: this one is cut off).
    const other = open(server.url, { transport: 'long-poll' });
    expect(await other.ticker.subscribers('AAPL')).toBe(1);

    // Back: the socket gets through again.
    control.block = false;
    await until(() => heard.length === 2, 'onReconnect', 15_000);
    expect(heard[1]).toMatchObject({ hook: 'reconnect', client });
    await ticker.publish('AAPL', 2);
    await until(() => events.seen.length === 3, 'events after the return');

    // Cut for good: disconnect again, then expiry releases the subscription at ttl (release hooks run).
    control.block = true;
    const lost = Date.now();
    for (const socket of server.sockets) socket.destroy();
    await until(() => heard.length === 3, 'second onDisconnect', 15_000);
    expect(heard[2]).toMatchObject({ hook: 'disconnect', client });
    for (;;) {
      if ((await other.ticker.subscribers('AAPL')) === 0) break;
      expect(Date.now() - lost).toBeLessThan(TTL + 20_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    console.log(
      `presence: released by expiry ${Date.now() - lost} ms after the cut (ttl ${TTL} ms)`,
    );
    // The socket refreshed the client four times per ttl, so it expires 3/4 ttl to ttl (+1 s sweep) after the cut.
    expect(Date.now() - lost).toBeGreaterThanOrEqual(TTL * 0.7);
    // No reconnect hook for an expired client.
    expect(heard).toHaveLength(3);
    await conn.close();
    await other.conn.close();
  }, 120_000);
});
