/**
 * `2024-02-29`, `2024-02-29T10:15Z`, `2024-02-29T10:15:30.123+01:00`,
 * `+012024-01-01T00:00:00.000Z` (the extended years `toISOString` writes).
 * A time needs a zone: a local time would mean something different on every
 * server.
 */
const isoDate =
  /^([+-]\d{6}|\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d\d):(\d\d)))?$/;

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
  if (day > (daysInMonth[month - 1] as number) || (month === 2 && day === 29 && !isLeapYear(year)))
    return undefined;
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
 * reader of `s.date()`: the export's `browser` condition). The calendar is
 * checked by building the day and reading it back: a day the month does not
 * have (`2021-02-30`) rolls over into the next, and is refused.
 */
export function readIsoDate(text: string): Date | undefined {
  const m = isoDate.exec(text);
  if (m === null) return undefined;
  // The fraction and the zone's sign are read from the match itself; an absent field is 0.
  const [year, month, day, hour, minute, second, , , zoneHours, zoneMinutes] = m
    .slice(1)
    .map((field = '0') => Number(field)) as IsoFields;
  if (hour > 23 || minute > 59 || second > 59 || zoneHours > 23 || zoneMinutes > 59)
    return undefined;
  // setUTCFullYear, unlike Date.UTC, takes years 0–99 as they are.
  const fields = new Date(0);
  fields.setUTCFullYear(year, month - 1, day);
  if (fields.getUTCMonth() !== month - 1 || fields.getUTCDate() !== day) return undefined;
  const ms = Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'));
  const offset = (m[8] === '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
  const date = new Date(fields.setUTCHours(hour, minute, second, ms) - offset * 60_000);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The ten groups of `isoDate` as numbers: year, month, day, hour, minute, second, fraction, sign, zone hours and minutes. */
type IsoFields = [number, number, number, number, number, number, number, number, number, number];

const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
