import type { ClientEndReason } from '../../protocol/messages.js';
import type { LogStoreMethods } from './log-store.js';
import type { ReadResult } from './read-result.js';
import type { WebhookRecords } from './webhook-records.js';

/** Where a client stands: `live`, or why it is no longer served. */
export type ClientStatus = 'live' | ClientEndReason;

/** Why a store ended a client (`unknown` is only ever answered, never a cause). */
export type EndReason = Exclude<ClientEndReason, 'unknown'>;

/**
 * What happens when a client's queue holds `maxQueue` unacknowledged events
 * (or more than `maxQueueBytes` of them) and one more is appended: `drop-oldest` drops the oldest one and reports
 * the gap to the client; `close` ends the client (reason `overflow`).
 */
export type OverflowPolicy = 'drop-oldest' | 'close';

/** The settings a store is started with (the server's `events` options). */
export interface StoreConfig {
  /** Milliseconds without a request after which `sweep` ends a client (`expired`). */
  readonly ttl: number;
  /** Unacknowledged events kept per client. */
  readonly maxQueue: number;
  /**
   * Optional (absent: no such bound): the most text of unacknowledged events
   * kept per client, as the sum of their JSON texts' lengths
   * (`eventJson(seq, payload)`; UTF-16 code units or UTF-8 bytes, whichever
   * the store counts cheaply). An append that takes the sum past it drops
   * the oldest events (the new one too, if it alone is larger) into the gap,
   * or ends the client under `close`.
   */
  readonly maxQueueBytes?: number;
  readonly overflow: OverflowPolicy;
  /**
   * Optional (absent: no such bound): `read` stops before the event that
   * would take the sum of its events' JSON text lengths past this, but
   * always returns at least one event when there is one. Characters or
   * bytes, whichever the store counts cheaply: it bounds an answer's size,
   * it is not exact.
   */
  readonly maxBatchChars?: number;
  /** The clock (`Date.now` unless a test gives another). */
  readonly now: () => number;
  /**
   * Hears of storage faults no caller is waiting for (a group commit of
   * appends nobody flushed, a lost connection, a bad notice from another
   * process). The channel passes its `onError`; stores default to `console.error`.
   */
  readonly onError?: (error: unknown) => void;
  /**
   * Optional: told of each event appended, acknowledged and dropped, for the
   * router's metrics (`createRouter({ metrics })`). Absent when metrics are
   * off; a store calls it only when present, so it costs nothing then.
   * Stores that lack it leave those counters at zero (docs/operations.md).
   */
  readonly observer?: StoreObserver;
}

/** What a store tells the router's metrics about the events of this process's appends and reads. */
export interface StoreObserver {
  /** One event was appended to `client`'s queue. */
  appended(client: string): void;
  /** The client acknowledged its `count` oldest queued events. */
  acknowledged(client: string, count: number): void;
  /** The `count` oldest queued events of `client` were dropped: at its bound (`overflow`) or because it ended. */
  dropped(client: string, count: number, reason: EndReason): void;
}

/** What a store holds, for the router's queue gauges (`ClientStore.queueStats`). */
export interface QueueStats {
  /** Unacknowledged events held, over every client. */
  readonly events: number;
  /** Their summed JSON text lengths (as the store counts them for `maxQueueBytes`). */
  readonly bytes: number;
}

/**
 * How a store tells the event channel about changes, including those made by
 * other server processes sharing it (a Redis store delivers them through its
 * pub/sub). Called at most once per change, in the order of the changes of one
 * client; the memory store calls synchronously, inside the store call.
 */
