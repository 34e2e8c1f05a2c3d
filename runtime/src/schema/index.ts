/**
 * `@contract-gen/runtime/schema`: runtime descriptions of contract types, and the
 * decoder and encoder that interpret them. Generated code does
 * `import * as s from '@contract-gen/runtime/schema'` and builds schemas with the
 * combinators (`s.object({...})`, `s.null()`, `s.enum([...])`). Browser-safe;
 * bundlers building for the browser get browser.ts, the same with `decode`
 * and `encode` that walk the schema instead of compiling it.
 */
export { string, number, boolean, literal } from './leaf-schemas.js';
export {
  nullSchema as null,
  undefinedSchema as undefined,
  voidSchema as void,
  enumSchema as enum,
} from './leaf-schemas.js';
export { date, decodeDate, encodeDate } from './date-schema.js';
export {
  decodeString,
  decodeNumber,
  decodeBoolean,
  decodeNull,
  decodeNothing,
} from './leaf-schemas.js';
export { bigint } from './bigint-schema.js';
export { bytes } from './bytes-schema.js';
export { unknown } from './unknown-schema.js';
export { array } from './array-schema.js';
export { record } from './record-schema.js';
export { refine } from './refine-schema.js';
export { union } from './union-schema.js';
export { optional } from './optional-schema.js';
export { lazy } from './lazy-schema.js';
export { tuple } from './tuple-schema.js';
export { object } from './object-schema.js';
export { openObject } from './open-object-schema.js';
export {
  service,
  method,
  codedMethod,
  callbackInterface,
  codedCallbacks,
  callback,
} from './descriptors.js';
export { reference, isWireReference, type WireReference } from './reference-schema.js';
export { decode, encode } from './decode.js';
export {
  coded,
  enterObject,
  leaveObject,
  decodeArray,
  decodeArgs,
  decodeOptional,
  decodeEither,
  decodeLiteral,
  decodeOneOf,
  encodeObject,
  encodeArray,
  encodeOptional,
  type DecodeStep,
} from './coded-schema.js';
export { FAIL, type DecodeState } from './decode-state.js';
export { defaultLimits } from './limits.js';
export { toBase64, fromBase64 } from './base64.js';
export { parseIsoDate } from './parse-iso-date.js';
export { wireDatePattern, formatPatterns, numericKeyPattern, type FormatName } from './formats.js';
export type { DecodeLimits } from './limits.js';
export type { InferTuple } from './tuple-schema.js';
export type { InferObject } from './object-schema.js';
export type {
  Schema,
  OptionalSchema,
  Infer,
  SchemaKind,
  SchemaNode,
  Checks,
  ServiceDescriptor,
  MethodDescriptor,
  CallbackInterfaceDescriptor,
  CallbackMethodDescriptor,
} from './schema-types.js';
export { requireRuntime } from '../require-runtime.js';
