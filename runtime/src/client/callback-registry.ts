import { ContractError } from '../protocol/contract-error.js';
import type { CallbackInterfaceDescriptor } from '../schema/schema-types.js';
import { compileCallbackInterface, type CompiledMethods } from './compile-callback-interface.js';

/** A local object registered as a callback, under the id the wire knows it by. */
export interface Registration {
  readonly id: number;
  readonly target: Record<string, unknown>;
  /** The argument schemas of every method it receives (merged when registered under several interfaces). */
  methods: CompiledMethods;
  /** Whether a call that carried it has succeeded, so the server holds a stand-in for it. */
  confirmed: boolean;
}

/**
 * The local callback objects of one connection and their wire ids. Ids are
 * never reused while the connection lives: an event for an id that was
 * released is recognised as such (it was in flight), and the server, which
 * may remember released ids, never sees one come back with another meaning.
 * The same object keeps its id for as long as it stays registered.
 */
export class CallbackRegistry {
  #nextId = 1;
  readonly #byTarget = new Map<object, Registration>();
  readonly #byId = new Map<number, Registration>();

  /** How many objects are registered. */
  get size(): number {
    return this.#byId.size;
  }

  /** The id of `target`, registering it under `callbackInterface` if needed. Throws `BAD_ARGUMENT` for a value that cannot receive its methods. */
  register(target: unknown, callbackInterface: CallbackInterfaceDescriptor, path: string): number {
    checkTarget(target, callbackInterface, path);
    const known = this.#byTarget.get(target);
    if (known !== undefined) {
      const more = compileCallbackInterface(callbackInterface);
      if (known.methods !== more)
        known.methods = Object.freeze(
          Object.assign(Object.create(null) as CompiledMethods, more, known.methods),
        );
      return known.id;
    }
    const registration: Registration = {
      id: this.#nextId++,
      target,
      methods: compileCallbackInterface(callbackInterface),
      confirmed: false,
    };
    this.#byTarget.set(target, registration);
    this.#byId.set(registration.id, registration);
    return registration.id;
  }

  /** The registration under `id`, if live. */
  get(id: number): Registration | undefined {
    return this.#byId.get(id);
  }

  /** Whether `id` was handed out and has since been released. */
  wasReleased(id: number): boolean {
    return Number.isSafeInteger(id) && id >= 1 && id < this.#nextId && !this.#byId.has(id);
  }

  /** Unregisters `target`; returns its id, or `undefined` if it was not registered. */
  unregister(target: object): number | undefined {
    const registration = this.#byTarget.get(target);
    if (registration === undefined) return undefined;
    this.#byTarget.delete(target);
    this.#byId.delete(registration.id);
    return registration.id;
  }

  /** Marks the registrations `ids` (if still live) as known to the server: a call carrying them succeeded. */
  confirm(ids: readonly number[]): void {
    for (const id of ids) {
      const registration = this.#byId.get(id);
      if (registration !== undefined) registration.confirmed = true;
    }
  }

  /**
   * Unregisters everything; returns the objects the server knew of (see
   * `confirm`), in registration order. The others were only carried by calls
   * still in flight or failed, which their callers hear about themselves.
   */
  clear(): object[] {
    const confirmed = [...this.#byId.values()].filter((r) => r.confirmed).map((r) => r.target);
    this.#byTarget.clear();
    this.#byId.clear();
    return confirmed;
  }
}

function checkTarget(
  target: unknown,
  callbackInterface: CallbackInterfaceDescriptor,
  path: string,
): asserts target is Record<string, unknown> {
  const name = callbackInterface.name;
  if (typeof target !== 'object' || target === null) {
    throw new ContractError(
      'BAD_ARGUMENT',
      `Invalid ${path}: expected an object implementing ${name}.`,
      { path, expected: name },
    );
  }
  for (const method of Object.keys(callbackInterface.methods)) {
    if (typeof (target as Record<string, unknown>)[method] !== 'function') {
      const expected = `${name} (with a method ${method})`;
      throw new ContractError(
        'BAD_ARGUMENT',
        `Invalid ${path}: the object given for ${name} has no method ${method}.`,
        { path, expected },
      );
    }
  }
}
