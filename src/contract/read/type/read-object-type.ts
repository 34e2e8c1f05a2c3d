import { ts } from '../typescript.js';
import type { TupleElement, TypeRef } from '../../model.js';
import { libTypeRejection } from '../lib-types.js';
import type { ReadSession } from '../read-session.js';
import { unsupported } from '../unsupported.js';
import { readSymbolProperties } from './read-symbol-properties.js';
import { indexedObject, indexKeyOf } from '../index-signature.js';
import { readRefinedIntersection, tagNameOf } from '../refinements.js';
import { readType, type TypeSite } from './read-type.js';

/**
 * An object type from the checker: arrays, tuples, library types by name
 * (`Date`, `Uint8Array`, `Map`...), callables, and otherwise its shape
 * (what `Partial<User>` or `Pick<User, 'id'>` resolve to).
 */
export function readObjectType(
  s: ReadSession,
  type: ts.ObjectType,
  site: TypeSite,
  depth: number,
): TypeRef {
  const checker = s.checker;
  if (checker.isTupleType(type)) {
    return readTupleOfType(s, type as ts.TupleTypeReference, site, depth);
  }
  if (checker.isArrayType(type)) {
    const element = checker.getTypeArguments(type as ts.TypeReference)[0];
    const readonly = type.getSymbol()?.getName() === 'ReadonlyArray';
    return {
      kind: 'array',
      element: element ? readType(s, element, site, undefined, depth + 1) : unknownType,
      readonly,
    };
  }
  const symbol = type.getSymbol();
  if (
    symbol &&
    symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class) &&
    isLibrary(s, symbol)
  ) {
    return readLibraryObject(s, type, symbol, site);
  }
  const tag = tagNameOf(s, type);
  if (tag !== undefined) {
    return unsupported(
      'refinement',
      `${checker.typeToString(type)}: a refinement tag refines a type ('number & ${tag}<...>'), it is no type of its own`,
      site.span,
    );
  }
  if (symbol && symbol.flags & ts.SymbolFlags.Class) {
    return unsupported('class', checker.typeToString(type), site.span);
  }
  return readObjectShape(s, type, site, depth);
}

/** `A & B` of object types is the object with both's properties; anything else (`string & { brand }`) is not data. */
export function readIntersectionOfTypes(
  s: ReadSession,
  type: ts.IntersectionType,
  site: TypeSite,
  depth: number,
): TypeRef {
  const refinedType = readRefinedIntersection(s, type, site.span, (part) =>
    readType(s, part, site, undefined, depth + 1),
  );
  if (refinedType) return refinedType;
  if (type.types.every((t) => t.flags & ts.TypeFlags.Object)) {
    return readObjectShape(s, type, site, depth);
  }
  return unsupported('intersection', s.checker.typeToString(type), site.span);
}

const unknownType: TypeRef = { kind: 'primitive', name: 'unknown' };

function readObjectShape(s: ReadSession, type: ts.Type, site: TypeSite, depth: number): TypeRef {
  const checker = s.checker;
  const text = (): string => checker.typeToString(type);
  if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) {
    return unsupported('function', text(), site.span);
  }
  const indexes = checker.getIndexInfosOfType(type);
  const properties = checker.getPropertiesOfType(type);
  if (indexes.length > 0) {
    // A string index covers a numeric one beside it (`{ [k: string]: T; [n: number]: T }`).
    const index = indexes.find((i) => i.keyType.flags & ts.TypeFlags.String) ?? indexes[0]!;
    if (
      indexes.length > 2 ||
      (indexes.length === 2 && !(index.keyType.flags & ts.TypeFlags.String))
    )
      return unsupported('index-signature', text(), site.span);
    const value = readType(s, index.type, site, undefined, depth + 1);
    const props = readSymbolProperties(s, properties, site, depth);
    return indexedObject(indexKeyOf(index.keyType), value, props, text(), site.span);
  }
  return { kind: 'object', properties: readSymbolProperties(s, properties, site, depth) };
}

function readLibraryObject(
  s: ReadSession,
  type: ts.Type,
  symbol: ts.Symbol,
  site: TypeSite,
): TypeRef {
  if (symbol.getName() === 'Date') return { kind: 'date' };
  if (symbol.getName() === 'Uint8Array') return { kind: 'bytes' };
  return unsupported(
    libTypeRejection(symbol.getName(), symbol) ?? 'other',
    s.checker.typeToString(type),
    site.span,
  );
}

function readTupleOfType(
  s: ReadSession,
  type: ts.TupleTypeReference,
  site: TypeSite,
  depth: number,
): TypeRef {
  const target = type.target;
  const args = s.checker.getTypeArguments(type);
  const elements = args.map((arg, i): TupleElement => {
    const flags = target.elementFlags[i] ?? ts.ElementFlags.Required;
    const label = labelOf(target.labeledElementDeclarations?.[i]);
    let read = readType(s, arg, site, undefined, depth + 1);
    const rest = (flags & ts.ElementFlags.Variable) !== 0;
    if (flags & ts.ElementFlags.Variadic && read.kind === 'array') read = read.element;
    return {
      type: read,
      optional: (flags & ts.ElementFlags.Optional) !== 0,
      rest,
      ...(label !== undefined ? { label } : {}),
    };
  });
  return { kind: 'tuple', elements, readonly: target.readonly };
}

function labelOf(
  declaration: ts.NamedTupleMember | ts.ParameterDeclaration | undefined,
): string | undefined {
  return declaration && ts.isIdentifier(declaration.name) ? declaration.name.text : undefined;
}

function isLibrary(s: ReadSession, symbol: ts.Symbol): boolean {
  const declaration = symbol.declarations?.[0];
  return (
    declaration !== undefined && s.program.isSourceFileDefaultLibrary(declaration.getSourceFile())
  );
}