export interface StoreListener {
  /** Events were appended to `client`'s queue: wake its parked poll. Spurious calls are allowed. */
  appended(client: string): void;
  /** These callbacks of `client` were released (only ids that were registered): run their release hooks. */
  released(client: string, callbacks: readonly number[]): void;
  /** `client` ended (closed, expired, overflowed): release everything kept for it in this process. */
  ended(client: string, reason: EndReason): void;
  /**
   * Optional: another process sharing the store called `router.disconnect`
   * (`target` `principal`, `id` the principal's id) or
   * `router.disconnectClient` (`client`, the client id) with `reason`: end
   * the connections it names in this process too. Only stores with
   * `announceDisconnect` call it.
   */
  disconnected?(target: DisconnectTarget, id: string, reason: string | undefined): void;
  /**
   * Optional: another process sharing the store claimed `client`'s `reader`
   * (it parked a poll, or a socket said hello) with claim number `claim`
   * (see `claimReader`): answer this process's parked poll (or close its
   * socket with 4409) if its own claim is lower. Only stores with
   * `claimReader` call it.
   */
  takenOver?(client: string, reader: ReaderKind, claim: number): void;
  /**
   * Optional: the store may have missed other processes' notices (its
   * connection for them was down and is back): every reader in this process
   * reads again, so no parked poll or socket waits for a wake that was lost.
   */
  missed?(): void;
  /** Optional: `log` grew (`ClientStore.logAppend`, in any process sharing the store): wake its followers. */
  logAppended?(log: string): void;
  /**
   * Optional: `client`'s log follows may have changed (`logFollow` or
   * `logUnfollow` here; in another process sharing the store, which the
   * Redis store cannot tell apart from an append there): its reader reads
   * again, and asks them. A store calls `appended` for the client instead
   * when the listener has no `followsChanged`.
   */
  followsChanged?(client: string): void;
}

/** Tells `listener` that `client`'s log follows may have changed: `followsChanged`, or `appended` when it has none. */
export function tellFollowsChanged(listener: StoreListener, client: string): void {
  if (listener.followsChanged) listener.followsChanged(client);
  else listener.appended(client);
}

/** What reads a client's events: its parked long poll or its socket (a client has at most one of each). */
export type ReaderKind = 'poll' | 'socket';

/** What a disconnect names: a principal (all its clients) or one client. */
export type DisconnectTarget = 'principal' | 'client';

/** How many recent calls' answers a store remembers per client (`ClientStore.recordCall`). */
export const REMEMBERED_CALLS = 64;

/**
 * Everything the server keeps per client: its record and expiry, its event
 * queue (FIFO with seq numbers), its registered callback ids and its gap.
 * Implementations (`memoryStore`, `sqliteStore` from
 * `@contract-gen/runtime/server/sqlite`, `redisStore` from `@contract-gen/runtime/server/redis`)
 * pass one shared test suite (client-store.suite.ts, beside this file).
 *
 * Every call that names a client counts as activity of it (refreshes its
 * expiry), except `append`. Promises reject only on storage faults; an
 * unknown client is a status, not an error.
 */
