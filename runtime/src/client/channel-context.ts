import type { ContractError } from '../protocol/contract-error.js';
import type { ClientSession } from './client-session.js';
import type { ConnectOptions } from './connect-options.js';
import type { DispatchContext } from './dispatch-events.js';
import type { StateCell } from './state-cell.js';

/** What the event channels (the poll loop, the socket) take from their connection. */
export interface ChannelContext {
  readonly session: ClientSession;
  readonly state: StateCell;
  readonly dispatch: DispatchContext;
  /** The connection's options: each channel reads its own (`wait`, `backoff`, `timeout`...). */
  readonly options: ConnectOptions;
  /** The server answered 410 (or, with auth, 403 `FOREIGN_CLIENT`: `error`) for `client`. */
  readonly expired: (client: string, error: ContractError) => void;
  /** A session store's save still running, if any: what it has not saved must not be acknowledged yet. */
  readonly settled?: () => Promise<void> | undefined;
}
