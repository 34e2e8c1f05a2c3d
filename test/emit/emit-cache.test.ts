/**
 * The emit cache keeps a schema module's outputs while its declarations, its
 * lookups and the modules it imports from stay the same. A loop between
 * contract files forming or going away moves types into or out of a shared
 * module, so modules whose declarations did not change still import from
 * elsewhere: each run must still equal a fresh generation.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGenerator, generate } from '../../src/generator.js';
import { repoRoot } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cg-emit-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('incremental emit', () => {
  it('equals a fresh generation as a loop between contract files comes and goes', async () => {
    const contracts = join(dir, 'contracts');
    cpSync(
      join(repoRoot, 'test', 'fixtures', 'good', 'generics-across-files', 'contracts'),
      contracts,
      { recursive: true },
    );
    // d.ts itself never changes, but where it imports DeckSchema from does.
    writeFileSync(
      join(contracts, 'd.ts'),
      "import type { Deck } from './b.js';\n\nexport interface Shelf {\n  decks: Deck[];\n}\n",
    );
    const options = { contractsDir: contracts, outDir: join(dir, 'generated') };
    const watch = createGenerator(options);
    const c = join(contracts, 'c.ts');
    const original = readFileSync(c, 'utf8');
    // Without c.ts's uses of Deck, b.ts and c.ts no longer refer to each other: no shared module.
    const unlooped = original
      .replace("import type { Deck } from './b.js';\n", '')
      .replace('  deck?: Deck;\n', '')
      .replace('  decksOf(card: string): Promise<Page<Deck>>;\n', '');
    const steps = [original, unlooped, original];
    const layouts: string[][] = [];
    for (const [i, text] of steps.entries()) {
      writeFileSync(c, text);
      const result = await watch.run(i === 0 ? undefined : [c]);
      const fresh = await generate(options);
      expect(result.diagnostics).toEqual([]);
      expect(result.files).toEqual(fresh.files);
      layouts.push(result.files.map((f) => f.path));
    }
    expect(layouts[0]).toContain('b.shared.schema.ts');
    expect(layouts[1]).not.toContain('b.shared.schema.ts');
    expect(layouts[2]).toEqual(layouts[0]);
    const shelf = (await generate(options)).files.find((f) => f.path === 'd.schema.ts');
    expect(shelf?.contents).toContain("import { DeckSchema } from './b.shared.schema.js';");
  });
});
