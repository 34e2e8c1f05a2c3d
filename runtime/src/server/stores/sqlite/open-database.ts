import Database from 'better-sqlite3';
import type { SqliteSynchronous } from './sqlite-store-options.js';

/** The layout version this code reads and writes (in `cg_meta`). */
const SCHEMA_VERSION = 1;

// cg_topics, cg_marks, cg_calls and the cg_log* tables came after version 1 without a new version: a file without them simply gets the (empty) tables.
// Events are keyed by the client's integer `n`, not its 22-character id, so each event row stays small.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS cg_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cg_clients (
  n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, last_seen INTEGER NOT NULL,
  seq INTEGER NOT NULL, head INTEGER NOT NULL, gap_from INTEGER NOT NULL, gap_to INTEGER NOT NULL, owner TEXT, gap_reason TEXT);
CREATE TABLE IF NOT EXISTS cg_events (client INTEGER NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (client, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cg_callbacks (client INTEGER NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (client, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cg_topics (
  topic TEXT NOT NULL, client INTEGER NOT NULL, id INTEGER NOT NULL, iface TEXT NOT NULL, PRIMARY KEY (topic, client, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cg_ended (id TEXT PRIMARY KEY, reason TEXT NOT NULL, at INTEGER NOT NULL, owner TEXT);
CREATE TABLE IF NOT EXISTS cg_marks (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cg_logs (name TEXT PRIMARY KEY, epoch TEXT NOT NULL, next INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cg_log_events (
  log TEXT NOT NULL, offset INTEGER NOT NULL, at INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (log, offset)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cg_log_follows (
  client INTEGER NOT NULL, id INTEGER NOT NULL, log TEXT NOT NULL, next INTEGER NOT NULL, epoch TEXT NOT NULL, PRIMARY KEY (client, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cg_calls (client INTEGER NOT NULL, call TEXT NOT NULL, answer TEXT NOT NULL, UNIQUE (client, call));
`;

/**
 * Opens (creating if needed) the store's database file: WAL journal, the
 * given `synchronous`, and an exclusive lock held for the life of the
 * connection. The store keeps its clients' bookkeeping in memory, so a second
 * process writing the same file would corrupt it silently; the lock turns that
 * into an error at startup instead.
 */
export function openDatabase(path: string, synchronous: SqliteSynchronous): Database.Database {
  // A restarting server may find its predecessor still closing the file: wait up to 2 s for its lock.
  const db = new Database(path, { timeout: 2000 });
  try {
    // EXCLUSIVE before WAL: the WAL index then lives in this process's heap, with no shared-memory file.
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.exec(SCHEMA);
    addOwners(db);
    checkVersion(db, path);
    return db;
  } catch (error) {
    db.close();
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
      throw new Error(
        `contract-gen: the SQLite store ${path} is in use by another process. One server process per file; several processes share the Redis store.`,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * Files written before clients had owners lack the column (NULL reads as "no owner", refused under auth);
 * files written before gaps had a reason lack gap_reason (NULL reads as `overflow`, the only reason then).
 */
function addOwners(db: Database.Database): void {
  for (const [table, column] of [
    ['cg_clients', 'owner'],
    ['cg_ended', 'owner'],
    ['cg_clients', 'gap_reason'],
  ]) {
    const columns = db
      .prepare(`SELECT name FROM pragma_table_info('${table}')`)
      .pluck()
      .all() as string[];
    if (!columns.includes(column as string))
      db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} TEXT`);
  }
}

function checkVersion(db: Database.Database, path: string): void {
  const row = db.prepare('SELECT value FROM cg_meta WHERE key = ?').pluck().get('schema') as
    string | undefined;
  if (row === undefined) {
    db.prepare('INSERT INTO cg_meta (key, value) VALUES (?, ?)').run(
      'schema',
      String(SCHEMA_VERSION),
    );
  } else if (row !== String(SCHEMA_VERSION)) {
    throw new Error(
      `contract-gen: the SQLite store ${path} has layout version ${row}; this version of contract-gen reads version ${SCHEMA_VERSION}.`,
    );
  }
}
