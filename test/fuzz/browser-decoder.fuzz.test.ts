import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as browser from '../../runtime/src/schema/browser.js';
import * as server from '../../runtime/src/schema/index.js';
import * as board from '../../generated/board.schema.js';
import * as chat from '../../generated/chat.schema.js';
import * as common from '../../generated/common.schema.js';
import * as ticker from '../../conformance/generated/ticker.schema.js';
import { fuzzParameters } from './fuzz-config.js';
import * as boardClient from '../../generated/board.client.js';
import * as catalogClient from '../../generated/catalog.client.js';
import * as chatClient from '../../generated/chat.client.js';
import * as feedClient from '../../generated/feed.client.js';
import * as catalog from '../../generated/catalog.schema.js';
import * as feed from '../../generated/feed.schema.js';
import * as tickerClient from '../../conformance/generated/ticker.client.js';
import type { Connection } from '../../runtime/src/client/index.js';

// The browser build of `@contract-gen/runtime/schema` (its export's `browser`
// condition: schema/browser.ts) walks schemas where the default build runs
// compiled decoders and encoders, and reads dates without the fast path and
// the caches. It must be the same codec, only smaller: for random schemas,
// each built once with each build's combinators, and random wire and
// in-memory values, both decode and encode to equal values (sharing the
// input exactly when the other does) or throw equal errors.

type Entry = typeof server;

/** A schema as plain data, built with either entry's combinators by `build`. */
type Shape =
  | { readonly leaf: 'string' | 'number' | 'boolean' | 'null' | 'void' | 'unknown' }
  | { readonly leaf: 'bigint' | 'date' | 'bytes' }
  | { readonly literal: string | number }
  | { readonly optional: Shape }
  | { readonly array: Shape }
  | { readonly record: Shape }
  | { readonly union: readonly Shape[] }
  | { readonly tuple: readonly Shape[]; readonly rest?: Shape }
  | { readonly object: readonly (readonly [string, Shape])[] };

function build(s: Entry, shape: Shape): server.Schema<unknown> {
  if ('leaf' in shape) return s[shape.leaf]();
  if ('literal' in shape) return s.literal(shape.literal);
  if ('optional' in shape) return s.optional(build(s, shape.optional));
  if ('array' in shape) return s.array(build(s, shape.array));
  if ('record' in shape) return s.record(build(s, shape.record));
  if ('union' in shape) return s.union(shape.union.map((m) => build(s, m)));
  if ('tuple' in shape) {
    const items = shape.tuple.map((m) => build(s, m)) as [server.Schema<unknown>];
    return shape.rest === undefined ? s.tuple(items) : s.tuple(items, build(s, shape.rest));
  }
  return s.object(Object.fromEntries(shape.object.map(([k, m]) => [k, build(s, m)])));
}

/** Wire text of the leaves that convert, good and bad, and of the others. */
const leafWire = {
  string: fc.string({ maxLength: 6 }),
  number: fc.oneof(fc.integer(), fc.double(), fc.constant('1')),
  boolean: fc.boolean(),
  null: fc.constant(null),
  void: fc.constantFrom(null, undefined),
  unknown: fc.jsonValue({ maxDepth: 2 }),
  bigint: fc.oneof(fc.bigInt().map(String), fc.constantFrom('1.5', '-', '9'.repeat(1_001))),
  date: fc.oneof(
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace('Z', '+01:30')),
    fc.constantFrom(
      '2024-02-29',
      '2021-02-30',
      '0050-06-01T12:00:00.000Z',
      '+275760-09-13T00:00:00.000Z',
      '2024-05-01T12:00Z',
      '2021-01-01T24:00:00.000Z',
      'soon',
    ),
  ),
  bytes: fc.oneof(
    fc.uint8Array({ maxLength: 6 }).map((b) => Buffer.from(b).toString('base64')),
    fc.constantFrom('!!', 'AAE'),
  ),
};

