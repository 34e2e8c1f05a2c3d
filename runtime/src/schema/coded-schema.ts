import { countOwnKeys, isObject, refuseKey } from './container-walk.js';
import { FAIL, type DecodeState } from './decode-state.js';
import { same } from './leaf-schemas.js';
import type { CodedNode, Schema } from './schema-types.js';

// What generated clients decode and encode with (`<file>.client.ts`): a
// function per contract type, written out by the generator, in place of a
// schema that `decode` walks node by node. A page's bundle then holds the
// code of its own types and these few steps, not the walk of every kind
// with its union choice by kept keys and its `matches`. Each step does
// exactly what the walk does at that place (the same result, the same
// error: code, path, expected, received; test/fuzz/browser-decoder.fuzz.test.ts
// holds the two together).

/** Decodes one wire value, or returns FAIL with the issue recorded in `st` (see `NodeBase.decode`). */
export type DecodeStep = (value: unknown, st: DecodeState) => unknown;

/**
 * A schema whose `decode` (and `encode`, for a value with a date in it) is
 * generated code: `decode(s.coded(decodeRoomInfo), wire)` validates and
 * converts like `decode(RoomInfoSchema, wire)`. Without `encode` the value
 * goes out as it is, as for any schema that needs no conversion.
 */
export function coded<T>(decode: DecodeStep, encode?: DecodeStep): Schema<T> {
  const node: CodedNode = {
    kind: 'coded',
    converts: encode !== undefined,
    decode,
    encode: encode ?? same,
    matches: () => true,
  };
  return node;
}

/** An object's first step: false (issue recorded) for a value that is no object, or one level too deep. */
export function enterObject(value: unknown, st: DecodeState): value is Record<string, unknown> {
  if (!isObject(value)) st.fail('an object', value);
  else if (++st.depth > st.maxDepth) st.tooDeep();
  else return true;
  return false;
}

/**
 * An object's last step, after its declared keys decoded to `out`: refuses
 * a `__proto__`, `constructor` or `prototype` key of `value`, leaves its
 * level, and gives `out` without its absent keys (no `key: undefined`).
 */
export function leaveObject(
  value: Record<string, unknown>,
  st: DecodeState,
  out: Record<string, unknown>,
): unknown {
  const own = countOwnKeys(value);
  if (typeof own === 'string') return refuseKey(st, own);
  st.depth--;
  for (const key in out) if (out[key] === undefined) delete out[key];
  return out;
}

/** An array of `item`s: at most `maxItems`, one level deeper, a failing item at its index. */
export function decodeArray(value: unknown, st: DecodeState, item: DecodeStep): unknown {
  if (!Array.isArray(value)) return st.fail('an array', value);
  if (value.length > st.maxItems)
    return st.tooMuch('TOO_MANY_ITEMS', `an array of at most ${st.maxItems} items`, value);
  return decodeItems(value, st, () => item);
}

/** A method's arguments (a tuple without rest): `items`, of which the first `required` must be there. */
export function decodeArgs(
  value: unknown,
  st: DecodeState,
  required: number,
  items: readonly DecodeStep[],
): unknown {
  const max = items.length;
  if (!Array.isArray(value) || value.length < required || value.length > max) {
    const count = required === max ? `${required}` : `${required} to ${max}`;
    return st.fail(`an array of ${count} items`, value);
  }
  return decodeItems(value, st, (i) => items[i] as DecodeStep);
}

function decodeItems(
  value: readonly unknown[],
  st: DecodeState,
  itemAt: (i: number) => DecodeStep,
): unknown {
  if (++st.depth > st.maxDepth) return st.tooDeep();
  const out: unknown[] = [];
  for (let i = 0; i < value.length; i++) {
    const decoded = itemAt(i)(value[i], st);
    if (decoded === FAIL) return st.leave(i);
    out.push(decoded);
  }
  st.depth--;
  return out;
}

/** An optional value: absent stays absent; `null` is what `inner` makes of it if it takes null, otherwise absent. */
export function decodeOptional(value: unknown, st: DecodeState, inner: DecodeStep): unknown {
  if (value === undefined) return undefined;
  const decoded = inner(value, st);
  if (decoded !== FAIL || value !== null) return decoded;
  st.issue = undefined;
  return undefined;
}

/**
 * A union of leaves (strings, numbers, booleans, null, literals, enums,
 * dates): the first member that decodes wins; when none does, one issue
 * that joins what each expected. (A union with an object or array member
 * is decoded by its schema: it needs the walk's choice by kept keys.)
 */
export function decodeEither(
  value: unknown,
  st: DecodeState,
  members: readonly DecodeStep[],
): unknown {
  let expected = '';
  let weak = true;
  for (const member of members) {
    const decoded = member(value, st);
    if (decoded !== FAIL) {
      st.issue = undefined;
      return decoded;
    }
    const issue = st.issue;
    // A size limit, not a mismatch: every member applies the same limits.
    if (issue === undefined || issue.code !== 'BAD_ARGUMENT') return FAIL;
    expected += expected === '' ? issue.expected : ` or ${issue.expected}`;
    weak &&= issue.weak;
  }
  return st.fail(expected, value, weak);
}

/** Exactly `literal` (a mismatch is weak, as for `s.literal`). */
export function decodeLiteral(
  value: unknown,
  st: DecodeState,
  literal: string | number | boolean | null,
): unknown {
  return value === literal ? value : st.fail(JSON.stringify(literal), value, true);
}

/**
 * One of `values`: a TypeScript enum's, as `s.enum` decodes (expected `"a" |
 * "b"`), or with `separator` `' or '` a union of literals, as `s.union` of
 * `s.literal`s does (expected `"a" or "b"`). A mismatch is weak either way.
 */
export function decodeOneOf(
  value: unknown,
  st: DecodeState,
  values: readonly (string | number | boolean)[],
  separator = ' | ',
): unknown {
  return values.includes(value as string | number | boolean)
    ? value
    : st.fail(values.map((v) => JSON.stringify(v)).join(separator), value, true);
}

/** An object's encoding: its declared `keys` that are there, each through its step (`undefined`: as it is). */
export function encodeObject(
  value: unknown,
  st: DecodeState,
  keys: readonly string[],
  steps: readonly (DecodeStep | undefined)[],
): unknown {
  if (!isObject(value)) return st.fail('an object', value);
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const item = Object.hasOwn(value, key) ? value[key] : undefined;
    if (item === undefined) continue;
    const step = steps[i];
    const encoded = step === undefined ? item : step(item, st);
    if (encoded === FAIL) return st.at(key);
    out[key] = encoded;
  }
  return out;
}

/** An array's encoding: each item through `item`. */
export function encodeArray(value: unknown, st: DecodeState, item: DecodeStep): unknown {
  if (!Array.isArray(value)) return st.fail('an array', value);
  const out: unknown[] = [];
  for (let i = 0; i < value.length; i++) {
    const encoded = item(value[i], st);
    if (encoded === FAIL) return st.at(i);
    out.push(encoded);
  }
  return out;
}

/** An optional value's encoding: absent stays absent. */
export function encodeOptional(value: unknown, st: DecodeState, inner: DecodeStep): unknown {
  return value === undefined ? undefined : inner(value, st);
}
