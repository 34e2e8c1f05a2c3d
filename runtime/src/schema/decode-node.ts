import type { DecodeState } from './decode-state.js';
import type { SchemaNode } from './schema-types.js';

/**
 * Validates and converts one wire value against `node`: its kind's
 * `decode`. Returns FAIL (with the issue recorded in `st`) instead of
 * throwing, so a union can try its members cheaply and a valid value never
 * pays for error handling.
 */
export function decodeNode(node: SchemaNode, value: unknown, st: DecodeState): unknown {
  return node.decode(value, st);
}
