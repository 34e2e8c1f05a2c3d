import type { EndReason, StoreListener } from '../client-store.js';

const reasons: ReadonlySet<string> = new Set<EndReason>(['closed', 'expired', 'overflow']);

/**
 * Hands a notice from the store's pub/sub channel to the listener, unless it
 * came from `origin` (this store: its own changes were reported when their
 * script answered). Formats, written by the scripts: `a {origin} {id}...`,
 * `r {origin} {id} {n,n,...}`, `e {origin} {id} {reason}`. Returns false for a
 * message it cannot read.
 */
export function deliverNotice(message: string, origin: string, listener: StoreListener): boolean {
  const parts = message.split(' ');
  const [kind, from, client] = parts;
  if (from === undefined || client === undefined) return false;
  if (from === origin) return true;
  switch (kind) {
    case 'a':
      for (let i = 2; i < parts.length; i++) listener.appended(parts[i] as string);
      return true;
    case 'r': {
      const ids = (parts[3] ?? '').split(',').map(Number);
      if (ids.some((id) => !Number.isSafeInteger(id))) return false;
      listener.released(client, ids);
      return true;
    }
    case 'e': {
      const reason = parts[3] ?? '';
      if (!reasons.has(reason)) return false;
      listener.ended(client, reason as EndReason);
      return true;
    }
    default:
      return false;
  }
}
