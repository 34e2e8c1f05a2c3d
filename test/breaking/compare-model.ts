import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareContracts, type BreakingChange } from '../../src/breaking/compare-contracts.js';
import type { Contract } from '../../src/contract/model.js';
import { generate, hasErrors } from '../../src/generator.js';

const header = "import type { Callback, Service } from 'contract-gen';\n";

/** Reads one contract file's text as a contracts folder (in a fresh temp folder) and returns its model; throws on errors. */
export async function modelOf(source: string): Promise<Contract> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-breaking-'));
  mkdirSync(join(dir, 'contracts'));
  writeFileSync(join(dir, 'contracts', 'api.ts'), header + source);
  const result = await generate({ contractsDir: join(dir, 'contracts'), checkOnly: true });
  if (!result.contract || hasErrors(result.diagnostics)) {
    throw new Error(
      `contract does not check:\n${result.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n')}\n${source}`,
    );
  }
  return result.contract;
}

/** The breaking changes from `before` to `after`, both contract sources. */
export async function changesBetween(before: string, after: string): Promise<BreakingChange[]> {
  return compareContracts(await modelOf(before), await modelOf(after));
}
