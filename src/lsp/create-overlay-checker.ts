import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { createDiskHost } from '../contract/host/create-disk-host.js';
import { listContractFiles } from '../contract/read/list-contract-files.js';
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
  /** Removes the mirror folder. */
  dispose(): void;
}

/**
 * The reader reads contract files from disk, and it is being reworked by
 * others, so rather than reach into it this keeps a mirror of the contracts
 * folder in a temporary folder: disk text, or editor text where a file is
 * open, is written there (only what changed), and a long-lived generator in
 * check-only mode reads the mirror, told which mirror files changed so it
 * re-parses only those. Spans are relative to the folder, so they mean the
 * same in the mirror; the few messages that name the folder itself are given
 * the real path back. Contract imports never leave the folder (CG002), so
 * the mirror's location changes nothing else.
 */
export function createOverlayChecker(contractsDir: string): OverlayChecker {
  const realDir = resolve(contractsDir);
  const root = mkdtempSync(join(tmpdir(), 'contract-gen-lsp-'));
  const mirrorDir = join(root, 'contracts');
  const generator = createGenerator({ contractsDir: mirrorDir, checkOnly: true });
  const overlays = new Map<string, string>();
  const disk = createDiskCache();
  /** What the mirror holds, by relative path. */
  let mirrored = new Map<string, string>();

  const wanted = (): Map<string, string> | 'missing' | 'not-a-folder' => {
    const folder = listContractFiles(realDir, createDiskHost());
    if (folder.kind !== 'folder') return folder.kind;
    const texts = new Map<string, string>();
    for (const file of folder.files) {
      const text = overlays.get(file.absolutePath) ?? disk.read(file.absolutePath);
      if (text !== undefined) texts.set(file.relativePath, text);
    }
    // An open file not (or no longer) on disk is still part of the folder as the editor sees it.
    for (const [path, text] of overlays) {
      const rel = relative(realDir, path).split(sep).join('/');
      if (isContractPath(rel)) texts.set(rel, text);
    }
    return texts;
  };

  const sync = (): string[] => {
    const texts = wanted();
    if (typeof texts === 'string') {
      // Make the mirror fail the same way, so the reader reports CG004 as `check` would.
      rmSync(mirrorDir, { recursive: true, force: true });
      if (texts === 'not-a-folder') writeFileSync(mirrorDir, '');
      mirrored = new Map();
      return [];
    }
    if (!statSync(mirrorDir, { throwIfNoEntry: false })?.isDirectory()) {
      rmSync(mirrorDir, { recursive: true, force: true });
      mkdirSync(mirrorDir);
    }
    const changed: string[] = [];
    for (const [rel, text] of texts) {
      if (mirrored.get(rel) === text) continue;
      const path = join(mirrorDir, rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      changed.push(path);
    }
    for (const rel of mirrored.keys()) {
      if (texts.has(rel)) continue;
      const path = join(mirrorDir, rel);
      rmSync(path, { force: true });
      changed.push(path);
    }
    mirrored = texts;
    return changed;
  };

  return {
    setText(path, text) {
      if (text === undefined) overlays.delete(resolve(path));
      else overlays.set(resolve(path), text);
    },
    async check() {
      const result = await generator.run(sync());
      const diagnostics = result.diagnostics.map((d) => realPaths(d, mirrorDir, realDir));
      return result.contract ? { diagnostics, contract: result.contract } : { diagnostics };
    },
    dispose() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Whether a path relative to the contracts folder names a contract file, by the reader's rules (list-contract-files). */
export function isContractPath(rel: string): boolean {
  if (rel === '' || rel.startsWith('../') || rel === '..' || rel.startsWith('/')) return false;
  const parts = rel.split('/');
  const folders = parts.slice(0, -1);
  if (folders.some((p) => p === 'node_modules' || p.startsWith('.'))) return false;
  return rel.endsWith('.ts') && !rel.endsWith('.d.ts');
}

/** Reads files, again only when their size or modification time changed. */
function createDiskCache() {
  const cache = new Map<string, { stamp: string; text: string }>();
  return {
    read(path: string): string | undefined {
      try {
        const stat = statSync(path);
        const stamp = `${stat.mtimeMs}:${stat.size}`;
        const cached = cache.get(path);
        if (cached?.stamp === stamp) return cached.text;
        const text = readFileSync(path, 'utf8');
        cache.set(path, { stamp, text });
        return text;
      } catch {
        // Deleted between listing and reading: left out, as the reader does.
        cache.delete(path);
        return undefined;
      }
    },
  };
}

function realPaths(d: Diagnostic, mirrorDir: string, realDir: string): Diagnostic {
  if (!d.message.includes(mirrorDir) && !d.hint?.includes(mirrorDir)) return d;
  const swap = (text: string) => text.split(mirrorDir).join(realDir);
  return { ...d, message: swap(d.message), ...(d.hint !== undefined ? { hint: swap(d.hint) } : {}) };
}
