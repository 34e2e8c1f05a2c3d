import type { DecodeState } from './decode-state.js';
import type { LeafNode, Schema } from './schema-types.js';

const integer = /^-?\d+$/;

/** The digits of a decimal integer string (`-12`: 2), or -1 for anything else. */
export function integerDigits(value: unknown): number {
  if (typeof value !== 'string' || !integer.test(value)) return -1;
  return value.charCodeAt(0) === 45 /* - */ ? value.length - 1 : value.length;
}

/** A decimal integer string → bigint. */
function decodeBigInt(value: unknown, st: DecodeState): unknown {
  const digits = integerDigits(value);
  const max = st.limits.maxBigIntDigits;
  if (digits < 0)
    return st.fail(`a decimal integer string such as "-12" (at most ${max} digits)`, value);
  return digits <= max
    ? BigInt(value as string)
    : st.tooMuch('TOO_MANY_DIGITS', `a bigint of at most ${max} digits`, value);
}

const bigintNode: LeafNode = {
  kind: 'bigint',
  converts: true,
  decode: decodeBigInt,
  encode: (value, st) =>
    typeof value === 'bigint' ? value.toString() : st.fail('a bigint', value),
  matches: (value) => typeof value === 'bigint',
};

/** A `bigint`; on the wire a decimal string such as `"-12"`. */
export function bigint(): Schema<bigint> {
  return bigintNode;
}
