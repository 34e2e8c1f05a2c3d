import type { ServiceDescriptor } from '../schema/schema-types.js';
import type { CallbackHandle } from './callback-handle.js';
import type { LogPosition } from './event-reports.js';
import type { CallbackBinding, ResumeOutcome } from './resume-bindings.js';

export type {
  ConnectOptions,
  HeadersOption,
  EventsMode,
  BackoffOptions,
  TransportOption,
  WebSocketConstructor,
  WebSocketLike,
} from './connect-options.js';

/**
 * Where a connection stands, for a UI badge:
 * - `connecting`: nothing has reached the server yet;
 * - `online`: the last request reached the server;
 * - `offline`: the last request did not (network error, timeout, a proxy's
 *   5xx); the event loop, if running, retries with backoff;
 * - `closed`: `close()` was called; final.
 */
export type ConnectionState = 'connecting' | 'online' | 'offline' | 'closed';

/**
 * How events travel now: `websocket` (events and calls over one socket),
 * `long-poll` (held `GET _events`) or `poll` (heartbeat `wait=0` every
 * `pollInterval`).
 */
export type TransportKind = 'websocket' | 'long-poll' | 'poll';

/** Told of every state change; `error` is what made the connection go `offline`. */
export type StateListener = (state: ConnectionState, error?: unknown) => void;

/**
 * A way to call services and receive their callbacks. Generated clients
 * (`chatClient(conn)`) call `conn.call(ChatService, 'join', [room, name, events])`.
 */
/** Per-call options of `Connection.call`. */
export interface CallOptions {
  /** Call through the service reference with this token (`x-contract-ref`). */
  readonly ref?: string;
}

export interface Connection {
  /**
   * Calls `method` of `service`: encodes `args` with the parameter schemas
   * (trailing `undefined` optional ones are left out; a local object given for
   * a callback parameter is registered and travels as `{"$cb": n}`), sends
   * them, and decodes the result with the result schema. Rejects with a
   * `ContractError`: the server's error (code, status, message, path...), a
   * `ServiceError` for an application error (422), `UNAVAILABLE` when the
   * server cannot be reached (the cause attached) or the connection is closed,
   * `TIMEOUT`, or `BAD_RESPONSE` for an answer that does not fit the contract.
   * A call refused because the client expired (410) is reported through
   * `onGap` and sent once more with a fresh client.
   *
   * A method whose result is a service (`room(id): Promise<Room>`) resolves
   * with a typed proxy bound to the instance the server returned, on this
   * connection or, for a reference to another server, on a connection to
   * that server made with the same options (one per origin, closed with this
   * one). `options.ref` makes the call through such a reference (the proxy
   * does it).
   */
  call<T>(
    service: ServiceDescriptor,
    method: string,
    args: readonly unknown[],
    options?: CallOptions,
  ): Promise<T>;
  /**
   * Releases the service instance behind reference token `ref` on this
   * connection's server (`POST _unref`). Resolves once the server answered;
   * a token it no longer knows is no error. Reference proxies call it from
   * `Symbol.dispose`.
   */
  unref(ref: string): Promise<void>;
  /** The wire id (`{"$cb": n}`) `target` is registered under on this connection, or `undefined`. */
  callbackId(target: object): number | undefined;
  /** The current state; see `ConnectionState`. */
  readonly state: ConnectionState;
  /**
   * The transport in use; it may change under `transport: 'auto'` (falling
   * back to long polling, back to WebSocket), and `onState` listeners are
   * called with the current state when it does.
   */
  readonly transport: TransportKind;
  /** The server's id for this client once opened (for logs), else `undefined`. */
  readonly clientId: string | undefined;
  /**
   * The seq of the last event handed to the application; inside a callback
   * method, the seq of the event it is handling (store it with what the
   * handler does, for exactly-once across crashes: see docs/resume.md).
   * 0 before the first event of a client.
   */
  readonly lastSeq: number;
  /**
   * A log follower's position: the log, and the offset and epoch of the last
   * event of it delivered to `target` (inside its method, of the event it is
   * handling); `undefined` before its first. Save it with what the handler
   * does, and pass `{ offset, epoch }` to the subscribing call in a later run
   * to go on from there (docs/logs.md).
   */
  logPosition(target: object): LogPosition | undefined;
  /**
   * With `connect(url, { session })`: takes over the client the store
   * saved, if any, binding the application's local objects to its saved
   * callbacks (`bindChatEvents(events)` from the generated client, one per
   * callback interface), so that the events the client missed since the
   * last one delivered come to them, once each, in order, then what comes
   * next. Call it once, before the first call (a call made first resumes
   * binding nothing: the saved callbacks are released). Resolves with what
   * it did: `resumed: false` when nothing was saved (subscribe as on a first
   * run). When the server no longer knows the saved client (expired, or a
   * server restart with the memory store), `onGap` tells it with reason
   * `expired` and the bound objects, as for any expiry: subscribe again.
   * Rejects with a `TypeError` when called twice or after a call, or when
   * one object is bound to several saved callbacks. Without `session`,
   * resolves with `resumed: false`.
   */
  resume(...bindings: CallbackBinding[]): Promise<ResumeOutcome>;
  /** Calls `listener` on every state change (and transport change) from now on; returns the unsubscribe function. */
  onState(listener: StateListener): () => void;
  /**
   * Releases a callback object passed to earlier calls: it stops receiving
   * events at once (events still in flight are dropped), and the server is
   * told (`POST _release`), so its stand-ins leave their broadcasts. Resolves
   * when the server has acknowledged; an object that is not registered
   * resolves at once. Passing the object to a call again registers it anew.
   */
  release(target: object): Promise<void>;
  /**
   * A handle on a callback object for scoped release: `handle.release()`, and
   * where the runtime has them `Symbol.dispose` / `Symbol.asyncDispose`
   * (`using sub = conn.callback(events)`). Registers nothing by itself; the
   * object is registered when passed to a call.
   */
  callback<T extends object>(target: T): CallbackHandle<T>;
  /**
   * Ends the connection: stops the event loop, rejects pending calls with
   * `UNAVAILABLE`, releases everything on the server (`POST _close`, best
   * effort) and moves to `closed`. Later calls reject at once. Never rejects.
   */
  close(): Promise<void>;
}
