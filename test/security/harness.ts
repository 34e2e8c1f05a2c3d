// One way to send hostile requests to a secured server, over either of its
// doors: `router.fetch` with web Request objects, or real HTTP to the
// node:http server (the adapter's fast path, which reads bodies itself).
// WebSocket upgrades have one door, the node:http server.
import { WebSocket } from 'ws';
import { tokens, type SecuredServer } from './security-fixture.js';

/** Which door requests go through. */
export type Door = 'router.fetch' | 'node:http';

/** A request in the terms hostile rows speak. */
export interface Send {
  readonly method?: string;
  /** A token for `authorization: Bearer <token>`; absent: no authorization header. */
  readonly token?: string;
  /** The `x-contract-client` header. */
  readonly client?: string;
  /** Default `application/json` when there is a body, none otherwise. */
  readonly contentType?: string | null;
  readonly body?: string | Uint8Array<ArrayBuffer>;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Requests to one secured server through one door. */
export class Harness {
  /** Handler calls made by the last `hit`. */
  reachedByHit: string[] = [];
  /** Clients opened through `open`, closed again by `closeAll`. */
  readonly #opened: [token: string, client: string][] = [];

  constructor(
    readonly server: SecuredServer,
    readonly door: Door,
  ) {}

  /** The server's own origin as this door's requests reach it: what a page of the server would send as `Origin`. */
  get origin(): string {
    return this.door === 'router.fetch' ? 'http://secured' : this.server.listening.url;
  }

  /**
   * A WebSocket upgrade with `headers` (an `Origin`, a cookie), then a hello.
   * A refused upgrade resolves to its HTTP answer; an accepted one to a
   * 200 whose body is the frames that came before the socket closed or
   * 500 ms passed (a `welcome`, when the server let it in).
   */
  upgrade(headers: Readonly<Record<string, string>>): Promise<Response> {
    const ws = new WebSocket(`${this.server.listening.url.replace('http', 'ws')}/_ws`, { headers });
    const frames: string[] = [];
    ws.on('message', (data: Buffer) => frames.push(data.toString('utf8')));
    ws.on('open', () => ws.send('{"type":"hello"}'));
    ws.on('error', () => undefined);
    return new Promise((resolve) => {
      const opened = (): void => {
        clearTimeout(timer);
        ws.terminate();
        resolve(new Response(`[${frames.join(',')}]`, { status: 200 }));
      };
      const timer = setTimeout(opened, 500);
      ws.on('close', opened);
      ws.on('unexpected-response', (_request, response) => {
        clearTimeout(timer);
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        response.on('end', () =>
          resolve(
            new Response(body, {
              status: response.statusCode ?? 500,
              headers: Object.entries(response.headers).flatMap(([name, value]) =>
                typeof value === 'string' ? [[name, value] as [string, string]] : [],
              ),
            }),
          ),
        );
      });
    });
  }

  /** Sends a request; `path` includes the query. */
  send(path: string, request: Send = {}): Promise<Response> {
    const headers: Record<string, string> = { ...request.headers };
    if (request.token !== undefined) headers['authorization'] = `Bearer ${request.token}`;
    if (request.client !== undefined) headers['x-contract-client'] = request.client;
    const contentType =
      request.contentType === undefined
        ? request.body === undefined
          ? null
          : 'application/json'
        : request.contentType;
    if (contentType !== null) headers['content-type'] = contentType;
    const init: RequestInit = {
      method: request.method ?? (request.body === undefined ? 'GET' : 'POST'),
      headers,
    };
    if (request.body !== undefined) init.body = request.body;
    if (this.door === 'router.fetch')
      return this.server.router.fetch(new Request(`http://secured${path}`, init));
    return fetch(`${this.server.listening.url}${path}`, init);
  }

  /** Calls `Ticker.<method>` with a JSON body (an array, or raw text). */
  call(
    token: string | undefined,
    method: string,
    args: readonly unknown[] | string,
    client?: string,
  ): Promise<Response> {
    const body = typeof args === 'string' ? args : JSON.stringify(args);
    return this.send(`/Ticker/${method}`, {
      method: 'POST',
      body,
      ...(token === undefined ? {} : { token }),
      ...(client === undefined ? {} : { client }),
    });
  }

  /** A new client of `token`'s principal. */
  async open(token: string): Promise<string> {
    const answer = await this.send('/_open', { method: 'POST', body: '{}', token });
    if (answer.status !== 200)
      throw new Error(`_open as ${token}: ${answer.status} ${await answer.text()}`);
    const { client } = (await answer.json()) as { client: string };
    this.#opened.push([token, client]);
    return client;
  }

  /** Closes every client `open` made (each principal may hold only a few at once). */
  async closeAll(): Promise<void> {
    // Each principal's id is also one of its tokens, and that one is never revoked.
    for (const [token, client] of this.#opened.splice(0))
      await (
        await this.send('/_close', { method: 'POST', token: tokens[token]?.id ?? token, client })
      ).text();
  }

  /** A client of `token`'s principal that subscribed callback `cb` to `symbol`. */
  async subscribed(token: string, symbol = 'S', cb = 1): Promise<string> {
    const client = await this.open(token);
    const answer = await this.call(token, 'subscribe', [symbol, { $cb: cb }], client);
    if (answer.status !== 200)
      throw new Error(`subscribe as ${token}: ${answer.status} ${await answer.text()}`);
    return client;
  }

  /** `GET _events`. */
  poll(
    token: string | undefined,
    client: string | undefined,
    query = 'after=0&wait=0',
  ): Promise<Response> {
    return this.send(`/_events?${query}`, {
      ...(token === undefined ? {} : { token }),
      ...(client === undefined ? {} : { client }),
    });
  }

  /** `POST _release` with a raw body. */
  release(token: string | undefined, client: string | undefined, body: string): Promise<Response> {
    return this.send('/_release', {
      method: 'POST',
      body,
      ...(token === undefined ? {} : { token }),
      ...(client === undefined ? {} : { client }),
    });
  }

  /** The hostile request itself: records which handlers it reached, apart from the setup before it. */
  async hit(request: () => Promise<Response>): Promise<Response> {
    const before = this.server.reached.length;
    const answer = await request();
    const text = await answer.text();
    this.reachedByHit = this.server.reached.slice(before);
    // A 204 (a preflight's answer) has no body.
    return new Response(answer.status === 204 ? null : text, {
      status: answer.status,
      headers: answer.headers,
    });
  }
}
