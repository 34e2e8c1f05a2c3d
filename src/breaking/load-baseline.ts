import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from '../contract/diagnostic.js';
import type { Contract } from '../contract/model.js';
import { generate } from '../generator.js';
import { checkoutContracts } from './checkout-contracts.js';
import { parseModelFile } from './model-file.js';

/** The earlier version to compare with, and how to show places in it. */
export interface Baseline {
  readonly contract: Contract;
  /** Problems of the old contracts themselves (the comparison may be incomplete when there are errors). */
  readonly diagnostics: readonly Diagnostic[];
  /** How to print a file of the old contracts: `HEAD:contracts/chat.ts`, `api-v1.json:chat.ts`. */
  readonly displayFile: (file: string) => string;
  /** The old source of a file, for code frames (absent for a saved model). */
  readonly source: (file: string) => string | undefined;
}

/**
 * Loads `--against`: a model file saved by `breaking --save` when a file of
 * that name exists, else a git ref whose version of the contracts folder is
 * read (from memory, through a host fed by git) with the same reader as the
 * current one. Undefined when the folder did not exist at that ref (nothing
 * to break).
 */
export async function loadBaseline(
  against: string,
  contractsDir: string,
  cwd: string,
): Promise<Baseline | undefined> {
  const file = resolve(cwd, against);
  if (isFile(file)) {
    const contract = parseModelFile(readFileSync(file, 'utf8'), against);
    return {
      contract,
      diagnostics: [],
      displayFile: (f) => `${against}:${f}`,
      source: () => undefined,
    };
  }
  const checkout = checkoutContracts(contractsDir, against);
  if (!checkout) return undefined;
  const { host, dir, pathInRepo } = checkout;
  const result = await generate({ contractsDir: dir, checkOnly: true, host });
  if (!result.contract)
    throw new Error(`contract-gen internal: the contracts at ${against} could not be read`);
  const prefix = pathInRepo === '' ? '' : `${pathInRepo}/`;
  return {
    contract: result.contract,
    diagnostics: result.diagnostics,
    displayFile: (f) => `${against}:${prefix}${f}`,
    source: (f) => host.readFile(resolve(dir, f)),
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