const keys = ['a', 'b', 'toString', 'c'] as const;

/** A shape and an arbitrary of wire values that mostly fit it. */
interface Case {
  readonly shape: Shape;
  readonly wire: fc.Arbitrary<unknown>;
}

const cases: fc.Arbitrary<Case> = fc.letrec<{ node: Case }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .constantFrom(...(Object.keys(leafWire) as (keyof typeof leafWire)[]))
      .map((leaf) => ({ shape: { leaf }, wire: leafWire[leaf] as fc.Arbitrary<unknown> })),
    fc.constantFrom('a', 3).map((literal) => ({
      shape: { literal },
      wire: fc.constantFrom<unknown>(literal, 'b', 4),
    })),
    tie('node').map((c) => ({
      shape: { optional: c.shape },
      wire: fc.oneof(c.wire, fc.constantFrom(undefined, null)),
    })),
    tie('node').map((c) => ({
      shape: { array: c.shape },
      wire: fc.array(c.wire, { maxLength: 3 }),
    })),
    tie('node').map((c) => ({
      shape: { record: c.shape },
      wire: fc.dictionary(fc.constantFrom(...keys, 'odd key'), c.wire, { maxKeys: 3 }),
    })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((members) => ({
      shape: { union: members.map((c) => c.shape) },
      wire: fc.oneof(...members.map((c) => c.wire)),
    })),
    fc
      .tuple(fc.array(tie('node'), { maxLength: 3 }), fc.option(tie('node'), { nil: undefined }))
      .map(([all, rest]) => {
        // Optional entries of a tuple come last.
        const isOptional = (c: Case) => 'optional' in c.shape;
        const items = [...all.filter((c) => !isOptional(c)), ...all.filter(isOptional)];
        return {
          shape: {
            tuple: items.map((c) => c.shape),
            ...(rest === undefined ? {} : { rest: rest.shape }),
          },
          wire: fc
            .tuple(
              fc.tuple(...items.map((c) => c.wire)),
              fc.array(rest?.wire ?? fc.constant(0), { maxLength: 2 }),
            )
            .map(([head, tail]) => [...head, ...tail]),
        };
      }),
    fc.array(fc.tuple(fc.constantFrom(...keys), tie('node')), { maxLength: 3 }).map((props) => ({
      shape: { object: props.map(([k, c]) => [k, c.shape] as const) },
      wire: fc
        .tuple(
          fc.record(Object.fromEntries(props.map(([k, c]) => [k, c.wire]))),
          fc.option(fc.constantFrom({ extra: 1 }, JSON.parse('{"__proto__": 1}') as object), {
            nil: undefined,
          }),
        )
        .map(([o, more]) => (more === undefined ? o : { ...o, ...more })),
    })),
  ),
})).node;

/** What a call gave: its value, or the fields of what it threw. */
function outcome(run: () => unknown): unknown {
  try {
    return { value: run() };
  } catch (error) {
    const { name, code, status, message, path, expected, received } = error as Record<
      string,
      unknown
    >;
    return { threw: { name, code, status, message, path, expected, received } };
  }
}

/** Decodes `wire` with both builds (with and without limits), then encodes what decoded. */
function sameCodec(schemas: Record<'server' | 'browser', server.Schema<unknown>>, wire: unknown) {
  const limits = { maxDepth: 3, maxItems: 2, maxStringLength: 5, maxBigIntDigits: 3 };
  for (const extra of [[], [limits]] as const) {
    const decoded = outcome(() => server.decode(schemas.server, wire, 'args[0]', ...extra));
    const walked = outcome(() => browser.decode(schemas.browser, wire, 'args[0]', ...extra));
    expect(walked).toEqual(decoded);
    if (!('value' in (decoded as object))) continue;
    const value = (decoded as { value: unknown }).value;
    expect((walked as { value: unknown }).value === wire).toBe(value === wire);
    expect(outcome(() => browser.encode(schemas.browser, value, 'result'))).toEqual(
      outcome(() => server.encode(schemas.server, value, 'result')),
    );
  }
}

