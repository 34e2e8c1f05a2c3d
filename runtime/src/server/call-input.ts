import type { ContractError } from '../protocol/contract-error.js';

/**
 * The router core's view of one HTTP request, independent of where it came
 * from: a web `Request` (`router.fetch`) or a node:http `IncomingMessage`
 * (the adapter's fast path, which never builds a `Request` unless asked).
 */
export interface CallInput {
  /** `POST`, `GET`, ... */
  readonly httpMethod: string;
  /** The path without query string, e.g. `/api/Chat/join`. */
  readonly pathname: string;
  /** A header by lower-case name; several values joined with `, `. */
  header(name: string): string | undefined;
  /**
   * The body as text, or BODY_TOO_LARGE as soon as it exceeds `limit` bytes (the rest is not buffered).
   * Rejects with a `ContractError` for bytes that are not UTF-8, with anything else for a broken upload.
   * `watch`, when given, sees every chunk as it arrives: the refusal it returns ends the reading at once
   * (the rest is not read either) and is what the promise rejects with.
   */
  readBody(limit: number, watch?: BodyWatch): Promise<string | typeof BODY_TOO_LARGE>;
  /** Whether the request has a body on its way: a refusal before it is read then closes the connection. */
  hasBody(): boolean;
  /** Whether `readBody` was called: a refusal of a request whose body was never read closes the connection. */
  readonly bodyRead: boolean;
  /** The query string without `?` (`after=7&wait=25000`), `''` when there is none. */
  query(): string;
  /** Calls `listener` once if the client goes away before the answer is written (a parked long poll then ends). */
  onClose(listener: () => void): void;
  /** A `Request` for the call context (without its body, which the router has read). */
  toRequest(): Request;
  /** Where the request was sent, `scheme://host[:port]`: the connection's scheme and the `Host` header (its `Origin` is compared with it). */
  hostOrigin(): string;
}

/** Looks at a body's bytes while they arrive (`CallInput.readBody`). */
export interface BodyWatch {
  /** The refusal that ends the reading, or `undefined` to read on. */
  check(bytes: Uint8Array): ContractError | undefined;
}

/** What `readBody` returns once the body passed its limit. */
export const BODY_TOO_LARGE: unique symbol = Symbol('contract-gen.body-too-large');

/** The router core's answer, turned into a `Response` or written to a `ServerResponse` by the transport. */
export interface CallOutput {
  readonly status: number;
  /** JSON text, unless `contentType` says otherwise. */
  readonly body: string;
  /** The body's media type when it is not `application/json` (the admin page's HTML, script and style sheet). */
  readonly contentType?: string;
  /** A `Content-Security-Policy` instead of the router's `default-src 'none'` (the admin page's, which lets its own script run). */
  readonly csp?: string;
  /** The `Allow` header of a 405. */
  readonly allow?: string;
  /** Close the connection after answering: the request body was not read to its end (413). */
  readonly close?: boolean;
  /** Send `cache-control: no-store` (event answers must never come from a cache). */
  readonly noStore?: boolean;
  /**
   * More headers (CORS); with status 204 the answer has no body and no content type. Never one the
   * hosts write themselves (content type and length, `allow`, `connection`, `cache-control`, the
   * security headers): node:http gets all as one list, where a name given twice is sent twice.
   */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Whether a request's head announces a body (a length other than 0, or a transfer coding). */
export function headAnnouncesBody(input: Pick<CallInput, 'header'>): boolean {
  const length = input.header('content-length');
  return (
    (length !== undefined && length !== '0') || input.header('transfer-encoding') !== undefined
  );
}

/**
 * `output`, closing the connection when it refuses (4xx, 5xx) a request
 * whose body the router never read (a 404, a 415, a refused client...): the
 * host would otherwise read the upload to its end to keep the connection,
 * whatever its size, and a sender could loop on one connection for free.
 */
export function closingUnread(input: CallInput, output: CallOutput): CallOutput {
  return output.status >= 400 && output.close !== true && !input.bodyRead && input.hasBody()
    ? { ...output, close: true }
    : output;
}
