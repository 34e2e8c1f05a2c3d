import type { ClientStore, ReaderKind } from '../stores/client-store.js';
import type { LiveClient, ParkedPoll } from './live-client.js';
import type { LongPolls } from './long-polls.js';

/** What a claim closes: a socket's session (the channel's `QueueWatcher`). */
interface Replaceable {
  /** A newer socket of the same client took over (close with 4409). */
  replaced(): void;
}

/** A socket's claim of its client: its number once the store answered, and the highest claim heard from elsewhere before that. */
interface SocketClaim {
  readonly watcher: Replaceable;
  claim: number | undefined;
  taken: number;
}

/**
 * One reader per client across processes sharing a store (one with
 * `claimReader`): a poll that parks here and a socket that says hello here
 * claim their client in the store; a claim from another process with a
 * higher number answers the parked poll here (`{"events":[]}`) or closes the
 * socket here (4409), as a newer poll or socket does within one process.
 * A notice heard while this process's own claim is still under way is kept
 * and compared once the claim is answered.
 */
export class ReaderClaims {
  /** Sockets of this process by client, with their claims. */
  readonly #sockets = new Map<string, SocketClaim>();
  /** Parked polls' claims, once the store answered (weak: nothing to clean up, and no field on every poll of a single-process store). */
  readonly #pollClaims = new WeakMap<ParkedPoll, number>();
  /** The highest poll claim heard from other processes, per client this process holds. */
  readonly #pollTaken = new WeakMap<LiveClient, number>();

  constructor(
    private readonly claimReader: (client: string, reader: ReaderKind) => Promise<number>,
    private readonly polls: LongPolls,
    private readonly fault: (error: unknown) => void,
  ) {}

  /** The claims of a store that has them; `undefined` for a single-process store. */
  static for(
    store: ClientStore,
    polls: LongPolls,
    fault: (error: unknown) => void,
  ): ReaderClaims | undefined {
    return store.claimReader === undefined
      ? undefined
      : new ReaderClaims(store.claimReader.bind(store), polls, fault);
  }

  /** A poll of `live` parked here. */
  parked(live: LiveClient, poll: ParkedPoll): void {
    this.claimReader(live.id, 'poll').then((claim) => {
      this.#pollClaims.set(poll, claim);
      if ((this.#pollTaken.get(live) ?? 0) > claim && live.parked === poll)
        this.polls.release(live);
    }, this.fault);
  }

  /** A socket of `client` said hello here. */
  watched(client: string, watcher: Replaceable): void {
    const entry: SocketClaim = { watcher, claim: undefined, taken: 0 };
    this.#sockets.set(client, entry);
    this.claimReader(client, 'socket').then((claim) => {
      if (this.#sockets.get(client) !== entry) return;
      entry.claim = claim;
      if (entry.taken > claim) watcher.replaced();
    }, this.fault);
  }

  /** `watcher` no longer watches `client` here (closed, replaced, ended). */
  unwatched(client: string, watcher: Replaceable): void {
    if (this.#sockets.get(client)?.watcher === watcher) this.#sockets.delete(client);
  }

  /** Another process claimed `client`'s `reader` (`live`: what this process holds for it, if anything). */
  takenOver(client: string, live: LiveClient | undefined, reader: ReaderKind, claim: number): void {
    if (reader === 'poll') {
      if (live === undefined) return;
      if (claim > (this.#pollTaken.get(live) ?? 0)) this.#pollTaken.set(live, claim);
      const poll = live.parked;
      const own = poll === undefined ? undefined : this.#pollClaims.get(poll);
      if (own !== undefined && own < claim) this.polls.release(live);
      return;
    }
    const entry = this.#sockets.get(client);
    if (entry === undefined) return;
    if (entry.claim === undefined) entry.taken = Math.max(entry.taken, claim);
    else if (entry.claim < claim) entry.watcher.replaced();
  }

  /** The server stops: forget every socket. */
  clear(): void {
    this.#sockets.clear();
  }
}
