import {
  tellFollowsChanged,
  type DisconnectTarget,
  type EndReason,
  type ReaderKind,
  type StoreListener,
} from '../client-store.js';

const reasons: ReadonlySet<string> = new Set<EndReason>(['closed', 'expired', 'overflow']);

/** `p` or `c` in a disconnect notice: what it names. */
const targets: Readonly<Record<string, DisconnectTarget>> = { p: 'principal', c: 'client' };

/** `p` or `s` in a takeover notice: which reader was claimed. */
export const readerLetters: Readonly<Record<ReaderKind, string>> = { poll: 'p', socket: 's' };
const readers: Readonly<Record<string, ReaderKind>> = { p: 'poll', s: 'socket' };

/**
 * Hands a notice from the store's pub/sub channel to the listener, unless it
 * came from `origin` (this store: its own changes were reported when their
 * script answered). Formats, written by the scripts: `a {origin} {id}...`,
 * `r {origin} {id} {n,n,...}`, `e {origin} {id} {reason}`; and by
 * `disconnectNotice`: `d {origin} {p|c} {json}`; a reader claim (the claim
 * script): `t {origin} {id} {p|s} {claim}`; a log append
 * (`logNotice`): `l {origin} {log}`. Returns false for a message
 * it cannot read.
 */
export function deliverNotice(message: string, origin: string, listener: StoreListener): boolean {
  const parts = message.split(' ');
  const [kind, from, client] = parts;
  if (from === undefined || client === undefined) return false;
  if (from === origin) return true;
  switch (kind) {
    case 'a':
      // Also what a follow, an unfollow or a log enqueue elsewhere announces (as earlier versions did, so
      // processes of both share a Redis): the client's follows may have changed.
      for (let i = 2; i < parts.length; i++) {
        const id = parts[i] as string;
        tellFollowsChanged(listener, id);
      }
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
    case 't': {
      const reader = readers[parts[3] ?? ''];
      const claim = Number(parts[4]);
      if (reader === undefined || !Number.isSafeInteger(claim) || claim <= 0) return false;
      listener.takenOver?.(client, reader, claim);
      return true;
    }
    case 'l':
      // The log's name is the rest of the message (it may hold spaces).
      listener.logAppended?.(message.slice(kind.length + from.length + 2));
      return true;
    case 'd':
      return deliverDisconnect(
        message.slice(kind.length + from.length + client.length + 3),
        client,
        listener,
      );
    default:
      return false;
  }
}

/** The notice of appends to `log`: `l {origin} {log}` (the name last: it may hold spaces). */
export function logNotice(origin: string, log: string): string {
  return `l ${origin} ${log}`;
}

/**
 * The notice of a disconnect: `d {origin} p {json}` for a principal, `c` for a
 * client, where `json` is `[id, reason]` (`reason` `null` when none was
 * given): ids and reasons may hold spaces.
 */
export function disconnectNotice(
  origin: string,
  target: DisconnectTarget,
  id: string,
  reason: string | undefined,
): string {
  return `d ${origin} ${target === 'principal' ? 'p' : 'c'} ${JSON.stringify([id, reason ?? null])}`;
}

function deliverDisconnect(json: string, letter: string, listener: StoreListener): boolean {
  const target = targets[letter];
  if (target === undefined) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return false;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return false;
  const [id, reason] = parsed as unknown[];
  if (typeof id !== 'string' || (reason !== null && typeof reason !== 'string')) return false;
  listener.disconnected?.(target, id, reason ?? undefined);
  return true;
}
