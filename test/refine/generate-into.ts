import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate, hasErrors, writeOutputs, type Diagnostic } from '../../src/generator.js';
import { repoRoot } from '../support/cli.js';

export interface Generated {
  /** The folder holding contracts/ and generated/ (under test-output/, so the runtime resolves). */
  readonly dir: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Imports a generated module by name (`api.schema.ts`). */
  load(module: string): Promise<Record<string, unknown>>;
  remove(): void;
}

/**
 * Writes contract files, generates them (both halves) into a fresh folder
 * under test-output/ (inside the repository, so generated code finds
 * `@contract-gen/runtime`), and imports what it wrote. Throws on errors
 * unless `allowErrors`.
 */
export async function generateInto(
  files: Readonly<Record<string, string>>,
  allowErrors = false,
): Promise<Generated> {
  mkdirSync(join(repoRoot, 'test-output'), { recursive: true });
  const dir = mkdtempSync(join(repoRoot, 'test-output', 'refine-'));
  const contractsDir = join(dir, 'contracts');
  mkdirSync(contractsDir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(contractsDir, name), text);
  const outDir = join(dir, 'generated');
  const result = await generate({ contractsDir, outDir });
  if (hasErrors(result.diagnostics) && !allowErrors)
    throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  if (!hasErrors(result.diagnostics)) await writeOutputs(outDir, result.files);
  return {
    dir,
    diagnostics: result.diagnostics,
    load: async (module) =>
      (await import(pathToFileURL(join(outDir, module)).href)) as Record<string, unknown>,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
