import { encodeEventArgs, eventMethods, type EventMethod } from './event-method.js';
import { deferFanOut, drainFanOuts, pendingFanOut, type FanOutRun } from './pending-fan-out.js';
import {
  standInReleased,
  standInState,
  unwatchRelease,
  watchRelease,
  type ReleaseWatcher,
  type StandInState,
} from './stand-in.js';

const members: unique symbol = Symbol('contract-gen.broadcast-members');
const plainMembers: unique symbol = Symbol('contract-gen.broadcast-plain-members');
const interfaces: unique symbol = Symbol('contract-gen.broadcast-interfaces');
const fanOuts: unique symbol = Symbol('contract-gen.broadcast-fan-outs');

type Descriptor = StandInState['descriptor'];

/**
 * Names never treated as callback methods of a Broadcast, so it is not taken
 * for a promise, a JSON value, a test matcher or a DOM node by code that
 * probes objects for these.
 */
const notMethods = new Set([
  'then',
  'toJSON',
  'asymmetricMatch',
  'nodeType',
  '$$typeof',
  'inspect',
  'valueOf',
  'toString',
]);

/** The set side of a `Broadcast`. */
export interface BroadcastSet<T> {
  /** Adds a member (a stand-in, or any object with the methods); a released stand-in is not added. */
  add(member: T): this;
  /** Removes a member; false if it was not one. */
  delete(member: T): boolean;
  has(member: T): boolean;
  /** Removes every member. */
  clear(): void;
  /** Live members. */
  readonly size: number;
  [Symbol.iterator](): IterableIterator<T>;
}

/** The callback methods of `T` that do not collide with the set's own names. */
export type BroadcastMethods<T> = {
  readonly [
    K in keyof T as K extends keyof BroadcastSet<T>
      ? never
      : T[K] extends (...args: never[]) => void
        ? K
        : never
  ]: T[K];
};

/**
 * A set of callbacks of one interface that has the interface's methods:
 * calling `broadcast.tick(...)` calls `tick` on every member. Released
 * stand-ins leave by themselves. See `Broadcast`.
 */
export type Broadcast<T extends object> = BroadcastSet<T> & BroadcastMethods<T>;

/**
 * The broadcast itself watches its stand-in members' release (one watcher
 * for all, not a listener closure per member: a broadcast of 10,000 idle
 * subscribers would spend a few hundred KiB on those).
 */
class BroadcastTarget<T extends object> implements ReleaseWatcher {
  readonly [members] = new Set<T>();
  /** Members that are not stand-ins (local objects), called at once; made on the first. */
  [plainMembers]: Set<T> | undefined = undefined;
  /** Stand-in members per callback interface: a call is encoded once for each interface. */
  readonly [interfaces] = new Map<Descriptor, number>();
  readonly [fanOuts] = new Map<string, (...args: unknown[]) => void>();

  add(member: T): this {
    const set = this[members];
    const state = standInState(member);
    if (set.has(member) || state?.released !== undefined) return this;
    drainFanOuts();
    set.add(member);
    if (state === undefined) (this[plainMembers] ??= new Set()).add(member);
    else {
      this[interfaces].set(state.descriptor, (this[interfaces].get(state.descriptor) ?? 0) + 1);
      watchRelease(state, this);
    }
    return this;
  }

  delete(member: T): boolean {
    const set = this[members];
    if (!set.has(member)) return false;
    drainFanOuts();
    forget(this, member);
    const state = standInState(member);
    if (state !== undefined) unwatchRelease(state, this);
    return true;
  }

  [standInReleased](standIn: object): void {
    if (this[members].has(standIn as T)) forget(this, standIn as T);
  }

  has(member: T): boolean {
    return this[members].has(member);
  }

  clear(): void {
    for (const member of [...this[members].keys()]) this.delete(member);
  }

  get size(): number {
    return this[members].size;
  }

  [Symbol.iterator](): IterableIterator<T> {
    return this[members].keys();
  }
}

/**
 * Removes a member from the set and its counts. A function, not a private
 * method: the set's methods run with the proxy as `this`, which has no
 * private fields.
 */
function forget<T extends object>(target: BroadcastTarget<T>, member: T): void {
  target[members].delete(member);
  const state = standInState(member);
  if (state === undefined) {
    target[plainMembers]?.delete(member);
    return;
  }
  const counts = target[interfaces];
  const count = (counts.get(state.descriptor) ?? 1) - 1;
  if (count === 0) counts.delete(state.descriptor);
  else counts.set(state.descriptor, count);
}

const handler: ProxyHandler<BroadcastTarget<object>> = {
  get(target, key, receiver) {
    if (typeof key === 'symbol' || key in target || notMethods.has(key))
      return Reflect.get(target, key, receiver) as unknown;
    let fanOut = target[fanOuts].get(key);
    if (fanOut === undefined)
      target[fanOuts].set(key, (fanOut = (...args) => send(target, key, args)));
    return fanOut;
  },
};

/** A call encoded for the stand-ins of one callback interface. */
interface EncodedCall {
  readonly descriptor: Descriptor;
  readonly method: EventMethod;
  readonly json: string;
}

/**
 * Calls method `name` on every member. Local objects are called at once,
 * and what they throw is logged, not thrown, so every member is reached.
 * For stand-ins the arguments are encoded now, once per callback interface
 * (a fan-out to 1,000 clients encodes once; later changes to the arguments
 * do not leak into the event), and the call joins the pending run of this
 * broadcast's calls, which reaches the members' queues member by member
 * (see pending-fan-out.ts).
 */
