import { errorStatus, isErrorCode, type ErrorCode } from './error-codes.js';

/** What a `ContractError` may carry besides its code and message. */
export interface ContractErrorOptions {
  /** HTTP status; by default the one of the code (500 for an unknown code). */
  readonly status?: number;
  /** Where the bad value is, e.g. `args[1].legs[0][1]`. */
  readonly path?: string;
  /** What the contract expects there, e.g. `number`. */
  readonly expected?: string;
  /** A short description of what was found, e.g. `"abc"`. */
  readonly received?: string;
  /** JSON-ready data for the caller (application errors). */
  readonly details?: unknown;
  /** The underlying error; never sent over the wire. */
  readonly cause?: unknown;
}

/**
 * An error that is part of the protocol: a stable `code`, its HTTP `status`,
 * a message that says what is wrong and how to fix it, and for bad values the
 * `path`, `expected` and `received`. Thrown on both sides: the server turns it
 * into `{"error": {...}}`, the client rebuilds it from that answer.
 */
export class ContractError extends Error {
  override name = 'ContractError';
  /** A protocol code (`BAD_ARGUMENT`, ...) or an application code (`OVERFLOW`, ...). */
  readonly code: string;
  /** The HTTP status the error travels with. */
  readonly status: number;
  /** Where the bad value is, e.g. `args[1].legs[0][1]`. */
  readonly path?: string;
  /** What the contract expects at `path`. */
  readonly expected?: string;
  /** What was found at `path`. */
  readonly received?: string;
  /** JSON-ready data for the caller. */
  readonly details?: unknown;

  constructor(
    code: ErrorCode | (string & {}),
    message: string,
    options: ContractErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? (isErrorCode(code) ? errorStatus[code] : 500);
    if (options.path !== undefined) this.path = options.path;
    if (options.expected !== undefined) this.expected = options.expected;
    if (options.received !== undefined) this.received = options.received;
    if (options.details !== undefined) this.details = options.details;
  }
}
