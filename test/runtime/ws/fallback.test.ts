// Transport selection: `auto` falls back to long polling against a server
// without the WebSocket endpoint and still delivers; `websocket` without a
// WebSocket is refused at connect; the connection reports its transport.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { connect, connectInProcess } from '@contract-gen/runtime/client';
import { createRouter } from '@contract-gen/runtime/server';
import { createServer, type ListeningServer } from '@contract-gen/runtime/server/node';
import { tickerHandlers } from '../../../conformance/generated/ticker.server.js';
import { tickerClient } from '../../../conformance/generated/ticker.client.js';
import { createTickerService } from '../../../conformance/ticker-service.js';
import { burst, recorder, until } from './ws-fixture.js';

let server: ListeningServer;

beforeAll(async () => {
  server = await createServer({
    services: [tickerHandlers(createTickerService())],
    webSocket: false,
  }).listen(0);
});

afterAll(() => server.close());

it('auto falls back to long polling when the upgrade fails twice, and delivers everything', async () => {
  const conn = connect(server.url, {
    WebSocket,
    backoff: { initial: 10, max: 20 },
    socketRetry: 60_000,
  });
  expect(conn.transport).toBe('websocket');
  const seen: string[] = [];
  conn.onState((state) => seen.push(`${state} ${conn.transport}`));
  const ticker = tickerClient(conn);
  const events = recorder();
  await ticker.subscribe('FB', events);
  await until(() => conn.transport === 'long-poll', 'fallback');
  await ticker.publish('FB', 500);
  await until(() => events.seen.length >= 501, 'the burst');
  expect(events.seen).toEqual(burst(500));
  // Listeners hear of the switch. Each failed upgrade was followed by an HTTP probe the server
  // answered, so the connection was never taken for offline (calls went over HTTP meanwhile).
  expect(seen).toContain('online long-poll');
  expect(seen.filter((s) => s.startsWith('offline'))).toEqual([]);
  expect(conn.state).toBe('online');
  await conn.close();
});

it('websocket without a WebSocket is a TypeError at connect; polling transports need none', () => {
  expect(() => connect(server.url, { transport: 'websocket' })).toThrow(TypeError);
  const router = createRouter({ services: [tickerHandlers(createTickerService())] });
  expect(() => connectInProcess(router, { transport: 'websocket' })).toThrow(TypeError);
  expect(connectInProcess(router).transport).toBe('long-poll');
  expect(connect(server.url, { transport: 'poll', WebSocket }).transport).toBe('poll');
  expect(connect(server.url, { events: 'poll', WebSocket }).transport).toBe('poll');
  void router.close();
});
