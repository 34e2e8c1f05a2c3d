import { ContractError } from './contract-error.js';
import type { ErrorBody, WireError } from './messages.js';

/** What `toErrorBody` returns: the HTTP status and the JSON-ready body. */
export interface ErrorAnswer {
  readonly status: number;
  readonly body: ErrorBody;
}

/** The answer for anything that is not a `ContractError`: nothing of it leaves the server. */
const internal: ErrorAnswer = {
  status: 500,
  body: {
    error: {
      code: 'INTERNAL',
      message: 'The server failed while handling the call; the details are in its log.',
    },
  },
};

/**
 * The one normaliser for anything thrown on the server. A `ContractError`
 * (including `ServiceError`) keeps its code, status, message and fields;
 * anything else becomes a generic 500 `INTERNAL` whose message says nothing
 * about the fault, because stack traces and internal messages leak secrets.
 * The cause is never sent.
 */
export function toErrorBody(error: unknown): ErrorAnswer {
  if (!(error instanceof ContractError)) return internal;
  const wire: { -readonly [K in keyof WireError]: WireError[K] } = {
    code: error.code,
    message: error.message,
  };
  if (error.path !== undefined) wire.path = error.path;
  if (error.expected !== undefined) wire.expected = error.expected;
  if (error.received !== undefined) wire.received = error.received;
  if (error.details !== undefined) wire.details = error.details;
  // An error must not travel as a success (or a redirect): out-of-range statuses become 500.
  const status = error.status >= 400 && error.status <= 599 ? error.status : 500;
  return { status, body: { error: wire } };
}
