import { describe, expect, it } from 'vitest';
import type { Contract, NamedType, Span, TypeRef } from '../../src/contract/model.js';
import { ImportSet } from '../../src/emit/import-set.js';
import { printDoc } from '../../src/emit/print-doc.js';
import { printSchema, type SchemaContext } from '../../src/emit/print-schema.js';
import { printType, type TypeContext } from '../../src/emit/print-type.js';

const span = (file = 'a.ts'): Span => ({ file, line: 1, column: 1, endLine: 1, endColumn: 2 });
const named = (id: string, file = 'a.ts', extra: Partial<NamedType> = {}): NamedType => ({
  id,
  name: id.replace(/<.*/, ''),
  exported: true,
  span: span(file),
  definition: { kind: 'alias', type: { kind: 'primitive', name: 'string' } },
  ...extra,
});
const contract: Contract = {
  files: ['a.ts', 'b.ts'],
  services: [],
  callbacks: [],
  others: [],
  types: [
    named('Item'),
    named('Tree'),
    named('Remote', 'b.ts'),
    named('Page<Item>', 'a.ts', { typeArguments: [{ kind: 'ref', id: 'Item' }] }),
  ],
};

function schemaCtx(declared: string[] = []): SchemaContext {
  return {
    contract,
    imports: new ImportSet(['s']),
    module: 'a.schema.ts',
    declared: new Set(declared),
    homeOf: (file) => file.replace('.ts', '.schema.ts'),
    specifier: (module) => `./${module.replace('.ts', '.js')}`,
  };
}

describe('printSchema', () => {
  it('puts a plain string member of a union last, so dates and bigints are not read as strings', () => {
    const union: TypeRef = {
      kind: 'union',
      members: [
        { kind: 'primitive', name: 'string' },
        { kind: 'date' },
        { kind: 'primitive', name: 'bigint' },
      ],
    };
    expect(printSchema(union, schemaCtx())).toBe('s.union([s.date(), s.bigint(), s.string()])');
  });

  it('refers to a schema declared above or in another module directly, and lazily to one of this module declared later', () => {
    const ctx = schemaCtx(['ItemSchema']);
    expect(printSchema({ kind: 'ref', id: 'Item' }, ctx)).toBe('ItemSchema');
    expect(printSchema({ kind: 'ref', id: 'Tree' }, ctx)).toBe('s.lazy(() => TreeSchema)');
    expect(printSchema({ kind: 'ref', id: 'Remote' }, ctx)).toBe('RemoteSchema');
    expect(ctx.imports.lines()).toEqual(["import { RemoteSchema } from './b.schema.js';"]);
  });

  it('imports from the module the plan says declares a file, under a new name if the one it has is taken', () => {
    const ctx: SchemaContext = {
      ...schemaCtx(),
      imports: new ImportSet(['s', 'RemoteSchema']),
      homeOf: () => 'a-b.shared.schema.ts',
    };
    expect(printSchema({ kind: 'ref', id: 'Remote' }, ctx)).toBe('RemoteSchema$1');
    expect(ctx.imports.lines()).toEqual([
      "import { RemoteSchema as RemoteSchema$1 } from './a-b.shared.schema.js';",
    ]);
  });

  it('declares an instantiation in every module that uses it, wherever its generic is declared', () => {
    const ctx: SchemaContext = { ...schemaCtx(), module: 'b.schema.ts' };
    expect(printSchema({ kind: 'ref', id: 'Page<Item>' }, ctx)).toBe(
      's.lazy(() => PageOfItemSchema)',
    );
    expect(ctx.imports.lines()).toEqual([]);
  });

  it('names a generic instantiation after its arguments', () => {
    expect(printSchema({ kind: 'ref', id: 'Page<Item>' }, schemaCtx(['PageOfItemSchema']))).toBe(
      'PageOfItemSchema',
    );
  });

  it('marks optional properties and tuple elements, quotes keys that are not identifiers', () => {
    const object: TypeRef = {
      kind: 'object',
      properties: [
        {
          name: 'content-type',
          optional: false,
          readonly: false,
          type: { kind: 'primitive', name: 'string' },
          span: span(),
        },
        { name: 'at', optional: true, readonly: false, type: { kind: 'date' }, span: span() },
      ],
    };
    expect(printSchema(object, schemaCtx())).toBe(
      "s.object({ 'content-type': s.string(), at: s.optional(s.date()) })",
    );
    const tuple: TypeRef = {
      kind: 'tuple',
      readonly: false,
      elements: [
        { type: { kind: 'primitive', name: 'number' }, optional: false, rest: false },
        { type: { kind: 'primitive', name: 'string' }, optional: true, rest: false },
        { type: { kind: 'bytes' }, optional: false, rest: true },
      ],
    };
    expect(printSchema(tuple, schemaCtx())).toBe(
      's.tuple([s.number(), s.optional(s.string())], s.bytes())',
    );
  });
});

describe('printType', () => {
  it('prints named types by name and imports them from their contract file', () => {
    const ctx: TypeContext = {
      contract,
      imports: new ImportSet(),
      contractModule: (f) => `../contracts/${f.replace('.ts', '.js')}`,
    };
    const type: TypeRef = {
      kind: 'array',
      readonly: true,
      element: {
        kind: 'union',
        members: [
          { kind: 'ref', id: 'Page<Item>' },
          { kind: 'primitive', name: 'null' },
        ],
      },
    };
    expect(printType(type, ctx)).toBe('readonly (Page<Item> | null)[]');
    expect(ctx.imports.lines()).toEqual(["import type { Item, Page } from '../contracts/a.js';"]);
  });
});

describe('printDoc', () => {
  it('keeps one line on one line and escapes a comment terminator', () => {
    expect(printDoc({ summary: 'Ends */ early?' })).toBe('/** Ends *\\/ early? */\n');
  });

  it('carries @param and @deprecated', () => {
    expect(
      printDoc({ summary: 'Joins.', deprecated: 'Use enter.', params: { room: 'The room.' } }, [
        'room',
      ]),
    ).toBe('/**\n * Joins.\n * @param room The room.\n * @deprecated Use enter.\n */\n');
  });
});
