import { ContractError } from '../protocol/contract-error.js';
import type { CallbackInterfaceDescriptor } from '../schema/schema-types.js';
import { compileCallbackInterface, type CompiledMethods } from './compile-callback-interface.js';
import { say } from '../messages.js';

/** A local object registered as a callback, under the id the wire knows it by. */
export interface Registration {
  readonly id: number;
  readonly target: Record<string, unknown>;
  /** The argument schemas of every method it receives (merged when registered under several interfaces). */
  methods: CompiledMethods;
  /** Whether a call that carried it has succeeded, so the server holds a stand-in for it. */
  confirmed: boolean;
  /** The callback interfaces it was registered under (a saved session keeps them). */
  readonly interfaces: string[];
  /** The parameter that carried it first (`Chat.join args[2]`). */
  readonly passedTo: string;
}

/**
 * The local callback objects of one connection and their wire ids. Ids are
 * never reused while the connection lives: an event for an id that was
 * released is recognised as such (it was in flight), and the server, which
 * may remember released ids, never sees one come back with another meaning.
 * The same object keeps its id for as long as it stays registered.
 */
export interface CallbackRegistry {
  /** How many objects are registered. */
  readonly size: number;
  /** The next id `register` hands out. */
  readonly next: number;
  /** The id of `target`, registering it under `callbackInterface` if needed. Throws `BAD_ARGUMENT` for a value that cannot receive its methods. */
  register(
    target: unknown,
    callbackInterface: CallbackInterfaceDescriptor,
    path: string,
    passedTo?: string,
  ): number;
  /**
   * Adds `registration` as it is (a saved callback of a resumed client,
   * see `adoptCallback`), and makes later ids come after its id. Changes
   * nothing and returns false when its id or its target is already live.
   */
  insert(registration: Registration): boolean;
  /** Makes later ids come at or after `next` (a resumed client's ids are never reused). */
  reserve(next: number): void;
  /** The live registrations, in id order. */
  list(): Registration[];
  /** The registration under `id`, if live. */
  get(id: number): Registration | undefined;
  /** Whether `id` was handed out and has since been released. */
  wasReleased(id: number): boolean;
  /** Unregisters `target`; returns its id, or `undefined` if it was not registered. */
  unregister(target: object): number | undefined;
  /** Marks the registrations `ids` (if still live) as known to the server: a call carrying them succeeded. */
  confirm(ids: readonly number[]): void;
  /**
   * Unregisters everything; returns the objects the server knew of (see
   * `confirm`), in registration order. The others were only carried by calls
   * still in flight or failed, which their callers hear about themselves.
   */
  clear(): object[];
}

/** A new, empty `CallbackRegistry`. */
export function createRegistry(): CallbackRegistry {
  let nextId = 1;
  const byTarget = new Map<object, Registration>();
  const byId = new Map<number, Registration>();
  return {
    get size() {
      return byId.size;
    },
    get next() {
      return nextId;
    },
    register(target, callbackInterface, path, passedTo = path) {
      checkTarget(target, callbackInterface, path);
      const methods = compileCallbackInterface(callbackInterface);
      const known = byTarget.get(target);
      if (known === undefined) {
        const registration: Registration = {
          id: nextId++,
          target,
          methods,
          confirmed: false,
          interfaces: [callbackInterface.name],
          passedTo,
        };
        byTarget.set(target, registration);
        byId.set(registration.id, registration);
        return registration.id;
      }
      if (known.methods !== methods) {
        known.methods = Object.freeze(
          Object.assign(Object.create(null) as CompiledMethods, methods, known.methods),
        );
        if (!known.interfaces.includes(callbackInterface.name))
          known.interfaces.push(callbackInterface.name);
      }
      return known.id;
    },
    insert(registration) {
      const { id, target } = registration;
      if (byId.has(id) || byTarget.has(target)) return false;
      byTarget.set(target, registration);
      byId.set(id, registration);
      nextId = Math.max(nextId, id + 1);
      return true;
    },
    reserve(next) {
      nextId = Math.max(nextId, next);
    },
    list: () => [...byId.values()].sort((a, b) => a.id - b.id),
    get: (id) => byId.get(id),
    wasReleased: (id) => Number.isSafeInteger(id) && id >= 1 && id < nextId && !byId.has(id),
    unregister(target) {
      const registration = byTarget.get(target);
      if (registration === undefined) return undefined;
      byTarget.delete(target);
      byId.delete(registration.id);
      return registration.id;
    },
    confirm(ids) {
      for (const id of ids) {
        const registration = byId.get(id);
        if (registration !== undefined) registration.confirmed = true;
      }
    },
    clear() {
      const confirmed = [...byId.values()].filter((r) => r.confirmed).map((r) => r.target);
      byTarget.clear();
      byId.clear();
      return confirmed;
    },
  };
}

/** Checks that `target` has every method of `callbackInterface`; throws `BAD_ARGUMENT`, at `path`, when not. */
export function checkTarget(
  target: unknown,
  callbackInterface: CallbackInterfaceDescriptor,
  path: string,
): asserts target is Record<string, unknown> {
  const name = callbackInterface.name;
  if (typeof target !== 'object' || target === null) {
    throw new ContractError('BAD_ARGUMENT', say('not-callback-target', path, name), {
      path,
      expected: name,
    });
  }
  for (const method of Object.keys(callbackInterface.methods)) {
    if (typeof (target as Record<string, unknown>)[method] !== 'function') {
      const expected = `${name} (with a method ${method})`;
      throw new ContractError('BAD_ARGUMENT', say('missing-callback-method', path, name, method), {
        path,
        expected,
      });
    }
  }
}
