import { newEpoch, type LogFollow, type LogRetention, type LogSlice } from './log-store.js';

/** One log in memory: its events' bodies, times and sizes from offset `first` on. */
class MemoryLog {
  readonly epoch: string;
  /** The offset of `bodies[head]`. */
  first = 1;
  head = 0;
  bytes = 0;
  readonly bodies: string[] = [];
  readonly ats: number[] = [];

  constructor(epoch: string, next: number) {
    this.epoch = epoch;
    this.first = next;
  }

  get next(): number {
    return this.first + this.bodies.length - this.head;
  }

  append(body: string, at: number, retention: LogRetention): void {
    this.bodies.push(body);
    this.ats.push(at);
    this.bytes += body.length;
    const { maxEvents = Infinity, maxBytes = Infinity, maxAge = Infinity } = retention;
    while (
      this.head < this.bodies.length &&
      (this.bodies.length - this.head > maxEvents ||
        this.bytes > maxBytes ||
        at - (this.ats[this.head] as number) > maxAge)
    ) {
      this.bytes -= (this.bodies[this.head] as string).length;
      this.head++;
      this.first++;
    }
    // Compacted once half the arrays are trimmed events: amortised O(1) per event.
    if (this.head > 1024 && this.head * 2 > this.bodies.length) {
      this.bodies.splice(0, this.head);
      this.ats.splice(0, this.head);
      this.head = 0;
    }
  }

  slice(after: number, max: number): LogSlice {
    const from = Math.max(after + 1, this.first);
    const at = this.head + (from - this.first);
    const events = this.bodies.slice(at, Math.min(at + max, this.bodies.length));
    return { epoch: this.epoch, first: this.first, next: this.next, from, events };
  }
}

/**
 * The logs of a store that keeps them in this process's memory (the memory
 * store; its epochs are new in each process, since its logs die with it).
 */
export class MemoryLogs {
  readonly #logs = new Map<string, MemoryLog>();

  append(log: string, body: string, at: number, retention: LogRetention): void {
    this.#log(log).append(body, at, retention);
  }

  read(log: string, after: number, max: number): LogSlice {
    return this.#log(log).slice(after, max);
  }

  #log(name: string): MemoryLog {
    let log = this.#logs.get(name);
    if (log === undefined) this.#logs.set(name, (log = new MemoryLog(newEpoch(), 1)));
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
