import { describe, expect, it } from 'vitest';
import { ContractError } from '../../runtime/src/protocol/index.js';
import * as s from '../../runtime/src/schema/index.js';
import {
  ColorSchema,
  LegSchema,
  SettingsSchema,
  ShapeSchema,
  TreeSchema,
  TripSchema,
} from './fixtures/contract.schema.js';

/** The ContractError `fn` throws. */
function caught(fn: () => unknown): ContractError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ContractError) return error;
    throw error;
  }
  throw new Error('expected a ContractError');
}

describe('decode: leaves', () => {
  it.each([
    ['string', s.string(), 'a', 'a'],
    ['number', s.number(), 1.5, 1.5],
    ['boolean', s.boolean(), false, false],
    ['null', s.null(), null, null],
    ['undefined from null', s.undefined(), null, undefined],
    ['void from null', s.void(), null, undefined],
    ['unknown', s.unknown(), { a: [1] }, { a: [1] }],
    ['bigint', s.bigint(), '-123456789012345678901234567890', -123456789012345678901234567890n],
    [
      'date',
      s.date(),
      '2024-02-29T10:15:30.123Z',
      new Date(Date.UTC(2024, 1, 29, 10, 15, 30, 123)),
    ],
    [
      'date with offset',
      s.date(),
      '2024-02-29T10:15+01:00',
      new Date(Date.UTC(2024, 1, 29, 9, 15)),
    ],
    ['date only', s.date(), '2024-02-29', new Date(Date.UTC(2024, 1, 29))],
    [
      'extended year',
      s.date(),
      '+012024-01-01T00:00:00.000Z',
      new Date('+012024-01-01T00:00:00.000Z'),
    ],
    ['bytes', s.bytes(), 'AAEC/w==', new Uint8Array([0, 1, 2, 255])],
    ['bytes unpadded', s.bytes(), 'AAEC/w', new Uint8Array([0, 1, 2, 255])],
    ['literal', s.literal('a'), 'a', 'a'],
    ['enum', ColorSchema, 'green', 'green'],
  ])('%s', (_name, schema, wire, value) => {
    expect(s.decode(schema as s.Schema<unknown>, wire)).toEqual(value);
  });

  it.each([
    ['string', s.string(), 1, 'a string', '1'],
    ['number NaN-ish', s.number(), Infinity, 'a finite number', 'Infinity'],
    ['number from string', s.number(), '1', 'a finite number', '"1"'],
    ['boolean', s.boolean(), 0, 'a boolean', '0'],
    ['null', s.null(), undefined, 'null', 'nothing'],
    [
      'bigint with a dot',
      s.bigint(),
      '1.5',
      'a decimal integer string such as "-12" (at most 1000 digits)',
      '"1.5"',
    ],
    [
      'bigint as number',
      s.bigint(),
      12,
      'a decimal integer string such as "-12" (at most 1000 digits)',
      '12',
    ],
    [
      'date Feb 30',
      s.date(),
      '2021-02-30T00:00:00Z',
      'an ISO 8601 date string such as "2024-05-01T12:00:00.000Z"',
      '"2021-02-30T00:00:00Z"',
    ],
    [
      'date Feb 29 non-leap',
      s.date(),
      '2023-02-29',
      'an ISO 8601 date string such as "2024-05-01T12:00:00.000Z"',
      '"2023-02-29"',
    ],
    [
      'date without zone',
      s.date(),
      '2024-01-01T10:00:00',
      'an ISO 8601 date string such as "2024-05-01T12:00:00.000Z"',
      '"2024-01-01T10:00:00"',
    ],
    [
      'date hour 25',
      s.date(),
      '2024-01-01T25:00Z',
      'an ISO 8601 date string such as "2024-05-01T12:00:00.000Z"',
      '"2024-01-01T25:00Z"',
    ],
    ['bytes foreign char', s.bytes(), 'AA-A', 'a base64 string', '"AA-A"'],
    ['bytes non-ASCII', s.bytes(), 'AAÀA', 'a base64 string', '"AAÀA"'],
    ['bytes bad length', s.bytes(), 'AAAAA', 'a base64 string', '"AAAAA"'],
    ['literal', s.literal('a'), 'b', '"a"', '"b"'],
    ['enum', ColorSchema, 'blue', '"red" | "green"', '"blue"'],
  ])('refuses %s', (_name, schema, wire, expected, received) => {
    const error = caught(() => s.decode<unknown>(schema, wire, 'args[0]'));
    expect(error).toMatchObject({
      code: 'BAD_ARGUMENT',
      status: 400,
      path: 'args[0]',
      expected,
      received,
    });
    expect(error.message).toBe(`Invalid args[0]: expected ${expected}, received ${received}.`);
  });
});

