import {
  isLogEntry,
  isReleaseNotice,
  type EventsBody,
  type WireEntry,
  type WireEvent,
  type WireLogEntry,
} from '../protocol/messages.js';
import type { DecodeLimits } from '../schema/limits.js';
import type { Codec } from '../schema/walk-codec.js';
import type { CallbackRegistry } from './callback-registry.js';
import type { EventError, EventGap, LogPosition } from './event-reports.js';

/** What dispatching needs from the connection. */
export interface DispatchContext {
  readonly registry: CallbackRegistry;
  /** Decode limits, or `undefined` for the defaults (cheaper: no merge per event). */
  readonly limits: Partial<DecodeLimits> | undefined;
  /** How arguments are decoded: the connection's codec. */
  readonly decode: Codec['decode'];
  readonly onEventError: (problem: EventError) => void;
  readonly onGap: (gap: EventGap) => void;
  /** A release notice for the live callback object `target` (already unregistered here). */
  readonly onReleased: (target: object, reason: string) => void;
  /** Whether to stop between events (the connection was closed by a handler). */
  readonly stopped: () => boolean;
  /** The seq of the event being delivered (inside a handler), else of the last one: `Connection.lastSeq`. */
  seq: number;
  /** Told after each event is delivered (its handler returned) or a gap consumed: the session store saves. */
  readonly delivered?: (seq: number) => void;
  /** Each log follower's position (`Connection.logPosition`), by its callback object: kept up to date here. */
  readonly positions?: WeakMap<object, LogPosition>;
}

/**
 * Delivers the events of one answer that come after seq `after`, in order,
 * and returns the last seq consumed (the next poll's `after`, which
 * acknowledges them). Repeats (seq ≤ the last one) are skipped, so reading
 * an answer twice delivers nothing twice; a gap notice or a jump in seqs is
 * reported through `onGap` before the events that follow it, and the gap's
 * seqs count as consumed, so the next poll acknowledges them.
 *
 * The hot path of the event channel: a plain loop, one decode per event, no
 * promise per event; a handler that throws or rejects is reported, never
 * stops the loop.
 */
export function dispatchEvents(answer: EventsBody, after: number, ctx: DispatchContext): number {
  let last = after;
  const gap = answer.gap;
  // The server repeats a gap until it is acknowledged: report only the part not reported yet.
  if (gap !== undefined && gap.to > last) {
    const from = Math.max(gap.from, last + 1);
    safely(ctx.onGap, {
      reason: gap.reason,
      from,
      to: gap.to,
      count: gap.count - (from - gap.from),
      callbacks: [],
    });
    last = ctx.seq = gap.to;
    ctx.delivered?.(last);
  }
  const events = answer.events;
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as WireEntry;
    const seq = event.seq;
    if (seq <= last) continue;
    if (seq !== last + 1)
      safely(ctx.onGap, {
        reason: 'missing',
        from: last + 1,
        to: seq - 1,
        count: seq - 1 - last,
        callbacks: [],
      });
    last = ctx.seq = seq;
    // A stale notice names a callback passed again since: it stays registered.
    if (isLogEntry(event)) deliverLog(event, ctx);
    else if (isReleaseNotice(event)) {
      if (event.stale !== true) released(event.cb, event.released, ctx);
    } else deliver(event, ctx);
    ctx.delivered?.(seq);
    if (ctx.stopped()) break;
  }
  return last;
}

/** A release notice: the object under `cb` gets no more events; it is released here too, and the connection told. */
function released(cb: number, reason: string, ctx: DispatchContext): void {
  const registration = ctx.registry.get(cb);
  if (registration === undefined) return; // released by the application meanwhile
  ctx.registry.unregister(registration.target);
  safely(() => ctx.onReleased(registration.target, reason), undefined);
}

/**
 * A log entry: its gap first (told once, as the entry is delivered once),
 * then each event to the follower, in order, its position moving with each.
 */
function deliverLog(entry: WireLogEntry, ctx: DispatchContext): void {
  const target = ctx.registry.get(entry.cb)?.target;
  const { gap, seq, cb, log, epoch, offset, events } = entry;
  const at = (n: number): LogPosition => ({ log, offset: n, epoch });
  if (gap !== undefined) {
    safely(ctx.onGap, {
      reason: gap.reason,
      from: gap.from,
      ...(gap.to === undefined ? {} : { to: gap.to, count: gap.to - gap.from + 1 }),
      callbacks: target === undefined ? [] : [target],
      log: { name: log, epoch: gap.epoch ?? epoch, resume: at(offset - 1) },
    });
  }
  if (target !== undefined) ctx.positions?.set(target, at(offset - 1));
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as WireLogEntry['events'][number];
    // Set first: inside its method, the follower's position is the event it handles.
    if (target !== undefined) ctx.positions?.set(target, at(offset + i));
    deliver({ seq, cb, method: event.method, args: event.args }, ctx);
    if (ctx.stopped()) break;
  }
}

function deliver(event: WireEvent, ctx: DispatchContext): void {
  const registration = ctx.registry.get(event.cb);
  if (registration === undefined) {
    report(
      ctx,
      ctx.registry.wasReleased(event.cb) ? 'released-callback' : 'unknown-callback',
      event,
    );
    return;
  }
  const schema = registration.methods[event.method]?.args;
  if (schema === undefined) {
    report(ctx, 'unknown-method', event);
    return;
  }
  let args: unknown[];
  try {
    args = ctx.decode(schema, event.args, 'args', ctx.limits);
  } catch (error) {
    report(ctx, 'bad-arguments', event, error);
    return;
  }
  try {
    const result = (registration.target[event.method] as (...args: unknown[]) => unknown).apply(
      registration.target,
      args,
    );
    // An async handler's rejection is the application's fault too; report it rather than leave it unhandled.
    if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') {
      (result as PromiseLike<unknown>).then(undefined, (error: unknown) =>
        report(ctx, 'handler-threw', event, error),
      );
    }
  } catch (error) {
    report(ctx, 'handler-threw', event, error);
  }
}

function report(
  ctx: DispatchContext,
  reason: EventError['reason'],
  event: WireEvent,
  error?: unknown,
): void {
  safely(ctx.onEventError, error === undefined ? { reason, event } : { reason, event, error });
}

/** Calls an application hook; what it throws must not stop delivery of the other events. */
function safely<T>(hook: (value: T) => void, value: T): void {
  try {
    hook(value);
  } catch {
    // The hook is the reporting channel itself: there is nowhere further to report to.
  }
}
