import { ts } from 'ts-morph';
import type { Method, Param, TypeRef } from '../model.js';
import { memberName } from './member-name.js';
import { readDoc } from './read-doc.js';
import type { ReadSession } from './read-session.js';
import { resolveTypeName } from './resolve-type-name.js';
import { spanOf } from './span-of.js';
import type { TypeEnv } from './type-env.js';
import { readTypeNode } from './type-node/read-type-node.js';
import { unsupported } from './unsupported.js';

const unknownType: TypeRef = { kind: 'primitive', name: 'unknown' };

/**
 * A method signature of a service or callback → Method, facts only: the
 * return type as declared (`Promise<T>` → promise, `void` → void, anything
 * else as found), overload count, own type parameters, optional and rest
 * parameters. The checks decide what is allowed.
 */
export function readMethod(
  s: ReadSession,
  signature: ts.MethodSignature,
  env: TypeEnv,
  overloads: number,
): Method {
  const doc = readDoc(signature);
  const returnNode = signature.type;
  return {
    name: memberName(signature) ?? signature.name.getText(),
    ...(doc ? { doc } : {}),
    params: signature.parameters.map((p) => readParam(s, p, env)),
    returns: returnNode
      ? readReturnType(s, returnNode, env)
      : unsupported('any', 'any', spanOf(s, signature.name)),
    returnsText: returnNode ? returnNode.getText() : 'any',
    returnsSpan: spanOf(s, returnNode ?? signature.name),
    overloads,
    generic: (signature.typeParameters?.length ?? 0) > 0,
    span: spanOf(s, signature),
  };
}

function readParam(s: ReadSession, param: ts.ParameterDeclaration, env: TypeEnv): Param {
  const span = spanOf(s, param);
  return {
    name: ts.isIdentifier(param.name) ? param.name.text : param.name.getText(),
    optional: param.questionToken !== undefined || param.initializer !== undefined,
    rest: param.dotDotDotToken !== undefined,
    type: param.type ? readTypeNode(s, param.type, env) : unsupported('any', 'any', span),
    span,
  };
}

/** Only here is `Promise<T>` at home: everywhere else it is a promise inside data. */
function readReturnType(s: ReadSession, node: ts.TypeNode, env: TypeEnv): TypeRef {
  let type = node;
  while (ts.isParenthesizedTypeNode(type)) type = type.type;
  if (ts.isTypeReferenceNode(type)) {
    const target = resolveTypeName(s, type.typeName);
    if (target.kind === 'lib' && target.name === 'Promise') {
      const of = type.typeArguments?.[0];
      return { kind: 'promise', of: of ? readTypeNode(s, of, env) : unknownType };
    }
  }
  return readTypeNode(s, node, env);
}