/** In-memory values of the wrong type where a conversion is due: encoding must fail alike. */
const strayValues = fc.constantFrom<unknown>(
  'text',
  3,
  10n,
  new Date(Number.NaN),
  new Date(0),
  new Uint8Array([1, 2]),
  [new Date(1)],
  { a: 10n, b: new Date(2) },
);

describe('the browser build of the schema entry', () => {
  it('decodes and encodes random schemas and values as the default build does', () => {
    fc.assert(
      fc.property(
        cases.chain((c) =>
          fc.tuple(fc.constant(c.shape), fc.oneof(c.wire, fc.jsonValue({ maxDepth: 2 }))),
        ),
        ([shape, wire]) =>
          sameCodec({ server: build(server, shape), browser: build(browser, shape) }, wire),
      ),
      fuzzParameters(),
    );
  });

  it('refuses to encode values of the wrong type as the default build does', () => {
    fc.assert(
      fc.property(cases, strayValues, ({ shape }, value) => {
        const [schema, walked] = [build(server, shape), build(browser, shape)];
        expect(outcome(() => browser.encode(walked, value))).toEqual(
          outcome(() => server.encode(schema, value)),
        );
      }),
      fuzzParameters(),
    );
  });

  it('decodes and encodes every generated schema as the default build does', () => {
    const schemas = Object.entries({ ...board, ...chat, ...common, ...ticker }).filter(
      (entry): entry is [string, server.Schema<unknown>] => entry[0].endsWith('Schema'),
    );
    fc.assert(
      fc.property(fc.constantFrom(...schemas), fc.jsonValue({ maxDepth: 3 }), ([, schema], wire) =>
        sameCodec({ server: schema, browser: schema }, wire),
      ),
      fuzzParameters(),
    );
  });

  it('reads dates as the default build does, in every form', () => {
    const text = fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc
        .tuple(fc.date({ noInvalidDate: true }), fc.constantFrom('Z', '+01:00', '-23:59', '+24:00'))
        .map(([d, zone]) => d.toISOString().replace('Z', zone)),
      fc.stringMatching(
        /^[+-]?\d{4,6}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d))?$/,
      ),
      fc.string({ maxLength: 26 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(browser.parseIsoDate(t)?.getTime()).toBe(server.parseIsoDate(t)?.getTime());
      }),
      fuzzParameters(),
    );
  });

  it('decodes with a generated client as with the schema module, and encodes its parameters alike', () => {
    const pairs = codedPairs();
    expect(pairs.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(
        fc
          .constantFrom(...pairs)
          .chain((pair) =>
            fc.tuple(
              fc.constant(pair),
              fc.oneof(wireOf(pair.schema), fc.jsonValue({ maxDepth: 3 })),
            ),
          ),
        ([pair, wire]) => sameAsSchema(pair, wire),
      ),
      fuzzParameters(),
    );
  });
});

/**
 * Decodes `wire` with the schema and the coded schema, in both builds, with
 * and without limits: equal values (generated code always copies: no
 * sharing with the input is asked) or equal errors; then, for a
 * parameter (what a client sends), encodes what decoded.
 */
function sameAsSchema(pair: CodedPair, wire: unknown) {
  const limits = { maxDepth: 3, maxItems: 2, maxStringLength: 5, maxBigIntDigits: 3 };
  for (const extra of [[], [limits]] as const) {
    const expected = outcome(() => server.decode(pair.schema, wire, 'args[0]', ...extra));
    for (const entry of [server, browser])
      expect(outcome(() => entry.decode(pair.coded, wire, 'args[0]', ...extra))).toEqual(expected);
    if (!('value' in (expected as object)) || !pair.sent) continue;
    const value = (expected as { value: unknown }).value;
    for (const entry of [server, browser])
      expect(outcome(() => entry.encode(pair.coded, value, 'result'))).toEqual(
        outcome(() => server.encode(pair.schema, value, 'result')),
      );
  }
}