function send(target: BroadcastTarget<object>, name: string, args: unknown[]): void {
  const plain = target[plainMembers];
  if (plain !== undefined) for (const member of plain) callDirectly(member, name, args);
  let encoded: EncodedCall | EncodedCall[] | undefined;
  for (const descriptor of target[interfaces].keys()) {
    const call = encodeCall(target, descriptor, name, args);
    if (call === undefined) continue;
    encoded =
      encoded === undefined ? call : Array.isArray(encoded) ? [...encoded, call] : [encoded, call];
  }
  if (encoded === undefined) return;
  const pending = pendingFanOut();
  const run =
    pending instanceof BroadcastRun && pending.target === target
      ? pending
      : new BroadcastRun(target);
  if (run !== pending) deferFanOut(run);
  run.calls.push(encoded);
}

/** The call for the stand-ins of `descriptor`; undefined when the interface lacks the method or the arguments cannot be sent. */
function encodeCall(
  target: BroadcastTarget<object>,
  descriptor: Descriptor,
  name: string,
  args: unknown[],
): EncodedCall | undefined {
  const method = eventMethods(descriptor).get(name);
  if (method === undefined) return undefined;
  try {
    return { descriptor, method, json: encodeEventArgs(method, args) };
  } catch (error) {
    // Reported once, as a fault of the first member of that interface.
    for (const member of target[members]) {
      const state = standInState(member);
      if (state?.descriptor === descriptor) {
        state.sink.fault(error, state.where(name));
        break;
      }
    }
    return undefined;
  }
}

/** Calls made in a row on one broadcast: drained member by member, each member's events in call order. */
class BroadcastRun implements FanOutRun {
  readonly calls: (EncodedCall | EncodedCall[])[] = [];

  constructor(readonly target: BroadcastTarget<object>) {}

  drain(): void {
    const { calls } = this;
    // The members' stand-ins, each client once, at its first member: a client with several members in this
    // broadcast gets the calls interleaved across them, as they were made (its queue is one FIFO).
    const firsts: StandInState[] = [];
    const seen = new Map<string, StandInState>();
    let several: Map<StandInState, StandInState[]> | undefined;
    for (const member of this.target[members].keys()) {
      const state = standInState(member);
      if (state === undefined) continue;
      const first = calls.length === 1 ? undefined : seen.get(state.client);
      if (first === undefined) {
        if (calls.length > 1) seen.set(state.client, state);
        firsts.push(state);
        continue;
      }
      several ??= new Map();
      const group = several.get(first);
      if (group === undefined) several.set(first, [first, state]);
      else group.push(state);
    }
    for (const state of firsts) {
      const group = several?.get(state);
      if (group === undefined) {
        for (let i = 0; i < calls.length; i++) emit(state, calls[i] as EncodedCall | EncodedCall[]);
        continue;
      }
      for (let i = 0; i < calls.length; i++)
        for (const member of group) emit(member, calls[i] as EncodedCall | EncodedCall[]);
    }
  }
}

/** Queues `call` for one stand-in member: its encoding for the member's interface, if it has one. */
function emit(state: StandInState, call: EncodedCall | EncodedCall[]): void {
  const encoded = Array.isArray(call)
    ? call.find((c) => c.descriptor === state.descriptor)
    : call.descriptor === state.descriptor
      ? call
      : undefined;
  if (encoded === undefined) return;
  try {
    state.emit(encoded.method, encoded.json);
  } catch (error) {
    // A store that throws must not end the drain (a microtask: it would be an uncaught exception).
    state.sink.fault(error, state.where(encoded.method.name));
  }
}

function callDirectly(member: object, name: string, args: unknown[]): void {
  const method = (member as Record<string, unknown>)[name];
  if (typeof method !== 'function') return;
  try {
    method.apply(member, args);
  } catch (error) {
    console.error(`contract-gen: a Broadcast member's ${name}() threw:`, error);
  }
}

/** The `Broadcast` constructor's type: `new Broadcast<ChatEvents>()`. */
export interface BroadcastConstructor {
  new <T extends object>(members?: Iterable<T>): Broadcast<T>;
}

/**
 * A set of callbacks of one interface, with that interface's methods:
 * calling one calls it on every live member, and returns at once.
 *
 * ```ts
 * const room = new Broadcast<ChatEvents>();
 * room.add(events);                  // a stand-in a handler received
 * room.messagePosted(message);       // one event queued per member
 * ```
 *
 * Released stand-ins (released by the client, or the client closed or
 * expired) leave the set by themselves. The set's own names (`add`,
 * `delete`, `has`, `clear`, `size`, iteration) win over callback methods of
 * the same name; call such a method on each member instead. Iteration order is
 * insertion order, and so is the order of the fan-out.
 *
 * The arguments are encoded during the call (changing them afterwards
 * changes nothing). Stand-in members get their events in their queues by
 * the end of the current turn, and before any other event is queued, a
 * member joins or leaves, or the call that published returns: a run of
 * calls is handed over member by member, which is what makes a loop
 * publishing to thousands of subscribers fast. Each client sees the calls
 * in the order they were made. Local objects are called during the call.
 */
export const Broadcast: BroadcastConstructor = function Broadcast<T extends object>(
  this: unknown,
  initial?: Iterable<T>,
): Broadcast<T> {
  if (!new.target) throw new TypeError("contract-gen: Broadcast is a class; use 'new Broadcast()'");
  const target = new BroadcastTarget<T>();
  if (initial !== undefined) for (const member of initial) target.add(member);
  return new Proxy(target, handler) as unknown as Broadcast<T>;
} as unknown as BroadcastConstructor;

// `x instanceof Broadcast` holds for every broadcast (the proxy reports its target's prototype).
Object.defineProperty(Broadcast, 'prototype', { value: BroadcastTarget.prototype });
