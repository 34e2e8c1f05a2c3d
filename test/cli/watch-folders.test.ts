import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchFolders, type FolderWatch } from '../../src/cli/watch-folders.js';

let watch: FolderWatch | undefined;
afterEach(() => watch?.close());

/** Records every change; `until` waits (generously) for one that satisfies a condition. */
function recorder(root: string) {
  const seen: { path: string; folder: boolean }[] = [];
  const waiters: (() => void)[] = [];
  watch = watchFolders(root, (path, folder) => {
    seen.push({ path, folder });
    waiters.splice(0).forEach((w) => w());
  });
  const until = (done: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`not seen within 20 s: ${JSON.stringify(seen)}`)),
        20_000,
      );
      const check = () => {
        if (done()) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(check);
      };
      check();
    });
  return { seen, until };
}

describe('watchFolders', () => {
  it('sees each of five rename-writes of one file in a subfolder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cg-watch-folders-'));
    mkdirSync(join(root, 'sub'));
    const file = join(root, 'sub', 'a.ts');
    writeFileSync(file, 'x');
    const { seen, until } = recorder(root);
    for (let i = 1; i <= 5; i++) {
      const before = seen.filter((s) => s.path === file).length;
      writeFileSync(`${file}.tmp`, `x${i}`);
      renameSync(`${file}.tmp`, file);
      await until(() => seen.filter((s) => s.path === file).length > before);
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('watches a folder made later (a dot in its name too), tells it is a folder, and lets it go when removed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cg-watch-folders-'));
    const { seen, until } = recorder(root);
    const folder = join(root, 'v1.2');
    mkdirSync(folder);
    await until(() => seen.some((s) => s.path === folder && s.folder));
    const file = join(folder, 'b.ts');
    writeFileSync(file, 'x');
    await until(() => seen.some((s) => s.path === file && !s.folder));
    const moved = join(root, 'v2');
    renameSync(folder, moved);
    await until(() => seen.some((s) => s.path === moved && s.folder));
    writeFileSync(join(moved, 'c.ts'), 'x');
    await until(() => seen.some((s) => s.path === join(moved, 'c.ts')));
    rmSync(moved, { recursive: true });
    await until(() => seen.filter((s) => s.path === moved && s.folder).length >= 2);
    rmSync(root, { recursive: true, force: true });
  });

  it('does not watch node_modules, dot-folders or what it is told to skip', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cg-watch-folders-'));
    for (const name of ['node_modules', '.git', 'out', 'kept']) mkdirSync(join(root, name));
    const seen: string[] = [];
    watch = watchFolders(
      root,
      (path) => seen.push(path),
      (path) => path === join(root, 'out'),
    );
    for (const name of ['node_modules', '.git', 'out'])
      writeFileSync(join(root, name, 'x.ts'), 'x');
    writeFileSync(join(root, 'kept', 'x.ts'), 'x');
    const deadline = Date.now() + 20_000;
    while (!seen.includes(join(root, 'kept', 'x.ts')) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    // The events of the three earlier writes, had there been any, came before this one's.
    expect([...new Set(seen.filter((p) => p.endsWith('x.ts')))]).toEqual([
      join(root, 'kept', 'x.ts'),
    ]);
    rmSync(root, { recursive: true, force: true });
  });
});
