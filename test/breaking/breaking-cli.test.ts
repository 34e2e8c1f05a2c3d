import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const contract = `import type { Callback, Service } from 'contract-gen';

export interface Note { id: number; text: string; tags?: string[] }

export interface NoteEvents extends Callback {
  added(note: Note): void;
}

export interface Notes extends Service {
  add(text: string, tags?: string[]): Promise<Note>;
  list(): Promise<Note[]>;
  watch(events: NoteEvents): Promise<void>;
}
`;

let repo: string;

/** A git repository with the contract above committed under api/contracts (not at the root, to exercise the path inside the repo). */
function commitContracts(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-breaking-git-'));
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      [
        '-c',
        'user.name=test',
        '-c',
        'user.email=test@example.com',
        '-c',
        'commit.gpgsign=false',
        ...args,
      ],
      { cwd: dir },
    );
  git('init', '-q');
  mkdirSync(join(dir, 'api', 'contracts'), { recursive: true });
  writeFileSync(join(dir, 'api', 'contracts', 'notes.ts'), contract);
  git('add', '.');
  git('commit', '-q', '-m', 'contracts');
  return dir;
}

function edit(from: string, to: string): void {
  const file = join(repo, 'api', 'contracts', 'notes.ts');
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`'${from}' is not in the contract`);
  writeFileSync(file, text.replace(from, to));
}

beforeEach(() => {
  repo = commitContracts();
});

describe('contract-gen breaking --against <git ref>', () => {
  it('exits 0 on a safe edit (a new method, an optional parameter at the end)', () => {
    edit(
      '  list(): Promise<Note[]>;',
      '  list(limit?: number): Promise<Note[]>;\n  remove(id: number): Promise<void>;',
    );
    const result = runCli(['breaking', 'api/contracts', '--against', 'HEAD'], repo);
    expect(result.stderr).toContain('No breaking changes in api/contracts against HEAD');
    expect(result.status).toBe(0);
  });

  it('exits 1 on a breaking edit, with the code, the place in the new contracts and a hint', () => {
    edit('tags?: string[]): Promise<Note>', 'tags: string[]): Promise<Note>');
    const result = runCli(['breaking', 'api/contracts', '--against', 'HEAD'], repo);
    expect(result.stderr).toMatch(
      /^api\/contracts\/notes\.ts:10:\d+ - error CG406: Parameter 'tags' of 'Notes\.add' was made required/m,
    );
    expect(result.stderr).toContain('hint:');
    expect(result.status).toBe(1);
  });

  it('points a removal at where it was, as <ref>:<path>, with the old line in the code frame', () => {
    edit('  added(note: Note): void;\n', '  changed(note: Note): void;\n');
    const result = runCli(
      ['breaking', 'api/contracts', '--against', 'HEAD', '--format', 'json'],
      repo,
    );
    expect(JSON.parse(result.stdout)).toEqual([
      expect.objectContaining({
        code: 'CG404',
        file: 'HEAD:api/contracts/notes.ts',
        line: 6,
        side: 'old',
      }),
    ]);
    expect(runCli(['breaking', 'api/contracts', '--against', 'HEAD'], repo).stderr).toContain(
      '6   added(note: Note): void;',
    );
    expect(result.status).toBe(1);
  });

  it('annotates GitHub with the new file, and a removal without a place but naming it', () => {
    edit('  list(): Promise<Note[]>;\n', '');
    edit('text: string; tags?', 'text: string | null; tags?');
    const result = runCli(
      ['breaking', 'api/contracts', '--against', 'HEAD', '--format', 'github'],
      repo,
    );
    expect(result.stdout).toMatch(
      /^::error file=api\/contracts\/notes\.ts,line=3,col=\d+,endLine=\d+,endColumn=\d+,title=CG419::/m,
    );
    expect(result.stdout).toMatch(
      /^::error title=CG402::Method 'Notes\.list' was removed.*\(was at HEAD:api\/contracts\/notes\.ts:11:3\)/m,
    );
    expect(result.status).toBe(1);
  });

  it('reads the old contracts from git in memory: nothing is written, to a temp folder or in the repository', () => {
    edit('tags?: string[]): Promise<Note>', 'tags: string[]): Promise<Note>');
    // A temp folder that does not exist: a temp copy (even one removed afterwards) would fail to be made.
    const tmp = join(repo, 'no-tmp-here');
    const result = runCli(
      ['breaking', 'api/contracts', '--against', 'HEAD', '--format', 'json'],
      repo,
      { TMPDIR: tmp, TMP: tmp, TEMP: tmp },
    );
    expect(JSON.parse(result.stdout)).toEqual([expect.objectContaining({ code: 'CG406' })]);
    expect(result.status).toBe(1);
    expect(
      execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {
        cwd: repo,
        encoding: 'utf8',
      }),
    ).toBe(' M api/contracts/notes.ts\n');
  });

  it('compares uncommitted edits only: a clean tree against HEAD exits 0', () => {
    expect(runCli(['breaking', 'api/contracts', '--against', 'HEAD', '--quiet'], repo).status).toBe(
      0,
    );
  });

  it('exits 2 for a ref that is not a commit', () => {
    const result = runCli(['breaking', 'api/contracts', '--against', 'no-such-branch'], repo);
    expect(result.stderr).toContain("'no-such-branch' is not a commit");
    expect(result.status).toBe(2);
  });

  it('exits 0 when the folder did not exist at the ref', () => {
    mkdirSync(join(repo, 'api', 'more'));
    writeFileSync(join(repo, 'api', 'more', 'x.ts'), contract);
    const result = runCli(['breaking', 'api/more', '--against', 'HEAD'], repo);
    expect(result.stderr).toContain('did not exist at HEAD');
    expect(result.status).toBe(0);
  });
});

describe('contract-gen breaking --save / --against <model file>', () => {
  it('saves the model, then compares against it like against a ref', () => {
    const saved = runCli(['breaking', 'api/contracts', '--save', 'api/model.json'], repo);
    expect(saved.status).toBe(0);
    expect(JSON.parse(readFileSync(join(repo, 'api', 'model.json'), 'utf8'))).toMatchObject({
      format: 'contract-gen-model',
      version: 1,
    });
    expect(runCli(['breaking', 'api/contracts', '--against', 'api/model.json'], repo).status).toBe(
      0,
    );
    edit('id: number; text', 'id: bigint; text');
    const result = runCli(
      ['breaking', 'api/contracts', '--against', 'api/model.json', '--format', 'json'],
      repo,
    );
    expect(JSON.parse(result.stdout)).toEqual([
      expect.objectContaining({ code: 'CG408', side: 'new' }),
    ]);
    expect(result.status).toBe(1);
  });

  it('needs exactly one of --against and --save (exit 2)', () => {
    expect(runCli(['breaking', 'api/contracts'], repo).status).toBe(2);
  });

  it('refuses a file that is not a saved model (exit 2)', () => {
    writeFileSync(join(repo, 'other.json'), '{"a": 1}');
    const result = runCli(['breaking', 'api/contracts', '--against', 'other.json'], repo);
    expect(result.stderr).toContain('is not a model saved by');
    expect(result.status).toBe(2);
  });
});
