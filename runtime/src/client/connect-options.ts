import type { DecodeLimits } from '../schema/limits.js';
import type { EventError, EventGap } from './event-reports.js';
import type { TransportFallback } from './fallback-report.js';
import type { ReleaseNotice, Resubscribe } from './resubscribe.js';
import type { BearerToken } from './credentials.js';
import type { NodeHttpModule } from './node-http-send.js';
import type { SessionOption } from './session-keeper.js';
import type { TransportOption } from './transport-switch.js';
import type { WebSocketConstructor } from './web-socket-like.js';

export type { TransportOption } from './transport-switch.js';
export type { WebSocketConstructor, WebSocketLike } from './web-socket-like.js';
export type { NodeHttpModule } from './node-http-send.js';

/** Headers sent with every request, or a function asked before each one (for tokens that change). */
export type HeadersOption =
  Readonly<Record<string, string>> | (() => Readonly<Record<string, string>>);

/** How the event channel reads events: see `ConnectOptions.events`. */
export type EventsMode = 'long-poll' | 'poll';

/**
 * Reconnect delays: attempt k (from 0) waits `min(max, initial * factor^k)`,
 * scaled by a random factor in `[1 - jitter, 1]` so that many clients cut off
 * at once do not come back in step.
 */
export interface BackoffOptions {
  /** First delay in ms; default 250. */
  readonly initial?: number;
  /** Longest delay in ms; default 10,000 (well under any server's client ttl). */
  readonly max?: number;
  /** Growth per attempt; default 2. */
  readonly factor?: number;
  /** Share of the delay that is random, 0..1; default 0.5. */
  readonly jitter?: number;
  /**
   * Ms from the start of an outage during which a retry comes at least once
   * a second, whatever the curve says; default 30,000, `0` for the plain
   * curve. A restarting server is usually back within seconds: the client
   * is `online` again within a second of it answering. Past it, retries
   * back off to `max` (a long outage costs the server little).
   */
  readonly quick?: number;
}

