import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createGenerator } from '../../src/generator.js';
import { fuzzParameters } from './fuzz-config.js';

// Mutated contract files: whatever the text, the reader and the checks end
// with diagnostics (or a clean model), never an exception.
const base = readFileSync(join(import.meta.dirname, '..', '..', 'contracts', 'board.ts'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'cg-fuzz-reader-'));
const file = join(dir, 'board.ts');
const common = readFileSync(
  join(import.meta.dirname, '..', '..', 'contracts', 'common.ts'),
  'utf8',
);
writeFileSync(join(dir, 'common.ts'), common);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tokens = [
  '{',
  '}',
  '(',
  ')',
  '<',
  '>',
  '[',
  ']',
  ';',
  ':',
  '?',
  '|',
  '&',
  ',',
  '=>',
  'extends',
  'interface',
  'type',
  'enum',
  'Promise<',
  'void',
  'Date',
  'bigint',
  'Callback',
  'Service',
  'Map<string, number>',
  'symbol',
  'any',
  'never',
  'import',
  '"',
  "'",
  '`',
  '/*',
  '*/',
  '//',
  '\n',
  '...',
  'keyof',
  'typeof',
  'infer',
  'T',
  'Page<Task>',
  '@deprecated',
];

/** A mutation: delete a slice, insert a token, or duplicate a slice, at a position. */
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 8 })),
  }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 80 }),
  }),
);

type Mutation =
  | { kind: 'delete' | 'duplicate'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string };

function apply(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = m.at % (out.length + 1);
    if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
    else if (m.kind === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else out = out.slice(0, at) + out.slice(at, at + m.length) + out.slice(at);
  }
  return out;
}

describe('the contract reader under mutated contracts', () => {
  it('always ends with diagnostics or a model, never an exception', async () => {
    // One long-lived generator, as watch mode uses it: each case rewrites the file and re-reads it.
    const generator = createGenerator({ contractsDir: dir, checkOnly: true });
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        writeFileSync(file, apply(base, mutations));
        const result = await generator.run([file]);
        for (const d of result.diagnostics) {
          expect(d.code).toMatch(/^CG\d{3}$/);
          expect(typeof d.message).toBe('string');
          if (d.span) expect(d.span.line).toBeGreaterThanOrEqual(1);
        }
        // The model is always plain data.
        expect(() => JSON.stringify(result.contract)).not.toThrow();
      }),
      fuzzParameters(),
    );
  }, 600_000);
});
