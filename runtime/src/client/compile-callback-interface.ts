import type { CallbackInterfaceDescriptor, Schema } from '../schema/schema-types.js';

/** Per method name, the schema of its argument array. Null prototype: `toString` is only there if declared. */
export type CompiledMethods = Readonly<Record<string, Schema<unknown[]>>>;

const cache = new WeakMap<CallbackInterfaceDescriptor, CompiledMethods>();

/**
 * The argument schemas of a callback interface, one tuple per method, built
 * once per interface: an event's `args` then decode in one `decode` call
 * (one decode state per event, not one per argument), and optional trailing
 * parameters may be absent, as in calls.
 */
export function compileCallbackInterface(
  callbackInterface: CallbackInterfaceDescriptor,
): CompiledMethods {
  let compiled = cache.get(callbackInterface);
  if (compiled === undefined) {
    const methods = Object.create(null) as Record<string, Schema<unknown[]>>;
    for (const [name, method] of Object.entries(callbackInterface.methods)) {
      methods[name] = method.args;
    }
    compiled = Object.freeze(methods);
    cache.set(callbackInterface, compiled);
  }
  return compiled;
}
