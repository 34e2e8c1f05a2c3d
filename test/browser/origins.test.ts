// Issue 18 in real headless Chromium: a page on origin B (another port of
// 127.0.0.1, so the visitor's session cookie for 127.0.0.1 goes along) tries
// the API on origin A with cookie auth: a WebSocket, a preflighted _open, a
// no-cors POST and a real HTML form POST to _open. By default every one is
// refused and the visitor's quota is untouched; the same page served from A
// works; and with `origins: { allow: [B], credentials: true }` page B works.
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ContractError,
  createRouter,
  type AuthRequest,
  type OriginsOption,
  type Principal,
} from '@contract-gen/runtime/server';
import { attachWebSocket, toNodeHandler } from '@contract-gen/runtime/server/node';
import { tickerHandlers } from '../../conformance/generated/ticker.server.js';
import { createTickerService } from '../../conformance/ticker-service.js';
import { chromiumSkipReason, launchChromium } from './launch-chromium.js';

/** What the page at `/page` answers: a document, so the page has an address (and an origin). */
const PAGE = '<!doctype html><title>origin test</title><iframe name="sink"></iframe>';
const maxClientsPerPrincipal = 3;

/** A running HTTP server; `log` has `METHOD path origin status` of every request it answered. */
interface Running {
  readonly url: string;
  readonly log: string[];
  /** How many times the auth hook ran. */
  readonly hooked: () => number;
  close(): Promise<void>;
}

/** The session cookie names the principal; no cookie (or an unknown one) is a 401. */
function cookieAuth(request: AuthRequest): Principal {
  const name = /(?:^|; )session=([a-z]+)/.exec(request.header('cookie') ?? '')?.[1];
  if (name === undefined) throw new ContractError('UNAUTHENTICATED', 'Sign in first.');
  return { id: name };
}

/** The API on origin A (it also serves `/page`), with cookie auth and `origins`. */
async function startApi(origins?: OriginsOption): Promise<Running> {
  let hooked = 0;
  const router = createRouter({
    services: [tickerHandlers(createTickerService())],
    auth: (request) => (hooked++, cookieAuth(request)),
    limits: { maxClientsPerPrincipal },
    ...(origins === undefined ? {} : { origins }),
  });
  const api = toNodeHandler(router);
  const log: string[] = [];
  const server = createHttpServer((req, res) => {
    res.on('finish', () =>
      log.push(`${req.method} ${req.url} ${req.headers.origin ?? '-'} ${res.statusCode}`),
    );
    if (req.url === '/page') res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    else api(req, res);
  });
  const socket = attachWebSocket(server, router);
  return listen(
    server,
    log,
    () => hooked,
    async () => {
      await router.close();
      socket.close();
    },
  );
}

/** Origin B: only the page. */
function startPageServer(): Promise<Running> {
  const log: string[] = [];
  const server = createHttpServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE),
  );
  return listen(
    server,
    log,
    () => 0,
    () => Promise.resolve(),
  );
}

function listen(
  server: Server,
  log: string[],
  hooked: () => number,
  stop: () => Promise<void>,
): Promise<Running> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        log,
        hooked,
        close: async () => {
          await stop();
          server.closeAllConnections();
          await new Promise((done) => server.close(done));
        },
      });
    }),
  );
}

/** What the page managed against the API. */
interface Attempts {
  /** The first frame after a hello (`welcome`), or how the socket ended. */
  readonly socket: string;
  /** `_open` as the contract-gen client sends it (JSON, so the browser preflights), with the cookie. */
  readonly open: string;
  /** A `Ticker.add(1, 2)` call with the cookie. */
  readonly call: string;
  /** A simple `text/plain` POST to `_open` (no preflight; the page cannot read the answer). */
  readonly simple: string;
}

/** Runs every attempt from `page` against `api`, then a real HTML form POST to `_open`. */
async function attempt(page: Page, api: string): Promise<Attempts> {
  const attempts = await page.evaluate(async (base) => {
    const socket = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`${base.replace('http', 'ws')}/_ws`);
      ws.onopen = () => ws.send('{"type":"hello"}');
      ws.onmessage = (event) => {
        resolve((JSON.parse(String(event.data)) as { type: string }).type);
        ws.close();
      };
      ws.onclose = (event) => resolve(`closed ${event.code}`);
    });
    const post = async (path: string, init: RequestInit): Promise<string> => {
      try {
        const answer = await fetch(`${base}${path}`, {
          method: 'POST',
          credentials: 'include',
          ...init,
        });
        return answer.type === 'opaque' ? 'opaque' : `${answer.status} ${await answer.text()}`;
      } catch (error) {
        return `failed: ${(error as Error).name}`;
      }
    };
    const json = { 'content-type': 'application/json' };
    return {
      socket,
      open: await post('/_open', { headers: json, body: '{}' }),
      call: await post('/Ticker/add', { headers: json, body: '[1,2]' }),
      simple: await post('/_open', {
        mode: 'no-cors',
        headers: { 'content-type': 'text/plain' },
        body: '{}',
      }),
    };
  }, api);
  await page.evaluate((action) => {
    const form = document.createElement('form');
    form.method = 'POST';
    form.action = action;
    form.enctype = 'text/plain';
    form.target = 'sink';
    const field = document.createElement('input');
    field.name = '{"a":"';
    field.value = '"}';
    form.append(field);
    document.body.append(form);
    form.submit();
  }, `${api}/_open`);
  return attempts;
}

