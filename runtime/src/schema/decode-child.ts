import { decodeNode } from './decode-node.js';
import type { DecodeState } from './decode-state.js';
import type { SchemaNode } from './schema-types.js';

/**
 * `decodeNode` with the commonest valid leaves answered inline. Small enough
 * for V8 to inline into the container loops, it saves a call and a switch
 * for most values of real payloads; anything else (and every failure, which
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
  return decodeNode(node, raw, st);
}
