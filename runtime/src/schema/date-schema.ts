import type { DecodeState } from './decode-state.js';
import { isoString } from './iso-string.js';
import { plainIsoString } from './plain-iso-string.js';
import { parseIsoDate, readIsoDate } from './parse-iso-date.js';
import type { LeafNode, Schema } from './schema-types.js';

/** The longest ISO string `parseIsoDate` accepts; longer input is refused before the regex runs. */
const maxDateLength = 40;

/** The Date an ISO 8601 string stands for; undefined for anything else (impossible calendar dates included). */
export function dateOf(value: unknown): Date | undefined {
  return typeof value === 'string' && value.length <= maxDateLength
    ? parseIsoDate(value)
    : undefined;
}

/** The node of `s.date()` reading wire text with `read` and writing it with `write`. */
function dateNode(
  read: (text: string) => Date | undefined,
  write: (date: Date) => string | undefined,
): LeafNode {
  return {
    kind: 'date',
    converts: true,
    decode: (value, st) =>
      (typeof value === 'string' && value.length <= maxDateLength ? read(value) : undefined) ??
      st.fail('an ISO 8601 date string such as "2024-05-01T12:00:00.000Z"', value),
    encode: (value, st) =>
      (value instanceof Date ? write(value) : undefined) ?? st.fail('a valid Date', value),
    matches: (value) => value instanceof Date,
  };
}

const fastDateNode = /*@__PURE__*/ dateNode(parseIsoDate, isoString);
const plainDateNode = /*@__PURE__*/ dateNode(readIsoDate, plainIsoString);

/** `s.date()`'s decode and encode as steps of generated code (coded-schema.ts). */
export const decodeDate = (value: unknown, st: DecodeState): unknown =>
  fastDateNode.decode(value, st);
export const encodeDate = (value: unknown, st: DecodeState): unknown =>
  fastDateNode.encode(value, st);
/** The same for browsers (browser.ts): without the fast path and caches. */
export const decodePlainDate = (value: unknown, st: DecodeState): unknown =>
  plainDateNode.decode(value, st);
export const encodePlainDate = (value: unknown, st: DecodeState): unknown =>
  plainDateNode.encode(value, st);

/** A `Date`; on the wire an ISO 8601 string with a time zone (or a date alone, read as UTC). */
export function date(): Schema<Date> {
  return fastDateNode;
}

/**
 * `date` as browsers get it (the export's `browser` condition): read by
 * `readIsoDate` and written by `plainIsoString`, without the caches and the
 * fast path: the same results.
 */
export function plainDate(): Schema<Date> {
  return plainDateNode;
}
