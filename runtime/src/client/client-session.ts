import { ContractError } from '../protocol/contract-error.js';
import {
  CALL_HEADER,
  CLIENT_HEADER,
  EVENT_ENDPOINTS,
  JSON_MEDIA_TYPE,
  type OpenBody,
} from '../protocol/messages.js';
import type { HeadersOption } from './connect-options.js';
import { credentialsOf, type BearerToken, type Credentials } from './credentials.js';
import { exchange, type AbortingSend, type RawAnswer, type Send } from './exchange.js';
import { parseAnswer } from './parse-answer.js';
import type { StateCell } from './state-cell.js';
import { say } from '../messages.js';

/** What the server granted at an open; absent fields an older server did not send. */
export type Granted = Partial<Omit<OpenBody, 'client'>>;

/**
 * The client id of a connection and what the server said about it, plus the
 * one way to talk to the server: `request` adds the headers (the client id
 * once known) and ends with the connection (`closing`). The id is opened
 * lazily and by one request however many callers wait for it.
 */
export interface ClientSession {
  /** The base URL, without a trailing slash. */
  readonly base: string;
  /** Aborts when the connection closes. */
  readonly closing: AbortSignal;
  /** The current client id; `undefined` before the first open and after expiry. */
  id: string | undefined;
  /** The server has no `_open` (404): it serves calls only, so calls go without a client id. */
  sessionless: boolean;
  /** What the server granted at the last open. */
  granted: Granted;
  /** The last event seq delivered (the next poll's `after`); 0 for a fresh client. */
  lastSeen: number;
  /**
   * The last seq a session store (`ConnectOptions.session`) has saved as
   * delivered; `Infinity` without a store. Acknowledgements go no further
   * (`ackSeq`), so the server keeps what the store has not recorded.
   */
  durable: number;
  /** The seq to acknowledge: `lastSeen`, held back to `durable` while a store's save runs. */
  ackSeq(): number;
  /** Takes over `client`, a saved client resumed after `seq`, without `_open`. */
  adopt(client: string, seq: number): void;
  /** The headers and token every request carries (the WebSocket upgrade too). */
  readonly credentials: Credentials;
  /**
   * Whether the send lets go of a request's signal when the request ends
   * (`nodeHttpSend`), so one controller may serve request after request.
   * `fetch` may keep an abort step on the signal for good: a poll over fetch
   * gets a fresh controller each time.
   */
  readonly honorsAbort: boolean;
  /**
   * The client id, opening one first if needed; `undefined` from a server
   * without an event channel. Rejects like any exchange (`UNAVAILABLE`...).
   */
  open(): Promise<string | undefined>;
  /**
   * Forgets `client` after the server answered 410 for it. Returns the seq
   * after which events may have been lost, or `undefined` when `client` is
   * no longer current (another request already saw the 410), so that one
   * expiry is handled once.
   */
  forget(client: string): number | undefined;
  /**
   * Sends `{base}{path}` with the connection's headers, `client` as the
   * client header, JSON `body` if given, failing with `TIMEOUT` after
   * `timeout` ms. Without a `controller` the request ends when the
   * connection closes; with one, the caller ends it. A 401 is sent once more
   * with renewed credentials (the server ran nothing), so an expired token
   * costs neither the client id nor its place in the queue.
   */
  request(
    path: string,
    method: 'GET' | 'POST',
    client: string | undefined,
    body?: string,
    timeout?: number,
    controller?: AbortController,
    /** More headers for this request (a reference's `x-contract-ref`). */
    more?: Readonly<Record<string, string>>,
    /** The call's id (`x-contract-call`), for a call that has one. */
    call?: string,
  ): Promise<RawAnswer>;
}

