import type { ts } from './typescript.js';
import type { TypeRef } from '../model.js';
import { collectMembers } from './collect-members.js';
import type { DeclInfo } from './declaration-table.js';
import { readObjectMembers } from './read-object-members.js';
import type { ReadSession } from './read-session.js';
import { bindTypeArguments } from './read-type-arguments.js';
import { spanOf } from './span-of.js';
import { emptyEnv, type TypeEnv } from './type-env.js';
import { readTypeNode } from './type-node/read-type-node.js';
import { readType } from './type/read-type.js';
import { unsupported } from './unsupported.js';

/**
 * What an interface or alias declares, read in `env`: an interface's
 * members (inherited ones included) as an object, an alias's type. For
 * non-generic declarations the answer is kept for the session, because
 * both the named type's definition and every `Pick<X, ...>` of it need it.
 */
export function readDeclaredType(s: ReadSession, info: DeclInfo, env: TypeEnv = emptyEnv): TypeRef {
  const cacheable = info.typeParameters.length === 0;
  const known = cacheable ? s.caches.declaredTypes.get(info) : undefined;
  if (known) return known;
  const type = info.kind === 'interface' ? readInterface(s, info, env) : readAlias(info, s, env);
  if (cacheable) s.caches.declaredTypes.set(info, type);
  return type;
}

function readAlias(info: DeclInfo, s: ReadSession, env: TypeEnv): TypeRef {
  return readTypeNode(s, (info.declarations[0] as ts.TypeAliasDeclaration).type, env);
}

function readInterface(s: ReadSession, info: DeclInfo, env: TypeEnv): TypeRef {
  const name = (info.declarations[0] as ts.InterfaceDeclaration).name;
  const { members, complete } = collectMembers(s, info, env, (base, args, outer) =>
    bindTypeArguments(s, base, args, outer),
  );
  if (complete) return readObjectMembers(s, members, name);
  // A base syntax cannot list (`extends Omit<User, 'password'>`): the checker merges. Generic
  // interfaces like that are not syntax-simple and are read from their instantiated type instead.
  const symbol = s.checker.getSymbolAtLocation(name);
  const span = spanOf(s, name, info.sourceFile);
  if (!symbol) return unsupported('unresolved', name.text, span);
  return readType(s, s.checker.getDeclaredTypeOfSymbol(symbol), { node: name, span }, 'expand');
}
