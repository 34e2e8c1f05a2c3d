import { describe, expect, it } from 'vitest';
import { join, sep } from 'node:path';
import type { ReaderHost } from '../../../src/contract/host/reader-host.js';

/** A host holding `files` (paths relative to `root`, with `/`), and a way to change one file's text. */
export interface HostUnderTest {
  readonly host: ReaderHost;
  readonly root: string;
  rewrite(file: string, text: string): void;
}

const files = {
  'a.ts': 'export interface A { a: string }\n',
  'sub/b.ts': 'export interface B { b: number }\n',
  'sub/deeper/c.ts': 'export type C = string;\n',
};

/**
 * What every {@link ReaderHost} must do, whatever holds the files: the
 * contract reader relies on nothing else. Run against each host.
 */
export function describeReaderHost(
  name: string,
  make: (files: Readonly<Record<string, string>>) => HostUnderTest,
): void {
  describe(`${name} (the shared host suite)`, () => {
    it('stats files and folders, and nothing where nothing is', () => {
      const { host, root } = make(files);
      expect(host.stat(root)?.kind).toBe('folder');
      expect(host.stat(join(root, 'sub'))?.kind).toBe('folder');
      expect(host.stat(join(root, 'a.ts'))?.kind).toBe('file');
      expect(host.stat(join(root, 'nope.ts'))).toBeUndefined();
      expect(host.stat(join(root, 'nope', 'x.ts'))).toBeUndefined();
    });

    it('lists the names directly in a folder, each a file or a folder', () => {
      const { host, root } = make(files);
      const sorted = (path: string) =>
        [...(host.list(path) ?? [])].sort((x, y) => (x.name < y.name ? -1 : 1));
      expect(sorted(root)).toEqual([
        { name: 'a.ts', kind: 'file' },
        { name: 'sub', kind: 'folder' },
      ]);
      expect(sorted(join(root, 'sub'))).toEqual([
        { name: 'b.ts', kind: 'file' },
        { name: 'deeper', kind: 'folder' },
      ]);
      expect(host.list(join(root, 'nope'))).toBeUndefined();
    });

    it('reads the text of a file, and nothing for a missing one', () => {
      const { host, root } = make(files);
      expect(host.readFile(join(root, 'sub', 'b.ts'))).toBe(files['sub/b.ts']);
      expect(host.readFile(join(root, 'nope.ts'))).toBeUndefined();
    });

    it('names one file by any spelling of its path', () => {
      const { host, root } = make(files);
      expect(host.readFile(`${join(root, 'sub')}${sep}..${sep}a.ts`)).toBe(files['a.ts']);
      expect(host.stat(`${root}${sep}`)?.kind).toBe('folder');
    });

    it("changes a file's version when its text changes", () => {
      const made = make(files);
      const path = join(made.root, 'a.ts');
      const before = made.host.stat(path)?.version;
      expect(made.host.stat(path)?.version).toBe(before);
      made.rewrite('a.ts', 'export interface A { a: string; more: boolean }\n');
      expect(made.host.stat(path)?.version).not.toBe(before);
      expect(made.host.readFile(path)).toContain('more');
    });
  });
}