export interface ClientStore {
  /**
   * Optional: webhook endpoints and their delivery leases (docs/webhooks.md).
   * A store that has it lets endpoints survive a restart and several sender
   * processes share them; without it, `createWebhooks` keeps them in memory.
   */
  readonly webhooks?: WebhookRecords;
  /**
   * Called once by the channel before anything else. A store that connects
   * (Redis) may return a promise that resolves once it hears other
   * processes' notices, or rejects when the store refuses its setup (the
   * Redis store on a Cluster it cannot use); passing faults go to `onError`.
   * The channel does not wait for it, so a router is built synchronously:
   * such a store holds its own calls until then, and the channel reports a
   * rejection through `onError` (the store's calls then fail with it).
   */
  start(config: StoreConfig, listener: StoreListener): void | Promise<void>;
  /**
   * Optional, for stores several processes share (Redis): tells the other
   * processes that `router.disconnect` (or `disconnectClient`) ran here, so
   * each ends the principal's (or client's) sockets and parked polls too
   * (through `listener.disconnected`; not in this process, which did it
   * already). Resolves once the notice is sent; rejects if it could not be.
   */
  announceDisconnect?(
    target: DisconnectTarget,
    id: string,
    reason: string | undefined,
  ): Promise<void>;
  /**
   * Optional, for stores several processes share (Redis): `client`'s
   * `reader` is now in this process (a poll parked, a socket said hello).
   * Resolves to a claim number, increasing per client across processes and
   * reader kinds (0: the client is not live); when the last claim of that
   * kind was made by another process, the store tells the others
   * (`listener.takenOver`), so each answers its older parked poll, or closes
   * its older socket, of the client: at most one of each across processes.
   */
  claimReader?(client: string, reader: ReaderKind): Promise<number>;
  /**
   * Records a new client (the id is fresh and random), owned by `owner`: the
   * id of the principal that opened it (a router with an auth hook passes
   * it; without one it is absent).
   */
  open(client: string, owner?: string): Promise<void>;
  /**
   * The `owner` given to `open`, for a live client and for one that ended
   * within the last ttl (so its owner still learns why it ended); `undefined`
   * for a client the store does not know or that was opened without one.
   * Not activity. A router with an auth hook refuses to start with a store
   * that lacks it, since it could not keep principals out of each other's
   * clients.
   */
  owner?(client: string): Promise<string | undefined>;
  /** The client's status; refreshes its expiry when live. */
  touch(client: string): Promise<ClientStatus>;
  /** Records that the client passed callback `callback` (idempotent). */
  register(client: string, callback: number): Promise<ClientStatus>;
  /**
   * Appends one event: `payload` is the event's JSON members after `seq`
   * (`"cb":3,"method":"tick","args":[...]`; see `eventJson`). Returns at
   * once: the store assigns the seq, applies the overflow policy, may batch
   * appends (then `flush` waits for them) and calls `listener.appended`.
   * Appends to an unknown or ended client are ignored.
   */
  append(client: string, payload: string): void;
  /**
   * Optional: `append(client, head + tail)` without the concatenation. A
   * stand-in's event comes as its method's prefix
   * (`"cb":3,"method":"tick","args":`) and its encoded arguments, both shared
   * (by every event of that method, by every client a `Broadcast` reached):
   * a store that keeps events in memory keeps the two strings as they are
   * and allocates nothing per event. Stores without it get `append`.
   */
  appendPieces?(client: string, head: string, tail: string): void;
  /**
   * Acknowledges (forgets) every event with seq <= `after`, and returns up to
   * `max` events with seq > `after`, in order, with the gap if there is one
   * (`ReadResult.live`; `ReadResult.ended` for a client that is not live);
   * fewer when their texts would exceed `StoreConfig.maxBatchChars`.
   * An `after` beyond the last seq assigned means the store lost events the
   * client had seen (a crash before they were synced): the store moves its
   * seqs on to `after + 1`, which becomes a gap of reason `lost` (count 0,
   * see `WireGap`), so the client hears of it and its next events follow.
   *
   * `from` (optional, >= `after`): return events with seq > `from` instead,
   * still acknowledging through `after` only. A reader that already sent
   * the events up to `from` (a socket's pump, whose client acknowledges
   * now and then) does not read them again. A store may ignore it; a reader
   * must then skip what it has (an ignored `from` shows as a first event at
   * or below it).
   */
  read(client: string, after: number, max: number, from?: number): Promise<ReadResult>;
  /** Releases callbacks; calls `listener.released` with the ids that were registered. */
  release(client: string, callbacks: readonly number[]): Promise<ClientStatus>;
  /** Ends the client (reason `closed`): its queue and registrations go; `listener.ended` is called. */
  close(client: string): Promise<ClientStatus>;
  /**
   * Makes callback `callback` of `client`, a callback of interface `iface`
   * (its name), a member of `topic` (idempotent). Only a registered callback
   * of a live client joins; returns whether it is a member now. Members are
   * kept by the store, so every process sharing it can `publish` to them;
   * they leave by themselves when their callback is released or their client
   * ends. Activity of the client.
   */
  join(topic: string, client: string, callback: number, iface: string): Promise<boolean>;
  /** Removes a member from `topic`; returns whether it was one. Activity of the client. */
  leave(topic: string, client: string, callback: number): Promise<boolean>;
  /** How many members `topic` has (a store may count members of clients that just expired until its next sweep or publish). */
  topicSize(topic: string): Promise<number>;
  /**
   * Appends one event to every member of `topic` whose interface is `iface`:
   * member (client, n) gets the payload `"cb":n,` + `body` (see
   * `topicPayload`; `body` is `"method":"tick","args":[...]`, encoded once).
   * Like `append`: returns at once, keeps each client's order with its other
   * appends, and `flush` waits for it; a store that can does the whole
   * fan-out in one round trip (one transaction, one script).
   */
  publish(topic: string, iface: string, body: string): void;
  /**
   * Optional: remembers `answer` (opaque text) as the answer of call `call`
   * (a call id, `CALL_HEADER`) of `client`, so a resend of the call is
   * answered with it instead of running again. Like `append`: returns at
   * once, and is stored with (in the same transaction or script as) the
   * appends made before it, so a call whose events were stored has its
   * answer stored too; `flush` waits for it. A store keeps the answers of
   * the last `REMEMBERED_CALLS` calls per client, while the client lives
   * (for at least its ttl after the call); the first answer recorded for an
   * id stays. Ignored for an unknown or ended client.
   */
  recordCall?(client: string, call: string, answer: string): void;
  /** Optional (with `recordCall`): the answer recorded for call `call` of `client`, if any. */
  recordedCall?(client: string, call: string): Promise<string | undefined>;
  /**
   * Optional (with `recordCall`): runs `run` (the handler of call `call` of
   * `client`) and returns what it returns; the appends and publishes it
   * makes synchronously belong to the call. A store whose write of one
   * batch is not atomic (a Redis Cluster: one script per shard) stores them
   * once per call in each part, so a resend that runs the call again (its
   * answer was not recorded) stores only what the first sending did not.
   */
  withCall?<T>(client: string, call: string, run: () => T): T;
  /** Ends every client without activity for `ttl` before `now` (reason `expired`). */
  sweep(now: number): Promise<void>;
  /** Resolves when every append made so far is stored (durable, for stores that persist). */
  flush(): Promise<void>;
  /**
   * Optional (memory and SQLite have it): keeps the small text `value` under
   * `key`, stored together with every append made before it (one write: a
   * crash keeps both or neither). A relay keeps its place in an upstream
   * server's queue this way, with the events it passed on (docs/references.md).
   */
  mark?(key: string, value: string): void;
  /** The value last kept under `key` by `mark`, once stored; `undefined` if none. */
  readMark?(key: string): Promise<string | undefined>;
  /** Releases the store's resources (connections, timers). Clients are not ended. */
  stop(): Promise<void>;
  /**
   * Optional: this process is going away (a graceful drain). Releases the
   * callbacks registered through this process that are not topic members
   * (their stand-ins die with it): each leaves a release notice
   * (`releaseNotice`) in its client's queue and `listener.released` runs
   * where other processes hold stand-ins. Stores whose registrations cannot
   * outlive the process (memory) leave it out. See docs/restarts.md.
   */
  retire?(reason: ReleaseNoticeReason): Promise<void>;
  /**
   * Optional: resolves when the store answers a trivial request (SQLite a
   * query, Redis `PING`), rejects when it cannot be reached. The router's
   * `GET {base}/_ready` asks it; a store without it counts as reachable.
   */
  ping?(): Promise<void>;
  /** Optional: the events and bytes held now, for the router's queue gauges. */
  queueStats?(): QueueStats;
  /**
   * Optional: one page of the live clients, most recently active first (the
   * admin page, `createRouter({ admin })`). Bounded by `page.limit`; pass
   * the answer's `next` back for the following page. Not activity. Clients
   * that become active between two pages may show twice or not at all: it
   * is a view for people, not an index.
   */
  listClients?(page: ClientPageRequest): Promise<ClientPage>;
  /**
   * Optional: one page of the topics by name with their first members (the
   * admin page): at most `page.limit` topics and `page.members` members each;
   * pass the answer's `next` back for the following page.
   */
  listTopics?(page: TopicPageRequest): Promise<TopicPage>;
  // Logs (topics with history; see log-store.ts and docs/logs.md). Optional: a store without them has no logs.
  /** Optional: see `LogStoreMethods.logAppend`. */
  logAppend?: LogStoreMethods['logAppend'];
  /** Optional: see `LogStoreMethods.logRead`. */
  logRead?: LogStoreMethods['logRead'];
  /** Optional: see `LogStoreMethods.logFollow`. */
  logFollow?: LogStoreMethods['logFollow'];
  /** Optional: see `LogStoreMethods.logUnfollow`. */
  logUnfollow?: LogStoreMethods['logUnfollow'];
  /** Optional: see `LogStoreMethods.logFollows`. */
  logFollows?: LogStoreMethods['logFollows'];
  /** Optional: see `LogStoreMethods.logEnqueue`. */
  logEnqueue?: LogStoreMethods['logEnqueue'];
  /** Optional: see `LogStoreMethods.logEnqueueRead`. */
  logEnqueueRead?: LogStoreMethods['logEnqueueRead'];
}

