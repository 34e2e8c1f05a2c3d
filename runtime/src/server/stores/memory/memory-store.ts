import type { GapReason, WireGap } from '../../../protocol/messages.js';
import type {
  ClientPage,
  ClientPageRequest,
  ClientStatus,
  ClientStore,
  EndReason,
  QueueStats,
  StoreConfig,
  StoreListener,
  StoredClientInfo,
  TopicPage,
  TopicPageRequest,
} from '../client-store.js';
import { pageClients } from '../list-pages.js';
import { REMEMBERED_CALLS, tellFollowsChanged, topicHead } from '../client-store.js';
import { ReadResult } from '../read-result.js';
import { TopicMembers } from '../topic-members.js';
import type { LogFollow, LogRetention, LogSlice } from '../log-store.js';
import { FollowTable, MemoryLogs } from '../memory-logs.js';
import { EventRing } from './event-ring.js';
import { RingRead } from './ring-read.js';
import { MemoryWebhookRecords } from './memory-webhook-records.js';

/** What `read` answers for a client that never had an event: shared, since most idle clients never do. */
const NO_TEXTS: readonly string[] = Object.freeze([]);

/**
 * Reads of at least this many events answer from the slice's pieces
 * (`RingRead`), shorter ones with their texts: for a few events the texts
 * cost less than the one `join` of the pieces (reads of one event each took
 * about a third longer through a `RingRead`).
 */
const LAZY_FROM = 32;

/** A client moves in the sweep order once its last activity is more than `ttl` / this past its last move. */
const MOVE_TOLERANCE_DIVISOR = 64;

/**
 * One client of the memory store. An idle client is the common case (a
 * server holds thousands), so what only some clients need is made on first
 * use: the ring on the first event, a `Set` of callback ids from the
 * second id (one id is kept inline), the topic index on the first join.
 * About 100 bytes instead of 700 for a client with one callback and no event.
 */
class ClientRecord {
  ring: EventRing | undefined = undefined;
  /** Added to the ring's seqs: a client ahead of the store (`skipTo`) moves the seqs on without events. */
  offset = 0;
  /** The registered callback ids: none, one, or a Set from the second one on. */
  callbacks: number | Set<number> | undefined = undefined;
  /** Topics each callback is a member of (so a release or the end removes it from them); made on the first join. */
  topics: Map<number, Set<string>> | undefined = undefined;
  /** Dropped unacknowledged seqs `gapFrom`..`gapTo`; 0 when none. */
  gapFrom = 0;
  gapTo = 0;
  gapReason: GapReason = 'overflow';
  /** The answers of its last calls with an id (`recordCall`), oldest first; made on the first. */
  calls: Map<string, string> | undefined = undefined;

  /**
   * When the record was last moved to the end of the store's activity order
   * (its place in the sweep order): at most `lastSeen`, and no more than the
   * store's move tolerance behind it.
   */
  movedAt: number;

  constructor(
    /** The client's last activity (exact: the sweep ends a client by this). */
    public lastSeen: number,
    readonly owner: string | undefined,
  ) {
    this.movedAt = lastSeen;
  }

  hasCallback(id: number): boolean {
    const { callbacks } = this;
    return typeof callbacks === 'number'
      ? callbacks === id
      : callbacks !== undefined && callbacks.has(id);
  }

  addCallback(id: number): void {
    const { callbacks } = this;
    if (callbacks === undefined) this.callbacks = id;
    else if (typeof callbacks !== 'number') callbacks.add(id);
    else if (callbacks !== id) this.callbacks = new Set([callbacks, id]);
  }

  /** Forgets a callback id; whether it was registered. */
  deleteCallback(id: number): boolean {
    const { callbacks } = this;
    if (typeof callbacks !== 'number') return callbacks !== undefined && callbacks.delete(id);
    if (callbacks !== id) return false;
    this.callbacks = undefined;
    return true;
  }

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
    return (this.ring === undefined ? 0 : this.ring.lastSeq) + this.offset;
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
    const { ring } = this;
    const last = ring === undefined ? 0 : ring.lastSeq;
    ring?.ack(last);
    this.offset = after + 1 - last;
    this.gapFrom = 0;
    this.dropped(after + 1, 'lost');
  }
}

