/**
 * The shapes that cross the wire (protocol v1). docs/protocol.md is the
 * reference for people writing clients in other languages; these types are
 * the same thing for TypeScript.
 */

/** The body of a call: `POST {base}/{Service}/{method}` with the arguments in order. */
export type CallBody = readonly unknown[];

/** A successful answer to a call; a `void` method answers `{"result": null}`. */
export interface ResultBody {
  readonly result: unknown;
}

/** A failed call, with the status of its code. */
export interface ErrorBody {
  readonly error: WireError;
}

/** The error object inside an `ErrorBody`. Optional fields are absent, never `null`. */
export interface WireError {
  readonly code: string;
  readonly message: string;
  readonly path?: string;
  readonly expected?: string;
  readonly received?: string;
  readonly details?: unknown;
}

/** A callback argument inside a call's argument array: `n` is chosen by the client. */
export interface CallbackRef {
  readonly $cb: number;
}

/**
 * A callback argument delivered as webhooks (docs/webhooks.md): the server
 * POSTs the callback's events to `url`, signed with `secret`
 * (`whsec_<base64>`). Taken only by a server whose webhooks accept them.
 */
export interface WebhookRef {
  readonly $webhook: { readonly url: string; readonly secret: string };
}

/**
 * One event of a client's queue, as `GET {base}/_events` returns it: the
 * callback `cb` (the client's `{"$cb": n}`) is to run `method` with `args`
 * (encoded with the callback interface's parameter schemas). `seq` starts at
 * 1 per client and grows by 1 per event; a client drops a seq it has seen.
 */
export interface WireEvent {
  readonly seq: number;
  readonly cb: number;
  readonly method: string;
  readonly args: readonly unknown[];
}

/**
 * A release notice in a client's queue, in place of an event: callback `cb`
 * gets no more events (the server process that held it in memory stopped,
 * was killed or restarted: `released` is `server-restart`; clients accept
 * other reasons). Numbered, ordered and acknowledged like an event, so it is
 * repeated until acknowledged; every event for `cb` queued before it comes
 * before it. A client subscribes again if it wants more (docs/protocol.md,
 * "Release notices").
 */
export interface WireReleaseNotice {
  readonly seq: number;
  readonly cb: number;
  readonly released: string;
  /**
   * `true`: the client passed `cb` in a call again after the notice was
   * queued (before it read it), so `cb` is registered anew: ignore the
   * notice (it only takes up its seq).
   */
  readonly stale?: boolean;
}

/** An entry of a client's queue: an event, or a release notice. */
export type WireEntry = WireEvent | WireReleaseNotice;

/**
 * A batch of a log's events in a follower's queue, in place of one event
 * (docs/protocol.md, "Logs"): callback `cb` gets `events` in order, the
 * first at `offset` of `epoch` and each next one at the next offset. With
 * `gap`, events were lost before them (trimmed by the log's retention, or
 * the log's epoch changed) and delivery resumes at `offset`. Numbered,
 * ordered and acknowledged as one entry.
 */
export interface WireLogEntry {
  readonly seq: number;
  readonly cb: number;
  /** The log's name. */
  readonly log: string;
  readonly epoch: string;
  /** The offset of `events[0]` (where delivery resumes when there is none). */
  readonly offset: number;
  readonly events: readonly { readonly method: string; readonly args: readonly unknown[] }[];
  readonly gap?: WireLogGap;
}

/**
 * What a log entry's follower lost: `trimmed`, offsets `from`..`to` of the
 * entry's epoch (the log's retention removed them); `epoch`, everything from
 * offset `from` of epoch `epoch` on (the store lost the log's history, or the
 * follower's position was of another epoch; how many is not known); `lost`,
 * the follower's position was past the log's last offset (the store lost
 * events it had accepted): offsets `from`..`to` will be other events.
 */
export interface WireLogGap {
  readonly reason: 'trimmed' | 'epoch' | 'lost' | (string & {});
  readonly from: number;
  readonly to?: number;
  readonly epoch?: string;
}

/** Whether `entry` (any entry of an answer) is a log entry. */
export function isLogEntry(entry: object): entry is WireLogEntry {
  return Array.isArray((entry as Partial<WireLogEntry>).events);
}

/** Whether `entry` is a release notice rather than an event. */
export function isReleaseNotice(entry: WireEntry): entry is WireReleaseNotice {
  return typeof (entry as Partial<WireReleaseNotice>).released === 'string';
}

