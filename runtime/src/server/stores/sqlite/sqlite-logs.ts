import type Database from 'better-sqlite3';
import { newEpoch, type LogRetention, type LogSlice } from '../log-store.js';
import { LogWindow } from '../memory-logs.js';
import type { GroupCommit } from './group-commit.js';

/**
 * The SQLite store's logs: rows in `cg_logs` (name, epoch, next offset) and
 * `cg_log_events` (one row per event, kept once however many follow it),
 * written in the store's group commits; each log's offsets, times and sizes
 * are kept in memory too, so an append assigns its offset and trims without
 * a query. Reads are queries (after committing what is pending).
 */
export class SqliteLogs {
  readonly #logs = new Map<string, LogWindow>();
  readonly #insert: Database.Statement<unknown[]>;
  readonly #upsert: Database.Statement<unknown[]>;
  readonly #trim: Database.Statement<unknown[]>;
  readonly #read: Database.Statement<unknown[]>;
  /** Logs appended to since the last commit: their followers are woken once it is done. */
  readonly #grown = new Set<string>();
  #pending = false;

  constructor(
    db: Database.Database,
    private readonly writes: GroupCommit,
    private readonly grown: (log: string) => void,
  ) {
    this.#insert = db.prepare(
      'INSERT INTO cg_log_events (log, offset, at, body) VALUES (?, ?, ?, ?)',
    );
    this.#upsert = db.prepare(
      'INSERT INTO cg_logs (name, epoch, next) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET next = excluded.next',
    );
    this.#trim = db.prepare('DELETE FROM cg_log_events WHERE log = ? AND offset < ?');
    this.#read = db
      .prepare(
        'SELECT body FROM cg_log_events WHERE log = ? AND offset > ? ORDER BY offset LIMIT ?',
      )
      .pluck();
    for (const [name, epoch, next] of db
      .prepare('SELECT name, epoch, next FROM cg_logs')
      .raw()
      .all() as [string, string, number][]) {
      const record = new LogWindow(epoch, next);
      this.#logs.set(name, record);
    }
    // Each log's kept events, oldest first: their times and sizes (the bodies stay in the file).
    const rows = db
      .prepare('SELECT log, offset, at, length(body) FROM cg_log_events ORDER BY log, offset')
      .raw()
      .iterate() as IterableIterator<[string, number, number, number]>;
    let current: LogWindow | undefined;
    let currentName = '';
    for (const [log, offset, at, size] of rows) {
      if (log !== currentName || current === undefined) {
        currentName = log;
        current = this.#logs.get(log);
        if (current === undefined) continue;
        current.first = offset;
        current.next = offset;
      }
      current.push(at, size);
    }
  }

  append(log: string, body: string, now: number, retention: LogRetention): void {
    const record = this.#record(log);
    const offset = record.next;
    record.push(now, body.length);
    const trimmed = record.trim(now, retention);
    const { first, epoch, next } = record;
    this.writes.op(() => {
      this.#insert.run(log, offset, now, body);
      this.#upsert.run(log, epoch, next);
      if (trimmed) this.#trim.run(log, first);
    });
    this.#pending = true;
    if (this.#grown.size === 0)
      this.writes.committed().then(
        () => this.#wake(),
        () => this.#wake(),
      );
    this.#grown.add(log);
  }

  read(log: string, after: number, max: number): LogSlice {
    if (this.#pending) this.writes.commitNow();
    const record = this.#record(log);
    const from = Math.max(after + 1, record.first);
    const events =
      max <= 0 || from >= record.next ? [] : (this.#read.all(log, from - 1, max) as string[]);
    return { epoch: record.epoch, first: record.first, next: record.next, from, events };
  }

  #wake(): void {
    this.#pending = false;
    const logs = [...this.#grown];
    this.#grown.clear();
    for (const log of logs) this.grown(log);
  }

  #record(log: string): LogWindow {
    let record = this.#logs.get(log);
    if (record === undefined) {
      this.#logs.set(log, (record = new LogWindow(newEpoch(), 1)));
      const { epoch } = record;
      this.writes.op(() => this.#upsert.run(log, epoch, 1));
    }
    return record;
  }
}
