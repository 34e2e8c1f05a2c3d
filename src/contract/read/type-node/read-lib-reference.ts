import { ts } from '../typescript.js';
import type { TypeRef } from '../../model.js';
import { libTypeRejection } from '../lib-types.js';
import type { ReadSession } from '../read-session.js';
import { spanOf } from '../span-of.js';
import type { TypeEnv } from '../type-env.js';
import { unsupported } from '../unsupported.js';
import { readTypeNode } from './read-type-node.js';
import { readUtilityType } from './read-utility-type.js';
import { readViaChecker } from './read-via-checker.js';

const unknownType: TypeRef = { kind: 'primitive', name: 'unknown' };

/**
 * A standard-library type by name: `Date` → date, `Uint8Array` → bytes,
 * `Array<T>`/`ReadonlyArray<T>` → array, `Record<string, T>` → record;
 * `Map`, `Set`, `Promise` (in data), classes → unsupported; `Partial`,
 * `Pick` and friends of a plain object type → from syntax; other library
 * aliases (`Record<'a' | 'b', T>`, `NonNullable<T>`...) → the checker.
 */
export function readLibReference(
  s: ReadSession,
  node: ts.TypeReferenceNode,
  env: TypeEnv,
  name: string,
  symbol: ts.Symbol | undefined,
): TypeRef {
  const args = node.typeArguments ?? [];
  const element = (): TypeRef => (args[0] ? readTypeNode(s, args[0], env) : unknownType);
  switch (name) {
    case 'Date':
      return { kind: 'date' };
    case 'Uint8Array':
      return { kind: 'bytes' };
    case 'Array':
      return { kind: 'array', element: element(), readonly: false };
    case 'ReadonlyArray':
      return { kind: 'array', element: element(), readonly: true };
    case 'Record':
      if (args[0]?.kind === ts.SyntaxKind.StringKeyword && args[1]) {
        return { kind: 'record', value: readTypeNode(s, args[1], env) };
      }
  }
  const rejection = libTypeRejection(name, symbol);
  if (rejection) return unsupported(rejection, node.getText(), spanOf(s, node));
  return readUtilityType(s, node, env, name) ?? readViaChecker(s, node, env);
}
