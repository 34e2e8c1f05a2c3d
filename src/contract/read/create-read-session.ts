import type { ts } from './typescript.js';
import { contractGenModulePath } from './contract-gen-module.js';
import { compilerPath } from './contract-sources.js';
import { scanDeclarations, type DeclarationReuse } from './declaration-table.js';
import { defineNamedType } from './define-named-type.js';
import { hasGlobalDeclarations } from './file-scope.js';
import { isSyntaxSimple } from './is-syntax-simple.js';
import { createNamedTypeRegistry } from './named-type-registry.js';
import { readDeclarationDoc } from './read-doc.js';
import type { ReadSession } from './read-session.js';
import { spanOf } from './span-of.js';

/**
 * Wires one read over parsed contract files (sorted, with relative paths).
 * `createProgram` is called at most once, the first time a type needs the checker.
 */
export function createReadSession(
  dir: string,
  files: ReadonlyMap<ts.SourceFile, string>,
  createProgram: () => ts.Program,
  reuse?: DeclarationReuse,
): ReadSession {
  const byPath = new Map([...files.keys()].map((sf) => [sf.fileName, sf]));
  let program: ts.Program | undefined;
  let checker: ts.TypeChecker | undefined;
  const session: ReadSession = {
    dir,
    files,
    fileAt: (path) => byPath.get(compilerPath(path)),
    hasGlobalDeclarations: hasGlobalDeclarations(files.keys()),
    contractGenModulePath,
    get program() {
      return (program ??= createProgram());
    },
    get checker() {
      return (checker ??= session.program.getTypeChecker());
    },
    relativePath: (sourceFile) => files.get(sourceFile) ?? sourceFile.fileName,
    declarations: scanDeclarations(files, reuse),
    roles: new Map(),
    registry: createNamedTypeRegistry({
      isSyntaxSimple: (info) => isSyntaxSimple(session, info),
      define: (entry) => defineNamedType(session, entry),
      describe: (info) => ({
        doc: readDeclarationDoc(info),
        span: spanOf(session, info.declarations[0]!),
      }),
      onRef: (info, typeArguments, id) => session.modelCache?.onRef(info, typeArguments, id),
      named: (entry, make) =>
        session.modelCache
          ? session.modelCache.namedPart(
              entry.info,
              entry.id,
              entry.depth,
              make,
              entry.typeArguments,
            )
          : make(),
    }),
    others: new Set(),
    caches: {
      names: new Map(),
      scopes: new Map(),
      simple: new Map(),
      hasMethods: new Map(),
      enumValues: new Map(),
      declaredTypes: new Map(),
    },
    modelCache: undefined,
  };
  return session;
}
