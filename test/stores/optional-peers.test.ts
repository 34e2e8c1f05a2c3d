import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'runtime', 'src');

/** The packages (bare specifiers) a module loads, following its relative imports (type-only imports left out: they vanish). */
function packagesLoadedBy(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, typeOnly, specifier] of text.matchAll(
      /^(?:import|export)\s+(type\s)?[^'";]*?from\s+'([^']+)'/gm,
    )) {
      if (typeOnly !== undefined || specifier === undefined) continue;
      if (specifier.startsWith('.'))
        visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier);
    }
    for (const [, specifier] of text.matchAll(/\bimport\('([^']+)'\)/g))
      if (specifier !== undefined && !specifier.startsWith('.')) packages.add(specifier);
  };
  visit(join(src, entry));
  return packages;
}

// better-sqlite3 and ioredis are optional peers: only the subpath that needs one may load it.
describe('optional peer dependencies', () => {
  it('@contract-gen/runtime/server loads neither store library', () => {
    const loaded = packagesLoadedBy('server/index.ts');
    expect([...loaded].filter((p) => p === 'better-sqlite3' || p === 'ioredis')).toEqual([]);
  });

  it('@contract-gen/runtime/server/sqlite loads better-sqlite3 and not ioredis; contract-gen/server/redis the reverse', () => {
    const sqlite = packagesLoadedBy('server/stores/sqlite/index.ts');
    const redis = packagesLoadedBy('server/stores/redis/index.ts');
    expect(sqlite.has('better-sqlite3') && !sqlite.has('ioredis')).toBe(true);
    expect(redis.has('ioredis') && !redis.has('better-sqlite3')).toBe(true);
  });

  it('@contract-gen/runtime/client loads no store and no Node built-in', () => {
    expect([...packagesLoadedBy('client/index.ts')]).toEqual([]);
  });

  // The web-standard server runs on Deno, Bun and workers: node:http and ws live under server/node only.
  it('@contract-gen/runtime/server loads no Node built-in and no package; server/node loads node:http', () => {
    expect([...packagesLoadedBy('server/index.ts')]).toEqual([]);
    expect(packagesLoadedBy('server/node/index.ts').has('node:http')).toBe(true);
  });

  it('the runtime root, schema, protocol and webhooks load nothing', () => {
    for (const entry of ['index.ts', 'schema/index.ts', 'protocol/index.ts', 'webhooks/index.ts'])
      expect([...packagesLoadedBy(entry)]).toEqual([]);
  });
});
