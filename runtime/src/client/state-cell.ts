import { ContractError } from '../protocol/contract-error.js';
import type { ConnectionState, StateListener } from './connection.js';

/**
 * The connection state and its listeners. Every exchange reports its outcome
 * here, so the state follows the network whether calls or polls notice first.
 * `closed` is final: later reports are ignored.
 */
export class StateCell {
  state: ConnectionState = 'connecting';
  readonly #listeners = new Set<StateListener>();

  /** Adds a listener; returns the function that removes it. */
  listen(listener: StateListener): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  /** The server answered. */
  online(): void {
    this.#set('online');
  }

  /** The server could not be reached, or polls fail; `error` says why. */
  offline(error: unknown): void {
    this.#set('offline', error);
  }

  /** A call's outcome: an answer of any kind (even an error) means the server is reachable. */
  observe(error: unknown): void {
    if (isUnreachable(error)) this.offline(error);
    else this.online();
  }

  /** The transport changed (`conn.transport`): listeners hear the current state again. */
  changed(): void {
    if (this.state !== 'closed') this.#notify();
  }

  /** Final state. */
  close(): void {
    this.#set('closed');
    this.#listeners.clear();
  }

  #set(state: ConnectionState, error?: unknown): void {
    if (this.state === state || this.state === 'closed') return;
    this.state = state;
    this.#notify(error);
  }

  #notify(error?: unknown): void {
    for (const listener of [...this.#listeners]) {
      try {
        if (error === undefined) listener(this.state);
        else listener(this.state, error);
      } catch {
        // A failing badge must not break the connection.
      }
    }
  }
}

/** Whether an exchange failed without reaching the server (or a proxy said the server is down). */
export function isUnreachable(error: unknown): boolean {
  return (
    error instanceof ContractError && (error.code === 'UNAVAILABLE' || error.code === 'TIMEOUT')
  );
}
