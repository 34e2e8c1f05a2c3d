import { decodeItems, encodeItems } from './container-walk.js';
import type { DecodeState } from './decode-state.js';
import { matchesValue } from './match-value.js';
import { nodeOf, type ArrayNode, type Infer, type Schema } from './schema-types.js';

/** An array of `item`; at most `limits.maxItems` long. */
export function array<S extends Schema<unknown>>(item: S): Schema<Infer<S>[]> {
  const node = nodeOf(item);
  const result: ArrayNode = {
    kind: 'array',
    item: node,
    converts: node.converts,
    decode: decodeArray,
    encode: encodeArray,
    matches: matchesArray,
  };
  return result;
}

function decodeArray(this: ArrayNode, value: unknown, st: DecodeState): unknown {
  if (!Array.isArray(value)) return st.fail('an array', value);
  if (value.length > st.maxItems)
    return st.tooMuch('TOO_MANY_ITEMS', `an array of at most ${st.maxItems} items`, value);
  if (++st.depth > st.maxDepth) return st.tooDeep();
  return decodeItems(value, this.item, undefined, st);
}

function encodeArray(this: ArrayNode, value: unknown, st: DecodeState): unknown {
  return Array.isArray(value)
    ? encodeItems(value, () => this.item, st)
    : st.fail('an array', value);
}

function matchesArray(this: ArrayNode, value: unknown, depth: number): boolean {
  return Array.isArray(value) && value.every((item) => matchesValue(this.item, item, depth + 1));
}
