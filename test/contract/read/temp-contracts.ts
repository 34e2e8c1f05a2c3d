import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Writes files into a fresh folder under the OS temp folder (outside the
 * repository: no node_modules, no tsconfig around) and returns the folder.
 * Removed after each test.
 */
export function writeContracts(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'contract-gen-read-'));
  made.push(root);
  const dir = join(root, 'contracts');
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
