import { describe, expect, it } from 'vitest';
import type { TypeRef } from '../../../src/contract/model.js';
import { typeRefText } from '../../../src/contract/read/type-ref-text.js';

const string: TypeRef = { kind: 'primitive', name: 'string' };
const item: TypeRef = { kind: 'ref', id: 'Item' };

describe('typeRefText (instantiation ids)', () => {
  it('writes types as TypeScript would', () => {
    expect(typeRefText({ kind: 'array', element: string, readonly: false })).toBe('string[]');
    expect(
      typeRefText({
        kind: 'array',
        element: { kind: 'union', members: [string, item] },
        readonly: false,
      }),
    ).toBe('(string | Item)[]');
    expect(
      typeRefText({
        kind: 'array',
        element: { kind: 'array', element: string, readonly: true },
        readonly: false,
      }),
    ).toBe('(readonly string[])[]');
    expect(typeRefText({ kind: 'record', value: item })).toBe('Record<string, Item>');
    expect(typeRefText({ kind: 'literal', value: 'a"b' })).toBe('"a\\"b"');
  });

  it('writes tuples and objects with their modifiers', () => {
    const tuple: TypeRef = {
      kind: 'tuple',
      readonly: true,
      elements: [
        { type: string, optional: false, rest: false, label: 'name' },
        { type: item, optional: true, rest: false },
        { type: string, optional: false, rest: true },
      ],
    };
    expect(typeRefText(tuple)).toBe('readonly [name: string, Item?, ...string[]]');
    const span = { file: 'a.ts', line: 1, column: 1, endLine: 1, endColumn: 2 };
    const object: TypeRef = {
      kind: 'object',
      properties: [
        { name: 'a', optional: true, readonly: true, type: string, span },
        { name: 'b-c', optional: false, readonly: false, type: item, span },
      ],
    };
    expect(typeRefText(object)).toBe('{ readonly a?: string; "b-c": Item }');
  });
});
