import type { CallbackRegistry } from './callback-registry.js';
import type { ClientSession } from './client-session.js';
import { readSavedSession, type SavedSession, type SessionStore } from './session-store.js';

/** Keeps a connection's `SavedSession` in its `SessionStore`: see `createSessionKeeper`. */
export interface SessionKeeper {
  /** The saved session for this connection's base URL, if any; asked once (later calls answer the same). */
  load(): Promise<SavedSession | undefined>;
  /** The client, its seq or its callbacks may have changed: save the current state (unless unchanged). */
  changed(): void;
  /** Resolves once no save is running; `undefined` when none is. */
  settled(): Promise<void> | undefined;
  /** The connection was closed: the store forgets the session (saves `undefined`). */
  end(): void;
}

/**
 * Saves what a resumed run needs (client id, last seq delivered, callbacks)
 * whenever it changes. A synchronous `save` is done before `changed`
 * returns; asynchronous ones run one at a time, the latest state waiting.
 * `session.durable` follows what the store holds, so the connection never
 * acknowledges to the server an event the store has not recorded.
 */
export function createSessionKeeper(
  store: SessionStore,
  session: ClientSession,
  registry: CallbackRegistry,
): SessionKeeper {
  let loaded: Promise<SavedSession | undefined> | undefined;
  let lastText: string | undefined;
  let running: Promise<void> | undefined;
  let waiting = false;

  function snapshot(): SavedSession | undefined {
    const client = session.id;
    if (client === undefined) return undefined;
    return {
      v: 1,
      base: session.base,
      client,
      seq: session.lastSeen,
      next: registry.next,
      callbacks: registry
        .list()
        .map((r) => ({ id: r.id, interfaces: [...r.interfaces], passedTo: r.passedTo })),
    };
  }

  /** Saves the current state if it differs from the last one saved; a promise when the store's save is one. */
  function saveNow(): Promise<void> | undefined {
    const state = snapshot();
    const text = state === undefined ? '' : JSON.stringify(state);
    if (text === lastText) return undefined;
    lastText = text;
    const done = () => {
      if (state !== undefined && session.id === state.client)
        session.durable = Math.max(session.durable, state.seq);
    };
    let result: void | Promise<void>;
    try {
      result = store.save(state);
    } catch (error) {
      return void report('save', error);
    }
    if (result === undefined || typeof result.then !== 'function') return void done();
    return Promise.resolve(result).then(done, (error: unknown) => report('save', error));
  }

  function run(): void {
    const pending = saveNow();
    if (pending === undefined) return;
    running = pending.then(() => {
      running = undefined;
      if (waiting) {
        waiting = false;
        run();
      }
    });
  }

  return {
    load() {
      return (loaded ??= (async () => {
        let value: unknown;
        try {
          value = await store.load();
        } catch (error) {
          return void report('load', error);
        }
        const saved = readSavedSession(value);
        if (saved === undefined || saved.base !== session.base) return undefined;
        lastText = JSON.stringify(saved);
        return saved;
      })());
    },
    changed() {
      if (running !== undefined) waiting = true;
      else run();
    },
    settled: () => running,
    end() {
      lastText = '';
      const finish = () => {
        try {
          void Promise.resolve(store.save(undefined)).catch((error: unknown) =>
            report('save', error),
          );
        } catch (error) {
          report('save', error);
        }
      };
      // After a save still running, so that it cannot land after this one.
      if (running === undefined) finish();
      else void running.then(finish);
    },
  };
}

function report(what: 'load' | 'save', error: unknown): undefined {
  console.error(
    `contract-gen: the session store's ${what} failed; the client goes on without it.`,
    error,
  );
  return undefined;
}
