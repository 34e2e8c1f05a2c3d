import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { breakingCodes } from '../../src/contract/codes.js';
import { repoRoot } from '../support/cli.js';
import { changesBetween } from './compare-model.js';

/**
 * The rules of docs/breaking.md as a table of contract edits: each row a
 * contract before and after, and the codes `breaking` must report (none for
 * a safe edit). Sources are small single-file contracts.
 */
interface Row {
  readonly edit: string;
  readonly before: string;
  readonly after: string;
  /** Expected codes, in report order; empty: safe. */
  readonly codes: readonly string[];
}

const svc = (body: string, extra = '') =>
  `${extra}\nexport interface Api extends Service {\n${body}\n}\n`;
const events = (body: string) => `export interface Events extends Callback {\n${body}\n}\n`;
const withEvents = (cb: string, extra = '') =>
  `${extra}\n${events(cb)}\n${svc('  watch(events: Events): Promise<void>;')}`;

const rows: Row[] = [
  // Services and methods
  {
    edit: 'add a method',
    before: svc('  a(): Promise<void>;'),
    after: svc('  a(): Promise<void>;\n  b(x: string): Promise<number>;'),
    codes: [],
  },
  {
    edit: 'add a service',
    before: svc('  a(): Promise<void>;'),
    after: `${svc('  a(): Promise<void>;')}\nexport interface Other extends Service { b(): Promise<void>; }`,
    codes: [],
  },
  {
    edit: 'remove a method',
    before: svc('  a(): Promise<void>;\n  b(): Promise<void>;'),
    after: svc('  a(): Promise<void>;'),
    codes: ['CG402'],
  },
  {
    edit: 'remove a service',
    before: `${svc('  a(): Promise<void>;')}\nexport interface Other extends Service { b(): Promise<void>; }`,
    after: svc('  a(): Promise<void>;'),
    codes: ['CG401'],
  },
  {
    edit: 'change a doc comment',
    before: svc('  a(): Promise<void>;'),
    after: svc('  /** Does a. @deprecated use b */\n  a(): Promise<void>;'),
    codes: [],
  },
  // Parameters
  {
    edit: 'add an optional parameter at the end',
    before: svc('  a(x: string): Promise<void>;'),
    after: svc('  a(x: string, y?: number): Promise<void>;'),
    codes: [],
  },
  {
    edit: 'add a required parameter',
    before: svc('  a(x: string): Promise<void>;'),
    after: svc('  a(x: string, y: number): Promise<void>;'),
    codes: ['CG405'],
  },
  {
    edit: 'make an optional parameter required',
    before: svc('  a(x?: string): Promise<void>;'),
    after: svc('  a(x: string): Promise<void>;'),
    codes: ['CG406'],
  },
  {
    edit: 'make a required parameter optional',
    before: svc('  a(x: string): Promise<void>;'),
    after: svc('  a(x?: string): Promise<void>;'),
    codes: [],
  },
  {
    edit: 'remove a parameter',
    before: svc('  a(x: string, y?: number): Promise<void>;'),
    after: svc('  a(x: string): Promise<void>;'),
    codes: ['CG407'],
  },
  {
    edit: 'rename a parameter',
    before: svc('  a(x: string): Promise<void>;'),
    after: svc('  a(name: string): Promise<void>;'),
    codes: [],
  },
  {
    edit: 'change a parameter from number to string',
    before: svc('  a(x: number): Promise<void>;'),
    after: svc('  a(x: string): Promise<void>;'),
    codes: ['CG408'],
  },
  {
    edit: 'widen a parameter (string → string | null)',
    before: svc('  a(x: string): Promise<void>;'),
    after: svc('  a(x: string | null): Promise<void>;'),
    codes: [],
  },
  {
    edit: 'narrow a parameter (string → Date)',
    before: svc('  a(x: string): Promise<void>;'),
    after: svc('  a(x: Date): Promise<void>;'),
    codes: ['CG409'],
  },
  {
    edit: 'widen a parameter (Date → string)',
    before: svc('  a(x: Date): Promise<void>;'),
    after: svc('  a(x: string): Promise<void>;'),
    codes: [],
  },
  {
    edit: 'remove a literal a parameter accepts',
    before: svc("  a(x: 'a' | 'b'): Promise<void>;"),
    after: svc("  a(x: 'a'): Promise<void>;"),
    codes: ['CG418'],
  },
  {
    edit: 'pass a different but compatible callback interface',
    before: withEvents('  e(x: string): void;'),
    after: `export interface Renamed extends Callback { e(x: string): void; }\n${svc('  watch(events: Renamed): Promise<void>;')}`,
    codes: [],
  },
  // Results
  {
    edit: 'narrow a result (string | null → string)',
    before: svc('  a(): Promise<string | null>;'),
    after: svc('  a(): Promise<string>;'),
    codes: [],
  },
  {
    edit: 'widen a result (string → string | null)',
    before: svc('  a(): Promise<string>;'),
    after: svc('  a(): Promise<string | null>;'),
    codes: ['CG419'],
  },
  {
    edit: 'widen a result (Date → string)',
    before: svc('  a(): Promise<Date>;'),
    after: svc('  a(): Promise<string>;'),
    codes: ['CG410'],
  },
  {
    edit: 'give a void method a result',
    before: svc('  a(): Promise<void>;'),
    after: svc('  a(): Promise<number>;'),
    codes: ['CG408'],
  },
  {
    edit: 'change a result from bigint to number',
    before: svc('  a(): Promise<bigint>;'),
    after: svc('  a(): Promise<number>;'),
    codes: ['CG408'],
  },
  // Enums
  ...enumRows(),
  // Object properties
  ...propertyRows(),
  // Callbacks
  {
    edit: 'add a callback method',
    before: withEvents('  e(x: string): void;'),
    after: withEvents('  e(x: string): void;\n  f(): void;'),
    codes: [],
  },
  {
    edit: 'remove a callback method',
    before: withEvents('  e(x: string): void;\n  f(): void;'),
    after: withEvents('  e(x: string): void;'),
    codes: ['CG404'],
  },
  {
    edit: 'remove a callback interface',
    before: `${events('  e(): void;')}\n${svc('  watch(events: Events): Promise<void>;\n  a(): Promise<void>;')}`,
    after: svc('  a(): Promise<void>;'),
    codes: ['CG403', 'CG402'],
  },
  {
    edit: 'add an optional parameter to a callback method',
    before: withEvents('  e(x: string): void;'),
    after: withEvents('  e(x: string, y?: number): void;'),
    codes: ['CG405'],
  },
  {
    edit: 'remove an optional parameter of a callback method',
    before: withEvents('  e(x: string, y?: number): void;'),
    after: withEvents('  e(x: string): void;'),
    codes: [],
  },
  {
    edit: 'remove a required parameter of a callback method',
    before: withEvents('  e(x: string, y: number): void;'),
    after: withEvents('  e(x: string): void;'),
    codes: ['CG407'],
  },
  {
    edit: 'make a required callback parameter optional',
    before: withEvents('  e(x: string): void;'),
    after: withEvents('  e(x?: string): void;'),
    codes: ['CG420'],
  },
  {
    edit: 'narrow a callback parameter (string | null → string)',
    before: withEvents('  e(x: string | null): void;'),
    after: withEvents('  e(x: string): void;'),
    codes: [],
  },
  {
    edit: 'widen a callback parameter (number → number | string)',
    before: withEvents('  e(x: number): void;'),
    after: withEvents('  e(x: number | string): void;'),
    codes: ['CG419'],
  },
  // Kinds, unions, recursion
  {
    edit: 'change a type alias from object to array',
    before: svc('  a(x: T): Promise<void>;', 'export type T = { a: string };'),
    after: svc('  a(x: T): Promise<void>;', 'export type T = string[];'),
    codes: ['CG408'],
  },
  {
    edit: 'add a member to a discriminated union in a result',
    before: svc('  a(): Promise<S>;', "export type S = { kind: 'a'; x: number } | { kind: 'b' };"),
    after: svc(
      '  a(): Promise<S>;',
      "export type S = { kind: 'a'; x: number } | { kind: 'b' } | { kind: 'c' };",
    ),
    codes: ['CG419'],
  },
  {
    edit: 'change a property inside one member of a discriminated union',
    before: svc(
      '  a(s: S): Promise<void>;',
      "export type S = { kind: 'a'; x: number } | { kind: 'b' };",
    ),
    after: svc(
      '  a(s: S): Promise<void>;',
      "export type S = { kind: 'a'; x: string } | { kind: 'b' };",
    ),
    codes: ['CG408'],
  },
  {
    edit: 'add an optional property to a recursive type',
    before: svc(
      '  a(t: Tree): Promise<Tree>;',
      'export interface Tree { v: number; kids: Tree[] }',
    ),
    after: svc(
      '  a(t: Tree): Promise<Tree>;',
      'export interface Tree { v: number; kids: Tree[]; note?: string }',
    ),
    codes: [],
  },
  {
    edit: 'change a property deep in a recursive type',
    before: svc('  a(): Promise<Tree>;', 'export interface Tree { v: number; kids: Tree[] }'),
    after: svc('  a(): Promise<Tree>;', 'export interface Tree { v: string; kids: Tree[] }'),
    codes: ['CG408'],
  },
  {
    edit: 'change a property of a type two methods return (reported once)',
    before: svc('  a(): Promise<M>;\n  b(): Promise<M[]>;', 'export interface M { id: number }'),
    after: svc('  a(): Promise<M>;\n  b(): Promise<M[]>;', 'export interface M { id: bigint }'),
    codes: ['CG408'],
  },
  {
    edit: 'change a property of mutually recursive types inside a union result',
    before: svc(
      '  a(): Promise<A | null>;',
      'export interface A { b?: B; x: number }\nexport interface B { a?: A; y: number }',
    ),
    after: svc(
      '  a(): Promise<A | null>;',
      'export interface A { b?: B; x: number }\nexport interface B { a?: A; y: string }',
    ),
    codes: ['CG408'],
  },
  {
    edit: 'rename a named type, same shape',
    before: svc('  a(x: Old): Promise<Old>;', 'export interface Old { a: string }'),
    after: svc('  a(x: New): Promise<New>;', 'export interface New { a: string }'),
    codes: [],
  },
  {
    edit: 'add an optional element to a tuple parameter',
    before: svc('  a(p: [number, number]): Promise<void>;'),
    after: svc('  a(p: [number, number, number?]): Promise<void>;'),
    codes: [],
  },
  {
    edit: 'add a required element to a tuple parameter',
    before: svc('  a(p: [number, number]): Promise<void>;'),
    after: svc('  a(p: [number, number, number]): Promise<void>;'),
    codes: ['CG408'],
  },
  {
    edit: 'turn an array parameter into a tuple',
    before: svc('  a(p: number[]): Promise<void>;'),
    after: svc('  a(p: [number, number]): Promise<void>;'),
    codes: ['CG409'],
  },
  {
    edit: 'turn an array result into a tuple',
    before: svc('  a(): Promise<number[]>;'),
    after: svc('  a(): Promise<[number, number]>;'),
    codes: [],
  },
  {
    edit: 'turn a tuple result into an array',
    before: svc('  a(): Promise<[number, number]>;'),
    after: svc('  a(): Promise<number[]>;'),
    codes: ['CG410'],
  },
  {
    edit: 'rename an enum member, keeping its value',
    before: svc('  a(c: C): Promise<C>;', "export enum C { Red = 'red' }"),
    after: svc('  a(c: C): Promise<C>;', "export enum C { Crimson = 'red' }"),
    codes: [],
  },
  {
    edit: 'narrow a parameter from string to a literal union',
    before: svc('  a(x: string): Promise<void>;'),
    after: svc("  a(x: 'a' | 'b'): Promise<void>;"),
    codes: ['CG409'],
  },
  {
    edit: 'widen a result from a literal union to string',
    before: svc("  a(): Promise<'a' | 'b'>;"),
    after: svc('  a(): Promise<string>;'),
    codes: ['CG410'],
  },
  {
    edit: 'turn a data parameter into a callback',
    before: withEvents('  e(): void;').replace('watch(events: Events)', 'watch(events: string)'),
    after: withEvents('  e(): void;'),
    codes: ['CG408'],
  },
];

