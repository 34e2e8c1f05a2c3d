/**
 * JSON-RPC 2.0 as LSP uses it (https://www.jsonrpc.org/specification): the
 * message shapes, the error codes, and a small dispatcher over a framed
 * stream. Errors are data: a handler throws a {@link ResponseError} with a
 * code, and anything else it throws becomes an internal error with its message.
 */
import { createMessageReader, encodeMessage, type FramingError } from './message-reader.js';

export type RequestId = number | string;

/** The error codes of JSON-RPC, and the LSP ones this server answers with. */
export const rpcErrors = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  /** LSP: a request before `initialize`. */
  serverNotInitialized: -32002,
} as const;

/** An error answer with its code; throw it from a request handler. */
export class ResponseError extends Error {
  override readonly name = 'ResponseError';
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface RpcHandlers {
  /** Answers a request: the result, or throw a {@link ResponseError}. Unknown methods answer -32601 by throwing {@link methodNotFound}. */
  request(method: string, params: unknown): unknown;
  /** Takes a notification; unknown ones are ignored, as the spec asks. */
  notification(method: string, params: unknown): void;
}

export interface RpcConnection {
  /** Feeds bytes read from the client. */
  push(chunk: Uint8Array): void;
  notify(method: string, params: unknown): void;
}

/** The error for a request nobody handles. */
export function methodNotFound(method: string): ResponseError {
  return new ResponseError(rpcErrors.methodNotFound, `Unhandled method ${method}`);
}

/**
 * A connection over a byte stream: `write` sends framed bytes to the client.
 * Requests are answered in the order their handlers settle (LSP allows it);
 * a request's handler may return a promise.
 */
export function createRpcConnection(handlers: RpcHandlers, write: (bytes: Buffer) => void): RpcConnection {
  const send = (message: object) => write(encodeMessage({ jsonrpc: '2.0', ...message }));
  const fail = (id: RequestId | null, code: number, message: string) => send({ id, error: { code, message } });

  const answer = async (id: RequestId, method: string, params: unknown) => {
    try {
      const result = await handlers.request(method, params);
      send({ id, result: result ?? null });
    } catch (error) {
      if (error instanceof ResponseError) fail(id, error.code, error.message);
      else fail(id, rpcErrors.internalError, `${method} failed: ${(error as Error)?.message ?? String(error)}`);
    }
  };

  const dispatch = (message: unknown) => {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      // LSP never batches; an array or a bare value is not a request we can answer by id.
      return fail(null, rpcErrors.invalidRequest, 'A message must be a JSON object (batches are not supported).');
    }
    const { id, method, params } = message as { id?: unknown; method?: unknown; params?: unknown };
    const hasId = typeof id === 'number' || typeof id === 'string';
    if (typeof method !== 'string') {
      // An answer to a request of ours (this server sends none that need one), or nonsense.
      if ('result' in message || 'error' in message) return;
      return fail(hasId ? id : null, rpcErrors.invalidRequest, "A request needs a string 'method'.");
    }
    if (hasId) return void answer(id, method, params);
    if (id !== undefined) return fail(null, rpcErrors.invalidRequest, "'id' must be a number or a string.");
    try {
      handlers.notification(method, params);
    } catch {
      // A notification has no answer to carry the error; the handler reports what matters itself.
    }
  };

  const reader = createMessageReader(dispatch, (error: FramingError) =>
    fail(null, error.code === 'bad-json' ? rpcErrors.parseError : rpcErrors.invalidRequest, error.message),
  );
  return { push: (chunk) => reader.push(chunk), notify: (method, params) => send({ method, params }) };
}
