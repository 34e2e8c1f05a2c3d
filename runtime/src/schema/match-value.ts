import { resolve, type SchemaNode } from './schema-types.js';

/** Values nested deeper than this are assumed to match (the encoder will still check their leaves). */
const maxMatchDepth = 64;

/**
 * Whether an in-memory value has the type `node` describes. `encode` uses it
 * to pick the member of a converting union (`Date | string`, `{at: Date} | {at: bigint}`):
 * the value side knows its types, so no trial encoding is needed.
 */
export function matchesValue(node: SchemaNode, value: unknown, depth = 0): boolean {
  if (depth > maxMatchDepth) return true;
  switch (node.kind) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
      return typeof value === node.kind;
    case 'null':
      return value === null;
    case 'undefined':
    case 'void':
      return value === undefined || value === null;
    case 'unknown':
      return true;
    case 'date':
      return value instanceof Date;
    case 'bytes':
      return value instanceof Uint8Array;
    case 'literal':
      return value === node.value;
    case 'enum':
      return node.values.includes(value as string | number);
    case 'optional':
      return value === undefined || matchesValue(node.inner, value, depth);
    case 'lazy':
      return matchesValue(resolve(node), value, depth);
    case 'union':
      return node.members.some((member) => matchesValue(member, value, depth));
    case 'callback':
      return false;
    default:
      return matchesContainer(node, value, depth + 1);
  }
}

function matchesContainer(node: SchemaNode, value: unknown, depth: number): boolean {
  switch (node.kind) {
    case 'array':
      return Array.isArray(value) && value.every((item) => matchesValue(node.item, item, depth));
    case 'tuple':
      return (
        Array.isArray(value) &&
        value.length >= node.required &&
        (node.rest !== undefined || value.length <= node.items.length) &&
        value.every((item, i) =>
          matchesValue(node.items[i] ?? (node.rest as SchemaNode), item, depth),
        )
      );
    case 'object':
      return (
        isPlainObject(value) &&
        node.keys.every((key, i) => matchesValue(node.schemas[i] as SchemaNode, value[key], depth))
      );
    case 'record':
      return (
        isPlainObject(value) &&
        Object.values(value).every((item) => matchesValue(node.value, item, depth))
      );
    default:
      return false;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  );
}
