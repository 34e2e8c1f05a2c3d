import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ContractGenConfig } from './config.js';
import { ConfigError, validateConfig } from './validate-config.js';

/** The names looked for, in this order, in each folder from the current one up. */
export const configFileNames = [
  'contract-gen.config.ts',
  'contract-gen.config.mts',
  'contract-gen.config.mjs',
  'contract-gen.config.js',
  'contract-gen.config.json',
] as const;

/** A config and where it was found; its paths resolved against that folder. */
export interface LoadedConfig {
  readonly file: string;
  readonly dir: string;
  readonly config: ContractGenConfig;
}

/** The nearest config file from `cwd` up to the filesystem root, or undefined. */
export function findConfig(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const found = configFileNames.map((name) => join(dir, name)).find((file) => existsSync(file));
    if (found) return found;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Loads and validates a config file; a bad one is a ConfigError naming the file. */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  const value = file.endsWith('.json') ? readJson(file) : await importModule(file);
  return { file, dir: dirname(file), config: validateConfig(value, file) };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(file, `not valid JSON (${(error as Error).message}).`);
  }
}

async function importModule(file: string): Promise<unknown> {
  const isTs = /\.m?ts$/.test(file);
  // A TypeScript config is transpiled beside itself, so its imports resolve
  // from the user's project exactly as they would for the .ts file.
  const target = isTs ? join(dirname(file), `.${basename(file)}.${process.pid}.mjs`) : file;
  try {
    if (isTs) {
      const { transpileConfig } = await import('../contract/read/transpile-config.js');
      writeFileSync(target, transpileConfig(readFileSync(file, 'utf8'), file));
    }
    const module = (await import(pathToFileURL(target).href)) as { default?: unknown };
    if (module.default === undefined) throw new ConfigError(file, 'the config has no default export (export default defineConfig({ ... })).');
    return module.default;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(file, `could not be loaded: ${(error as Error).message}`);
  } finally {
    if (isTs) rmSync(target, { force: true });
  }
}
