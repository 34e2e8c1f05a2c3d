import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as s from '@contract-gen/runtime/schema';
import { decoderOf, LIMIT } from '../../runtime/src/schema/compile-decoder.js';
import { decodeNode } from '../../runtime/src/schema/decode-node.js';
import { DecodeState, FAIL } from '../../runtime/src/schema/decode-state.js';
import { defaultLimits } from '../../runtime/src/schema/limits.js';
import { nodeOf, type SchemaNode } from '../../runtime/src/schema/schema-types.js';
import * as board from '../../generated/board.schema.js';
import * as chat from '../../generated/chat.schema.js';
import * as common from '../../generated/common.schema.js';
import * as ticker from '../../conformance/generated/ticker.schema.js';
import { fuzzParameters } from './fuzz-config.js';

// The compiled decoders (`decoderOf`) must be the walk (`decodeNode`) made
// fast, never a second opinion: for random schemas of every kind they
// compile and random wire values (most of them built to fit, some broken,
// some plain random JSON), both fail, or both succeed with equal values,
// and both return the input itself exactly when nothing needed changing.

/** A schema and an arbitrary of wire values that fit it (mostly). */
interface Case {
  readonly schema: s.Schema<unknown>;
  readonly wire: fc.Arbitrary<unknown>;
}

const anyJson = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);

// Values just past a size limit, made once: a union gives up on these
// where it would try its next member after a mismatch.
const tooLong = 'a'.repeat(defaultLimits.maxStringLength + 1);
const tooMany = Array.from({ length: defaultLimits.maxItems + 1 }, () => 1);
const tooManyKeys = Object.fromEntries(tooMany.map((_, i) => [`k${i}`, 1]));
const pastLimits = fc.constantFrom<unknown>(tooLong, tooMany, tooManyKeys);

/** Mostly `usual`, now and then `rare` (a value past a limit costs a pass over 100,000 keys). */
function mostly(usual: fc.Arbitrary<unknown>, rare: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: usual, weight: 49 }, { arbitrary: rare, weight: 1 });
}

const leaves: Case[] = [
  { schema: s.string(), wire: mostly(fc.string({ maxLength: 8 }), fc.constant(tooLong)) },
  {
    schema: s.number(),
    wire: fc.oneof(
      fc.integer(),
      fc.double(),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, '1'),
    ),
  },
  { schema: s.boolean(), wire: fc.boolean() },
  { schema: s.null(), wire: fc.constant(null) },
  { schema: s.undefined(), wire: fc.constantFrom(null, undefined) },
  { schema: s.void(), wire: fc.constantFrom(null, undefined) },
  { schema: s.literal('a'), wire: fc.constantFrom('a', 'b') },
  { schema: s.literal(null), wire: fc.constantFrom(null, 'null') },
  { schema: s.enum(['x', 'y', 3]), wire: fc.constantFrom('x', 'y', 3, 'z', 4) },
  {
    schema: s.bigint(),
    wire: fc.oneof(fc.bigInt().map(String), fc.constantFrom('1.5', '', '-', '9'.repeat(1_001))),
  },
  {
    schema: s.date(),
    wire: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom(
        '2024-02-29',
        '2021-02-30',
        '2024-05-01T12:00Z',
        '2024-05-01T12:00:00.5+01:00',
        'soon',
      ),
    ),
  },
  {
    schema: s.bytes(),
    wire: fc.oneof(
      fc.uint8Array({ maxLength: 6 }).map((b) => Buffer.from(b).toString('base64')),
      fc.constantFrom('!!', 'AAE', tooLong),
    ),
  },
  // Not compiled: the walk must still be what decode() uses for this and for anything holding it.
  { schema: s.unknown(), wire: anyJson },
  {
    schema: s.union([s.string(), s.number()]),
    wire: fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.boolean()),
  },
];

// `toString` is inherited from Object.prototype: read only as an own key.
const keys = ['a', 'b', 'toString', 'valueOf', 'c'] as const;

