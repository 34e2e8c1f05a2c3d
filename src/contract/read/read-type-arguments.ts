import type { ts } from './typescript.js';
import type { TypeRef } from '../model.js';
import type { DeclInfo } from './declaration-table.js';
import type { ReadSession } from './read-session.js';
import type { TypeEnv } from './type-env.js';
import { readTypeNode } from './type-node/read-type-node.js';

const unknownType: TypeRef = { kind: 'primitive', name: 'unknown' };

/**
 * The type arguments of `Page<Item>` as TypeRefs, one per type parameter of
 * the generic: missing ones take the parameter's default (read with the
 * earlier parameters bound, as TypeScript does), or `unknown`.
 */
export function readTypeArguments(
  s: ReadSession,
  generic: DeclInfo,
  args: readonly ts.TypeNode[],
  env: TypeEnv,
): TypeRef[] {
  const bound = new Map<string, TypeRef>();
  return generic.typeParameters.map((param, i) => {
    const arg = args[i];
    const type = arg
      ? readTypeNode(s, arg, env)
      : param.default
        ? readTypeNode(s, param.default, bound)
        : unknownType;
    bound.set(param.name.text, type);
    return type;
  });
}

/** The same, as the environment a generic base's members are read in (`extends Crud<User>`). */
export function bindTypeArguments(
  s: ReadSession,
  generic: DeclInfo,
  args: readonly ts.TypeNode[],
  env: TypeEnv,
): TypeEnv {
  const types = readTypeArguments(s, generic, args, env);
  return new Map(generic.typeParameters.map((param, i) => [param.name.text, types[i]!]));
}
