// A body nested past maxDepth is refused at the chunk that passes the limit
// and the rest of the upload is not read (issue 18): the server answers 400
// TOO_DEEP and closes the connection, having read about 128 KiB of a 1 MiB
// upload (a body read whole and then scanned would show 1 MiB).
import { createServer as createHttpServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRouter } from '@contract-gen/runtime/server';
import { toNodeHandler } from '@contract-gen/runtime/server/node';
import { tickerHandlers } from '../../conformance/generated/ticker.server.js';
import { createTickerService } from '../../conformance/ticker-service.js';

const MiB = 1 << 20;
let server: Server;
let port: number;
/** The server's side of every connection, to see how much of each it read. */
const accepted: Socket[] = [];
beforeAll(async () => {
  const router = createRouter({ services: [tickerHandlers(createTickerService())] });
  server = createHttpServer(toNodeHandler(router));
  server.on('connection', (socket: Socket) => accepted.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

/** Writes the head and the whole body without waiting for the answer; resolves with what came back once closed. */
function upload(body: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `POST /Ticker/add HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`,
      );
      socket.write(body, () => undefined);
    });
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', () => undefined); // the close may reset what was still being sent
    socket.on('close', () => resolve(answer));
  });
}

it('a 1 MiB nested body: 400 TOO_DEEP, the connection closed, most of the upload never read', async () => {
  const answer = await upload(Buffer.from('['.repeat(MiB)));
  expect(answer).toMatch(/^HTTP\/1\.1 400 /);
  expect(answer).toMatch(/connection: close/i);
  expect(answer).toContain('"code":"TOO_DEEP"');
  const socket = accepted.at(-1) as Socket;
  await new Promise((resolve) =>
    socket.destroyed ? resolve(undefined) : socket.once('close', resolve),
  );
  // The refusal comes at the first chunk (at most 64 KiB); a read or two may already be under way.
  expect(socket.bytesRead).toBeLessThan(MiB / 4);
});

it('the server answers afterwards', async () => {
  const answer = await fetch(`http://127.0.0.1:${port}/Ticker/add`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '[1,2]',
  });
  expect(await answer.json()).toEqual({ result: 3 });
});

it('a body refused before its end is answered only after limits.refusedBodyDelayMs (100 ms by default), not sooner', async () => {
  const sent = performance.now();
  const answer = await upload(Buffer.from('['.repeat(MiB)));
  const waited = performance.now() - sent;
  expect(answer).toContain('"code":"TOO_DEEP"');
  // A lower bound only: the delay is a timer, so the answer cannot come before it (a busy machine only adds).
  expect(waited).toBeGreaterThanOrEqual(95);
});

it('refusedBodyDelayMs: 0 answers a refused body at once; a negative delay is refused at startup', async () => {
  expect(() =>
    createRouter({
      services: [tickerHandlers(createTickerService())],
      limits: { refusedBodyDelayMs: -1 },
    }),
  ).toThrow(/limits\.refusedBodyDelayMs must be a non-negative integer, not -1/);
  const router = createRouter({
    services: [tickerHandlers(createTickerService())],
    limits: { refusedBodyDelayMs: 0, maxBodyBytes: 1_000 },
  });
  const answer = await router.fetch(
    new Request('http://127.0.0.1/Ticker/add', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `[${' '.repeat(2_000)}1,2]`,
    }),
  );
  expect(answer.status).toBe(413);
  expect(await answer.json()).toMatchObject({ error: { code: 'TOO_LARGE' } });
});
