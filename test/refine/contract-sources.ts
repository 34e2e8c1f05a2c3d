import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Schema } from '../../runtime/src/schema/schema-types.js';
import type { Contract } from '../../src/contract/model.js';
import { generate } from '../../src/generator.js';
import { repoRoot } from '../support/cli.js';

/** A contracts folder and its committed generated code. */
export interface Source {
  readonly name: string;
  readonly contracts: string;
  readonly generated: string;
}

export const sources: readonly Source[] = [
  { name: 'showcase', contracts: 'contracts', generated: 'generated' },
  { name: 'conformance', contracts: 'conformance/contracts', generated: 'conformance/generated' },
  {
    name: 'lsp',
    contracts: 'test/fixtures/lsp/contracts',
    generated: 'test/fixtures/lsp/generated',
  },
  {
    name: 'geojson',
    contracts: 'test/fixtures/geojson/contracts',
    generated: 'test/fixtures/geojson/generated',
  },
  {
    name: 'refinements',
    contracts: 'test/fixtures/refine/contracts',
    generated: 'test/fixtures/refine/generated',
  },
];

/** The model of a source (read and checked, no output). */
export async function modelOfSource(source: Source): Promise<Contract> {
  const result = await generate({
    contractsDir: join(repoRoot, source.contracts),
    checkOnly: true,
  });
  if (!result.contract) throw new Error(`${source.name} did not read`);
  return result.contract;
}

/** Every export of the source's generated schema modules, by name (the same constant wherever re-exported). */
export async function generatedSchemas(source: Source): Promise<Map<string, Schema<unknown>>> {
  const out = new Map<string, Schema<unknown>>();
  const dir = join(repoRoot, source.generated);
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.schema.ts'))
    .sort()) {
    const module = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module))
      if (!out.has(name)) out.set(name, value as Schema<unknown>);
  }
  return out;
}
