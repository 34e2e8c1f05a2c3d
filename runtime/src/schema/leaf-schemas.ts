import type { DecodeState } from './decode-state.js';
import type { EnumNode, LeafNode, LiteralNode, Schema } from './schema-types.js';

// Leaves are immutable and parameterless, so each combinator returns one
// shared node. These need no conversion: `encode` never runs for them.

/** What `encode` is for a leaf that never converts: never called, since the value goes out as it is. */
export const same = (value: unknown): unknown => value;

/** A string within `limits.maxStringLength`. */
export function decodeString(value: unknown, st: DecodeState): unknown {
  if (typeof value !== 'string') return st.fail('a string', value);
  return value.length <= st.maxStringLength
    ? value
    : st.tooMuch('TOO_LONG', `a string of at most ${st.maxStringLength} characters`, value);
}

const stringNode: LeafNode = {
  kind: 'string',
  converts: false,
  decode: decodeString,
  encode: same,
  matches: (value) => typeof value === 'string',
};

const numberNode: LeafNode = {
  kind: 'number',
  converts: false,
  decode: decodeNumber,
  encode: same,
  matches: (value) => typeof value === 'number',
};

const booleanNode: LeafNode = {
  kind: 'boolean',
  converts: false,
  decode: decodeBoolean,
  encode: same,
  matches: (value) => typeof value === 'boolean',
};

const nullNode: LeafNode = {
  kind: 'null',
  converts: false,
  decode: decodeNull,
  encode: same,
  matches: (value) => value === null,
};

/** A finite number (not `NaN` or `±Infinity`). */
export function decodeNumber(value: unknown, st: DecodeState): unknown {
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : st.fail('a finite number', value);
}

/** `true` or `false`. */
export function decodeBoolean(value: unknown, st: DecodeState): unknown {
  return typeof value === 'boolean' ? value : st.fail('a boolean', value);
}

/** `null`. */
export function decodeNull(value: unknown, st: DecodeState): unknown {
  return value === null ? null : st.fail('null', value);
}

/** `undefined` and `void`: `null` or absent on the wire, `undefined` in code. */
export function decodeNothing(value: unknown, st: DecodeState): unknown {
  return value === null || value === undefined ? undefined : st.fail('null', value);
}

function isNothing(value: unknown): boolean {
  return value === undefined || value === null;
}

const undefinedNode: LeafNode = {
  kind: 'undefined',
  converts: false,
  decode: decodeNothing,
  encode: same,
  matches: isNothing,
};

const voidNode: LeafNode = {
  kind: 'void',
  converts: false,
  decode: decodeNothing,
  encode: same,
  matches: isNothing,
};

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

/** Exactly `value`: a string, number, boolean or null literal type. */
export function literal<const V extends string | number | boolean | null>(value: V): Schema<V> {
  const node: LiteralNode = {
    kind: 'literal',
    value,
    converts: false,
    decode: decodeLiteral,
    encode: same,
    matches: matchesLiteral,
  };
  return node;
}

// A literal or enum mismatch is weak: in a union it more likely means "another member" than "a bad value".
function decodeLiteral(this: LiteralNode, value: unknown, st: DecodeState): unknown {
  return value === this.value ? value : st.fail(JSON.stringify(this.value), value, true);
}

function matchesLiteral(this: LiteralNode, value: unknown): boolean {
  return value === this.value;
}

/** One of `values` (the values of a TypeScript enum). Exported as `s.enum()`. */
export function enumSchema<const V extends readonly (string | number)[]>(
  values: V,
): Schema<V[number]> {
  const node: EnumNode = {
    kind: 'enum',
    values: [...values],
    converts: false,
    decode: decodeEnum,
    encode: same,
    matches: matchesEnum,
  };
  return node;
}

function decodeEnum(this: EnumNode, value: unknown, st: DecodeState): unknown {
  return this.values.includes(value as string | number)
    ? value
    : st.fail(this.values.map((v) => JSON.stringify(v)).join(' | '), value, true);
}

function matchesEnum(this: EnumNode, value: unknown): boolean {
  return this.values.includes(value as string | number);
}
