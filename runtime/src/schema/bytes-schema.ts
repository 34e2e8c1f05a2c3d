import { fromBase64, toBase64 } from './base64.js';
import type { DecodeState } from './decode-state.js';
import type { LeafNode, Schema } from './schema-types.js';

/** A base64 string → Uint8Array. */
function decodeBytes(value: unknown, st: DecodeState): unknown {
  if (typeof value === 'string' && value.length > st.maxStringLength) {
    return st.tooMuch(
      'TOO_LONG',
      `a base64 string of at most ${st.maxStringLength} characters`,
      value,
    );
  }
  const bytes = typeof value === 'string' ? fromBase64(value) : undefined;
  return bytes ?? st.fail('a base64 string', value);
}

const bytesNode: LeafNode = {
  kind: 'bytes',
  converts: true,
  decode: decodeBytes,
  encode: (value, st) =>
    value instanceof Uint8Array ? toBase64(value) : st.fail('a Uint8Array', value),
  matches: (value) => value instanceof Uint8Array,
};

/** A `Uint8Array`; on the wire standard base64 (padding optional when reading). */
export function bytes(): Schema<Uint8Array> {
  return bytesNode;
}
