import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, posix, relative, sep } from 'node:path';
import type { OutputFile } from './emit-contract.js';
import { isGeneratedText } from './emit-context.js';

/** What a sync found (with `check`) or did, by path relative to the output folder. */
export interface SyncReport {
  /** Outputs that did not exist on disk. */
  readonly missing: readonly string[];
  /** Outputs whose text on disk differs. */
  readonly stale: readonly string[];
  /** Generated files on disk (they start with the header) that no contract produces any more. */
  readonly orphaned: readonly string[];
  readonly unchanged: readonly string[];
}

export interface SyncOptions {
  readonly outDir: string;
  readonly files: readonly OutputFile[];
  /** Compare only: write and remove nothing. */
  readonly check?: boolean;
  /**
   * What the previous sync left on disk, by path (watch mode keeps one across
   * runs): files it names are compared with it instead of being read again,
   * and orphans are looked for among them instead of in the whole folder.
   * Filled in by the first sync. A generated file edited by hand meanwhile is
   * then only restored when its output changes.
   */
  readonly memory?: Map<string, string>;
}

/**
 * Brings the output folder in line with `files`: writes only what changed
 * (so watchers and build tools see no needless touches) and removes orphans.
 * A file is only ever removed when its first line is the generated header, so
 * a person's own file in the output folder is never touched.
 */
export async function syncOutputs(options: SyncOptions): Promise<SyncReport> {
  const missing: string[] = [];
  const stale: string[] = [];
  const unchanged: string[] = [];
  const wanted = new Set(options.files.map((f) => f.path));
  const memory = options.memory;
  const remembered = memory !== undefined && memory.size > 0;
  for (const file of options.files) {
    // Most outputs of a watch run are what the last one wrote: compared without touching the disk (or a path).
    if (remembered && memory.get(file.path) === file.contents) {
      unchanged.push(file.path);
      continue;
    }
    const target = join(options.outDir, file.path);
    const current =
      remembered && memory.has(file.path)
        ? memory.get(file.path)
        : await readFile(target, 'utf8').catch(() => undefined);
    if (current === file.contents) {
      unchanged.push(file.path);
      continue;
    }
    (current === undefined ? missing : stale).push(file.path);
    if (!options.check) {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.contents);
    }
  }
  const candidates = remembered ? [...memory.keys()].sort() : await listGenerated(options.outDir);
  const orphaned = candidates.filter((path) => !wanted.has(path));
  if (!options.check) {
    await Promise.all(orphaned.map((path) => rm(join(options.outDir, path), { force: true })));
    if (memory) {
      memory.clear();
      for (const file of options.files) memory.set(file.path, file.contents);
    }
  }
  return { missing, stale, orphaned, unchanged };
}

/** Every `.ts` file under `dir` whose first line is the generated header. */
async function listGenerated(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const full = join(entry.parentPath, entry.name);
    const path = relative(dir, full).split(sep).join(posix.sep);
    if (path.split('/').includes('node_modules')) continue;
    const text = await readFile(full, 'utf8');
    if (isGeneratedText(text)) found.push(path);
  }
  return found.sort();
}
