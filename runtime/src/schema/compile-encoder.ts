import { toBase64 } from './base64.js';
import { DecodeState, FAIL } from './decode-state.js';
import { defaultLimits } from './limits.js';
import { isoString } from './iso-string.js';
import { bestMatch } from './union-schema.js';
import { isForbiddenKey } from './container-walk.js';
import { needsConversion } from './needs-conversion.js';
import { resolve, type ObjectNode, type SchemaNode, type TupleNode } from './schema-types.js';

/** Converts an in-memory value to its wire form, or returns FAIL where `encodeNode` would fail. */
export type Encoder = (value: unknown) => unknown;

/** `null`: the schema needs no conversion (encoding is the identity). */
const compiled = new WeakMap<SchemaNode, Encoder | null>();

/**
 * The encoder of `node`, built once per node and kept: a closure per
 * converting node, chosen when it is built, instead of a walk that
 * re-reads the schema for every value (events are encoded hundreds of
 * thousands of times a second). Undefined when the schema needs no
 * conversion. It succeeds and fails exactly where `encodeNode` does, which
 * stays the one place that explains a failure (`encode` calls it then).
 */
export function encoderOf(node: SchemaNode): Encoder | undefined {
  let encoder = compiled.get(node);
  if (encoder === undefined)
    compiled.set(node, (encoder = needsConversion(node) ? build(node) : null));
  return encoder ?? undefined;
}

/** One handler per kind that can convert (a non-converting child is left as it is). */
function build(node: SchemaNode): Encoder {
  switch (node.kind) {
    case 'date':
      return (value) => (value instanceof Date ? (isoString(value) ?? FAIL) : FAIL);
    case 'bigint':
      return (value) => (typeof value === 'bigint' ? value.toString() : FAIL);
    case 'bytes':
      return (value) => (value instanceof Uint8Array ? toBase64(value) : FAIL);
    case 'optional': {
      const inner = identityOr(node.inner);
      return (value) => (value === undefined ? undefined : inner(value));
    }
    case 'lazy':
      return lazyEncoder(node);
    case 'union':
      return unionEncoder(node.members);
    case 'array': {
      const item = identityOr(node.item);
      return itemsEncoder(() => item, undefined);
    }
    case 'tuple':
      return tupleEncoder(node);
    case 'object':
      return objectEncoder(node);
    case 'record':
      return recordEncoder(node.value);
    case 'refine':
      return identityOr(node.inner);
    case 'coded':
      // Generated code: its own encode, under a state of its own.
      return (value) => node.encode(value, new DecodeState(defaultLimits));
    default:
      // A callback is only allowed as a direct method parameter (handled before encoding).
      return () => FAIL;
  }
}

/** Resolved on first use: the target may be the schema being built (a recursive type). */
function lazyEncoder(node: SchemaNode): Encoder {
  let target: Encoder | null | undefined;
  return (value) => {
    target ??= encoderOf(resolve(node)) ?? null;
    return target === null ? value : target(value);
  };
}

/** The member the value matches that carries the most of its keys (`bestMatch`; the value side knows its types: no trial encoding). */
function unionEncoder(members: readonly SchemaNode[]): Encoder {
  const encoders = new Map(members.map((m) => [m, identityOr(m)]));
  return (value) => {
    const member = bestMatch(members, value);
    return member === undefined ? FAIL : (encoders.get(member) as Encoder)(value);
  };
}

/** Arrays and tuples (`max`: the most items a tuple without rest may have). */
function itemsEncoder(encoderAt: (i: number) => Encoder, max: number | undefined): Encoder {
  return (value) => {
    if (!Array.isArray(value) || (max !== undefined && value.length > max)) return FAIL;
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const encoded = encoderAt(i)(value[i]);
      if (encoded === FAIL) return FAIL;
      out.push(encoded);
    }
    return out;
  };
}

function tupleEncoder(node: TupleNode): Encoder {
  const items = node.items.map(identityOr);
  const rest = node.rest === undefined ? identity : identityOr(node.rest);
  return itemsEncoder((i) => items[i] ?? rest, node.rest === undefined ? items.length : undefined);
}

/** Declared keys only, like the walk (object-schema.ts): a converting object is rebuilt, so undeclared keys are not carried along. */
function objectEncoder(node: ObjectNode): Encoder {
  const { keys, props } = node;
  const encoders = node.schemas.map(identityOr);
  if (node.rest === undefined)
    return (value) =>
      isObject(value) ? encodeEntries(keys, value, (i) => encoders[i] as Encoder) : FAIL;
  // An open object: every other own key too, with `rest`.
  const rest = identityOr(node.rest);
  return (value) => {
    if (!isObject(value)) return FAIL;
    const all = [...keys, ...Object.keys(value).filter((key) => !Object.hasOwn(props, key))];
    return encodeEntries(all, value, (i) => encoders[i] ?? rest);
  };
}

function recordEncoder(item: SchemaNode): Encoder {
  const encoder = identityOr(item);
  return (value) =>
    isObject(value) ? encodeEntries(Object.keys(value), value, () => encoder) : FAIL;
}

function encodeEntries(
  keys: readonly string[],
  value: Record<string, unknown>,
  encoderAt: (i: number) => Encoder,
): unknown {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (isForbiddenKey(key)) return FAIL;
    const item = Object.hasOwn(value, key) ? value[key] : undefined;
    if (item === undefined) continue;
    const encoded = encoderAt(i)(item);
    if (encoded === FAIL) return FAIL;
    out[key] = encoded;
  }
  return out;
}

const identity: Encoder = (value) => value;

/** A child's encoder, built now (a recursive schema goes through a lazy, which defers). */
function identityOr(node: SchemaNode): Encoder {
  return encoderOf(node) ?? identity;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
