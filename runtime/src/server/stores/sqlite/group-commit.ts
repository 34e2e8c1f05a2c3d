import type Database from 'better-sqlite3';
import type { SqliteClient } from './sqlite-client.js';
import type { SqliteStatements } from './sqlite-statements.js';

/** What a commit reports. */
export interface CommitHooks {
  /** Events of `client` are now stored (and may be read). */
  appended(client: SqliteClient): void;
  /** A commit failed and no caller was waiting for it. */
  onError(error: unknown): void;
}

/**
 * Collects the SQLite store's writes and runs them in one transaction:
 * at the end of the event-loop turn in which the first of them was made
 * (`setImmediate`), or `groupWithinMs` after it. Everything a burst or the
 * requests of one turn wrote shares a transaction; nobody who awaits
 * `committed()` waits longer than that.
 *
 * A commit writes the events first, then the other writes in the order they
 * were made (open, end, callbacks, tombstones), then the row of every client
 * whose bookkeeping changed (activity, acks, drops, gap), deleting its
 * events up to its head. Acks and activity are written behind, with the
 * next commit: lost in a crash, they only make a client read an event again
 * (it drops the repeat by seq) or look idle a little earlier.
 */
export class GroupCommit {
  /** Pending events as flat (client n, seq, body) triples: no object per event. */
  #events: (number | string)[] = [];
  #ops: (() => void)[] = [];
  readonly #dirty = new Set<SqliteClient>();
  readonly #appended = new Set<SqliteClient>();
  #timer: ReturnType<typeof setTimeout> | ReturnType<typeof setImmediate> | undefined;
  #waiter:
    { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } | undefined;
  /** A commit that failed with nobody waiting: the next `committed()` rejects with it (its writes are lost). */
  #failed: { readonly error: unknown } | undefined;
  readonly #transaction: (
    events: readonly (number | string)[],
    ops: readonly (() => void)[],
    dirty: readonly SqliteClient[],
  ) => void;

  constructor(
    db: Database.Database,
    private readonly statements: SqliteStatements,
    private readonly groupWithinMs: number,
    private readonly hooks: CommitHooks,
  ) {
    this.#transaction = db.transaction(
      (
        events: readonly (number | string)[],
        ops: readonly (() => void)[],
        dirty: readonly SqliteClient[],
      ) => this.#write(events, ops, dirty),
    );
  }

  /**
   * Queues one event of `client`. Its row is not rewritten for it: a store
   * that starts takes the last seq from its events when they are ahead of
   * the row (see `loadClients`).
   */
  event(client: SqliteClient, seq: number, body: string): void {
    this.#events.push(client.n, seq, body);
    client.uncommitted++;
    this.#appended.add(client);
    this.#schedule();
  }

  /** Queues a write, run in order with the other writes of its commit. */
  op(write: () => void): void {
    this.#ops.push(write);
    this.#schedule();
  }

  /** Queues a rewrite of `client`'s row (its bounds, gap, activity). */
  dirty(client: SqliteClient): void {
    this.#dirty.add(client);
    this.#schedule();
  }

  /** Resolves when everything queued so far is committed; rejects if that commit fails. */
  committed(): Promise<void> {
    const failed = this.#failed;
    this.#failed = undefined;
    if (failed !== undefined) return Promise.reject(failed.error);
    if (this.#timer === undefined) return Promise.resolve();
    if (this.#waiter === undefined) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
      this.#waiter = { promise, resolve, reject };
    }
    return this.#waiter.promise;
  }

  /** Commits now (a read needs its client's events stored). Throws if the commit fails. */
  commitNow(): void {
    if (this.#timer === undefined) return;
    const error = this.#commit();
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the failed transaction threw (SQLite's error), unchanged
    if (error !== undefined) throw error;
  }

  #schedule(): void {
    if (this.#timer !== undefined) return;
    this.#timer =
      this.groupWithinMs > 0
        ? setTimeout(() => this.#commit(), this.groupWithinMs)
        : setImmediate(() => this.#commit());
  }

  /** Runs the pending writes; returns the error of a failed commit (also given to the waiter, or else to onError). */
  #commit(): unknown {
    clearTimeout(this.#timer as ReturnType<typeof setTimeout>);
    clearImmediate(this.#timer as ReturnType<typeof setImmediate>);
    this.#timer = undefined;
    const waiter = this.#waiter;
    this.#waiter = undefined;
    const [events, ops, dirty, appended] = [
      this.#events,
      this.#ops,
      [...this.#dirty],
      [...this.#appended],
    ];
    this.#events = [];
    this.#ops = [];
    this.#dirty.clear();
    this.#appended.clear();
    for (const client of appended) client.uncommitted = 0;
    try {
      this.#transaction(events, ops, dirty);
    } catch (error) {
      // Rolled back: these events and writes are lost (a client sees a seq jump, reported as a gap, never a
      // silent one). The clients' rows are current in memory, so they are written again with the next commit.
      for (const client of dirty) this.#dirty.add(client);
      if (waiter !== undefined) waiter.reject(error);
      else {
        this.#failed ??= { error };
        this.hooks.onError(error);
      }
      return error;
    }
    for (const client of dirty) client.storedHead = client.head;
    for (const client of appended) if (!client.ended) this.hooks.appended(client);
    waiter?.resolve();
    return undefined;
  }

  #write(
    events: readonly (number | string)[],
    ops: readonly (() => void)[],
    dirty: readonly SqliteClient[],
  ): void {
    const { insertEvent, updateClient, deleteEventsUpTo } = this.statements;
    for (let i = 0; i < events.length; i += 3)
      insertEvent.run(events[i], events[i + 1], events[i + 2]);
    for (const op of ops) op();
    for (const c of dirty) {
      if (c.ended) continue;
      updateClient.run(c.lastSeen, c.seq, c.head, c.gapFrom, c.gapTo, c.gapReason, c.n);
      if (c.head > c.storedHead) deleteEventsUpTo.run(c.n, c.head);
    }
  }
}
