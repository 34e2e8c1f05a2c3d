import { ts } from '../typescript.js';
import type { TypeRef } from '../../model.js';
import type { ReadSession } from '../read-session.js';
import type { TypeEnv } from '../type-env.js';
import { readTypeNode } from './read-type-node.js';

/**
 * `A | B | null` → union, members in source order. Parenthesised inner
 * unions are flattened (`A | (B | C)` has three members); named unions stay refs.
 */
export function readUnionType(s: ReadSession, node: ts.UnionTypeNode, env: TypeEnv): TypeRef {
  const members: TypeRef[] = [];
  const visit = (type: ts.TypeNode): void => {
    while (ts.isParenthesizedTypeNode(type)) type = type.type;
    if (ts.isUnionTypeNode(type)) type.types.forEach(visit);
    else members.push(readTypeNode(s, type, env));
  };
  visit(node);
  return { kind: 'union', members };
}
