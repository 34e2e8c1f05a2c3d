import { fromBase64 } from './base64.js';
import { integerDigits } from './bigint-schema.js';
import { copyDeclared, copyUntil, countOwnKeys, isForbiddenKey } from './container-walk.js';
import { dateOf } from './date-schema.js';
import { FAIL } from './decode-state.js';
import { droppedKeys } from './kept-keys.js';
import { defaultLimits } from './limits.js';
import { referenceTo } from './reference-schema.js';
import type { ObjectNode, RecordNode, SchemaNode, TupleNode, UnionNode } from './schema-types.js';

/**
 * Decodes a wire value under the default limits. Returns FAIL where
 * the walk would fail on a mismatch, and LIMIT where it would fail on a
 * breached size limit (a string too long, too many items or keys): a union
 * tries its next member after a mismatch but gives up on a limit, because
 * every member applies the same limits.
 */
export type Decoder = (value: unknown) => unknown;

/** What a compiled decoder returns where the walk fails with TOO_LONG or TOO_MANY_ITEMS. */
export const LIMIT: unique symbol = Symbol('contract-gen.decode-limit');

/** `null`: the schema has a part that is not compiled (`decode` walks it). */
const compiled = new WeakMap<SchemaNode, Decoder | null>();

/**
 * The compiled decoder of `node` under the default limits, built once per
 * node and kept, like the encoders: a closure per node, chosen when it is
 * built, instead of a walk that switches on every node of every value and
 * allocates a decode state per call (an event's arguments are decoded
 * hundreds of thousands of times a second on a busy client). Covers leaves,
 * optionals, tuples without rest, arrays, objects, records and unions nested
 * to a fixed depth; undefined for a schema with anything else (a lazy, that
 * is recursion; `unknown`, whose depth is only known per value; a tuple with
 * a rest) or deeper than the limit. It succeeds exactly where the walk
 * does, with the same result (copy-on-write, the same conversions); on FAIL
 * or LIMIT, `decode` walks the value again to say where and why.
 */
export function decoderOf(node: SchemaNode): Decoder | undefined {
  let decoder = compiled.get(node);
  if (decoder === undefined)
    compiled.set(node, (decoder = depthOf(node) <= defaultLimits.maxDepth ? build(node) : null));
  return decoder ?? undefined;
}

/** Whether a compiled decoder's result is a failure (FAIL or LIMIT) rather than a value. */
export function isFailure(decoded: unknown): decoded is typeof FAIL | typeof LIMIT {
  return decoded === FAIL || decoded === LIMIT;
}

/** The deepest nesting of containers a value of `node` can have; Infinity when not compiled. */
function depthOf(node: SchemaNode): number {
  switch (node.kind) {
    case 'reference':
      return 1;
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
    case 'undefined':
    case 'void':
    case 'literal':
    case 'enum':
    case 'bigint':
    case 'date':
    case 'bytes':
      return 0;
    case 'optional':
      return depthOf(node.inner);
    case 'array':
      return 1 + depthOf(node.item);
    case 'tuple':
      return node.rest === undefined ? 1 + Math.max(0, ...node.items.map(depthOf)) : Infinity;
    case 'object':
      // An open object (with `rest`) is walked.
      return node.rest === undefined ? 1 + Math.max(0, ...node.schemas.map(depthOf)) : Infinity;
    case 'record':
      // Numeric keys are walked.
      return node.keyPattern === undefined ? 1 + depthOf(node.value) : Infinity;
    case 'refine':
      return depthOf(node.inner);
    case 'union':
      // A union is no container: its value is one member's.
      return Math.max(0, ...node.members.map(depthOf));
    default:
      return Infinity;
  }
}

const { maxStringLength, maxItems, maxBigIntDigits } = defaultLimits;

/** One handler per kind; only called for nodes `depthOf` accepts. */
function build(node: SchemaNode): Decoder | null {
  switch (node.kind) {
    case 'reference': {
      const { service } = node;
      return (v) => referenceTo(v, service().name) ?? FAIL;
    }
    case 'string':
      return (v) => (typeof v !== 'string' ? FAIL : v.length <= maxStringLength ? v : LIMIT);
    case 'number':
      // `v - v` is 0 for finite numbers and NaN for NaN and ±Infinity.
      return (v) => (typeof v === 'number' && v - v === 0 ? v : FAIL);
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : FAIL);
    case 'null':
      return (v) => (v === null ? null : FAIL);
    case 'undefined':
    case 'void':
      return (v) => (v === null || v === undefined ? undefined : FAIL);
    case 'literal': {
      const { value } = node;
      return (v) => (v === value ? v : FAIL);
    }
    case 'enum': {
      const { values } = node;
      return (v) => (values.includes(v as string | number) ? v : FAIL);
    }
    case 'bigint':
      // Too many digits is a mismatch to a union, not a limit: a string member may still take it.
      return (v) => {
        const digits = integerDigits(v);
        return digits >= 0 && digits <= maxBigIntDigits ? BigInt(v as string) : FAIL;
      };
    case 'date':
      return (v) => dateOf(v) ?? FAIL;
    case 'bytes':
      return (v) =>
        typeof v !== 'string'
          ? FAIL
          : v.length <= maxStringLength
            ? (fromBase64(v) ?? FAIL)
            : LIMIT;
    case 'optional':
      return optionalDecoder(child(node.inner));
    case 'array': {
      const item = child(node.item);
      return (v) =>
        !Array.isArray(v) ? FAIL : v.length <= maxItems ? decodeItems(v, item, undefined) : LIMIT;
    }
    case 'tuple':
      return tupleDecoder(node);
    case 'object':
      return objectDecoder(node);
    case 'record':
      return recordDecoder(node);
    case 'union':
      return unionDecoder(node);
    case 'refine': {
      const inner = child(node.inner);
      const { test } = node;
      return (v) => {
        const decoded = inner(v);
        return isFailure(decoded) || test(decoded) === undefined ? decoded : FAIL;
      };
    }
    default:
      return null;
  }
}