/**
 * Events the server dropped before the client acknowledged them: seqs
 * `from`..`to`, `count` of them. Repeated in every answer until the client
 * acknowledges a seq at or past `to`, so a lost answer cannot hide it; a
 * client reports to the application only the part above the last seq it
 * delivered. Reason `overflow`: the queue hit its bound under the
 * `drop-oldest` policy. Reason `lost`: the client acknowledged a seq beyond
 * the last one the server's store has, so the store lost events it had
 * accepted (a machine crash with a store that does not sync every commit,
 * e.g. SQLite with synchronous=NORMAL); events after that seq the client
 * never received may be gone, how many is unknown: `from` = `to` is one seq
 * that carries no event (the server's seqs continue after it), `count` is 0.
 */
export interface WireGap {
  readonly from: number;
  readonly to: number;
  readonly count: number;
  /** Why the events were dropped: `overflow` (the queue bound) or `lost` (the store lost them); other reasons may be added. */
  readonly reason: GapReason;
}

/** Why a gap happened. Clients must accept reasons they do not know. */
export type GapReason = 'overflow' | 'lost' | (string & {});

/** The answer of `GET {base}/_events?after=<seq>&wait=<ms>`: events with seq > after, in order. */
export interface EventsBody {
  /** Events and release notices, in seq order. */
  readonly events: readonly WireEntry[];
  /** Present only when events were dropped unacknowledged; see `WireGap`. */
  readonly gap?: WireGap;
}

/** The answer of `POST {base}/_open`. */
export interface OpenBody {
  /** The new client's id (22 base64url characters, 128 random bits): send it as the `X-Contract-Client` header. */
  readonly client: string;
  /** Milliseconds the server keeps a client that sends no request (call, poll, release); then it is released. */
  readonly ttl: number;
  /** The longest long-poll `wait` the server grants, in milliseconds (larger ones are clamped to it). */
  readonly wait: number;
}

/** The body of `POST {base}/_release`: the callback ids to release. */
export type ReleaseBody = readonly number[];

/**
 * Why a client id is no longer served, in `details.reason` of a 410
 * `UNKNOWN_CLIENT` answer: never opened here (or forgotten long ago),
 * closed by `_close`, expired after `ttl` without a request, or dropped
 * because its queue reached its bound under the `close` policy.
 */
export type ClientEndReason = 'unknown' | 'closed' | 'expired' | 'overflow';

/** The protocol's own endpoints under `{base}` (service names never start with `_`). */
export const EVENT_ENDPOINTS = Object.freeze({
  open: '/_open',
  events: '/_events',
  release: '/_release',
  close: '/_close',
} as const);

/** The header that names the caller's client (required for calls with callbacks, calls of per-client services and the event endpoints). Lower case, as `Headers` gives it. */
export const CLIENT_HEADER = 'x-contract-client';

/** The header that names the service reference a call is made through (its capability token; docs/protocol.md, "Service references"). */
export const REF_HEADER = 'x-contract-ref';

/** `POST {base}/_unref` with a JSON array of reference tokens: releases those instances. */
export const UNREF_ENDPOINT = '/_unref';

/**
 * The header that names one call across its resends (`"call"` in a WebSocket call frame): 1 to 64
 * characters of `A-Z a-z 0-9 _ -`, unique per client. A server that has answered a call of that
 * client with that id answers a resend with the same answer, without running it again.
 */
export const CALL_HEADER = 'x-contract-call';

/** What a call id (`CALL_HEADER`) may be. */
export const CALL_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The only media type of request and answer bodies. */
export const JSON_MEDIA_TYPE = 'application/json';

/**
 * The largest seq a client may name (`after`, an ack). A client that names a
 * seq beyond its queue's last one is told a lost gap and its queue moves on
 * past it; capping it here keeps every later seq a safe integer. 2^52 events
 * is over a century at a million a second.
 */
export const MAX_SEQ = 2 ** 52;

/** Whether `value` is a seq a client may name: an integer from 0 to `MAX_SEQ`. */
export function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_SEQ;
}

/** Whether `value` is `{"$webhook": {"url": "...", "secret": "..."}}` and nothing more. */
export function isWebhookRef(value: unknown): value is WebhookRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) if (key !== '$webhook') return false;
  const target = (value as { $webhook?: unknown }).$webhook as
    { url?: unknown; secret?: unknown } | null | undefined;
  if (typeof target !== 'object' || target === null || Array.isArray(target)) return false;
  for (const key in target) if (key !== 'url' && key !== 'secret') return false;
  return typeof target.url === 'string' && typeof target.secret === 'string';
}

/**
 * Whether `value` is a `{"$cb": n}` reference with `n` a non-negative safe
 * integer and no other key: exactly what the published JSON Schema says
 * (`additionalProperties: false`, `$cb` an integer from 0 to 2^53 − 1).
 */
export function isCallbackRef(value: unknown): value is CallbackRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (!Object.hasOwn(value, '$cb')) return false;
  for (const key in value) if (key !== '$cb') return false;
  const id = (value as { $cb?: unknown }).$cb;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0;
}
