/**
 * `@contract-gen/runtime/server/sqlite`: the SQLite client store. Importing it loads
 * `better-sqlite3` (an optional peer dependency of contract-gen).
 */
export { sqliteStore } from './sqlite-store.js';
export type { SqliteStoreOptions, SqliteSynchronous } from './sqlite-store-options.js';
