import { codes, type DiagnosticCode } from '../codes.js';
import type { Severity } from '../diagnostic.js';
import type { UnsupportedWhat } from '../model.js';

/** How one kind of unsupported construct is reported: its code, severity, why it fails, and the fix. */
export interface UnsupportedKind {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** Completes "… has type 'X', <why>." */
  readonly why: string;
  readonly hint: string;
}

/**
 * One entry per `UnsupportedWhat`, plus `promise` for a `{ kind: 'promise' }`
 * TypeRef met inside data. A `Record` typed by the model's closed union, so a
 * new `what` in model.ts fails to compile here until it is given a message.
 */
export const unsupportedKinds: Readonly<Record<UnsupportedWhat | 'promise', UnsupportedKind>> = {
  function: {
    code: codes.functionInData,
    severity: 'error',
    why: 'a function: functions cannot be sent over the wire',
    hint: "Remove it from the data. To let the server call the client, declare a callback interface ('interface Events extends Callback { done(r: Result): void }') and pass it as a parameter of a service method.",
  },
  class: {
    code: codes.classInData,
    severity: 'error',
    why: 'a class: an instance would arrive as a plain object, without its prototype or methods',
    hint: "Describe the data with an interface or a type alias instead, e.g. 'interface Point { x: number; y: number }'.",
  },
  symbol: {
    code: codes.symbolInData,
    severity: 'error',
    why: 'a symbol, which JSON cannot represent',
    hint: 'Use a string, or a union of string literals (\'"red" | "green"\').',
  },
  map: {
    code: codes.mapOrSetInData,
    severity: 'error',
    why: "a Map, which JSON cannot represent (it would arrive as '{}')",
    hint: "Use 'Record<string, V>' for string keys, or an array of '[key, value]' tuples.",
  },
  set: {
    code: codes.mapOrSetInData,
    severity: 'error',
    why: "a Set, which JSON cannot represent (it would arrive as '{}')",
    hint: "Use an array ('T[]') instead.",
  },
  unresolved: {
    code: codes.unresolvedType,
    severity: 'error',
    why: 'which the type checker cannot resolve',
    hint: 'Check the spelling and the import, and declare the type inside the contracts folder (or import it from a file there).',
  },
  any: {
    code: codes.anyType,
    severity: 'warning',
    why: 'so its values cross the wire unchecked',
    hint: "Give it a concrete type, or write 'unknown' to accept any JSON value on purpose.",
  },
  'promise-in-data': {
    code: codes.unsupportedType,
    severity: 'error',
    why: "a Promise inside data: only a service method's own result is a Promise",
    hint: "Use the resolved type ('T' instead of 'Promise<T>'); to send a value later, use a callback.",
  },
  promise: {
    code: codes.unsupportedType,
    severity: 'error',
    why: "a Promise inside data: only a service method's own result is a Promise",
    hint: "Use the resolved type ('T' instead of 'Promise<T>'); to send a value later, use a callback.",
  },
  never: {
    code: codes.unsupportedType,
    severity: 'error',
    why: 'which has no values to send',
    hint: "Remove it, or use the type that was meant ('undefined' for an always-absent property).",
  },
  'index-signature': {
    code: codes.unsupportedType,
    severity: 'error',
    why: 'an index signature the wire cannot describe: one string or number index signature is supported',
    hint: "Keep one index signature ('[key: string]: V'); a numeric one beside it is covered by the string one.",
  },
  'index-key': {
    code: codes.indexKey,
    severity: 'error',
    why: 'an index signature whose keys the wire cannot check',
    hint: "Use 'string' keys (an alias of string is fine) or 'number' keys; for keys with a pattern, use 'Record<string, V>' and check the keys in the handler.",
  },
  'index-mismatch': {
    code: codes.indexMismatch,
    severity: 'error',
    why: 'a named property beside an index signature must have a type the index signature accepts (as TypeScript requires)',
    hint: "Widen the index signature's type to a union that includes every named property's type ('[key: string]: string | number'), or move the extra keys into a 'Record' property of their own.",
  },
  refinement: {
    code: codes.badRefinement,
    severity: 'error',
    why: 'a refinement that does not fit the type it refines',
    hint: "Refine numbers with Type/Minimum/Maximum/ExclusiveMinimum/ExclusiveMaximum/MultipleOf, strings with MinLength/MaxLength/Pattern/Format, arrays with MinItems/MaxItems/UniqueItems (docs/contracts.md, 'Refinements').",
  },
  'template-literal': {
    code: codes.unsupportedType,
    severity: 'error',
    why: 'a template literal type, which cannot be validated on the wire',
    hint: "Use 'string', or a union of string literals.",
  },
  intersection: {
    code: codes.unsupportedType,
    severity: 'error',
    why: 'an intersection the generator cannot turn into one object shape',
    hint: "Declare the combined shape as one interface ('interface AB extends A, B {}'); for a branded primitive ('string & { brand: ... }'), use the primitive itself.",
  },
  other: {
    code: codes.unsupportedType,
    severity: 'error',
    why: 'a construct that cannot cross the wire',
    hint: 'Use JSON-shaped data: primitives, literals, arrays, tuples, objects, records, unions, Date, bigint, Uint8Array.',
  },
};
