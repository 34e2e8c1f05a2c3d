import type {
  CallbackInterfaceDescriptor,
  CallbackMethodDescriptor,
} from '../schema/schema-types.js';

/**
 * Per method name, its descriptor, whose `args` is the schema of an event's
 * argument array. Null prototype: `toString` is only there if declared.
 */
export type CompiledMethods = Readonly<Record<string, Pick<CallbackMethodDescriptor, 'args'>>>;

/**
 * What an event's `args` of each method of a callback interface decode
 * with: its `methods` as they are, each with its `args` schema, built with
 * the descriptor (`s.callbackInterface` makes a tuple of the parameters;
 * `s.codedCallbacks` takes generated code), so an event decodes in one
 * `decode` call (one decode state per event, not one per argument), and
 * optional trailing parameters may be absent, as in calls.
 */
export function compileCallbackInterface(
  callbackInterface: CallbackInterfaceDescriptor,
): CompiledMethods {
  return callbackInterface.methods;
}
