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
 * (byte order, so every machine agrees). Declaration files (`.d.ts`),
 * `node_modules` and dot-folders are not contracts. `dir` is absolute; the
 * host says what is there (the disk, or text held in memory).
 */
export function listContractFiles(dir: string, host: ReaderHost): ContractFolder {
  const stat = host.stat(dir);
  if (!stat) return { kind: 'missing' };
  if (stat.kind !== 'folder') return { kind: 'not-a-folder' };
  const files: ContractFile[] = [];
  const visit = (folder: string): void => {
    for (const entry of host.list(folder) ?? []) {
      const path = join(folder, entry.name);
      if (entry.kind === 'folder' && entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
        visit(path);
      } else if (
        entry.kind === 'file' &&
        entry.name.endsWith('.ts') &&
        !entry.name.endsWith('.d.ts')
      ) {
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
