import { toBase64 } from './base64.js';
import { FAIL, type DecodeState } from './decode-state.js';
import { isoString } from './iso-string.js';
import { matchesValue } from './match-value.js';
import { forbiddenKeys } from './object-schema.js';
import { needsConversion } from './needs-conversion.js';
import { resolve, type ObjectNode, type SchemaNode } from './schema-types.js';

/**
 * Converts an in-memory value to its JSON-ready wire form. Subtrees that
 * need no conversion are returned as they are, without a walk; only dates,
 * bigints and bytes (and the containers around them) are rebuilt. Returns
 * FAIL (issue in `st`) for a value of the wrong type at a converting place.
 */
export function encodeNode(node: SchemaNode, value: unknown, st: DecodeState): unknown {
  if (!needsConversion(node)) return value;
  switch (node.kind) {
    case 'date':
      return (
        (value instanceof Date ? isoString(value) : undefined) ?? st.fail('a valid Date', value)
      );
    case 'bigint':
      return typeof value === 'bigint' ? value.toString() : st.fail('a bigint', value);
    case 'bytes':
      return value instanceof Uint8Array ? toBase64(value) : st.fail('a Uint8Array', value);
    case 'optional':
      return value === undefined ? undefined : encodeNode(node.inner, value, st);
    case 'lazy':
      return encodeNode(resolve(node), value, st);
    case 'union': {
      const member = node.members.find((m) => matchesValue(m, value));
      return member === undefined
        ? st.fail('a value of one of the union members', value)
        : encodeNode(member, value, st);
    }
    case 'array':
      return Array.isArray(value)
        ? encodeItems(value, () => node.item, st)
        : st.fail('an array', value);
    case 'tuple':
      return Array.isArray(value) && (node.rest !== undefined || value.length <= node.items.length)
        ? encodeItems(value, (i) => node.items[i] ?? (node.rest as SchemaNode), st)
        : st.fail(`an array of at most ${node.items.length} items`, value);
    case 'object':
      return isObject(value) ? encodeObject(node, value, st) : st.fail('an object', value);
    case 'record':
      return isObject(value)
        ? encodeEntries(Object.keys(value), value, () => node.value, st)
        : st.fail('an object', value);
    default:
      return st.fail('a callback, which is only allowed as a direct method parameter', value);
  }
}

function encodeItems(
  value: readonly unknown[],
  schemaAt: (i: number) => SchemaNode,
  st: DecodeState,
): unknown {
  const out: unknown[] = [];
  for (let i = 0; i < value.length; i++) {
    const encoded = encodeNode(schemaAt(i), value[i], st);
    if (encoded === FAIL) return st.at(i);
    out.push(encoded);
  }
  return out;
}

/** Declared keys only: a converting object is rebuilt anyway, so undeclared keys are not carried along. */
function encodeObject(node: ObjectNode, value: Record<string, unknown>, st: DecodeState): unknown {
  return encodeEntries(node.keys, value, (i) => node.schemas[i] as SchemaNode, st);
}

function encodeEntries(
  keys: readonly string[],
  value: Record<string, unknown>,
  schemaAt: (i: number) => SchemaNode,
  st: DecodeState,
): unknown {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (forbiddenKeys.has(key)) {
      st.fail(`no key named '${key}' (the other side refuses it)`, key);
      return st.at(key);
    }
    // Own properties only: a declared `toString` must not pick up Object.prototype's.
    const item = Object.hasOwn(value, key) ? value[key] : undefined;
    if (item === undefined) continue;
    const encoded = encodeNode(schemaAt(i), item, st);
    if (encoded === FAIL) return st.at(key);
    out[key] = encoded;
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
