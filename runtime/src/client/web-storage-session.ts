import { keepSession, type SessionOption } from './session-keeper.js';
import { readSavedSession } from './session-store.js';

/** What `webStorageSession` needs of a `Storage` (`localStorage`, `sessionStorage`). */
export interface WebStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * A `SessionStore` in the browser's Web Storage under `key`: `localStorage`
 * by default (the session survives a reload and a closed tab), or pass
 * `sessionStorage` (one session per tab, gone with the tab). Saves are
 * synchronous, so an event is recorded as delivered before it is
 * acknowledged. Two tabs sharing one `localStorage` key would resume the
 * same client and take its socket from each other: give each tab its own
 * key, or use `sessionStorage`. Web Storage is readable by any script of
 * the page's origin, like a cookie without `HttpOnly`.
 */
export function webStorageSession(
  key: string,
  storage: WebStorageLike = (globalThis as { localStorage?: WebStorageLike }).localStorage!,
): SessionOption {
  if (storage === undefined)
    throw new TypeError(
      'contract-gen: webStorageSession() needs a Storage: this runtime has no localStorage; pass one.',
    );
  return keepSession({
    load() {
      const text = storage.getItem(key);
      if (text === null) return undefined;
      try {
        return readSavedSession(JSON.parse(text));
      } catch {
        return undefined;
      }
    },
    save(session) {
      if (session === undefined) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(session));
    },
  });
}
