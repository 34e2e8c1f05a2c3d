import { ts } from './typescript.js';
import type { DocTag, Property, TypeRef } from '../model.js';
import { docRefinements, refined } from './refinements.js';
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
    type: withDocRefinements(memberType(s, member, env, span), doc?.tags, span),
    ...(doc ? { doc } : {}),
    span,
  };
}

/** The property's type with its JSDoc refinements (`@minimum 0`) applied; a tag that cannot be read is 'refinement' unsupported. */
function withDocRefinements(
  type: TypeRef,
  tags: readonly DocTag[] | undefined,
  span: Property['span'],
): TypeRef {
  if (!tags) return type;
  const read = docRefinements(tags);
  if ('problem' in read) return unsupported('refinement', `JSDoc: ${read.problem}`, span);
  return refined(type, read.checks);
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
