/**
 * One answered call, for `createRouter({ onCall })`: structured fields for
 * an access log (docs/operations.md). Made only when the hook is given.
 */
export interface CallRecord {
  readonly service: string;
  readonly method: string;
  /** `http` or `websocket`. */
  readonly transport: 'http' | 'websocket';
  /** The answer's HTTP status (over a socket: the status its answer frame carries). */
  readonly status: number;
  /** From routing the call to its answer, in milliseconds. */
  readonly durationMs: number;
  /** The `x-contract-client` id, when the call named one. */
  readonly client?: string;
  /** The principal's id (`''` without an auth hook). */
  readonly principal: string;
}
