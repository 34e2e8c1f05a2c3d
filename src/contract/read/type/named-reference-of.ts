import { ts } from '../typescript.js';
import type { TypeRef } from '../../model.js';
import type { DeclInfo } from '../declaration-table.js';
import type { ReadSession } from '../read-session.js';
import { referenceDeclaration } from '../reference-declaration.js';
import { targetOf } from '../resolve-type-name.js';
import { readType, type TypeSite } from './read-type.js';

const unknownType: TypeRef = { kind: 'primitive', name: 'unknown' };

/**
 * The TypeRef for a checker type that names a contract declaration: an
 * alias (`type Shape = ...`, also instantiated: `Result<Item>`), an
 * interface, enum or class. Undefined for anonymous and library types.
 */
export function namedReferenceOf(
  s: ReadSession,
  type: ts.Type,
  site: TypeSite,
  skip: ts.Symbol | undefined,
  depth: number,
): TypeRef | undefined {
  const alias = type.aliasSymbol;
  if (alias && alias !== skip) {
    const info = contractInfo(s, alias);
    if (info) return reference(s, info, type, type.aliasTypeArguments ?? [], site, depth);
  }
  const symbol = type.getSymbol();
  if (
    !symbol ||
    symbol === skip ||
    !(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class | ts.SymbolFlags.Enum))
  ) {
    return undefined;
  }
  const info = contractInfo(s, symbol);
  if (!info) return undefined;
  return reference(s, info, type, typeArgumentsOf(s, type), site, depth);
}

function contractInfo(s: ReadSession, symbol: ts.Symbol): DeclInfo | undefined {
  const target = targetOf(s, symbol);
  return target.kind === 'contract' ? target.info : undefined;
}

function reference(
  s: ReadSession,
  info: DeclInfo,
  type: ts.Type,
  args: readonly ts.Type[],
  site: TypeSite,
  depth: number,
): TypeRef {
  return referenceDeclaration(s, info, {
    span: () => site.span,
    text: () => s.checker.typeToString(type),
    // A reference carries the `this` type after its declared arguments; only the declared ones count.
    typeArguments: () =>
      info.typeParameters.map((_, i) => {
        const arg = args[i];
        return arg ? readType(s, arg, site, undefined, depth + 1) : unknownType;
      }),
    type: () => type,
  });
}

function typeArgumentsOf(s: ReadSession, type: ts.Type): readonly ts.Type[] {
  const objectFlags = type.flags & ts.TypeFlags.Object ? (type as ts.ObjectType).objectFlags : 0;
  return objectFlags & ts.ObjectFlags.Reference
    ? s.checker.getTypeArguments(type as ts.TypeReference)
    : [];
}
