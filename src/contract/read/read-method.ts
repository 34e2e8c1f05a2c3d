import { ts } from './typescript.js';
import type { Method, Param, TypeRef } from '../model.js';
import type { MemberSite } from './collect-members.js';
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
export function readMethod(s: ReadSession, site: MemberSite, overloads: number): Method {
  const { env, sourceFile } = site;
  const signature = site.member as ts.MethodSignature;
  const doc = readDoc(signature, sourceFile);
  const returnNode = signature.type;
  const returnsSpan = spanOf(s, returnNode ?? signature.name, sourceFile);
  return {
    name: memberName(signature) ?? signature.name.getText(sourceFile),
    ...(doc ? { doc } : {}),
    params: signature.parameters.map((p) => readParam(s, p, env, sourceFile)),
    returns: returnNode
      ? readReturnType(s, returnNode, env)
      : unsupported('any', 'any', returnsSpan),
    returnsText: returnNode ? returnNode.getText(sourceFile) : 'any',
    returnsSpan,
    overloads,
    generic: (signature.typeParameters?.length ?? 0) > 0,
    span: spanOf(s, signature, sourceFile),
  };
}

function readParam(
  s: ReadSession,
  param: ts.ParameterDeclaration,
  env: TypeEnv,
  sourceFile: ts.SourceFile,
): Param {
  const span = spanOf(s, param, sourceFile);
  return {
    name: ts.isIdentifier(param.name) ? param.name.text : param.name.getText(sourceFile),
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
