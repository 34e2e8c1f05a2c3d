// Where things are: the repository root and bench/.work (gitignored scratch space).
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = join(benchDir, '..');
export const workRoot = join(benchDir, '.work');

/** `bench/.work/<parts...>`, created if missing. */
export function workDir(...parts) {
  const dir = join(workRoot, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}
