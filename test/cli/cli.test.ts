import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../support/cli.js';

const bad = join(repoRoot, 'test', 'fixtures', 'bad');

/** A copy of a fixture folder somewhere outside the repository. */
function copyOutside(folder: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-cli-'));
  cpSync(folder, join(dir, 'contracts'), { recursive: true });
  return dir;
}

describe('contract-gen check', () => {
  it('exits 0 on the showcase contracts', () => {
    const result = runCli(['check']);
    expect(result.stderr).toContain('no problems');
    expect(result.status).toBe(0);
  });

  it('prints file:line:col, the code and a code frame for a callback with a result, and exits 1', () => {
    const dir = copyOutside(join(bad, 'callback-returns-value', 'contracts'));
    const result = runCli(['check'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^contracts\/[\w/-]+\.ts:\d+:\d+ - error CG101: Callback method '\w+\.\w+' returns /m,
    );
    expect(result.stderr).toContain('~~~');
    expect(result.stderr).toContain('one-way');
  });

  it('checks a folder copied anywhere on disk the same way as in the repository', () => {
    const inside = runCli([
      'check',
      join(bad, 'function-in-data', 'contracts'),
      '--format',
      'json',
    ]);
    const dir = copyOutside(join(bad, 'function-in-data', 'contracts'));
    const outside = runCli(['check', 'contracts', '--format', 'json'], dir);
    const strip = (out: string) =>
      (JSON.parse(out) as { file: string }[]).map((d) => ({
        ...d,
        file: d.file.replace(/^.*contracts\//, ''),
      }));
    expect(outside.status).toBe(1);
    expect(strip(outside.stdout)).toEqual(strip(inside.stdout));
    expect(strip(outside.stdout)[0]).toMatchObject({ code: 'CG201', severity: 'error' });
  });

  it('prints GitHub annotations with --format github', () => {
    const dir = copyOutside(join(bad, 'callback-returns-value', 'contracts'));
    const result = runCli(['check', '--format', 'github'], dir);
    expect(result.stdout).toMatch(
      /^::error file=contracts\/[\w/-]+\.ts,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=CG101::/m,
    );
    expect(result.status).toBe(1);
  });

  it('reports a missing folder with a code and exits 1', () => {
    const result = runCli(['check', 'no-such-folder', '--format', 'json']);
    expect(JSON.parse(result.stdout)).toMatchObject([{ code: 'CG004', severity: 'error' }]);
    expect(result.status).toBe(1);
  });
});

describe('the command line', () => {
  it('exits 2 on an unknown option, saying what is wrong', () => {
    const result = runCli(['check', '--bogus']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Unknown argument/i);
  });

  it('prints the version from package.json', () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(runCli(['--version']).stdout.trim()).toBe(version);
  });

  it('prints help without loading the compiler', () => {
    const result = runCli(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('contract-gen check [dir]');
    expect(result.stdout).toContain('--format');
  });
});

describe('contract-gen generate', () => {
  it('keeps the committed generated/ in step with contracts/ (CI fails when it is stale)', () => {
    const result = runCli(['generate', 'contracts', '--out', 'generated', '--check']);
    expect(result.stderr).toContain('up to date');
    expect(result.status).toBe(0);
  });

  it('--check names the stale file after a contract edit, and generate then fixes it', () => {
    const dir = copyOutside(join(repoRoot, 'contracts'));
    expect(runCli(['generate'], dir).status).toBe(0);
    expect(runCli(['generate', '--check'], dir).status).toBe(0);
    const chat = join(dir, 'contracts', 'chat.ts');
    writeFileSync(
      chat,
      readFileSync(chat, 'utf8').replace(
        'leave(room: string): Promise<void>;',
        'leave(room: string, reason?: string): Promise<void>;',
      ),
    );
    const stale = runCli(['generate', '--check'], dir);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(/stale: +generated\/chat\.(schema|server|client)\.ts/);
    expect(stale.stderr).toContain("Run 'contract-gen generate contracts --out generated'");
    expect(runCli(['generate'], dir).status).toBe(0);
    expect(runCli(['generate', '--check'], dir).status).toBe(0);
  });

  it('emits the same bytes every time', () => {
    const dir = copyOutside(join(repoRoot, 'contracts'));
    runCli(['generate', '--out', 'a'], dir);
    runCli(['generate', '--out', 'b'], dir);
    for (const file of [
      'chat.schema.ts',
      'chat.server.ts',
      'chat.client.ts',
      'board.schema.ts',
      'common.schema.ts',
    ]) {
      expect(readFileSync(join(dir, 'b', file), 'utf8')).toBe(
        readFileSync(join(dir, 'a', file), 'utf8'),
      );
      expect(readFileSync(join(dir, 'a', file), 'utf8')).toBe(
        readFileSync(join(repoRoot, 'generated', file), 'utf8'),
      );
    }
  });

  it('removes the outputs of a deleted contract, and only those', () => {
    const dir = copyOutside(join(repoRoot, 'contracts'));
    runCli(['generate'], dir);
    writeFileSync(join(dir, 'generated', 'mine.ts'), 'export const mine = 1;\n');
    cpSync(join(dir, 'contracts', 'board.ts'), join(dir, 'board.bak'));
    // Deleting board.ts: its three outputs become orphans.
    writeFileSync(join(dir, 'contracts', 'board.ts'), '');
    const check = runCli(['generate', '--check'], dir);
    expect(check.stderr).toMatch(/orphaned: +generated\/board\.client\.ts/);
    expect(runCli(['generate'], dir).stderr).toContain('3 removed');
    expect(readFileSync(join(dir, 'generated', 'mine.ts'), 'utf8')).toContain('mine');
  });

  it('does not write anything when the contracts have errors', () => {
    const dir = copyOutside(join(bad, 'callback-returns-value', 'contracts'));
    const result = runCli(['generate'], dir);
    expect(result.status).toBe(1);
    expect(() => readFileSync(join(dir, 'generated', 'x.ts'))).toThrow();
  });
});