function enumRows(): Row[] {
  const e = (members: string) => `export enum Color { ${members} }`;
  return [
    {
      edit: 'add an enum member to a parameter type',
      before: svc('  a(c: Color): Promise<void>;', e("Red = 'red'")),
      after: svc('  a(c: Color): Promise<void>;', e("Red = 'red', Blue = 'blue'")),
      codes: [],
    },
    {
      edit: 'remove an enum member from a parameter type',
      before: svc('  a(c: Color): Promise<void>;', e("Red = 'red', Blue = 'blue'")),
      after: svc('  a(c: Color): Promise<void>;', e("Red = 'red'")),
      codes: ['CG411'],
    },
    {
      edit: "change an enum member's value",
      before: svc('  a(c: Color): Promise<Color>;', e("Red = 'red'")),
      after: svc('  a(c: Color): Promise<Color>;', e("Red = 'RED'")),
      codes: ['CG412'],
    },
    {
      edit: 'add an enum member to a result type',
      before: svc('  a(): Promise<Color>;', e("Red = 'red'")),
      after: svc('  a(): Promise<Color>;', e("Red = 'red', Blue = 'blue'")),
      codes: ['CG413'],
    },
    {
      edit: 'remove an enum member from a result type',
      before: svc('  a(): Promise<Color>;', e("Red = 'red', Blue = 'blue'")),
      after: svc('  a(): Promise<Color>;', e("Red = 'red'")),
      codes: [],
    },
    {
      edit: 'reorder a numeric enum (values shift)',
      before: svc('  a(c: Stage): Promise<void>;', 'export enum Stage { Todo, Done }'),
      after: svc('  a(c: Stage): Promise<void>;', 'export enum Stage { Done, Todo }'),
      codes: ['CG412', 'CG412'],
    },
  ];
}

