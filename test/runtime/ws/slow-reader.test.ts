// A client that stops reading its socket must not make the server buffer
// without bound: the pump stops at the socket's high-water mark, the rest
// waits in the queue under its bound (drop-oldest here), and when the client
// reads again it is told exactly what was dropped.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { open, startWsServer, until, type WsServer } from './ws-fixture.js';

const HIGH_WATER = 256 * 1024;
let server: WsServer;

beforeAll(async () => {
  // A window far beyond the queue: only the high-water mark stops the pump.
  server = await startWsServer({ maxQueue: 5_000 }, { highWater: HIGH_WATER, window: 1_000_000 });
});

afterAll(() => server.close());

it('a slow reader costs the server at most the high-water mark plus a frame, and learns the gap', async () => {
  const symbol = `slow-${Date.now()}`;
  // A raw socket: a new client (hello without one), a subscription by a call frame, then it stops reading.
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/_ws`);
  const frames: string[] = [];
  // Text frames, as ws hands them with its default binaryType ('nodebuffer'): a Buffer.
  ws.on('message', (data) => frames.push((data as Buffer).toString('utf8')));
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ type: 'hello' }));
  await until(() => frames.length === 1, 'welcome');
  ws.send(
    JSON.stringify({
      type: 'call',
      id: 1,
      service: 'Ticker',
      method: 'subscribe',
      args: [symbol, { $cb: 1 }],
    }),
  );
  await until(() => frames.length === 2, 'subscribed');
  expect(frames[1]).toBe('{"type":"answer","id":1,"status":200,"result":1}');
  ws.pause();

  const serverSocket = [...server.sockets][0] as import('node:net').Socket;
  const publisher = open(server.url, { transport: 'long-poll' });
  let most = 0;
  const frameBytes = 262_144 + 100; // a frame: at most maxBatchChars of event text, and its envelope
  for (let i = 0; i < 40; i++) {
    // Recreate the subscription's reach each round: 5,000 events, ~0.5 MB, 20 MB in all.
    await publisher.ticker.publish(symbol, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 5));
    most = Math.max(most, serverSocket.writableLength);
  }
  // The socket did fill (the bound was reached, not merely never approached), and stayed under it.
  expect(most).toBeGreaterThan(HIGH_WATER / 2);
  expect(most).toBeLessThanOrEqual(HIGH_WATER + frameBytes);

  ws.resume();
  const last = 40 * 5_001;
  await until(
    () => frames.some((f) => f.includes(`"seq":${last},`)) || acked(ws, frames, last),
    'the last event after resuming',
    20_000,
  );
  const gaps = frames.filter((f) => f.includes('"gap"'));
  expect(gaps.length).toBeGreaterThan(0);
  ws.close();
  await publisher.conn.close();
});

/** Acknowledges what arrived so far (the pump sends a window ahead of the acks); whether `last` is in. */
function acked(ws: WebSocket, frames: readonly string[], last: number): boolean {
  const tail = frames.at(-1) ?? '';
  const seqs = [...tail.matchAll(/"seq":(\d+)/g)].map((m) => Number(m[1]));
  const top = Math.max(0, ...seqs);
  if (top > 0) ws.send(JSON.stringify({ type: 'ack', seq: top }));
  return top >= last;
}
