import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, repoRoot } from '../support/cli.js';

interface Summary {
  errors: number;
  written: number;
  removed: number;
}

// One watcher for the whole file: each step changes the contracts, waits for
// the run it causes (a `summary` JSON line) and looks at generated/.
let dir: string;
let child: ChildProcess;
const lines: string[] = [];
const waiters: ((line: string) => void)[] = [];

function nextSummary(): Promise<{ summary: Summary; diagnostics: { code: string }[] }> {
  return new Promise((resolve, reject) => {
    const diagnostics: { code: string }[] = [];
    const timer = setTimeout(
      () => reject(new Error(`no run within 20 s; output so far:\n${lines.join('\n')}`)),
      20_000,
    );
    const take = (line: string) => {
      const parsed = JSON.parse(line) as { summary?: Summary; code?: string };
      if (parsed.summary) {
        clearTimeout(timer);
        resolve({ summary: parsed.summary, diagnostics });
      } else {
        diagnostics.push(parsed as { code: string });
        waiters.unshift(take);
      }
    };
    waiters.push(take);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cg-watch-'));
  cpSync(join(repoRoot, 'contracts'), join(dir, 'contracts'), { recursive: true });
  child = spawn(process.execPath, [cliPath, '--watch', '--format', 'json'], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      lines.push(line);
      waiters.shift()?.(line);
    }
  });
  const first = await nextSummary();
  // Everything the committed contracts generate (what generated/ holds, npm run generate keeps it so).
  expect(first.summary).toMatchObject({
    errors: 0,
    written: readdirSync(join(repoRoot, 'generated')).length,
  });
});

afterAll(() => {
  child?.kill('SIGINT');
});

const out = (name: string) => join(dir, 'generated', name);

/**
 * Waits for runs until one satisfies `done`: an editor's save or a rename can
 * reach the watcher as more than one burst of events, hence more than one run.
 */
async function runUntil(done: (run: Awaited<ReturnType<typeof nextSummary>>) => boolean) {
  for (;;) {
    const run = await nextSummary();
    if (done(run)) return run;
  }
}

describe('contract-gen --watch', () => {
  it('re-emits the outputs of an edited contract', async () => {
    const chat = join(dir, 'contracts', 'chat.ts');
    const run = runUntil(() =>
      readFileSync(out('chat.server.ts'), 'utf8').includes('reason: string | undefined'),
    );
    writeFileSync(
      chat,
      readFileSync(chat, 'utf8').replace(
        'leave(room: string)',
        'leave(room: string, reason?: string)',
      ),
    );
    expect((await run).summary.errors).toBe(0);
    expect(readFileSync(out('chat.client.ts'), 'utf8')).toContain("'leave', [room, reason]");
  });

  it('emits a new contract file', async () => {
    const run = runUntil(() => existsSync(out('extra.schema.ts')));
    writeFileSync(join(dir, 'contracts', 'extra.ts'), 'export interface Extra { at: Date }\n');
    expect((await run).summary.errors).toBe(0);
    expect(readFileSync(out('extra.schema.ts'), 'utf8')).toContain('ExtraSchema');
  });

  it('follows a rename, removing the old outputs', async () => {
    const run = runUntil(
      () => !existsSync(out('extra.schema.ts')) && existsSync(out('more.schema.ts')),
    );
    renameSync(join(dir, 'contracts', 'extra.ts'), join(dir, 'contracts', 'more.ts'));
    expect((await run).summary.errors).toBe(0);
    expect(readFileSync(out('more.schema.ts'), 'utf8')).toContain(
      '// Source: ../contracts/more.ts',
    );
  });

  it('reports an error as it appears, writes nothing then, and clears it when fixed', async () => {
    const chat = join(dir, 'contracts', 'chat.ts');
    const good = readFileSync(chat, 'utf8');
    const before = readFileSync(out('chat.schema.ts'), 'utf8');
    let run = runUntil((r) => r.summary.errors > 0);
    writeFileSync(
      chat,
      good.replace('memberLeft(name: string): void;', 'memberLeft(name: string): boolean;'),
    );
    const broken = await run;
    expect(broken.summary.errors).toBe(1);
    expect(broken.diagnostics.map((d) => d.code)).toEqual(['CG101']);
    expect(readFileSync(out('chat.schema.ts'), 'utf8')).toBe(before);
    run = runUntil((r) => r.summary.errors === 0);
    writeFileSync(chat, good);
    const fixed = await run;
    expect(fixed.diagnostics).toEqual([]);
  });

  // Issue 20: Node 20's recursive fs.watch on Linux lost a file replaced by a rename after the first save.
  it('sees each of five rename-writes (atomic saves) to the same file', async () => {
    const chat = join(dir, 'contracts', 'chat.ts');
    for (let i = 1; i <= 5; i++) {
      const run = runUntil(() =>
        readFileSync(out('chat.client.ts'), 'utf8').includes(`'leave', [room, reason${i}]`),
      );
      const text = readFileSync(chat, 'utf8').replace(
        /leave\(room: string(, \w+\?: string)?\)/,
        `leave(room: string, reason${i}?: string)`,
      );
      // What an editor's atomic save does: a temporary file beside it, renamed over it.
      writeFileSync(`${chat}.tmp-${i}`, text);
      renameSync(`${chat}.tmp-${i}`, chat);
      expect((await run).summary.errors).toBe(0);
    }
  });

  it('sees edits made with `sed -i` (which writes a new file and renames it over the old), twice', async () => {
    const chat = join(dir, 'contracts', 'chat.ts');
    for (const [from, to] of [
      ['reason5', 'why1'],
      ['why1', 'why2'],
    ] as const) {
      const run = runUntil(() =>
        readFileSync(out('chat.client.ts'), 'utf8').includes(`'leave', [room, ${to}]`),
      );
      const sed = spawnSync('sed', ['-i', `s/${from}?: string/${to}?: string/`, chat]);
      expect(sed.status).toBe(0);
      expect((await run).summary.errors).toBe(0);
    }
  });

  it('sees a contract in a folder made after the watch started, and its rename-writes', async () => {
    const folder = join(dir, 'contracts', 'later');
    mkdirSync(folder);
    const file = join(folder, 'late.ts');
    let run = runUntil(() => existsSync(out('later/late.schema.ts')));
    writeFileSync(file, 'export interface Late { a: string }\n');
    expect((await run).summary.errors).toBe(0);
    run = runUntil(() => readFileSync(out('later/late.schema.ts'), 'utf8').includes('b: s.'));
    writeFileSync(`${file}.tmp`, 'export interface Late { a: string; b: number }\n');
    renameSync(`${file}.tmp`, file);
    expect((await run).summary.errors).toBe(0);
    run = runUntil(() => !existsSync(out('later/late.schema.ts')));
    rmSync(folder, { recursive: true });
    expect((await run).summary.errors).toBe(0);
  });

  it('removes the outputs of a deleted contract', async () => {
    const run = runUntil(() => !existsSync(out('more.schema.ts')));
    rmSync(join(dir, 'contracts', 'more.ts'));
    expect((await run).summary.errors).toBe(0);
    expect(existsSync(out('chat.schema.ts'))).toBe(true);
  });
});
