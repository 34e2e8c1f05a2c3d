// Logs: a topic with history. Events are appended once to a durable log per
// name, each with an offset (1, 2, ...) in an epoch (a name for one unbroken
// history: it changes when the store loses the log's data). A follower (a
// callback of a client) holds a position in the log, never copies of its
// events: its client's queue gets one *range entry* per batch, naming the
// log and the offsets, and a read turns it into the events (log-feed.ts).

import type { ReadResult } from './read-result.js';

/** How much of its history a log keeps; each bound is optional (absent: none). Trimmed from the oldest. */
export interface LogRetention {
  /** Events kept at most. */
  readonly maxEvents?: number;
  /** Milliseconds an event is kept (by the store's clock, checked at appends). */
  readonly maxAge?: number;
  /** The most text kept, as the sum of the events' body lengths (characters, or bytes in Redis). */
  readonly maxBytes?: number;
}

/** Where a follower starts: the next event, the oldest kept, or after the event at `offset` of `epoch`. */
export type LogStart = 'live' | 'start' | { readonly offset: number; readonly epoch: string };

/** A log's history as the store holds it now. */
export interface LogState {
  /** The log's epoch: a new one whenever the store lost (or never had) the log's events. */
  readonly epoch: string;
  /** The oldest offset kept (`next` when none is). */
  readonly first: number;
  /** The offset the next event gets (1 for a new log). */
  readonly next: number;
}

/** `LogState` and the bodies (`"method":"m","args":[...]`) of events from offset `from` on, in order. */
export interface LogSlice extends LogState {
  /** The offset of `events[0]`: max(after + 1, first). */
  readonly from: number;
  readonly events: readonly string[];
}

/** A follower's position: its log, and the next offset (of `epoch`) to hand to its client's queue. */
export interface LogFollow {
  readonly log: string;
  readonly callback: number;
  readonly next: number;
  readonly epoch: string;
}

/**
 * What a store adds to hold logs (`ClientStore`'s optional log methods;
 * memory, SQLite and Redis have them). A log's events are stored once, in
 * the log; a follow is one small record with its client (it goes when the
 * callback is released or the client ends).
 */
export interface LogStoreMethods {
  /**
   * Appends an event (`body`: `"method":"m","args":[...]`) to `log` with
   * the next offset, then trims it to `retention`. Like `append`: returns at
   * once, `flush` waits for it, and the listener's `logAppended` is called.
   */
  logAppend(log: string, body: string, retention: LogRetention): void;
  /** The log's state and up to `max` event bodies with offsets > `after` (a new log: its state, no events). */
  logRead(log: string, after: number, max: number): Promise<LogSlice>;
  /**
   * Records that callback `callback` of `client` follows `log` from offset
   * `next` of `epoch` (replacing a follow it had). Only a registered callback
   * of a live client follows; returns whether it does now. Activity. Calls
   * the listener's `followsChanged` (`appended` when it has none) for the client,
   * in every process sharing the store (its reader reads again, and learns
   * of the follow; an append wakes no one to ask the follows again).
   */
  logFollow(
    log: string,
    client: string,
    callback: number,
    next: number,
    epoch: string,
  ): Promise<boolean>;
  /**
   * Ends the follow of `callback` of `client`, if any; whether there was
   * one. When there was, calls the listener's `followsChanged` for the
   * client in every process sharing the store (`appended` when it has none).
   */
  logUnfollow(client: string, callback: number): Promise<boolean>;
  /** The follows of `client` (none for a client that is not live). Not activity. */
  logFollows(client: string): Promise<readonly LogFollow[]>;
  /**
   * If callback `callback` of `client` still follows with next offset
   * `expect`: appends `payload` (a range entry) to the client's queue and
   * moves the follow to `next` of `epoch`, at once (so two readers racing
   * never queue one range twice); else nothing. Resolves whether it did.
   */
  logEnqueue(
    client: string,
    callback: number,
    expect: number,
    next: number,
    epoch: string,
    payload: string,
  ): Promise<boolean>;
  /**
   * Optional, for stores where a call is a round trip (Redis): `logEnqueue`
   * of each of `ranges`, then `read(client, after, max, from)`, in one call
   * (the acknowledgement first). Like `logEnqueue`, it wakes no reader: the
   * read answers what it queued.
   */
  logEnqueueRead?(
    client: string,
    after: number,
    max: number,
    from: number | undefined,
    ranges: readonly LogEnqueue[],
  ): Promise<LogEnqueueRead>;
}

/** One range entry to queue (`LogStoreMethods.logEnqueue`'s arguments after the client). */
export interface LogEnqueue {
  readonly callback: number;
  readonly expect: number;
  readonly next: number;
  readonly epoch: string;
  readonly payload: string;
}

/** What `logEnqueueRead` answers: the read, and per range whether it was queued (its follow moved). */
export interface LogEnqueueRead {
  readonly result: ReadResult;
  readonly moved: readonly boolean[];
}

/**
 * What is lost in a range entry, and why: `trimmed` (retention removed offsets `from`..`to`), `epoch` (the
 * log's history changed), or `lost` (the follower's position was past the log's last offset: the store lost
 * events it had, and offsets `from`..`to` will be given to other events).
 */
export interface LogGap {
  readonly reason: 'trimmed' | 'epoch' | 'lost';
  /** The first offset lost (of `epoch` for reason `epoch`, else of the entry's epoch). */
  readonly from: number;
  /** The last offset lost; absent when not known (reason `epoch`). */
  readonly to?: number;
  /** Reason `epoch`: the epoch the follower had. */
  readonly epoch?: string;
}

/** The range entry a follower's queue holds: positions, not copies. */
export interface LogRange {
  readonly log: string;
  readonly epoch: string;
  /** Offsets `from`..`to` of `epoch` (`to` = `from - 1`: no event, only the gap). */
  readonly from: number;
  readonly to: number;
  readonly gap?: LogGap;
}

/**
 * The queue payload of a range entry for callback `callback`: a log entry of
 * the wire with no events (`"cb":3,"log":"prices","epoch":"k3x","offset":41,
 * "events":[]`) and the range in a member of its own (`"logRange":{...}`),
 * which a read replaces with the events (log-feed.ts). An entry read without
 * that (its callback no longer follows: released, unfollowed) is still a
 * valid entry, with no events.
 */
export function rangePayload(callback: number, range: LogRange): string {
  const { log, epoch, from } = range;
  return `"cb":${callback},"log":${JSON.stringify(log)},"epoch":${JSON.stringify(epoch)},"offset":${from},"events":[],"logRange":${JSON.stringify(range)}`;
}

/** The range an entry text holds, or undefined for an event or a release notice. */
export function entryRange(text: string): { callback: number; range: LogRange } | undefined {
  // The member after "cb" is the entry's kind: an event's "method", a notice's "released", a log entry's "log".
  const cb = text.indexOf('"cb":');
  const comma = text.indexOf(',', cb);
  if (cb === -1 || !text.startsWith('"log":', comma + 1)) return undefined;
  const parsed = JSON.parse(text) as { cb: number; logRange?: LogRange };
  return parsed.logRange === undefined
    ? undefined
    : { callback: parsed.cb, range: parsed.logRange };
}

/** A fresh epoch: 8 random base-36 characters (a new log, or one whose history the store lost). */
export function newEpoch(): string {
  let epoch = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(8))) epoch += (byte % 36).toString(36);
  return epoch;
}

/** Log names stay short: they are part of store keys and rows. */
export const MAX_LOG_NAME = 1000;
