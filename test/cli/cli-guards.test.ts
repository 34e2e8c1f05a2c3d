import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../support/cli.js';

/** A project folder with a copy of the showcase contracts. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-guards-'));
  cpSync(join(repoRoot, 'contracts'), join(dir, 'contracts'), { recursive: true });
  return dir;
}

// Issue 20, the CLI as a new user tries it.
describe('--out guards', () => {
  it('refuses --out naming an existing file with exit 2 and a message (was internal error, exit 3)', () => {
    const dir = project();
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    const result = runCli(['generate', '--out', 'notes.txt'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--out 'notes.txt' is a file, not a folder");
    expect(result.stderr).not.toMatch(/internal error/i);
  });

  it('refuses an --out file for docs too', () => {
    const dir = project();
    writeFileSync(join(dir, 'api.json'), '{}\n');
    const result = runCli(['docs', '--out', 'api.json'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('is a file, not a folder');
  });

  it('refuses --out inside the contracts folder with exit 2, writing nothing', () => {
    const dir = project();
    const result = runCli(['generate', '--out', 'contracts/generated'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("is inside the contracts folder 'contracts'");
    expect(existsSync(join(dir, 'contracts', 'generated'))).toBe(false);
    // The folder is read as before: the next run does not fail on its own output.
    expect(runCli(['check'], dir).status).toBe(0);
  });

  it('refuses --out equal to the contracts folder, and in --watch', () => {
    const dir = project();
    expect(runCli(['generate', '--out', 'contracts'], dir).status).toBe(2);
    const watch = runCli(['generate', '--watch', '--out', 'contracts/out'], dir);
    expect(watch.status).toBe(2);
    expect(watch.stderr).toContain('inside the contracts folder');
  });

  it('still accepts an --out folder that exists, beside the contracts', () => {
    const dir = project();
    mkdirSync(join(dir, 'out'));
    expect(runCli(['generate', '--out', 'out'], dir).status).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toContain('chat.schema.ts');
  });
});

describe('did you mean', () => {
  it('suggests the command for a mistyped one', () => {
    const dir = project();
    const result = runCli(['chek'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Unknown command 'chek'. Did you mean 'check'?");
    expect(runCli(['generat', 'contracts'], dir).stderr).toContain("Did you mean 'generate'?");
  });

  it('takes a first word that is a folder as the contracts folder, even when it looks like a command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-guards-'));
    cpSync(join(repoRoot, 'contracts'), join(dir, 'chek'), { recursive: true });
    const result = runCli(['chek', '--out', 'gen'], dir);
    expect(result.status).toBe(0);
    expect(readdirSync(join(dir, 'gen'))).toContain('chat.schema.ts');
  });

  it('suggests the flag for a mistyped one', () => {
    const dir = project();
    const result = runCli(['check', '--quite'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown argument: quite');
    expect(result.stderr).toContain('Did you mean --quiet');
    expect(runCli(['generate', '--formt', 'json'], dir).stderr).toContain('Did you mean --format');
    expect(runCli(['generate', '--wach'], dir).stderr).toContain('Did you mean --watch');
  });

  it('says nothing more for an argument that is no near miss', () => {
    const result = runCli(['check', '--bogus-flag-xyz']);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toContain('Did you mean');
  });
});

describe('-q', () => {
  it('is --quiet: a clean check prints nothing', () => {
    const dir = project();
    const result = runCli(['check', '-q'], dir);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(runCli(['check'], dir).stderr).toContain('no problems');
  });
});

describe('--help piped', () => {
  it('wraps at word boundaries, never mid-word', () => {
    const result = runCli(['--help']);
    expect(result.status).toBe(0);
    const flat = result.stdout.replace(/\s+/g, ' ');
    for (const text of [
      'Typed contracts with one-way callbacks: checks contracts/ and emits generated/.',
      'Write the OpenAPI 3.1 (calls) and AsyncAPI 3.0 (callback events) documents of the contracts',
      'Report changes that break existing clients or servers, against a git ref or a saved model (exit 1 if any)',
      'Set up a project that runs: an example contract, config, tsconfig, a server and a client, package.json',
      'Run a language server on stdin/stdout: live diagnostics of the contracts in an editor (see docs/editors.md)',
    ])
      expect(flat).toContain(text);
    for (const line of result.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });
});
