import { resolve } from 'node:path';
import { createDiskHost } from '../contract/host/create-disk-host.js';
import { createMemoryHost } from '../contract/host/create-memory-host.js';
import type { ReaderHost } from '../contract/host/reader-host.js';
import { isContractFileName, listContractFiles } from '../contract/read/list-contract-files.js';
import { createGenerator, type Contract, type Diagnostic } from '../generator.js';

export interface OverlayCheckResult {
  /** Sorted; spans name files relative to the contracts folder, as everywhere. */
  readonly diagnostics: readonly Diagnostic[];
  readonly contract?: Contract;
}

/** `contract-gen check` over a folder whose files may have unsaved editor text. */
export interface OverlayChecker {
  /** Sets the editor's text of a file (absolute path), or drops it (`undefined`): the file on disk counts again. */
  setText(path: string, text: string | undefined): void;
  /** Checks the folder as it is on disk with the editor texts laid over it. */
  check(): Promise<OverlayCheckResult>;
}

/**
 * The editor's texts are held in memory, laid over the disk (`disk`, the
 * real one by default), and a long-lived generator in check-only mode reads
 * through that host: nothing is copied or written anywhere. An open file
 * not (or no longer) on disk is part of the folder as the editor sees it.
 * Before each check every contract file is stat'ed, and the generator is
 * told which ones changed (an edit, a save, a checkout by another tool), so
 * it reads and parses again only those.
 */
export function createOverlayChecker(
  contractsDir: string,
  disk: ReaderHost = createDiskHost(),
): OverlayChecker {
  const dir = resolve(contractsDir);
  const host = createMemoryHost([], disk);
  const generator = createGenerator({ contractsDir: dir, checkOnly: true, host });
  /** The version of each file at the last check, by absolute path. */
  let seen = new Map<string, string>();

  const changedSinceLastCheck = (): string[] => {
    const folder = listContractFiles(dir, host);
    const now = new Map<string, string>();
    if (folder.kind === 'folder') {
      for (const file of folder.files) {
        const version = host.stat(file.absolutePath)?.version;
        if (version !== undefined) now.set(file.absolutePath, version);
      }
    }
    const changed = [...now]
      .filter(([path, version]) => seen.get(path) !== version)
      .map(([path]) => path);
    seen = now;
    return changed;
  };

  return {
    setText: (path, text) => host.set(resolve(path), text),
    async check() {
      const result = await generator.run(changedSinceLastCheck());
      return result.contract
        ? { diagnostics: result.diagnostics, contract: result.contract }
        : { diagnostics: result.diagnostics };
    },
  };
}

/** Whether a path relative to the contracts folder names a contract file, by the reader's rules (list-contract-files). */
export function isContractPath(rel: string): boolean {
  if (rel === '' || rel.startsWith('../') || rel === '..' || rel.startsWith('/')) return false;
  const parts = rel.split('/');
  const folders = parts.slice(0, -1);
  if (folders.some((p) => p === 'node_modules' || p.startsWith('.'))) return false;
  return isContractFileName(parts[parts.length - 1]!);
}
