import { ts } from '../typescript.js';
import type { Span, TypeRef } from '../../model.js';
import type { ReadSession } from '../read-session.js';
import { unsupported } from '../unsupported.js';
import { namedReferenceOf } from './named-reference-of.js';
import { readIntersectionOfTypes, readObjectType } from './read-object-type.js';
import { readUnionOfTypes } from './read-union-of-types.js';
import { objectKeyword } from '../type-node/read-keyword-type.js';

/** Where a checker type came from: the node that was asked about, for spans and printing. */
export interface TypeSite {
  readonly node: ts.Node;
  readonly span: Span;
}

/**
 * How the top of a walk treats a type's name: 'expand' walks a named type's
 * structure (its own definition); a symbol skips only that alias (the one
 * being declared, which the checker names its own type after).
 */
export type TopNaming = 'expand' | ts.Symbol | undefined;

/** Anonymous nesting deeper than this is not a contract anyone writes; stop rather than overflow. */
const maxDepth = 64;

const TF = ts.TypeFlags;
const primitives: readonly [ts.TypeFlags, TypeRef][] = [
  [TF.String, { kind: 'primitive', name: 'string' }],
  [TF.Number, { kind: 'primitive', name: 'number' }],
  [TF.Boolean, { kind: 'primitive', name: 'boolean' }],
  [TF.BigInt, { kind: 'primitive', name: 'bigint' }],
  [TF.Null, { kind: 'primitive', name: 'null' }],
  [TF.Undefined, { kind: 'primitive', name: 'undefined' }],
  [TF.Unknown, { kind: 'primitive', name: 'unknown' }],
  [TF.Void, { kind: 'void' }],
];

/**
 * A checker type → TypeRef: the slow path, used only where syntax cannot
 * answer. Named contract types become refs (unless `top` says otherwise);
 * `boolean` stays one primitive; never throws.
 */
export function readType(
  s: ReadSession,
  type: ts.Type,
  site: TypeSite,
  top?: TopNaming,
  depth = 0,
): TypeRef {
  if (depth > maxDepth) return unsupported('other', s.checker.typeToString(type), site.span);
  if (top !== 'expand') {
    const named = namedReferenceOf(s, type, site, top, depth);
    if (named) return named;
  }
  const flags = type.flags;
  for (const [flag, ref] of primitives) if (flags & flag) return ref;
  if (flags & TF.StringLiteral) {
    return { kind: 'literal', value: (type as ts.StringLiteralType).value };
  }
  if (flags & TF.NumberLiteral) {
    return { kind: 'literal', value: (type as ts.NumberLiteralType).value };
  }
  if (flags & TF.BooleanLiteral) {
    return { kind: 'literal', value: s.checker.typeToString(type) === 'true' };
  }
  if (flags & TF.Union) return readUnionOfTypes(s, (type as ts.UnionType).types, site, depth);
  if (flags & TF.Intersection) {
    return readIntersectionOfTypes(s, type as ts.IntersectionType, site, depth);
  }
  if (flags & TF.Object) return readObjectType(s, type as ts.ObjectType, site, depth);
  if (flags & TF.NonPrimitive) return objectKeyword();
  const what = isErrorType(type) ? 'unresolved' : rejection(flags);
  return unsupported(
    what,
    what === 'unresolved' ? site.node.getText() : s.checker.typeToString(type),
    site.span,
  );
}

/** The checker's stand-in for a name it could not resolve prints as `any`; it is not one. */
function isErrorType(type: ts.Type): boolean {
  return (type as { intrinsicName?: string }).intrinsicName === 'error';
}

function rejection(
  flags: ts.TypeFlags,
): 'any' | 'never' | 'symbol' | 'template-literal' | 'unresolved' | 'other' {
  if (flags & TF.Any) return 'any';
  if (flags & TF.Never) return 'never';
  if (flags & TF.ESSymbolLike) return 'symbol';
  if (flags & (TF.TemplateLiteral | TF.StringMapping)) return 'template-literal';
  return 'other';
}
