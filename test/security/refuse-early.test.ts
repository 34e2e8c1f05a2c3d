// A body nested past maxDepth is refused at the chunk that passes the limit
// and the rest of the upload is not read (issue 18): the server answers 400
// TOO_DEEP and closes the connection, having read about 128 KiB of a 1 MiB
// upload (a body read whole and then scanned would show 1 MiB). So is any
// refusal given before the body is read (a 404, a 415): its connection
// closes instead of being kept by reading the upload to its end, on the
// node:http fast path and on a router served through web objects alike.
import { Agent, createServer as createHttpServer, request, type Server } from 'node:http';
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
function upload(
  body: Buffer,
  path = '/Ticker/add',
  contentType = 'application/json',
): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: ${contentType}\r\ncontent-length: ${body.length}\r\n\r\n`,
      );
      socket.write(body, () => undefined);
    });
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', () => undefined); // the close may reset what was still being sent
    socket.on('close', () => resolve(answer));
  });
}

/** The server's side of the last connection, once closed: how much of it was read. */
async function lastBytesRead(): Promise<number> {
  const socket = accepted.at(-1) as Socket;
  await new Promise((resolve) =>
    socket.destroyed ? resolve(undefined) : socket.once('close', resolve),
  );
  return socket.bytesRead;
}

it('a 1 MiB nested body: 400 TOO_DEEP, the connection closed, most of the upload never read', async () => {
  const answer = await upload(Buffer.from('['.repeat(MiB)));
  expect(answer).toMatch(/^HTTP\/1\.1 400 /);
  expect(answer).toMatch(/connection: close/i);
  expect(answer).toContain('"code":"TOO_DEEP"');
  // The refusal comes at the first chunk (at most 64 KiB); a read or two may already be under way.
  expect(await lastBytesRead()).toBeLessThan(MiB / 4);
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
  // Past 2^31 - 1 a timer fires at once; long before, a held refusal holds its socket as long.
  expect(() =>
    createRouter({
      services: [tickerHandlers(createTickerService())],
      limits: { refusedBodyDelayMs: 10_001 },
    }),
  ).toThrow(/limits\.refusedBodyDelayMs is at most 10000 \(10 s\), not 10001/);
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

it('a refusal before the body is read (415, 404) closes the connection: most of a 4 MiB upload is never read', async () => {
  const body = Buffer.alloc(4 * MiB, 0x20);
  const unsupported = await upload(body, '/Ticker/add', 'text/plain');
  expect(unsupported).toMatch(/^HTTP\/1\.1 415 /);
  expect(unsupported).toMatch(/connection: close/i);
  expect(await lastBytesRead()).toBeLessThan(MiB);
  const unknown = await upload(body, '/Nope/x');
  expect(unknown).toMatch(/^HTTP\/1\.1 404 /);
  expect(unknown).toMatch(/connection: close/i);
  expect(await lastBytesRead()).toBeLessThan(MiB);
});

it('a small refused request keeps no connection open either, and the server answers afterwards', async () => {
  const answer = await upload(Buffer.from('[1,2]'), '/Ticker/add', 'text/plain');
  expect(answer).toMatch(/^HTTP\/1\.1 415 /);
  expect(answer).toMatch(/connection: close/i);
  const ok = await fetch(`http://127.0.0.1:${port}/Ticker/add`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '[1,2]',
  });
  expect(await ok.json()).toEqual({ result: 3 });
});

it('through web objects (a wrapped router): a refused body closes the connection, so the next call on a keep-alive agent gets a fresh one', async () => {
  const router = createRouter({ services: [tickerHandlers(createTickerService())] });
  // Not the router itself: toNodeHandler then serves it through Request and Response, as a router in middleware.
  const wrapped = createHttpServer(toNodeHandler({ base: '', fetch: (r) => router.fetch(r) }));
  await new Promise<void>((resolve) => wrapped.listen(0, '127.0.0.1', resolve));
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const post = (body: Buffer) =>
    new Promise<{ status: number; connection: string | undefined; text: string }>(
      (resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: (wrapped.address() as AddressInfo).port,
            method: 'POST',
            path: '/Ticker/add',
            agent,
            headers: { 'content-type': 'application/json', 'content-length': body.length },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, text }),
            );
          },
        );
        req.on('error', reject);
        req.end(body);
      },
    );
  try {
    const refused = await post(Buffer.from('['.repeat(MiB)));
    expect(refused.status).toBe(400);
    expect(refused.connection).toBe('close');
    expect(JSON.parse(refused.text)).toMatchObject({ error: { code: 'TOO_DEEP' } });
    const next = await post(Buffer.from('[1,2]'));
    expect({ status: next.status, body: JSON.parse(next.text) as unknown }).toEqual({
      status: 200,
      body: { result: 3 },
    });
  } finally {
    agent.destroy();
    wrapped.closeAllConnections();
    await new Promise((resolve) => wrapped.close(resolve));
  }
});

it('router.fetch says connection: close on every refusal of an unread body', async () => {
  const router = createRouter({ services: [tickerHandlers(createTickerService())] });
  const answer = await router.fetch(
    new Request('http://127.0.0.1/Nope/x', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[1,2]',
    }),
  );
  expect(answer.status).toBe(404);
  expect(answer.headers.get('connection')).toBe('close');
  const read = await router.fetch(
    new Request('http://127.0.0.1/Ticker/add', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[1,"x"]',
    }),
  );
  // A refusal of a body that was read keeps the connection.
  expect(read.status).toBe(400);
  expect(read.headers.get('connection')).toBeNull();
});