/** Which page of clients `ClientStore.listClients` answers. */
export interface ClientPageRequest {
  /** Clients at most (a positive integer). */
  readonly limit: number;
  /** The `next` of the page before; absent: the first page. */
  readonly cursor?: string;
}

/** One live client as the store knows it (`ClientStore.listClients`). */
export interface StoredClientInfo {
  readonly id: string;
  /** The principal that opened it (`open`'s `owner`), when one did. */
  readonly owner?: string;
  /** Unacknowledged events queued. */
  readonly events: number;
  /** Their summed JSON text lengths (as counted for `maxQueueBytes`). */
  readonly bytes: number;
  /** Registered callbacks. */
  readonly callbacks: number;
  /** Its last activity, ms since the epoch (the store's clock). */
  readonly lastSeen: number;
}

/** A page of clients: `total` live clients in all, `next` when there are more. */
export interface ClientPage {
  readonly clients: readonly StoredClientInfo[];
  readonly total: number;
  readonly next?: string;
}

/** Which page of topics `ClientStore.listTopics` answers. */
export interface TopicPageRequest {
  /** Topics at most (a positive integer). */
  readonly limit: number;
  /** Members listed per topic at most (its `size` counts them all). */
  readonly members: number;
  /** The `next` of the page before; absent: the first page. */
  readonly cursor?: string;
}

