import { ContractError } from '../../protocol/contract-error.js';
import { encoderOf, type Encoder } from '../../schema/compile-encoder.js';
import { encodeError } from '../../schema/decode.js';
import { FAIL } from '../../schema/decode-state.js';
import {
  nodeOf,
  type CallbackInterfaceDescriptor,
  type Schema,
} from '../../schema/schema-types.js';
import { flatString } from './flat-string.js';

/** One callback method, prepared once for encoding its events. */
export interface EventMethod {
  readonly interfaceName: string;
  readonly name: string;
  /** Its position in the interface: stand-ins keep per-method text in an array at this index. */
  readonly index: number;
  /** `"tick","args":` — the payload's text between the callback id and the arguments. */
  readonly tail: string;
  readonly params: readonly Schema<unknown>[];
  readonly required: number;
  /** Per parameter, its compiled encoder; undefined where the value goes out as it is. */
  readonly encoders: readonly (Encoder | undefined)[];
  /** Whether any parameter holds a date, bigint or bytes (else encoding is the identity). */
  readonly converts: boolean;
}

const compiled = new WeakMap<CallbackInterfaceDescriptor, ReadonlyMap<string, EventMethod>>();

/** The methods of a callback interface, prepared once per descriptor. */
export function eventMethods(
  descriptor: CallbackInterfaceDescriptor,
): ReadonlyMap<string, EventMethod> {
  let methods = compiled.get(descriptor);
  if (methods === undefined) {
    const map = new Map<string, EventMethod>();
    for (const [name, method] of Object.entries(descriptor.methods)) {
      const encoders = method.params.map((p) => encoderOf(nodeOf(p)));
      map.set(name, {
        interfaceName: descriptor.name,
        name,
        index: map.size,
        tail: `${JSON.stringify(name)},"args":`,
        params: method.params,
        required: method.required,
        encoders,
        converts: encoders.some((e) => e !== undefined),
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
  if (count < method.required) {
    const message = `${method.interfaceName}.${method.name} takes at least ${method.required} arguments, received ${count}.`;
    throw new ContractError('BAD_ARGUMENT', message, { path: 'args' });
  }
  const wire = method.converts
    ? convert(method, args, count)
    : count === args.length
      ? args
      : args.slice(0, count);
  const text = primitivesJson(wire);
  if (text !== undefined) return flatString(text);
  try {
    return JSON.stringify(wire);
  } catch (error) {
    const message = `${method.interfaceName}.${method.name}: the arguments cannot be sent as JSON (${(error as Error).message}).`;
    throw new ContractError('BAD_ARGUMENT', message, { cause: error });
  }
}

/** The first `count` arguments in their wire form (a new array: a Broadcast hands the same `args` to other interfaces). */
function convert(method: EventMethod, args: readonly unknown[], count: number): unknown[] {
  const wire = new Array<unknown>(count);
  for (let i = 0; i < count; i++) {
    const encoder = method.encoders[i];
    const value = args[i];
    const encoded = encoder === undefined ? value : encoder(value);
    if (encoded === FAIL)
      throw encodeError(method.params[i] as Schema<unknown>, value, `args[${i}]`);
    wire[i] = encoded;
  }
  return wire;
}

/** A string JSON writes as it is between quotes: no quote, backslash, control character or surrogate. */
// eslint-disable-next-line no-control-regex -- the control characters are what the class must exclude: JSON escapes them
const plainString = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/**
 * `JSON.stringify(wire)` when every value is a primitive (the usual event:
 * a symbol, a number, a date's text), written piece by piece: several
 * times faster than the general serialiser on short arrays. Undefined for
 * anything else (an object, a bigint, a function), which the general one
 * handles, `toJSON` and errors included.
 */
function primitivesJson(wire: readonly unknown[]): string | undefined {
  let text = '[';
  for (let i = 0; i < wire.length; i++) {
    const part = primitiveJson(wire[i]);
    if (part === undefined) return undefined;
    text += i === 0 ? part : `,${part}`;
  }
  return `${text}]`;
}

/** What `JSON.stringify` writes for `value` as an array item, for the primitives whose text is fixed. */
function primitiveJson(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return value.length <= 256 && plainString.test(value) ? `"${value}"` : JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? `${value}` : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'null';
    case 'object':
      return value === null ? 'null' : undefined;
    default:
      return undefined;
  }
}
