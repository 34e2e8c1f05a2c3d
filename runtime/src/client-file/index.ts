/**
 * `@contract-gen/runtime/client/file-session`: a session store in a file,
 * for clients on Node, Deno and Bun (`connect(url, { session: fileSession(path) })`).
 * Apart from `@contract-gen/runtime/client`, which stays free of Node built-ins.
 */
export { fileSession, type FileStore } from './file-session.js';
export { keepSession } from '../client/session-keeper.js';
export type { SessionStore, SavedSession, SavedCallback } from '../client/session-store.js';
