/**
 * Regression tests for issue 20's problems 1–5 and 9, through generated code
 * (contract → generate → the generated validators), as an application sees them.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, repoRoot, runTsc } from '../support/cli.js';
import * as s from '../../runtime/src/schema/index.js';
import type { ServiceDescriptor } from '../../runtime/src/schema/schema-types.js';
import { isCallbackRef } from '../../runtime/src/protocol/messages.js';
import { generateInto, type Generated } from './generate-into.js';

const contract = `import type { Callback, Service, Type, Minimum, MaxLength, Format, Pattern, MinItems, UniqueItems } from 'contract-gen';

type Id = string;

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface TextEdit { range: Range; newText: string }
export interface AnnotatedTextEdit extends TextEdit { annotationId: string }

/** Problem 1: an alias of string as an index key. */
export interface Scores { [k: Id]: number }
/** Problem 2: named properties beside an index signature. */
export interface FormattingOptions {
  tabSize: number;
  insertSpaces: boolean;
  [key: string]: boolean | number | string;
}
/** Numeric keys. */
export type ByLine = Record<number, string>;

export type UserId = string & { readonly __brand: 'UserId' };
export interface Query {
  id: number & Type<'int32'> & Minimum<1>;
  user: UserId;
  name: string & MaxLength<5>;
  email?: string & Format<'email'>;
  code?: string & Pattern<'^[A-Z]+$'>;
  tags?: string[] & MinItems<1> & UniqueItems;
  /** @multipleOf 0.5 @maximum 10 */
  step?: number;
}

export interface EditEvents extends Callback {
  edited(edit: TextEdit | AnnotatedTextEdit): void;
}

export interface Editor extends Service {
  apply(edits: (TextEdit | AnnotatedTextEdit)[], options: FormattingOptions): Promise<TextEdit | AnnotatedTextEdit>;
  score(scores: Scores, lines: ByLine): Promise<number>;
  find(query: Query): Promise<UserId>;
  watch(events: EditEvents): Promise<void>;
  patch(options: Partial<FormattingOptions>, readonly: Readonly<FormattingOptions>): Promise<void>;
}
`;

let gen: Generated;
let schema: Record<string, unknown>;
let editor: ServiceDescriptor;

beforeAll(async () => {
  gen = await generateInto({ 'editor.ts': contract });
  schema = await gen.load('editor.schema.ts');
  editor = schema['EditorService'] as ServiceDescriptor;
}, 60_000);
afterAll(() => gen?.remove());

const range = { start: { line: 0, character: 1 }, end: { line: 0, character: 4 } };
const annotated = { range, newText: 'x', annotationId: 'a1' };
const roundTrip = (sch: s.Schema<unknown>, value: unknown) =>
  s.decode(sch, JSON.parse(JSON.stringify(s.encode(sch, value))));

describe('issue 20 regressions, through generated validators', () => {
  it('problem 1: an index signature keyed by an alias of string', () => {
    const scores = editor.methods['score']!.params[0]!;
    expect(s.decode(scores, { a: 1, b: 2 })).toEqual({ a: 1, b: 2 });
  });

  it('problem 2: named properties beside an index signature, extra keys kept', () => {
    const options = editor.methods['apply']!.params[1]!;
    const value = { tabSize: 2, insertSpaces: true, trimFinalNewlines: true, x: 'y' };
    expect(roundTrip(options, value)).toEqual(value);
    expect(() => s.decode(options, { tabSize: 2, insertSpaces: true, x: {} })).toThrow();
  });

  it('Partial and Readonly of an open object stay open', () => {
    const [partial, readonly] = editor.methods['patch']!.params;
    const value = { tabSize: 2, trimFinalNewlines: true };
    expect(s.decode(partial!, value)).toEqual(value);
    expect(s.decode(readonly!, { ...value, insertSpaces: false })).toEqual({
      ...value,
      insertSpaces: false,
    });
  });

  it('numeric keys travel as numbers’ texts', () => {
    const lines = editor.methods['score']!.params[1]!;
    expect(s.decode(lines, { '1': 'a', '20': 'b' })).toEqual({ '1': 'a', '20': 'b' });
    expect(() => s.decode(lines, { one: 'a' })).toThrow();
  });

  it('problem 3: TextEdit | AnnotatedTextEdit round-trips in calls, results and events', () => {
    const apply = editor.methods['apply']!;
    const edits = [annotated, { range, newText: 'y' }];
    expect(roundTrip(apply.params[0]!, edits)).toEqual(edits);
    expect(roundTrip(apply.result, annotated)).toEqual(annotated);
    const events = schema['EditEventsCallback'] as {
      methods: Record<string, { params: s.Schema<unknown>[] }>;
    };
    const param = events.methods['edited']!.params[0]!;
    expect(roundTrip(param, annotated)).toEqual(annotated);
  });

  it('problem 5: refinements enforced by the generated validators', () => {
    const query = editor.methods['find']!.params[0]!;
    const good = {
      id: 7,
      user: 'u1',
      name: 'ann',
      email: 'a@b.co',
      code: 'AB',
      tags: ['x'],
      step: 2.5,
    };
    expect(s.decode(query, good)).toEqual(good);
    for (const bad of [
      { id: 1.5 },
      { id: 0 },
      { id: 2 ** 31 },
      { name: 'too long' },
      { email: 'nope' },
      { code: 'ab' },
      { tags: [] },
      { tags: ['a', 'a'] },
      { step: 0.3 },
      { step: 10.5 },
    ])
      expect(() => s.decode(query, { ...good, ...bad }), JSON.stringify(bad)).toThrow();
    // A branded id is a plain string on the wire.
    expect(s.decode(editor.methods['find']!.result, 'u1')).toBe('u1');
  });

  it('problem 4: Date | string, bigint | string and Uint8Array | string are located errors (CG210)', async () => {
    const bad = await generateInto(
      {
        'api.ts': `import type { Service } from 'contract-gen';
export interface Api extends Service {
  a(when: Date | string, n: bigint | string, b: Uint8Array | string): Promise<void>;
}
`,
      },
      true,
    );
    try {
      expect(bad.diagnostics.map((d) => [d.code, d.span?.line, d.span?.column])).toEqual([
        ['CG210', 3, 5],
        ['CG210', 3, 26],
        ['CG210', 3, 46],
      ]);
    } finally {
      bad.remove();
    }
  });

  it('the generated code of these constructs compiles under strict TypeScript', () => {
    const project = makeProject(join(repoRoot, 'test', 'fixtures', 'e2e'));
    cpSync(join(gen.dir, 'contracts'), join(project, 'contracts'), { recursive: true });
    cpSync(join(gen.dir, 'generated'), join(project, 'generated'), { recursive: true });
    const tsconfig = JSON.parse(readFileSync(join(project, 'tsconfig.json'), 'utf8')) as {
      include: string[];
    };
    tsconfig.include = ['contracts', 'generated'];
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    const tsc = runTsc(project);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);

  it('problem 9: {"$cb": n} exactly as the schema says', () => {
    expect(isCallbackRef({ $cb: 0 })).toBe(true);
    expect(isCallbackRef({ $cb: 0, id: 5e-324 })).toBe(false);
    expect(isCallbackRef({ $cb: 1.5 })).toBe(false);
    expect(isCallbackRef([0])).toBe(false);
    expect(isCallbackRef({ $cb: 2 ** 53 })).toBe(false);
  });
});
