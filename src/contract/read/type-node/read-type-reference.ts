import { ts } from '../typescript.js';
import type { TypeRef } from '../../model.js';
import { enumMemberValue } from '../enum-member-value.js';
import { mentionsTypeParameter } from '../mentions-type-parameter.js';
import type { ReadSession } from '../read-session.js';
import { readTypeArguments } from '../read-type-arguments.js';
import { referenceDeclaration } from '../reference-declaration.js';
import { resolveTypeName } from '../resolve-type-name.js';
import { spanOf } from '../span-of.js';
import type { TypeEnv } from '../type-env.js';
import { unsupported } from '../unsupported.js';
import { readLibReference } from './read-lib-reference.js';
import { isTagName } from '../refinements.js';
import { readViaChecker } from './read-via-checker.js';

/**
 * `Foo`, `Page<Item>`, `ns.Foo`, `Color.Red`, `Date`, `T`: a bound type
 * parameter is substituted; otherwise the name is resolved (the one checker
 * question syntax cannot answer) and handed to the contract or library handler.
 */
export function readTypeReference(
  s: ReadSession,
  node: ts.TypeReferenceNode,
  env: TypeEnv,
): TypeRef {
  if (ts.isIdentifier(node.typeName)) {
    const bound = env.get(node.typeName.text);
    if (bound) return bound;
  }
  const target = resolveTypeName(s, node.typeName);
  switch (target.kind) {
    case 'contract':
      return referenceDeclaration(s, target.info, {
        span: () => spanOf(s, node),
        text: () => node.getText(),
        typeArguments: () => readTypeArguments(s, target.info, node.typeArguments ?? [], env),
        type: mentionsTypeParameter(node, env)
          ? undefined
          : () => s.checker.getTypeFromTypeNode(node),
      });
    case 'lib':
      return readLibReference(s, node, env, target.name, target.symbol);
    case 'enum-member':
      return readEnumMember(s, node, target.declaration);
    case 'unresolved':
      return unsupported('unresolved', node.getText(), spanOf(s, node));
    case 'marker':
      // A refinement tag or alias from 'contract-gen' (`Int32`, `Minimum<0>`): the checker resolves it.
      if (isTagName(target.name)) return readViaChecker(s, node, env);
      return unsupported('other', node.getText(), spanOf(s, node));
    case 'type-parameter':
      return unsupported('other', node.getText(), spanOf(s, node));
  }
}

/** `Color.Red` as a type is the member's value. */
function readEnumMember(
  s: ReadSession,
  node: ts.TypeReferenceNode,
  member: ts.EnumMember,
): TypeRef {
  const value = enumMemberValue(s, member);
  return value === undefined
    ? unsupported('other', node.getText(), spanOf(s, node))
    : { kind: 'literal', value };
}
