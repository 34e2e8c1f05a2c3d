import type { DecodeLimits } from '../schema/limits.js';
import type { ServiceDescriptor } from '../schema/schema-types.js';

/**
 * A way to call services. Generated clients (`chatClient(conn)`) call
 * `conn.call(ChatService, 'join', [room, name, events])`.
 */
export interface Connection {
  /**
   * Calls `method` of `service`: encodes `args` with the parameter schemas
   * (trailing `undefined` optional ones are left out), sends them, and decodes
   * the result with the result schema. Rejects with a `ContractError`: the
   * server's error (code, status, message, path...), a `ServiceError` for an
   * application error (422), `UNAVAILABLE` when the server cannot be reached
   * (the cause attached), `TIMEOUT`, or `BAD_RESPONSE` for an answer that does
   * not fit the contract.
   */
  call<T>(service: ServiceDescriptor, method: string, args: readonly unknown[]): Promise<T>;
}

/** Headers sent with every call, or a function asked before each call (for tokens that change). */
export type HeadersOption = Readonly<Record<string, string>> | (() => Readonly<Record<string, string>>);

/** Options of `connect` and `connectInProcess`. */
export interface ConnectOptions {
  /** The `fetch` to use (default: the global one). Ignored by `connectInProcess`. */
  readonly fetch?: typeof fetch;
  /** Extra headers, e.g. `{ authorization: 'Bearer ...' }`. */
  readonly headers?: HeadersOption;
  /** Milliseconds to wait for an answer before failing with `TIMEOUT`; default: no limit. */
  readonly timeout?: number;
  /** Limits for decoding results (the server's answers); default: the schema defaults. */
  readonly limits?: Partial<DecodeLimits>;
}
