import { ts } from '../typescript.js';
import type { Property, TypeRef } from '../../model.js';
import { readDoc } from '../read-doc.js';
import type { ReadSession } from '../read-session.js';
import { spanOf } from '../span-of.js';
import { emptyEnv } from '../type-env.js';
import { readTypeNode } from '../type-node/read-type-node.js';
import { unsupported } from '../unsupported.js';
import { readType, type TypeSite } from './read-type.js';
import { readUnionOfTypes } from './read-union-of-types.js';

/** TypeScript's CheckFlags.Readonly (internal, stable for years): set on mapped properties made readonly. */
const checkFlagReadonly = 8;

/**
 * Properties of a checker object type. Where a property is still exactly
 * what its declaration in a contract file says (an intersection's member,
 * `Pick`/`Omit`/`Partial` of a plain type), its declared type is read from
 * syntax, keeping source order, spans and named refs; otherwise the checker's
 * type of the property is walked (minus the `undefined` optionality adds).
 */
export function readSymbolProperties(
  s: ReadSession,
  symbols: readonly ts.Symbol[],
  site: TypeSite,
  depth: number,
): Property[] {
  const properties: Property[] = [];
  for (const symbol of symbols) {
    // Symbol-keyed (`[Symbol.iterator]`): no JSON key. (A user's `__x` is escaped as `___x`.)
    if (String(symbol.escapedName).startsWith('__@')) continue;
    const name = symbol.getName();
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    const inContract = declaration !== undefined && s.files.has(declaration.getSourceFile());
    const span = inContract ? spanOf(s, declaration) : site.span;
    const doc = inContract ? readDoc(declaration) : undefined;
    properties.push({
      name,
      optional: (symbol.flags & ts.SymbolFlags.Optional) !== 0,
      readonly: isReadonly(symbol, declaration),
      type: propertyType(
        s,
        symbol,
        inContract ? declaration : undefined,
        { node: declaration ?? site.node, span },
        depth,
      ),
      ...(doc ? { doc } : {}),
      span,
    });
  }
  return properties;
}

function propertyType(
  s: ReadSession,
  symbol: ts.Symbol,
  declaration: ts.Declaration | undefined,
  site: TypeSite,
  depth: number,
): TypeRef {
  if (declaration && ts.isPropertySignature(declaration)) {
    const declared = declaredTypeNode(declaration);
    if (declared && isAsDeclared(s, symbol, declaration)) {
      return readTypeNode(s, declared, emptyEnv);
    }
  }
  if (
    declaration &&
    ts.isMethodSignature(declaration) &&
    !(symbol.flags & ts.SymbolFlags.Transient)
  ) {
    return unsupported('function', declaration.getText(), site.span);
  }
  const type = s.checker.getTypeOfSymbol(symbol);
  const optional = (symbol.flags & ts.SymbolFlags.Optional) !== 0;
  const kept =
    optional && type.isUnion()
      ? type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined))
      : undefined;
  // `a?: T` reads as T: optionality is the property's, not the type's.
  if (kept && kept.length < (type as ts.UnionType).types.length) {
    return kept.length === 1
      ? readType(s, kept[0]!, site, undefined, depth + 1)
      : readUnionOfTypes(s, kept, site, depth);
  }
  return readType(s, type, site, undefined, depth + 1);
}

/** The type node of a property declared outside any generic (inside one, its meaning depends on the instantiation). */
function declaredTypeNode(declaration: ts.PropertySignature): ts.TypeNode | undefined {
  if (!declaration.type) return undefined;
  for (let node: ts.Node = declaration.parent; !ts.isSourceFile(node); node = node.parent) {
    if ((node as ts.InterfaceDeclaration).typeParameters?.length || ts.isMappedTypeNode(node)) {
      return undefined;
    }
  }
  return declaration.type;
}

/** A property symbol of the declaration itself, or a mapped copy of the same type (optionality aside). */
function isAsDeclared(
  s: ReadSession,
  symbol: ts.Symbol,
  declaration: ts.PropertySignature,
): boolean {
  if (!(symbol.flags & ts.SymbolFlags.Transient)) return true;
  const original = s.checker.getSymbolAtLocation(declaration.name);
  if (!original) return false;
  const members = (t: ts.Type): ts.Type[] =>
    (t.isUnion() ? t.types : [t]).filter((m) => !(m.flags & ts.TypeFlags.Undefined));
  const now = members(s.checker.getTypeOfSymbol(symbol));
  const then = new Set(members(s.checker.getTypeOfSymbol(original)));
  return now.length === then.size && now.every((m) => then.has(m));
}

function isReadonly(symbol: ts.Symbol, declaration: ts.Declaration | undefined): boolean {
  const checkFlags = (symbol as { links?: { checkFlags?: number } }).links?.checkFlags ?? 0;
  if (symbol.flags & ts.SymbolFlags.Transient && checkFlags & checkFlagReadonly) return true;
  return (
    declaration !== undefined &&
    (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Readonly) !== 0
  );
}
