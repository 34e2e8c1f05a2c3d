import { DecodeState, FAIL } from './decode-state.js';
import { defaultLimits, withDefaults, type DecodeLimits } from './limits.js';
import { needsConversion } from './needs-conversion.js';
import { nodeOf, type Schema } from './schema-types.js';

/**
 * `decode` by walking the schema, each node by its kind's own `decode`:
 * the same results and errors as `decode` (decode.ts), which runs a
 * compiled decoder first where it can and this walk otherwise and to explain
 * a failure. What browsers get as `s.decode` (the export's `browser`
 * condition) and what the browser build of the client decodes with: the
 * compiled decoders are a speed feature of servers, not worth their bytes
 * in a page.
 */
export function walkDecode<T>(
  schema: Schema<T>,
  wire: unknown,
  path = '',
  limits?: Partial<DecodeLimits>,
): T {
  const st = new DecodeState(withDefaults(limits));
  const decoded = nodeOf(schema).decode(wire, st);
  if (decoded === FAIL) throw st.toError(path);
  return decoded as T;
}

/**
 * `encode` by walking the schema, each node by its kind's own `encode`:
 * the identity when the schema needs no conversion, like `encode`
 * (decode.ts), which runs compiled encoders instead. Throws the same
 * `BAD_ARGUMENT`.
 */
export function walkEncode<T>(schema: Schema<T>, value: T, path = ''): unknown {
  const node = nodeOf(schema);
  if (!needsConversion(node)) return value;
  const st = new DecodeState(defaultLimits);
  const encoded = node.encode(value, st);
  if (encoded === FAIL) throw st.toError(path);
  return encoded;
}

/** How values cross the wire: `decode` and `encode`, walked (`walkCodec`) or compiled (`compiledCodec`, decode.ts). */
export interface Codec {
  readonly decode: typeof walkDecode;
  readonly encode: typeof walkEncode;
}

/** The walking codec: the browser build's. */
export const walkCodec: Codec = { decode: walkDecode, encode: walkEncode };
