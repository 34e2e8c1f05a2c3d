import { FAIL, type DecodeState } from './decode-state.js';
import { encodeNode } from './encode-node.js';
import { matchesValue } from './match-value.js';
import { nodeOf, type OptionalNode, type OptionalSchema, type Schema } from './schema-types.js';

/**
 * Marks a property, tuple element or trailing parameter optional. Absent and
 * `null` both read as absent, unless the inner schema accepts `null`.
 */
export function optional<T>(inner: Schema<T>): OptionalSchema<T> {
  const node = nodeOf(inner);
  const result: OptionalNode = {
    kind: 'optional',
    inner: node,
    converts: node.converts,
    decode: decodeOptional,
    encode: encodeOptional,
    matches: matchesOptional,
  };
  return result;
}

/** Absent stays absent; `null` is what the inner schema makes of it if it takes null, otherwise absent (other languages send null for "none"). */
function decodeOptional(this: OptionalNode, value: unknown, st: DecodeState): unknown {
  if (value === undefined) return undefined;
  if (value !== null) return this.inner.decode(value, st);
  const result = this.inner.decode(null, st);
  if (result !== FAIL) return result;
  st.issue = undefined;
  return undefined;
}

function encodeOptional(this: OptionalNode, value: unknown, st: DecodeState): unknown {
  return value === undefined ? undefined : encodeNode(this.inner, value, st);
}

function matchesOptional(this: OptionalNode, value: unknown, depth: number): boolean {
  return value === undefined || matchesValue(this.inner, value, depth);
}
