import { ts } from './typescript.js';
import type { Property, TypeRef } from '../model.js';
import type { MemberSite } from './collect-members.js';
import { memberName } from './member-name.js';
import { readProperty } from './read-property.js';
import type { ReadSession } from './read-session.js';
import { spanOf } from './span-of.js';
import { readTypeNode } from './type-node/read-type-node.js';
import { unsupported } from './unsupported.js';
import {
  indexedObject,
  indexKeyOf,
  propertyOutsideIndex,
  type IndexKey,
} from './index-signature.js';

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
  if (indexes.length === 0) return { kind: 'object', properties: readProperties(s, sites) };
  const site = indexes[0]!;
  const index = site.member as ts.IndexSignatureDeclaration;
  const span = spanOf(s, index, site.sourceFile);
  const keyNode = index.parameters[0]?.type;
  // `index.type` is missing in `[key: string];`, which parses (with an error).
  if (indexes.length > 1 || !index.type || !keyNode) {
    return unsupported('index-signature', holder.getText(), spanOf(s, holder));
  }
  const rest = sites.filter((site) => !ts.isIndexSignatureDeclaration(site.member));
  const key = keyOf(s, keyNode);
  const value = readTypeNode(s, index.type, site.env);
  const properties = readProperties(s, rest);
  if (key === 'string' && properties.length > 0) {
    const outside = namedOutsideIndex(s, rest, index.type);
    if (outside)
      return unsupported(
        'index-mismatch',
        `${index.getText().replace(/;$/, '')}: ${outside}`,
        span,
      );
  }
  return indexedObject(key, value, properties, index.getText().replace(/;$/, ''), span);
}

/** `string` and `number` from syntax; any other key type (an alias, a template literal) from the checker. */
function keyOf(s: ReadSession, node: ts.TypeNode): IndexKey {
  if (node.kind === ts.SyntaxKind.StringKeyword) return 'string';
  if (node.kind === ts.SyntaxKind.NumberKeyword) return 'number';
  return indexKeyOf(s.checker.getTypeFromTypeNode(node));
}

/** TypeScript's rule beside an index signature: every named property's type is one the index type accepts. */
function namedOutsideIndex(
  s: ReadSession,
  sites: readonly MemberSite[],
  indexNode: ts.TypeNode,
): string | undefined {
  const checker = s.checker;
  const members = sites.flatMap(({ member }) => {
    const name = memberName(member);
    if (name === undefined || !ts.isPropertySignature(member) || !member.type) return [];
    const type = checker.getTypeFromTypeNode(member.type);
    return [{ name, type, optional: member.questionToken !== undefined }];
  });
  return propertyOutsideIndex(s, members, checker.getTypeFromTypeNode(indexNode));
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
