import { ContractError } from '../protocol/contract-error.js';
import {
  CLIENT_HEADER,
  EVENT_ENDPOINTS,
  JSON_MEDIA_TYPE,
  type OpenBody,
} from '../protocol/messages.js';
import type { HeadersOption } from './connect-options.js';
import { Credentials, type TokenProvider } from './credentials.js';
import { exchange, type AbortingSend, type RawAnswer, type Send } from './exchange.js';
import { parseAnswer } from './parse-answer.js';
import type { StateCell } from './state-cell.js';

/** What this client uses of `POST {base}/_open`'s answer; `ttl` and `wait` are optional so an older server still works. */
type OpenAnswer = Pick<OpenBody, 'client'> & Partial<Omit<OpenBody, 'client'>>;

/**
 * The client id of a connection and what the server said about it, plus the
 * one way to talk to the server: `request` adds the headers (the client id
 * once known) and ends with the connection (`closing`). The id is opened
 * lazily and by one request however many callers wait for it.
 */
export class ClientSession {
  /** The current client id; `undefined` before the first open and after expiry. */
  id: string | undefined;
  /** The server has no `_open` (404): it serves calls only, so calls go without a client id. */
  sessionless = false;
  /** What the server granted at the last open. */
  granted: Omit<OpenAnswer, 'client'> = {};
  /** The last event seq delivered (the next poll's `after`); 0 for a fresh client. */
  lastSeen = 0;
  #opening: Promise<string | undefined> | undefined;
  /** Requests that end with the connection. One listener on `closing` for all: many per signal make Node warn of a leak. */
  readonly #pending = new Set<AbortController>();
  /** The headers and token every request carries (the WebSocket upgrade too). */
  readonly credentials: Credentials;
  /**
   * Whether the send lets go of a request's signal when the request ends
   * (`nodeHttpSend`), so one controller may serve request after request.
   * `fetch` may keep an abort step on the signal for good: a poll over fetch
   * gets a fresh controller each time.
   */
  readonly honorsAbort: boolean;

  readonly #send: Send;
  readonly #openTimeout: number | undefined;
  readonly #state: StateCell;

  constructor(
    readonly base: string,
    send: Send,
    headers: HeadersOption | undefined,
    readonly closing: AbortSignal,
    openTimeout: number | undefined,
    state: StateCell,
    token?: TokenProvider,
  ) {
    this.#send = send;
    this.#openTimeout = openTimeout;
    this.#state = state;
    this.credentials = new Credentials(headers, token);
    this.honorsAbort = (send as Partial<AbortingSend>).honorsAbort === true;
    closing.addEventListener('abort', () => {
      for (const controller of this.#pending) controller.abort(closing.reason);
    });
  }

  /**
   * The client id, opening one first if needed; `undefined` from a server
   * without an event channel. Rejects like any exchange (`UNAVAILABLE`...).
   */
  open(): Promise<string | undefined> {
    if (this.id !== undefined || this.sessionless) return Promise.resolve(this.id);
    this.#opening ??= this.#openNew().finally(() => (this.#opening = undefined));
    return this.#opening;
  }

  /**
   * Forgets `client` after the server answered 410 for it. Returns the seq
   * after which events may have been lost, or `undefined` when `client` is
   * no longer current (another request already saw the 410), so that one
   * expiry is handled once.
   */
  forget(client: string): number | undefined {
    if (this.id !== client) return undefined;
    const lastSeen = this.lastSeen;
    this.id = undefined;
    this.lastSeen = 0;
    return lastSeen;
  }

  /**
   * Sends `{base}{path}` with the connection's headers, `client` as the
   * client header, JSON `body` if given, failing with `TIMEOUT` after
   * `timeout` ms. Without a `controller` the request ends when the
   * connection closes; with one, the caller ends it. A 401 is
   * sent once more with renewed credentials (the server ran nothing), so an
   * expired token costs neither the client id nor its place in the queue.
   */
  async request(
    path: string,
    method: 'GET' | 'POST',
    client: string | undefined,
    body?: string,
    timeout?: number,
    controller?: AbortController,
  ): Promise<RawAnswer> {
    const { credentials } = this;
    let used = credentials.current();
    if (used instanceof Promise) used = await used;
    const answer = await this.#transmit(used, path, method, client, body, timeout, controller);
    if (answer.status !== 401 || !credentials.renewable) return answer;
    credentials.renew(used);
    const fresh = await credentials.current();
    return this.#transmit(fresh, path, method, client, body, timeout, controller);
  }

  #transmit(
    extra: Readonly<Record<string, string>>,
    path: string,
    method: 'GET' | 'POST',
    client: string | undefined,
    body: string | undefined,
    timeout: number | undefined,
    controller: AbortController | undefined,
  ): Promise<RawAnswer> {
    const headers: Record<string, string> = { accept: JSON_MEDIA_TYPE, ...extra };
    if (body !== undefined) headers['content-type'] = JSON_MEDIA_TYPE;
    if (client !== undefined) headers[CLIENT_HEADER] = client;
    const init: RequestInit = body === undefined ? { method, headers } : { method, headers, body };
    const url = `${this.base}${path}`;
    if (controller !== undefined) return exchange(this.#send, url, init, timeout, controller);
    if (this.closing.aborted) return Promise.reject(this.closing.reason as ContractError);
    const own = new AbortController();
    this.#pending.add(own);
    return exchange(this.#send, url, init, timeout, own).finally(() => this.#pending.delete(own));
  }

  async #openNew(): Promise<string | undefined> {
    let answer: OpenAnswer | undefined;
    try {
      const raw = await this.request(
        EVENT_ENDPOINTS.open,
        'POST',
        undefined,
        undefined,
        this.#openTimeout,
      );
      // A server built without callbacks has no _open: calls still work; a callback argument gets its 501.
      if (raw.status !== 404) answer = readOpenAnswer(parseAnswer(raw));
    } catch (error) {
      this.#state.observe(error);
      throw error;
    }
    if (this.closing.aborted) throw this.closing.reason;
    this.#state.online();
    if (answer === undefined) {
      this.sessionless = true;
      return undefined;
    }
    const { client, ...granted } = answer;
    this.id = client;
    this.granted = granted;
    this.lastSeen = 0;
    return client;
  }
}

function readOpenAnswer(body: unknown): OpenAnswer {
  const { client, ttl, wait } = (body ?? {}) as { client?: unknown; ttl?: unknown; wait?: unknown };
  if (typeof client !== 'string' || client === '') {
    throw new ContractError('BAD_RESPONSE', 'The server answered _open without a "client" id.');
  }
  return { client, ...(isDuration(ttl) ? { ttl } : {}), ...(isDuration(wait) ? { wait } : {}) };
}

function isDuration(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
