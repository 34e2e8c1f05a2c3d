import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { readContracts, type ReadResult } from '../../../src/contract/read/read-contracts.js';

/** test/fixtures/types/: one folder per construct, each a `contracts/` folder and the `model.json` it must read as. */
export const typesFixtures = fileURLToPath(new URL('../../fixtures/types/', import.meta.url));

/** The printed form goldens are compared in: what `readContracts` returns, as stable JSON. */
export function printResult(result: ReadResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/**
 * Reads test/fixtures/types/<construct>/contracts and compares the printed
 * result with model.json beside it. `UPDATE_GOLDEN=1` rewrites model.json
 * instead: review the diff by eye, a golden must be right, not just current.
 */
export function expectGolden(construct: string): ReadResult {
  const folder = join(typesFixtures, construct);
  const result = readContracts({ contractsDir: join(folder, 'contracts') });
  const printed = printResult(result);
  const golden = join(folder, 'model.json');
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, printed);
  expect(existsSync(golden), `${golden} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(
    true,
  );
  expect(printed).toBe(readFileSync(golden, 'utf8'));
  return result;
}
