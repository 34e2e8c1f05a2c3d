import {
  createContractReader,
  type ReadContractsOptions,
  type ReadResult,
} from './create-contract-reader.js';

export { createContractReader } from './create-contract-reader.js';
export type { ContractReader, ReadContractsOptions, ReadResult } from './create-contract-reader.js';

/**
 * Reads a folder of contract `.ts` files into the contract model, with the
 * diagnostics only the reader can give: CG001 (syntax), CG002 (imports
 * outside the folder), CG003 (no .ts files), CG004 (no such folder). Never
 * throws for anything in the contracts; the same folder gives the same model.
 *
 * ```ts
 * const { contract, diagnostics } = readContracts({ contractsDir: 'contracts' });
 * ```
 */
export function readContracts(options: ReadContractsOptions): ReadResult {
  return createContractReader(options).read();
}
