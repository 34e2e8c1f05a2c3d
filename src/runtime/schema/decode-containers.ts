import { decodeNode } from './decode-node.js';
import { FAIL, type DecodeState } from './decode-state.js';
import { forbiddenKeys } from './object-schema.js';
import type { ArrayNode, ObjectNode, RecordNode, TupleNode } from './schema-types.js';

// Each container counts one level of depth and undoes it on every exit,
// because a union goes on trying members after a failure.

/** An array; copied only when its items change on decoding. */
export function decodeArray(node: ArrayNode, value: unknown, st: DecodeState): unknown {
  if (!Array.isArray(value)) return st.fail('an array', value);
  const length = value.length;
  if (length > st.limits.maxItems) return st.fail(`an array of at most ${st.limits.maxItems} items`, value);
  if (++st.depth > st.limits.maxDepth) return tooDeep(st);
  const item = node.item;
  const out: unknown[] | undefined = node.identity ? undefined : [];
  for (let i = 0; i < length; i++) {
    const decoded = decodeNode(item, value[i], st);
    if (decoded === FAIL) return unwind(st, i);
    out?.push(decoded);
  }
  st.depth--;
  return out ?? value;
}

/** A tuple: length within [required, items (+ rest)], each element by its position. */
export function decodeTuple(node: TupleNode, value: unknown, st: DecodeState): unknown {
  const { items, rest, required } = node;
  const max = rest === undefined ? items.length : st.limits.maxItems;
  if (!Array.isArray(value) || value.length < required || value.length > max) {
    const count = required === max ? `${required}` : rest === undefined ? `${required} to ${max}` : `at least ${required}`;
    return st.fail(`an array of ${count} items`, value);
  }
  if (++st.depth > st.limits.maxDepth) return tooDeep(st);
  const out: unknown[] | undefined = node.identity ? undefined : [];
  for (let i = 0; i < value.length; i++) {
    const decoded = decodeNode(items[i] ?? (rest as TupleNode['items'][number]), value[i], st);
    if (decoded === FAIL) return unwind(st, i);
    out?.push(decoded);
  }
  st.depth--;
  return out ?? value;
}

/** An object: declared keys only (unknown ones dropped), never a forbidden own key. */
export function decodeObject(node: ObjectNode, value: unknown, st: DecodeState): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return st.fail('an object', value);
  if (++st.depth > st.limits.maxDepth) return tooDeep(st);
  const forbidden = forbiddenOwnKey(value);
  if (forbidden !== undefined) return refuseKey(st, forbidden);
  const input = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const { keys, schemas, inherited } = node;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const raw = inherited[i] === true && !Object.hasOwn(input, key) ? undefined : input[key];
    const decoded = decodeNode(schemas[i] as ObjectNode['schemas'][number], raw, st);
    if (decoded === FAIL) return unwind(st, key);
    // Absent stays absent (exactOptionalPropertyTypes): no `key: undefined`.
    if (decoded !== undefined) out[key] = decoded;
  }
  st.depth--;
  return out;
}

/** A record: every own key but the forbidden ones, each value decoded. */
export function decodeRecord(node: RecordNode, value: unknown, st: DecodeState): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return st.fail('an object', value);
  const input = value as Record<string, unknown>;
  const keys = Object.keys(input);
  if (keys.length > st.limits.maxItems) return st.fail(`an object of at most ${st.limits.maxItems} keys`, value);
  if (++st.depth > st.limits.maxDepth) return tooDeep(st);
  const out: Record<string, unknown> | undefined = node.identity ? undefined : {};
  for (const key of keys) {
    if (forbiddenKeys.has(key)) return refuseKey(st, key);
    const decoded = decodeNode(node.value, input[key], st);
    if (decoded === FAIL) return unwind(st, key);
    if (out !== undefined && decoded !== undefined) out[key] = decoded;
  }
  st.depth--;
  return out ?? value;
}

/** The first of `__proto__`, `constructor`, `prototype` that `value` has as an own key (JSON.parse creates them as own keys). */
export function forbiddenOwnKey(value: object): string | undefined {
  if (Object.hasOwn(value, '__proto__')) return '__proto__';
  if (Object.hasOwn(value, 'constructor')) return 'constructor';
  if (Object.hasOwn(value, 'prototype')) return 'prototype';
  return undefined;
}

/** Refuses a forbidden key found one level into a container. */
export function refuseKey(st: DecodeState, key: string): typeof FAIL {
  st.depth--;
  st.fail(`no key named '${key}' (refused for safety)`, key);
  return st.at(key);
}

function unwind(st: DecodeState, segment: string | number): typeof FAIL {
  st.depth--;
  return st.at(segment);
}

function tooDeep(st: DecodeState): typeof FAIL {
  st.depth--;
  return st.tooDeep();
}
