/**
 * `@contract-gen/runtime/schema`: runtime descriptions of contract types, and the
 * decoder and encoder that interpret them. Generated code does
 * `import * as s from '@contract-gen/runtime/schema'` and builds schemas with the
 * combinators (`s.object({...})`, `s.null()`, `s.enum([...])`). Browser-safe.
 */
export { string, number, boolean, unknown, bigint, date, bytes, literal } from './leaf-schemas.js';
export {
  nullSchema as null,
  undefinedSchema as undefined,
  voidSchema as void,
  enumSchema as enum,
} from './leaf-schemas.js';
export { array, record, union, optional, lazy } from './container-schemas.js';
export { tuple } from './tuple-schema.js';
export { object } from './object-schema.js';
export { service, method, callbackInterface, callback } from './descriptors.js';
export { decode, encode } from './decode.js';
export { defaultLimits } from './limits.js';
export { toBase64, fromBase64 } from './base64.js';
export { parseIsoDate } from './parse-iso-date.js';
export type { DecodeLimits } from './limits.js';
export type { InferTuple } from './tuple-schema.js';
export type { InferObject } from './object-schema.js';
export type {
  Schema,
  OptionalSchema,
  Infer,
  SchemaKind,
  SchemaNode,
  ServiceDescriptor,
  MethodDescriptor,
  CallbackInterfaceDescriptor,
  CallbackMethodDescriptor,
} from './schema-types.js';
export { requireRuntime } from '../require-runtime.js';
