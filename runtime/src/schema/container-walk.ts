import { FAIL, type DecodeState } from './decode-state.js';
import { encodeNode } from './encode-node.js';
import type { SchemaNode } from './schema-types.js';

// What the walks of arrays, tuples, objects and records share.
//
// Decoding is copy-on-write: while every child decodes to itself, the input
// is returned as is, and a copy is made only from the first child that
// changes (a date, a dropped key, an optional null). Valid plain data thus
// decodes without allocating. Each container counts one level of depth and
// undoes it on every exit, because a union goes on trying members after a
// failure.

/**
 * `node.decode` with the commonest valid leaves answered inline. Small
 * enough for V8 to inline into the container loops, it saves a call for
 * most values of real payloads; anything else (and every failure, which
 * must record its issue) goes the general way.
 */
export function decodeChild(node: SchemaNode, raw: unknown, st: DecodeState): unknown {
  const kind = node.kind;
  if (kind === 'string') {
    if (typeof raw === 'string' && raw.length <= st.maxStringLength) return raw;
  } else if (kind === 'number') {
    // `raw - raw` is 0 for finite numbers and NaN for NaN and ±Infinity.
    if (typeof raw === 'number' && raw - raw === 0) return raw;
  } else if (kind === 'boolean') {
    if (typeof raw === 'boolean') return raw;
  }
  return node.decode(raw, st);
}

/**
 * Decodes `value[i]` with `items[i]`, or `item` past them (the shared loop
 * of arrays and tuples), within one level of depth already entered: it is
 * left on success and on failure.
 */
export function decodeItems(
  value: readonly unknown[],
  item: SchemaNode | undefined,
  items: readonly SchemaNode[] | undefined,
  st: DecodeState,
): unknown {
  let out: unknown[] | undefined;
  for (let i = 0; i < value.length; i++) {
    const raw = value[i];
    const decoded = decodeChild((items?.[i] ?? item) as SchemaNode, raw, st);
    if (decoded === FAIL) return st.leave(i);
    if (out !== undefined) out.push(decoded);
    else if (decoded !== raw) {
      out = value.slice(0, i);
      out.push(decoded);
    }
  }
  st.depth--;
  return out ?? value;
}

/** Whether `value` is an object a record or an object schema may describe: not null, not an array. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object that is no array, Date or Uint8Array: what an object or record schema describes in memory. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return isObject(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
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

/**
 * `__proto__`, `constructor` or `prototype`: keys that would let input reach
 * an object's prototype or constructor, never created from input. Plain
 * comparisons, cheaper than a Set lookup in the hot loop.
 */
export function isForbiddenKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

/** Refuses a forbidden key found one level into a container (and leaves that level). */
export function refuseKey(st: DecodeState, key: string): typeof FAIL {
  st.fail(`no key named '${key}' (refused for safety)`, key);
  return st.leave(key);
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

/** Encodes the items of an array or tuple, `schemaAt(i)` giving each one's schema. */
export function encodeItems(
  value: readonly unknown[],
  schemaAt: (i: number) => SchemaNode,
  st: DecodeState,
): unknown {
  const out: unknown[] = [];
  for (let i = 0; i < value.length; i++) {
    const encoded = encodeNode(schemaAt(i), value[i], st);
    if (encoded === FAIL) return st.at(i);
    out.push(encoded);
  }
  return out;
}

/**
 * Encodes the entries `keys` of an object or record, `schemaAt(i)` giving
 * each one's schema; absent and `undefined` entries are left out.
 */
export function encodeEntries(
  keys: readonly string[],
  value: Record<string, unknown>,
  schemaAt: (i: number) => SchemaNode,
  st: DecodeState,
): unknown {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (isForbiddenKey(key)) {
      st.fail(`no key named '${key}' (the other side refuses it)`, key);
      return st.at(key);
    }
    // Own properties only: a declared `toString` must not pick up Object.prototype's.
    const item = Object.hasOwn(value, key) ? value[key] : undefined;
    if (item === undefined) continue;
    const encoded = encodeNode(schemaAt(i), item, st);
    if (encoded === FAIL) return st.at(key);
    out[key] = encoded;
  }
  return out;
}
