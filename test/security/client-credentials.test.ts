// The client runtime against a secured server: its token provider is asked
// once, and again only after a 401, without the client losing its id or an
// event; the token rides on the WebSocket upgrade too; and a client that
// became another principal's (a different user signed in) starts afresh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  bearerToken,
  connect,
  type ConnectOptions,
  type EventGap,
} from '@contract-gen/runtime/client';
import type { TickerEvents } from '../../conformance/contracts/ticker.js';
import { tickerClient } from '../../conformance/generated/ticker.client.js';
import { Harness } from './harness.js';
import { maxWait, startSecuredServer, type SecuredServer } from './security-fixture.js';

let server: SecuredServer;
let h: Harness;
beforeAll(async () => {
  server = await startSecuredServer();
  h = new Harness(server, 'node:http');
});
afterAll(() => server.listening.close());

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function recorder(): TickerEvents & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    tick: (_s, n) => void seen.push(`tick ${n}`),
    done: (_s, total) => void seen.push(`done ${total}`),
  };
}

const publish = async (symbol: string, count: number): Promise<void> =>
  expect((await h.call('root', 'publish', [symbol, count])).status).toBe(200);

describe.each([
  ['long polling', { transport: 'long-poll' }],
  [
    'WebSocket',
    {
      transport: 'websocket',
      WebSocket: WebSocket as unknown as NonNullable<ConnectOptions['WebSocket']>,
    },
  ],
] as const)('a token provider over %s', (_, transport) => {
  it('is asked once, then again after the token expires; the client keeps its id and every event', async () => {
    const symbol = `TOKEN-${transport.transport}`;
    const issued: string[] = [];
    let next = 'ann-2';
    server.revoked.delete('ann-2');
    const conn = connect(server.listening.url, {
      ...transport,
      wait: maxWait,
      token: bearerToken(() => (issued.push(next), next)),
    });
    const events = recorder();
    const before = server.callers.length;
    await tickerClient(conn).subscribe(symbol, events);
    expect(server.callers.slice(before)).toEqual(['ann']); // the principal of the token reached the handler
    const id = conn.clientId;
    await publish(symbol, 2);
    await until(() => events.seen.length === 3);
    server.revoked.add('ann-2');
    next = 'ann';
    // Every transport meets the expired token: a poll, a call over HTTP, a call over the socket (its hook run answers
    // 401, the client sends it again over HTTP, and the server closes the socket, which comes back with a fresh token).
    await tickerClient(conn).subscribers(symbol);
    await publish(symbol, 2);
    await until(() => events.seen.length === 6);
    expect(events.seen).toEqual(['tick 1', 'tick 2', 'done 2', 'tick 1', 'tick 2', 'done 2']);
    expect(conn.clientId).toBe(id);
    expect(issued[0]).toBe('ann-2');
    await conn.close();
  });
});

describe('a connection whose user changes', () => {
  it("finds its client is now another principal's (403 FOREIGN_CLIENT), reports the loss and opens a fresh client", async () => {
    let token = 'ann';
    const gaps: EventGap[] = [];
    const conn = connect(server.listening.url, {
      transport: 'long-poll',
      wait: maxWait,
      headers: () => ({ authorization: `Bearer ${token}` }),
      onGap: (gap) => void gaps.push(gap),
    });
    const events = recorder();
    await tickerClient(conn).subscribe('SWITCH', events);
    const anns = conn.clientId;
    token = 'bob'; // another user signs in on this page
    await until(() => gaps.length === 1);
    expect(gaps[0]).toMatchObject({ reason: 'expired', callbacks: [events] });
    await tickerClient(conn).subscribe('SWITCH', events);
    expect(conn.clientId).not.toBe(anns);
    await publish('SWITCH', 1);
    await until(() => events.seen.length >= 2);
    expect((await h.poll('bob', conn.clientId as string)).status).toBe(200); // bob's now
    await conn.close();
  });
});
