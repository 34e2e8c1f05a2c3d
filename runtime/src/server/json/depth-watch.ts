import type { ContractError } from '../../protocol/contract-error.js';
import type { BodyWatch } from '../call-input.js';
import { tooDeep, type JsonSource } from './parse-limited-json.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * The nesting of a JSON body followed as its bytes arrive, so a body nested
 * past `maxDepth` is refused at the chunk that passes the limit and the rest
 * is never read: with four senders posting 1 MiB of `[` back to back, reading
 * each whole (even without parsing it) held a health call's p50 at 7 ms on
 * two cores; refusing at the first chunk and closing the connection keeps it
 * under 1 ms (issue 18). Bytes, not text: every byte that matters here
 * (brackets, quotes, backslashes) is ASCII, and UTF-8 never uses an ASCII
 * byte inside a longer character. Strings are skipped with `indexOf`. What
 * is not JSON is not judged (`parseLimitedJson` will say); the text is
 * scanned again once whole, for lone surrogates too.
 */
export class DepthWatch implements BodyWatch {
  #depth = 0;
  #inString = false;
  /** The previous chunk ended with the backslash of an escape inside a string. */
  #escaped = false;
  /** Bytes seen before the current chunk: where a refusal happened. */
  #offset = 0;
  /** Where the next backslash of the current chunk is at or after the string at hand (its length: none). */
  #nextEscape = -1;
  /** Set once the body was refused: its connection must close (the rest was not read). */
  refused = false;

  /** `maxDepth` as in the limits: `source` says how many levels of protocol wrap it. */
  constructor(
    private readonly maxDepth: number,
    private readonly source: JsonSource,
  ) {}

  check(bytes: Uint8Array): ContractError | undefined {
    const limit = this.maxDepth + this.source.envelope;
    const end = bytes.length;
    let depth = this.#depth;
    this.#nextEscape = -1;
    let i = this.#inString ? this.#skipString(bytes, 0) : 0;
    while (i < end) {
      const c = bytes[i] as number;
      if (c === QUOTE) {
        this.#inString = true;
        i = this.#skipString(bytes, i + 1);
        continue;
      }
      if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
        if (++depth > limit) {
          this.refused = true;
          return tooDeep(this.source.name, this.maxDepth, `at byte ${this.#offset + i}`);
        }
      } else if ((c === CLOSE_ARRAY || c === CLOSE_OBJECT) && depth > 0) {
        depth--;
      }
      i++;
    }
    this.#depth = depth;
    this.#offset += end;
    return undefined;
  }

  /**
   * From `start` inside a string: the index after its closing quote, or the
   * chunk's length when the string goes on in the next chunk. A string
   * without escapes is found with two `indexOf`s (the next backslash is kept
   * across the strings of a chunk); from an escape on, a byte at a time.
   */
  #skipString(bytes: Uint8Array, start: number): number {
    const end = bytes.length;
    let i = start;
    if (this.#escaped) {
      // The last chunk ended with a backslash: this byte is what it escapes.
      this.#escaped = false;
      i++;
    }
    if (i >= end) return end;
    const quote = bytes.indexOf(QUOTE, i);
    if (this.#nextEscape < i) {
      const escape = bytes.indexOf(BACKSLASH, i);
      this.#nextEscape = escape === -1 ? end : escape;
    }
    if (quote !== -1 && quote < this.#nextEscape) {
      this.#inString = false;
      return quote + 1;
    }
    i = this.#nextEscape;
    while (i < end) {
      const c = bytes[i] as number;
      if (c === QUOTE) {
        this.#inString = false;
        return i + 1;
      }
      if (c === BACKSLASH && i + 1 === end) {
        this.#escaped = true;
        return end;
      }
      i += c === BACKSLASH ? 2 : 1;
    }
    return end;
  }
}