/** Options of `connect` and `connectInProcess`. */
export interface ConnectOptions {
  /** The `fetch` to use (default: the global one). Ignored by `connectInProcess`. */
  readonly fetch?: typeof fetch;
  /**
   * On Node, `node:http` (or `node:https` for an `https:` URL): HTTP
   * requests go through it with a keep-alive agent instead of `fetch`, at
   * about a third of the CPU per request (what a long-polling client feels
   * most). Passed in, like `WebSocket`, so the client never imports a Node
   * module: `import * as http from 'node:http'; connect(url, { http })`.
   * Not with `fetch`. Ignored by `connectInProcess`. Refused by the browser
   * build (the export's `browser` condition), which leaves the node:http
   * sender out of page bundles.
   */
  readonly http?: NodeHttpModule;
  /** Extra headers, e.g. `{ authorization: 'Bearer ...' }`; a function is asked before every request, and again after a 401. */
  readonly headers?: HeadersOption;
  /**
   * `bearerToken(provider)`: the access token sent as `authorization:
   * Bearer <token>` (HTTP requests and the WebSocket upgrade), asked of
   * `provider` on first use and again after the server answers 401 (see
   * `bearerToken`). (A bare function, as this option once took, is refused
   * with a `TypeError` that says so.)
   */
  readonly token?: BearerToken;
  /**
   * Milliseconds to wait for a call's answer before failing with `TIMEOUT`
   * (default: no limit), and for a poll's answer beyond the wait it asked for
   * before counting it as lost and polling again (default: 10,000).
   */
  readonly timeout?: number;
  /** Limits for decoding the server's answers and events; default: the schema defaults. */
  readonly limits?: Partial<DecodeLimits>;
  /**
   * How events (and, over WebSocket, calls) travel:
   * - `auto` (the default, unless `events` is given): WebSocket where there
   *   is one (`WebSocket` below, else `globalThis.WebSocket`), falling back
   *   to long polling when the upgrade fails twice in a row or sockets keep
   *   dying (three in a row within 10 s of opening), and trying WebSocket
   *   again every `socketRetry` ms; long polling where there is none;
   * - `websocket`: WebSocket only (reconnecting with backoff, never
   *   polling); a `TypeError` at `connect` when there is no WebSocket;
   * - `long-poll`, `poll`: the HTTP binding only (see `events`).
   */
  readonly transport?: TransportOption;
  /**
   * The WebSocket constructor, for runtimes without a global one: on Node 20
   * `import { WebSocket } from 'ws'` and `connect(url, { WebSocket })`.
   * The client never imports `ws` itself, so browser builds stay free of it.
   */
  readonly WebSocket?: WebSocketConstructor;
  /** With `transport: 'auto'`, ms on polling after a fallback before WebSocket is tried again; default 60,000. */
  readonly socketRetry?: number;
  /**
   * How events are read over HTTP once a callback is registered: `long-poll` (default)
   * holds `GET _events?wait=` until an event arrives, then asks again at once;
   * `poll` asks with `wait=0` every `pollInterval` (for networks that kill held requests).
   * Given without `transport`, it is the transport (no WebSocket).
   */
  readonly events?: EventsMode;
  /** Heartbeat period of `poll` mode in ms; default 500 (at most half the server's client ttl). */
  readonly pollInterval?: number;
  /**
   * Longest hold of a long poll in ms; default 20,000, capped by what the
   * server grants. Keep it well under 60 s: proxies cut idle requests there.
   */
  readonly wait?: number;
  /** Reconnect delays after failed polls (network errors, 5xx, timeouts). */
  readonly backoff?: BackoffOptions;
  /**
   * Where to keep this client between runs of the application (a page
   * reload, a process restart), so that the next run resumes it: the same
   * client id, the events it missed delivered once each, in order, after the
   * last one delivered, to the objects it binds again with `conn.resume(...)`.
   * `webStorageSession(key)` (browsers), `fileSession(path)` from
   * `@contract-gen/runtime/client/file-session` (Node, Deno, Bun), or
   * `keepSession({ load, save })` for a store of your own. The store holds the client id, the key to the
   * client's events: keep it as private as a session token. Without it
   * nothing is kept. See docs/resume.md.
   */
  readonly session?: SessionOption;
  /** Told of events that will never arrive (default: `console.warn`). See `EventGap`. */
  readonly onGap?: (gap: EventGap) => void;
  /**
   * Told when `transport: 'auto'` moves the events to long polling, with the
   * reason and a hint (default: one `console.warn` per connection). See
   * `TransportFallback` and docs/deploy.md.
   */
  readonly onFallback?: (fallback: TransportFallback) => void;
  /** Told of events dropped or failed in the handler (default: `console.error`, silent for released callbacks). */
  readonly onEventError?: (problem: EventError) => void;
  /**
   * Told when the server released a callback object by itself, with a
   * release notice: the server process that held its subscription in memory
   * (a `Broadcast`) stopped, was killed or restarted (reason
   * `server-restart`). The object gets no more events unless subscribed
   * again, which `resubscribe` does by itself. Default: `console.warn`
   * (unless `resubscribe` is on). See `ReleaseNotice`.
   */
  readonly onReleased?: (notice: ReleaseNotice) => void;
  /**
   * `resubscribeCalls()`: when the server releases a callback object by
   * itself (a release notice, see `onReleased`) or forgets the whole client
   * (`onGap` reason `expired`), call again every call that carried the
   * object (see `resubscribeCalls`). Default: none. (`true`, as this option
   * once took, is refused with a `TypeError` that says so.)
   */
  readonly resubscribe?: Resubscribe;
  /**
   * How many times a call whose answer was lost (the connection failed or
   * timed out, or a proxy answered 502, 503 or 504) is sent again, after a
   * `backoff` pause, before the error reaches the application. With it,
   * every call carries an id (`x-contract-call`, docs/protocol.md) that its
   * resends keep, and the server remembers the answers of each client's
   * recent calls (a store write per call, which is why it is off by default): a call that ran before its answer was lost is answered again,
   * not run again, so its events are published once. Default 0 (a lost
   * answer is the application's error, as before).
   */
  readonly resendCalls?: number;
}

/**
 * The options of a connection to another server that a reference named: the
 * same as the first connection's but for `session`, which saves one client
 * of one server (a second connection would overwrite it).
 */
export function otherServerOptions(options: ConnectOptions): ConnectOptions {
  const { session: _session, ...rest } = options;
  return rest;
}
