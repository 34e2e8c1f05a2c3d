// Type-level checks (compiled by `tsc -p test/runtime`) plus a trivial run so vitest counts the file.
import { describe, expectTypeOf, it } from 'vitest';
import * as s from '../../runtime/src/schema/index.js';
import type { Leg, Tree } from './fixtures/contract.js';
import { LegSchema, TreeSchema } from './fixtures/contract.schema.js';

/** The type a schema decodes to, without running anything. */
function typeOf<T>(schema: s.Schema<T>): T {
  return schema as unknown as T;
}

describe('schema types', () => {
  it('infers the types of combinators', () => {
    expectTypeOf(typeOf(s.string())).toEqualTypeOf<string>();
    expectTypeOf(typeOf(s.array(s.date()))).toEqualTypeOf<Date[]>();
    expectTypeOf(typeOf(s.tuple([s.string(), s.optional(s.number())]))).toEqualTypeOf<
      [string, number?]
    >();
    expectTypeOf(typeOf(s.tuple([s.boolean()], s.string()))).toEqualTypeOf<
      [boolean, ...string[]]
    >();
    expectTypeOf(typeOf(s.object({ a: s.bigint(), b: s.optional(s.bytes()) }))).toEqualTypeOf<{
      a: bigint;
      b?: Uint8Array;
    }>();
    expectTypeOf(typeOf(s.union([s.literal('a'), s.literal(1)]))).toEqualTypeOf<'a' | 1>();
    expectTypeOf(typeOf(s.record(s.null()))).toEqualTypeOf<Record<string, null>>();
    expectTypeOf(typeOf(LegSchema)).toEqualTypeOf<Leg>();
    expectTypeOf(typeOf(TreeSchema)).toEqualTypeOf<Tree>();
  });

  it('refuses a schema that does not describe the declared type', () => {
    // @ts-expect-error a string where a Date is declared
    const wrongLeaf: s.Schema<Leg> = s.object({ from: s.string(), to: s.string(), at: s.string() });
    // Not caught, by design: the phantom is bivariant so that `s.string()` fits branded and
    // template-literal strings, and a schema of a supertype (a property fewer) therefore fits too.
    const missing: s.Schema<Leg> = s.object({ from: s.string(), at: s.date() });
    // @ts-expect-error number is not a Date
    const wrong: s.Schema<Date> = s.number();
    expectTypeOf(wrongLeaf).not.toBeNever();
    expectTypeOf(missing).not.toBeNever();
    expectTypeOf(wrong).not.toBeNever();
  });
});
