import { encodeEventArgs, eventMethods } from './event-method.js';
import { standInReleased, standInState, unwatchRelease, watchRelease, type ReleaseWatcher, type StandInState } from './stand-in.js';

const members: unique symbol = Symbol('contract-gen.broadcast-members');
const fanOuts: unique symbol = Symbol('contract-gen.broadcast-fan-outs');

/**
 * Names never treated as callback methods of a Broadcast, so it is not taken
 * for a promise, a JSON value, a test matcher or a DOM node by code that
 * probes objects for these.
 */
const notMethods = new Set(['then', 'toJSON', 'asymmetricMatch', 'nodeType', '$$typeof', 'inspect', 'valueOf', 'toString']);

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
  readonly [K in keyof T as K extends keyof BroadcastSet<T> ? never : T[K] extends (...args: never[]) => void ? K : never]: T[K];
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
  readonly [fanOuts] = new Map<string, (...args: unknown[]) => void>();

  add(member: T): this {
    const set = this[members];
    const state = standInState(member);
    if (set.has(member) || state?.released !== undefined) return this;
    set.add(member);
    if (state !== undefined) watchRelease(state, this);
    return this;
  }

  delete(member: T): boolean {
    const set = this[members];
    if (!set.delete(member)) return false;
    const state = standInState(member);
    if (state !== undefined) unwatchRelease(state, this);
    return true;
  }

  [standInReleased](standIn: object): void {
    this[members].delete(standIn as T);
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

const handler: ProxyHandler<BroadcastTarget<object>> = {
  get(target, key, receiver) {
    if (typeof key === 'symbol' || key in target || notMethods.has(key)) return Reflect.get(target, key, receiver);
    let fanOut = target[fanOuts].get(key);
    if (fanOut === undefined) target[fanOuts].set(key, (fanOut = (...args) => send(target[members], key, args)));
    return fanOut;
  },
};

/**
 * Calls method `name` on every member. Stand-ins of one interface share one
 * encoding of the arguments (a fan-out to 1,000 clients encodes once); other
 * objects are called directly, and what they throw is logged, not thrown, so
 * every member is reached.
 */
function send(map: ReadonlySet<object>, name: string, args: unknown[]): void {
  let encodedFor: StandInState['descriptor'] | undefined;
  let json: string | undefined;
  for (const member of map.keys()) {
    const state = standInState(member);
    if (state === undefined) {
      callDirectly(member, name, args);
      continue;
    }
    const method = eventMethods(state.descriptor).get(name);
    if (state.released !== undefined || method === undefined) continue;
    if (encodedFor !== state.descriptor) {
      encodedFor = state.descriptor;
      try {
        json = encodeEventArgs(method, args);
      } catch (error) {
        json = undefined;
        state.sink.fault(error, state.where(name));
      }
    }
    if (json !== undefined) state.emit(method, json);
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
 */
export const Broadcast: BroadcastConstructor = function Broadcast<T extends object>(this: unknown, initial?: Iterable<T>): Broadcast<T> {
  if (!new.target) throw new TypeError("contract-gen: Broadcast is a class; use 'new Broadcast()'");
  const target = new BroadcastTarget<T>();
  if (initial !== undefined) for (const member of initial) target.add(member);
  return new Proxy(target, handler as ProxyHandler<BroadcastTarget<T>>) as unknown as Broadcast<T>;
} as unknown as BroadcastConstructor;

// `x instanceof Broadcast` holds for every broadcast (the proxy reports its target's prototype).
Object.defineProperty(Broadcast, 'prototype', { value: BroadcastTarget.prototype });
