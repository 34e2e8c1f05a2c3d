/**
 * A callback the saved client had registered: its wire id, the callback
 * interfaces it was passed as, and the parameter that carried it first
 * (`Chat.join args[2]`), so an application with several callbacks of one
 * interface can tell them apart when it binds them again.
 */
export interface SavedCallback {
  readonly id: number;
  readonly interfaces: readonly string[];
  readonly passedTo: string;
}

/**
 * What a connection keeps of its client between runs of the application:
 * enough to resume it (`hello` with `client` and `after`, or `_events?after=`)
 * and to bind the application's local objects again to the server's
 * stand-ins. Plain JSON; version 1.
 */
export interface SavedSession {
  readonly v: 1;
  /** The base URL the client belongs to; a session saved for another server is not resumed. */
  readonly base: string;
  /** The client id: the only key to the client's events, so keep the store as private as a session token. */
  readonly client: string;
  /** The last seq handed to the application (delivered, its handler returned). */
  readonly seq: number;
  /** The next callback id the client will hand out (ids are never reused). */
  readonly next: number;
  readonly callbacks: readonly SavedCallback[];
}

/**
 * Where a connection keeps its `SavedSession` (`connect(url, { session })`).
 * `load` is asked once, before the connection's first request; `save` after
 * every change (a new client, a callback registered or released, and every
 * event delivered — after its handler returned), with `undefined` when there
 * is nothing to resume (the client was closed). A synchronous `save` (local
 * storage, a file written with `writeFileSync`) is done before the delivery
 * is acknowledged to the server; an asynchronous one is awaited before the
 * acknowledgement, so the server never forgets an event the store has not
 * recorded as delivered. Saves never overlap: while one runs, only the latest
 * state waits. A `load` that throws or rejects is reported with
 * `console.error`, and the connection starts without resuming. A `save` that
 * fails is reported the same way and counts as done, so acknowledgements do
 * not stall: a later run resuming from an older save hears of the events
 * between it and the last acknowledgement as a gap (`missing`), never
 * silently.
 */
export interface SessionStore {
  load(): SavedSession | undefined | Promise<SavedSession | undefined>;
  save(session: SavedSession | undefined): void | Promise<void>;
}

/** `value` as a `SavedSession` if it is one (a store's text may be stale, foreign or damaged), else `undefined`. */
export function readSavedSession(value: unknown): SavedSession | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<Record<keyof SavedSession, unknown>>;
  if (
    v.v !== 1 ||
    typeof v.base !== 'string' ||
    typeof v.client !== 'string' ||
    v.client === '' ||
    !isCount(v.seq) ||
    !isCount(v.next) ||
    !Array.isArray(v.callbacks)
  )
    return undefined;
  const callbacks: SavedCallback[] = [];
  for (const entry of v.callbacks as unknown[]) {
    const c = (entry ?? {}) as Partial<Record<keyof SavedCallback, unknown>>;
    if (
      !isCount(c.id) ||
      c.id < 1 ||
      c.id >= v.next ||
      !Array.isArray(c.interfaces) ||
      !c.interfaces.every((name) => typeof name === 'string') ||
      typeof c.passedTo !== 'string'
    )
      return undefined;
    callbacks.push({ id: c.id, interfaces: c.interfaces, passedTo: c.passedTo });
  }
  return { v: 1, base: v.base, client: v.client, seq: v.seq, next: v.next, callbacks };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
