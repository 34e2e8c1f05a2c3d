import { join, relative, sep } from 'node:path';
import type { ReaderHost } from '../host/reader-host.js';

/** What is at the contracts path: nothing, something that is not a folder, or a folder and its contract files. */
export type ContractFolder =
  | { readonly kind: 'missing' }
  | { readonly kind: 'not-a-folder' }
  | { readonly kind: 'folder'; readonly files: readonly ContractFile[] };

export interface ContractFile {
  readonly absolutePath: string;
  /** Relative to the contracts folder, with `/`: how the model names files. */
  readonly relativePath: string;
}

/**
 * The `.ts` files under a folder, recursively, sorted by relative path
 * (byte order, so every machine agrees). Declaration files (`.d.ts`) are
 * contracts too (type files as teams have them), except `x.d.ts` beside an
 * `x.ts`: that is the declaration output of `x.ts`, and an import of `./x.js`
 * means `x.ts`, as it does to TypeScript. `node_modules` and dot-folders are
 * not contracts. `dir` is absolute; the host says what is there (the disk,
 * or text held in memory).
 */
export function listContractFiles(dir: string, host: ReaderHost): ContractFolder {
  const stat = host.stat(dir);
  if (!stat) return { kind: 'missing' };
  if (stat.kind !== 'folder') return { kind: 'not-a-folder' };
  const files: ContractFile[] = [];
  const visit = (folder: string): void => {
    const entries = host.list(folder) ?? [];
    const names = new Set(entries.filter((e) => e.kind === 'file').map((e) => e.name));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.kind === 'folder' && entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
        visit(path);
      } else if (entry.kind === 'file' && isContractFileName(entry.name, names)) {
        files.push({ absolutePath: path, relativePath: relative(dir, path).split(sep).join('/') });
      }
    }
  };
  visit(dir);
  return {
    kind: 'folder',
    files: files.sort((a, b) =>
      a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0,
    ),
  };
}

/**
 * A contract file's name: `x.ts`, or `x.d.ts` when no `x.ts` is beside it
 * (`siblings`: the file names in the same folder). Other declaration
 * extensions (`.d.mts`, `.d.cts`) and `.mts`/`.cts` are not contracts.
 */
export function isContractFileName(name: string, siblings?: ReadonlySet<string>): boolean {
  if (!name.endsWith('.ts') || /\.d\.[cm]ts$|\.[cm]ts$/.test(name)) return false;
  if (!name.endsWith('.d.ts')) return true;
  return !siblings?.has(`${name.slice(0, -'.d.ts'.length)}.ts`);
}
