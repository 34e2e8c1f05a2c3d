import { ts } from './typescript.js';
import { isTagName } from './refinements.js';
import type { DeclInfo } from './declaration-table.js';
import { scopeOf } from './file-scope.js';
import { isKnownLibType } from './lib-types.js';
import type { ReadSession } from './read-session.js';

/** What a type name (`Foo`, `ns.Foo`, `Service`, `Date`, `Color.Red`) refers to. */
export type NameTarget =
  | { readonly kind: 'unresolved' }
  /** A type parameter not bound by the current instantiation (a generic method's `T`). */
  | { readonly kind: 'type-parameter' }
  /** `Service` or `Callback` from 'contract-gen'. */
  | { readonly kind: 'marker'; readonly name: string }
  /** `Color.Red` used as a type. */
  | { readonly kind: 'enum-member'; readonly declaration: ts.EnumMember }
  /** A global from the standard library (`Date`, `Partial`, `Map`); the symbol when the checker was asked. */
  | { readonly kind: 'lib'; readonly name: string; readonly symbol?: ts.Symbol }
  | { readonly kind: 'contract'; readonly info: DeclInfo };

const unresolved: NameTarget = { kind: 'unresolved' };

/**
 * Resolves a type name to what it declares. Answered from syntax (the file's
 * declarations and imports, type parameters in scope, well-known library
 * names) whenever syntax is sure; only otherwise is the checker asked, and
 * created for it. Plain identifiers are cached per file.
 */
export function resolveTypeName(s: ReadSession, name: ts.EntityName | ts.Expression): NameTarget {
  if (ts.isIdentifier(name)) {
    const scope = scopeAround(name);
    if (scope === 'type-parameter') return { kind: 'type-parameter' };
    // Inside a namespace, names may mean the namespace's own declarations: the checker knows.
    if (scope === 'namespace') return askChecker(s, name);
    const sourceFile = scope;
    let cache = s.caches.names.get(sourceFile);
    if (!cache) s.caches.names.set(sourceFile, (cache = new Map<string, NameTarget>()));
    let target = cache.get(name.text);
    if (!target) cache.set(name.text, (target = resolveIdentifier(s, name) ?? askChecker(s, name)));
    return target;
  }
  return resolveQualified(s, name) ?? askChecker(s, name);
}

function resolveIdentifier(s: ReadSession, name: ts.Identifier): NameTarget | undefined {
  const entry = scopeOf(s, name.getSourceFile()).get(name.text);
  if (!entry) {
    const isLib = !s.hasGlobalDeclarations && isKnownLibType(name.text);
    return isLib ? { kind: 'lib', name: name.text } : undefined;
  }
  switch (entry.kind) {
    case 'declaration':
      return { kind: 'contract', info: entry.info };
    case 'contract-gen':
      return marker(entry.name);
    case 'unresolved':
      return unresolved;
    default:
      return undefined;
  }
}

/** `ns.Foo` through a namespace import, `Color.Red` of a contract enum. */
function resolveQualified(
  s: ReadSession,
  name: ts.EntityName | ts.Expression,
): NameTarget | undefined {
  const [left, right] = ts.isQualifiedName(name)
    ? [name.left, name.right]
    : ts.isPropertyAccessExpression(name)
      ? [name.expression, name.name]
      : [];
  if (!left || !right || !ts.isIdentifier(left) || !ts.isIdentifier(right)) return undefined;
  const scope = scopeAround(left);
  if (typeof scope === 'string') return undefined;
  const entry = scopeOf(s, scope).get(left.text);
  if (entry?.kind === 'namespace') {
    if (entry.exports === 'contract-gen') return marker(right.text);
    const info = entry.exports.get(right.text);
    return info ? { kind: 'contract', info } : undefined;
  }
  if (entry?.kind !== 'declaration' || entry.info.kind !== 'enum') return undefined;
  const member = entry.info.declarations
    .flatMap((d) => [...(d as ts.EnumDeclaration).members])
    .find(
      (m) => (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) && m.name.text === right.text,
    );
  return member ? { kind: 'enum-member', declaration: member } : undefined;
}

function marker(name: string): NameTarget {
  return name === 'Service' || name === 'Callback' || isTagName(name)
    ? { kind: 'marker', name }
    : unresolved;
}

function askChecker(s: ReadSession, name: ts.EntityName | ts.Expression): NameTarget {
  return targetOf(s, s.checker.getSymbolAtLocation(name));
}

/** Classifies a symbol the checker found (import aliases followed). */
export function targetOf(s: ReadSession, found: ts.Symbol | undefined): NameTarget {
  let symbol = found;
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = s.checker.getAliasedSymbol(symbol);
  const declaration = symbol?.declarations?.[0];
  if (!symbol || !declaration) return unresolved;
  if (symbol.flags & ts.SymbolFlags.TypeParameter) return { kind: 'type-parameter' };
  if (symbol.flags & ts.SymbolFlags.EnumMember) {
    return { kind: 'enum-member', declaration: declaration as ts.EnumMember };
  }
  const info = s.declarations.get(symbol);
  if (info) return { kind: 'contract', info };
  const sourceFile = declaration.getSourceFile();
  if (sourceFile.fileName === s.contractGenModulePath) return marker(symbol.getName());
  if (s.program.isSourceFileDefaultLibrary(sourceFile)) {
    return { kind: 'lib', name: symbol.getName(), symbol };
  }
  return unresolved;
}

/**
 * Where a name is written: under a type parameter of that name (of a
 * signature, declaration or mapped type), inside a namespace, or else at the
 * top level of its file (the file is returned, found on the same walk up).
 */
function scopeAround(name: ts.Identifier): 'type-parameter' | 'namespace' | ts.SourceFile {
  let node: ts.Node = name.parent;
  for (; !ts.isSourceFile(node); node = node.parent) {
    const params = (node as ts.SignatureDeclarationBase).typeParameters;
    if (params?.some((p) => p.name.text === name.text)) return 'type-parameter';
    if (ts.isMappedTypeNode(node) && node.typeParameter.name.text === name.text) {
      return 'type-parameter';
    }
    if (ts.isModuleDeclaration(node)) return 'namespace';
  }
  return node;
}
