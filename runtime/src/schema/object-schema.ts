import {
  copyDeclared,
  decodeChild,
  countOwnKeys,
  encodeEntries,
  isForbiddenKey,
  isObject,
  isPlainObject,
  refuseKey,
} from './container-walk.js';
import { FAIL, type DecodeState } from './decode-state.js';
import { matchesValue } from './match-value.js';
import { anyConverts } from './needs-conversion.js';
import {
  nodeOf,
  type Infer,
  type ObjectNode,
  type OptionalSchema,
  type Schema,
  type SchemaNode,
} from './schema-types.js';
import { say } from '../messages.js';

type OptionalKeys<P> = {
  [K in keyof P]: P[K] extends OptionalSchema<unknown> ? K : never;
}[keyof P];
type Present<S> = S extends OptionalSchema<infer T> ? T : never;
type Flatten<T> = { [K in keyof T]: T[K] } & {};

/** The object type of `props`: optional schemas become optional properties. */
export type InferObject<P> = Flatten<
  { [K in Exclude<keyof P, OptionalKeys<P>>]: Infer<P[K]> } & {
    [K in OptionalKeys<P>]?: Present<P[K]>;
  }
>;

/**
 * An object with the properties `props` (`s.optional(...)` for optional
 * ones). Decoding drops unknown keys and refuses `__proto__`, `constructor`
 * and `prototype` keys; for the same reason `props` may not declare them.
 * With `rest` (an index signature beside properties, `{ a: string; [key: string]: unknown }`)
 * the object is open: every other key is kept, its value decoded with `rest`.
 */
export function object<const P extends Readonly<Record<string, Schema<unknown>>>>(
  props: P,
): Schema<InferObject<P>>;
export function object<
  const P extends Readonly<Record<string, Schema<unknown>>>,
  R extends Schema<unknown>,
>(props: P, rest: R): Schema<InferObject<P> & Record<string, Infer<R>>>;
export function object(
  props: Readonly<Record<string, Schema<unknown>>>,
  rest?: Schema<unknown>,
): Schema<unknown> {
  const keys = Object.keys(props);
  const schemas: SchemaNode[] = [];
  const copy: Record<string, SchemaNode> = Object.create(null) as Record<string, SchemaNode>;
  for (const key of keys) {
    if (isForbiddenKey(key)) throw new TypeError(say('forbidden-property', key));
    const node = nodeOf(props[key] as Schema<unknown>);
    schemas.push(node);
    copy[key] = node;
  }
  const restNode = rest === undefined ? undefined : nodeOf(rest);
  const node: ObjectNode = {
    kind: 'object',
    props: copy,
    keys,
    schemas,
    // `toString` and friends are found on every object's prototype, so reading them needs an own-property check.
    inherited: keys.map((key) => key in Object.prototype),
    rest: restNode,
    converts: anyConverts(restNode ? [...schemas, restNode] : schemas),
    decode: restNode ? decodeOpenObject : decodeObject,
    encode: encodeObject,
    matches: matchesObject,
  };
  return node;
}

/** Declared keys only (unknown ones dropped), never a forbidden own key. */
function decodeObject(this: ObjectNode, value: unknown, st: DecodeState): unknown {
  if (!isObject(value)) return st.fail('an object', value);
  if (++st.depth > st.maxDepth) return st.tooDeep();
  const { keys, schemas, inherited } = this;
  let out: Record<string, unknown> | undefined;
  let present = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const raw = inherited[i] === true && !Object.hasOwn(value, key) ? undefined : value[key];
    if (raw !== undefined) present++;
    const decoded = decodeChild(schemas[i] as SchemaNode, raw, st);
    if (decoded === FAIL) return st.leave(key);
    if (out !== undefined) {
      // Absent stays absent (exactOptionalPropertyTypes): no `key: undefined`.
      if (decoded !== undefined) out[key] = decoded;
    } else if (decoded !== raw) {
      out = copyDeclared(value, keys, i);
      if (decoded !== undefined) out[key] = decoded;
    }
  }
  const own = countOwnKeys(value);
  if (typeof own === 'string') return refuseKey(st, own);
  st.depth--;
  if (out !== undefined) return out;
  return own === present ? value : copyDeclared(value, keys, keys.length);
}

/**
 * An open object: the declared keys as `decodeObject` reads them, and every
 * other own key kept, decoded with `rest` (at most `maxItems` of them).
 */
function decodeOpenObject(this: ObjectNode, value: unknown, st: DecodeState): unknown {
  if (!isObject(value)) return st.fail('an object', value);
  if (++st.depth > st.maxDepth) return st.tooDeep();
  const { keys, schemas, inherited, props } = this;
  const rest = this.rest as SchemaNode;
  const out: Record<string, unknown> = {};
  let changed = false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const raw = inherited[i] === true && !Object.hasOwn(value, key) ? undefined : value[key];
    const decoded = decodeChild(schemas[i] as SchemaNode, raw, st);
    if (decoded === FAIL) return st.leave(key);
    if (decoded !== raw) changed = true;
    if (decoded !== undefined) out[key] = decoded;
  }
  let count = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (isForbiddenKey(key)) return refuseKey(st, key);
    if (Object.hasOwn(props, key)) continue;
    if (++count > st.maxItems) {
      st.depth--;
      return st.tooMuch('TOO_MANY_ITEMS', `an object of at most ${st.maxItems} keys`, value);
    }
    const raw = value[key];
    const decoded = decodeChild(rest, raw, st);
    if (decoded === FAIL) return st.leave(key);
    if (decoded !== raw) changed = true;
    if (decoded !== undefined) out[key] = decoded;
    else changed = true;
  }
  st.depth--;
  return changed ? out : value;
}

/** Declared keys (and, for an open object, every other own key with `rest`): a converting object is rebuilt anyway, so undeclared keys of a closed one are not carried along. */
function encodeObject(this: ObjectNode, value: unknown, st: DecodeState): unknown {
  const { schemas, rest, props } = this;
  if (!isObject(value)) return st.fail('an object', value);
  if (rest === undefined)
    return encodeEntries(this.keys, value, (i) => schemas[i] as SchemaNode, st);
  const others = Object.keys(value).filter((key) => !Object.hasOwn(props, key));
  const keys = [...this.keys, ...others];
  return encodeEntries(keys, value, (i) => schemas[i] ?? rest, st);
}

function matchesObject(this: ObjectNode, value: unknown, depth: number): boolean {
  const { schemas, rest, props } = this;
  return (
    isPlainObject(value) &&
    this.keys.every((key, i) => matchesValue(schemas[i] as SchemaNode, value[key], depth + 1)) &&
    (rest === undefined ||
      Object.keys(value).every(
        (key) => Object.hasOwn(props, key) || matchesValue(rest, value[key], depth + 1),
      ))
  );
}
