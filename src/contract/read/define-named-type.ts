import { ts } from './typescript.js';
import type { EnumMember, NamedTypeDefinition, TypeRef } from '../model.js';
import { hasMethods } from './classify-interfaces.js';
import { enumMemberValue } from './enum-member-value.js';
import type { DeclInfo } from './declaration-table.js';
import { ModelCacheMiss } from './model-cache.js';
import type { RegistryEntry } from './named-type-registry.js';
import { readDoc } from './read-doc.js';
import { readDeclaredType } from './read-declared-type.js';
import type { ReadSession } from './read-session.js';
import { spanOf } from './span-of.js';
import { readType } from './type/read-type.js';
import { unsupported } from './unsupported.js';

/**
 * The definition of a registered named type: from syntax (with type
 * parameters substituted) or, for generics syntax cannot substitute, from
 * the checker's instantiated type. An alias of an object type (also
 * `Partial<User>`) is an object definition; other aliases stay aliases.
 */
export function defineNamedType(s: ReadSession, entry: RegistryEntry): NamedTypeDefinition {
  const { info, source } = entry;
  if (info.kind === 'interface' && s.roles.get(info) === 'data' && hasMethods(s, info)) {
    s.others.add(info);
  }
  if (source.kind === 'replayed') throw new ModelCacheMiss(`${entry.id} needs the checker's type`);
  if (source.kind === 'type') {
    return definitionOf(readType(s, source.type, siteOf(s, info), 'expand'));
  }
  switch (info.kind) {
    case 'enum':
      return { kind: 'enum', members: readEnumMembers(s, info) };
    case 'interface':
    case 'alias':
      return definitionOf(readDeclaredType(s, info, source.env));
    case 'class':
      return {
        kind: 'alias',
        type: unsupported('class', info.name, spanOf(s, info.declarations[0]!)),
      };
  }
}

function definitionOf(type: TypeRef): NamedTypeDefinition {
  return type.kind === 'object'
    ? { kind: 'object', properties: type.properties, ...(type.rest ? { rest: type.rest } : {}) }
    : { kind: 'alias', type };
}

function readEnumMembers(s: ReadSession, info: DeclInfo): EnumMember[] {
  return info.declarations.flatMap((d) =>
    (d as ts.EnumDeclaration).members.map((member): EnumMember => {
      const doc = readDoc(member);
      return {
        name:
          ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)
            ? member.name.text
            : member.name.getText(),
        // A computed member (`A = 'x'.length`) has no constant; its initializer text is the best fact left.
        value: enumMemberValue(s, member) ?? member.initializer?.getText() ?? member.name.getText(),
        ...(doc ? { doc } : {}),
        span: spanOf(s, member),
      };
    }),
  );
}

function siteOf(
  s: ReadSession,
  info: DeclInfo,
): { node: ts.Node; span: ReturnType<typeof spanOf> } {
  const node = info.declarations[0]!;
  return { node, span: spanOf(s, node) };
}
