import { ContractError } from '../protocol/contract-error.js';
import { encode } from '../schema/decode.js';
import { nodeOf, type MethodDescriptor } from '../schema/schema-types.js';

/**
 * The JSON body of a call: the arguments encoded with their parameter
 * schemas, trailing `undefined` optional ones left out (so an older server
 * with fewer parameters still accepts the call). Throws `BAD_ARGUMENT` for
 * too many or too few arguments, or a value the wire cannot carry.
 */
export function encodeArgs(label: string, method: MethodDescriptor, args: readonly unknown[]): string {
  let count = args.length;
  while (count > method.required && args[count - 1] === undefined) count--;
  if (count < method.required || count > method.params.length) {
    const max = method.params.length;
    const expected = method.required === max ? `${max}` : `${method.required} to ${max}`;
    throw new ContractError('BAD_ARGUMENT', `${label} takes ${expected} arguments, received ${count}.`, { path: 'args', expected: `${expected} arguments` });
  }
  const wire: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const schema = method.params[i] as MethodDescriptor['params'][number];
    const inner = nodeOf(schema);
    if (inner.kind === 'callback' || (inner.kind === 'optional' && inner.inner.kind === 'callback')) {
      // The event channel that registers local callback objects is not part of this transport yet.
      throw new ContractError('NOT_IMPLEMENTED', `${label} takes a callback, which this connection cannot pass yet.`);
    }
    wire.push(encode(schema, args[i], `args[${i}]`));
  }
  return JSON.stringify(wire);
}
