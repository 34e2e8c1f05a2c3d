import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { keepSession, type SessionOption } from '../client/session-keeper.js';
import { readSavedSession, type SavedSession } from '../client/session-store.js';

/**
 * A `SessionStore` in the file `path` (Node, Deno, Bun), for a client
 * process that resumes its client when it starts again. Each save writes a
 * temporary file beside it and renames it over `path`, synchronously: a
 * process killed at any moment leaves the old state or the new one, never
 * half of either, and an event is recorded as delivered before it is
 * acknowledged. Not synced to disk (`fsync`): a machine that loses power
 * may come back with an older state, and then gets events it had already
 * delivered again. The file holds the client id, the key to the client's
 * events: it is created readable by its owner only (mode 0600).
 */
export function fileSession(path: string): SessionOption & FileStore {
  // Beside the file (a rename within one folder is atomic), named per store so that two never write the same one.
  const temporary = `${path}.${Math.random().toString(36).slice(2)}.tmp`;
  const store: FileStore = {
    load() {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
        throw error;
      }
      try {
        return readSavedSession(JSON.parse(text));
      } catch {
        return undefined;
      }
    },
    save(session) {
      if (session === undefined) return rmSync(path, { force: true });
      writeFileSync(temporary, JSON.stringify(session), { mode: 0o600 });
      renameSync(temporary, path);
    },
  };
  return { ...keepSession(store), ...store };
}

/**
 * The file's `load` and `save`, synchronous, for an application that wraps
 * them in a `keepSession` of its own (to resume after the seq its own
 * records hold, for one).
 */
export interface FileStore {
  load(): SavedSession | undefined;
  save(session: SavedSession | undefined): void;
}
