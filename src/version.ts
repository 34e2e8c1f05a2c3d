import { readFileSync } from 'node:fs';

/**
 * The version of contract-gen running now, read from its package.json (from
 * dist/ or src/ alike, both one level below the root). Generated files name
 * it in their header and ask the runtime for it at import.
 */
export const GENERATOR_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
