import type { ts } from '../typescript.js';
import type { TypeRef } from '../../model.js';
import { readObjectMembers } from '../read-object-members.js';
import type { ReadSession } from '../read-session.js';
import type { TypeEnv } from '../type-env.js';

/** `{ a: string; b?: number }` → object; `{ [key: string]: T }` → record. */
export function readTypeLiteral(s: ReadSession, node: ts.TypeLiteralNode, env: TypeEnv): TypeRef {
  const sourceFile = node.getSourceFile();
  return readObjectMembers(
    s,
    node.members.map((member) => ({ member, env, sourceFile })),
    node,
  );
}
