import { request as httpRequest, createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter, defineService, type CallContext } from '../../runtime/src/server/index.js';
import {
  createServer,
  toNodeHandler,
  type ListeningServer,
} from '../../runtime/src/server/node/index.js';
import * as s from '../../runtime/src/schema/index.js';

const EchoService = s.service('Echo', {
  whoami: s.method(
    [],
    s.object({ url: s.string(), agent: s.string(), client: s.optional(s.string()) }),
  ),
  size: s.method([s.string()], s.number()),
  repeat: s.method([s.string(), s.number()], s.string()),
});
const handlers = {
  whoami: (ctx: CallContext) => ({
    url: ctx.request.url,
    agent: ctx.request.headers.get('user-agent') ?? '',
    ...(ctx.client === undefined ? {} : { client: ctx.client }),
  }),
  size: (text: string) => text.length,
  repeat: (text: string, times: number) => text.repeat(times),
};
const options = {
  services: [defineService(EchoService, handlers)],
  base: '/api',
  limits: { maxBodyBytes: 10_000 },
};

/** A raw HTTP exchange, so bodies can be streamed in chunks or cut off. */
function raw(
  port: number,
  path: string,
  method: string,
  headers: Record<string, string>,
  write: (req: ReturnType<typeof httpRequest>) => void,
) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      write(req);
    },
  );
}

describe('node:http adapter', () => {
  let server: ListeningServer;
  beforeAll(async () => {
    server = await createServer(options).listen(0);
  });
  afterAll(() => server.close());

  it('builds ctx.request on demand with the URL and headers', async () => {
    // A client id must be one the server opened (an unknown one is refused with 410).
    const { client } = (await (
      await fetch(`${server.url}/_open`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      })
    ).json()) as {
      client: string;
    };
    const response = await fetch(`${server.url}/Echo/whoami`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'tester/1',
        'x-contract-client': client,
      },
      body: '[]',
    });
    expect(await response.json()).toEqual({
      result: { url: `${server.url}/Echo/whoami`, agent: 'tester/1', client },
    });
  });

  it('sends long answers (written as bytes, not a string) whole, with their length in bytes', async () => {
    for (const [text, times] of [
      ['ü€😀', 2_000],
      ['ab', 8_191],
      ['ab', 8_192],
    ] as const) {
      const answer = await raw(
        server.port,
        '/api/Echo/repeat',
        'POST',
        { 'content-type': 'application/json' },
        (req) => req.end(JSON.stringify([text, times])),
      );
      expect(answer.status).toBe(200);
      expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body));
      expect(JSON.parse(answer.body)).toEqual({ result: text.repeat(times) });
    }
  });

  it('answers 405 with Allow for GET', async () => {
    const response = await fetch(`${server.url}/Echo/size`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('refuses a declared oversized body with 413 before reading it', async () => {
    const answer = await raw(
      server.port,
      '/api/Echo/size',
      'POST',
      { 'content-type': 'application/json', 'content-length': '50000' },
      (req) => req.end(),
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'TOO_LARGE' } });
  });

  it('refuses a chunked body once it passes the limit', async () => {
    const answer = await raw(
      server.port,
      '/api/Echo/size',
      'POST',
      { 'content-type': 'application/json' },
      (req) => {
        req.write('["');
        for (let i = 0; i < 30; i++) req.write('x'.repeat(1000));
        req.end('"]');
      },
    ).catch((error: unknown) => ({ status: -1, headers: {}, body: String(error) }));
    // The server may close while the client still writes; either way it must not have accepted the body.
    expect([413, -1]).toContain(answer.status);
    const ok = await raw(
      server.port,
      '/api/Echo/size',
      'POST',
      { 'content-type': 'application/json' },
      (req) => {
        req.write('["');
        req.write('y'.repeat(5000));
        req.end('"]');
      },
    );
    expect(ok).toMatchObject({ status: 200, body: '{"result":5000}' });
  });

  it('keeps serving after a client disconnects mid-body', async () => {
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port: server.port,
        path: '/api/Echo/size',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '1000' },
      });
      req.on('error', () => resolve());
      req.write('["abc');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 20);
    });
    const response = await fetch(`${server.url}/Echo/size`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '["abcd"]',
    });
    expect(await response.json()).toEqual({ result: 4 });
  });

  it('mounts any { fetch } router through real Request objects', async () => {
    const router = createRouter(options);
    const seen: string[] = [];
    const wrapped = {
      base: router.base,
      fetch: (request: Request) => (seen.push(request.method), router.fetch(request)),
    };
    const http = createHttpServer(toNodeHandler(wrapped));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/Echo/size`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '["hello"]',
      });
      expect(await response.json()).toEqual({ result: 5 });
      expect(seen).toEqual(['POST']);
    } finally {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    }
  });
});

describe('node:http adapter behind body-parsing middleware', () => {
  it('uses the body a middleware already read instead of waiting for it', async () => {
    const handler = toNodeHandler(createRouter(options));
    const http = createHttpServer((req, res) => {
      // What express.json() does: read the stream to its end, leave the parsed value on req.body.
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (text += chunk));
      req.on('end', () => {
        (req as typeof req & { body?: unknown }).body = JSON.parse(text);
        handler(req, res);
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/Echo/size`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '["hello!"]',
      });
      expect(await response.json()).toEqual({ result: 6 });
    } finally {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
