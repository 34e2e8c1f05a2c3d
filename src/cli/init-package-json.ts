import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** This package's own package.json: its version, and the versions it is built and tested with. */
interface OwnPackage {
  readonly version: string;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

interface PackageJson {
  name?: string;
  type?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

export const initScripts: Readonly<Record<string, string>> = {
  generate: 'contract-gen generate',
  'generate:check': 'contract-gen generate --check',
  build: 'contract-gen generate && tsc',
  start: 'node build/server.js',
  client: 'node build/client.js',
};

/** What the project needs at run time and to build, at the versions this generator is made for. */
export function initDependencies(own: OwnPackage): {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
} {
  const dev = own.devDependencies ?? {};
  return {
    dependencies: {
      '@contract-gen/runtime': `^${own.version}`,
      ws: dev.ws ?? '^8.18.0',
    },
    devDependencies: {
      '@types/node': dev['@types/node'] ?? '^20.19.0',
      '@types/ws': dev['@types/ws'] ?? '^8.18.0',
      'contract-gen': `^${own.version}`,
      typescript: dev.typescript ?? '^5.9.0',
    },
  };
}

/**
 * Creates package.json, or adds to an existing one only what it lacks:
 * `"type": "module"`, each script and each dependency it does not have (a
 * script or a version already there is left as it is). Returns what it did,
 * as lines to print, and what the user must settle by hand.
 */
export function mergePackageJson(cwd: string): { lines: string[]; warnings: string[] } {
  const own = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as OwnPackage;
  const wanted = initDependencies(own);
  const file = join(cwd, 'package.json');
  const exists = existsSync(file);
  const text = exists ? readFileSync(file, 'utf8') : '';
  const pkg: PackageJson = exists
    ? (JSON.parse(text) as PackageJson)
    : { name: packageName(cwd), version: '0.1.0', private: true };
  const lines: string[] = [];
  const warnings: string[] = [];
  if (pkg.type === undefined) {
    pkg.type = 'module';
    if (exists) lines.push('  set "type": "module" in package.json');
  } else if (pkg.type !== 'module') {
    warnings.push(
      `package.json has "type": "${pkg.type}"; the generated code and src/ are ES modules: set "type": "module".`,
    );
  }
  const added = (field: 'scripts' | 'dependencies' | 'devDependencies', entries: object) => {
    const current = pkg[field] ?? {};
    const missing = Object.entries(entries).filter(([name]) => !(name in current));
    if (missing.length > 0) pkg[field] = { ...current, ...Object.fromEntries(missing) };
    return missing.map(([name]) => name);
  };
  for (const name of added('scripts', initScripts)) lines.push(`  added npm script "${name}"`);
  const deps = [
    ...added('dependencies', wanted.dependencies),
    ...added('devDependencies', wanted.devDependencies),
  ];
  if (deps.length > 0) lines.push(`  added dependencies ${deps.join(', ')}`);
  if (exists && lines.length === 0)
    return { lines: ['  kept package.json (has all it needs)'], warnings };
  const indent = (exists && /^[ \t]+/m.exec(text)?.[0]) || '  ';
  writeFileSync(file, `${JSON.stringify(pkg, null, indent)}\n`);
  if (!exists) return { lines: ['  created package.json'], warnings };
  lines.unshift('  updated package.json');
  return { lines, warnings };
}

/** A valid npm name from the folder's name. */
function packageName(cwd: string): string {
  const name = basename(cwd)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+/, '');
  return name || 'app';
}
