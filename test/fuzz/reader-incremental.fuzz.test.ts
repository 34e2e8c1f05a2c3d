import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createContractReader, readContracts } from '../../src/contract/read/read-contracts.js';
import { fuzzParameters } from './fuzz-config.js';

// The incremental reader (watch mode, the language server) against a fresh
// read: a long-lived reader is given a sequence of mutated versions of both
// contract files, and after each one its model and diagnostics must be the
// ones a fresh read of the folder gives. A fresh read costs tens of
// milliseconds, so this target runs a tenth of the cases of the others.
const root = join(import.meta.dirname, '..', '..', 'contracts');
const originals = {
  'board.ts': readFileSync(join(root, 'board.ts'), 'utf8'),
  'common.ts': readFileSync(join(root, 'common.ts'), 'utf8'),
};
const dir = mkdtempSync(join(tmpdir(), 'cg-fuzz-incremental-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tokens = [
  '{',
  '}',
  '<',
  '>',
  ';',
  ':',
  '?',
  '|',
  ',',
  'extends',
  'interface',
  'type',
  'enum',
  'Promise<',
  'void',
  'Date',
  'Callback',
  'Service',
  'T',
  'Page<Task>',
  'Task',
  'Stamp',
  'export ',
  'import type { Task } from "./board.js";\n',
  '\n',
];

const edit = fc.record({
  file: fc.constantFrom('board.ts' as const, 'common.ts' as const),
  /** Start again from the original text of the file (so the folder comes back to health now and then). */
  restore: fc.boolean(),
  at: fc.nat(),
  kind: fc.constantFrom('delete' as const, 'insert' as const, 'rename' as const),
  /** For a rename: the declaration whose name changes (its uses elsewhere keep the old name). */
  name: fc.constantFrom(
    'Attachment',
    'Board',
    'BoardChange',
    'BoardEvents',
    'Estimate',
    'Page',
    'Priority',
    'Stage',
    'Stamp',
    'Task',
    'TaskPatch',
  ),
  length: fc.integer({ min: 1, max: 30 }),
  text: fc.constantFrom(...tokens),
});

describe('the incremental reader', () => {
  it('gives, after every edit, the model and diagnostics of a fresh read', () => {
    const texts: Record<string, string> = { ...originals };
    for (const [name, text] of Object.entries(texts)) writeFileSync(join(dir, name), text);
    const reader = createContractReader({ contractsDir: dir });
    reader.read();
    const base = fuzzParameters();
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        for (const e of edits) {
          const before = e.restore ? originals[e.file] : (texts[e.file] as string);
          const at = e.at % (before.length + 1);
          texts[e.file] =
            e.kind === 'delete'
              ? before.slice(0, at) + before.slice(at + e.length)
              : e.kind === 'insert'
                ? before.slice(0, at) + e.text + before.slice(at)
                : before.replace(
                    new RegExp(`(interface|type|enum) ${e.name}\\b`),
                    `$1 ${e.name}Renamed`,
                  );
          writeFileSync(join(dir, e.file), texts[e.file] as string);
          reader.refresh([join(dir, e.file)]);
          const warm = reader.read();
          const cold = readContracts({ contractsDir: dir });
          expect(warm.contract).toEqual(cold.contract);
          expect(warm.diagnostics).toEqual(cold.diagnostics);
        }
      }),
      { ...base, numRuns: Math.max(1, Math.ceil((base.numRuns ?? 1000) / 10)) },
    );
  }, 600_000);
});
