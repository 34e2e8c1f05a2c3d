// Moving a live client between WebSocket and long polling mid-stream: the
// fallback rule of `transport: 'auto'` (the upgrade fails twice in a row)
// sends it to long polling, a probe after `socketRetry` brings it back, and
// the application sees every event of the stream exactly once, in order.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  burst,
  open,
  recorder,
  socketControl,
  startWsServer,
  until,
  type WsServer,
} from './ws-fixture.js';

let server: WsServer;

beforeAll(async () => {
  server = await startWsServer({ maxQueue: 100_000 });
});

afterAll(() => server.close());

it('switches WebSocket → long polling → WebSocket mid-stream, losing and repeating nothing', async () => {
  const control = socketControl();
  const { conn, ticker } = open(server.url, {
    transport: 'auto',
    WebSocket: control.WebSocket,
    socketRetry: 300,
    backoff: { initial: 10, max: 50 },
  });
  const transports: string[] = [conn.transport];
  conn.onState(() => {
    if (transports.at(-1) !== conn.transport) transports.push(conn.transport);
  });
  const events = recorder();
  const symbol = `switch-${Date.now()}`;
  await ticker.subscribe(symbol, events);
  await until(() => control.made[0]?.readyState === 1, 'socket open');

  // The stream: 60 bursts of 200 ticks and a done, one every 10 ms, from another client.
  const publisher = open(server.url, { transport: 'long-poll' });
  const rounds = 60;
  const stream = (async () => {
    for (let i = 0; i < rounds; i++) {
      await publisher.ticker.publish(symbol, 200);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();

  await until(() => events.seen.length >= 2_000, 'events over WebSocket');
  control.block = true; // new sockets fail to upgrade...
  control.made.at(-1)?.terminate(); // ...and the open one dies
  await until(() => conn.transport === 'long-poll', 'fallback to long polling');
  const onPolling = events.seen.length;
  await until(() => events.seen.length >= onPolling + 1_000, 'events over long polling');
  control.block = false;
  await until(() => conn.transport === 'websocket', 'back to WebSocket');
  await stream;
  const expected = Array.from({ length: rounds }, () => burst(200)).flat();
  await until(() => events.seen.length >= expected.length, 'the whole stream');
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(events.seen).toEqual(expected);
  expect(transports).toEqual(['websocket', 'long-poll', 'websocket']);
  await Promise.all([conn.close(), publisher.conn.close()]);
});
