import type { EnumNode, LeafNode, LiteralNode, Schema } from './schema-types.js';

// Leaves are immutable and parameterless, so each combinator returns one shared node.
function leaf(kind: LeafNode['kind'], converts: boolean): LeafNode {
  return { kind, converts };
}

const stringNode = leaf('string', false);
const numberNode = leaf('number', false);
const booleanNode = leaf('boolean', false);
const nullNode = leaf('null', false);
const undefinedNode = leaf('undefined', false);
const voidNode = leaf('void', false);
const unknownNode = leaf('unknown', false);
const bigintNode = leaf('bigint', true);
const dateNode = leaf('date', true);
const bytesNode = leaf('bytes', true);

/** A string (at most `limits.maxStringLength` characters). */
export function string(): Schema<string> {
  return stringNode;
}

/** A finite number: `NaN` and `Infinity` (e.g. from `1e999`) are refused. */
export function number(): Schema<number> {
  return numberNode;
}

/** `true` or `false`. */
export function boolean(): Schema<boolean> {
  return booleanNode;
}

/** `null`. Exported as `s.null()`. */
export function nullSchema(): Schema<null> {
  return nullNode;
}

/** `undefined`: `null` or absent on the wire. Exported as `s.undefined()`. */
export function undefinedSchema(): Schema<undefined> {
  return undefinedNode;
}

/** A method's `void` result: `null` on the wire, `undefined` in code. Exported as `s.void()`. */
export function voidSchema(): Schema<void> {
  return voidNode;
}

/**
 * Any JSON value, passed through unconverted. It is still checked against the
 * limits and for `__proto__`, `constructor` and `prototype` keys.
 */
export function unknown(): Schema<unknown> {
  return unknownNode;
}

/** A `bigint`; on the wire a decimal string such as `"-12"`. */
export function bigint(): Schema<bigint> {
  return bigintNode;
}

/** A `Date`; on the wire an ISO 8601 string with a time zone (or a date alone, read as UTC). */
export function date(): Schema<Date> {
  return dateNode;
}

/** A `Uint8Array`; on the wire standard base64 (padding optional when reading). */
export function bytes(): Schema<Uint8Array> {
  return bytesNode;
}

/** Exactly `value`: a string, number, boolean or null literal type. */
export function literal<const V extends string | number | boolean | null>(value: V): Schema<V> {
  const node: LiteralNode = { kind: 'literal', value, converts: false };
  return node;
}

/** One of `values` (the values of a TypeScript enum). Exported as `s.enum()`. */
export function enumSchema<const V extends readonly (string | number)[]>(
  values: V,
): Schema<V[number]> {
  const node: EnumNode = { kind: 'enum', values: [...values], converts: false };
  return node;
}
