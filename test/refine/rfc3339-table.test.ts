/**
 * One RFC 3339 rule (issue 20, problem 9): the runtime decoder, the encoder
 * and the published JSON Schema agree on every edge case of this table. The
 * only texts a schema validator accepts and the runtime refuses are impossible
 * calendar days and a leap second at another minute (a pattern cannot see
 * them; docs/contracts.md says so): the `calendar` column.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import * as s from '../../runtime/src/schema/index.js';
import { walkDecode } from '../../runtime/src/schema/walk-codec.js';
import { typeSchema } from '../../src/describe/type-schema.js';
import type { Contract } from '../../src/contract/model.js';

const empty: Contract = { files: [], services: [], callbacks: [], types: [], others: [] };
const ctx = { contract: empty, dialect: '2020-12' as const, refBase: '#/components/schemas/' };
const ajv = new Ajv2020({ strict: false, validateFormats: false });
const dateSchema = ajv.compile(typeSchema({ kind: 'date' }, ctx));
const dateTimeSchema = ajv.compile(
  typeSchema(
    { kind: 'refined', of: { kind: 'primitive', name: 'string' }, checks: { format: 'date-time' } },
    ctx,
  ),
);
const DateTimeString = s.refine(s.string(), { format: 'date-time' });

/** text, accepted by `Date` (s.date()), accepted as Format<'date-time'>, instant for `Date` (ISO), refused only by the calendar check. */
const table: [string, boolean, boolean, string | undefined, boolean][] = [
  ['2024-02-29T10:15:30.123Z', true, true, '2024-02-29T10:15:30.123Z', false],
  ['2024-02-29t10:15:30.123z', true, true, '2024-02-29T10:15:30.123Z', false],
  ['2024-02-29T10:15:30+01:00', true, true, '2024-02-29T09:15:30.000Z', false],
  ['2024-02-29T10:15:30.123456789-05:30', true, true, '2024-02-29T15:45:30.123Z', false],
  ['2016-12-31T23:59:60Z', true, true, '2016-12-31T23:59:59.999Z', false],
  ['2017-01-01T00:59:60+01:00', true, true, '2016-12-31T23:59:59.999Z', false],
  ['2016-12-31T22:59:60Z', false, false, undefined, true],
  ['2024-02-29', true, false, '2024-02-29T00:00:00.000Z', false],
  ['2024-02-29T10:15Z', true, false, '2024-02-29T10:15:00.000Z', false],
  ['+010000-01-01T00:00:00.000Z', true, false, '+010000-01-01T00:00:00.000Z', false],
  ['-000001-01-01T00:00:00.000Z', true, false, '-000001-01-01T00:00:00.000Z', false],
  ['0000-01-01T00:00:00Z', true, true, '0000-01-01T00:00:00.000Z', false],
  ['2021-02-29T00:00:00Z', false, false, undefined, true],
  ['2021-04-31', false, false, undefined, true],
  ['2024-02-29T10:15:30', false, false, undefined, false],
  ['2024-02-29 10:15:30Z', false, false, undefined, false],
  ['2024-13-01T00:00:00Z', false, false, undefined, false],
  ['2024-01-01T24:00:00Z', false, false, undefined, false],
  ['2024-01-01T00:00:61Z', false, false, undefined, false],
  ['2024-01-01T00:00:00+24:00', false, false, undefined, false],
  ['10000-01-01T00:00:00Z', false, false, undefined, false],
  ['2024-1-01T00:00:00Z', false, false, undefined, false],
];

describe('one RFC 3339 rule for the decoder, the encoder and the JSON Schema', () => {
  it.each(table)('%s', (text, asDate, asDateTime, iso, calendar) => {
    const decode = () => s.decode(s.date(), text);
    if (asDate) {
      expect(decode().toISOString()).toBe(iso);
      expect(walkDecode(s.date(), text).toISOString()).toBe(iso);
    } else expect(decode).toThrow();
    expect(dateSchema(text)).toBe(asDate || calendar);
    expect(() => s.decode(DateTimeString, text)).toSatisfy((f: () => unknown) => {
      try {
        f();
        return asDateTime;
      } catch {
        return !asDateTime;
      }
    });
    expect(dateTimeSchema(text)).toBe(
      asDateTime || (calendar && /T/i.test(text) && text.length > 19),
    );
  });

  it('every text the encoder writes is one the schema and the decoder accept (years past 9999 too)', () => {
    for (const time of [
      Date.UTC(-5, 0, 1),
      Date.UTC(0, 0, 1) - 1,
      Date.UTC(2024, 1, 29, 10, 15, 30, 123),
      Date.UTC(10000, 0, 1),
      8.64e15,
      -8.64e15,
    ]) {
      const text = s.encode(s.date(), new Date(time)) as string;
      expect(dateSchema(text), text).toBe(true);
      expect(s.decode(s.date(), text).getTime(), text).toBe(time);
    }
  });
});
