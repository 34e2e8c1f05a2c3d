import { describe, expect, it } from 'vitest';
import { ContractError } from '../../runtime/src/protocol/index.js';
import * as s from '../../runtime/src/schema/index.js';
import { encoderOf } from '../../runtime/src/schema/compile-encoder.js';
import { DecodeState, FAIL } from '../../runtime/src/schema/decode-state.js';
import { encodeNode } from '../../runtime/src/schema/encode-node.js';
import { defaultLimits } from '../../runtime/src/schema/limits.js';
import { nodeOf } from '../../runtime/src/schema/schema-types.js';
import type { Sample } from './fixtures/contract.js';
import {
  SampleSchema,
  SettingsSchema,
  ShapeSchema,
  TreeSchema,
  TripSchema,
} from './fixtures/contract.schema.js';

/** Encodes, sends through JSON text as the wire does, decodes. */
function roundTrip<T>(schema: s.Schema<T>, value: T): T {
  return s.decode(schema, JSON.parse(JSON.stringify(s.encode(schema, value))));
}

const sample: Sample = {
  text: 'hi',
  count: 3,
  big: 2n ** 70n,
  at: new Date('2024-05-01T12:00:00.000Z'),
  bytes: new Uint8Array([1, 2, 3, 4]),
  tags: ['x'],
  kind: 'b',
  pair: ['p', 1],
  attrs: { on: true },
  nested: {
    text: '',
    count: 0,
    big: -1n,
    at: new Date(0),
    bytes: new Uint8Array(),
    tags: [],
    kind: 'a',
    pair: ['q', 2],
    attrs: {},
    nested: null,
  },
};

