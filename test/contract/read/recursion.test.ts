import { describe, expect, it } from 'vitest';
import { readContracts } from '../../../src/contract/read/read-contracts.js';
import { writeContracts } from './temp-contracts.js';

const service = "import type { Service } from 'contract-gen';\n";

describe('recursive types', () => {
  it('ends self- and mutual recursion at refs', () => {
    const dir = writeContracts({
      'a.ts': `${service}import type { B } from './b.js';
export interface A { b: B | null; self: A[] }
export interface Api extends Service { get(): Promise<A> }
`,
      'b.ts': "import type { A } from './a.js';\nexport interface B { a: A }\n",
    });
    const { contract } = readContracts({ contractsDir: dir });
    expect(contract.types.map((t) => t.id)).toEqual(['A', 'B']);
    expect(contract.types[1]!.definition).toMatchObject({
      properties: [{ name: 'a', type: { kind: 'ref', id: 'A' } }],
    });
  });

  it('walks a chain of thousands of named types without overflowing the stack', () => {
    const count = 5000;
    const lines = Array.from(
      { length: count },
      (_, i) => `export interface T${i} { next: T${i + 1} | null }`,
    );
    lines.push(`export interface T${count} { end: true }`);
    const dir = writeContracts({
      'chain.ts': `${service}${lines.join('\n')}\nexport interface Api extends Service { first(): Promise<T0> }\n`,
    });
    const { contract } = readContracts({ contractsDir: dir });
    expect(contract.types).toHaveLength(count + 1);
    expect(contract.types[count]!.id).toBe(`T${count}`);
  });

  it('stops a generic that instantiates itself without end, with an unsupported type', () => {
    const dir = writeContracts({
      'nest.ts': `${service}export interface Nest<T> { value: T; deeper: Nest<T[]> }
export interface Api extends Service { nest(): Promise<Nest<string>> }
`,
    });
    const { contract } = readContracts({ contractsDir: dir });
    const last = contract.types[contract.types.length - 1]!;
    expect(contract.types.length).toBeLessThan(40);
    expect(JSON.stringify(last.definition)).toContain('instantiation nests without end');
  });

  it('reads a recursive generic computed by the checker (a deep partial) to an end', () => {
    const dir = writeContracts({
      'deep.ts': `${service}export type DeepPartial<T> = { [K in keyof T]?: DeepPartial<T[K]> };
export interface Tree { value: number; children: Tree[] }
export interface Api extends Service { patch(tree: DeepPartial<Tree>): Promise<void> }
`,
    });
    const { contract } = readContracts({ contractsDir: dir });
    expect(contract.types.map((t) => t.id)).toEqual(['DeepPartial<Tree>', 'Tree']);
    // What TypeScript makes of it: a mapped type over an array maps its elements (adding `undefined`).
    expect(contract.types[0]!.definition).toMatchObject({
      properties: [
        { name: 'value', optional: true, type: { kind: 'primitive', name: 'number' } },
        {
          name: 'children',
          optional: true,
          type: {
            kind: 'array',
            element: {
              kind: 'union',
              members: [
                { kind: 'ref', id: 'DeepPartial<Tree>' },
                { kind: 'primitive', name: 'undefined' },
              ],
            },
          },
        },
      ],
    });
  });
});
