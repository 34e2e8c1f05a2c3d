import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

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
 * `node_modules` and dot-folders are not contracts.
 */
export function listContractFiles(dir: string): ContractFolder {
  let isFolder: boolean;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    return { kind: 'missing' };
  }
  if (!isFolder) return { kind: 'not-a-folder' };
  const files: ContractFile[] = [];
  const visit = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
        visit(path);
      } else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
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
