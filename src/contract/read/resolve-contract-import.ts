import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** Where an import in a contract file leads. */
export type ImportResolution =
  | { readonly kind: 'contract-gen' }
  | { readonly kind: 'file'; readonly path: string }
  /** A relative path that leaves the contracts folder, or any package but 'contract-gen'. */
  | { readonly kind: 'outside' }
  /** Inside the folder, but no contract file is there. */
  | { readonly kind: 'missing' };

/**
 * The one import policy, used both to resolve modules for the compiler and
 * to report CG002: contracts may import each other (`./chat.js`, `./chat`,
 * `./chat.ts`, `./chat/index.js`) and the markers' module, 'contract-gen' or
 * '@contract-gen/runtime' (for a project that installs only the runtime),
 * nothing else. Keeping the rest unresolved means nothing outside the folder
 * is ever read.
 */
export function resolveContractImport(
  specifier: string,
  fromFile: string,
  dir: string,
  isContractFile: (absolutePath: string) => boolean,
): ImportResolution {
  if (specifier === 'contract-gen' || specifier === '@contract-gen/runtime')
    return { kind: 'contract-gen' };
  if (!specifier.startsWith('.') && !isAbsolute(specifier)) return { kind: 'outside' };
  const target = resolve(dirname(fromFile), specifier);
  const fromDir = relative(dir, target);
  if (fromDir === '..' || fromDir.startsWith(`..${sep}`) || isAbsolute(fromDir)) {
    return { kind: 'outside' };
  }
  const found = candidates(target).find(isContractFile);
  return found ? { kind: 'file', path: found } : { kind: 'missing' };
}

/** The files a specifier may mean, in the order TypeScript's bundler resolution tries them (`.ts` before `.d.ts`). */
function candidates(target: string): string[] {
  if (/\.js$/.test(target)) {
    const base = target.slice(0, -'.js'.length);
    return [`${base}.ts`, `${base}.d.ts`];
  }
  if (target.endsWith('.ts')) return [target];
  return [
    `${target}.ts`,
    `${target}.d.ts`,
    resolve(target, 'index.ts'),
    resolve(target, 'index.d.ts'),
  ];
}
