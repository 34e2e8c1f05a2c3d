/**
 * The pipeline's folders depend one way: the contract (reader, model,
 * checks) knows nothing of the emitter. The naming rules both use live in
 * src/names, so a check can name what generated code will declare without
 * importing src/emit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(import.meta.dirname, '..', '..', 'src');

/** Every relative module a source file imports or re-exports, statically or with `import()`, resolved to a path under src. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)'(\.[^']*)'/g),
  ].map((m) => m[1]!);
  return specifiers.map((s) => relative(src, resolve(dirname(file), s)));
}

function sourcesUnder(folder: string): string[] {
  return readdirSync(join(src, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('folder layering', () => {
  it.each(['contract', 'names'])('nothing under src/%s imports from src/emit', (folder) => {
    const files = sourcesUnder(folder);
    expect(files.length).toBeGreaterThan(0);
    const offending = files.flatMap((file) =>
      importsOf(file)
        .filter((target) => target === 'emit' || target.startsWith(`emit/`))
        .map((target) => `${relative(src, file)} → ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it('sees an import of src/emit where there is one', () => {
    // Guards the scan itself: the emitter imports its own folder's modules.
    expect(importsOf(join(src, 'emit', 'emit-contract.ts'))).toContain('emit/emit-context.js');
  });
});
