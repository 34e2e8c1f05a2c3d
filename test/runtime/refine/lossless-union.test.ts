import { describe, expect, it } from 'vitest';
import * as s from '../../../runtime/src/schema/index.js';
import { walkDecode, walkEncode } from '../../../runtime/src/schema/walk-codec.js';

// LSP's TextEdit | AnnotatedTextEdit: AnnotatedTextEdit extends TextEdit with one more key.
const Position = s.object({ line: s.number(), character: s.number() });
const Range = s.object({ start: Position, end: Position });
const TextEdit = s.object({ range: Range, newText: s.string() });
const AnnotatedTextEdit = s.object({ range: Range, newText: s.string(), annotationId: s.string() });
const Edit = s.union([TextEdit, AnnotatedTextEdit]);

const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } };

describe('a union of objects decodes to the member that keeps every key', () => {
  const annotated = { range, newText: 'x', annotationId: 'a1' };

  it('keeps annotationId (problem 3), compiled and walked, whatever the member order', () => {
    for (const union of [Edit, s.union([AnnotatedTextEdit, TextEdit])]) {
      expect(s.decode(union, annotated)).toEqual(annotated);
      expect(walkDecode(union, annotated)).toEqual(annotated);
      expect(s.decode(union, { range, newText: 'y' })).toEqual({ range, newText: 'y' });
    }
  });

  it('keeps it inside arrays, results and events alike (every decode is this one)', () => {
    const edits = s.array(Edit);
    const wire = [annotated, { range, newText: 'b' }, annotated];
    expect(s.decode(edits, JSON.parse(JSON.stringify(wire)))).toEqual(wire);
    expect(walkDecode(edits, wire)).toEqual(wire);
  });

  it('takes the member that drops the fewest keys when none keeps all', () => {
    const A = s.object({ a: s.number(), b: s.optional(s.number()) });
    const B = s.object({ a: s.number(), c: s.optional(s.number()), d: s.optional(s.number()) });
    const value = { a: 1, c: 2, d: 3, junk: 4 };
    expect(s.decode(s.union([A, B]), value)).toEqual({ a: 1, c: 2, d: 3 });
    expect(walkDecode(s.union([A, B]), value)).toEqual({ a: 1, c: 2, d: 3 });
  });

  it('encodes with the member that carries the most keys (a converting union)', () => {
    const Stamped = s.object({ at: s.date() });
    const Noted = s.object({ at: s.date(), note: s.string() });
    const union = s.union([Stamped, Noted]);
    const value = { at: new Date(Date.UTC(2024, 0, 1)), note: 'n' };
    expect(s.encode(union, value)).toEqual({ at: '2024-01-01T00:00:00.000Z', note: 'n' });
    expect(walkEncode(union, value)).toEqual({ at: '2024-01-01T00:00:00.000Z', note: 'n' });
    expect(s.decode(union, { at: '2024-01-01T00:00:00.000Z', note: 'n' })).toEqual(value);
  });
});

describe('open objects (named properties beside an index signature)', () => {
  const Options = s.openObject(
    { tabSize: s.number(), insertSpaces: s.boolean() },
    s.union([s.boolean(), s.number(), s.string()]),
  );

  it('keep their extra keys on a round trip', () => {
    const wire = { tabSize: 2, insertSpaces: true, trimTrailingWhitespace: true, x: 'y' };
    expect(s.decode(Options, wire)).toEqual(wire);
    expect(walkDecode(Options, wire)).toEqual(wire);
    expect(s.encode(Options, wire)).toEqual(wire);
  });

  it('check the extra keys with the index type and refuse forbidden keys', () => {
    expect(() => s.decode(Options, { tabSize: 2, insertSpaces: true, x: [] })).toThrow(/x/);
    expect(() =>
      s.decode(Options, JSON.parse('{"tabSize":2,"insertSpaces":true,"__proto__":1}')),
    ).toThrow(/__proto__/);
  });

  it('convert extra keys that need it, both ways', () => {
    const Stamps = s.openObject({ first: s.date() }, s.date());
    const wire = { first: '2024-01-01T00:00:00.000Z', later: '2024-01-02T00:00:00.000Z' };
    const value = s.decode(Stamps, wire);
    expect(value['later']).toEqual(new Date(Date.UTC(2024, 0, 2)));
    expect(s.encode(Stamps, value)).toEqual(wire);
    expect(walkEncode(Stamps, value)).toEqual(wire);
  });
});

describe('numeric keys', () => {
  const ByNumber = s.record(s.string(), 'number');
  it('are numbers as text on the wire', () => {
    expect(s.decode(ByNumber, { '1': 'a', '-2.5': 'b', '1e3': 'c' })).toEqual({
      '1': 'a',
      '-2.5': 'b',
      '1e3': 'c',
    });
    expect(() => s.decode(ByNumber, { one: 'a' })).toThrow(/number's text/);
  });
});
