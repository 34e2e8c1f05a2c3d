/**
 * How hard SQLite works to keep a commit: see `SqliteStoreOptions.synchronous`.
 * (Declared here, not beside the driver, so the subpath's types never name `better-sqlite3`.)
 */
export type SqliteSynchronous = 'NORMAL' | 'FULL';

/** Options of `sqliteStore`. */
export interface SqliteStoreOptions {
  /** The database file (created if missing). One server process per file. */
  readonly path: string;
  /**
   * `NORMAL` (default): a commit reaches the WAL file without an fsync.
   * Survives the server process crashing or being killed; a power cut or an
   * OS crash may lose the last commits (never corrupts the file). `FULL`:
   * every commit is fsynced; survives power loss too, at the cost of an fsync
   * per commit (group commit shares it among everything written meanwhile).
   */
  readonly synchronous?: SqliteSynchronous;
  /**
   * How long writes may wait for company before they are committed, in ms.
   * 0 (default): at the end of the event-loop turn of the first write, so a
   * burst and the requests handled in one turn share a transaction. A few ms
   * group more under moderate load (worth it with `FULL`), and delay every
   * call that published by up to that much.
   */
  readonly groupWithinMs?: number;
}
