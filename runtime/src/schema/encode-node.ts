import type { DecodeState } from './decode-state.js';
import { needsConversion } from './needs-conversion.js';
import type { SchemaNode } from './schema-types.js';

/**
 * Converts an in-memory value to its JSON-ready wire form. Subtrees that
 * need no conversion are returned as they are, without a walk; only dates,
 * bigints and bytes (and the containers around them) are rebuilt, each by
 * its kind's `encode`. Returns FAIL (issue in `st`) for a value of the wrong
 * type at a converting place.
 */
export function encodeNode(node: SchemaNode, value: unknown, st: DecodeState): unknown {
  return needsConversion(node) ? node.encode(value, st) : value;
}
