import { newEpoch, type LogFollow, type LogRetention, type LogSlice } from './log-store.js';

/**
 * What a store keeps in memory of one log: its epoch, its offsets, and the
 * time and size of each event kept (oldest first, from offset `first`), so
 * an append assigns its offset and trims by the retention without a query;
 * with `bodies`, the events themselves too (the memory store; the SQLite
 * store reads them from its file).
 */
export class LogWindow {
  /** The offset of the event at `head`. */
  first: number;
  next: number;
  head = 0;
  bytes = 0;
  readonly ats: number[] = [];
  readonly sizes: number[] = [];

  constructor(
    readonly epoch: string,
    next: number,
    readonly bodies?: string[],
  ) {
    this.first = this.next = next;
  }

  /** Adds the event at offset `next` (its body too when the window keeps them). */
  push(at: number, size: number, body?: string): void {
    this.ats.push(at);
    this.sizes.push(size);
    if (body !== undefined) this.bodies?.push(body);
    this.bytes += size;
    this.next++;
  }

  /** Drops the oldest events past `retention` at time `now`; whether any went. */
  trim(now: number, retention: LogRetention): boolean {
    const { maxEvents = Infinity, maxBytes = Infinity, maxAge = Infinity } = retention;
    const before = this.first;
    while (
      this.first < this.next &&
      (this.next - this.first > maxEvents ||
        this.bytes > maxBytes ||
        now - (this.ats[this.head] as number) > maxAge)
    ) {
      this.bytes -= this.sizes[this.head] as number;
      this.head++;
      this.first++;
    }
    // Compacted once half the arrays are trimmed events: amortised O(1) per event.
    if (this.head > 1024 && this.head * 2 > this.ats.length) {
      for (const list of [this.ats, this.sizes, this.bodies]) list?.splice(0, this.head);
      this.head = 0;
    }
    return this.first > before;
  }

  /** The state and up to `max` kept bodies after offset `after` (a window with bodies). */
  slice(after: number, max: number): LogSlice {
    const from = Math.max(after + 1, this.first);
    const at = this.head + (from - this.first);
    const bodies = this.bodies ?? [];
    const events = bodies.slice(at, Math.min(at + max, bodies.length));
    return { epoch: this.epoch, first: this.first, next: this.next, from, events };
  }
}

/**
 * The logs of a store that keeps them in this process's memory (the memory
 * store; its epochs are new in each process, since its logs die with it).
 */
export class MemoryLogs {
  readonly #logs = new Map<string, LogWindow>();

  append(log: string, body: string, at: number, retention: LogRetention): void {
    const window = this.#log(log);
    window.push(at, body.length, body);
    window.trim(at, retention);
  }

  read(log: string, after: number, max: number): LogSlice {
    return this.#log(log).slice(after, max);
  }

  #log(name: string): LogWindow {
    let log = this.#logs.get(name);
    if (log === undefined) this.#logs.set(name, (log = new LogWindow(newEpoch(), 1, [])));
    return log;
  }
}

/**
 * Follows kept in memory by client (the memory and SQLite stores), so a
 * release or the client's end drops them without a scan.
 */
export class FollowTable {
  readonly #follows = new Map<string, Map<number, LogFollow>>();

  follow(log: string, client: string, callback: number, next: number, epoch: string): void {
    let follows = this.#follows.get(client);
    if (follows === undefined) this.#follows.set(client, (follows = new Map<number, LogFollow>()));
    follows.set(callback, { log, callback, next, epoch });
  }

  unfollow(client: string, callback: number): boolean {
    const follows = this.#follows.get(client);
    if (follows === undefined || !follows.delete(callback)) return false;
    if (follows.size === 0) this.#follows.delete(client);
    return true;
  }

  /** Drops every follow of `client` (it ended). */
  forget(client: string): void {
    this.#follows.delete(client);
  }

  follows(client: string): readonly LogFollow[] {
    const follows = this.#follows.get(client);
    return follows === undefined ? [] : [...follows.values()];
  }

  /** Moves the follow to `next` of `epoch` if it is at `expect`; the follow moved, or undefined. */
  advance(
    client: string,
    callback: number,
    expect: number,
    next: number,
    epoch: string,
  ): LogFollow | undefined {
    const follows = this.#follows.get(client);
    const follow = follows?.get(callback);
    if (follows === undefined || follow?.next !== expect) return undefined;
    const moved = { ...follow, next, epoch };
    follows.set(callback, moved);
    return moved;
  }
}
