import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

/** The packages (bare specifiers) a module loads, following its relative imports (type-only imports left out: they vanish). */
function packagesLoadedBy(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, typeOnly, specifier] of text.matchAll(/^(?:import|export)\s+(type\s)?[^'";]*?from\s+'([^']+)'/gm)) {
      if (typeOnly !== undefined || specifier === undefined) continue;
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier);
    }
    for (const [, specifier] of text.matchAll(/\bimport\('([^']+)'\)/g)) if (specifier !== undefined && !specifier.startsWith('.')) packages.add(specifier);
  };
  visit(join(src, entry));
  return packages;
}

// better-sqlite3 and ioredis are optional peers: only the subpath that needs one may load it.
describe('optional peer dependencies', () => {
  it('contract-gen/server loads neither store library', () => {
    const loaded = packagesLoadedBy('runtime/server/index.ts');
    expect([...loaded].filter((p) => p === 'better-sqlite3' || p === 'ioredis')).toEqual([]);
  });

  it('contract-gen/server/sqlite loads better-sqlite3 and not ioredis; contract-gen/server/redis the reverse', () => {
    const sqlite = packagesLoadedBy('runtime/server/stores/sqlite/index.ts');
    const redis = packagesLoadedBy('runtime/server/stores/redis/index.ts');
    expect(sqlite.has('better-sqlite3') && !sqlite.has('ioredis')).toBe(true);
    expect(redis.has('ioredis') && !redis.has('better-sqlite3')).toBe(true);
  });

  it('contract-gen/client loads no store and no Node built-in', () => {
    expect([...packagesLoadedBy('runtime/client/index.ts')]).toEqual([]);
  });
});