const cases: fc.Arbitrary<Case> = fc.letrec<{ node: Case }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...leaves),
    tie('node').map((c) => ({
      schema: s.optional(c.schema),
      wire: fc
        .option(c.wire, { nil: undefined })
        .chain((v) => (v === undefined ? fc.constantFrom(undefined, null) : fc.constant(v))),
    })),
    tie('node').map((c) => ({
      schema: s.array(c.schema),
      wire: mostly(fc.array(c.wire, { maxLength: 3 }), fc.constant(tooMany)),
    })),
    tie('node').map((c) => ({
      schema: s.record(c.schema),
      wire: mostly(
        fc
          .tuple(
            fc.dictionary(fc.constantFrom(...keys), c.wire, { maxKeys: 3 }),
            fc.option(fc.constant(JSON.parse('{"__proto__": 1}') as object), { nil: undefined }),
          )
          .map(([o, more]) => (more === undefined ? o : { ...o, ...more })),
        fc.constant(tooManyKeys),
      ),
    })),
    // Members that fail on a limit and members that would take the value after them.
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((members) => ({
      schema: s.union(members.map((c) => c.schema)),
      wire: mostly(fc.oneof(...members.map((c) => c.wire)), pastLimits),
    })),
    // Optional entries of a tuple come last.
    fc
      .array(tie('node'), { maxLength: 3 })
      .map((all) => [
        ...all.filter((c) => nodeOf(c.schema).kind !== 'optional'),
        ...all.filter((c) => nodeOf(c.schema).kind === 'optional'),
      ])
      .map((items) => ({
        schema: s.tuple(items.map((c) => c.schema) as [s.Schema<unknown>]),
        wire: fc.tuple(...items.map((c) => c.wire)),
      })),
    fc.array(fc.tuple(fc.constantFrom(...keys), tie('node')), { maxLength: 3 }).map((props) => {
      const shape = Object.fromEntries(props.map(([k, c]) => [k, c.schema]));
      const wires = Object.fromEntries(props.map(([k, c]) => [k, c.wire]));
      return {
        schema: s.object(shape),
        // Extra keys (to drop), a forbidden own key (to refuse), as JSON.parse makes them.
        wire: fc
          .tuple(
            fc.record(wires),
            fc.option(fc.constantFrom({ extra: 1 }, JSON.parse('{"__proto__": 1}') as object), {
              nil: undefined,
            }),
          )
          .map(([o, more]) => (more === undefined ? o : { ...o, ...more })),
      };
    }),
  ),
})).node;

/** Replaces one node of `wire` (chosen by `index`) with `replacement`, so values near the schema fail in every place. */
function mutate(wire: unknown, index: number, replacement: unknown): unknown {
  let n = index;
  const walk = (v: unknown): unknown => {
    if (n-- === 0) return replacement;
    if (v === tooMany || v === tooManyKeys) return v;
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(wire);
}

function same(node: SchemaNode, wire: unknown): void {
  const compiled = decoderOf(node);
  if (compiled === undefined) return;
  const st = new DecodeState(defaultLimits);
  const expected = decodeNode(node, wire, st);
  const actual = compiled(wire);
  if (expected === FAIL) {
    // LIMIT exactly where the walk stopped on a size limit (too many digits is a mismatch to a union).
    const code = st.issue?.code;
    expect(actual).toBe(code === 'TOO_LONG' || code === 'TOO_MANY_ITEMS' ? LIMIT : FAIL);
    return;
  }
  expect(actual).not.toBe(FAIL);
  expect(actual).not.toBe(LIMIT);
  expect(actual).toEqual(expected);
  expect(actual === wire).toBe(expected === wire);
}

describe('compiled decoders', () => {
  it('decode random schemas exactly as the walk does', () => {
    fc.assert(
      fc.property(
        cases.chain((c) =>
          fc.tuple(
            fc.constant(c.schema),
            fc.oneof(
              c.wire,
              c.wire.chain((w) => fc.tuple(fc.nat(8), anyJson).map(([i, r]) => mutate(w, i, r))),
              anyJson,
            ),
          ),
        ),
        ([schema, wire]) => same(nodeOf(schema), wire),
      ),
      fuzzParameters(),
    );
  });

  it('compile what generated schemas are made of, and leave lazies, unknown and rest tuples to the walk', () => {
    expect(decoderOf(nodeOf(s.tuple([s.string(), s.number(), s.date()])))).toBeTypeOf('function');
    expect(decoderOf(nodeOf(s.object({ at: s.date(), tags: s.array(s.string()) })))).toBeTypeOf(
      'function',
    );
    expect(decoderOf(nodeOf(s.tuple([s.union([s.string(), s.number()])])))).toBeTypeOf('function');
    expect(decoderOf(nodeOf(s.record(s.array(s.bigint()))))).toBeTypeOf('function');
    expect(decoderOf(nodeOf(s.object({ any: s.unknown() })))).toBeUndefined();
    expect(decoderOf(nodeOf(s.tuple([s.string()], s.number())))).toBeUndefined();
    expect(decoderOf(nodeOf(s.array(s.lazy(() => s.string()))))).toBeUndefined();
    // Deeper than the default maxDepth: the walk, which counts depth, decides.
    let deep: s.Schema<unknown> = s.string();
    for (let i = 0; i <= defaultLimits.maxDepth; i++) deep = s.array(deep);
    expect(decoderOf(nodeOf(deep))).toBeUndefined();
  });

  it('agree with the walk on every generated schema, for valid and broken values', () => {
    const schemas = Object.entries({ ...board, ...chat, ...common, ...ticker }).filter(
      (entry): entry is [string, s.Schema<unknown>] => entry[0].endsWith('Schema'),
    );
    expect(schemas.some(([, schema]) => decoderOf(nodeOf(schema)) !== undefined)).toBe(true);
    fc.assert(
      fc.property(fc.constantFrom(...schemas), anyJson, ([, schema], wire) =>
        same(nodeOf(schema), wire),
      ),
      fuzzParameters(),
    );
  });
});
