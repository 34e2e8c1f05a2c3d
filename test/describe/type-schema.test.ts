import { beforeAll, describe, expect, it } from 'vitest';
import { wireDatePattern } from '../../runtime/src/schema/formats.js';
import { describeAsyncApi } from '../../src/describe/asyncapi/describe-asyncapi.js';
import { describeContract } from '../../src/describe/describe-contract.js';
import { describeOpenApi } from '../../src/describe/openapi/describe-openapi.js';
import type { Contract } from '../../src/contract/model.js';
import type { JsonSchema } from '../../src/describe/json-schema.js';
import { modelOf } from '../breaking/compare-model.js';
import { asyncApiValidator, openApiValidator, schemaAt } from './api-schemas.js';
import { objectAt, valueAt } from './json-at.js';

const source = `
export enum Color { Red = 'red', Green = 'green' }
export enum Level { Low, High }

/**
 * Every construct the converter knows.
 * @deprecated Use the next one.
 */
export interface Shape {
  /** When it happened. */
  at: Date;
  id: bigint;
  data: Uint8Array;
  kind: 'a' | 'b';
  one: 'x';
  maybe: string | null;
  pair: [x: number, y?: string];
  rest: [string, ...number[]];
  attrs: Record<string, boolean>;
  opt?: number;
  /** @deprecated */
  old?: string;
  color: Color;
  level: Level;
  kids: Shape[];
  mixed: 'a' | Color | null;
  any: unknown;
}

export interface ShapeEvents extends Callback {
  changed(shape: Shape, count?: number): void;
}

export interface Api extends Service {
  put(shape: Shape, note?: string, limit?: number): Promise<Shape | null>;
  watch(events: ShapeEvents): Promise<void>;
}
`;

const options = { title: 'T', version: '1', serverUrl: 'http://localhost:3000' };
let contract: Contract;
let openapi: JsonSchema;
let asyncapi: JsonSchema;

beforeAll(async () => {
  contract = await modelOf(source);
  openapi = describeOpenApi(contract, options);
  asyncapi = describeAsyncApi(contract, options);
});

const shape = {
  at: '2024-05-01T12:00:00.000Z',
  id: '-9007199254740993',
  data: 'AQID',
  kind: 'a',
  one: 'x',
  maybe: null,
  pair: [1],
  rest: ['s', 1, 2],
  attrs: { on: true },
  color: 'red',
  level: 1,
  kids: [],
  mixed: 'green',
  any: { whatever: [1] },
};

describe('the TypeRef → JSON Schema converter', () => {
  it('spells each construct by its wire encoding', () => {
    const p = objectAt(openapi, 'components', 'schemas', 'Shape', 'properties');
    expect(p.at).toEqual({
      type: 'string',
      pattern: wireDatePattern,
      'x-contract-gen-type': 'Date',
      description: 'When it happened.',
    });
    expect(p.id).toEqual({ type: 'string', pattern: '^-?\\d+$' });
    expect(p.data).toEqual({ type: 'string', contentEncoding: 'base64' });
    expect(p.kind).toEqual({ type: 'string', enum: ['a', 'b'] });
    expect(p.one).toEqual({ type: 'string', const: 'x' });
    expect(p.maybe).toEqual({ type: ['string', 'null'] });
    expect(p.pair).toEqual({
      type: 'array',
      prefixItems: [
        { type: 'number', title: 'x' },
        { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'y' },
      ],
      items: false,
      minItems: 1,
      maxItems: 2,
    });
    expect(p.rest).toEqual({
      type: 'array',
      prefixItems: [{ type: 'string' }],
      items: { type: 'number' },
      minItems: 1,
    });
    expect(p.attrs).toEqual({ type: 'object', additionalProperties: { type: 'boolean' } });
    expect(p.old).toMatchObject({ deprecated: true });
    expect(p.kids).toEqual({ type: 'array', items: { $ref: '#/components/schemas/Shape' } });
    expect(p.mixed).toEqual({
      anyOf: [
        { type: ['string', 'null'], enum: ['a', null] },
        { $ref: '#/components/schemas/Color' },
      ],
    });
    expect(p.any).toEqual({});
  });

  it('lists optional properties out of `required`, and carries the JSDoc of the type', () => {
    const s = objectAt(openapi, 'components', 'schemas', 'Shape');
    expect(s.required).not.toContain('opt');
    expect(s.required).not.toContain('old');
    expect(s.required).toContain('at');
    expect(s).toMatchObject({
      deprecated: true,
      description: 'Every construct the converter knows.\n\nDeprecated: Use the next one.',
    });
  });

  it('makes enums of their values, with the member names', () => {
    expect(valueAt(openapi, 'components', 'schemas', 'Color')).toEqual({
      type: 'string',
      enum: ['red', 'green'],
      'x-enum-varnames': ['Red', 'Green'],
    });
    expect(valueAt(openapi, 'components', 'schemas', 'Level')).toEqual({
      type: 'integer',
      enum: [0, 1],
      'x-enum-varnames': ['Low', 'High'],
    });
  });

  it('spells tuples as draft-07 arrays in the AsyncAPI document, and wraps annotated refs in allOf', () => {
    const p = objectAt(asyncapi, 'components', 'schemas', 'Shape', 'properties');
    expect(p.pair).toMatchObject({
      type: 'array',
      items: [{ type: 'number' }, { title: 'y' }],
      additionalItems: false,
      minItems: 1,
    });
    const args = objectAt(
      asyncapi,
      'components',
      'messages',
      'ShapeEvents.changed',
      'payload',
      'properties',
      'args',
    );
    expect(valueAt(args, 'items', '0')).toEqual({
      allOf: [{ $ref: '#/components/schemas/Shape' }],
      title: 'shape',
    });
  });

  it('produces documents that validate, for a contract with every construct', () => {
    expect(openApiValidator()(openapi)).toBe(true);
    expect(asyncApiValidator()(asyncapi)).toBe(true);
  });
});

