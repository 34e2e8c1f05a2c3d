import { fromBase64 } from './base64.js';
import { FAIL, type DecodeState } from './decode-state.js';
import { parseIsoDate } from './parse-iso-date.js';

const integer = /^-?\d+$/;
/** The longest ISO string `parseIsoDate` accepts; longer input is refused before the regex runs. */
const maxDateLength = 40;

/** A string within `limits.maxStringLength`. */
export function decodeString(value: unknown, st: DecodeState): string | typeof FAIL {
  if (typeof value !== 'string') return st.fail('a string', value);
  return value.length <= st.maxStringLength
    ? value
    : st.tooMuch('TOO_LONG', `a string of at most ${st.maxStringLength} characters`, value);
}

/** The digits of a decimal integer string (`-12`: 2), or -1 for anything else. */
export function integerDigits(value: unknown): number {
  if (typeof value !== 'string' || !integer.test(value)) return -1;
  return value.charCodeAt(0) === 45 /* - */ ? value.length - 1 : value.length;
}

/** A decimal integer string → bigint. */
export function decodeBigInt(value: unknown, st: DecodeState): bigint | typeof FAIL {
  const digits = integerDigits(value);
  if (digits >= 0) {
    if (digits <= st.limits.maxBigIntDigits) return BigInt(value as string);
    return st.tooMuch(
      'TOO_MANY_DIGITS',
      `a bigint of at most ${st.limits.maxBigIntDigits} digits`,
      value,
    );
  }
  return st.fail(
    `a decimal integer string such as "-12" (at most ${st.limits.maxBigIntDigits} digits)`,
    value,
  );
}

/** The Date an ISO 8601 string stands for; undefined for anything else (impossible calendar dates included). */
export function dateOf(value: unknown): Date | undefined {
  return typeof value === 'string' && value.length <= maxDateLength
    ? parseIsoDate(value)
    : undefined;
}

/** An ISO 8601 string → Date; impossible calendar dates are refused. */
export function decodeDate(value: unknown, st: DecodeState): Date | typeof FAIL {
  return (
    dateOf(value) ?? st.fail('an ISO 8601 date string such as "2024-05-01T12:00:00.000Z"', value)
  );
}

/** A base64 string → Uint8Array. */
export function decodeBytes(value: unknown, st: DecodeState): Uint8Array | typeof FAIL {
  if (typeof value === 'string' && value.length > st.maxStringLength) {
    return st.tooMuch(
      'TOO_LONG',
      `a base64 string of at most ${st.maxStringLength} characters`,
      value,
    );
  }
  const bytes = typeof value === 'string' ? fromBase64(value) : undefined;
  return bytes ?? st.fail('a base64 string', value);
}
