/**
 * Refinement tags: intersect a contract type with them to narrow what it
 * accepts, `number & Type<'int32'> & Minimum<0>`, `string & Format<'email'>`,
 * `string[] & MinItems<1>`. The generated validators check them on both
 * sides, the API documents carry them as JSON Schema keywords, `breaking`
 * knows them, and the language server shows them on hover. They exist only
 * in types: a value of `number & Minimum<0>` is a plain number.
 *
 * The same text is the reader's in-memory 'contract-gen' module
 * (src/contract/read/contract-gen-module.ts): keep the two in step.
 */

/** An integer of a kind: `integer` (any safe integer), `int32`, `uint32`, `int64`, `uint64` (the last two within ±2^53 − 1). */
export interface Type<K extends 'integer' | 'int32' | 'uint32' | 'int64' | 'uint64'> {
  readonly '~cg.type'?: K;
}
/** `value >= N`. */
export interface Minimum<N extends number> {
  readonly '~cg.minimum'?: N;
}
/** `value <= N`. */
export interface Maximum<N extends number> {
  readonly '~cg.maximum'?: N;
}
/** `value > N`. */
export interface ExclusiveMinimum<N extends number> {
  readonly '~cg.exclusiveMinimum'?: N;
}
/** `value < N`. */
export interface ExclusiveMaximum<N extends number> {
  readonly '~cg.exclusiveMaximum'?: N;
}
/** `value / N` is an integer. */
export interface MultipleOf<N extends number> {
  readonly '~cg.multipleOf'?: N;
}
/** At least N characters (code points). */
export interface MinLength<N extends number> {
  readonly '~cg.minLength'?: N;
}
/** At most N characters (code points). */
export interface MaxLength<N extends number> {
  readonly '~cg.maxLength'?: N;
}
/** Matches the regular expression P (ECMAScript, unanchored unless P says `^...$`). */
export interface Pattern<P extends string> {
  readonly '~cg.pattern'?: P;
}
/** One of the formats the runtime checks (docs/contracts.md gives each rule). */
export interface Format<F extends 'date-time' | 'date' | 'email' | 'uri' | 'uuid'> {
  readonly '~cg.format'?: F;
}
/** At least N items. */
export interface MinItems<N extends number> {
  readonly '~cg.minItems'?: N;
}
/** At most N items. */
export interface MaxItems<N extends number> {
  readonly '~cg.maxItems'?: N;
}
/** No two items equal. */
export interface UniqueItems {
  readonly '~cg.uniqueItems'?: true;
}

/** A 32-bit signed integer. */
export type Int32 = number & Type<'int32'>;
/** A 32-bit unsigned integer. */
export type Uint32 = number & Type<'uint32'>;
/** A 64-bit signed integer, as far as a JS number is exact (±2^53 − 1). */
export type Int64 = number & Type<'int64'>;
/** Any safe integer. */
export type Integer = number & Type<'integer'>;
