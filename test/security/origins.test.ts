// The `origins` option (issue 18): which pages may use a server. A request
// with an Origin header of another origin than the server's own, and not
// allowed, is refused with 403 ORIGIN_NOT_ALLOWED on every endpoint and on
// the WebSocket upgrade; allowed pages get CORS answers; requests without
// an Origin are untouched. The attacks themselves are rows of
// hostile-requests.ts; this file pins the option's semantics.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  acceptWebSocket,
  checkOrigin,
  createRouter,
  type OriginsOption,
  type Router,
  type RouterOptions,
} from '@contract-gen/runtime/server';
import { createServer, type ListeningServer } from '@contract-gen/runtime/server/node';
import { tickerHandlers } from '../../conformance/generated/ticker.server.js';
import { createTickerService } from '../../conformance/ticker-service.js';

const page = 'http://localhost:5173';

function router(origins?: OriginsOption, options: Partial<RouterOptions> = {}): Router {
  return createRouter({
    services: [tickerHandlers(createTickerService())],
    ...(origins === undefined ? {} : { origins }),
    ...options,
  });
}

/** `Ticker.add(1, 2)` sent to `http://api.test:3000`, as a page of `origin` would send it (none: a server or a CLI). */
function add(on: Router, origin?: string, url = 'http://api.test:3000'): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (origin !== undefined) headers['origin'] = origin;
  return on.fetch(new Request(`${url}/Ticker/add`, { method: 'POST', headers, body: '[1,2]' }));
}

function preflight(on: Router, origin: string, path = '/_open'): Promise<Response> {
  return on.fetch(
    new Request(`http://api.test:3000${path}`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    }),
  );
}

async function code(answer: Response): Promise<string | undefined> {
  return ((await answer.json()) as { error?: { code: string } }).error?.code;
}

