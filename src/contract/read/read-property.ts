import { ts } from './typescript.js';
import type { Property, TypeRef } from '../model.js';
import type { MemberSite } from './collect-members.js';
import { memberName } from './member-name.js';
import { readDoc } from './read-doc.js';
import type { ReadSession } from './read-session.js';
import { spanOf } from './span-of.js';
import { readTypeNode } from './type-node/read-type-node.js';
import { unsupported } from './unsupported.js';

/**
 * One member of an object type → Property. A method inside data becomes a
 * property of unsupported type 'function' (so the check can point at it);
 * a getter is a readonly property of its return type.
 */
export function readProperty(
  s: ReadSession,
  { member, env, sourceFile }: MemberSite,
): Property | undefined {
  const name = memberName(member);
  if (name === undefined) return undefined;
  const span = spanOf(s, member, sourceFile);
  const doc = readDoc(member, sourceFile);
  return {
    name,
    optional: member.questionToken !== undefined,
    readonly: ts.isGetAccessorDeclaration(member) || isReadonly(member),
    type: memberType(s, member, env, span),
    ...(doc ? { doc } : {}),
    span,
  };
}

function memberType(
  s: ReadSession,
  member: ts.TypeElement,
  env: MemberSite['env'],
  span: Property['span'],
): TypeRef {
  if (ts.isPropertySignature(member) || ts.isGetAccessorDeclaration(member)) {
    return member.type ? readTypeNode(s, member.type, env) : unsupported('any', 'any', span);
  }
  if (ts.isSetAccessorDeclaration(member)) {
    const type = member.parameters[0]?.type;
    return type ? readTypeNode(s, type, env) : unsupported('any', 'any', span);
  }
  return unsupported('function', member.getText(), span);
}

function isReadonly(member: ts.TypeElement): boolean {
  return (
    ts.canHaveModifiers(member) &&
    (ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword)
  );
}
