import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ImportExtension } from './config.js';

/**
 * The import extension that fits the user's TypeScript setup, from the
 * tsconfig.json nearest the output folder: `.ts` when it lets imports name
 * `.ts` files (`allowImportingTsExtensions`, `rewriteRelativeImportExtensions`),
 * `.js` otherwise — right for `nodenext`, `node16` and bundlers alike.
 * `extends` is not followed; set `importExtension` in the config to decide.
 */
export function detectImportExtension(outDir: string): ImportExtension {
  const file = nearestTsconfig(outDir);
  if (!file) return '.js';
  const options = readCompilerOptions(file);
  return options['allowImportingTsExtensions'] === true ||
    options['rewriteRelativeImportExtensions'] === true
    ? '.ts'
    : '.js';
}

function nearestTsconfig(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const file = join(dir, 'tsconfig.json');
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) return undefined;
  }
}

function readCompilerOptions(file: string): Record<string, unknown> {
  try {
    // tsconfig is JSON with comments and trailing commas.
    const text = readFileSync(file, 'utf8')
      .replace(
        /("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g,
        (_m, str: string | undefined) => str ?? '',
      )
      .replace(/,(\s*[}\]])/g, '$1');
    const parsed = JSON.parse(text) as { compilerOptions?: Record<string, unknown> };
    return parsed.compilerOptions ?? {};
  } catch {
    return {};
  }
}