describe('encode', () => {
  it.each([
    ['date', s.date(), new Date('2024-05-01T12:00:00.000Z'), '2024-05-01T12:00:00.000Z'],
    ['bigint', s.bigint(), -12n, '-12'],
    ['bytes', s.bytes(), new Uint8Array([0, 1, 2, 255]), 'AAEC/w=='],
    ['void', s.void(), undefined, undefined],
  ])('writes %s in its wire form', (_name, schema, value, wire) => {
    expect(s.encode(schema as s.Schema<unknown>, value)).toEqual(wire);
  });

  it('is the identity for data without dates, bigints or bytes', () => {
    const tree = { value: 1, children: [{ value: 2, children: [] }] };
    expect(s.encode(TreeSchema, tree)).toBe(tree);
    const shape = { kind: 'circle' as const, radius: 1 };
    expect(
      s.encode(s.array(s.union([s.string(), s.object({ a: s.number() })])), [shape] as never),
    ).toEqual([shape]);
  });

  it('rebuilds only what converts and drops undeclared keys there', () => {
    const trip = { name: 'x', legs: [['a', 1]] as [string, number][], budget: 5n, secret: 'no' };
    expect(s.encode(TripSchema, trip)).toEqual({ name: 'x', legs: [['a', 1]], budget: '5' });
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 255, 256, 1000, 65537])('round-trips %i bytes', (length) => {
    const bytes = new Uint8Array(length).map((_, i) => (i * 37 + length) & 255);
    expect(roundTrip(s.bytes(), bytes)).toEqual(bytes);
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    expect(s.encode(s.bytes(), bytes)).toBe(btoa(binary)); // agrees with the platform's base64
  });

  it('round-trips every wire encoding', () => {
    expect(roundTrip(SampleSchema, sample)).toEqual(sample);
    const settings = {
      color: 'red' as never,
      owner: 'user-1' as const,
      tuple: ['a', 2] as [string, number?],
      rest: [true, 'x'] as [boolean, ...string[]],
      meta: { a: 1 },
      note: null,
    };
    expect(roundTrip(SettingsSchema, settings)).toEqual(settings);
    const dates = s.union([s.array(s.date()), s.bigint(), s.string()]);
    expect(roundTrip(dates, [new Date(1)])).toEqual([new Date(1)]);
    expect(roundTrip(dates, 7n)).toBe(7n);
    expect(roundTrip(dates, 'text')).toBe('text');
    const rect = { kind: 'rect' as const, width: 1, height: 2, at: new Date(5) };
    expect(roundTrip(ShapeSchema, rect)).toEqual(rect);
  });

  it('round-trips optional tuple elements and records with conversions', () => {
    const schema = s.tuple([s.date(), s.optional(s.bigint())], s.record(s.bytes()));
    const value: [Date, bigint?, ...Record<string, Uint8Array>[]] = [
      new Date(3),
      4n,
      { a: new Uint8Array([9]) },
    ];
    expect(roundTrip(schema, value)).toEqual(value);
    expect(roundTrip(schema, [new Date(3)])).toEqual([new Date(3)]);
  });

  it('settles conversion through lazy cycles', () => {
    interface Node {
      next?: Node;
      at?: Date;
    }
    const NodeSchema: s.Schema<Node> = s.object({
      next: s.optional(s.lazy(() => NodeSchema)),
      at: s.optional(s.date()),
    });
    const value: Node = { next: { next: { at: new Date(7) } } };
    expect(s.encode(NodeSchema, value)).toEqual({
      next: { next: { at: new Date(7).toISOString() } },
    });
    expect(roundTrip(NodeSchema, value)).toEqual(value);
  });

  it('refuses a value of the wrong type where a conversion is due', () => {
    const error = (() => {
      try {
        s.encode(TripSchema, { name: 'x', legs: [], budget: 5 as never }, 'args[0]');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({
      code: 'BAD_ARGUMENT',
      path: 'args[0].budget',
      expected: 'a bigint',
      received: '5',
    });
    expect(() => s.encode(s.date(), new Date(Number.NaN))).toThrow(/expected a valid Date/);
  });
});

describe('compiled encoders', () => {
  /** The walk's answer: the wire value, or FAIL. */
  function walk(schema: s.Schema<unknown>, value: unknown): unknown {
    return encodeNode(nodeOf(schema), value, new DecodeState(defaultLimits));
  }

  const bigintOrDates = s.union([s.array(s.date()), s.bigint(), s.string()]);
  const cases: [string, s.Schema<unknown>, unknown][] = [
    ['a date', s.date(), new Date(5)],
    ['an invalid date', s.date(), new Date(Number.NaN)],
    ['a string for a date', s.date(), '2024-05-01T12:00:00.000Z'],
    ['a number for a bigint', s.bigint(), 5],
    ['an array for bytes', s.bytes(), [1, 2]],
    ['an absent optional', s.optional(s.date()), undefined],
    ['a present optional', s.optional(s.bigint()), 3n],
    [
      'a trip',
      TripSchema,
      { name: 'x', legs: [['a', 1]], budget: 5n, photo: new Uint8Array([1]), secret: 'no' },
    ],
    [
      'a trip with a bad leg date',
      TripSchema,
      { name: 'x', legs: [], stops: [{ from: 'a', to: 'b', at: 'noon' }] },
    ],
    ['a trip that is an array', TripSchema, [1]],
    ['a sample', SampleSchema, sample],
    ['union: dates', bigintOrDates, [new Date(1), new Date(2)]],
    ['union: a bigint', bigintOrDates, 7n],
    ['union: no member', bigintOrDates, 7],
    ['a tuple too long', s.tuple([s.date()]), [new Date(1), new Date(2)]],
    ['a tuple with rest', s.tuple([s.date()], s.bigint()), [new Date(1), 2n, 3n]],
    ['a tuple with a bad rest', s.tuple([s.date()], s.bigint()), [new Date(1), 2]],
    ['a record', s.record(s.bytes()), { a: new Uint8Array([9]), b: undefined }],
    ['a record with a __proto__ key', s.record(s.bigint()), JSON.parse('{"__proto__": "1"}')],
    ['a record that is null', s.record(s.bigint()), null],
    ['a shape with a date', ShapeSchema, { kind: 'rect', width: 1, height: 2, at: new Date(3) }],
    ['a shape without', ShapeSchema, { kind: 'circle', radius: 1 }],
  ];

  it.each(cases)('agree with the walk on %s', (_name, schema, value) => {
    const encoder = encoderOf(nodeOf(schema)) as (value: unknown) => unknown;
    expect(encoder).toBeTypeOf('function');
    const expected = walk(schema, value);
    const actual = encoder(value);
    if (expected === FAIL) expect(actual).toBe(FAIL);
    else expect(actual).toEqual(expected);
  });

  it('agree with the walk through a recursive schema', () => {
    interface Node {
      next?: Node;
      at?: Date;
    }
    const NodeSchema: s.Schema<Node> = s.object({
      next: s.optional(s.lazy(() => NodeSchema)),
      at: s.optional(s.date()),
    });
    const good = { next: { next: { at: new Date(7) } } };
    const bad = { next: { next: { at: 7 } } };
    const encoder = encoderOf(nodeOf(NodeSchema)) as (value: unknown) => unknown;
    expect(encoder(good)).toEqual(walk(NodeSchema, good));
    expect(encoder(bad)).toBe(FAIL);
    expect(walk(NodeSchema, bad)).toBe(FAIL);
  });

  it('are absent for schemas that need no conversion', () => {
    expect(encoderOf(nodeOf(TreeSchema))).toBeUndefined();
    expect(encoderOf(nodeOf(s.array(s.string())))).toBeUndefined();
  });

  it('give the same text for the same instant, and a fresh one for the next', () => {
    expect(s.encode(s.date(), new Date(1000))).toBe('1970-01-01T00:00:01.000Z');
    expect(s.encode(s.date(), new Date(1000))).toBe('1970-01-01T00:00:01.000Z');
    expect(s.encode(s.date(), new Date(1001))).toBe('1970-01-01T00:00:01.001Z');
    expect(s.encode(s.date(), new Date(-1e15))).toBe(new Date(-1e15).toISOString());
  });

  it("honour a Date subclass's own toISOString without keeping it for other dates", () => {
    class Stamp extends Date {
      override toISOString(): string {
        return 'stamp';
      }
    }
    expect(s.encode(s.date(), new Stamp(2000))).toBe('stamp');
    expect(s.encode(s.date(), new Date(2000))).toBe('1970-01-01T00:00:02.000Z');
    expect(s.encode(s.date(), new Stamp(2000))).toBe('stamp');
  });

  it('report a failure with the walk’s path and reason', () => {
    expect(() => s.encode(s.array(s.date()), [new Date(1), 'x'], 'args[2]')).toThrow(
      expect.objectContaining({
        code: 'BAD_ARGUMENT',
        path: 'args[2][1]',
        expected: 'a valid Date',
      }),
    );
  });
});
