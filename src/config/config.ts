import type { EmitTarget } from '../emit/emit-contract.js';

/** The extension generated relative imports end with. */
export type ImportExtension = '.js' | '.ts' | '';

/**
 * `contract-gen.config.ts` (or `.mjs`, `.js`, `.json`). Paths are relative to
 * the config file's folder. Command-line flags override every field.
 */
export interface ContractGenConfig {
  /** The contracts folder. Default `contracts`. */
  readonly contracts?: string;
  /** The output folder. Default `generated`. */
  readonly out?: string;
  /** Emit the server half, the client half, or both. Default `both`. */
  readonly target?: EmitTarget;
  /** The package generated code imports its runtime from. Default `@contract-gen/runtime`. */
  readonly runtime?: string;
  /**
   * How generated relative imports end: `.js` (right for `nodenext` and
   * bundlers), `.ts` (for `allowImportingTsExtensions`, Deno) or `''`.
   * Default: detected from the tsconfig.json nearest the output folder.
   */
  readonly importExtension?: ImportExtension;
  /**
   * Where generated code takes the contract's types from: `import` them from
   * the contract files (the default), or `copy` each contract file's
   * declarations into `<name>.types.ts` beside the generated files, so the
   * output folder imports nothing outside itself (right when it lives under
   * a tsconfig `rootDir` the contracts are outside of). With `copy`, the
   * application imports the contract's types from the output folder too.
   */
  readonly contractTypes?: 'import' | 'copy';
}

/** Types a config file: `export default defineConfig({ contracts: 'api' })`. */
export function defineConfig(config: ContractGenConfig): ContractGenConfig {
  return config;
}

/** Every key a config may have, for the error that names an unknown one. */
export const configKeys: readonly (keyof ContractGenConfig)[] = [
  'contracts',
  'out',
  'target',
  'runtime',
  'importExtension',
  'contractTypes',
];
