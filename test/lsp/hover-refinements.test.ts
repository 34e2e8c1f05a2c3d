import { describe, expect, it } from 'vitest';
import { hoverAt } from '../../src/lsp/hover-at.js';
import { modelOf } from '../breaking/compare-model.js';

// modelOf puts one import line above the source: LSP lines below count from there.
const source = `import type { Type, Maximum, Format, MinItems } from 'contract-gen';
export type Age = number & Type<'uint32'> & Maximum<150>;
export type UserId = string & { readonly __brand: 'UserId' };
export interface User {
  age: Age;
  email: string & Format<'email'>;
  /** @maxLength 80 */
  name: string;
  tags: string[] & MinItems<1>;
}
export interface Options {
  tabSize: number;
  [key: string]: number | string;
}
export interface Api extends Service {
  get(id: UserId, limit: number & Maximum<100>, options: Options): Promise<User>;
}
`;
const lineOf = (needle: string) => source.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('hover shows refinements (issue 20, item 3)', () => {
  it('on properties, aliases and parameters', async () => {
    const contract = await modelOf(source);
    const at = (needle: string, character = 3) =>
      hoverAt(contract, 'api.ts', { line: lineOf(needle), character })?.markdown;
    expect(at('  age: Age')).toContain('an integer (uint32)');
    expect(at('  age: Age')).toContain('≤ 150 (`maximum: 150`)');
    expect(at('  email:')).toContain('format email (`format: email`)');
    expect(at('  name: string')).toContain('at most 80 characters (`maxLength: 80`)');
    expect(at('  tags:')).toContain('at least 1 items (`minItems: 1`)');
    expect(at('export type UserId', 13)).toContain('Brand `UserId`');
    expect(at('  get(', 26)).toContain('≤ 100');
    expect(at('export interface Options', 18)).toContain('An open object');
  });
});