/** A session of the connection at `base`; `openTimeout` bounds `POST _open`, whose outcome `state` hears. */
export function createSession(
  base: string,
  send: Send,
  headers: HeadersOption | undefined,
  closing: AbortSignal,
  openTimeout: number | undefined,
  state: StateCell,
  token?: BearerToken,
): ClientSession {
  let opening: Promise<string | undefined> | undefined;
  /** Requests that end with the connection. One listener on `closing` for all: many per signal make Node warn of a leak. */
  const pending = new Set<AbortController>();
  closing.addEventListener('abort', () => {
    for (const controller of pending) controller.abort(closing.reason);
  });

  function transmit(
    extra: Readonly<Record<string, string>>,
    path: string,
    method: 'GET' | 'POST',
    client: string | undefined,
    body: string | undefined,
    timeout: number | undefined,
    controller: AbortController | undefined,
    call?: string,
  ): Promise<RawAnswer> {
    const headers: Record<string, string> = { accept: JSON_MEDIA_TYPE, ...extra };
    if (body !== undefined) headers['content-type'] = JSON_MEDIA_TYPE;
    if (client !== undefined) headers[CLIENT_HEADER] = client;
    if (call !== undefined) headers[CALL_HEADER] = call;
    const init: RequestInit = body === undefined ? { method, headers } : { method, headers, body };
    const url = `${base}${path}`;
    if (controller !== undefined) return exchange(send, url, init, timeout, controller);
    // The connection's close reason (a ContractError), whatever AbortSignal types it as.
    if (closing.aborted) return Promise.reject(closing.reason as unknown);
    const own = new AbortController();
    pending.add(own);
    return exchange(send, url, init, timeout, own).finally(() => pending.delete(own));
  }

  async function openNew(): Promise<string | undefined> {
    let client: string | undefined;
    let granted: Granted = {};
    try {
      // A JSON body, so the request carries content-type: application/json, which servers ask of _open (issue 18).
      const raw = await session.request(EVENT_ENDPOINTS.open, 'POST', undefined, '{}', openTimeout);
      // A server built without callbacks has no _open: calls still work; a callback argument gets its 501.
      if (raw.status !== 404) [client, granted] = readOpenAnswer(parseAnswer(raw));
    } catch (error) {
      state.observe(error);
      throw error;
    }
    if (closing.aborted) throw closing.reason;
    state.online();
    if (client === undefined) session.sessionless = true;
    else
      Object.assign(session, {
        id: client,
        granted,
        lastSeen: 0,
        durable: session.durable === Infinity ? Infinity : 0,
      });
    return client;
  }

  const session: ClientSession = {
    base,
    closing,
    id: undefined,
    sessionless: false,
    granted: {},
    lastSeen: 0,
    durable: Infinity,
    ackSeq: () => Math.min(session.lastSeen, session.durable),
    adopt(client, seq) {
      Object.assign(session, { id: client, lastSeen: seq, durable: seq });
    },
    credentials: credentialsOf(headers, token),
    honorsAbort: (send as Partial<AbortingSend>).honorsAbort === true,
    open() {
      if (session.id !== undefined || session.sessionless) return Promise.resolve(session.id);
      return (opening ??= openNew().finally(() => (opening = undefined)));
    },
    forget(client) {
      if (session.id !== client) return undefined;
      const lastSeen = session.lastSeen;
      session.id = undefined;
      session.lastSeen = 0;
      return lastSeen;
    },
    async request(path, method, client, body, timeout, controller, more, call) {
      const { credentials } = session;
      let used = credentials.current();
      if (used instanceof Promise) used = await used;
      const headers = more === undefined ? used : { ...used, ...more };
      const answer = await transmit(headers, path, method, client, body, timeout, controller, call);
      if (answer.status !== 401 || !credentials.renewable) return answer;
      credentials.renew(used);
      const fresh = await credentials.current();
      return transmit(
        more === undefined ? fresh : { ...fresh, ...more },
        path,
        method,
        client,
        body,
        timeout,
        controller,
        call,
      );
    },
  };
  return session;
}

/** The client id and grants of `POST _open`'s answer; `ttl` and `wait` are optional so an older server still works. */
function readOpenAnswer(body: unknown): [string, Granted] {
  const { client, ttl, wait } = (body ?? {}) as { client?: unknown; ttl?: unknown; wait?: unknown };
  if (typeof client !== 'string' || client === '') {
    throw new ContractError('BAD_RESPONSE', say('no-client-id'));
  }
  return [client, { ...(isDuration(ttl) ? { ttl } : {}), ...(isDuration(wait) ? { wait } : {}) }];
}

function isDuration(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
