/**
 * `contract-gen/server/sqlite`: the SQLite client store. Importing it loads
 * `better-sqlite3` (an optional peer dependency of contract-gen).
 */
export { sqliteStore } from './sqlite-store.js';
export type { SqliteStoreOptions } from './sqlite-store.js';
export type { SqliteSynchronous } from './open-database.js';
