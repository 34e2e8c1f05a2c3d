import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiskHost } from '../../../src/contract/host/create-disk-host.js';
import { createMemoryHost } from '../../../src/contract/host/create-memory-host.js';
import { describeReaderHost, type HostUnderTest } from './reader-host-suite.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function onDisk(files: Readonly<Record<string, string>>): HostUnderTest {
  const root = mkdtempSync(join(tmpdir(), 'cg-host-'));
  made.push(root);
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  for (const [file, text] of Object.entries(files)) write(file, text);
  return { host: createDiskHost(), root, rewrite: write };
}

/** A folder that is nowhere on disk: the memory host must not need one. */
const virtualRoot = resolve('/virtual/contracts');

function inMemory(files: Readonly<Record<string, string>>): HostUnderTest {
  const host = createMemoryHost(
    Object.entries(files).map(([file, text]) => [join(virtualRoot, file), text] as const),
  );
  return {
    host,
    root: virtualRoot,
    rewrite: (file, text) => host.set(join(virtualRoot, file), text),
  };
}

/** Memory over disk with nothing set: must behave exactly as the disk. */
function memoryOverDisk(files: Readonly<Record<string, string>>): HostUnderTest {
  const disk = onDisk(files);
  const host = createMemoryHost([], disk.host);
  return { host, root: disk.root, rewrite: (file, text) => host.set(join(disk.root, file), text) };
}

describeReaderHost('createDiskHost', onDisk);
describeReaderHost('createMemoryHost', inMemory);
describeReaderHost('createMemoryHost over the disk', memoryOverDisk);

describe('createMemoryHost laid over another host', () => {
  it('hides the text below while a file is set, and shows it again once dropped', () => {
    const disk = onDisk({ 'a.ts': 'on disk' });
    const path = join(disk.root, 'a.ts');
    const host = createMemoryHost([], disk.host);
    const diskVersion = host.stat(path)?.version;
    host.set(path, 'unsaved');
    expect(host.readFile(path)).toBe('unsaved');
    expect(host.stat(path)?.version).not.toBe(diskVersion);
    host.set(path, undefined);
    expect(host.readFile(path)).toBe('on disk');
    expect(host.stat(path)?.version).toBe(diskVersion);
  });

  it('merges folders: files only in memory are listed beside those below, in folders that exist only in memory', () => {
    const disk = onDisk({ 'a.ts': 'a' });
    const host = createMemoryHost([[join(disk.root, 'new', 'b.ts'), 'b']], disk.host);
    expect([...(host.list(disk.root) ?? [])].sort((x, y) => (x.name < y.name ? -1 : 1))).toEqual([
      { name: 'a.ts', kind: 'file' },
      { name: 'new', kind: 'folder' },
    ]);
    expect(host.stat(join(disk.root, 'new'))?.kind).toBe('folder');
    expect(host.list(join(disk.root, 'new'))).toEqual([{ name: 'b.ts', kind: 'file' }]);
  });

  it('never repeats a version for a file dropped and set again', () => {
    const host = createMemoryHost();
    const path = join(virtualRoot, 'a.ts');
    host.set(path, 'x');
    const first = host.stat(path)?.version;
    host.set(path, undefined);
    host.set(path, 'x');
    expect(host.stat(path)?.version).not.toBe(first);
  });

  it('without a host below, sees nothing of the disk', () => {
    const disk = onDisk({ 'a.ts': 'a' });
    const host = createMemoryHost();
    expect(host.stat(disk.root)).toBeUndefined();
    expect(host.readFile(join(disk.root, 'a.ts'))).toBeUndefined();
  });
});