describe('decode: containers', () => {
  it('reports the path of a bad value at depth', () => {
    const wire = {
      name: 'x',
      legs: [
        ['a', 1],
        ['b', 'two'],
      ],
    };
    const error = caught(() => s.decode(TripSchema, wire, 'args[1]'));
    expect(error).toMatchObject({
      path: 'args[1].legs[1][1]',
      expected: 'a finite number',
      received: '"two"',
    });
  });

  it('names a missing property', () => {
    expect(caught(() => s.decode(LegSchema, { from: 'a', at: '2024-01-01' }))).toMatchObject({
      path: 'to',
      received: 'nothing',
    });
  });

  it('drops unknown keys and keeps absent optionals absent', () => {
    const trip = s.decode(TripSchema, { name: 'x', legs: [], extra: 1, budget: null });
    expect(trip).toEqual({ name: 'x', legs: [] });
    expect(Object.keys(trip)).toEqual(['name', 'legs']);
  });

  it('decodes tuples with optional elements and rest', () => {
    const settings = s.decode(SettingsSchema, {
      color: 'red',
      owner: 'user-1',
      tuple: ['a'],
      rest: [true, 'x', 'y'],
      meta: { any: ['thing'] },
      note: null,
    });
    expect(settings).toEqual({
      color: 'red',
      owner: 'user-1',
      tuple: ['a'],
      rest: [true, 'x', 'y'],
      meta: { any: ['thing'] },
      note: null,
    });
    expect(s.decode(s.tuple([s.string(), s.optional(s.number())]), ['a', null])).toEqual([
      'a',
      undefined,
    ]);
  });

  it('refuses tuples of the wrong length', () => {
    const pair = s.tuple([s.string(), s.number()]);
    expect(caught(() => s.decode(pair, ['a']))).toMatchObject({
      expected: 'an array of 2 items',
      received: 'an array of 1',
    });
    expect(caught(() => s.decode(pair, ['a', 1, 2]))).toMatchObject({
      expected: 'an array of 2 items',
    });
    expect(caught(() => s.decode(s.tuple([s.string(), s.optional(s.number())]), []))).toMatchObject(
      { expected: 'an array of 1 to 2 items' },
    );
    expect(caught(() => s.decode(s.tuple([s.boolean()], s.string()), [true, 1]))).toMatchObject({
      path: '[1]',
      expected: 'a string',
    });
  });

  it('decodes records and quotes odd keys in paths', () => {
    const scores = s.record(s.number());
    expect(s.decode(scores, { a: 1, 'b c': 2 })).toEqual({ a: 1, 'b c': 2 });
    expect(caught(() => s.decode(scores, { 'b c': 'x' }, 'result'))).toMatchObject({
      path: 'result["b c"]',
    });
  });

  it('decodes recursion through lazy', () => {
    const tree = { value: 1, children: [{ value: 2, children: [{ value: 3, children: [] }] }] };
    expect(s.decode(TreeSchema, tree)).toEqual(tree);
    const bad = { value: 1, children: [{ value: 2, children: [{ value: 'x', children: [] }] }] };
    expect(caught(() => s.decode(TreeSchema, bad))).toMatchObject({
      path: 'children[0].children[0].value',
    });
  });

  it('reads a declared property named like an Object.prototype member only if own', () => {
    const schema = s.object({ toString: s.optional(s.string()), valueOf: s.number() });
    expect(s.decode(schema, { valueOf: 1 })).toEqual({ valueOf: 1 });
    expect(s.decode(schema, { toString: 'x', valueOf: 1 })).toEqual({ toString: 'x', valueOf: 1 });
    expect(caught(() => s.decode(schema, {}))).toMatchObject({
      path: 'valueOf',
      received: 'nothing',
    });
  });
});

