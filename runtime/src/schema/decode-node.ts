import { decodeArray, decodeObject, decodeRecord, decodeTuple } from './decode-containers.js';
import { decodeBigInt, decodeBytes, decodeDate, decodeString } from './decode-leaves.js';
import { FAIL, type DecodeState } from './decode-state.js';
import { decodeUnion } from './decode-union.js';
import { resolve, type SchemaNode } from './schema-types.js';
import { scanUnknown } from './scan-unknown.js';

/**
 * Validates and converts one wire value against `node`. Returns FAIL (with
 * the issue recorded in `st`) instead of throwing, so a union can try its
 * members cheaply and a valid value never pays for error handling. A plain
 * switch over plain data: no closures, no per-call allocation for leaves.
 */
export function decodeNode(node: SchemaNode, value: unknown, st: DecodeState): unknown {
  switch (node.kind) {
    case 'string':
      return decodeString(value, st);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? value
        : st.fail('a finite number', value);
    case 'boolean':
      return typeof value === 'boolean' ? value : st.fail('a boolean', value);
    case 'null':
      return value === null ? null : st.fail('null', value);
    case 'undefined':
    case 'void':
      return value === null || value === undefined ? undefined : st.fail('null', value);
    case 'unknown':
      return scanUnknown(value, st);
    case 'literal':
      return value === node.value ? value : st.fail(JSON.stringify(node.value), value, true);
    case 'enum':
      return node.values.includes(value as string | number)
        ? value
        : st.fail(node.values.map((v) => JSON.stringify(v)).join(' | '), value, true);
    case 'bigint':
      return decodeBigInt(value, st);
    case 'date':
      return decodeDate(value, st);
    case 'bytes':
      return decodeBytes(value, st);
    case 'array':
      return decodeArray(node, value, st);
    case 'tuple':
      return decodeTuple(node, value, st);
    case 'object':
      return decodeObject(node, value, st);
    case 'record':
      return decodeRecord(node, value, st);
    case 'union':
      return decodeUnion(node, value, st);
    case 'optional':
      return value === undefined
        ? undefined
        : value === null
          ? decodeOptionalNull(node.inner, st)
          : decodeNode(node.inner, value, st);
    case 'lazy':
      return decodeNode(resolve(node), value, st);
    case 'callback':
      return st.fail('a callback, which is only allowed as a direct method parameter', value);
  }
}

/** `null` for an optional value: what the inner schema makes of it if it takes null, otherwise absent (other languages send null for "none"). */
function decodeOptionalNull(inner: SchemaNode, st: DecodeState): unknown {
  const result = decodeNode(inner, null, st);
  if (result !== FAIL) return result;
  st.issue = undefined;
  return undefined;
}
