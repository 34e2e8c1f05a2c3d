// The host subpaths stay thin: none loads its framework at run time (they
// are optional peers, typed structurally or imported for types only), and
// the Deno, Bun and Hono ones load no Node built-in, so they run on those
// runtimes without Node compatibility.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'runtime', 'src');

/** The bare specifiers a module loads at run time, following its relative imports (type-only ones vanish). */
function loadedBy(entry: string): string[] {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
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
  };
  visit(join(src, entry));
  return [...packages].sort();
}

describe('host subpaths', () => {
  it.each(['express', 'koa', 'fastify'])('server/%s loads only Node built-ins', (host) => {
    expect(loadedBy(`server/hosts/${host}/index.ts`).filter((p) => !p.startsWith('node:'))).toEqual(
      [],
    );
  });

  it.each(['hono', 'deno', 'bun'])('server/%s loads no package and no Node built-in', (host) => {
    expect(loadedBy(`server/hosts/${host}/index.ts`)).toEqual([]);
  });
});