describe('by default (no origins option)', () => {
  const r = router();

  it('serves requests without an Origin (servers, CLIs, Node clients) and pages of its own origin, without CORS headers', async () => {
    for (const origin of [undefined, 'http://api.test:3000']) {
      const answer = await add(r, origin);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('compares with the Host the request went to in normal form (case, default port)', async () => {
    expect((await add(r, 'http://api.test', 'http://API.test:80')).status).toBe(200);
    expect((await add(r, 'https://api.test', 'https://api.test:443')).status).toBe(200);
  });

  it('refuses any other page with 403 ORIGIN_NOT_ALLOWED, saying how to allow it', async () => {
    for (const origin of [page, 'https://api.test:3000', 'http://api.test:3001', 'null']) {
      const answer = await add(r, origin);
      expect(answer.status).toBe(403);
      expect(answer.headers.get('vary')).toBe('Origin');
      const { error } = (await answer.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('ORIGIN_NOT_ALLOWED');
      expect(error.message).toContain("origins: ['http://localhost:5173']");
    }
  });

  it('refuses preflights of other pages, so browsers never send the request', async () => {
    const answer = await preflight(r, page);
    expect(answer.status).toBe(403);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(await code(answer)).toBe('ORIGIN_NOT_ALLOWED');
  });
});

describe('origins: [...]', () => {
  const r = router([page, 'https://app.example/']);

  it('answers a preflight of an allowed page: methods, the protocol headers, max age, no credentials', async () => {
    const answer = await preflight(r, page);
    expect(answer.status).toBe(204);
    expect(await answer.text()).toBe('');
    expect(Object.fromEntries(answer.headers)).toEqual({
      'access-control-allow-origin': page,
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'content-type, authorization, x-contract-client',
      'access-control-max-age': '600',
      vary: 'Origin',
      // Issue 18: every answer, a preflight's too.
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    });
  });

  it('lets allowed pages read answers (the origin echoed, Vary: Origin), errors too; others stay refused', async () => {
    const answer = await add(r, 'https://app.example');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    expect(answer.headers.get('vary')).toBe('Origin');
    const gone = await r.fetch(
      new Request('http://api.test:3000/_events', {
        headers: { origin: page, 'x-contract-client': 'AAAAAAAAAAAAAAAAAAAAAA' },
      }),
    );
    expect(gone.status).toBe(410);
    expect(gone.headers.get('access-control-allow-origin')).toBe(page);
    expect((await add(r, 'https://app.example.evil')).status).toBe(403);
  });
});

describe('origins options', () => {
  it('credentials: true adds Access-Control-Allow-Credentials to preflights and answers', async () => {
    const r = router({ allow: [page], credentials: true, headers: ['X-Trace'], maxAge: 60 });
    const answer = await preflight(r, page);
    expect(answer.headers.get('access-control-allow-credentials')).toBe('true');
    expect(answer.headers.get('access-control-allow-headers')).toBe(
      'content-type, authorization, x-contract-client, x-trace',
    );
    expect(answer.headers.get('access-control-max-age')).toBe('60');
    expect((await add(r, page)).headers.get('access-control-allow-credentials')).toBe('true');
  });

  it("self names the server's public origins behind a proxy, instead of the Host", async () => {
    const r = router({ self: ['https://api.example.com'] });
    const own = await add(r, 'https://api.example.com', 'http://127.0.0.1:3000');
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBeNull();
    expect((await add(r, 'http://127.0.0.1:3000', 'http://127.0.0.1:3000')).status).toBe(403);
  });

  it("'*' lets every page in, without credentials", async () => {
    const r = router('*');
    const answer = await add(r, 'https://anyone.example');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://anyone.example');
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('a function decides per origin; one that throws refuses, and onError hears it', async () => {
    const faults: unknown[] = [];
    const allow = (origin: string): boolean => {
      if (origin === 'https://boom.example') throw new Error('boom');
      return origin.endsWith('.app.example');
    };
    const r = router({ allow }, { onError: (error) => faults.push(error) });
    expect((await add(r, 'https://pr-7.app.example')).status).toBe(200);
    expect((await add(r, 'https://app.example.evil')).status).toBe(403);
    expect((await add(r, 'https://boom.example')).status).toBe(403);
    expect(faults).toEqual([new Error('boom')]);
  });

  it.each([
    ['http://localhost:5173/app', /is not an origin/],
    ['localhost:5173', /is not an origin/],
    ['null', /is not an origin/],
    [{ allow: '*', credentials: true } as const, /cannot go with allow: '\*'/],
    [{ self: ['https://x.example?a=1'] }, /is not an origin/],
    [{ headers: ['bad header'] }, /is not a header name/],
    [{ maxAge: -1 }, /maxAge must be a non-negative integer/],
  ] as const)('refuses %j at startup', (origins, message) => {
    const option: OriginsOption = typeof origins === 'string' ? [origins] : origins;
    expect(() => router(option)).toThrow(message);
  });
});

describe('_open', () => {
  const r = router();
  const open = (headers: Record<string, string>, body?: string) =>
    r.fetch(
      new Request(
        'http://api.test/_open',
        body === undefined ? { method: 'POST', headers } : { method: 'POST', headers, body },
      ),
    );

  it('refuses what a form or a no-cors fetch can send with 415, before opening anything', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const answer = await open({ 'content-type': type }, 'a=1');
      expect(answer.status).toBe(415);
      expect(await code(answer)).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });
});

describe('WebSocket upgrades', () => {
  let server: ListeningServer;
  let hooked = 0;
  beforeAll(async () => {
    server = await createServer({
      services: [tickerHandlers(createTickerService())],
      origins: [page],
      auth: () => (hooked++, { id: 'ann' }),
    }).listen(0);
  });
  afterAll(() => server.close());

  /** The first frame after a hello, or the HTTP status of a refused upgrade. */
  function upgrade(origin?: string): Promise<string | number> {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/_ws`, {
      ...(origin === undefined ? {} : { origin }),
    });
    ws.on('error', () => undefined);
    return new Promise((resolve) => {
      ws.on('open', () => ws.send('{"type":"hello"}'));
      ws.on('message', (data: Buffer) => {
        resolve((JSON.parse(data.toString('utf8')) as { type: string }).type);
        ws.close();
      });
      ws.on('unexpected-response', (_request, response) => {
        resolve(response.statusCode ?? 0);
        response.resume();
      });
    });
  }

  it('welcomes no Origin, its own origin and an allowed one; refuses others before the auth hook', async () => {
    expect(await upgrade()).toBe('welcome');
    expect(await upgrade(server.url)).toBe('welcome');
    expect(await upgrade(page)).toBe('welcome');
    const before = hooked;
    expect(await upgrade('https://evil.example')).toBe(403);
    expect(hooked).toBe(before);
  });

  it('checks the Host in normal form', async () => {
    const status = await new Promise<number>((resolve) => {
      const req = httpRequest(`${server.url}/_ws`, {
        headers: {
          host: `LOCALHOST:${server.port}`,
          origin: `http://localhost:${server.port}`,
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
      });
      req.on('upgrade', (response, socket) => (socket.destroy(), resolve(response.statusCode!)));
      req.on('response', (response) => resolve(response.statusCode!));
      req.end();
    });
    expect(status).toBe(101);
  });
});

describe('web-standard adapters', () => {
  const r = router([page]);
  const upgradeOf = (origin: string) => ({
    url: 'http://api.test/_ws',
    header: (name: string) => (name === 'origin' ? origin : undefined),
    headers: () => new Headers({ origin }),
  });

  it('checkOrigin answers the 403 to send instead of upgrading, or nothing', async () => {
    const request = (origin: string) =>
      new Request('http://api.test/_ws', { headers: { origin, upgrade: 'websocket' } });
    expect(checkOrigin(r, request(page))).toBeUndefined();
    expect(checkOrigin(r, request('http://api.test'))).toBeUndefined();
    const refused = checkOrigin(r, request('https://evil.example'));
    expect(refused?.status).toBe(403);
    expect(await code(refused!)).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('acceptWebSocket refuses a socket of another page with an error frame and 1008, before its hello', () => {
    const sent: string[] = [];
    const closed: number[] = [];
    const peer = {
      send: (text: string) => sent.push(text),
      close: (code: number) => closed.push(code),
      bufferedAmount: 0,
    };
    const session = acceptWebSocket(r, peer, upgradeOf('https://evil.example'));
    session.message('{"type":"hello"}');
    expect(sent.map((text) => JSON.parse(text) as unknown)).toEqual([
      {
        type: 'error',
        status: 403,
        error: expect.objectContaining({ code: 'ORIGIN_NOT_ALLOWED' }) as unknown,
      },
    ]);
    expect(closed).toEqual([1008]);
  });
});
