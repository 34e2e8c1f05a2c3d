/**
 * Every protocol error code and the HTTP status it travels with.
 *
 * Codes are the stable part of an error: clients branch on them, people
 * search for them. Add codes, never rename one. Application errors thrown by
 * implementations (`ServiceError`) use their own codes and status 422.
 */
export const errorStatus = {
  /** The request is not a call: malformed JSON, a body that is not an array, a missing header. */
  BAD_REQUEST: 400,
  /** An argument does not match the contract; the error carries `path`, `expected`, `received`. */
  BAD_ARGUMENT: 400,
  /** A value nests deeper than the configured limit (`limits.maxDepth`). */
  TOO_DEEP: 400,
  /** An array, tuple rest, record or `_release` list has more items than the limit (`limits.maxItems`). */
  TOO_MANY_ITEMS: 400,
  /** A string (base64 and ISO strings included) is longer than the limit (`limits.maxStringLength`). */
  TOO_LONG: 400,
  /** A bigint has more digits than the limit (`limits.maxBigIntDigits`). */
  TOO_MANY_DIGITS: 400,
  /** A string escapes half of a surrogate pair (`"\uD800"`): it is not Unicode text, so no handler sees it. */
  LONE_SURROGATE: 400,
  /** The auth hook could not identify the caller. */
  UNAUTHENTICATED: 401,
  /** The caller is known but may not make this call (the auth hook refused it, or an access rule denies it). */
  FORBIDDEN: 403,
  /**
   * The client id names no client of this caller: another principal's, or
   * none at all (the two are answered alike, so an id's existence never
   * leaks). Only with an auth hook; open a new client.
   */
  FOREIGN_CLIENT: 403,
  /**
   * The request came from a web page (its `Origin` header) of another
   * origin than the server's own, and the router's `origins` option does not
   * allow it. Nothing ran, not even the auth hook.
   */
  ORIGIN_NOT_ALLOWED: 403,
  /** No such service or method under this base path. */
  NOT_FOUND: 404,
  /**
   * The service reference a call was made through (`x-contract-ref`) names no
   * live instance of this server: it was released, its owner client ended, or
   * the server restarted (instances live in its memory). Ask the service that
   * gave the reference for a fresh one (docs/protocol.md, "Service references").
   */
  UNKNOWN_REF: 404,
  /** Calls are `POST`; the answer carries an `Allow` header. */
  METHOD_NOT_ALLOWED: 405,
  /** The client id is unknown or has expired; open a new client. */
  UNKNOWN_CLIENT: 410,
  /** The body is larger than the server accepts. */
  TOO_LARGE: 413,
  /** The body is not `application/json`. */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /**
   * A plain `GET {base}/_ws`: the WebSocket endpoint answers upgrades only.
   * Seen when a proxy in front drops the `Upgrade` and `Connection` headers
   * (nginx's defaults do): see docs/deploy.md. The answer carries
   * `Upgrade: websocket`.
   */
  UPGRADE_REQUIRED: 426,
  /** The client already holds `limits.maxCallbacksPerClient` live callbacks: release some first. */
  TOO_MANY_CALLBACKS: 429,
  /** The principal already has `limits.maxClientsPerPrincipal` live clients: close one, or wait for one to expire. */
  TOO_MANY_CLIENTS: 429,
  /**
   * The call came over a WebSocket whose unsent data exceeds
   * `webSocket.highWater` (its reader is not keeping up): read what the
   * server sent, then call again. The socket is dropped (close code 4429)
   * if the reader still does not drain.
   */
  SLOW_READER: 429,
  /** A server fault; the details stay in the server's log. */
  INTERNAL: 500,
  /** The server does not support this feature (yet), e.g. callback arguments without an event channel. */
  NOT_IMPLEMENTED: 501,
  /** Client side: the server answered something that is not a valid answer for the contract. */
  BAD_RESPONSE: 502,
  /** Client side: the server could not be reached; the cause is attached. */
  UNAVAILABLE: 503,
  /**
   * The server process is draining (a rolling deploy) and takes no new
   * clients: nothing ran; send the request again (a load balancer routes it
   * to another process). The contract-gen client does so by itself.
   */
  DRAINING: 503,
  /** Client side: no answer within the configured timeout. */
  TIMEOUT: 504,
} as const;

/** A protocol error code (application errors use their own strings). */
export type ErrorCode = keyof typeof errorStatus;

/** The status of every application error (`ServiceError`): the call was valid, the implementation refused it. */
export const APPLICATION_ERROR_STATUS = 422;

/** Whether `code` is one of the protocol's own codes (as opposed to an application code). */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorStatus, code);
}
