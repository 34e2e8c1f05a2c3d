/**
 * The contract reader: the only code that knows TypeScript's compiler.
 *
 * It reads through a host (../host: the disk by default, or text held in
 * memory, laid over the disk or not), so an editor's unsaved text and a git
 * revision are read as the disk is, with no temporary copies.
 *
 * How it reads, and why (speed: a folder of 300 files must read faster than
 * `tsc --noEmit` checks it):
 *
 * - Contract files are parsed on their own (parents set, JSDoc left as
 *   text) and kept by a long-lived reader, so watch mode re-parses only what
 *   changed (create-contract-reader, contract-sources).
 * - Types are read from syntax, one small handler per construct
 *   (type-node/). Names resolve through each file's own declarations and
 *   imports (file-scope, resolve-type-name), with the import policy that
 *   also reports CG002 (resolve-contract-import).
 * - The type checker is created only when syntax cannot answer: mapped,
 *   conditional and indexed types, intersections, `keyof`, re-exports,
 *   generics whose substitution needs it (is-syntax-simple). Its types are
 *   then walked by type/, over a program with our own compiler options, an
 *   in-memory 'contract-gen' and the ES2022 library (create-contract-program).
 * - Named types are registered before their definitions are walked, from a
 *   queue, so recursion ends at refs and deep chains never grow the stack
 *   (named-type-registry).
 */
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
  return createContractReader({ incremental: false, ...options }).read();
}
