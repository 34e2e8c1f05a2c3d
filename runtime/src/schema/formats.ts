/**
 * The text rules shared by the runtime and the JSON Schema contract-gen
 * publishes: each is the source of one regular expression, which the
 * decoder runs and the describer emits as `pattern`, so both accept the
 * same texts. What a pattern cannot say (days in a month, the leap second's
 * minute) the decoder checks after it; docs/contracts.md lists those
 * checks, the only places a JSON Schema validator may accept what the
 * runtime refuses.
 */

const month = '(0[1-9]|1[0-2])';
const day = '(0[1-9]|[12]\\d|3[01])';
const time = '([01]\\d|2[0-3]):([0-5]\\d)';
const second = '([0-5]\\d|60)';
const zone = '([Zz]|([+-])([01]\\d|2[0-3]):([0-5]\\d))';

/**
 * A `Date` on the wire: an RFC 3339 date-time (`2024-02-29T10:15:30.123Z`,
 * lower-case `t` and `z` too, any offset, the leap second `23:59:60`), also
 * without seconds or without the time (a date alone is midnight UTC), and
 * with the six-digit signed years `toISOString` writes outside 0000–9999
 * (`+010000-01-01T00:00:00.000Z`). Groups: year, month, day, hour, minute,
 * second, fraction, zone, zone sign, zone hours, zone minutes.
 */
export const wireDatePattern = `^([+-]\\d{6}|\\d{4})-${month}-${day}(?:[Tt]${time}(?::${second}(?:\\.(\\d{1,9}))?)?${zone})?$`;

/**
 * The string formats `Format<...>` names, and the pattern of each. Built in
 * a pure function call, so a bundle that uses none of them (a page whose
 * contract has no format) leaves the patterns out.
 */
export const formatPatterns = /* @__PURE__ */ (() =>
  ({
    /** RFC 3339 §5.6 `date-time` exactly (seconds and a zone required, four-digit year). */
    'date-time': `^(\\d{4})-${month}-${day}[Tt]${time}:${second}(?:\\.(\\d{1,9}))?${zone}$`,
    /** RFC 3339 `full-date`. */
    date: `^(\\d{4})-${month}-${day}$`,
    /** A local part, `@`, and a dotted domain; no spaces. */
    email:
      "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$",
    /** An absolute URI: a scheme, `:`, and no white space. */
    uri: '^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]*$',
    /** 8-4-4-4-12 hexadecimal digits, either case. */
    uuid: '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$',
  }) as const)();

export type FormatName = keyof typeof formatPatterns;

/** Numeric keys (`Record<number, T>`, `{ [n: number]: T }`): a JSON number's text. */
export const numericKeyPattern = '^-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?$';

const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether `day` exists in `month` of `year` (what a pattern cannot say). */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (day > (daysInMonth[month - 1] as number)) return false;
  return !(month === 2 && day === 29 && !isLeapYear(year));
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Whether a time with second 60 is a leap second: RFC 3339 allows one only
 * at 23:59 UTC (so at 00:59 with an offset of +01:00).
 */
export function isLeapSecondMinute(
  hour: number,
  minute: number,
  sign: number,
  zoneHours: number,
  zoneMinutes: number,
): boolean {
  const utc = (((hour * 60 + minute - sign * (zoneHours * 60 + zoneMinutes)) % 1440) + 1440) % 1440;
  return utc === 23 * 60 + 59;
}
