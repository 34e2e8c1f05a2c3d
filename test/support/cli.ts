import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root (the package under test). */
export const repoRoot = resolve(import.meta.dirname, '..', '..');

/** The built CLI: `npm test` builds before running the suites. */
export const cliPath = join(repoRoot, 'dist', 'cli', 'bin.js');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI as a user would, in `cwd`, without colours; `env` adds to the environment. */
export function runCli(
  args: readonly string[],
  cwd: string = repoRoot,
  env: Readonly<Record<string, string>> = {},
): CliResult {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A fresh project folder outside this repository with a copy of `fixture`
 * and `node_modules/contract-gen` linked to this package, as if installed.
 */
export function makeProject(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-project-'));
  cpSync(fixture, dir, { recursive: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(repoRoot, join(dir, 'node_modules', 'contract-gen'), 'dir');
  mkdirSync(join(dir, 'node_modules', '@contract-gen'));
  symlinkSync(
    join(repoRoot, 'runtime'),
    join(dir, 'node_modules', '@contract-gen', 'runtime'),
    'dir',
  );
  // A server project has Node's types; the client part must not need them.
  mkdirSync(join(dir, 'node_modules', '@types'));
  symlinkSync(
    join(repoRoot, 'node_modules', '@types', 'node'),
    join(dir, 'node_modules', '@types', 'node'),
    'dir',
  );
  return dir;
}

/** Runs TypeScript 6's tsc (the engine ts-morph bundles) on a project folder. */
export function runTsc(project: string): CliResult {
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
