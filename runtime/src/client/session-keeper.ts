import type { CallbackRegistry } from './callback-registry.js';
import type { ClientSession } from './client-session.js';
import { bindSaved, type CallbackBinding, type ResumeOutcome } from './resume-bindings.js';
import { readSavedSession, type SavedSession, type SessionStore } from './session-store.js';

/**
 * What `connect(url, { session })` takes: a `SessionStore` with the code
 * that keeps it (`keepSession(store)`; the built-in stores are made with
 * it), so that a client without a session does not carry that code.
 */
export interface SessionOption {
  /** Called once by the connection. */
  readonly keep: (ctx: KeeperContext) => SessionKeeper;
}

/** What a keeper takes from its connection. */
export interface KeeperContext {
  readonly session: ClientSession;
  readonly registry: CallbackRegistry;
  /** Sets `Connection.lastSeq` (a resumed client's saved seq). */
  readonly setSeq: (seq: number) => void;
  /** Releases callback `id` on the server (batched, as `conn.release` does). */
  readonly release: (id: number) => Promise<void>;
  /** Starts the event channel. */
  readonly wake: () => void;
  /** Whether the connection was closed. */
  readonly ended: () => boolean;
}

/** Keeps a connection's `SavedSession` in its `SessionStore`: see `createSessionKeeper`. */
export interface SessionKeeper {
  /** Takes over the saved client, if any, binding `bindings` to its callbacks: `Connection.resume`. */
  resume(bindings: readonly CallbackBinding[]): Promise<ResumeOutcome>;
  /** The client, its seq or its callbacks may have changed: save the current state (unless unchanged). */
  changed(): void;
  /** Resolves once no save is running; `undefined` when none is. */
  settled(): Promise<void> | undefined;
  /** The connection was closed: the store forgets the session (saves `undefined`). */
  end(): void;
}

/**
 * `store` as `connect(url, { session })` takes it: with the code that keeps
 * it, which a client without a session then does not carry. The built-in
 * stores (`webStorageSession`, `fileSession`) are made with it; wrap a store
 * of your own the same way: `connect(url, { session: keepSession({ load, save }) })`.
 */
export function keepSession(store: SessionStore): SessionOption {
  return { keep: (ctx) => createSessionKeeper(store, ctx) };
}

/**
 * Saves what a resumed run needs (client id, last seq delivered, callbacks)
 * whenever it changes. A synchronous `save` is done before `changed`
 * returns; asynchronous ones run one at a time, the latest state waiting.
 * `session.durable` follows what the store holds, so the connection never
 * acknowledges to the server an event the store has not recorded.
 */
export function createSessionKeeper(store: SessionStore, ctx: KeeperContext): SessionKeeper {
  const { session, registry } = ctx;
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
    // A save that fails counts as done for acknowledgements, so they do not stall: a later run that resumes from
    // an older save is then answered from after what was acknowledged, and reports the seqs between as a gap.
    const failed = (error: unknown) => {
      report('save', error);
      done();
    };
    let result: void | Promise<void>;
    try {
      result = store.save(state);
    } catch (error) {
      return void failed(error);
    }
    if (result === undefined || typeof result.then !== 'function') return void done();
    return Promise.resolve(result).then(done, failed);
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

  /** The saved session for this connection's base URL, if any; asked once. */
  function load(): Promise<SavedSession | undefined> {
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
  }

  const keeper: SessionKeeper = {
    async resume(bindings) {
      const saved = await load();
      if (saved === undefined || ctx.ended())
        return { resumed: false, callbacks: [], released: [] };
      let bound: object[];
      let unbound: ResumeOutcome['released'];
      try {
        ({ bound, unbound } = bindSaved(saved, bindings, registry));
      } catch (error) {
        registry.clear();
        throw error;
      }
      session.adopt(saved.client, saved.seq);
      ctx.setSeq(saved.seq);
      keeper.changed();
      // Nothing will receive their events: the server drops those stand-ins (the events still queued for them
      // come, and are dropped as released).
      for (const entry of unbound) ctx.release(entry.id).catch(() => undefined);
      if (bound.length > 0) ctx.wake();
      return { resumed: true, callbacks: bound, released: unbound };
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
  return keeper;
}

function report(what: 'load' | 'save', error: unknown): undefined {
  console.error(
    `contract-gen: the session store's ${what} failed; the client goes on without it.`,
    error,
  );
  return undefined;
}