/** A child's decoder; every child of a node `depthOf` accepts is compiled. */
function child(node: SchemaNode): Decoder {
  return decoderOf(node) as Decoder;
}

/** Absent stays absent; `null` is what the inner schema makes of it if it takes null, otherwise absent (as in the walk). */
function optionalDecoder(inner: Decoder): Decoder {
  const fromNull = inner(null);
  const nullValue = isFailure(fromNull) ? undefined : fromNull;
  return (v) => (v === undefined ? undefined : v === null ? nullValue : inner(v));
}

function tupleDecoder(node: TupleNode): Decoder {
  const items = node.items.map(child);
  const { required } = node;
  const max = items.length;
  return (v) =>
    Array.isArray(v) && v.length >= required && v.length <= max
      ? decodeItems(v, undefined, items)
      : FAIL;
}

/** Copy-on-write, like `decodeItems` in container-walk.ts: the input comes back unless an item changes. */
function decodeItems(
  value: readonly unknown[],
  item: Decoder | undefined,
  items: readonly Decoder[] | undefined,
): unknown {
  let out: unknown[] | undefined;
  for (let i = 0; i < value.length; i++) {
    const raw = value[i];
    const decoded = (items?.[i] ?? item)!(raw);
    if (isFailure(decoded)) return decoded;
    if (out !== undefined) out.push(decoded);
    else if (decoded !== raw) {
      out = value.slice(0, i);
      out.push(decoded);
    }
  }
  return out ?? value;
}

/** Declared keys only, no forbidden own key: `decodeObject` in object-schema.ts, without the bookkeeping for errors. */
function objectDecoder(node: ObjectNode): Decoder {
  const { keys, inherited } = node;
  const decoders = node.schemas.map(child);
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return FAIL;
    const input = value as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    let present = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const raw = inherited[i] === true && !Object.hasOwn(input, key) ? undefined : input[key];
      if (raw !== undefined) present++;
      const decoded = (decoders[i] as Decoder)(raw);
      if (isFailure(decoded)) return decoded;
      if (out !== undefined) {
        if (decoded !== undefined) out[key] = decoded;
      } else if (decoded !== raw) {
        out = copyDeclared(input, keys, i);
        if (decoded !== undefined) out[key] = decoded;
      }
    }
    const own = countOwnKeys(input);
    if (typeof own === 'string') return FAIL;
    if (out !== undefined) return out;
    return own === present ? input : copyDeclared(input, keys, keys.length);
  };
}

/** Every own key but the forbidden ones, each value decoded: `decodeRecord` in record-schema.ts, in the same order of checks. */
function recordDecoder(node: RecordNode): Decoder {
  const value = child(node.value);
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return FAIL;
    const input = v as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    let count = 0;
    for (const key in input) {
      if (!Object.hasOwn(input, key)) continue;
      if (isForbiddenKey(key)) return FAIL;
      if (++count > maxItems) return LIMIT;
      const raw = input[key];
      const decoded = value(raw);
      if (isFailure(decoded)) return decoded;
      if (out !== undefined) {
        if (decoded !== undefined) out[key] = decoded;
      } else if (decoded !== raw) {
        out = copyUntil(input, key);
        if (decoded !== undefined) out[key] = decoded;
      }
    }
    return out ?? input;
  };
}

/**
 * The first member that decodes and drops no key wins, else the one that
 * drops the fewest; a breached limit ends the search, as in `decodeUnion`
 * (union-schema.ts).
 */
function unionDecoder(node: UnionNode): Decoder {
  const members = node.members.map(child);
  return (v) => {
    let kept: unknown = FAIL;
    let lost = Infinity;
    for (const member of members) {
      const decoded = member(v);
      if (decoded === LIMIT) {
        if (kept === FAIL) return LIMIT;
        continue;
      }
      if (decoded === FAIL) continue;
      const dropped = droppedKeys(v, decoded);
      if (dropped === 0) return decoded;
      if (dropped < lost) [kept, lost] = [decoded, dropped];
    }
    return kept;
  };
}
