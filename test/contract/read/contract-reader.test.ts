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
