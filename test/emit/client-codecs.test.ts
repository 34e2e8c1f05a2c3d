// The decoders a generated client writes out (print-codec.ts): which types
// they cover (the rest is left to the schema module), the code they are, and
// the names they take. test/fuzz/browser-decoder.fuzz.test.ts holds what they
// do to the schemas' results and errors.
import { describe, expect, it } from 'vitest';
import type { Contract, NamedType, Property, Span, TypeRef } from '../../src/contract/model.js';
import { ClientCodecs } from '../../src/emit/print-codec.js';

const span: Span = { file: 'a.ts', line: 1, column: 1, endLine: 1, endColumn: 2 };
const prop = (name: string, type: TypeRef, optional = false): Property => ({
  name,
  type,
  optional,
  readonly: false,
  span,
});
const named = (id: string, definition: NamedType['definition']): NamedType => ({
  id,
  name: id,
  exported: true,
  span,
  definition,
});
const string: TypeRef = { kind: 'primitive', name: 'string' };
const date: TypeRef = { kind: 'date' };
const ref = (id: string): TypeRef => ({ kind: 'ref', id });

const contract: Contract = {
  files: ['a.ts'],
  services: [],
  callbacks: [],
  others: [],
  types: [
    named('Stamp', { kind: 'object', properties: [prop('by', string), prop('at', date)] }),
    named('Node', {
      kind: 'object',
      properties: [prop('toString', string), prop('next', ref('Node'), true)],
    }),
    named('Big', {
      kind: 'object',
      properties: [prop('n', { kind: 'primitive', name: 'bigint' })],
    }),
    named('Open', { kind: 'object', properties: [], rest: string }),
    named('Color', {
      kind: 'enum',
      members: [
        { name: 'Red', value: 'red', span },
        { name: 'Blue', value: 2, span },
      ],
    }),
  ],
};

describe('the decoders of a generated client', () => {
  it('cover leaves, dates, arrays, closed objects, unions of leaves, enums and recursion', () => {
    const codecs = new ClientCodecs(contract);
    expect(codecs.covers(ref('Stamp'))).toBe(true);
    expect(codecs.covers(ref('Node'))).toBe(true);
    expect(codecs.covers(ref('Color'))).toBe(true);
    expect(codecs.covers({ kind: 'array', element: ref('Stamp'), readonly: false })).toBe(true);
    expect(codecs.covers({ kind: 'union', members: [{ kind: 'literal', value: 'a' }, date] })).toBe(
      true,
    );
  });

  it('leave to the schema module a bigint, an open object, a union with an object, a tuple, a record', () => {
    const codecs = new ClientCodecs(contract);
    expect(codecs.covers(ref('Big'))).toBe(false);
    expect(codecs.covers(ref('Open'))).toBe(false);
    expect(codecs.covers({ kind: 'union', members: [ref('Stamp'), string] })).toBe(false);
    expect(codecs.covers({ kind: 'tuple', elements: [], readonly: false })).toBe(false);
    expect(codecs.covers({ kind: 'record', value: string })).toBe(false);
  });

  it('write one function per named type, reading a key Object.prototype has only when it is own', () => {
    const codecs = new ClientCodecs(contract);
    expect(codecs.decodeStep(ref('Node'))).toBe('decodeNode');
    const [node] = codecs.functions();
    expect(node).toContain('function decodeNode(v: unknown, st: s.DecodeState): unknown {');
    expect(node).toContain(
      "const p0 = s.decodeString((Object.hasOwn(v, 'toString') ? v['toString'] : undefined), st);",
    );
    expect(node).toContain("const p1 = s.decodeOptional(v['next'], st, decodeNode);");
    expect(node).toContain('return s.leaveObject(v, st, { toString: p0, next: p1 });');
    expect(codecs.functions()).toHaveLength(1);
  });

  it('encode only what converts: a date, and the objects and arrays around one', () => {
    const codecs = new ClientCodecs(contract);
    expect(codecs.converts(ref('Stamp'))).toBe(true);
    expect(codecs.converts(ref('Node'))).toBe(false);
    expect(codecs.encodeStep(ref('Stamp'))).toBe('encodeStamp');
    expect(codecs.functions().join('\n')).toContain(
      "s.encodeObject(v, st, ['by', 'at'], [undefined, s.encodeDate])",
    );
  });

  it('reserve a decoder and an encoder name for every named type', () => {
    expect(new ClientCodecs(contract).names()).toEqual(
      expect.arrayContaining(['decodeStamp', 'encodeStamp', 'decodeColor']),
    );
  });
});