/** Waits until `log` has `times` lines matching `pattern` (the form's POST comes after the page's script ends). */
async function logged(log: readonly string[], pattern: RegExp, times: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (log.filter((entry) => pattern.test(entry)).length >= times) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`not ${times} lines like ${String(pattern)} in ${JSON.stringify(log)}`);
}

/** Opens `maxClientsPerPrincipal` clients for `name` from Node (no Origin): every one must be 200. */
async function openAll(api: string, name: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < maxClientsPerPrincipal; i++) {
    const answer = await fetch(`${api}/_open`, {
      method: 'POST',
      headers: { cookie: `session=${name}`, 'content-type': 'application/json' },
      body: '{}',
    });
    statuses.push(answer.status);
    await answer.text();
  }
  return statuses;
}

describe.skipIf(chromiumSkipReason() !== undefined)('origins in Chromium', () => {
  let browser: Browser;
  let pages: Running;
  beforeAll(async () => {
    browser = await launchChromium();
    pages = await startPageServer();
  });
  afterAll(async () => {
    await browser?.close();
    await pages?.close();
  });

  /** A page at `origin`/page whose visitor holds the session cookie of `name` for 127.0.0.1 (any port). */
  async function visitor(origin: string, name: string): Promise<Page> {
    const context = await browser.newContext();
    await context.addCookies([
      { name: 'session', value: name, url: 'http://127.0.0.1', sameSite: 'Lax' },
    ]);
    const page = await context.newPage();
    await page.goto(`${origin}/page`);
    return page;
  }

  describe('by default', () => {
    let api: Running;
    beforeAll(async () => (api = await startApi()));
    afterAll(() => api.close());

    it("refuses a page of another origin everything, before the auth hook; the visitor's quota is untouched", async () => {
      const page = await visitor(pages.url, 'victim');
      const attempts = await attempt(page, api.url);
      await logged(api.log, /^POST \/_open \S+ 403$/, 2); // the form's POST arrived, and was refused
      expect(attempts).toEqual({
        socket: 'closed 1006', // the upgrade got its 403: no welcome
        open: 'failed: TypeError', // the preflight got its 403: the POST was never sent
        call: 'failed: TypeError',
        simple: 'opaque',
      });
      expect(api.log).toEqual([
        `OPTIONS /_open ${pages.url} 403`,
        `OPTIONS /Ticker/add ${pages.url} 403`,
        `POST /_open ${pages.url} 403`, // the no-cors POST
        `POST /_open ${pages.url} 403`, // the form
      ]);
      expect(api.hooked()).toBe(0);
      expect(await openAll(api.url, 'victim')).toEqual([200, 200, 200]);
      await page.context().close();
    });

    it('serves the same page from its own origin, over the socket and HTTP, with the cookie', async () => {
      const page = await visitor(api.url, 'ann');
      const attempts = await attempt(page, api.url);
      expect(attempts.socket).toBe('welcome');
      expect(attempts.open).toMatch(/^200 \{"client":"[\w-]{22}"/);
      expect(attempts.call).toBe('200 {"result":3}');
      // Same origin, so the page reads the answer: a text/plain _open is refused (415), opening nothing.
      expect(attempts.simple).toMatch(/^415 .*UNSUPPORTED_MEDIA_TYPE/);
      await page.context().close();
    });
  });

  describe('with origins: { allow: [B], credentials: true }', () => {
    let api: Running;
    beforeAll(async () => (api = await startApi({ allow: [pages.url], credentials: true })));
    afterAll(() => api.close());

    it('serves the page of B with its cookie, over the socket and HTTP; simple POSTs still open nothing', async () => {
      const page = await visitor(pages.url, 'ann');
      const attempts = await attempt(page, api.url);
      expect(attempts.socket).toBe('welcome');
      expect(attempts.open).toMatch(/^200 \{"client":"[\w-]{22}"/);
      expect(attempts.call).toBe('200 {"result":3}');
      expect(attempts.simple).toBe('opaque');
      await logged(api.log, /^POST \/_open \S+ 415$/, 2);
      expect(api.log.filter((line) => line.startsWith('POST /_open'))).toEqual([
        `POST /_open ${pages.url} 200`,
        `POST /_open ${pages.url} 415`, // the no-cors text/plain POST
        `POST /_open ${pages.url} 415`, // the form
      ]);
      await page.context().close();
    });

    it('still refuses a page of any other origin', async () => {
      const other = await startPageServer();
      try {
        const page = await visitor(other.url, 'ann');
        const attempts = await attempt(page, api.url);
        expect(attempts.socket).toBe('closed 1006');
        expect(attempts.open).toBe('failed: TypeError');
        await page.context().close();
      } finally {
        await other.close();
      }
    });
  });
});
