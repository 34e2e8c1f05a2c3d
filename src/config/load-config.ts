import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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
  let module: { default?: unknown };
  try {
    module = (await (/\.m?ts$/.test(file)
      ? importTypeScript(file)
      : import(pathToFileURL(file).href))) as { default?: unknown };
  } catch (error) {
    throw new ConfigError(file, `could not be loaded: ${describeLoadError(error)}`);
  }
  if (module.default === undefined)
    throw new ConfigError(
      file,
      'the config has no default export (export default defineConfig({ ... })).',
    );
  return module.default;
}

/**
 * A TypeScript config is compiled in memory by jiti (loaded only then: it
 * is no small module) and its imports resolve from the config's folder, as
 * they would for the .ts file itself. Nothing is written: no file beside the
 * config, no transform cache (`fsCache`), and no module cache, so loading
 * the config again (watch mode, the language server) sees its new text.
 * `interopDefault` off: a config without a default export must be told so,
 * not have its named exports taken for one.
 */
async function importTypeScript(file: string): Promise<unknown> {
  const { createJiti } = await import('jiti');
  return createJiti(file, { fsCache: false, moduleCache: false, interopDefault: false }).import(
    file,
  );
}

/** One line: jiti's parse errors put the place on a line of their own, and a missing import adds Node's require stack. */
function describeLoadError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .split(/\n\s*Require stack:/)[0]!
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}
