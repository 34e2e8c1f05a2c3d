import {
  copyUntil,
  decodeChild,
  encodeEntries,
  isForbiddenKey,
  isObject,
  isPlainObject,
  refuseKey,
} from './container-walk.js';
import { FAIL, type DecodeState } from './decode-state.js';
import { numericKeyPattern } from './formats.js';
import { matchesValue } from './match-value.js';
import { nodeOf, type Infer, type RecordNode, type Schema } from './schema-types.js';

/**
 * An object with string keys and `value` values (`Record<string, T>`). Keys
 * `__proto__`, `constructor`, `prototype` are refused. With `keys: 'number'`
 * (`Record<number, T>`, `{ [n: number]: T }`) every key is a number's JSON
 * text (`"1"`, `"-2.5"`, `"1e3"`): object keys are strings on the wire and in memory.
 */
export function record<S extends Schema<unknown>>(value: S): Schema<Record<string, Infer<S>>>;
export function record<S extends Schema<unknown>>(
  value: S,
  keys: 'number',
): Schema<Record<number, Infer<S>>>;
export function record(value: Schema<unknown>, keys?: 'number'): Schema<unknown> {
  const node = nodeOf(value);
  const result: RecordNode = {
    kind: 'record',
    value: node,
    keyPattern: keys === 'number' ? new RegExp(numericKeyPattern) : undefined,
    converts: node.converts,
    decode: decodeRecord,
    encode: encodeRecord,
    matches: matchesRecord,
  };
  return result;
}

/** Every own key but the forbidden ones, each value decoded. */
function decodeRecord(this: RecordNode, value: unknown, st: DecodeState): unknown {
  if (!isObject(value)) return st.fail('an object', value);
  if (++st.depth > st.maxDepth) return st.tooDeep();
  let out: Record<string, unknown> | undefined;
  let count = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (isForbiddenKey(key)) return refuseKey(st, key);
    if (this.keyPattern !== undefined && !this.keyPattern.test(key)) {
      st.fail("a key that is a number's text", key);
      return st.leave(key);
    }
    if (++count > st.maxItems) {
      st.depth--;
      return st.tooMuch('TOO_MANY_ITEMS', `an object of at most ${st.maxItems} keys`, value);
    }
    const raw = value[key];
    const decoded = decodeChild(this.value, raw, st);
    if (decoded === FAIL) return st.leave(key);
    if (out !== undefined) {
      if (decoded !== undefined) out[key] = decoded;
    } else if (decoded !== raw) {
      out = copyUntil(value, key);
      if (decoded !== undefined) out[key] = decoded;
    }
  }
  st.depth--;
  return out ?? value;
}

function encodeRecord(this: RecordNode, value: unknown, st: DecodeState): unknown {
  return isObject(value)
    ? encodeEntries(Object.keys(value), value, () => this.value, st)
    : st.fail('an object', value);
}

function matchesRecord(this: RecordNode, value: unknown, depth: number): boolean {
  const { keyPattern } = this;
  return (
    isPlainObject(value) &&
    Object.entries(value).every(
      ([key, item]) =>
        (keyPattern === undefined || keyPattern.test(key)) &&
        matchesValue(this.value, item, depth + 1),
    )
  );
}
