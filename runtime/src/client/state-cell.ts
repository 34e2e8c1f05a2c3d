import { ContractError } from '../protocol/contract-error.js';
import type { ConnectionState, StateListener } from './connection.js';

/**
 * The connection state and its listeners. Every exchange reports its outcome
 * here, so the state follows the network whether calls or polls notice first.
 * `closed` is final: later reports are ignored.
 */
export interface StateCell {
  readonly state: ConnectionState;
  /** Adds a listener; returns the function that removes it. */
  listen(listener: StateListener): () => void;
  /** The server answered. */
  online(): void;
  /** The server could not be reached, or polls fail; `error` says why. */
  offline(error: unknown): void;
  /** A call's outcome: an answer of any kind (even an error) means the server is reachable. */
  observe(error: unknown): void;
  /** The transport changed (`conn.transport`): listeners hear the current state again. */
  changed(): void;
  /** Final state. */
  close(): void;
}

/** A state cell in `connecting`; a closure, like the connection, so a minifier renames its insides. */
export function createStateCell(): StateCell {
  const listeners = new Set<StateListener>();
  const set = (state: ConnectionState, error?: unknown): void => {
    if (cell.state === state || cell.state === 'closed') return;
    cell.state = state;
    notify(error);
  };
  const notify = (error?: unknown): void => {
    for (const listener of [...listeners]) {
      try {
        if (error === undefined) listener(cell.state);
        else listener(cell.state, error);
      } catch {
        // A failing badge must not break the connection.
      }
    }
  };
  const cell: { -readonly [K in keyof StateCell]: StateCell[K] } = {
    state: 'connecting',
    listen(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    online: () => set('online'),
    offline: (error) => set('offline', error),
    observe: (error) => (isUnreachable(error) ? set('offline', error) : set('online')),
    changed() {
      if (cell.state !== 'closed') notify();
    },
    close() {
      set('closed');
      listeners.clear();
    },
  };
  return cell;
}

/** Whether an exchange failed without reaching the server (or a proxy said the server is down). */
export function isUnreachable(error: unknown): boolean {
  return (
    error instanceof ContractError && (error.code === 'UNAVAILABLE' || error.code === 'TIMEOUT')
  );
}
