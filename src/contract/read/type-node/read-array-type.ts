import { ts } from '../typescript.js';
import type { TypeRef } from '../../model.js';
import type { ReadSession } from '../read-session.js';
import type { TypeEnv } from '../type-env.js';
import { readTupleType } from './read-tuple-type.js';
import { readTypeNode } from './read-type-node.js';
import { readViaChecker } from './read-via-checker.js';

/** `T[]` (and, through `readTypeOperator`, `readonly T[]`). */
export function readArrayType(
  s: ReadSession,
  node: ts.ArrayTypeNode,
  env: TypeEnv,
  readonly = false,
): TypeRef {
  return { kind: 'array', element: readTypeNode(s, node.elementType, env), readonly };
}

/** `readonly T[]`, `readonly [A, B]`, `unique symbol`; `keyof T` is the checker's to answer. */
export function readTypeOperator(s: ReadSession, node: ts.TypeOperatorNode, env: TypeEnv): TypeRef {
  let operand = node.type;
  while (ts.isParenthesizedTypeNode(operand)) operand = operand.type;
  if (node.operator === ts.SyntaxKind.ReadonlyKeyword) {
    if (ts.isArrayTypeNode(operand)) return readArrayType(s, operand, env, true);
    if (ts.isTupleTypeNode(operand)) return readTupleType(s, operand, env, true);
  }
  return readViaChecker(s, node, env);
}
