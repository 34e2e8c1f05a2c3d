/**
 * `@contract-gen/runtime/schema` as browsers get it (the export's `browser`
 * condition): everything index.ts exports, with `decode` and `encode` that
 * walk the schema (walk-codec.ts), leaving the compiled decoders and
 * encoders, a speed feature of servers, out of page bundles. Results and
 * errors are the same. `export *` keeps the two lists from drifting; a
 * module's own export of a name wins over the one `export *` would bring.
 */
export * from './index.js';
export { walkDecode as decode, walkEncode as encode } from './walk-codec.js';
