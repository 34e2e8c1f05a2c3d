import {
  decodeChild,
  encodeEntries,
  isForbiddenKey,
  isObject,
  isPlainObject,
  refuseKey,
} from './container-walk.js';
import { FAIL, type DecodeState } from './decode-state.js';
import { matchesValue } from './match-value.js';
import { objectNode, type InferObject } from './object-schema.js';
import type { Infer, ObjectNode, Schema, SchemaNode } from './schema-types.js';

/**
 * An open object: the properties `props`, as `s.object` has them, and an
 * index signature beside them (`{ a: string; [key: string]: unknown }`):
 * every other key is kept, its value decoded with `rest` (at most
 * `maxItems` of them). `__proto__`, `constructor` and `prototype` keys are
 * refused as in `s.object`. A node of kind `object` with `rest`; its own
 * function so that pages without open objects do not download this walk.
 */
export function openObject<
  const P extends Readonly<Record<string, Schema<unknown>>>,
  R extends Schema<unknown>,
>(props: P, rest: R): Schema<InferObject<P> & Record<string, Infer<R>>> {
  return objectNode(props, rest, decodeOpenObject, encodeOpenObject, matchesOpenObject);
}

/**
 * The declared keys as a closed object reads them, and every
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

/** Declared keys and every other own key, with `rest`. */
function encodeOpenObject(this: ObjectNode, value: unknown, st: DecodeState): unknown {
  const { schemas, props } = this;
  const rest = this.rest as SchemaNode;
  if (!isObject(value)) return st.fail('an object', value);
  const others = Object.keys(value).filter((key) => !Object.hasOwn(props, key));
  const keys = [...this.keys, ...others];
  return encodeEntries(keys, value, (i) => schemas[i] ?? rest, st);
}

function matchesOpenObject(this: ObjectNode, value: unknown, depth: number): boolean {
  const { schemas, props } = this;
  const rest = this.rest as SchemaNode;
  return (
    isPlainObject(value) &&
    this.keys.every((key, i) => matchesValue(schemas[i] as SchemaNode, value[key], depth + 1)) &&
    Object.keys(value).every(
      (key) => Object.hasOwn(props, key) || matchesValue(rest, value[key], depth + 1),
    )
  );
}
