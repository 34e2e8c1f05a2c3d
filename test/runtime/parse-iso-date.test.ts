import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../runtime/src/schema/parse-iso-date.js';

describe('parseIsoDate on what toISOString writes', () => {
  it('reads back every date of a spread of instants exactly', () => {
    const start = Date.UTC(1000, 0, 1);
    const end = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    for (let i = 0; i < 5000; i++) {
      const date = new Date(start + Math.floor(((end - start) * i) / 4999) + (i % 1000));
      expect(parseIsoDate(date.toISOString())?.getTime()).toBe(date.getTime());
    }
  });

  it('refuses impossible fields in the fast form too', () => {
    for (const text of [
      '2021-02-29T00:00:00.000Z',
      '2021-13-01T00:00:00.000Z',
      '2021-04-31T00:00:00.000Z',
      '2021-01-01T24:00:00.000Z',
      '2021-01-01T00:60:00.000Z',
      '2021-01-01T00:00:60.000Z',
      '2021-01-01T0x:00:00.000Z',
      '2021-01-01T00:00:00.0a0Z',
      '2021-01-01 00:00:00.000Z',
    ]) {
      expect(parseIsoDate(text), text).toBeUndefined();
    }
    expect(parseIsoDate('2024-02-29T23:59:59.999Z')?.toISOString()).toBe(
      '2024-02-29T23:59:59.999Z',
    );
  });
});

describe('parseIsoDate on repeated texts', () => {
  it('gives a fresh Date each time for the same text, and reads the next text anew', () => {
    const text = '2026-11-22T03:14:29.123Z';
    const first = parseIsoDate(text) as Date;
    const second = parseIsoDate(text) as Date;
    expect(second).not.toBe(first);
    first.setTime(0); // a handler may change the Date it got
    expect(second.toISOString()).toBe(text);
    expect(parseIsoDate(text)?.toISOString()).toBe(text);
    expect(parseIsoDate('2026-11-22T03:14:29.124Z')?.toISOString()).toBe(
      '2026-11-22T03:14:29.124Z',
    );
    expect(parseIsoDate('')).toBeUndefined();
    expect(parseIsoDate('2021-02-29T00:00:00.000Z')).toBeUndefined();
    expect(parseIsoDate('2021-02-29T00:00:00.000Z')).toBeUndefined();
  });
});
