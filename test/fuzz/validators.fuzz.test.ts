import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as s from '@contract-gen/runtime/schema';
import { ContractError } from '@contract-gen/runtime/protocol';
import * as board from '../../generated/board.schema.js';
import * as chat from '../../generated/chat.schema.js';
import * as common from '../../generated/common.schema.js';
import * as ticker from '../../conformance/generated/ticker.schema.js';
import { fuzzParameters } from './fuzz-config.js';

// Every generated validator, fed random JSON (prototype keys, deep nesting,
// near-miss shapes): it either decodes or refuses with a coded ContractError,
// and what it decodes is stable — encoding it and decoding again gives the
// same value — and carries no prototype keys.
const schemas = Object.entries({ ...board, ...chat, ...common, ...ticker }).filter(
  (entry): entry is [string, s.Schema<unknown>] => entry[0].endsWith('Schema'),
);

const key = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'kind',
    'type',
    'id',
    'at',
    'items',
    'text',
    'big',
    'bytes',
    'nested',
    'points',
    'hours',
  ),
);
const leaf = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '2026-11-22T10:11:12.345Z',
    '2021-02-30',
    '12345678901234567890',
    'AAEC',
    'points',
    'hours',
    'added',
    'low',
    'a',
    'b',
  ),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  // Through JSON text, as the wire brings it: a `__proto__` key becomes an own property.
  object: fc
    .dictionary(key, tie('value'), { maxKeys: 5 })
    .map((o) => JSON.parse(JSON.stringify(o)) as unknown),
})).value;

function hasPrototypeKey(value: unknown): boolean {
  if (
    value === null ||
    typeof value !== 'object' ||
    value instanceof Date ||
    value instanceof Uint8Array
  )
    return false;
  return (
    Object.keys(value).some((k) => k === '__proto__' || k === 'constructor' || k === 'prototype') ||
    Object.values(value).some(hasPrototypeKey)
  );
}

describe('generated validators under random input', () => {
  it.each(schemas)(
    '%s decodes or refuses with a code, and what it decodes is stable',
    (_name, schema) => {
      fc.assert(
        fc.property(json, (wire) => {
          let value: unknown;
          try {
            value = s.decode(schema, wire);
          } catch (error) {
            expect(error).toBeInstanceOf(ContractError);
            expect(['BAD_ARGUMENT', 'TOO_DEEP']).toContain((error as ContractError).code);
            return;
          }
          expect(hasPrototypeKey(value)).toBe(false);
          // Compared as wire text: JSON cannot tell -0 from 0, nor can a client.
          const wireText = JSON.stringify(s.encode(schema, value));
          const again = s.decode(schema, JSON.parse(wireText));
          expect(JSON.stringify(s.encode(schema, again))).toBe(wireText);
        }),
        fuzzParameters({
          numRuns: Math.ceil((fuzzParameters().numRuns ?? 10_000) / schemas.length) * 2,
        }),
      );
    },
  );

  // Random JSON rarely fits a big type, so also start from valid wire values
  // and replace one node anywhere in them.
  const valid: [string, s.Schema<unknown>, unknown][] = [
    [
      'SampleSchema',
      ticker.SampleSchema,
      {
        text: 't',
        count: 1,
        big: '9007199254740993',
        at: '2026-11-22T10:11:12.345Z',
        bytes: 'AAEC',
        tags: ['x'],
        kind: 'a',
        pair: ['p', 2],
        attrs: { on: true },
        nested: {
          text: 'n',
          count: 2,
          big: '-1',
          at: '2026-01-01T00:00:00.000Z',
          bytes: '',
          tags: [],
          kind: 'b',
          pair: ['q', 3],
          attrs: {},
          nested: null,
        },
      },
    ],
    [
      'TaskSchema',
      board.TaskSchema,
      {
        id: '1',
        title: 't',
        stage: 1,
        priority: 'high',
        estimate: { kind: 'hours', hours: 2, confidence: 'low' },
        labels: { a: 'b' },
        created: { by: 'ann', at: '2026-11-22T10:11:12.345Z' },
        attachments: [{ name: 'f', mediaType: 'text/plain', bytes: 'aGk=' }],
        subtasks: [],
        slot: [1, 2],
      },
    ],
  ];

  it.each(valid)(
    '%s refuses or keeps a one-node mutation of a valid value consistently',
    (_name, schema, wire) => {
      expect(() => s.decode(schema, wire)).not.toThrow();
      fc.assert(
        fc.property(fc.nat(), json, (index, replacement) => {
          const mutated = replaceNode(wire, index, replacement);
          let value: unknown;
          try {
            value = s.decode(schema, mutated);
          } catch (error) {
            expect(error).toBeInstanceOf(ContractError);
            // A refusal names where: the path of the bad value.
            if ((error as ContractError).code === 'BAD_ARGUMENT')
              expect(typeof (error as ContractError).path).toBe('string');
            return;
          }
          const wireText = JSON.stringify(s.encode(schema, value));
          expect(JSON.stringify(s.encode(schema, s.decode(schema, JSON.parse(wireText))))).toBe(
            wireText,
          );
        }),
        fuzzParameters(),
      );
    },
  );

  it('refuses nesting beyond the depth limit without overflowing the stack', () => {
    let deep: unknown = { value: 1 };
    for (let i = 0; i < 100_000; i++) deep = { nested: deep };
    expect(() => s.decode(ticker.SampleSchema, deep)).toThrow(ContractError);
  });
});

/** A copy of `value` with its `index`-th node (depth first, modulo the node count) replaced. */
function replaceNode(value: unknown, index: number, replacement: unknown): unknown {
  const nodes: unknown[] = [];
  const count = (v: unknown): void => {
    nodes.push(v);
    if (v !== null && typeof v === 'object') Object.values(v).forEach(count);
  };
  count(value);
  const target = index % nodes.length;
  let seen = -1;
  const copy = (v: unknown): unknown => {
    seen++;
    if (seen === target) return replacement;
    if (Array.isArray(v)) return v.map(copy);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]));
    return v;
  };
  return copy(value);
}
