import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { join, posix, relative, resolve, sep } from 'node:path';
import { createMemoryHost, type MemoryHost } from '../contract/host/create-memory-host.js';
import { BaselineError } from './baseline-error.js';

/** A contracts folder as it was at a git ref, held in memory. */
export interface CheckedOutContracts {
  /**
   * The folder's files at the ref, at the paths they have in the working
   * tree (under `dir`), and nothing else: read it with the same reader as
   * the current folder, giving it this host.
   */
  readonly host: MemoryHost;
  /** Where the host holds the folder: the contracts folder's own path (absolute). */
  readonly dir: string;
  /** The folder's path in the repository (`contracts`, `api/contracts`; `''` at the root). */
  readonly pathInRepo: string;
}

/**
 * Reads the files of `contractsDir` as they were at `ref` (any commit-ish:
 * `HEAD`, `origin/main`, `v1.2.0`) into memory, with `git ls-tree` and
 * `git show` (no working-tree changes, no index, nothing written to disk).
 * Undefined when the folder did not exist at that ref. Throws a
 * {@link BaselineError} outside a git repository or for an unknown ref.
 */
export function checkoutContracts(
  contractsDir: string,
  ref: string,
): CheckedOutContracts | undefined {
  const dir = resolve(contractsDir);
  const root = git(
    ['rev-parse', '--show-toplevel'],
    realpathSync(dir),
    `${contractsDir} is not in a git repository, so --against needs a saved model file instead.`,
  ).trim();
  git(
    ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`],
    root,
    `'${ref}' is not a commit in this repository (nor a model file).`,
  );
  const pathInRepo = relative(realpathSync(root), realpathSync(dir)).split(sep).join(posix.sep);
  const listing = git(
    ['ls-tree', '-r', '-z', '--name-only', ref, '--', pathInRepo === '' ? '.' : `${pathInRepo}/`],
    root,
    `git ls-tree failed for '${ref}'.`,
  );
  const files = listing.split('\0').filter(Boolean);
  if (files.length === 0) return undefined;
  const host = createMemoryHost(
    files.map(
      (file) =>
        [
          join(dir, ...posix.relative(pathInRepo, file).split(posix.sep)),
          git(['show', `${ref}:${file}`], root, `git show failed for '${ref}:${file}'.`),
        ] as const,
    ),
  );
  return { host, dir, pathInRepo };
}

function git(args: readonly string[], cwd: string, failure: string): string {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    throw new BaselineError(failure, { cause: error });
  }
}
