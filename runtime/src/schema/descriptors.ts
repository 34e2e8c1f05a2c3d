import type { DecodeState } from './decode-state.js';
import { argumentsTuple, requiredCount } from './tuple-schema.js';
import {
  nodeOf,
  type CallbackInterfaceDescriptor,
  type CallbackMethodDescriptor,
  type CallbackNode,
  type MethodDescriptor,
  type Schema,
  type ServiceDescriptor,
} from './schema-types.js';
import { say } from '../messages.js';

/** A service method: parameter schemas in order (trailing ones may be `s.optional`) and the result schema (`s.void()` for none). */
export function method(
  params: readonly Schema<unknown>[],
  result: Schema<unknown>,
): MethodDescriptor {
  const optional = params.map((p) => nodeOf(p).kind === 'optional');
  return {
    kind: 'method',
    params: [...params],
    result,
    required: requiredCount(optional, 's.method()'),
  };
}

/**
 * A service method as a generated client calls it: its parameters are
 * `s.coded` (generated code), so the client says how many lead the list
 * as required rather than have them counted from `s.optional` nodes.
 */
export function codedMethod(
  params: readonly Schema<unknown>[],
  result: Schema<unknown>,
  required: number,
): MethodDescriptor {
  return { kind: 'method', params: [...params], result, required };
}

/**
 * A service: `name` is the first path segment of its calls (`POST {base}/{name}/{method}`).
 * The descriptor's type keeps the name and the method names (`ServiceDescriptor<'Chat', 'join' | 'post'>`).
 */
export function service<
  const Name extends string,
  const Methods extends Readonly<Record<string, MethodDescriptor>>,
>(name: Name, methods: Methods): ServiceDescriptor<Name, keyof Methods & string> {
  checkName(name, 's.service()');
  return {
    kind: 'service',
    name,
    methods: nullProtoCopy(methods),
  };
}

/** A callback interface: per method, its parameter schemas. */
export function callbackInterface(
  name: string,
  methods: Readonly<Record<string, readonly Schema<unknown>[]>>,
): CallbackInterfaceDescriptor {
  const described: Record<string, CallbackMethodDescriptor> = {};
  for (const [key, params] of Object.entries(methods)) {
    const optional = params.map((p) => nodeOf(p).kind === 'optional');
    const required = requiredCount(optional, `s.callbackInterface() ${name}.${key}`);
    described[key] = { params: [...params], required, args: argumentsTuple(params, required) };
  }
  return {
    kind: 'callbackInterface',
    name: checkName(name, 's.callbackInterface()'),
    methods: nullProtoCopy(described),
  };
}

/**
 * A callback interface as a generated client receives it: per method, the
 * schema its events' `args` decode with (`s.coded` of generated code). The
 * client only decodes events, so no parameter schemas.
 */
export function codedCallbacks(
  name: string,
  methods: Readonly<Record<string, Schema<unknown[]>>>,
): CallbackInterfaceDescriptor {
  const described: Record<string, CallbackMethodDescriptor> = {};
  for (const [key, args] of Object.entries(methods))
    described[key] = { params: [], required: 0, args };
  return {
    kind: 'callbackInterface',
    // Generated code: the name is the contract's interface name, an identifier.
    name,
    methods: nullProtoCopy(described),
  };
}

/**
 * A callback parameter of a service method: the client passes a local
 * object implementing `callbackInterface`, the wire carries `{"$cb": n}`, the
 * handler receives a stand-in. Only valid as a direct method parameter.
 */
// `any`: the parameter's type is the application's callback interface, which a schema does not describe.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function callback(callbackInterface: CallbackInterfaceDescriptor): Schema<any> {
  const node: CallbackNode = {
    kind: 'callback',
    callbackInterface,
    converts: true,
    decode: misplacedCallback,
    encode: misplacedCallback,
    matches: () => false,
  };
  return node;
}

// A call's callback parameters are handled before any value is decoded or encoded: one met here is elsewhere.
function misplacedCallback(value: unknown, st: DecodeState): unknown {
  return st.fail('a callback, which is only allowed as a direct method parameter', value);
}

// A method named `toString` must not be found on a plain object's prototype by a URL lookup.
function nullProtoCopy<T>(record: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, record));
}

function checkName(name: string, where: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new TypeError(say('not-identifier', where, name));
  return name;
}
