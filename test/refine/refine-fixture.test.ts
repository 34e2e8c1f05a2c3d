/**
 * test/fixtures/refine (every refinement, open object, numeric key and
 * lossless union): its committed generated/ is current and compiles, with the
 * contract, under strict TypeScript; the differential test reads both.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, repoRoot, runCli, runTsc } from '../support/cli.js';

const folder = join('test', 'fixtures', 'refine');

describe('the refinements fixture', () => {
  it('checks clean and its generated/ is current', () => {
    const result = runCli([
      'generate',
      join(folder, 'contracts'),
      '--out',
      join(folder, 'generated'),
      '--check',
    ]);
    expect(result.stderr).toContain('up to date');
    expect(result.status).toBe(0);
  });

  it('compiles under strict TypeScript', () => {
    const project = makeProject(join(repoRoot, 'test', 'fixtures', 'e2e'));
    cpSync(join(repoRoot, folder), join(project, 'refine'), { recursive: true });
    const tsconfig = JSON.parse(readFileSync(join(project, 'tsconfig.json'), 'utf8')) as {
      include: string[];
    };
    tsconfig.include = ['refine/contracts', 'refine/generated'];
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    const tsc = runTsc(project);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);
});