/** One value's schema-module schema beside the generated client's coded one (a result, a parameter, an event's args). */
interface CodedPair {
  readonly schema: server.Schema<unknown>;
  readonly coded: server.Schema<unknown>;
  /** A parameter: what a client encodes (results and event arguments it only decodes). */
  readonly sent?: true;
}

/** Every generated client's descriptors beside the schema module's, caught from the calls a client makes. */
function codedPairs(): CodedPair[] {
  const pairs: CodedPair[] = [];
  const services = { ...board, ...catalog, ...chat, ...feed, ...ticker } as Record<string, unknown>;
  const clients = [boardClient, catalogClient, chatClient, feedClient, tickerClient] as Record<
    string,
    unknown
  >[];
  for (const module of clients) {
    for (const [name, make] of Object.entries(module)) {
      if (name.startsWith('bind')) {
        const binding = (make as (t: object) => { callback: server.CallbackInterfaceDescriptor })(
          {},
        );
        const schema = services[`${binding.callback.name}Callback`] as
          server.CallbackInterfaceDescriptor | undefined;
        for (const [method, described] of Object.entries(binding.callback.methods))
          if (schema?.methods[method] && described.args !== schema.methods[method].args)
            pairs.push({ schema: schema.methods[method].args, coded: described.args });
        continue;
      }
      if (!name.endsWith('Client')) continue;
      let caught: server.ServiceDescriptor | undefined;
      const conn = { call: (service: server.ServiceDescriptor) => void (caught = service) };
      const proxy = (make as (c: Connection) => Record<string, () => unknown>)(
        conn as unknown as Connection,
      );
      Object.values(proxy)[0]?.();
      const schema = caught && (services[`${caught.name}Service`] as server.ServiceDescriptor);
      if (!caught || !schema || caught === schema) continue;
      for (const [method, described] of Object.entries(caught.methods)) {
        const declared = schema.methods[method] as server.MethodDescriptor;
        pairs.push({ schema: declared.result, coded: described.result });
        described.params.forEach((coded, i) => {
          const param = declared.params[i] as server.Schema<unknown>;
          // A callback parameter is no value (encode-args registers it).
          if ((coded as unknown as { kind: string }).kind === 'coded')
            pairs.push({ schema: param, coded, sent: true });
        });
      }
    }
  }
  return pairs;
}

/** Wire values that mostly fit `schema` (its nodes read as data), with some that do not. */
function wireOf(schema: server.Schema<unknown>, depth = 0): fc.Arbitrary<unknown> {
  const node = schema as unknown as Record<string, unknown> & { kind: string };
  const bad = fc.constantFrom<unknown>(null, 'x', 7, {}, []);
  if (depth > 6) return bad;
  const inner = (s: unknown) => wireOf(s as server.Schema<unknown>, depth + 1);
  switch (node.kind) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
    case 'void':
    case 'date':
      return fc.oneof(leafWire[node.kind], bad);
    case 'literal':
      return fc.constantFrom(node['value'], 'other');
    case 'enum':
      return fc.constantFrom(...(node['values'] as unknown[]), 'other');
    case 'optional':
      return fc.oneof(inner(node['inner']), fc.constantFrom(undefined, null));
    case 'array':
      return fc.oneof(fc.array(inner(node['item']), { maxLength: 3 }), bad);
    case 'union':
      return fc.oneof(...(node['members'] as unknown[]).map(inner));
    case 'tuple':
      return fc.tuple(...(node['items'] as unknown[]).map(inner));
    case 'object': {
      const props = node['props'] as Record<string, unknown>;
      return fc.oneof(
        {
          weight: 4,
          arbitrary: fc.record(
            Object.fromEntries(Object.entries(props).map(([k, v]) => [k, inner(v)])),
          ),
        },
        { weight: 1, arbitrary: bad },
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
