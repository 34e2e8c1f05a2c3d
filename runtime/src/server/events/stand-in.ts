import type { CallbackInterfaceDescriptor } from '../../schema/schema-types.js';
import type { FaultContext } from '../fault-context.js';
import { isSharedCallbackId, type EndReason } from '../stores/client-store.js';
import { encodeEventArgs, eventMethods, type EventMethod } from './event-method.js';
import { flatString } from './flat-string.js';
import { drainFanOuts } from './pending-fan-out.js';

/** Why a callback was released: the client released it, or the client ended. */
export type ReleaseReason = 'released' | EndReason;

/** What release listeners and the server's `onRelease` hook are told. */
export interface ReleasedCallback {
  /** The client that had passed the callback. */
  readonly client: string;
  /** The client's id for it (its `{"$cb": n}`). */
  readonly callback: number;
  /** The callback interface's name, e.g. `TickerEvents`. */
  readonly interface: string;
  readonly reason: ReleaseReason;
  /** The stand-in the handlers received (now inert). */
  readonly standIn: object;
}

/** Where stand-ins send their events and report their faults: the event channel. */
export interface EventSink {
  /** Queues an event whose members after `seq` are `head + tail` (see `ClientStore.append`). */
  append(client: string, head: string, tail: string): void;
  fault(error: unknown, where: FaultContext): void;
}

/**
 * Something told when stand-ins it watches are released, through a method
 * under a symbol (so it is never taken for a callback method): a `Broadcast`
 * watches its members this way, one object for all of them instead of a
 * listener closure per member.
 */
export interface ReleaseWatcher {
  [standInReleased](standIn: object): void;
}

/** The method a `ReleaseWatcher` is told through. */
export const standInReleased: unique symbol = Symbol('contract-gen.stand-in-released');

type ReleaseEntry = ((released: ReleasedCallback) => void) | ReleaseWatcher;

/** A stand-in's inner state; reachable only through this module. */
export class StandInState {
  released: ReleasedCallback | undefined = undefined;
  /**
   * Release listeners and watchers in the order they were added, each once:
   * none, one, or an array. Most stand-ins have one (the broadcast they are
   * in), and a `Set` would cost every idle client about 150 bytes.
   */
  listeners: ReleaseEntry | ReleaseEntry[] | undefined = undefined;

  addListener(entry: ReleaseEntry): void {
    const { listeners } = this;
    if (listeners === undefined) this.listeners = entry;
    else if (Array.isArray(listeners)) {
      if (!listeners.includes(entry)) listeners.push(entry);
    } else if (listeners !== entry) this.listeners = [listeners, entry];
  }

  removeListener(entry: ReleaseEntry): void {
    const { listeners } = this;
    if (listeners === entry) this.listeners = undefined;
    else if (Array.isArray(listeners)) {
      const at = listeners.indexOf(entry);
      if (at !== -1) listeners.splice(at, 1);
    }
  }

  /** Per method (by `EventMethod.index`), `"cb":3,"method":"tick","args":`: each event adds only its arguments. */
  readonly #prefixes: readonly string[];

  constructor(
    readonly sink: EventSink,
    readonly client: string,
    readonly callback: number,
    readonly descriptor: CallbackInterfaceDescriptor,
  ) {
    this.#prefixes = prefixesOf(descriptor, callback);
  }

  /** Queues one event whose arguments are already encoded (`json`); nothing once released. */
  emit(method: EventMethod, json: string): void {
    if (this.released === undefined)
      this.sink.append(this.client, this.#prefixes[method.index] as string, json);
  }

  where(method: string): FaultContext {
    return { service: this.descriptor.name, method, client: this.client, callback: this.callback };
  }
}

/** Per interface, per shared callback id (`isSharedCallbackId`): the prefixes, made once for every client that uses that id. */
const sharedPrefixes = new WeakMap<
  CallbackInterfaceDescriptor,
  (readonly string[] | undefined)[]
>();

/**
 * The event prefixes of callback `callback` of `descriptor`, flat strings.
 * Small ids share one array across clients: thousands of idle subscribers
 * would otherwise each hold the same few strings (issue 11, memory per client).
 */
function prefixesOf(descriptor: CallbackInterfaceDescriptor, callback: number): readonly string[] {
  const shared = isSharedCallbackId(callback);
  let byId = shared ? sharedPrefixes.get(descriptor) : undefined;
  const known = byId?.[callback];
  if (known !== undefined) return known;
  const head = `"cb":${callback},"method":`;
  const prefixes = Object.freeze(
    [...eventMethods(descriptor).values()].map((method) => flatString(head + method.tail)),
  );
  if (shared) {
    if (byId === undefined) sharedPrefixes.set(descriptor, (byId = []));
    byId[callback] = prefixes;
  }
  return prefixes;
}

/** The class of every stand-in: its methods are own properties, one per callback method. */
class CallbackStandIn {
  readonly #state: StandInState;

