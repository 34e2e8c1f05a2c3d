// fileSession (@contract-gen/runtime/client/file-session) on Node, Deno and Bun: nothing saved
// loads as nothing, a saved session loads as saved, the file is its owner's only (0600), a
// damaged file loads as nothing (the client then starts afresh), and undefined removes it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDeno } from '../../scripts/ensure-deno.mjs';

const root = join(import.meta.dirname, '..', '..');
const script = join(import.meta.dirname, 'fixtures', 'file-session-check.mjs');
const dir = mkdtempSync(join(tmpdir(), 'cg-file-session-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const runtimes: [string, () => string[]][] = [
  ['node', () => [process.execPath]],
  ['deno', () => [...ensureDeno(), 'run', '--allow-read', '--allow-write']],
  ['bun', () => [join(root, 'node_modules', '.bin', 'bun')]],
];

describe.each(runtimes)('fileSession on %s', (name, command) => {
  it('saves, loads, refuses a damaged file and forgets', () => {
    if (!existsSync(join(root, 'runtime/dist/client-file/index.js')))
      throw new Error('run `npm run build` first (npm test does)');
    const [bin, ...args] = command();
    const path = join(dir, `${name}.json`);
    const run = spawnSync(bin!, [...args, script, path], { encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toEqual({
      empty: true,
      loaded: {
        v: 1,
        base: 'http://127.0.0.1:1',
        client: 'abc',
        seq: 5,
        next: 3,
        callbacks: [{ id: 2, interfaces: ['FeedEvents'], passedTo: 'Feed.subscribe args[0]' }],
      },
      mode: 0o600,
      damaged: true,
      text: expect.stringContaining('"client":"abc"') as string,
      cleared: true,
      keeps: 'function',
    });
    expect(existsSync(path)).toBe(false);
  }, 180_000);
});
