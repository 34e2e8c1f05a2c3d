import type { WireEvent } from '../protocol/messages.js';
import { say } from '../messages.js';

/**
 * Events the application will never see, reported through `onGap` so it can
 * resynchronise (reload state, resubscribe). Reasons:
 * - `overflow`: the server dropped events at its queue bound (`from`..`to`,
 *   `count` of them, as the server says);
 * - `expired`: the server forgot this client (no request for its `ttl`):
 *   its callbacks were released there and any events not yet read are lost
 *   (`from` is the first seq that may be lost; `to` and `count` are unknown).
 *   `callbacks` lists the local objects the server held stand-ins for (a
 *   call carrying them had succeeded); they are released locally too, so
 *   pass them to a call again to resubscribe. A call that was in flight is
 *   sent again by itself with a fresh client;
 * - `missing`: the client saw seqs jump without a gap notice (a server fault);
 * - `trimmed`, `epoch`: a log follower lost events (see `log`);
 * - any other reason a server gives.
 */
export interface EventGap {
  readonly reason: 'overflow' | 'expired' | 'missing' | (string & {});
  /** The first lost seq. */
  readonly from: number;
  /** The last lost seq, when known. */
  readonly to?: number;
  /** How many events were lost, when known. */
  readonly count?: number;
  /** For `expired`: the callback objects that lost their subscription (empty otherwise). */
  readonly callbacks: readonly object[];
  /** For `expired`: why the server no longer knows the client, when it said (`expired`, `overflow`, `closed`, `unknown`). */
  readonly detail?: string;
  /**
   * For a log's gap (reasons `trimmed` and `epoch`): `from` and `to` are
   * offsets of the log (`to` unknown for `epoch`), `callbacks` the follower,
   * and this says which log, the epoch the lost offsets were of, and where
   * delivery resumes (the position after which the next events come).
   */
  readonly log?: {
    readonly name: string;
    readonly epoch: string;
    readonly resume: LogPosition;
  };
}

/** A follower's place in a log: the offset of the last event delivered, in `epoch` (`Connection.logPosition`). */
export interface LogPosition {
  readonly log: string;
  readonly offset: number;
  readonly epoch: string;
}

/**
 * An event that was not delivered to application code, or whose handler
 * failed. Reported through `onEventError`; never thrown into the
 * application, and never stops the event loop.
 * - `released-callback`: the object was released (events in flight at release time);
 * - `unknown-callback`: no object was ever registered under `event.cb`;
 * - `unknown-method`: the callback interface has no such method (contract versions differ);
 * - `bad-arguments`: the arguments do not fit the contract (`error` is the `ContractError` with its path);
 * - `handler-threw`: the application's method threw or its promise rejected (`error` is what it threw).
 */
export interface EventError {
  readonly reason:
    'released-callback' | 'unknown-callback' | 'unknown-method' | 'bad-arguments' | 'handler-threw';
  /** The event as it arrived. */
  readonly event: WireEvent;
  readonly error?: unknown;
}

/** The default `onGap`: the application must learn of lost events even when it did not ask. */
export function warnGap(gap: EventGap): void {
  console.warn(say('events-lost', gap.reason, gap.from, gap.to));
}

/** The default `onEventError`: log, except events for released callbacks, which are expected after a release. */
export function logEventError(problem: EventError): void {
  if (problem.reason === 'released-callback') return;
  const { seq, method } = problem.event;
  console.error(say('event-not-delivered', seq, method, problem.reason), problem.error ?? '');
}
