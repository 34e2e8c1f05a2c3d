import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveContractImport } from '../../../src/contract/read/resolve-contract-import.js';

const dir = resolve('/work/contracts');
const files = new Set([join(dir, 'a.ts'), join(dir, 'sub/b.ts'), join(dir, 'sub/index.ts')]);
const from = join(dir, 'sub/c.ts');
const resolveFrom = (specifier: string) =>
  resolveContractImport(specifier, from, dir, (path) => files.has(path));

describe('resolveContractImport', () => {
  it("resolves 'contract-gen' and nothing else by package name", () => {
    expect(resolveFrom('contract-gen')).toEqual({ kind: 'contract-gen' });
    expect(resolveFrom('@contract-gen/runtime/schema')).toEqual({ kind: 'outside' });
    expect(resolveFrom('zod')).toEqual({ kind: 'outside' });
    expect(resolveFrom('node:fs')).toEqual({ kind: 'outside' });
  });

  it('resolves contract files written with .js, .ts, no extension or as a folder', () => {
    expect(resolveFrom('./b.js')).toEqual({ kind: 'file', path: join(dir, 'sub/b.ts') });
    expect(resolveFrom('./b.ts')).toEqual({ kind: 'file', path: join(dir, 'sub/b.ts') });
    expect(resolveFrom('./b')).toEqual({ kind: 'file', path: join(dir, 'sub/b.ts') });
    expect(resolveFrom('../a.js')).toEqual({ kind: 'file', path: join(dir, 'a.ts') });
    expect(resolveFrom('.')).toEqual({ kind: 'file', path: join(dir, 'sub/index.ts') });
  });

  it('tells a path leaving the folder from a missing file inside it', () => {
    expect(resolveFrom('../../other/x.js')).toEqual({ kind: 'outside' });
    expect(resolveFrom('../..')).toEqual({ kind: 'outside' });
    expect(resolveFrom('./missing.js')).toEqual({ kind: 'missing' });
    expect(resolveFrom('./b.json')).toEqual({ kind: 'missing' });
  });
});
