import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryHost } from '../../src/contract/host/create-memory-host.js';
import { createOverlayChecker, isContractPath } from '../../src/lsp/create-overlay-checker.js';

const service =
  "import type { Service } from 'contract-gen';\nimport type { Item } from './item.js';\nexport interface Shop extends Service { get(id: string): Promise<Item> }\n";
const item = 'export interface Item { id: string; price: number }\n';

let dir: string;

function project(): string {
  dir = mkdtempSync(join(tmpdir(), 'cg-overlay-'));
  mkdirSync(join(dir, 'contracts'));
  writeFileSync(join(dir, 'contracts', 'shop.ts'), service);
  writeFileSync(join(dir, 'contracts', 'item.ts'), item);
  return join(dir, 'contracts');
}

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('createOverlayChecker', () => {
  it('checks editor text over the disk, and the disk again once the text is dropped', async () => {
    const contracts = project();
    const checker = createOverlayChecker(contracts);
    expect((await checker.check()).diagnostics).toEqual([]);
    // A change in item.ts (a function inside data) is reported where it is, though shop.ts did not change.
    checker.setText(
      join(contracts, 'item.ts'),
      'export interface Item { id: string; price: () => number }\n',
    );
    expect((await checker.check()).diagnostics.map((d) => [d.code, d.span?.file])).toEqual([
      ['CG201', 'item.ts'],
    ]);
    checker.setText(join(contracts, 'item.ts'), undefined);
    expect((await checker.check()).diagnostics).toEqual([]);
  });

  it('counts an open file that is not on disk as part of the folder', async () => {
    const contracts = project();
    const checker = createOverlayChecker(contracts);
    checker.setText(
      join(contracts, 'extra.ts'),
      "import type { Service } from 'contract-gen';\nexport interface X extends Service { f(): number }\n",
    );
    expect((await checker.check()).diagnostics.map((d) => [d.code, d.span?.file])).toEqual([
      ['CG104', 'extra.ts'],
    ]);
  });

  it('notices files changed on disk', async () => {
    const contracts = project();
    const checker = createOverlayChecker(contracts);
    expect((await checker.check()).diagnostics).toEqual([]);
    writeFileSync(join(contracts, 'item.ts'), 'export interface Item { id: string; at: symbol }\n');
    expect((await checker.check()).diagnostics.map((d) => d.code)).toEqual(['CG203']);
  });

  it('names the folder when it is missing', async () => {
    project();
    const missing = join(dir, 'nowhere');
    const checker = createOverlayChecker(missing);
    const [diagnostic] = (await checker.check()).diagnostics;
    expect(diagnostic).toMatchObject({
      code: 'CG004',
      message: `The contracts folder '${missing}' does not exist`,
    });
  });

  it('lays the editor text over any host, one with no disk behind it included', async () => {
    const contracts = resolve('/virtual/contracts');
    const below = createMemoryHost([
      [join(contracts, 'shop.ts'), service],
      [join(contracts, 'item.ts'), item],
    ]);
    const checker = createOverlayChecker(contracts, below);
    expect((await checker.check()).diagnostics).toEqual([]);
    checker.setText(
      join(contracts, 'item.ts'),
      'export interface Item { id: string; price: () => number }\n',
    );
    expect((await checker.check()).diagnostics.map((d) => [d.code, d.span?.file])).toEqual([
      ['CG201', 'item.ts'],
    ]);
    // A change below (another tool), while the editor holds no text for that file, is noticed too.
    checker.setText(join(contracts, 'item.ts'), undefined);
    below.set(join(contracts, 'item.ts'), 'export interface Item { id: string; at: symbol }\n');
    expect((await checker.check()).diagnostics.map((d) => d.code)).toEqual(['CG203']);
  });
});

describe('isContractPath', () => {
  it('follows the reader: .ts and .d.ts files, not .d.mts, not under node_modules or dot folders, not outside', () => {
    expect(isContractPath('a.ts')).toBe(true);
    expect(isContractPath('sub/a.ts')).toBe(true);
    expect(isContractPath('a.d.ts')).toBe(true);
    expect(isContractPath('a.d.mts')).toBe(false);
    expect(isContractPath('a.js')).toBe(false);
    expect(isContractPath('node_modules/x/a.ts')).toBe(false);
    expect(isContractPath('.cache/a.ts')).toBe(false);
    expect(isContractPath('../a.ts')).toBe(false);
  });
});