/**
 * The default store: everything in this process's memory, lost on restart.
 * Clients are kept in a `Map` in order of `movedAt`: activity records the
 * time in `lastSeen` and moves the client to the end only once `lastSeen`
 * is more than `ttl / 64` past its `movedAt` (a socket reads once per frame:
 * a move per read was a Map delete and insert per event). `sweep` stops at
 * the first client whose `movedAt` is fresh (every later one is fresher) and
 * ends the ones before it by their exact `lastSeen`; one that is still
 * fresh stays in place (it is within the tolerance of its expiry, and its
 * next activity moves it). Ended clients leave a tombstone for one
 * `ttl`, so their next request learns why (`expired`, `overflow`, `closed`).
 */
export class MemoryStore implements ClientStore {
  #config: StoreConfig = { ttl: 300_000, maxQueue: 10_000, overflow: 'drop-oldest', now: Date.now };
  #listener: StoreListener = { appended() {}, released() {}, ended() {} };
  readonly #clients = new Map<string, ClientRecord>();
  /** The client `appendPieces` last found, and its record (forgotten when that client ends). */
  #appendingTo: string | undefined;
  #appendingRecord: ClientRecord | undefined;
  readonly #ended = new Map<
    string,
    { readonly reason: EndReason; readonly at: number; readonly owner: string | undefined }
  >();
  readonly #topics = new TopicMembers();
  readonly #logs = new MemoryLogs();
  readonly #follows = new FollowTable();
  /** Webhook endpoints and leases, for as long as this store lives (docs/webhooks.md). */
  readonly webhooks = new MemoryWebhookRecords();

  start(config: StoreConfig, listener: StoreListener): void {
    this.#config = config;
    this.#listener = listener;
  }