describe('wire values against the documents', () => {
  const body = '/paths/~1Api~1put/post/requestBody/content/application~1json/schema';

  it('accepts what the runtime accepts in a call', () => {
    const validate = schemaAt(openapi, body, '2020-12');
    expect(validate([shape])).toBe(true);
    expect(validate([shape, null, 5])).toBe(true); // an optional argument left out in the middle is null
    expect(validate([{ ...shape, kids: [shape], extra: 1 }])).toBe(true); // unknown keys are dropped, not refused
  });

  it('refuses what the runtime refuses in a call', () => {
    const validate = schemaAt(openapi, body, '2020-12');
    expect(validate([])).toBe(false);
    expect(validate([shape, 'n', 1, 'one too many'])).toBe(false);
    expect(validate([{ ...shape, id: '1.5' }])).toBe(false);
    expect(validate([{ ...shape, at: 'yesterday' }])).toBe(false);
    expect(validate([{ ...shape, color: 'blue' }])).toBe(false);
    expect(validate([{ ...shape, pair: [1, 'a', 2] }])).toBe(false);
  });

  it('describes the answer and an event envelope', () => {
    expect(
      schemaAt(
        openapi,
        '/paths/~1Api~1put/post/responses/200/content/application~1json/schema',
        '2020-12',
      )({ result: null }),
    ).toBe(true);
    const event = schemaAt(
      asyncapi,
      '/components/messages/ShapeEvents.changed/payload',
      'draft-07',
    );
    expect(event({ seq: 1, cb: 0, method: 'changed', args: [shape] })).toBe(true);
    expect(event({ seq: 1, cb: 0, method: 'other', args: [shape] })).toBe(false);
    expect(event({ seq: 1, cb: 0, method: 'changed', args: [shape, 1, 2] })).toBe(false);
  });

  it('documents a callback argument as {"$cb": n} and requires the client header', () => {
    const op = objectAt(openapi, 'paths', '/Api/watch', 'post');
    expect(op.parameters).toEqual([{ $ref: '#/components/parameters/ContractClientRequired' }]);
    const validate = schemaAt(
      openapi,
      '/paths/~1Api~1watch/post/requestBody/content/application~1json/schema',
      '2020-12',
    );
    expect(validate([{ $cb: 3 }])).toBe(true);
    expect(validate([{ $cb: -1 }])).toBe(false);
    expect(valueAt(op, 'responses', '501')).toBeDefined();
  });
});

describe('a contract without callbacks', () => {
  it('has no event endpoints and an AsyncAPI document without channels, both valid', async () => {
    const plain = await modelOf(
      'export interface Api extends Service { ping(at?: Date): Promise<Date>; }',
    );
    const o = describeOpenApi(plain, options);
    const a = describeAsyncApi(plain, options);
    expect(Object.keys(objectAt(o, 'paths'))).toEqual(['/Api/ping']);
    expect(a['channels']).toEqual({});
    expect(openApiValidator()(o)).toBe(true);
    expect(asyncApiValidator()(a)).toBe(true);
  });
});

describe('output discipline', () => {
  it('is deterministic, with sorted components', () => {
    const once = describeContract(contract, options);
    expect(describeContract(contract, options)).toEqual(once);
    const keys = Object.keys(objectAt(openapi, 'components', 'schemas'));
    expect(keys).toEqual([...keys].sort());
  });
});