describe('decode: unions', () => {
  it('takes the first member that decodes', () => {
    const either = s.union([s.date(), s.string()]);
    expect(s.decode(either, '2024-01-01')).toEqual(new Date(Date.UTC(2024, 0, 1)));
    expect(s.decode(either, 'hello')).toBe('hello');
  });

  it('joins the expectations when no member fits at the top', () => {
    expect(caught(() => s.decode(s.union([s.string(), s.number()]), true))).toMatchObject({
      expected: 'a string or a finite number',
      received: 'true',
    });
  });

  it('reports the member whose discriminant matched', () => {
    const error = caught(() =>
      s.decode(ShapeSchema, { kind: 'rect', width: 1, height: 'tall' }, 'args[0]'),
    );
    expect(error).toMatchObject({
      path: 'args[0].height',
      expected: 'a finite number',
      received: '"tall"',
    });
  });
});

describe('decode: safety', () => {
  it.each([
    [
      '__proto__ in an object',
      LegSchema,
      '{"from":"a","to":"b","at":"2024-01-01","__proto__":{"polluted":true}}',
      '__proto__',
    ],
    [
      'constructor in an object',
      LegSchema,
      '{"from":"a","to":"b","at":"2024-01-01","constructor":{"prototype":{}}}',
      'constructor',
    ],
    ['prototype in a record', s.record(s.unknown()), '{"prototype":1}', 'prototype'],
    ['__proto__ in a record', s.record(s.number()), '{"a":1,"__proto__":2}', '__proto__'],
    ['__proto__ inside unknown', s.unknown(), '{"a":[{"__proto__":{"x":1}}]}', 'a[0].__proto__'],
  ])('refuses %s', (_name, schema, json, path) => {
    const error = caught(() => s.decode<unknown>(schema, JSON.parse(json)));
    expect(error).toMatchObject({ code: 'BAD_ARGUMENT', path });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('stops at the depth limit with TOO_DEEP', () => {
    let deep: unknown = { value: 0, children: [] };
    for (let i = 0; i < 100; i++) deep = { value: i, children: [deep] };
    const error = caught(() => s.decode(TreeSchema, deep, 'args[0]'));
    expect(error).toMatchObject({ code: 'TOO_DEEP', status: 400 });
    expect(error.message).toContain('deeper than 64 levels');
    expect(s.decode(TreeSchema, deep, '', { maxDepth: 300 })).toEqual(deep);
  });

  it('stops at the depth limit inside unknown and unions', () => {
    const nested: unknown = JSON.parse('['.repeat(70) + ']'.repeat(70));
    expect(caught(() => s.decode(s.unknown(), nested)).code).toBe('TOO_DEEP');
    const tree: s.Schema<unknown> = s.union([s.array(s.lazy(() => tree)), s.string()]);
    expect(caught(() => s.decode(tree, nested)).code).toBe('TOO_DEEP');
  });

  it('enforces item and string limits, each breach with its own code', () => {
    const limits = { maxItems: 3, maxStringLength: 5 };
    const items = { code: 'TOO_MANY_ITEMS', status: 400 };
    expect(caught(() => s.decode(s.array(s.number()), [1, 2, 3, 4], '', limits))).toMatchObject({
      ...items,
      expected: 'an array of at most 3 items',
    });
    expect(
      caught(() => s.decode(s.tuple([s.string()], s.number()), ['a', 1, 2, 3], '', limits)),
    ).toMatchObject(items);
    expect(
      caught(() => s.decode(s.record(s.number()), { a: 1, b: 2, c: 3, d: 4 }, '', limits)),
    ).toMatchObject({ ...items, expected: 'an object of at most 3 keys' });
    expect(caught(() => s.decode(s.unknown(), [1, 2, 3, 4], '', limits))).toMatchObject(items);
    const long = caught(() => s.decode(s.string(), 'abcdef', 'args[0]', limits));
    expect(long).toMatchObject({
      code: 'TOO_LONG',
      status: 400,
      path: 'args[0]',
      expected: 'a string of at most 5 characters',
    });
    expect(long.message).toContain('raise limits.maxStringLength');
    expect(caught(() => s.decode(s.bytes(), 'AAAAAAAA', '', limits))).toMatchObject({
      code: 'TOO_LONG',
    });
    expect(caught(() => s.decode(s.unknown(), { k: 'abcdef' }, '', limits))).toMatchObject({
      code: 'TOO_LONG',
      path: 'k',
    });
    expect(caught(() => s.decode(s.bigint(), '1'.repeat(1001)))).toMatchObject({
      code: 'TOO_MANY_DIGITS',
      status: 400,
    });
    // A tuple without a rest element is a shape, not a size: too many elements is a mismatch.
    expect(caught(() => s.decode(s.tuple([s.string()]), ['a', 'b']))).toMatchObject({
      code: 'BAD_ARGUMENT',
    });
  });

  it('stops a union at a size limit, except a bigint a string member may take', () => {
    const limits = { maxStringLength: 5 };
    expect(
      caught(() => s.decode(s.union([s.string(), s.number()]), 'abcdef', '', limits)),
    ).toMatchObject({ code: 'TOO_LONG' });
    expect(s.decode(s.union([s.bigint(), s.string()]), '1'.repeat(1001))).toBe('1'.repeat(1001));
  });

  it('refuses schemas that declare dangerous keys or misplaced optionals', () => {
    expect(() => s.object<Record<string, s.Schema<string>>>({ ['__proto__']: s.string() })).toThrow(
      /may not declare/,
    );
    expect(() => s.object({ constructor: s.string() })).toThrow(/may not declare/);
    expect(() => s.tuple([s.optional(s.string()), s.number()])).toThrow(
      /required entry follows an optional/,
    );
    expect(() => s.method([s.optional(s.string()), s.number()], s.void())).toThrow(
      /required entry follows an optional/,
    );
  });

  it('returns arrays of plain items without copying them', () => {
    const numbers = [1, 2, 3];
    expect(s.decode(s.array(s.number()), numbers)).toBe(numbers);
    const dates = ['2024-01-01'];
    expect(s.decode(s.array(s.date()), dates)).not.toBe(dates);
  });
});

describe('decode: copy-on-write', () => {
  it('returns valid plain objects as they are, and copies only what changes', () => {
    const wire = JSON.parse(
      '{"name":"x","legs":[["a",1]],"stops":[{"from":"a","to":"b","at":"2024-01-01"}]}',
    ) as { legs: unknown; stops: { at: unknown }[] };
    const trip = s.decode(TripSchema, wire);
    expect(trip).not.toBe(wire); // a date inside changed
    expect(trip.legs).toBe(wire.legs); // nothing to change there
    expect(trip.stops?.[0]).not.toBe(wire.stops[0]!);
    expect(wire.stops[0]!.at).toBe('2024-01-01'); // the input is never modified
    const plain: unknown = JSON.parse('{"value":1,"children":[{"value":2,"children":[]}]}');
    expect(s.decode(TreeSchema, plain)).toBe(plain);
  });

  it('copies an object with undeclared keys or optional nulls, keeping declared order', () => {
    const withExtra = s.decode(LegSchema, { extra: 1, from: 'a', to: 'b', at: '2024-01-01' });
    expect(Object.keys(withExtra)).toEqual(['from', 'to', 'at']);
    const schema = s.object({ a: s.number(), b: s.optional(s.number()), c: s.number() });
    const input = { a: 1, b: null, c: 3 };
    expect(s.decode(schema, input)).toEqual({ a: 1, c: 3 });
    expect(input).toEqual({ a: 1, b: null, c: 3 });
  });

  it('copies a record from the first changed value on', () => {
    const input = { a: '2024-01-01', b: '2024-01-02' };
    const out = s.decode(s.record(s.date()), input);
    expect(out).toEqual({ a: new Date(Date.UTC(2024, 0, 1)), b: new Date(Date.UTC(2024, 0, 2)) });
    expect(input.a).toBe('2024-01-01');
    const nulls = { a: 1, b: null, c: 2 };
    expect(s.decode(s.record(s.optional(s.number())), nulls)).toEqual({ a: 1, c: 2 });
  });
});
