import { ts } from '../typescript.js';
import type { TypeRef } from '../../model.js';
import { mentionsTypeParameter } from '../mentions-type-parameter.js';
import type { ReadSession } from '../read-session.js';
import { spanOf } from '../span-of.js';
import type { TypeEnv } from '../type-env.js';
import { readType } from '../type/read-type.js';
import { unsupported } from '../unsupported.js';

/**
 * What syntax cannot answer (mapped and conditional types, `keyof`, indexed
 * access, intersections, library aliases such as `Partial<User>`): ask the
 * checker for the type and walk that. Under a generic instantiation read from
 * syntax, a node that mentions a type parameter cannot be asked about (the
 * checker would answer for the uninstantiated generic); the registry avoids
 * that for data generics, so it only remains for generic bases of services.
 */
export function readViaChecker(s: ReadSession, node: ts.TypeNode, env: TypeEnv): TypeRef {
  const span = spanOf(s, node);
  if (mentionsTypeParameter(node, env)) {
    return unsupported(
      'other',
      `${node.getText()} (a computed type over a type parameter of a service base)`,
      span,
    );
  }
  const type = s.checker.getTypeFromTypeNode(node);
  return readType(s, type, { node, span }, aliasBeingDeclared(s, node));
}

/**
 * The checker names the type of `type X = Partial<User>` after X itself; the
 * walk of X's definition must expand it, not refer to X.
 */
function aliasBeingDeclared(s: ReadSession, node: ts.TypeNode): ts.Symbol | undefined {
  let parent = node.parent;
  while (ts.isParenthesizedTypeNode(parent)) parent = parent.parent;
  return ts.isTypeAliasDeclaration(parent) ? s.checker.getSymbolAtLocation(parent.name) : undefined;
}

/** `(x: string) => void`, `new () => X`: functions cannot cross the wire. */
export function readFunctionType(s: ReadSession, node: ts.TypeNode): TypeRef {
  return unsupported('function', node.getText(), spanOf(s, node));
}

/** `` `id-${string}` ``: a pattern the wire cannot check. */
export function readTemplateLiteralType(s: ReadSession, node: ts.TypeNode): TypeRef {
  return unsupported('template-literal', node.getText(), spanOf(s, node));
}

/** `this` as a type. */
export function readThisType(s: ReadSession, node: ts.TypeNode): TypeRef {
  return unsupported('other', node.getText(), spanOf(s, node));
}
