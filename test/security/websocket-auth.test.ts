// Auth, access and ownership on the WebSocket binding: the upgrade runs the
// auth hook (a refused caller gets the HTTP error and no socket), a hello
// resumes only its principal's client, calls over the socket obey the access
// rules and the limits, and a socket that never says hello is dropped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Harness } from './harness.js';
import {
  helloWithin,
  limits,
  sample,
  startSecuredServer,
  type SecuredServer,
} from './security-fixture.js';

let server: SecuredServer;
let h: Harness;
beforeAll(async () => {
  server = await startSecuredServer();
  h = new Harness(server, 'node:http');
});
afterAll(() => server.listening.close());

type Frame = {
  type: string;
  status?: number;
  id?: number;
  client?: string;
  error?: { code: string; message: string };
  result?: unknown;
};

/** A raw socket to the server's `_ws`, collecting frames; `token` goes in the authorization header. */
function socket(
  token: string | undefined,
  query = '',
): {
  ws: WebSocket;
  frames: Frame[];
  closed: Promise<number>;
  refused: Promise<{ status: number; body: string }>;
} {
  const url = `${server.listening.url.replace('http', 'ws')}/_ws${query}`;
  const ws = new WebSocket(
    url,
    token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } },
  );
  const frames: Frame[] = [];
  // Text frames, as ws hands them with its default binaryType ('nodebuffer'): a Buffer.
  ws.on('message', (data) => frames.push(JSON.parse((data as Buffer).toString('utf8')) as Frame));
  ws.on('error', () => undefined);
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const refused = new Promise<{ status: number; body: string }>((resolve) => {
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += String(chunk)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
  });
  return { ws, frames, closed, refused };
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** An open, welcomed socket of `token`'s principal. */
async function welcomed(
  token: string,
  client?: string,
): Promise<
  ReturnType<typeof socket> & { send(frame: object): void; answer(id: number): Promise<Frame> }
> {
  const s = socket(token);
  await new Promise((resolve) => s.ws.once('open', resolve));
  const send = (frame: object): void => s.ws.send(JSON.stringify(frame));
  send(client === undefined ? { type: 'hello' } : { type: 'hello', client });
  await until(() => s.frames.some((f) => f.type === 'welcome' || f.type === 'error'));
  const answer = async (id: number): Promise<Frame> => {
    await until(() => s.frames.some((f) => f.type === 'answer' && f.id === id));
    return s.frames.find((f) => f.type === 'answer' && f.id === id) as Frame;
  };
  return { ...s, send, answer };
}

describe('the WebSocket upgrade', () => {
  it('refuses an upgrade without a token with the HTTP 401 and no socket', async () => {
    const { refused } = socket(undefined);
    const { status, body } = await refused;
    expect(status).toBe(401);
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses an unknown token, and a failing hook as a bare 500', async () => {
    expect((await socket('forged').refused).status).toBe(401);
    const broken = await socket('boom').refused;
    expect(broken.status).toBe(500);
    expect(broken.body).not.toContain('10.0.0.5');
  });

  it('lets the hook read a token from the URL (browsers cannot set headers on a WebSocket)', async () => {
    const s = socket(undefined, '?access_token=ann');
    await new Promise((resolve) => s.ws.once('open', resolve));
    s.ws.send('{"type":"hello"}');
    await until(() => s.frames.some((f) => f.type === 'welcome'));
    s.ws.close();
  });
});

describe('a hello', () => {
  it("resuming another principal's client is refused with 403 FOREIGN_CLIENT, like an unknown id", async () => {
    const bobs = await h.open('bob');
    for (const client of [bobs, 'CCCCCCCCCCCCCCCCCCCCCC']) {
      const s = await welcomed('ann', client);
      expect(s.frames[0]).toMatchObject({
        type: 'error',
        status: 403,
        error: { code: 'FOREIGN_CLIENT' },
      });
      expect(await s.closed).toBe(1008);
    }
    expect((await h.poll('bob', bobs)).status).toBe(200); // bob's client is untouched
    await h.closeAll();
  });

  it('resuming its own client (opened over HTTP) is welcomed', async () => {
    const anns = await h.open('ann');
    const s = await welcomed('ann-2', anns); // another token, the same principal
    expect(s.frames[0]).toMatchObject({ type: 'welcome', client: anns });
    s.ws.close();
    await h.closeAll();
  });

  it('opening a client counts against the principal, like _open', async () => {
    for (let i = 0; i < limits.maxClientsPerPrincipal; i++) await h.open('many');
    const s = await welcomed('many');
    expect(s.frames[0]).toMatchObject({
      type: 'error',
      status: 429,
      error: { code: 'TOO_MANY_CLIENTS' },
    });
    await h.closeAll();
  });

  it('that never comes: the socket is refused after the hello timeout', async () => {
    const s = socket('ann');
    await new Promise((resolve) => s.ws.once('open', resolve));
    const started = Date.now();
    expect(await s.closed).toBe(1008);
    expect(Date.now() - started).toBeGreaterThanOrEqual(helloWithin - 50);
    expect(s.frames[0]).toMatchObject({
      type: 'error',
      status: 400,
      error: { code: 'BAD_REQUEST' },
    });
  });
});

describe('calls over the socket', () => {
  it('obey the access rules, carry the principal, and never hand a handler a refused or ill-typed value', async () => {
    const s = await welcomed('ann');
    const before = server.reached.length;
    s.send({ type: 'call', id: 1, service: 'Ticker', method: 'publish', args: ['W', 1] });
    s.send({
      type: 'call',
      id: 2,
      service: 'Ticker',
      method: 'echo',
      args: [{ ...sample(), ['__proto__']: { polluted: true } }],
    });
    s.ws.send(
      `{"type":"call","id":3,"service":"Ticker","method":"echo","args":[${JSON.stringify(sample()).slice(0, -1)},"__proto__":{"polluted":true}}]}`,
    );
    s.send({
      type: 'call',
      id: 4,
      service: 'Ticker',
      method: 'subscribers',
      args: ['x'.repeat(limits.maxStringLength + 1)],
    });
    expect(await s.answer(1)).toMatchObject({ status: 403, error: { code: 'FORBIDDEN' } });
    expect(await s.answer(2)).toMatchObject({ status: 400, error: { code: 'BAD_ARGUMENT' } }); // a computed ['__proto__'] is an own key, so it travels
    expect(await s.answer(3)).toMatchObject({ status: 400, error: { code: 'BAD_ARGUMENT' } });
    expect(await s.answer(4)).toMatchObject({ status: 400, error: { code: 'TOO_LONG' } });
    expect(server.reached.slice(before)).toEqual([]);
    const callersBefore = server.callers.length;
    s.send({ type: 'call', id: 5, service: 'Ticker', method: 'add', args: [1, 2] });
    expect(await s.answer(5)).toMatchObject({ status: 200, result: 3 });
    expect(server.callers.slice(callersBefore)).toEqual(['ann']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    s.ws.close();
  });

  it('hold the callbacks limit', async () => {
    const s = await welcomed('bob');
    for (let cb = 1; cb <= limits.maxCallbacksPerClient + 1; cb++)
      s.send({
        type: 'call',
        id: cb,
        service: 'Ticker',
        method: 'subscribe',
        args: ['WS', { $cb: cb }],
      });
    for (let cb = 1; cb <= limits.maxCallbacksPerClient; cb++)
      expect((await s.answer(cb)).status).toBe(200);
    expect(await s.answer(limits.maxCallbacksPerClient + 1)).toMatchObject({
      status: 429,
      error: { code: 'TOO_MANY_CALLBACKS' },
    });
    s.ws.close();
  });
});
