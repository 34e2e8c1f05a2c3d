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
 * An open object (an index signature beside properties, `{ a: string;
 * [key: string]: unknown }`) is `s.openObject` (open-object-schema.ts), so
 * a page that has none does not download its walk.
 */
export function object<const P extends Readonly<Record<string, Schema<unknown>>>>(
  props: P,
): Schema<InferObject<P>> {
  return objectNode(props, undefined, decodeObject, encodeObject, matchesObject);
}

/** The node of an object with `props` (and `rest`, open), walked by `decode`, `encode` and `matches`. */
export function objectNode(
  props: Readonly<Record<string, Schema<unknown>>>,
  rest: Schema<unknown> | undefined,
  decode: ObjectNode['decode'],
  encode: ObjectNode['encode'],
  matches: ObjectNode['matches'],
): ObjectNode {
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
  return {
    kind: 'object',
    props: copy,
    keys,
    schemas,
    // `toString` and friends are found on every object's prototype, so reading them needs an own-property check.
    inherited: keys.map((key) => key in Object.prototype),
    rest: restNode,
    converts: anyConverts(restNode ? [...schemas, restNode] : schemas),
    decode,
    encode,
    matches,
  };
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

/** Declared keys: a converting object is rebuilt anyway, so undeclared keys are not carried along. */
function encodeObject(this: ObjectNode, value: unknown, st: DecodeState): unknown {
  const { schemas } = this;
  if (!isObject(value)) return st.fail('an object', value);
  return encodeEntries(this.keys, value, (i) => schemas[i] as SchemaNode, st);
}

function matchesObject(this: ObjectNode, value: unknown, depth: number): boolean {
  const { schemas } = this;
  return (
    isPlainObject(value) &&
    this.keys.every((key, i) => matchesValue(schemas[i] as SchemaNode, value[key], depth + 1))
  );
}
