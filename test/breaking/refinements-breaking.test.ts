import { describe, expect, it } from 'vitest';
import { changesBetween } from './compare-model.js';

/**
 * `breaking` knows refinements (issue 20, item 3): a refinement tightened
 * where the server receives narrows the type (CG409), one loosened where
 * clients receive widens it (CG410); the other directions break nothing.
 */
const tags =
  "import type { Type, Minimum, Maximum, MaxLength, Format, MinItems } from 'contract-gen';\n";
const svc = (param: string, result: string) =>
  `${tags}export interface Api extends Service {\n  a(x: ${param}): Promise<${result}>;\n}\n`;

const rows: [string, string, string, string[]][] = [
  [
    'add a minimum to a parameter',
    svc('number', 'void'),
    svc('number & Minimum<0>', 'void'),
    ['CG409'],
  ],
  [
    'remove a minimum from a parameter',
    svc('number & Minimum<0>', 'void'),
    svc('number', 'void'),
    [],
  ],
  [
    'raise a parameter minimum',
    svc('number & Minimum<0>', 'void'),
    svc('number & Minimum<5>', 'void'),
    ['CG409'],
  ],
  [
    'lower a parameter minimum',
    svc('number & Minimum<5>', 'void'),
    svc('number & Minimum<0>', 'void'),
    [],
  ],
  [
    'int32 parameter from number',
    svc('number', 'void'),
    svc("number & Type<'int32'>", 'void'),
    ['CG409'],
  ],
  [
    'int32 to integer parameter',
    svc("number & Type<'int32'>", 'void'),
    svc("number & Type<'integer'>", 'void'),
    [],
  ],
  [
    'shorter max length of a parameter',
    svc('string & MaxLength<10>', 'void'),
    svc('string & MaxLength<5>', 'void'),
    ['CG409'],
  ],
  [
    'format added to a parameter',
    svc('string', 'void'),
    svc("string & Format<'email'>", 'void'),
    ['CG409'],
  ],
  [
    'loosen a result maximum',
    svc('string', 'number & Maximum<5>'),
    svc('string', 'number & Maximum<10>'),
    ['CG410'],
  ],
  [
    'tighten a result maximum',
    svc('string', 'number & Maximum<10>'),
    svc('string', 'number & Maximum<5>'),
    [],
  ],
  [
    'drop MinItems from a result',
    svc('string', 'string[] & MinItems<1>'),
    svc('string', 'string[]'),
    ['CG410'],
  ],
  [
    'add MinItems to a result',
    svc('string', 'string[]'),
    svc('string', 'string[] & MinItems<1>'),
    [],
  ],
  [
    'a JSDoc minimum on a property the server receives',
    `${tags}export interface P { n: number }\nexport interface Api extends Service { a(p: P): Promise<void>; }\n`,
    `${tags}export interface P {\n  /** @minimum 1 */\n  n: number;\n}\nexport interface Api extends Service { a(p: P): Promise<void>; }\n`,
    ['CG409'],
  ],
];

describe('breaking changes of refinements', () => {
  it.each(rows)('%s', async (_edit, before, after, codes) => {
    const changes = await changesBetween(before, after);
    expect(changes.map((c) => c.diagnostic.code)).toEqual(codes);
  });
});
