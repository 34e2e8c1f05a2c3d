/**
 * `@contract-gen/runtime/schema` as browsers get it (the export's `browser`
 * condition): everything index.ts exports, with `decode` and `encode` that
 * walk the schema (walk-codec.ts) and `s.date()` read by regular expression
 * alone (`readIsoDate`), leaving the compiled decoders and encoders, the
 * fast date reader and the date caches, speed features of servers, out of
 * page bundles. Results and errors are the same. `export *` keeps the two lists from drifting; a
 * module's own export of a name wins over the one `export *` would bring.
 */
export * from './index.js';
export { walkDecode as decode, walkEncode as encode } from './walk-codec.js';
export {
  plainDate as date,
  decodePlainDate as decodeDate,
  encodePlainDate as encodeDate,
} from './date-schema.js';
export { readIsoDate as parseIsoDate } from './parse-iso-date.js';
