import { ts } from './typescript.js';
import type { DeclInfo } from './declaration-table.js';
import type { ReadSession } from './read-session.js';
import { resolveContractImport } from './resolve-contract-import.js';

/** What a top-level name means in a contract file, as far as syntax can tell. */
export type ScopeEntry =
  | { readonly kind: 'declaration'; readonly info: DeclInfo }
  /** Imported from 'contract-gen' (`Service`, `Callback`, or a name it does not have). */
  | { readonly kind: 'contract-gen'; readonly name: string }
  /** `import * as ns from ...`: qualified names look in its exports. */
  | { readonly kind: 'namespace'; readonly exports: ReadonlyMap<string, DeclInfo> | 'contract-gen' }
  /** Imported from a module that does not resolve (CG002 says why). */
  | { readonly kind: 'unresolved' }
  /** Default imports, re-exports and the like: the checker answers. */
  | { readonly kind: 'ask-checker' };

const askChecker: ScopeEntry = { kind: 'ask-checker' };
const unresolved: ScopeEntry = { kind: 'unresolved' };

/**
 * The names a contract file declares and imports. Resolving imports from
 * syntax (with the same policy as the compiler host) is what lets most
 * contracts be read without ever creating a type checker.
 */
export function scopeOf(
  s: ReadSession,
  sourceFile: ts.SourceFile,
): ReadonlyMap<string, ScopeEntry> {
  let scope = s.caches.scopes.get(sourceFile);
  if (!scope) s.caches.scopes.set(sourceFile, (scope = buildScope(s, sourceFile)));
  return scope;
}

function buildScope(s: ReadSession, sourceFile: ts.SourceFile): Map<string, ScopeEntry> {
  const scope = new Map<string, ScopeEntry>();
  for (const statement of sourceFile.statements) {
    if (
      ts.isImportDeclaration(statement) &&
      statement.importClause &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      addImports(s, sourceFile, statement.importClause, statement.moduleSpecifier.text, scope);
    } else if (ts.isImportEqualsDeclaration(statement)) {
      scope.set(statement.name.text, askChecker);
    }
  }
  for (const [name, info] of s.declarations.localsOf(sourceFile)) {
    scope.set(name, { kind: 'declaration', info });
  }
  return scope;
}

function addImports(
  s: ReadSession,
  sourceFile: ts.SourceFile,
  clause: ts.ImportClause,
  specifier: string,
  scope: Map<string, ScopeEntry>,
): void {
  const target = resolveContractImport(
    specifier,
    sourceFile.fileName,
    s.dir,
    (path) => s.fileAt(path) !== undefined,
  );
  const module = target.kind === 'file' ? s.fileAt(target.path) : undefined;
  const exports = module ? s.declarations.exportsOf(module) : undefined;
  if (clause.name) {
    scope.set(
      clause.name.text,
      target.kind === 'outside' || target.kind === 'missing' ? unresolved : askChecker,
    );
  }
  const bindings = clause.namedBindings;
  if (!bindings) return;
  if (ts.isNamespaceImport(bindings)) {
    const entry: ScopeEntry =
      target.kind === 'contract-gen'
        ? { kind: 'namespace', exports: 'contract-gen' }
        : exports
          ? { kind: 'namespace', exports }
          : unresolved;
    scope.set(bindings.name.text, entry);
    return;
  }
  for (const element of bindings.elements) {
    const imported = (element.propertyName ?? element.name).text;
    scope.set(element.name.text, importedEntry(target.kind, imported, exports));
  }
}

function importedEntry(
  kind: string,
  imported: string,
  exports: ReadonlyMap<string, DeclInfo> | undefined,
): ScopeEntry {
  if (kind === 'contract-gen') return { kind: 'contract-gen', name: imported };
  if (!exports) return unresolved;
  const info = exports.get(imported);
  // Not declared in that file: a re-export (`export * from`), which the checker follows.
  return info ? { kind: 'declaration', info } : askChecker;
}

/**
 * Whether some contract file declares global types (a script file without
 * imports or exports, or `declare global`): then a name a file does not
 * declare or import may be one of those, not the standard library's.
 */
export function hasGlobalDeclarations(files: Iterable<ts.SourceFile>): boolean {
  for (const sourceFile of files) {
    const script = !ts.isExternalModule(sourceFile);
    for (const statement of sourceFile.statements) {
      if (ts.isModuleDeclaration(statement) && statement.name.text === 'global') return true;
      if (
        script &&
        (ts.isInterfaceDeclaration(statement) ||
          ts.isTypeAliasDeclaration(statement) ||
          ts.isEnumDeclaration(statement) ||
          ts.isClassDeclaration(statement) ||
          ts.isModuleDeclaration(statement))
      )
        return true;
    }
  }
  return false;
}
