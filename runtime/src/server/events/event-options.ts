import type { ClientStore, OverflowPolicy } from '../stores/client-store.js';
import { memoryStore } from '../stores/memory/memory-store.js';
import type { PresenceOptions } from './presence.js';

/** Options of the event channel (`createRouter({ events: {...} })`). */
export interface EventOptions {
  /** Milliseconds a client is kept without any request from it; then it expires. Default 300,000 (5 minutes). */
  readonly ttl?: number;
  /** Unacknowledged events kept per client. Default 10,000. */
  readonly maxQueue?: number;
  /**
   * Bytes of unacknowledged events kept per client, beside `maxQueue`: an
   * event counts the length of its JSON text (`{"seq":n,...}`; UTF-16 code
   * units in the memory and SQLite stores, UTF-8 bytes in the Redis store).
   * Past it the `overflow` policy applies as at `maxQueue`; under
   * `drop-oldest` an event larger than the bound by itself is dropped too
   * (the gap names its seq). Default 8,388,608 (8 MiB). Issue 18: a count
   * alone let one client hold 10,000 events of up to 1 MiB.
   */
  readonly maxQueueBytes?: number;
  /** What happens at `maxQueue` or `maxQueueBytes`: `drop-oldest` (default; the client is told the gap) or `close` (the client ends with reason `overflow`). */
  readonly overflow?: OverflowPolicy;
  /** The longest long-poll wait granted, in milliseconds; at most half of `ttl`. Default 25,000. */
  readonly maxWait?: number;
  /** Most events in one answer (or WebSocket frame). Default 10,000: the default `maxQueue`, so a backlog of small events goes in one answer. */
  readonly maxBatch?: number;
  /**
   * About how much event text one answer (or frame) carries: a read stops
   * before the event that would take the answer's JSON text past this many
   * characters (bytes in the Redis store), but always takes at least one
   * event. Bounds what a read builds whatever the events' size. Default
   * 262,144 (256 Ki): about 3,000 events of 80 characters.
   */
  readonly maxBatchChars?: number;
  /** Where clients and their queues are kept. Default: `memoryStore()`. */
  readonly store?: ClientStore;
  /** The clock, for tests. Default `Date.now`. */
  readonly now?: () => number;
  /**
   * Presence hooks: `onDisconnect` when a client's transport has been gone
   * for `grace` ms (default 5,000), `onReconnect` when it comes back. See
   * `PresenceOptions` and docs/restarts.md.
   */
  readonly presence?: PresenceOptions;
}

/** Event options with every default applied and checked. */
export interface ResolvedEventOptions {
  readonly ttl: number;
  readonly maxQueue: number;
  readonly maxQueueBytes: number;
  readonly overflow: OverflowPolicy;
  /** Already capped at half of `ttl`. */
  readonly maxWait: number;
  readonly maxBatch: number;
  readonly maxBatchChars: number;
  readonly store: ClientStore;
  readonly now: () => number;
  readonly presence: PresenceOptions | undefined;
}

/** The defaults of the event channel. */
export const defaultEventOptions = Object.freeze({
  ttl: 300_000,
  maxQueue: 10_000,
  maxQueueBytes: 8_388_608,
  overflow: 'drop-oldest',
  maxWait: 25_000,
  maxBatch: 10_000,
  maxBatchChars: 262_144,
} as const);

/** Applies the defaults; throws a `TypeError` at startup for a value that cannot work. */
export function resolveEventOptions(options: EventOptions): ResolvedEventOptions {
  const ttl = positive('ttl', options.ttl ?? defaultEventOptions.ttl);
  const overflow = options.overflow ?? defaultEventOptions.overflow;
  if (overflow !== 'drop-oldest' && overflow !== 'close') {
    throw new TypeError(
      `contract-gen: events.overflow must be 'drop-oldest' or 'close', not ${JSON.stringify(overflow)}`,
    );
  }
  return {
    ttl,
    maxQueue: positive('maxQueue', options.maxQueue ?? defaultEventOptions.maxQueue),
    maxQueueBytes: positive(
      'maxQueueBytes',
      options.maxQueueBytes ?? defaultEventOptions.maxQueueBytes,
    ),
    overflow,
    // A parked poll must end (and count as activity) before its client could expire.
    maxWait: Math.min(
      positive('maxWait', options.maxWait ?? defaultEventOptions.maxWait),
      Math.floor(ttl / 2),
    ),
    maxBatch: positive('maxBatch', options.maxBatch ?? defaultEventOptions.maxBatch),
    maxBatchChars: positive(
      'maxBatchChars',
      options.maxBatchChars ?? defaultEventOptions.maxBatchChars,
    ),
    store: options.store ?? memoryStore(),
    now: options.now ?? Date.now,
    presence: options.presence,
  };
}

function positive(name: string, value: number): number {
  if (Number.isSafeInteger(value) && value > 0) return value;
  throw new TypeError(
    `contract-gen: events.${name} must be a positive integer, not ${String(value)}`,
  );
}
