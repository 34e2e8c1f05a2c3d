import { ts } from './typescript.js';
import { heritageOf } from './collect-members.js';
import type { DeclInfo } from './declaration-table.js';
import { libTypeRejection } from './lib-types.js';
import { mentionsTypeParameter } from './mentions-type-parameter.js';
import type { ReadSession } from './read-session.js';
import { resolveTypeName } from './resolve-type-name.js';
import type { TypeEnv } from './type-env.js';
import { readsFromSyntax } from './type-node/read-type-node.js';

/**
 * Whether instantiations of a generic can be read from its syntax with the
 * type parameters substituted (`interface Page<T> { items: T[] }`): true
 * unless a part that needs the checker depends on a type parameter
 * (`Partial<T>`, `T[K]`, `keyof T`, or a base or generic that is itself not
 * simple). Those instantiations are read from the checker's instantiated type.
 */
export function isSyntaxSimple(s: ReadSession, info: DeclInfo): boolean {
  const known = s.caches.simple.get(info);
  if (known !== undefined) return known;
  s.caches.simple.set(info, true); // a generic that refers to itself is as simple as the rest of it
  const params: TypeEnv = new Map(
    info.typeParameters.map((p) => [p.name.text, { kind: 'void' } as const]),
  );
  const simple =
    basesAreSimple(s, info, params) && info.declarations.every((d) => bodyIsSimple(s, d, params));
  s.caches.simple.set(info, simple);
  return simple;
}

function basesAreSimple(s: ReadSession, info: DeclInfo, params: TypeEnv): boolean {
  return heritageOf(info).every((base) => {
    const target = resolveTypeName(s, base.expression);
    if (target.kind === 'marker') return true;
    if (
      target.kind !== 'contract' ||
      !(target.info.kind === 'interface' || target.info.kind === 'alias')
    )
      return false;
    return !mentionsTypeParameter(base, params) || isSyntaxSimple(s, target.info);
  });
}

function bodyIsSimple(s: ReadSession, declaration: ts.Declaration, params: TypeEnv): boolean {
  const visit = (node: ts.Node): boolean => {
    if (ts.isTypeParameterDeclaration(node) || ts.isHeritageClause(node)) return true;
    if (!mentionsTypeParameter(node, params)) return true;
    if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) {
      if (!readsFromSyntax(node)) return false;
      if (ts.isTypeReferenceNode(node) && !referenceIsSimple(s, node, params)) return false;
    }
    return !ts.forEachChild(node, (child) => (visit(child) ? undefined : true));
  };
  return visit(declaration);
}

function referenceIsSimple(s: ReadSession, node: ts.TypeReferenceNode, params: TypeEnv): boolean {
  if (ts.isIdentifier(node.typeName) && params.has(node.typeName.text)) return true;
  const target = resolveTypeName(s, node.typeName);
  if (target.kind === 'contract') {
    return target.info.typeParameters.length === 0 || isSyntaxSimple(s, target.info);
  }
  if (target.kind !== 'lib') return true;
  const name = target.name;
  if (name === 'Record') return node.typeArguments?.[0]?.kind === ts.SyntaxKind.StringKeyword;
  return (
    ['Array', 'ReadonlyArray', 'Date', 'Uint8Array'].includes(name) ||
    libTypeRejection(name, target.symbol) !== undefined
  );
}
