/** Why a scan refused its text, and the character where it saw so. */
export interface ScanIssue {
  /** `depth`: nesting past the limit; `surrogate`: an escape of half a surrogate pair. */
  readonly kind: 'depth' | 'surrogate';
  readonly at: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const LETTER_U = 0x75;

/** What `skipString` returns instead of an index when the string stops the scan. */
const UNREADABLE = -1;
const LONE_SURROGATE = -2;

/** Where the next backslash at or after the string at hand is (the text's length: none), kept across strings. */
let nextEscape = -1;
/** Where the escape `skipString` refused starts. */
let loneAt = 0;

/**
 * One pass over a JSON text, before `JSON.parse` builds anything of it
 * (issue 18: parsing 1 MiB of `[` took 100 ms and more before the depth
 * limit was ever looked at). Returns the first place where arrays and
 * objects nest deeper than `maxDepth` (every level of the text counted), or
 * where a string escapes half of a surrogate pair (`\uD800` not followed by
 * `\uDC00`–`\uDFFF`, or the latter alone): such a string is not Unicode
 * text. Strings are skipped whole, so brackets and escaped quotes inside
 * them never count; nothing is allocated per character. Text that is not
 * JSON is not judged: the scan passes what it cannot read and `JSON.parse`
 * says what is wrong. Surrogates are checked in escapes only: text decoded
 * from UTF-8 (every body and frame) cannot hold an unpaired one as a raw
 * character.
 */
export function scanJson(text: string, maxDepth: number): ScanIssue | undefined {
  const end = text.length;
  nextEscape = -1;
  let depth = 0;
  let i = 0;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const after = skipString(text, i + 1);
      if (after >= 0) {
        i = after;
        continue;
      }
      return after === UNREADABLE ? undefined : { kind: 'surrogate', at: loneAt };
    }
    if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > maxDepth) return { kind: 'depth', at: i };
    } else if ((c === CLOSE_ARRAY || c === CLOSE_OBJECT) && depth > 0) {
      depth--;
    }
    i++;
  }
  return undefined;
}

/**
 * The index after the closing quote of the string whose characters start
 * at `start`, or a reason below zero. A string without escapes (the usual
 * kind, and the long kind) is found with two `indexOf`s; the next backslash
 * is remembered across strings, so a text without one is searched once.
 */
function skipString(text: string, start: number): number {
  const quote = text.indexOf('"', start);
  if (quote === -1) return UNREADABLE;
  if (nextEscape < start && (nextEscape = text.indexOf('\\', start)) === -1)
    nextEscape = text.length;
  return nextEscape > quote ? quote + 1 : skipEscapedString(text, nextEscape);
}

/** `skipString` from the first escape on, a character at a time: escapes may hide quotes. */
function skipEscapedString(text: string, from: number): number {
  const end = text.length;
  let i = from;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    if (c !== BACKSLASH) {
      i++;
    } else if (text.charCodeAt(i + 1) !== LETTER_U) {
      i += 2;
    } else {
      const unit = hexUnit(text, i + 2);
      if (unit < 0) return UNREADABLE;
      if (unit < 0xd800 || unit > 0xdfff) {
        i += 6;
      } else if (unit <= 0xdbff && escapesLowSurrogate(text, i + 6)) {
        i += 12;
      } else {
        loneAt = i;
        return LONE_SURROGATE;
      }
    }
  }
  return UNREADABLE;
}

/** Whether `\uDC00`–`\uDFFF` is written at `at`. */
function escapesLowSurrogate(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== BACKSLASH || text.charCodeAt(at + 1) !== LETTER_U) return false;
  const unit = hexUnit(text, at + 2);
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** The code unit the four hex digits at `at` spell, or -1. */
function hexUnit(text: string, at: number): number {
  let unit = 0;
  for (let k = at; k < at + 4; k++) {
    const c = text.charCodeAt(k);
    const digit =
      c >= 0x30 && c <= 0x39
        ? c - 0x30
        : c >= 0x61 && c <= 0x66
          ? c - 0x57
          : c >= 0x41 && c <= 0x46
            ? c - 0x37
            : -1;
    if (digit < 0) return -1;
    unit = unit * 16 + digit;
  }
  return unit;
}
