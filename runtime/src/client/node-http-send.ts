import type { AbortingSend, Send } from './exchange.js';

/**
 * What the client needs of `node:http` (or `node:https`): typed
 * structurally, like `WebSocketLike`, so the client never imports a Node
 * module (nor its types) and browser builds stay free of them. The
 * application passes the module: `connect(url, { http })`.
 */
export interface NodeHttpModule {
  /** Called with `{ method, headers, agent, signal? }` (`object` here, so Node's own option type fits). */
  // A function property, not a method: the client calls it detached, as `http.request` is meant to be called.
  readonly request: (
    url: string,
    options: object,
    callback: (response: NodeResponseLike) => void,
  ) => NodeRequestLike;
  readonly Agent: new (options: { keepAlive: boolean }) => object;
  /** Its `protocol` (`http:` for `node:http`, `https:` for `node:https`) is checked against the URL at `connect`. */
  readonly globalAgent?: object;
}

/** The request options the client passes. */
interface NodeRequestOptions {
  method: string;
  headers: Record<string, string>;
  agent: object;
  signal?: AbortSignal;
}

/** What the client reads of an answer (`http.IncomingMessage`). */
export interface NodeResponseLike {
  readonly statusCode?: number | undefined;
  setEncoding(encoding: 'utf8'): unknown;
  on(event: 'data', listener: (chunk: string) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** What the client does with a request (`http.ClientRequest`). */
export interface NodeRequestLike {
  on(event: 'error', listener: (error: Error) => void): unknown;
  end(body?: string): unknown;
}

/** One keep-alive agent per module, shared by every connection of the process (as fetch shares its pool). */
const agents = new WeakMap<NodeHttpModule, object>();

/**
 * A `Send` over `node:http`/`node:https` with a keep-alive agent, for
 * `connect(url, { http })` on Node. Node's `fetch` (undici) spends about as
 * much CPU on each request and its web-stream body as the client spends
 * decoding 1,000 events; a plain request and a string body cost a third of
 * it. Aborting `init.signal` destroys the request; failures reject, and
 * `exchange` turns them into `UNAVAILABLE`.
 */
export function nodeHttpSend(http: NodeHttpModule): AbortingSend {
  let agent = agents.get(http);
  if (agent === undefined) agents.set(http, (agent = new http.Agent({ keepAlive: true })));
  const shared = agent;
  const send: Send = (url, init) =>
    new Promise((resolve, reject) => {
      const options: NodeRequestOptions = {
        method: init.method ?? 'GET',
        headers: init.headers as Record<string, string>,
        agent: shared,
      };
      if (init.signal !== undefined && init.signal !== null) options.signal = init.signal;
      const request = http.request(url, options, (response) => {
        response.setEncoding('utf8');
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: () => Promise.resolve(text) }),
        );
        // Closed before the end (a reset, a destroyed request): a no-op once resolved.
        response.on('close', () =>
          reject(new Error('The connection closed before the whole answer arrived.')),
        );
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(init.body as string | undefined);
    });
  return Object.assign(send, { honorsAbort: true as const });
}

/**
 * Throws a `TypeError` when `http` is the module of the other scheme
 * (`node:http` for an `https:` URL or the reverse), which would otherwise
 * fail every request.
 */
export function checkHttpModule(http: NodeHttpModule, baseUrl: string): void {
  const wanted = /^https:/i.test(baseUrl) ? 'https:' : 'http:';
  const has = (http.globalAgent as { protocol?: unknown } | undefined)?.protocol;
  if (typeof has === 'string' && has !== wanted) {
    throw new TypeError(
      `contract-gen: the http option is the ${has.slice(0, -1)} module, but ${baseUrl} is ${wanted.slice(0, -1)}: pass node:${wanted.slice(0, -1)}.`,
    );
  }
}
