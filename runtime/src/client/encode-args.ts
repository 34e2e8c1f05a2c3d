import { ContractError } from '../protocol/contract-error.js';
import {
  nodeOf,
  type CallbackInterfaceDescriptor,
  type MethodDescriptor,
  type SchemaNode,
} from '../schema/schema-types.js';
import type { Codec } from '../schema/walk-codec.js';
import { say } from '../messages.js';

/** Registers a local callback object and returns its wire id (`{"$cb": id}`); throws `BAD_ARGUMENT` for a value that is not one. */
export type RegisterCallback = (
  target: unknown,
  callbackInterface: CallbackInterfaceDescriptor,
  path: string,
) => number;

/**
 * The JSON body of a call: the arguments encoded with their parameter
 * schemas, trailing `undefined` optional ones left out (so an older server
 * with fewer parameters still accepts the call), a local object given for a
 * callback parameter replaced by `{"$cb": id}` from `register`; the others
 * through `encode`. Throws
 * `BAD_ARGUMENT` for too many or too few arguments, or a value the wire
 * cannot carry.
 */
export function encodeArgs(
  label: string,
  method: MethodDescriptor,
  args: readonly unknown[],
  encode: Codec['encode'],
  register: RegisterCallback,
): string {
  let count = args.length;
  while (count > method.required && args[count - 1] === undefined) count--;
  if (count < method.required || count > method.params.length) {
    const max = method.params.length;
    const expected = method.required === max ? `${max}` : `${method.required} to ${max}`;
    throw new ContractError('BAD_ARGUMENT', say('arg-count', label, expected, count), {
      path: 'args',
      expected: `${expected} arguments`,
    });
  }
  const wire: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const schema = method.params[i] as MethodDescriptor['params'][number];
    const callbackInterface = callbackOf(nodeOf(schema));
    const value = args[i];
    if (callbackInterface === undefined) wire.push(encode(schema, value, `args[${i}]`));
    // An omitted optional callback travels as null, which the server reads as absent.
    else if (value === undefined) wire.push(null);
    // A `webhookTarget` is its own wire form (checked by the server); no callback object has a `$webhook`.
    else if (typeof value === 'object' && value !== null && '$webhook' in value) wire.push(value);
    else wire.push({ $cb: register(value, callbackInterface, `args[${i}]`) });
  }
  return JSON.stringify(wire);
}

/** The callback interface of a callback parameter (optional or not), else `undefined`. */
function callbackOf(node: SchemaNode): CallbackInterfaceDescriptor | undefined {
  if (node.kind === 'callback') return node.callbackInterface;
  if (node.kind === 'optional' && node.inner.kind === 'callback')
    return node.inner.callbackInterface;
  return undefined;
}
