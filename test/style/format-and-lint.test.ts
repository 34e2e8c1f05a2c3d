// Format and lint are part of the test run (CI runs `npm test` only): a file
// prettier would change, or any ESLint problem, fails here with the list.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli.js';

const scripts = (
  JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

/** Runs a package.json script as npm would (a shell, node_modules/.bin first on the PATH). */
function run(script: string): { status: number | null; output: string } {
  const result = spawnSync(scripts[script]!, {
    cwd: repoRoot,
    encoding: 'utf8',
    shell: true,
    env: {
      ...process.env,
      PATH: `${join(repoRoot, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`,
    },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the source', () => {
  it('is formatted by prettier (npm run format fixes it)', () => {
    const { status, output } = run('format:check');
    expect(output, 'npm run format:check').not.toMatch(/\[warn\]/);
    expect(status).toBe(0);
  });

  it('passes ESLint with no warning (npm run lint)', () => {
    const { status, output } = run('lint');
    expect(output.trim(), 'npm run lint').toBe('');
    expect(status).toBe(0);
  }, 300_000);
});
