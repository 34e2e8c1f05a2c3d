import { ts } from './typescript.js';
import type { Property, TypeRef } from '../model.js';
import type { MemberSite } from './collect-members.js';
import { memberName } from './member-name.js';
import { readProperty } from './read-property.js';
import type { ReadSession } from './read-session.js';
import { spanOf } from './span-of.js';
import { readTypeNode } from './type-node/read-type-node.js';
import { unsupported } from './unsupported.js';

/**
 * The members of an object type (a type literal, or an interface with its
 * bases) → TypeRef: an object of properties; a lone string index signature
 * → record; anything callable → function; other index signatures (numeric
 * keys, or mixed with properties) → unsupported 'index-signature'.
 */
export function readObjectMembers(
  s: ReadSession,
  sites: readonly MemberSite[],
  holder: ts.Node,
): TypeRef {
  const callable = sites.some(
    ({ member }) =>
      ts.isCallSignatureDeclaration(member) || ts.isConstructSignatureDeclaration(member),
  );
  if (callable) return unsupported('function', holder.getText(), spanOf(s, holder));
  const indexes = sites.filter(({ member }) => ts.isIndexSignatureDeclaration(member));
  const only =
    indexes.length === 1 && sites.length === 1
      ? (indexes[0]!.member as ts.IndexSignatureDeclaration)
      : undefined;
  // `only.type` is missing in `[key: string];`, which parses (with an error).
  if (only?.type && only.parameters[0]?.type?.kind === ts.SyntaxKind.StringKeyword) {
    return { kind: 'record', value: readTypeNode(s, only.type, indexes[0]!.env) };
  }
  if (indexes.length > 0) {
    return unsupported('index-signature', holder.getText(), spanOf(s, holder));
  }
  return { kind: 'object', properties: readProperties(s, sites) };
}

/** Properties in member order; a setter only counts when no getter of the same name exists. */
function readProperties(s: ReadSession, sites: readonly MemberSite[]): Property[] {
  const getters = new Set(
    sites
      .filter(({ member }) => ts.isGetAccessorDeclaration(member))
      .map(({ member }) => memberName(member)),
  );
  const properties: Property[] = [];
  for (const site of sites) {
    if (ts.isSetAccessorDeclaration(site.member) && getters.has(memberName(site.member))) continue;
    const property = readProperty(s, site);
    if (property) properties.push(property);
  }
  return properties;
}