function propertyRows(): Row[] {
  const io = (props: string) =>
    svc('  put(m: M): Promise<void>;\n  get(): Promise<M>;', `export interface M { ${props} }`);
  const input = (props: string) =>
    svc('  put(m: M): Promise<void>;', `export interface M { ${props} }`);
  const output = (props: string) => svc('  get(): Promise<M>;', `export interface M { ${props} }`);
  return [
    {
      edit: 'add an optional property to a type used both ways',
      before: io('a: string;'),
      after: io('a: string; b?: number;'),
      codes: [],
    },
    {
      edit: 'add a required property to an input type',
      before: input('a: string;'),
      after: input('a: string; b: number;'),
      codes: ['CG416'],
    },
    {
      edit: 'add a required property to an output type',
      before: output('a: string;'),
      after: output('a: string; b: number;'),
      codes: [],
    },
    {
      edit: 'remove a required property from an output type',
      before: output('a: string; b: number;'),
      after: output('a: string;'),
      codes: ['CG414'],
    },
    {
      edit: 'remove a property from an input type (old clients send it; it is dropped)',
      before: input('a: string; b: number;'),
      after: input('a: string;'),
      codes: [],
    },
    {
      edit: 'make an optional input property required',
      before: input('a: string; b?: number;'),
      after: input('a: string; b: number;'),
      codes: ['CG417'],
    },
    {
      edit: 'make a required output property optional',
      before: output('a: string; b: number;'),
      after: output('a: string; b?: number;'),
      codes: ['CG415'],
    },
    {
      edit: 'make a required property optional in a type used both ways',
      before: io('a: string;'),
      after: io('a?: string;'),
      codes: ['CG415'],
    },
  ];
}

describe('breaking changes, edit by edit (docs/breaking.md)', () => {
  it('has at least 20 rows, breaking and safe', () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(rows.filter((r) => r.codes.length === 0).length).toBeGreaterThanOrEqual(10);
  });

  it('exercises, and docs/breaking.md documents, every CG4xx code', () => {
    const all = Object.values(breakingCodes);
    expect(new Set(rows.flatMap((r) => r.codes))).toEqual(new Set(all));
    const doc = readFileSync(join(repoRoot, 'docs', 'breaking.md'), 'utf8');
    for (const code of all) expect(doc).toContain(`| ${code} |`);
  });

  it.each(rows)('$edit → $codes', async ({ before, after, codes }) => {
    const changes = await changesBetween(before, after);
    expect(changes.map((c) => c.diagnostic.code)).toEqual(codes);
    for (const change of changes) expect(change.diagnostic.span).toBeDefined();
  });
});
