import { isForbiddenKey, refuseKey } from './container-walk.js';
import { FAIL, type DecodeState } from './decode-state.js';
import { same } from './leaf-schemas.js';
import type { LeafNode, Schema } from './schema-types.js';

/**
 * `s.unknown()` passes its value through unconverted, but hostile input must
 * not get through it either: the same depth, size and key rules apply as to
 * typed values (`__proto__` in an "any" payload is the classic pollution vector).
 */
export function scanUnknown(value: unknown, st: DecodeState): unknown {
  if (typeof value === 'string') {
    return value.length <= st.maxStringLength
      ? value
      : st.tooMuch('TOO_LONG', `a string of at most ${st.maxStringLength} characters`, value);
  }
  if (typeof value !== 'object' || value === null) return value;
  if (++st.depth > st.maxDepth) return st.tooDeep();
  const failed = Array.isArray(value)
    ? scanArray(value, st)
    : scanObject(value as Record<string, unknown>, st);
  if (failed) return FAIL;
  st.depth--;
  return value;
}

/** True when an element failed (the issue is recorded, depth already undone). */
function scanArray(value: readonly unknown[], st: DecodeState): boolean {
  if (value.length > st.maxItems) {
    st.depth--;
    st.tooMuch('TOO_MANY_ITEMS', `an array of at most ${st.maxItems} items`, value);
    return true;
  }
  for (let i = 0; i < value.length; i++) {
    if (scanUnknown(value[i], st) === FAIL) {
      st.leave(i);
      return true;
    }
  }
  return false;
}

function scanObject(value: Record<string, unknown>, st: DecodeState): boolean {
  let count = 0;
  for (const key in value) {
    if (isForbiddenKey(key)) {
      refuseKey(st, key);
      return true;
    }
    if (++count > st.maxItems) {
      st.depth--;
      st.tooMuch('TOO_MANY_ITEMS', `an object of at most ${st.maxItems} keys`, value);
      return true;
    }
    if (scanUnknown(value[key], st) === FAIL) {
      st.leave(key);
      return true;
    }
  }
  return false;
}

const unknownNode: LeafNode = {
  kind: 'unknown',
  converts: false,
  decode: scanUnknown,
  encode: same,
  matches: () => true,
};

/**
 * Any JSON value, passed through unconverted. It is still checked against the
 * limits and for `__proto__`, `constructor` and `prototype` keys.
 */
export function unknown(): Schema<unknown> {
  return unknownNode;
}
