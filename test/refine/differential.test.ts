/**
 * A differential test in CI (issue 20, must-show): for every named type of
 * the showcase, the conformance contract and the LSP fixture, random values
 * (valid by construction, and mutated) go through the generated validator and
 * through ajv on the emitted JSON Schema (the OpenAPI document's
 * components). At least 10,000 values per source and run; every
 * disagreement falls in a documented class (differential.ts), each of which
 * is shown by a test of its own below.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../runtime/src/schema/index.js';
import type { ValidateFunction } from 'ajv';
import type { ServiceDescriptor } from '../../runtime/src/schema/schema-types.js';
import type { Contract, TypeRef } from '../../src/contract/model.js';
import { componentName, typeSchema } from '../../src/describe/type-schema.js';
import { describeOpenApi } from '../../src/describe/openapi/describe-openapi.js';
import { schemaName, serviceName } from '../../src/names/names.js';
import { arbitraryOf } from './arbitrary-of.js';
import { generatedSchemas, modelOfSource, sources, type Source } from './contract-sources.js';
import {
  ajvFor,
  componentValidator,
  inlineValidator,
  judge,
  mutate,
  mutation,
  type DisagreementClass,
} from './differential.js';

const perSource = 10_000;

interface Target {
  readonly label: string;
  readonly ref: TypeRef;
  readonly schema: s.Schema<unknown>;
  readonly validate: ValidateFunction;
}

interface Loaded {
  readonly contract: Contract;
  readonly schemas: Map<string, s.Schema<unknown>>;
  readonly document: unknown;
}

const loaded = new Map<string, Loaded>();

beforeAll(async () => {
  for (const source of sources) {
    const contract = await modelOfSource(source);
    const schemas = await generatedSchemas(source);
    const document = describeOpenApi(contract, { title: source.name, version: '1.0.0' } as never);
    loaded.set(source.name, { contract, schemas, document });
  }
}, 120_000);

describe.each(sources)('the generated validator and ajv agree on $name', (source: Source) => {
  it(`for at least ${perSource} values, valid and mutated, but for documented classes`, () => {
    const { contract, schemas, document } = loaded.get(source.name)!;
    const ajv = ajvFor(document);
    const components = (document as { components: { schemas: Record<string, unknown> } }).components
      .schemas;
    const targets: Target[] = contract.types
      .filter(
        (t) => schemas.has(schemaName(t, contract)) && componentName(contract, t.id) in components,
      )
      .map((t) => ({
        label: t.id,
        ref: { kind: 'ref', id: t.id },
        schema: schemas.get(schemaName(t, contract))!,
        validate: componentValidator(ajv, componentName(contract, t.id)),
      }));
    // Every parameter and result of every service method too (anonymous types among them).
    const ctx = { contract, dialect: '2020-12' as const, refBase: '#/components/schemas/' };
    for (const service of contract.services) {
      const descriptor = schemas.get(serviceName(service.name)) as unknown as ServiceDescriptor;
      for (const method of service.methods) {
        const runtime = descriptor.methods[method.name]!;
        const slots: [string, TypeRef, s.Schema<unknown>][] = method.params
          .map((p, i): [string, TypeRef, s.Schema<unknown>] => [
            `${service.name}.${method.name}(${p.name})`,
            p.type,
            runtime.params[i]!,
          ])
          .filter(([, type]) => type.kind !== 'callback');
        // A service reference (a method returning a service) is not data: the JSON Schemas do not describe it.
        const returns = method.returns.kind === 'promise' ? method.returns.of : method.returns;
        if (returns.kind !== 'service')
          slots.push([`${service.name}.${method.name}()`, method.returns, runtime.result]);
        for (const [label, ref, schema] of slots)
          targets.push({
            label,
            ref,
            schema,
            validate: inlineValidator(ajv, typeSchema(ref, ctx)),
          });
      }
    }
    expect(targets.length).toBeGreaterThan(5);
    const runs = Math.ceil(perSource / targets.length / 2);
    const counts = { values: 0, agreed: 0, accepted: 0, refused: 0 };
    const classes = new Map<string, number>();
    const unclassified: string[] = [];
    for (const { label, ref, schema, validate } of targets) {
      const valid = arbitraryOf(ref, contract).map(
        (value) => JSON.parse(JSON.stringify(s.encode(schema, value) ?? null)) as unknown,
      );
      const check = (wire: unknown, mustAccept: boolean) => {
        const verdict = judge(schema, validate, wire);
        counts.values++;
        if (verdict.runtime) counts.accepted++;
        else counts.refused++;
        if (mustAccept && !verdict.runtime)
          unclassified.push(`${label}: refused valid ${JSON.stringify(wire)}: ${verdict.why}`);
        if (!verdict.disagreement) counts.agreed++;
        else if (verdict.disagreement === 'unclassified')
          unclassified.push(
            `${label}: ${JSON.stringify(wire)}: runtime ${verdict.runtime}, ajv ${verdict.ajv}: ${verdict.why}`,
          );
        else classes.set(verdict.disagreement, (classes.get(verdict.disagreement) ?? 0) + 1);
      };
      fc.assert(
        fc.property(valid, (wire) => check(wire, true)),
        { numRuns: runs },
      );
      fc.assert(
        fc.property(valid, fc.array(mutation, { minLength: 1, maxLength: 2 }), (wire, ms) =>
          check(mutate(wire, ms), false),
        ),
        { numRuns: runs },
      );
    }
    expect(unclassified.slice(0, 5)).toEqual([]);
    expect(counts.values).toBeGreaterThanOrEqual(perSource);
    // Mutations reach both outcomes: the test is not vacuous.
    expect(counts.refused).toBeGreaterThan(counts.values / 20);
    console.log(source.name, counts, Object.fromEntries(classes));
  }, 600_000);
});

describe('each documented class of disagreement, shown', () => {
  const validatorOf = (ref: TypeRef) => {
    const contract: Contract = { files: [], services: [], callbacks: [], types: [], others: [] };
    const ajv = ajvFor({ openapi: '3.1.0', components: { schemas: {} } });
    return inlineValidator(
      ajv,
      typeSchema(ref, { contract, dialect: '2020-12', refBase: '#/components/schemas/' }),
    );
  };
  const cases: [DisagreementClass, TypeRef, s.Schema<unknown>, unknown][] = [
    [
      'forbidden-key',
      { kind: 'record', value: { kind: 'primitive', name: 'number' } },
      s.record(s.number()),
      JSON.parse('{"__proto__": 1}'),
    ],
    ['base64', { kind: 'bytes' }, s.bytes(), 'A'],
    ['calendar', { kind: 'date' }, s.date(), '2021-02-29T00:00:00Z'],
    [
      'null-for-optional',
      {
        kind: 'object',
        properties: [
          {
            name: 'a',
            optional: true,
            readonly: false,
            type: { kind: 'primitive', name: 'string' },
            span: { file: 'x.ts', line: 1, column: 1, endLine: 1, endColumn: 1 },
          },
        ],
      },
      s.object({ a: s.optional(s.string()) }),
      { a: null },
    ],
    [
      'large-multiple',
      {
        kind: 'refined',
        of: { kind: 'primitive', name: 'number' },
        checks: { multipleOf: 0.5 },
      },
      s.refine(s.number(), { multipleOf: 0.5 }),
      -5.8950492999465e180,
    ],
    [
      'limits',
      { kind: 'primitive', name: 'unknown' },
      s.unknown(),
      JSON.parse(`${'['.repeat(80)}${']'.repeat(80)}`),
    ],
  ];
  it.each(cases)('%s', (expected, ref, schema, wire) => {
    expect(judge(schema, validatorOf(ref), wire).disagreement).toBe(expected);
  });
});
