import { ContractError } from '../../protocol/contract-error.js';
import { encode } from '../../schema/decode.js';
import { needsConversion } from '../../schema/needs-conversion.js';
import { nodeOf, type CallbackInterfaceDescriptor, type Schema } from '../../schema/schema-types.js';

/** One callback method, prepared once for encoding its events. */
export interface EventMethod {
  readonly interfaceName: string;
  readonly name: string;
  /** `"tick","args":` — the payload's text between the callback id and the arguments. */
  readonly tail: string;
  readonly params: readonly Schema<unknown>[];
  readonly required: number;
  /** Whether any parameter holds a date, bigint or bytes (else encoding is the identity). */
  readonly converts: boolean;
}

const compiled = new WeakMap<CallbackInterfaceDescriptor, ReadonlyMap<string, EventMethod>>();

/** The methods of a callback interface, prepared once per descriptor. */
export function eventMethods(descriptor: CallbackInterfaceDescriptor): ReadonlyMap<string, EventMethod> {
  let methods = compiled.get(descriptor);
  if (methods === undefined) {
    const map = new Map<string, EventMethod>();
    for (const [name, method] of Object.entries(descriptor.methods)) {
      map.set(name, {
        interfaceName: descriptor.name,
        name,
        tail: `${JSON.stringify(name)},"args":`,
        params: method.params,
        required: method.required,
        converts: method.params.some((p) => needsConversion(nodeOf(p))),
      });
    }
    compiled.set(descriptor, (methods = map));
  }
  return methods;
}

/**
 * The JSON text of an event's arguments, encoded once with the method's
 * parameter schemas (however many clients receive it). Extra arguments are
 * ignored, trailing `undefined` ones left out. Throws `BAD_ARGUMENT` for
 * too few arguments or a value the wire cannot carry (a string where a Date
 * is declared, a bigint in an `unknown`, a cycle).
 */
export function encodeEventArgs(method: EventMethod, args: readonly unknown[]): string {
  let count = Math.min(args.length, method.params.length);
  while (count > method.required && args[count - 1] === undefined) count--;
  const label = `${method.interfaceName}.${method.name}`;
  if (count < method.required) {
    throw new ContractError('BAD_ARGUMENT', `${label} takes at least ${method.required} arguments, received ${count}.`, { path: 'args' });
  }
  let wire: readonly unknown[] = count === args.length ? args : args.slice(0, count);
  if (method.converts) wire = wire.map((value, i) => encode(method.params[i] as Schema<unknown>, value, `args[${i}]`));
  try {
    return JSON.stringify(wire);
  } catch (error) {
    throw new ContractError('BAD_ARGUMENT', `${label}: the arguments cannot be sent as JSON (${(error as Error).message}).`, { cause: error });
  }
}
