import type { SchemaNode } from './schema-types.js';

/** Values nested deeper than this are assumed to match (the encoder will still check their leaves). */
const maxMatchDepth = 64;

/**
 * Whether an in-memory value has the type `node` describes. `encode` uses it
 * to pick the member of a converting union (`Date | string`, `{at: Date} | {at: bigint}`):
 * the value side knows its types, so no trial encoding is needed. `depth`
 * counts the containers passed on the way; each kind's `matches` adds its own.
 */
export function matchesValue(node: SchemaNode, value: unknown, depth = 0): boolean {
  return depth > maxMatchDepth || node.matches(value, depth);
}
