import type { GapReason, WireGap } from '../../protocol/messages.js';
import type { ClientStatus, ClientStore, EndReason, ReadResult, StoreConfig, StoreListener } from './client-store.js';
import { eventJson, topicPayload } from './client-store.js';
import { EventRing } from './event-ring.js';
import { TopicMembers } from './topic-members.js';

/** One client of the memory store. */
class ClientRecord {
  readonly ring = new EventRing();
  /** Added to the ring's seqs: a client ahead of the store (`skipTo`) moves the seqs on without events. */
  offset = 0;
  readonly callbacks = new Set<number>();
  /** Topics each callback is a member of (so a release or the end removes it from them). */
  readonly topics = new Map<number, Set<string>>();
  /** Dropped unacknowledged seqs `gapFrom`..`gapTo`; 0 when none. */
  gapFrom = 0;
  gapTo = 0;
  gapReason: GapReason = 'overflow';

  constructor(
    public lastSeen: number,
    readonly owner: string | undefined,
  ) {}

  /** The gap as the client must see it after acknowledging `after`. */
  gapAfter(after: number): WireGap | undefined {
    if (this.gapTo === 0) return undefined;
    if (after >= this.gapTo) {
      this.gapFrom = this.gapTo = 0;
      return undefined;
    }
    if (after >= this.gapFrom) this.gapFrom = after + 1;
    const count = this.gapReason === 'lost' ? 0 : this.gapTo - this.gapFrom + 1;
    return { from: this.gapFrom, to: this.gapTo, count, reason: this.gapReason };
  }

  get lastSeq(): number {
    return this.ring.lastSeq + this.offset;
  }

  /** Records the dropped seq as (the end of) the gap. */
  dropped(seq: number, reason: GapReason): void {
    if (this.gapTo === 0) this.gapFrom = seq;
    this.gapTo = seq;
    this.gapReason = reason;
  }

  /**
   * The client acknowledges `after`, beyond the last seq assigned: the store
   * lost events it had (see `lostGap`). Forgets what is queued (all of it is
   * at or below `after`) and makes seq `after + 1` the lost gap.
   */
  skipTo(after: number): void {
    this.ring.ack(this.ring.lastSeq);
    this.offset = after + 1 - this.ring.lastSeq;
    this.gapFrom = 0;
    this.dropped(after + 1, 'lost');
  }
}

/**
 * The default store: everything in this process's memory, lost on restart.
 * Clients are kept in a `Map` in order of last activity (a touch moves a
 * client to the end), so `sweep` stops at the first client that is still
 * fresh instead of scanning them all. Ended clients leave a tombstone for one
 * `ttl`, so their next request learns why (`expired`, `overflow`, `closed`).
 */
export class MemoryStore implements ClientStore {
  #config: StoreConfig = { ttl: 300_000, maxQueue: 10_000, overflow: 'drop-oldest', now: Date.now };
  #listener: StoreListener = { appended() {}, released() {}, ended() {} };
  readonly #clients = new Map<string, ClientRecord>();
  readonly #ended = new Map<string, { readonly reason: EndReason; readonly at: number; readonly owner: string | undefined }>();
  readonly #topics = new TopicMembers();

  start(config: StoreConfig, listener: StoreListener): void {
    this.#config = config;
    this.#listener = listener;
  }

  async open(client: string, owner?: string): Promise<void> {
    this.#clients.set(client, new ClientRecord(this.#config.now(), owner));
  }

  async owner(client: string): Promise<string | undefined> {
    return (this.#clients.get(client) ?? this.#ended.get(client))?.owner;
  }

  async touch(client: string): Promise<ClientStatus> {
    return this.#touch(client) === undefined ? this.#endReason(client) : 'live';
  }

  async register(client: string, callback: number): Promise<ClientStatus> {
    const record = this.#touch(client);
    if (record === undefined) return this.#endReason(client);
    record.callbacks.add(callback);
    return 'live';
  }

  append(client: string, payload: string): void {
    const record = this.#clients.get(client);
    if (record === undefined) return;
    const { ring } = record;
    if (ring.size >= this.#config.maxQueue) {
      if (this.#config.overflow === 'close') return this.#end(client, 'overflow');
      record.dropped(ring.dropOldest() + record.offset, 'overflow');
    }
    ring.push(eventJson(ring.nextSeq + record.offset, payload));
    this.#listener.appended(client);
  }

  async read(client: string, after: number, max: number): Promise<ReadResult> {
    const record = this.#touch(client);
    if (record === undefined) return { status: this.#endReason(client) };
    const { ring } = record;
    if (after > record.lastSeq) record.skipTo(after);
    ring.ack(after - record.offset);
    const gap = record.gapAfter(after);
    const events = ring.read(after - record.offset, max);
    return gap === undefined ? { status: 'live', events } : { status: 'live', events, gap };
  }

  async release(client: string, callbacks: readonly number[]): Promise<ClientStatus> {
    const record = this.#touch(client);
    if (record === undefined) return this.#endReason(client);
    const released = callbacks.filter((id) => record.callbacks.delete(id));
    for (const id of released) this.#topics.leaveAll(client, id, record.topics);
    if (released.length > 0) this.#listener.released(client, released);
    return 'live';
  }

  async join(topic: string, client: string, callback: number, iface: string): Promise<boolean> {
    const record = this.#touch(client);
    if (record === undefined || !record.callbacks.has(callback)) return false;
    this.#topics.join(topic, client, callback, iface, record.topics);
    return true;
  }

  async leave(topic: string, client: string, callback: number): Promise<boolean> {
    const record = this.#touch(client);
    return record !== undefined && this.#topics.leave(topic, client, callback, record.topics);
  }

  async topicSize(topic: string): Promise<number> {
    return this.#topics.size(topic);
  }

  publish(topic: string, iface: string, body: string): void {
    // A member whose client overflows under 'close' leaves during the loop: the list is copied first.
    for (const member of this.#topics.members(topic, iface)) this.append(member.client, topicPayload(member.callback, body));
  }

  async close(client: string): Promise<ClientStatus> {
    if (!this.#clients.has(client)) return this.#endReason(client);
    this.#end(client, 'closed');
    return 'live';
  }

  async sweep(now: number): Promise<void> {
    const { ttl } = this.#config;
    // Both maps are in time order: stop at the first entry that is still fresh.
    for (const [client, record] of this.#clients) {
      if (now - record.lastSeen < ttl) break;
      this.#end(client, 'expired');
    }
    for (const [client, tomb] of this.#ended) {
      if (now - tomb.at < ttl) break;
      this.#ended.delete(client);
    }
  }

  async flush(): Promise<void> {}

  async stop(): Promise<void> {}

  /** The live record, moved to the end of the activity order; undefined when not live. */
  #touch(client: string): ClientRecord | undefined {
    const record = this.#clients.get(client);
    if (record === undefined) return undefined;
    record.lastSeen = this.#config.now();
    this.#clients.delete(client);
    this.#clients.set(client, record);
    return record;
  }

  #endReason(client: string): EndReason | 'unknown' {
    return this.#ended.get(client)?.reason ?? 'unknown';
  }

  #end(client: string, reason: EndReason): void {
    const record = this.#clients.get(client);
    const owner = record?.owner;
    if (record !== undefined) for (const id of [...record.topics.keys()]) this.#topics.leaveAll(client, id, record.topics);
    this.#clients.delete(client);
    this.#ended.set(client, { reason, at: this.#config.now(), owner });
    this.#listener.ended(client, reason);
  }
}

/** A store that keeps every client in this process's memory (the default). */
export function memoryStore(): ClientStore {
  return new MemoryStore();
}
