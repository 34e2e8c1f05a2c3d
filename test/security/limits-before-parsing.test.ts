// Issue 18's hostile input at full size, against a server with every default
// (1 MiB bodies and frames, maxDepth 64): 1 MiB of `[` and of `{"a":` as a
// call body, a `_release` body and a WebSocket frame is refused with
// `TOO_DEEP` before JSON.parse runs (how fast is the hostile bench suite's
// question, not a test's), and the server answers normally afterwards.
// Refused upgrades carry the security headers and a malformed Host is a 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createServer, type ListeningServer } from '@contract-gen/runtime/server/node';
import { tickerHandlers } from '../../conformance/generated/ticker.server.js';
import { createTickerService } from '../../conformance/ticker-service.js';
import { rawRequest } from './raw-http.js';

const MiB = 1 << 20;
const hostile = {
  '1 MiB of [': '['.repeat(MiB),
  '1 MiB of {"a":': '{"a":'.repeat(MiB / 5),
};
const faults: unknown[] = [];
let server: ListeningServer;
beforeAll(async () => {
  server = await createServer({
    services: [tickerHandlers(createTickerService())],
    onError: (error) => faults.push(error),
  }).listen(0);
});
afterAll(() => server.close());

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });

async function answersNormally(): Promise<void> {
  const answer = await post('/Ticker/add', '[1,2]');
  expect(await answer.json()).toEqual({ result: 3 });
}

describe.each(Object.entries(hostile))('%s', (_, text) => {
  it('as a call body: 400 TOO_DEEP, then the server answers', async () => {
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MiB);
    const answer = await post('/Ticker/add', text);
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('TOO_DEEP');
    await answersNormally();
  });

  it('as a _release body: 400 TOO_DEEP', async () => {
    const { client } = (await (await post('/_open', '{}')).json()) as { client: string };
    const answer = await post('/_release', text, { 'x-contract-client': client });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('TOO_DEEP');
    await answersNormally();
  });

  it('as a frame: an error frame with 400 TOO_DEEP, close 1008, then a new socket works', async () => {
    const first = await welcomed();
    first.ws.send(text);
    expect(await first.closed).toBe(1008);
    expect(first.frames.at(-1)).toMatchObject({
      type: 'error',
      status: 400,
      error: { code: 'TOO_DEEP' },
    });
    const second = await welcomed();
    second.ws.send(
      JSON.stringify({ type: 'call', id: 1, service: 'Ticker', method: 'add', args: [1, 2] }),
    );
    await until(() => second.frames.some((f) => f.type === 'answer'));
    expect(second.frames.find((f) => f.type === 'answer')).toMatchObject({
      status: 200,
      result: 3,
    });
    second.ws.close();
    await answersNormally();
  });
});

describe('frames', () => {
  it('a lone surrogate escape in a call: an error frame with 400 LONE_SURROGATE, close 1008', async () => {
    const s = await welcomed();
    s.ws.send(
      '{"type":"call","id":1,"service":"Ticker","method":"subscribers","args":["\\ud800"]}',
    );
    expect(await s.closed).toBe(1008);
    expect(s.frames.at(-1)).toMatchObject({ status: 400, error: { code: 'LONE_SURROGATE' } });
  });

  it('a frame nested to exactly maxDepth in an argument is read, and its call answered', async () => {
    const s = await welcomed();
    let value: unknown = 'x';
    for (let i = 0; i < 63; i++) value = [value];
    // subscribers takes a string: a value 64 levels deep is read, then refused by the decoder, not the scan.
    s.ws.send(
      JSON.stringify({
        type: 'call',
        id: 1,
        service: 'Ticker',
        method: 'subscribers',
        args: [[value]],
      }),
    );
    await until(() => s.frames.some((f) => f.type === 'answer'));
    expect(s.frames.find((f) => f.type === 'answer')).toMatchObject({
      status: 400,
      error: { code: 'BAD_ARGUMENT' },
    });
    s.ws.close();
  });
});

describe('upgrades', () => {
  const upgrade = (path: string, host: string) =>
    rawRequest(
      server.url,
      `GET ${path} HTTP/1.1\r\nhost: ${host}\r\nupgrade: websocket\r\nconnection: upgrade\r\nsec-websocket-version: 13\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==`,
    );

  it('with a malformed Host: 400 BAD_REQUEST with the security headers, no socket', async () => {
    const answer = await upgrade('/_ws', 'exa mple');
    expect(answer.status).toBe(400);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
  });

  it('to another path: 404 with the security headers', async () => {
    const answer = await upgrade('/elsewhere', '127.0.0.1');
    expect(answer.status).toBe(404);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('left no server fault behind', () => {
    expect(faults).toEqual([]);
  });
});

type Frame = { type: string; status?: number; error?: { code: string }; result?: unknown };

/** A socket that said hello and was welcomed, collecting the frames it gets. */
async function welcomed(): Promise<{ ws: WebSocket; frames: Frame[]; closed: Promise<number> }> {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/_ws`);
  const frames: Frame[] = [];
  ws.on('message', (data) => frames.push(JSON.parse((data as Buffer).toString('utf8')) as Frame));
  ws.on('error', () => undefined);
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send('{"type":"hello"}');
  await until(() => frames.some((f) => f.type === 'welcome'));
  return { ws, frames, closed };
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
