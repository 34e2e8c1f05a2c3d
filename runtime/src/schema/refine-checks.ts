import { formatPatterns, isCalendarDay, isLeapSecondMinute, type FormatName } from './formats.js';
import type { Checks } from './schema-types.js';

/** The range of each integer kind (`int64` and `uint64` as far as a JS number is exact). */
const integerRanges = {
  integer: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  int32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1],
  int64: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint64: [0, Number.MAX_SAFE_INTEGER],
} as const;

/** The bounds an integer kind implies, as JSON Schema says them. */
export function integerRange(kind: NonNullable<Checks['integer']>): readonly [number, number] {
  return integerRanges[kind];
}

/**
 * One test for `checks`, built once per schema: the text of the first check
 * a value fails ("an integer", "at most 10 characters"), or undefined. The
 * value is the decoded one; checks of another type's keywords pass it (as
 * in JSON Schema, `minLength` says nothing about a number).
 */
export function compileChecks(checks: Checks): (value: unknown) => string | undefined {
  const tests: ((value: unknown) => string | undefined)[] = [];
  const num = (test: (n: number) => boolean, text: string) =>
    tests.push((v) => (typeof v === 'number' && !test(v) ? text : undefined));
  const str = (test: (s: string) => boolean, text: string) =>
    tests.push((v) => (typeof v === 'string' && !test(v) ? text : undefined));
  const arr = (test: (a: readonly unknown[]) => boolean, text: string) =>
    tests.push((v) => (Array.isArray(v) && !test(v) ? text : undefined));
  const {
    integer,
    minimum,
    maximum,
    exclusiveMinimum,
    exclusiveMaximum,
    multipleOf,
    minLength,
    maxLength,
    pattern,
    format,
    minItems,
    maxItems,
    uniqueItems,
  } = checks;
  if (integer !== undefined) {
    const [low, high] = integerRange(integer);
    num((n) => Number.isInteger(n) && n >= low && n <= high, `an integer (${integer})`);
  }
  if (minimum !== undefined) num((n) => n >= minimum, `a number ≥ ${minimum}`);
  if (maximum !== undefined) num((n) => n <= maximum, `a number ≤ ${maximum}`);
  if (exclusiveMinimum !== undefined)
    num((n) => n > exclusiveMinimum, `a number > ${exclusiveMinimum}`);
  if (exclusiveMaximum !== undefined)
    num((n) => n < exclusiveMaximum, `a number < ${exclusiveMaximum}`);
  if (multipleOf !== undefined)
    num((n) => isMultipleOf(n, multipleOf), `a multiple of ${multipleOf}`);
  if (minLength !== undefined)
    str((s) => codePoints(s) >= minLength, `a string of at least ${minLength} characters`);
  if (maxLength !== undefined)
    str((s) => codePoints(s) <= maxLength, `a string of at most ${maxLength} characters`);
  if (pattern !== undefined) {
    const re = new RegExp(pattern, 'u');
    str((s) => re.test(s), `a string matching /${pattern}/`);
  }
  if (format !== undefined) str(formatTest(format), `a string in the format ${format}`);
  if (minItems !== undefined) arr((a) => a.length >= minItems, `at least ${minItems} items`);
  if (maxItems !== undefined) arr((a) => a.length <= maxItems, `at most ${maxItems} items`);
  if (uniqueItems === true) arr(allUnique, 'items that are all different');
  return (value) => {
    for (const test of tests) {
      const failed = test(value);
      if (failed !== undefined) return failed;
    }
    return undefined;
  };
}

/**
 * JSON Schema's `multipleOf` as validators compute it: the quotient is an
 * integer in binary floating point (so 0.3 is no multiple of 0.1, as in ajv;
 * prefer integer divisors, or a multiple of a power of two such as 0.5).
 */
function isMultipleOf(n: number, divisor: number): boolean {
  return Number.isInteger(n / divisor);
}

/** Length as JSON Schema counts it: in code points, not UTF-16 units. */
function codePoints(s: string): number {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** A format's pattern, then what the pattern cannot see: days in a month, the leap second's minute. */
function formatTest(format: FormatName): (s: string) => boolean {
  const re = new RegExp(formatPatterns[format], 'u');
  if (format === 'date') {
    return (s) => {
      const m = re.exec(s);
      return m !== null && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
    };
  }
  if (format === 'date-time') {
    return (s) => {
      const m = re.exec(s);
      if (m === null || !isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
      if (m[6] !== '60') return true;
      const sign = m[9] === '-' ? -1 : 1;
      return isLeapSecondMinute(
        Number(m[4]),
        Number(m[5]),
        sign,
        Number(m[10] ?? 0),
        Number(m[11] ?? 0),
      );
    };
  }
  return (s) => re.test(s);
}

/** `uniqueItems`: no two items equal as JSON values (object keys in any order). */
function allUnique(items: readonly unknown[]): boolean {
  if (items.every((item) => typeof item !== 'object' || item === null)) {
    return (
      new Set(items.map((item) => (typeof item === 'string' ? `s${item}` : JSON.stringify(item))))
        .size === items.length
    );
  }
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++) if (jsonEqual(items[i], items[j])) return false;
  return true;
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && jsonEqual(ra[k], rb[k]));
}