  /* eslint-disable @typescript-eslint/require-await -- ClientStore's calls are async (a durable store awaits its
     storage); this store answers at once. `async` keeps its answers promises and a throw a rejection, as the
     channel expects of every store. */
  async open(client: string, owner?: string): Promise<void> {
    if (this.#appendingTo === client) this.#appendingTo = this.#appendingRecord = undefined;
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
    record.addCallback(callback);
    return 'live';
  }

  append(client: string, payload: string): void {
    this.appendPieces(client, payload, '');
  }

  appendPieces(client: string, head: string, tail: string): void {
    // A broadcast hands a member its whole run in a row: one lookup per member, not per event.
    let record = this.#appendingTo === client ? this.#appendingRecord : undefined;
    if (record === undefined) {
      record = this.#clients.get(client);
      if (record === undefined) return;
      this.#appendingTo = client;
      this.#appendingRecord = record;
    }
    const ring = (record.ring ??= new EventRing());
    const { observer } = this.#config;
    if (ring.size >= this.#config.maxQueue) {
      if (this.#config.overflow === 'close') return this.#end(client, 'overflow');
      record.dropped(ring.dropOldest() + record.offset, 'overflow');
      observer?.dropped(client, 1, 'overflow');
    }
    ring.push(head, tail);
    observer?.appended(client);
    const { maxQueueBytes } = this.#config;
    if (maxQueueBytes !== undefined && ring.chars > maxQueueBytes) {
      if (this.#config.overflow === 'close') return this.#end(client, 'overflow');
      // The new event too, when it alone is past the bound: the gap names it.
      while (ring.chars > maxQueueBytes) {
        record.dropped(ring.dropOldest() + record.offset, 'overflow');
        observer?.dropped(client, 1, 'overflow');
      }
    }
    this.#listener.appended(client);
  }

  async read(client: string, after: number, max: number, from?: number): Promise<ReadResult> {
    const record = this.#touch(client);
    if (record === undefined) return ReadResult.ended(this.#endReason(client));
    const held = record.ring === undefined ? 0 : record.ring.size;
    if (after > record.lastSeq) record.skipTo(after);
    const { ring } = record;
    ring?.ack(after - record.offset);
    const { observer } = this.#config;
    if (observer !== undefined && ring !== undefined && ring.size < held)
      observer.acknowledged(client, held - ring.size);
    const gap = record.gapAfter(after);
    const start = from !== undefined && from > after ? from : after;
    if (ring === undefined || ring.size === 0) return ReadResult.live(NO_TEXTS, gap);
    const slice = ring.slice(start - record.offset, max, record.offset, this.#config.maxBatchChars);
    return slice.count < LAZY_FROM ? ReadResult.live(slice.texts(), gap) : new RingRead(slice, gap);
  }

  async release(client: string, callbacks: readonly number[]): Promise<ClientStatus> {
    const record = this.#touch(client);
    if (record === undefined) return this.#endReason(client);
    const released = callbacks.filter((id) => record.deleteCallback(id));
    for (const id of released) this.#follows.unfollow(client, id);
    const { topics } = record;
    if (topics !== undefined) for (const id of released) this.#topics.leaveAll(client, id, topics);
    if (released.length > 0) this.#listener.released(client, released);
    return 'live';
  }

  async join(topic: string, client: string, callback: number, iface: string): Promise<boolean> {
    const record = this.#touch(client);
    if (record === undefined || !record.hasCallback(callback)) return false;
    this.#topics.join(
      topic,
      client,
      callback,
      iface,
      (record.topics ??= new Map<number, Set<string>>()),
    );
    return true;
  }

  async leave(topic: string, client: string, callback: number): Promise<boolean> {
    const record = this.#touch(client);
    // No index: the client joined nothing.
    return (
      record?.topics !== undefined && this.#topics.leave(topic, client, callback, record.topics)
    );
  }

  async topicSize(topic: string): Promise<number> {
    return this.#topics.size(topic);
  }

  logAppend(log: string, body: string, retention: LogRetention): void {
    this.#logs.append(log, body, this.#config.now(), retention);
    this.#listener.logAppended?.(log);
  }

  async logRead(log: string, after: number, max: number): Promise<LogSlice> {
    return this.#logs.read(log, after, max);
  }

  async logFollow(
    log: string,
    client: string,
    callback: number,
    next: number,
    epoch: string,
  ): Promise<boolean> {
    const record = this.#touch(client);
    if (record === undefined || !record.hasCallback(callback)) return false;
    this.#follows.follow(log, client, callback, next, epoch);
    // Its reader reads again (a read before the follow found nothing to follow).
    tellFollowsChanged(this.#listener, client);
    return true;
  }

  async logUnfollow(client: string, callback: number): Promise<boolean> {
    this.#touch(client);
    const unfollowed = this.#follows.unfollow(client, callback);
    if (unfollowed) tellFollowsChanged(this.#listener, client);
    return unfollowed;
  }

  async logFollows(client: string): Promise<readonly LogFollow[]> {
    return this.#follows.follows(client);
  }

  async logEnqueue(
    client: string,
    callback: number,
    expect: number,
    next: number,
    epoch: string,
    payload: string,
  ): Promise<boolean> {
    if (
      !this.#clients.has(client) ||
      this.#follows.advance(client, callback, expect, next, epoch) === undefined
    )
      return false;
    this.append(client, payload);
    return true;
  }

  publish(topic: string, iface: string, body: string): void {
    // A member whose client overflows under 'close' leaves during the loop: the list is copied first.
    for (const member of this.#topics.members(topic, iface))
      this.appendPieces(member.client, topicHead(member.callback), body);
  }

  recordCall(client: string, call: string, answer: string): void {
    const record = this.#clients.get(client);
    if (record === undefined) return;
    const calls = (record.calls ??= new Map<string, string>());
    if (calls.has(call)) return;
    calls.set(call, answer);
    if (calls.size > REMEMBERED_CALLS) calls.delete(calls.keys().next().value as string);
  }

  async recordedCall(client: string, call: string): Promise<string | undefined> {
    return this.#clients.get(client)?.calls?.get(call);
  }

  async close(client: string): Promise<ClientStatus> {
    if (!this.#clients.has(client)) return this.#endReason(client);
    this.#end(client, 'closed');
    return 'live';
  }

  async sweep(now: number): Promise<void> {
    const { ttl } = this.#config;
    // Both maps are in time order: stop at the first entry that is still fresh.
    // A client's movedAt is at most its lastSeen: one whose movedAt is fresh is, and so is every later one.
    for (const [client, record] of this.#clients) {
      if (now - record.movedAt < ttl) break;
      if (now - record.lastSeen >= ttl) this.#end(client, 'expired');
    }
    for (const [client, tomb] of this.#ended) {
      if (now - tomb.at < ttl) break;
      this.#ended.delete(client);
    }
  }

  async flush(): Promise<void> {}

  readonly #marks = new Map<string, string>();

  mark(key: string, value: string): void {
    this.#marks.set(key, value);
  }

  async readMark(key: string): Promise<string | undefined> {
    return this.#marks.get(key);
  }

  async stop(): Promise<void> {}

  async ping(): Promise<void> {}

  async listClients(page: ClientPageRequest): Promise<ClientPage> {
    const clients: StoredClientInfo[] = [];
    for (const [id, record] of this.#clients) {
      const { ring, callbacks, owner, lastSeen } = record;
      clients.push({
        id,
        ...(owner === undefined ? {} : { owner }),
        events: ring === undefined ? 0 : ring.size,
        bytes: ring === undefined ? 0 : ring.chars,
        callbacks: callbacks === undefined ? 0 : typeof callbacks === 'number' ? 1 : callbacks.size,
        lastSeen,
      });
    }
    return pageClients(clients, page);
  }

  async listTopics(page: TopicPageRequest): Promise<TopicPage> {
    return this.#topics.list(page);
  }
  /* eslint-enable @typescript-eslint/require-await */

  queueStats(): QueueStats {
    let events = 0;
    let bytes = 0;
    for (const { ring } of this.#clients.values()) {
      if (ring === undefined) continue;
      events += ring.size;
      bytes += ring.chars;
    }
    return { events, bytes };
  }

  /**
   * The live record, its activity recorded; undefined when not live. It is
   * moved to the end of the activity order only when `lastSeen` got more
   * than the tolerance past `movedAt` (see the class).
   */
  #touch(client: string): ClientRecord | undefined {
    const record = this.#clients.get(client);
    if (record === undefined) return undefined;
    const now = this.#config.now();
    record.lastSeen = now;
    if (now - record.movedAt > this.#config.ttl / MOVE_TOLERANCE_DIVISOR) {
      record.movedAt = now;
      this.#clients.delete(client);
      this.#clients.set(client, record);
    }
    return record;
  }

  #endReason(client: string): EndReason | 'unknown' {
    return this.#ended.get(client)?.reason ?? 'unknown';
  }

  #end(client: string, reason: EndReason): void {
    if (this.#appendingTo === client) this.#appendingTo = this.#appendingRecord = undefined;
    const record = this.#clients.get(client);
    const owner = record?.owner;
    const topics = record?.topics;
    if (topics !== undefined)
      for (const id of [...topics.keys()]) this.#topics.leaveAll(client, id, topics);
    this.#clients.delete(client);
    this.#follows.forget(client);
    const queued = record?.ring === undefined ? 0 : record.ring.size;
    if (queued > 0) this.#config.observer?.dropped(client, queued, reason);
    this.#ended.set(client, { reason, at: this.#config.now(), owner });
    this.#listener.ended(client, reason);
  }
}

/** A store that keeps every client in this process's memory (the default). */
export function memoryStore(): ClientStore {
  return new MemoryStore();
}
