import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, sep } from 'node:path';
import { BaselineError } from './baseline-error.js';

/** A contracts folder as it was at a git ref, copied into a temp folder. */
export interface CheckedOutContracts {
  /** The temp copy of the folder (read it with the same reader as the current one). */
  readonly dir: string;
  /** The folder's path in the repository (`contracts`, `api/contracts`; `''` at the root). */
  readonly pathInRepo: string;
  /** Removes the temp copy. */
  readonly remove: () => void;
}

/**
 * Copies the files of `contractsDir` as they were at `ref` (any commit-ish:
 * `HEAD`, `origin/main`, `v1.2.0`) into a temp folder, with `git ls-tree` and
 * `git show` (no working-tree changes, no index). Undefined when the folder
 * did not exist at that ref. Throws a {@link BaselineError} outside a git
 * repository or for an unknown ref.
 */
export function checkoutContracts(contractsDir: string, ref: string): CheckedOutContracts | undefined {
  const root = git(['rev-parse', '--show-toplevel'], realpathSync(contractsDir), `${contractsDir} is not in a git repository, so --against needs a saved model file instead.`).trim();
  git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root, `'${ref}' is not a commit in this repository (nor a model file).`);
  const pathInRepo = relative(realpathSync(root), realpathSync(contractsDir)).split(sep).join(posix.sep);
  const listing = git(['ls-tree', '-r', '-z', '--name-only', ref, '--', pathInRepo === '' ? '.' : `${pathInRepo}/`], root, `git ls-tree failed for '${ref}'.`);
  const files = listing.split('\0').filter(Boolean);
  if (files.length === 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'contract-gen-against-'));
  for (const file of files) {
    const target = join(dir, ...posix.relative(pathInRepo, file).split(posix.sep));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, execFileSync('git', ['show', `${ref}:${file}`], { cwd: root, maxBuffer: 64 * 1024 * 1024 }));
  }
  return { dir, pathInRepo, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function git(args: readonly string[], cwd: string, failure: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    throw new BaselineError(failure, { cause: error });
  }
}
