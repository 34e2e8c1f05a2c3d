import type { ContractError } from '../protocol/contract-error.js';
import { decoderOf, isFailure } from './compile-decoder.js';
import { encoderOf } from './compile-encoder.js';
import { DecodeState, FAIL } from './decode-state.js';
import { encodeNode } from './encode-node.js';
import { defaultLimits, type DecodeLimits } from './limits.js';
import { nodeOf, type Schema } from './schema-types.js';
import { walkDecode, type Codec } from './walk-codec.js';

/**
 * Validates a wire value (parsed JSON) against `schema` and converts it to
 * its in-memory form: ISO strings to `Date`, decimal strings to `bigint`,
 * base64 to `Uint8Array`; unknown object keys are dropped.
 *
 * Throws a `ContractError`: `BAD_ARGUMENT` (400) with `path` (rooted at
 * `path`, e.g. `args[1].legs[0][1]`), `expected` and `received`; or, when
 * the input breaks a limit, `TOO_DEEP` (`limits.maxDepth`), `TOO_MANY_ITEMS`
 * (`maxItems`), `TOO_LONG` (`maxStringLength`) or `TOO_MANY_DIGITS`
 * (`maxBigIntDigits`), with the same fields. Never builds an object
 * with a `__proto__`, `constructor` or `prototype` key from input (input
 * that has one is refused).
 *
 * Copy-on-write: parts of `wire` that are already valid and need no change
 * are returned as they are, not copied, so the result may share objects and
 * arrays with `wire`.
 *
 * Under the default limits, a schema `decoderOf` compiles is decoded by its
 * compiled decoder; the walk (`walkDecode`) runs for other schemas and, on a
 * failure, to say where and why. Browsers get the walk alone (the export's
 * `browser` condition), with the same results.
 */
export function decode<T>(
  schema: Schema<T>,
  wire: unknown,
  path = '',
  limits?: Partial<DecodeLimits>,
): T {
  if (limits === undefined) {
    const decoded = decoderOf(nodeOf(schema))?.(wire);
    if (decoded !== undefined && !isFailure(decoded)) return decoded as T;
  }
  return walkDecode(schema, wire, path, limits);
}

/**
 * Converts an in-memory value to its JSON-ready wire form (the inverse of
 * `decode`). When the schema contains no date, bigint or bytes, this is the
 * identity and does not walk the value, so undeclared properties are not
 * stripped then (the decoding side drops them).
 *
 * Throws a `ContractError` `BAD_ARGUMENT` when a value that needs conversion
 * has the wrong type (a string where a `Date` is declared, an invalid Date).
 */
export function encode<T>(schema: Schema<T>, value: T, path = ''): unknown {
  const encoder = encoderOf(nodeOf(schema));
  if (encoder === undefined) return value;
  const encoded = encoder(value);
  if (encoded === FAIL) throw encodeError(schema, value, path);
  return encoded;
}

/**
 * Why `value` does not encode with `schema`: the `BAD_ARGUMENT` error
 * `encode` throws, with its path. The compiled encoders only say *that* a
 * value failed; this walks it again to say where and why.
 */
export function encodeError(schema: Schema<unknown>, value: unknown, path = ''): ContractError {
  const st = new DecodeState(defaultLimits);
  encodeNode(nodeOf(schema), value, st);
  return st.toError(path);
}

/** The compiled codec: Node's (the export's default condition), and servers'. */
export const compiledCodec: Codec = { decode, encode };
