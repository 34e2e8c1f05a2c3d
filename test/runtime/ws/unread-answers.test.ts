// A reader that sends calls but stops reading their answers must not make
// the server buffer without bound (issue 18: 400 unread echoes held 107 MiB):
// past the high-water mark calls are answered SLOW_READER, and a reader that
// still does not drain is dropped with close code 4429.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startWsServer, until, type WsServer } from './ws-fixture.js';

const HIGH_WATER = 64 * 1024;
let server: WsServer;

beforeAll(async () => {
  server = await startWsServer({}, { highWater: HIGH_WATER });
});

afterAll(() => server.close());

const sample = (text: string) => ({
  text,
  count: 1,
  big: '1',
  at: '2024-01-01T00:00:00.000Z',
  bytes: '',
  tags: [],
  kind: 'a',
  pair: ['p', 1],
  attrs: {},
});

it('unread answers stay within the high-water mark plus one answer, the rest are refused SLOW_READER, and a reader that never drains is dropped', async () => {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/_ws`);
  const frames: string[] = [];
  ws.on('message', (data) => frames.push((data as Buffer).toString('utf8')));
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ type: 'hello' }));
  await until(() => frames.length === 1, 'welcome');
  const call = (id: number, text: string) =>
    ws.send(
      JSON.stringify({ type: 'call', id, service: 'Ticker', method: 'echo', args: [sample(text)] }),
    );
  call(1, 'small');
  await until(() => frames.length === 2, 'an answer while reading');
  expect(frames[1]).toContain('"status":200');
  ws.pause();

  const serverSocket = [...server.sockets][0] as import('node:net').Socket;
  const answerBytes = 100 * 1024;
  let most = 0;
  // 600 echoes of 100 KiB: about 60 MiB if every answer were kept.
  for (let id = 2; id < 602; id++) {
    call(id, 'x'.repeat(answerBytes));
    if (id % 20 === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      most = Math.max(most, serverSocket.writableLength);
    }
  }
  // The reader never drains: the server gives up on it. Resume to see the close frame and what was sent.
  const code = await Promise.race([
    closed,
    until(() => serverSocket.destroyed, 'the server drops the socket', 30_000).then(() => 0),
  ]);
  expect([0, 4429, 1006]).toContain(code);
  expect(most).toBeGreaterThan(HIGH_WATER / 2);
  // The high-water mark, one answer past it, and small refusals (each under 300 bytes).
  expect(most).toBeLessThanOrEqual(HIGH_WATER + answerBytes + 1024 + 300 * 300);
  ws.resume();
});

it('the server answers afterwards: a new socket is welcomed and its call answered', async () => {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/_ws`);
  const frames: string[] = [];
  ws.on('message', (data) => frames.push((data as Buffer).toString('utf8')));
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ type: 'hello' }));
  await until(() => frames.length === 1, 'welcome');
  ws.send(JSON.stringify({ type: 'call', id: 1, service: 'Ticker', method: 'add', args: [1, 2] }));
  await until(() => frames.length === 2, 'the answer');
  expect(JSON.parse(frames[1] as string)).toMatchObject({
    type: 'answer',
    id: 1,
    status: 200,
    result: 3,
  });
  ws.close();
});
