import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../support/cli.js';

// The conformance contract is kept in the repository so a clone builds on its
// own; it must stay the shared one, word for word, wherever that is present.
const shared = join(repoRoot, '..', 'shared', 'conformance', 'ticker.ts');

describe('the conformance contract', () => {
  it.runIf(existsSync(shared))('is the shared ticker contract, unchanged', () => {
    expect(readFileSync(join(repoRoot, 'conformance', 'contracts', 'ticker.ts'), 'utf8')).toBe(
      readFileSync(shared, 'utf8'),
    );
  });

  it('has committed generated code that is up to date', () => {
    const result = runCli([
      'generate',
      'conformance/contracts',
      '--out',
      'conformance/generated',
      '--check',
    ]);
    expect(result.stderr).toContain('up to date');
    expect(result.status).toBe(0);
  });
});
