import { relative, resolve } from 'node:path';
import type { ImportExtension } from '../config/config.js';
import { detectImportExtension } from '../config/detect-import-extension.js';
import { findConfig, loadConfig } from '../config/load-config.js';
import type { EmitTarget } from '../emit/emit-contract.js';

/** What the command line said; undefined where a flag was not given. */
export interface FlagOptions {
  readonly dir?: string | undefined;
  readonly out?: string | undefined;
  readonly target?: EmitTarget | undefined;
  readonly runtime?: string | undefined;
  readonly importExtension?: ImportExtension | undefined;
  readonly contractTypes?: 'import' | 'copy' | undefined;
  /** An explicit config file (`--config`); otherwise the nearest one is used. */
  readonly config?: string | undefined;
}

/** Options after flags, the config file and defaults are merged. Paths are as the user will read them. */
export interface ResolvedOptions {
  readonly dir: string;
  readonly out: string;
  readonly target: EmitTarget;
  readonly runtime: string;
  readonly importExtension: ImportExtension;
  readonly contractTypes: 'import' | 'copy';
  /** The config file used, relative to cwd, if any. */
  readonly configFile?: string;
}

/** Flags win over the config file, which wins over the defaults. */
export async function resolveOptions(flags: FlagOptions, cwd: string): Promise<ResolvedOptions> {
  const file = flags.config ? resolve(cwd, flags.config) : findConfig(cwd);
  const loaded = file ? await loadConfig(file) : undefined;
  const fromConfig = (path: string | undefined) =>
    path && loaded ? display(cwd, resolve(loaded.dir, path)) : undefined;
  const config = loaded?.config ?? {};
  const out = flags.out ?? fromConfig(config.out) ?? 'generated';
  return {
    dir: flags.dir ?? fromConfig(config.contracts) ?? 'contracts',
    out,
    target: flags.target ?? config.target ?? 'both',
    runtime: flags.runtime ?? config.runtime ?? '@contract-gen/runtime',
    importExtension:
      flags.importExtension ?? config.importExtension ?? detectImportExtension(resolve(cwd, out)),
    contractTypes: flags.contractTypes ?? config.contractTypes ?? 'import',
    ...(loaded ? { configFile: display(cwd, loaded.file) } : {}),
  };
}

function display(cwd: string, path: string): string {
  return relative(cwd, path) || '.';
}
