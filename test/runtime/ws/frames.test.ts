// The WebSocket binding frame by frame (docs/protocol.md), with a raw `ws`
// client: what a client in another language would see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { open, startWsServer, until, type WsServer } from './ws-fixture.js';

let server: WsServer;

beforeAll(async () => {
  server = await startWsServer({}, { ping: 100, pingTimeout: 100 });
});

afterAll(() => server.close());

/** A raw socket that records frames (parsed) and its close. */
async function rawSocket(): Promise<{
  ws: WebSocket;
  frames: Record<string, unknown>[];
  pings: { count: number; answer: boolean };
  closed: Promise<number>;
  send: (frame: object) => void;
}> {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/_ws`);
  const frames: Record<string, unknown>[] = [];
  // Pings (every 100 ms here) are counted apart, so the other frames keep their places.
  const pings = { count: 0, answer: true };
  ws.on('message', (data) => {
    // Text frames, as ws hands them with its default binaryType ('nodebuffer'): a Buffer.
    const frame = JSON.parse((data as Buffer).toString('utf8')) as Record<string, unknown>;
    // Answered, as a client must, or the server drops the socket 100 ms after its ping.
    if (frame['type'] === 'ping') {
      pings.count++;
      if (pings.answer) ws.send('{"type":"pong"}');
    } else frames.push(frame);
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise((resolve) => ws.once('open', resolve));
  return { ws, frames, pings, closed, send: (frame) => ws.send(JSON.stringify(frame)) };
}

async function welcomed(): Promise<Awaited<ReturnType<typeof rawSocket>> & { client: string }> {
  const socket = await rawSocket();
  socket.send({ type: 'hello' });
  await until(() => socket.frames.length >= 1, 'welcome');
  return { ...socket, client: socket.frames[0]?.['client'] as string };
}

describe('WebSocket frames', () => {
  it('hello without a client opens one; the welcome states the terms', async () => {
    const { frames, ws } = await welcomed();
    expect(frames[0]).toMatchObject({
      type: 'welcome',
      ttl: 300_000,
      wait: 25_000,
      ping: 100,
      pingTimeout: 100,
      window: 4_000,
      maxFrame: 1_048_576,
    });
    expect(frames[0]?.['client']).toMatch(/^[\w-]{22}$/);
    ws.close();
  });

  it('calls are answered with the HTTP status and body members', async () => {
    const { frames, send, ws } = await welcomed();
    send({ type: 'call', id: 1, service: 'Ticker', method: 'add', args: [2, 40] });
    send({
      type: 'call',
      id: 2,
      service: 'Ticker',
      method: 'add',
      args: [Number.MAX_SAFE_INTEGER, 1],
    });
    send({ type: 'call', id: 3, service: 'Ticker', method: 'add', args: ['two', 1] });
    send({ type: 'call', id: 4, service: 'Ticker', method: 'nope', args: [] });
    send({ type: 'call', id: 5, service: 'Ticker', method: 'add', args: { a: 1 } });
    await until(() => frames.length >= 6, 'five answers');
    const byId = new Map(frames.slice(1).map((f) => [f['id'], f]));
    expect(byId.get(1)).toEqual({ type: 'answer', id: 1, status: 200, result: 42 });
    expect(byId.get(2)).toMatchObject({ status: 422, error: { code: 'OVERFLOW' } });
    expect(byId.get(3)).toMatchObject({
      status: 400,
      error: { code: 'BAD_ARGUMENT', path: 'args[0]' },
    });
    expect(byId.get(4)).toMatchObject({ status: 404, error: { code: 'NOT_FOUND' } });
    expect(byId.get(5)).toMatchObject({ status: 400, error: { code: 'BAD_REQUEST' } });
    ws.close();
  });

  it('events come batched with seq; an ack releases them; release and close are answered', async () => {
    const { frames, send, client, closed } = await welcomed();
    send({ type: 'call', id: 1, service: 'Ticker', method: 'subscribe', args: ['F', { $cb: 4 }] });
    await until(() => frames.length >= 2, 'subscribed');
    await open(server.url, { transport: 'long-poll' }).ticker.publish('F', 3);
    await until(() => frames.length >= 3, 'events');
    const events = frames[2] as {
      type: string;
      events: { seq: number; cb: number; method: string }[];
    };
    expect(events.type).toBe('events');
    expect(events.events.map((e) => [e.seq, e.cb, e.method])).toEqual([
      [1, 4, 'tick'],
      [2, 4, 'tick'],
      [3, 4, 'tick'],
      [4, 4, 'done'],
    ]);
    send({ type: 'ack', seq: 4 });
    send({ type: 'release', id: 2, callbacks: [4] });
    await until(() => frames.length >= 4, 'release answer');
    expect(frames[3]).toEqual({ type: 'answer', id: 2, status: 200, result: null });
    // Acknowledged: a poll of the same client finds nothing left.
    const polled = await fetch(`${server.url}/_events?after=4`, {
      headers: { 'x-contract-client': client },
    });
    expect(await polled.json()).toEqual({ events: [] });
    send({ type: 'close', id: 3 });
    expect(await closed).toBe(1000);
    expect(frames[4]).toEqual({ type: 'answer', id: 3, status: 200, result: null });
  });

  it('a hello resuming an ended client gets gone (the 410 body) and close 4410', async () => {
    const { client, ws } = await welcomed();
    ws.close();
    await fetch(`${server.url}/_close`, {
      method: 'POST',
      headers: { 'x-contract-client': client },
    });
    const again = await rawSocket();
    again.send({ type: 'hello', client, after: 0 });
    expect(await again.closed).toBe(4410);
    expect(again.frames[0]).toMatchObject({
      type: 'gone',
      status: 410,
      error: { code: 'UNKNOWN_CLIENT', details: { reason: 'closed' } },
    });
  });

  it('a client closed over HTTP while its socket is open gets gone at once', async () => {
    const { client, frames, closed } = await welcomed();
    await fetch(`${server.url}/_close`, {
      method: 'POST',
      headers: { 'x-contract-client': client },
    });
    expect(await closed).toBe(4410);
    expect(frames[1]).toMatchObject({ type: 'gone', error: { details: { reason: 'closed' } } });
  });

  it("resumes after the seq it names; one beyond the store's last seq (the store lost events) is a lost gap", async () => {
    const first = await welcomed();
    first.send({
      type: 'call',
      id: 1,
      service: 'Ticker',
      method: 'subscribe',
      args: ['R', { $cb: 1 }],
    });
    await until(() => first.frames.length >= 2, 'subscribed');
    await open(server.url, { transport: 'long-poll' }).ticker.publish('R', 4);
    await until(() => first.frames.length >= 3, 'events');
    const second = await rawSocket();
    second.send({ type: 'hello', client: first.client, after: 3 });
    expect(await first.closed).toBe(4409); // the newer socket takes over
    await until(() => second.frames.length >= 2, 'resumed events');
    expect((second.frames[1] as { events: { seq: number }[] }).events.map((e) => e.seq)).toEqual([
      4, 5,
    ]);
    second.ws.close();
    const third = await rawSocket();
    third.send({ type: 'hello', client: first.client, after: 99 });
    await until(() => third.frames.length >= 2, 'the gap');
    expect(third.frames[1]).toEqual({
      type: 'events',
      events: [],
      gap: { from: 100, to: 100, count: 0, reason: 'lost' },
    });
    third.send({ type: 'ack', seq: 100 });
    await open(server.url, { transport: 'long-poll' }).ticker.publish('R', 1);
    await until(() => third.frames.length >= 3, 'the next events');
    expect((third.frames[2] as { events: { seq: number }[] }).events.map((e) => e.seq)).toEqual([
      101, 102,
    ]);
    third.ws.close();
  });

  it('refuses frames that break the protocol with an error frame and close 1008', async () => {
    // The last: an after beyond MAX_SEQ (2^52), which would push the queue's seqs past safe integers.
    for (const text of [
      'not json',
      '{"type":"call","id":1}',
      '{"type":"ack","seq":1}',
      '[1]',
      '{"type":"hello","after":4503599627370497}',
    ]) {
      const socket = await rawSocket();
      socket.ws.send(text);
      expect(await socket.closed).toBe(1008);
      expect(socket.frames[0]).toMatchObject({
        type: 'error',
        status: 400,
        error: { code: 'BAD_REQUEST' },
      });
    }
  });

  it('pings, and drops a peer that answers nothing within the ping timeout', async () => {
    const { pings, closed } = await welcomed();
    await until(() => pings.count > 0, 'a ping');
    pings.answer = false; // silent from now on
    const code = await closed;
    expect(code).toBe(1006); // dropped without a handshake
  });
});