  constructor(state: StandInState) {
    this.#state = state;
  }

  static stateOf(value: unknown): StandInState | undefined {
    return typeof value === 'object' && value !== null && #state in value
      ? value.#state
      : undefined;
  }
}

/**
 * Makes the stand-in a handler receives for a callback argument: an object
 * with the interface's methods. Calling one encodes the arguments and queues
 * the event for the client; it returns `undefined` at once and never throws
 * (a value the wire cannot carry is reported to `sink.fault` and dropped).
 * The methods are closures, so a detached `standIn.tick` works too.
 */
export function createStandIn(
  sink: EventSink,
  client: string,
  callback: number,
  descriptor: CallbackInterfaceDescriptor,
): object {
  const state = new StandInState(sink, client, callback, descriptor);
  const standIn = new CallbackStandIn(state);
  for (const method of eventMethods(descriptor).values()) {
    // Bound, not a closure: a bound function is smaller than a closure with its two contexts, and a server
    // holds a stand-in per idle subscriber (issue 11, memory per client).
    Object.defineProperty(standIn, method.name, {
      value: sendEvent.bind(state, method),
      enumerable: true,
    });
  }
  return Object.freeze(standIn);
}

/** A stand-in's method, bound to its state and the callback method: encodes the arguments and queues the event. */
function sendEvent(this: StandInState, method: EventMethod, ...args: unknown[]): void {
  if (this.released !== undefined) return;
  let json: string;
  try {
    json = encodeEventArgs(method, args);
  } catch (error) {
    return this.sink.fault(error, this.where(method.name));
  }
  // Broadcast calls made before this one reach the queues first.
  drainFanOuts();
  this.emit(method, json);
}

/** The inner state of a stand-in, or undefined for any other value. */
export function standInState(value: unknown): StandInState | undefined {
  return CallbackStandIn.stateOf(value);
}

/**
 * Marks a stand-in released (its calls are ignored from now on) and runs its
 * release listeners once, in the order they were added. Returns what the
 * listeners were told, or undefined if it was released already.
 */
export function releaseStandIn(
  standIn: object,
  reason: ReleaseReason,
): ReleasedCallback | undefined {
  const state = standInState(standIn);
  if (state === undefined || state.released !== undefined) return undefined;
  // Broadcast calls made before the release still reach its queue.
  drainFanOuts();
  const released: ReleasedCallback = {
    client: state.client,
    callback: state.callback,
    interface: state.descriptor.name,
    reason,
    standIn,
  };
  state.released = released;
  const listeners = state.listeners;
  state.listeners = undefined;
  if (Array.isArray(listeners))
    for (const listener of listeners) runListener(state, listener, released);
  else if (listeners !== undefined) runListener(state, listeners, released);
  return released;
}

/**
 * Calls `listener` once when `standIn` is released: the client released the
 * callback, closed, expired or overflowed. If it is released already, calls
 * it at once. Returns a function that removes the listener. Throws a
 * `TypeError` for a value that is not a stand-in (a local object, say).
 *
 * ```ts
 * onReleased(events, ({ reason }) => log(`subscriber left: ${reason}`));
 * ```
 */
export function onReleased(
  standIn: object,
  listener: (released: ReleasedCallback) => void,
): () => void {
  const state = standInState(standIn);
  if (state === undefined) {
    throw new TypeError(
      'contract-gen: onReleased() takes a callback stand-in (a callback argument a handler received).',
    );
  }
  if (state.released !== undefined) {
    runListener(state, listener, state.released);
    return () => {};
  }
  state.addListener(listener);
  return () => state.removeListener(listener);
}

/**
 * Tells `watcher` when `standIn` (a stand-in, not released) is released, in
 * turn with its other release listeners; `unwatchRelease` stops it.
 */
export function watchRelease(state: StandInState, watcher: ReleaseWatcher): void {
  if (state.released === undefined) state.addListener(watcher);
}

export function unwatchRelease(state: StandInState, watcher: ReleaseWatcher): void {
  state.removeListener(watcher);
}

/** Whether `standIn` is a released stand-in. False for anything that is not a stand-in. */
export function isReleased(standIn: object): boolean {
  return standInState(standIn)?.released !== undefined;
}

function runListener(
  state: StandInState,
  listener: ReleaseEntry,
  released: ReleasedCallback,
): void {
  try {
    if (typeof listener === 'function') listener(released);
    else listener[standInReleased](released.standIn);
  } catch (error) {
    state.sink.fault(error, state.where('(release listener)'));
  }
}
