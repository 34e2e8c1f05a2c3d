import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContractReader } from '../../../src/contract/read/read-contracts.js';
import { writeContracts } from './temp-contracts.js';

const api = (method: string): string =>
  `import type { Service } from 'contract-gen';\nimport type { Item } from './item.js';\nexport interface Api extends Service { ${method}(): Promise<Item> }\n`;

describe('a long-lived reader (watch mode)', () => {
  it('sees a changed file after refresh, and only then', () => {
    const dir = writeContracts({
      'api.ts': api('first'),
      'item.ts': 'export interface Item { a: string }',
    });
    const reader = createContractReader({ contractsDir: dir });
    expect(reader.read().contract.services[0]!.methods[0]!.name).toBe('first');
    writeFileSync(join(dir, 'api.ts'), api('second'));
    expect(reader.read().contract.services[0]!.methods[0]!.name).toBe('first');
    reader.refresh([join(dir, 'api.ts')]);
    expect(reader.read().contract.services[0]!.methods[0]!.name).toBe('second');
  });

  it('reads an instantiation again when its argument no longer resolves (the same id, another meaning)', () => {
    // Found by the reader fuzz: Page<Task> was reused from the last read after Task was renamed away.
    const board = (task: string) =>
      `import type { Service } from 'contract-gen';\nimport type { Page } from './page.js';\n` +
      `export interface ${task} { id: string }\nexport interface Board extends Service { list(): Promise<Page<Task>> }\n`;
    const dir = writeContracts({
      'board.ts': board('Task'),
      'page.ts': 'export interface Page<T> { items: T[] }',
    });
    const reader = createContractReader({ contractsDir: dir });
    expect(reader.read().contract.types.find((t) => t.id === 'Page<Task>')?.typeArguments).toEqual([
      { kind: 'ref', id: 'Task' },
    ]);
    writeFileSync(join(dir, 'board.ts'), board('Tenumask'));
    reader.refresh([join(dir, 'board.ts')]);
    const warm = reader.read();
    const cold = createContractReader({ contractsDir: dir }).read();
    expect(warm.contract).toEqual(cold.contract);
    expect(warm.diagnostics).toEqual(cold.diagnostics);
    expect(
      warm.contract.types.find((t) => t.id === 'Page<Task>')?.typeArguments?.[0]?.kind,
    ).not.toBe('ref');
  });

  it('notices added and removed files on the next read', () => {
    const dir = writeContracts({
      'api.ts': api('get'),
      'item.ts': 'export interface Item { a: string }',
    });
    const reader = createContractReader({ contractsDir: dir });
    expect(reader.read().contract.files).toEqual(['api.ts', 'item.ts']);
    writeFileSync(join(dir, 'extra.ts'), 'export interface Extra { e: number }');
    expect(reader.read().contract.types.map((t) => t.id)).toEqual(['Extra', 'Item']);
    rmSync(join(dir, 'item.ts'));
    const after = reader.read();
    expect(after.contract.files).toEqual(['api.ts', 'extra.ts']);
    expect(after.diagnostics.map((d) => d.code)).toEqual(['CG002']);
  });

  it('uses the checker after a change that needs it, and resolves the new import', () => {
    const dir = writeContracts({
      'api.ts': api('get'),
      'item.ts': 'export interface Item { a: string }',
    });
    const reader = createContractReader({ contractsDir: dir });
    reader.read();
    writeFileSync(
      join(dir, 'item.ts'),
      "import type { Base } from './base.js';\nexport type Item = Base & { a: string };",
    );
    writeFileSync(join(dir, 'base.ts'), 'export interface Base { id: number }');
    reader.refresh([join(dir, 'item.ts')]);
    const { contract, diagnostics } = reader.read();
    expect(diagnostics).toEqual([]);
    expect(contract.types.find((t) => t.id === 'Item')!.definition).toMatchObject({
      kind: 'object',
      properties: [{ name: 'id' }, { name: 'a' }],
    });
  });
});
