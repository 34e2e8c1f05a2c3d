/**
 * The shapes that cross the wire (protocol v1). docs/protocol.md is the
 * reference for people writing clients in other languages; these types are
 * the same thing for TypeScript.
 */

/** The body of a call: `POST {base}/{Service}/{method}` with the arguments in order. */
export type CallBody = readonly unknown[];

/** A successful answer to a call; a `void` method answers `{"result": null}`. */
export interface ResultBody {
  readonly result: unknown;
}

/** A failed call, with the status of its code. */
export interface ErrorBody {
  readonly error: WireError;
}

/** The error object inside an `ErrorBody`. Optional fields are absent, never `null`. */
export interface WireError {
  readonly code: string;
  readonly message: string;
  readonly path?: string;
  readonly expected?: string;
  readonly received?: string;
  readonly details?: unknown;
}

/** A callback argument inside a call's argument array: `n` is chosen by the client. */
export interface CallbackRef {
  readonly $cb: number;
}

/** One event of a client's queue, as `GET {base}/_events` returns it. */
export interface WireEvent {
  readonly seq: number;
  readonly cb: number;
  readonly method: string;
  readonly args: readonly unknown[];
}

/** The answer of `GET {base}/_events`. */
export interface EventsBody {
  readonly events: readonly WireEvent[];
}

/** The header that names the caller's client (required for calls with callbacks). Lower case, as `Headers` gives it. */
export const CLIENT_HEADER = 'x-contract-client';

/** The only media type of request and answer bodies. */
export const JSON_MEDIA_TYPE = 'application/json';

/** Whether `value` is a `{"$cb": n}` reference with `n` a non-negative safe integer. */
export function isCallbackRef(value: unknown): value is CallbackRef {
  if (typeof value !== 'object' || value === null) return false;
  const id = (value as { $cb?: unknown }).$cb;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0;
}
