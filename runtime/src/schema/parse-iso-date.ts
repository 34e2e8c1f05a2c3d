import { isCalendarDay, isLeapSecondMinute, wireDatePattern } from './formats.js';

/**
 * The one rule for a `Date` on the wire (formats.ts): `2024-02-29`,
 * `2024-02-29T10:15Z`, `2024-02-29t10:15:30.123+01:00`, `23:59:60Z` (a leap
 * second), `+012024-01-01T00:00:00.000Z` (the extended years `toISOString`
 * writes). A time needs a zone: a local time would mean something different
 * on every server. The JSON Schema's `pattern` is the same source.
 */
const isoDate = new RegExp(wireDatePattern);

/**
 * Parses an ISO 8601 date or date-time with zone into a `Date`, or returns
 * undefined. Calendar fields are checked here because engines' `Date.parse`
 * rolls `2021-02-30` over to March instead of refusing it. The form
 * `toISOString` writes is read without the regular expression, and a text
 * equal to the last one without reading it again: the same results as
 * `readIsoDate`, faster.
 */
export function parseIsoDate(text: string): Date | undefined {
  // A burst of events stamped in one millisecond repeats one text: read it once (a fresh Date each time, Dates are mutable).
  if (text === lastText) return new Date(lastTime);
  const read = (text.length === 24 ? parseToIsoString(text) : undefined) ?? readIsoDate(text);
  if (read !== undefined) {
    lastText = text;
    lastTime = read.getTime();
  }
  return read;
}

/** The last text read and its instant. */
let lastText: string | undefined;
let lastTime = 0;

/**
 * The exact form `Date.prototype.toISOString` writes for years 1000–9999
 * (`2026-11-22T10:11:12.345Z`): what every contract-gen peer sends, so it is
 * read with digit arithmetic instead of a regular expression (events carrying
 * a date are decoded hundreds of thousands of times a second). Anything else
 * returns undefined and takes the general path.
 */
function parseToIsoString(t: string): Date | undefined {
  if (
    t.charCodeAt(4) !== 45 ||
    t.charCodeAt(7) !== 45 ||
    t.charCodeAt(10) !== 84 ||
    t.charCodeAt(13) !== 58
  )
    return undefined;
  if (t.charCodeAt(16) !== 58 || t.charCodeAt(19) !== 46 || t.charCodeAt(23) !== 90)
    return undefined;
  const year = digits(t, 0, 4);
  const month = digits(t, 5, 2);
  const day = digits(t, 8, 2);
  const hour = digits(t, 11, 2);
  const minute = digits(t, 14, 2);
  const second = digits(t, 17, 2);
  const ms = digits(t, 20, 3);
  if (
    year < 1000 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59
  )
    return undefined;
  if (second < 0 || second > 59 || ms < 0) return undefined;
  if (!isCalendarDay(year, month, day)) return undefined;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
}

/** The decimal number in `t[at, at + n)`, or -1 if any character is not a digit. */
function digits(t: string, at: number, n: number): number {
  let value = 0;
  for (let i = at; i < at + n; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * `parseIsoDate` by regular expression alone: the same results, without its
 * fast path and cache, which are a speed feature of servers and not worth
 * their bytes in a page (browsers get this as `parseIsoDate`, and as the
 * reader of `s.date()`: the export's `browser` condition).
 */
export function readIsoDate(text: string): Date | undefined {
  const m = isoDate.exec(text);
  if (m === null) return undefined;
  const sign = m[9] === '-' ? -1 : 1;
  const zoneHours = Number(m[10] ?? 0);
  const zoneMinutes = Number(m[11] ?? 0);
  const hour = Number(m[4] ?? 0);
  const minute = Number(m[5] ?? 0);
  let second = Number(m[6] ?? 0);
  let ms = Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'));
  if (second === 60) {
    // A leap second exists only at 23:59 UTC; a Date cannot hold it, so it is read as the last millisecond before it ends.
    if (!isLeapSecondMinute(hour, minute, sign, zoneHours, zoneMinutes)) return undefined;
    second = 59;
    ms = 999;
  }
  return toDate(
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    hour,
    minute,
    second,
    ms,
    sign * (zoneHours * 60 + zoneMinutes),
  );
}

/** The instant of `fields` at `offset` minutes east of UTC, if every field is in range and the instant is one a Date can hold. */
function toDate(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  offset: number,
): Date | undefined {
  if (month < 1 || month > 12 || day < 1 || !isDayOf(year, month, day)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let time = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear does not.
  if (year >= 0 && year < 100) time = new Date(time).setUTCFullYear(year, month - 1, day);
  // Outside ±8.64e15 ms a Date is invalid; new Date() then holds NaN.
  const date = new Date(time - offset * 60_000);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Whether `day` exists in `month` of `year`, asked of the calendar itself:
 * the day built in a year of the same place in the 400-year Gregorian cycle
 * (2000-2399: the same leap years) reads back as itself. What `isCalendarDay`
 * says, without its table (browsers download this reader).
 */
function isDayOf(year: number, month: number, day: number): boolean {
  return (
    new Date(Date.UTC(2000 + (((year % 400) + 400) % 400), month - 1, day)).getUTCDate() === day
  );
}
