import type { CallbackInterfaceDescriptor } from '../schema/schema-types.js';
import { checkTarget, type CallbackRegistry, type Registration } from './callback-registry.js';
import { compileCallbackInterface, type CompiledMethods } from './compile-callback-interface.js';
import type { SavedCallback, SavedSession } from './session-store.js';
import { say } from '../messages.js';

/**
 * The local object to bind again to the saved callbacks of one callback
 * interface when a connection resumes (`conn.resume(...)`): the object
 * itself when there is one such callback, or a function that picks one per
 * saved callback (by its `id` or `passedTo`), `undefined` to let it go.
 * Generated clients make these typed: `chatEvents(events)`.
 */
export interface CallbackBinding<T extends object = object> {
  readonly callback: CallbackInterfaceDescriptor;
  readonly target: ResumeTarget<T>;
}

/** What a `CallbackBinding` binds: the object, a function choosing one per saved callback, or nothing. */
export type ResumeTarget<T extends object> =
  T | ((saved: SavedCallback) => T | undefined) | undefined;

/** What `conn.resume(...)` found and did. */
export interface ResumeOutcome {
  /** Whether a saved client was taken over: its missed events come next, to `callbacks`. */
  readonly resumed: boolean;
  /** The local objects bound to saved callbacks, in saved order: they are registered as before. */
  readonly callbacks: readonly object[];
  /** Saved callbacks nothing was bound to: released on the server (its release hooks run). */
  readonly released: readonly SavedCallback[];
}

/**
 * Registers the application's objects under the ids of `saved`'s callbacks
 * (matched by interface name), and returns those bound and those left.
 * Throws a `TypeError` when one object is given for several saved
 * callbacks (bind them with a function), and `BAD_ARGUMENT` for an object
 * without the interface's methods, before registering anything.
 */
export function bindSaved(
  saved: SavedSession,
  bindings: readonly CallbackBinding[],
  registry: CallbackRegistry,
): { bound: object[]; unbound: SavedCallback[] } {
  const byName = new Map<string, CallbackBinding>();
  for (const binding of bindings) {
    if (binding.target !== undefined) byName.set(binding.callback.name, binding);
  }
  const plan: [SavedCallback, object, CallbackInterfaceDescriptor[]][] = [];
  const unbound: SavedCallback[] = [];
  const used = new Set<object>();
  for (const entry of saved.callbacks) {
    const matching = entry.interfaces
      .map((name) => byName.get(name))
      .filter((b): b is CallbackBinding => b !== undefined);
    const first = matching[0];
    const target =
      typeof first?.target === 'function'
        ? (first.target as (saved: SavedCallback) => object | undefined)(entry)
        : first?.target;
    if (target === undefined) {
      unbound.push(entry);
      continue;
    }
    if (used.has(target))
      throw new TypeError(
        `contract-gen: one object is bound to several saved ${entry.interfaces.join('/')} callbacks; bind them with a function of the saved callback (its id, passedTo).`,
      );
    used.add(target);
    plan.push([entry, target, matching.map((b) => b.callback)]);
  }
  for (const [entry, target, interfaces] of plan)
    adoptCallback(registry, entry.id, target, interfaces, entry.passedTo);
  registry.reserve(saved.next);
  return { bound: plan.map(([, target]) => target), unbound };
}

/**
 * Registers `target` under the id `id` a saved session had given it (a
 * resumed client), as known to the server. Throws like `register`; a
 * `target` or `id` already live is a `TypeError`.
 */
export function adoptCallback(
  registry: CallbackRegistry,
  id: number,
  target: unknown,
  callbackInterfaces: readonly CallbackInterfaceDescriptor[],
  passedTo: string,
): void {
  // An id already live is refused before the target is looked at; a target already live, at `insert`.
  if (registry.get(id) !== undefined) throw new TypeError(say('bound-twice', id, passedTo));
  let methods = Object.create(null) as CompiledMethods;
  for (const callbackInterface of callbackInterfaces) {
    checkTarget(target, callbackInterface, passedTo);
    methods = Object.assign(methods, compileCallbackInterface(callbackInterface));
  }
  const registration: Registration = {
    id,
    target: target as Record<string, unknown>,
    methods: Object.freeze(methods),
    confirmed: true,
    interfaces: callbackInterfaces.map((c) => c.name),
    passedTo,
  };
  if (!registry.insert(registration)) throw new TypeError(say('bound-twice', id, passedTo));
}
