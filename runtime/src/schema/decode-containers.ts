import { decodeChild } from './decode-child.js';
import { FAIL, type DecodeState } from './decode-state.js';
import type { ArrayNode, ObjectNode, RecordNode, SchemaNode, TupleNode } from './schema-types.js';

// Containers are copy-on-write: while every child decodes to itself, the
// input is returned as is, and a copy is made only from the first child that
// changes (a date, a dropped key, an optional null). Valid plain data thus
// decodes without allocating. Each container counts one level of depth and
// undoes it on every exit, because a union goes on trying members after a failure.

/** An array of `item`s. */
export function decodeArray(node: ArrayNode, value: unknown, st: DecodeState): unknown {
  if (!Array.isArray(value)) return st.fail('an array', value);
  if (value.length > st.maxItems)
    return st.tooMuch('TOO_MANY_ITEMS', `an array of at most ${st.maxItems} items`, value);
  if (++st.depth > st.maxDepth) return tooDeep(st);
  const out = decodeItems(value, node.item, undefined, st);
  if (out !== FAIL) st.depth--;
  return out;
}

/** A tuple: length within [required, items (+ rest)], each element by its position. */
export function decodeTuple(node: TupleNode, value: unknown, st: DecodeState): unknown {
  const { items, rest, required } = node;
  const max = rest === undefined ? items.length : st.maxItems;
  if (rest !== undefined && Array.isArray(value) && value.length > max)
    return st.tooMuch('TOO_MANY_ITEMS', `an array of at most ${max} items`, value);
  if (!Array.isArray(value) || value.length < required || value.length > max) {
    const count =
      required === max
        ? `${required}`
        : rest === undefined
          ? `${required} to ${max}`
          : `at least ${required}`;
    return st.fail(`an array of ${count} items`, value);
  }
  if (++st.depth > st.maxDepth) return tooDeep(st);
  const out = decodeItems(value, rest, items, st);
  if (out !== FAIL) st.depth--;
  return out;
}

/** Decodes `value[i]` with `items[i]`, or `item` past them; the shared loop of arrays and tuples. */
function decodeItems(
  value: readonly unknown[],
  item: SchemaNode | undefined,
  items: readonly SchemaNode[] | undefined,
  st: DecodeState,
): unknown {
  let out: unknown[] | undefined;
  for (let i = 0; i < value.length; i++) {
    const raw = value[i];
    const decoded = decodeChild((items?.[i] ?? item) as SchemaNode, raw, st);
    if (decoded === FAIL) return unwind(st, i);
    if (out !== undefined) out.push(decoded);
    else if (decoded !== raw) {
      out = value.slice(0, i);
      out.push(decoded);
    }
  }
  return out ?? value;
}

/** An object: declared keys only (unknown ones dropped), never a forbidden own key. */
export function decodeObject(node: ObjectNode, value: unknown, st: DecodeState): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return st.fail('an object', value);
  if (++st.depth > st.maxDepth) return tooDeep(st);
  const input = value as Record<string, unknown>;
  const { keys, schemas, inherited } = node;
  let out: Record<string, unknown> | undefined;
  let present = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const raw = inherited[i] === true && !Object.hasOwn(input, key) ? undefined : input[key];
    if (raw !== undefined) present++;
    const decoded = decodeChild(schemas[i] as SchemaNode, raw, st);
    if (decoded === FAIL) return unwind(st, key);
    if (out !== undefined) {
      // Absent stays absent (exactOptionalPropertyTypes): no `key: undefined`.
      if (decoded !== undefined) out[key] = decoded;
    } else if (decoded !== raw) {
      out = copyDeclared(input, keys, i);
      if (decoded !== undefined) out[key] = decoded;
    }
  }
  const own = countOwnKeys(input);
  if (typeof own === 'string') return refuseKey(st, own);
  st.depth--;
  if (out !== undefined) return out;
  return own === present ? input : copyDeclared(input, keys, keys.length);
}

/** A record: every own key but the forbidden ones, each value decoded. */
export function decodeRecord(node: RecordNode, value: unknown, st: DecodeState): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return st.fail('an object', value);
  if (++st.depth > st.maxDepth) return tooDeep(st);
  const input = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  let count = 0;
  for (const key in input) {
    if (!Object.hasOwn(input, key)) continue;
    if (isForbiddenKey(key)) return refuseKey(st, key);
    if (++count > st.maxItems)
      return unwindTooMany(st, `an object of at most ${st.maxItems} keys`, value);
    const raw = input[key];
    const decoded = decodeChild(node.value, raw, st);
    if (decoded === FAIL) return unwind(st, key);
    if (out !== undefined) {
      if (decoded !== undefined) out[key] = decoded;
    } else if (decoded !== raw) {
      out = copyUntil(input, key);
      if (decoded !== undefined) out[key] = decoded;
    }
  }
  st.depth--;
  return out ?? input;
}

/**
 * How many enumerable keys `value` has, or the first forbidden one
 * (`__proto__`, `constructor`, `prototype`: JSON.parse creates them as own
 * keys). One for-in pass, which is cheaper than three `hasOwn` probes.
 */
export function countOwnKeys(value: object): number | string {
  let count = 0;
  for (const key in value) {
    if (isForbiddenKey(key)) return key;
    count++;
  }
  return count;
}

/** `__proto__`, `constructor` or `prototype`: plain comparisons, cheaper than a Set lookup in the hot loop. */
export function isForbiddenKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

/** Refuses a forbidden key found one level into a container. */
export function refuseKey(st: DecodeState, key: string): typeof FAIL {
  return unwindFail(st, `no key named '${key}' (refused for safety)`, key, key);
}

/** The declared keys among `keys[0..end)` that `input` has, copied. */
export function copyDeclared(
  input: Record<string, unknown>,
  keys: readonly string[],
  end: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < end; i++) {
    const key = keys[i] as string;
    const item = Object.hasOwn(input, key) ? input[key] : undefined;
    if (item !== undefined) out[key] = item;
  }
  return out;
}

/** The own entries of `input` before `stop`, copied (for-in order is stable). */
export function copyUntil(input: Record<string, unknown>, stop: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in input) {
    if (key === stop) break;
    if (Object.hasOwn(input, key) && input[key] !== undefined) out[key] = input[key];
  }
  return out;
}

function unwind(st: DecodeState, segment: string | number): typeof FAIL {
  st.depth--;
  return st.at(segment);
}

function unwindFail(
  st: DecodeState,
  expected: string,
  value: unknown,
  segment?: string,
): typeof FAIL {
  st.depth--;
  st.fail(expected, value);
  return segment === undefined ? FAIL : st.at(segment);
}

function unwindTooMany(st: DecodeState, expected: string, value: unknown): typeof FAIL {
  st.depth--;
  return st.tooMuch('TOO_MANY_ITEMS', expected, value);
}

function tooDeep(st: DecodeState): typeof FAIL {
  st.depth--;
  return st.tooDeep();
}
