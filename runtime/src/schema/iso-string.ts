import { plainIsoString } from './plain-iso-string.js';

/**
 * The last date written and its text. `Date.prototype.toISOString` costs
 * about a microsecond in V8 (a call into the runtime), and a burst of events
 * stamped with `new Date()` holds the same millisecond hundreds of times in
 * a row: they share one formatting.
 */
let lastTime = Number.NaN;
let lastText = '';
// Compared by identity with a date's own, never called unbound.
// eslint-disable-next-line @typescript-eslint/unbound-method
const builtin = Date.prototype.toISOString;

/**
 * `date.toISOString()`, or undefined for an invalid date (where
 * `toISOString` throws). The same instant gives the same text as the call
 * before without formatting it again.
 */
export function isoString(date: Date): string | undefined {
  // A subclass's own toISOString is honoured, and kept out of the cache.
  if (date.toISOString !== builtin) return plainIsoString(date);
  const time = date.getTime();
  if (time === lastTime) return lastText;
  if (Number.isNaN(time)) return undefined;
  const text = date.toISOString();
  lastTime = time;
  lastText = text;
  return text;
}
