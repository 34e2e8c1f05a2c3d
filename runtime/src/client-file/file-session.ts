import { closeSync, fstatSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { keepSession, type SessionOption } from '../client/session-keeper.js';
import { readSavedSession, type SavedSession } from '../client/session-store.js';

const SPACE = 0x20;

/**
 * A `SessionStore` in the file `path` (Node, Deno, Bun), for a client
 * process that resumes its client when it starts again. The connection
 * saves after every event, so a save is one `write` in place at the start
 * of the file, padded with spaces to the length of the longest state
 * written (JSON allows them): a process killed at any moment leaves the old
 * state or the new one, never a mix, at the cost of a system call per event.
 * Not synced to disk (`fsync`): after a power loss the file may hold an
 * older state (those events come again), or be unreadable (the next run
 * starts a new client, as without a session). The file holds the client id,
 * the key to the client's events: it is created readable by its owner only
 * (mode 0600). One store per file: two processes must not share it.
 */
export function fileSession(path: string): SessionOption & FileStore {
  const encoder = new TextEncoder();
  let fd: number | undefined;
  /** Bytes the file holds: a shorter state is padded to it. */
  let size = 0;
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
      if (session === undefined) {
        if (fd !== undefined) closeSync(fd);
        fd = undefined;
        size = 0;
        return rmSync(path, { force: true });
      }
      const text = encoder.encode(JSON.stringify(session));
      if (fd === undefined) {
        // Written over, never truncated (a kill between a truncation and the write would leave nothing).
        try {
          fd = openSync(path, 'r+');
          size = fstatSync(fd).size;
        } catch (error) {
          if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
          fd = openSync(path, 'w', 0o600);
          size = 0;
        }
      }
      let bytes = text;
      if (text.length < size) {
        bytes = new Uint8Array(size).fill(SPACE);
        bytes.set(text);
      }
      writeSync(fd, bytes, 0, bytes.length, 0);
      size = bytes.length;
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
