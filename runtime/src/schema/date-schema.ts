import type { DecodeState } from './decode-state.js';
import { isoString } from './iso-string.js';
import { parseIsoDate } from './parse-iso-date.js';
import type { LeafNode, Schema } from './schema-types.js';

/** The longest ISO string `parseIsoDate` accepts; longer input is refused before the regex runs. */
const maxDateLength = 40;

/** The Date an ISO 8601 string stands for; undefined for anything else (impossible calendar dates included). */
export function dateOf(value: unknown): Date | undefined {
  return typeof value === 'string' && value.length <= maxDateLength
    ? parseIsoDate(value)
    : undefined;
}

const dateNode: LeafNode = {
  kind: 'date',
  converts: true,
  decode: (value: unknown, st: DecodeState): unknown =>
    dateOf(value) ?? st.fail('an ISO 8601 date string such as "2024-05-01T12:00:00.000Z"', value),
  encode: (value: unknown, st: DecodeState): unknown =>
    (value instanceof Date ? isoString(value) : undefined) ?? st.fail('a valid Date', value),
  matches: (value) => value instanceof Date,
};

/** A `Date`; on the wire an ISO 8601 string with a time zone (or a date alone, read as UTC). */
export function date(): Schema<Date> {
  return dateNode;
}