/** One topic: its name, how many members it has, and the first of them. */
export interface TopicInfo {
  readonly name: string;
  readonly size: number;
  readonly members: readonly {
    readonly client: string;
    readonly callback: number;
    readonly iface: string;
  }[];
}

/** A page of topics, `next` when there are more. */
export interface TopicPage {
  readonly topics: readonly TopicInfo[];
  readonly next?: string;
}

/**
 * Why a release notice released a callback: `server-restart` (the process
 * that held it in memory stopped, was killed or restarted); clients accept
 * other reasons.
 */
export type ReleaseNoticeReason = 'server-restart' | (string & {});

/**
 * The payload of a release notice (see `append`): an entry of the client's
 * queue, `{"seq":n,"cb":3,"released":"server-restart"}`, that tells the
 * client callback `callback` will get no more events from the server (its
 * stand-in died with a process). Ordered and acknowledged like an event.
 */
export function releaseNotice(callback: number, reason: ReleaseNoticeReason): string {
  return `"cb":${callback},"released":${JSON.stringify(reason)}`;
}

/**
 * The text of release notice `text` (an event text with `"released"`) made
 * stale: its callback was registered again after the notice (the client
 * passed it in a call before it read the notice), so the client must not
 * release it. The entry keeps its seq; the client ignores it.
 */
export function staleNotice(text: string): string {
  return `${text.slice(0, -1)},"stale":true}`;
}

/** The callback a queue entry's text names (`{"seq":n,"cb":3,...}`). */
export function entryCallback(text: string): number {
  const at = text.indexOf('"cb":') + 5;
  return Number.parseInt(text.slice(at, text.indexOf(',', at)), 10);
}

/** The payload a topic member (callback `callback` of some client) gets for a `publish` of `body`. */
export function topicPayload(callback: number, body: string): string {
  return topicHead(callback) + body;
}

/**
 * Whether text made for callback id `callback` is worth sharing across
 * clients: most clients number their callbacks from 1, so thousands of them
 * use the same few small ids.
 */
export function isSharedCallbackId(callback: number): boolean {
  return Number.isInteger(callback) && callback >= 0 && callback < 64;
}

/** Heads `"cb":n,` of shared callback ids, made once. */
const topicHeads: string[] = [];

/** `"cb":n,`: what goes before a topic's `body` in member `callback`'s events. */
export function topicHead(callback: number): string {
  if (!isSharedCallbackId(callback)) return `"cb":${callback},`;
  return (topicHeads[callback] ??= `"cb":${callback},`);
}

/** The JSON text of one event from its seq and the payload given to `append`. */
export function eventJson(seq: number, payload: string): string {
  return `{"seq":${seq},${payload}}`;
}
