/**
 * The WebSocket binding's frames (protocol v1, `GET {base}/_ws`). Each frame
 * is one JSON text with a `type`; docs/protocol.md describes them one by
 * one. The messages are those of the HTTP binding: a call frame carries what
 * a `POST` carries, an answer frame the HTTP status and body members.
 */
import type { WireEntry, WireError, WireGap } from './messages.js';

/** The WebSocket endpoint under `{base}`. */
export const WS_ENDPOINT = '/_ws';

/**
 * Close codes the server uses beyond the standard ones (1000 normal, 1001
 * going away, 1008 a frame that breaks the protocol, 1009 a frame too big).
 */
export const WS_CLOSE = /* @__PURE__ */ Object.freeze({
  /**
   * 1012 (service restart): the server is draining. It answered every call it
   * received on this socket before closing; a call without an answer did not
   * run: send it again. Reconnect at once (a load balancer sends the new
   * socket to another process).
   */
  draining: 1012,
  /** A newer socket of the same client took over. */
  replaced: 4409,
  /** The client is gone (closed, expired, overflowed): a `gone` frame came first. */
  gone: 4410,
  /** No frame from the client within the ping timeout. */
  timeout: 4408,
  /**
   * The server no longer accepts the socket's credentials (a re-check of its
   * principal was refused with 401: reason `credentials refused`; or the
   * server disconnected the principal or the client: reason `disconnected`):
   * an `error` frame with the 401 came first. Renew the credentials, then
   * connect again.
   */
  unauthenticated: 4401,
  /**
   * The socket's principal may no longer use it (a re-check was refused with
   * 403, or now names another principal, whose client this is not): an
   * `error` frame with the 403 came first.
   */
  forbidden: 4403,
  /** The socket's reader did not drain its unsent answers (see `SLOW_READER`). */
  slowReader: 4429,
} as const);

/** First frame of a socket: resume `client` after `after`, or without `client` open a new one. */
export interface HelloFrame {
  readonly type: 'hello';
  readonly client?: string;
  /** The last seq the client processed (acknowledges everything up to it); default 0. */
  readonly after?: number;
}

/** A call: `id` is the client's, echoed by the answer. */
export interface CallFrame {
  readonly type: 'call';
  readonly id: number;
  readonly service: string;
  readonly method: string;
  readonly args: readonly unknown[];
  /** The call's id across resends (`CALL_HEADER` over HTTP): optional. */
  readonly call?: string;
}

/** Cumulative acknowledgement: every event with seq <= `seq` was processed. */
export interface AckFrame {
  readonly type: 'ack';
  readonly seq: number;
}

/** `POST _release` as a frame; answered by an `answer` with the same id. */
export interface ReleaseFrame {
  readonly type: 'release';
  readonly id: number;
  readonly callbacks: readonly number[];
}

/** `POST _close` as a frame; answered, then the server closes the socket (1000). */
export interface CloseFrame {
  readonly type: 'close';
  readonly id: number;
}

/** The answer to a `ping`. */
export interface PongFrame {
  readonly type: 'pong';
}

/** Every frame a client sends. */
export type ClientFrame = HelloFrame | CallFrame | AckFrame | ReleaseFrame | CloseFrame | PongFrame;

/** The server's answer to `hello`: the client (new or resumed) and the terms of this socket. */
export interface WelcomeFrame {
  readonly type: 'welcome';
  readonly client: string;
  /** As in `_open`: ms the server keeps a client without activity (an open socket is activity). */
  readonly ttl: number;
  /** As in `_open` (the long-poll wait), so a client that falls back to polling knows it. */
  readonly wait: number;
  /** The server sends a `ping` every `ping` ms; a client that hears nothing for `ping + pingTimeout` may take the socket for dead. */
  readonly ping: number;
  /** Ms the server waits for any frame after a ping before dropping the socket. */
  readonly pingTimeout: number;
  /** Most unacknowledged events the server sends before waiting for an `ack`. */
  readonly window: number;
  /** Largest frame the server accepts, in bytes (the router's body limit); a larger call goes over HTTP. */
  readonly maxFrame: number;
}

/** Events with seq > the last sent, in order, maybe with the gap notice of the HTTP binding. */
export interface EventsFrame {
  readonly type: 'events';
  readonly events: readonly WireEntry[];
  readonly gap?: WireGap;
}

/** The answer to a `call`, `release` or `close`: the HTTP status and the members of the HTTP body. */
export interface AnswerFrame {
  readonly type: 'answer';
  readonly id: number;
  readonly status: number;
  readonly result?: unknown;
  readonly error?: WireError;
}

/**
 * A frame that broke the protocol (no request id to answer), after which the
 * server closes the socket (1008); or the server withdrew the socket's
 * authority (4401, 4403 after it).
 */
export interface ErrorFrame {
  readonly type: 'error';
  readonly status: number;
  readonly error: WireError;
}

/** The client ended (the HTTP 410 body); the socket closes with 4410 after it. */
export interface GoneFrame {
  readonly type: 'gone';
  readonly status: 410;
  readonly error: WireError;
}

/** Keepalive: answer with `pong` (any frame will do). */
export interface PingFrame {
  readonly type: 'ping';
}

/** Every frame a server sends. */
export type ServerFrame =
  WelcomeFrame | EventsFrame | AnswerFrame | ErrorFrame | GoneFrame | PingFrame;
