import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryHost } from '../../../src/contract/host/create-memory-host.js';
import { readContracts } from '../../../src/contract/read/read-contracts.js';
import { createGenerator, generate } from '../../../src/generator.js';
import { writeContracts } from './temp-contracts.js';

const fixtures = resolve('test/fixtures');

/** Every contracts folder among the fixtures: good, bad (each check) and one per type construct. */
function contractFolders(): string[] {
  const found: string[] = [join(fixtures, 'good', 'contracts')];
  for (const group of ['bad', 'types']) {
    for (const name of readdirSync(join(fixtures, group)).sort())
      found.push(join(fixtures, group, name, 'contracts'));
  }
  return found.filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory());
}

/** Every file below `dir` (whatever its kind: the host must list as the disk does), read into memory under `root`. */
function intoMemory(dir: string, root: string) {
  const files: (readonly [string, string])[] = [];
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else files.push([join(root, relative(dir, path)), readFileSync(path, 'utf8')]);
    }
  };
  visit(dir);
  return createMemoryHost(files);
}

/** Somewhere that is not on disk: the memory host must not need the folder to exist. */
const virtual = resolve('/virtual/contracts');

describe('reading through a host', () => {
  it.each(contractFolders().map((dir) => [relative(fixtures, dir), dir]))(
    'reads %s from memory as from disk: the same model and diagnostics',
    async (_name, dir) => {
      const fromDisk = readContracts({ contractsDir: dir });
      expect(readContracts({ contractsDir: dir, host: intoMemory(dir, dir) })).toEqual(fromDisk);
      // Spans name files relative to the folder, so where the folder is changes nothing.
      expect(readContracts({ contractsDir: virtual, host: intoMemory(dir, virtual) })).toEqual(
        fromDisk,
      );
      const checked = await generate({ contractsDir: dir, checkOnly: true });
      expect(
        await generate({ contractsDir: virtual, checkOnly: true, host: intoMemory(dir, virtual) }),
      ).toEqual(checked);
    },
  );

  it('gives the reader-only diagnostics (syntax, imports outside the folder, no files, no folder) alike', () => {
    const files = {
      'broken.ts': 'export interface Broken { a: string \n',
      'outside.ts':
        "import type { X } from '../x.js';\nimport type { Y } from 'some-package';\nexport interface O { x: X; y: Y }\n",
      'notes/readme.md': 'not a contract',
      '.hidden/skipped.ts': 'export interface Skipped { s: string }\n',
      'types.d.ts': 'export interface D { d: string }\n',
    };
    const dir = writeContracts(files);
    const fromDisk = readContracts({ contractsDir: dir });
    expect(fromDisk.diagnostics.map((d) => d.code).sort()).toEqual(['CG001', 'CG002', 'CG002']);
    expect(readContracts({ contractsDir: dir, host: intoMemory(dir, dir) })).toEqual(fromDisk);

    const onlyNotes = writeContracts({ 'readme.md': 'no contracts here' });
    expect(
      readContracts({ contractsDir: onlyNotes, host: intoMemory(onlyNotes, onlyNotes) }),
    ).toEqual(readContracts({ contractsDir: onlyNotes }));
    const missing = join(onlyNotes, 'nowhere');
    expect(readContracts({ contractsDir: missing, host: createMemoryHost() })).toEqual(
      readContracts({ contractsDir: missing }),
    );
    const aFile = join(onlyNotes, 'readme.md');
    expect(readContracts({ contractsDir: aFile, host: intoMemory(onlyNotes, onlyNotes) })).toEqual(
      readContracts({ contractsDir: aFile }),
    );
  });

  it('reads again only the files it is told changed in the host, as it does on disk', async () => {
    const path = join(virtual, 'shop.ts');
    const host = createMemoryHost([
      [
        path,
        "import type { Service } from 'contract-gen';\nexport interface Shop extends Service { get(): Promise<string> }\n",
      ],
    ]);
    const generator = createGenerator({ contractsDir: virtual, checkOnly: true, host });
    expect((await generator.run()).diagnostics).toEqual([]);
    host.set(
      path,
      "import type { Service } from 'contract-gen';\nexport interface Shop extends Service { get(): string }\n",
    );
    // Not told: the parse kept from the last run stands.
    expect((await generator.run()).diagnostics).toEqual([]);
    expect((await generator.run([path])).diagnostics.map((d) => d.code)).toEqual(['CG104']);
  });
});
