import { ts } from 'ts-morph';
import type { EnumMember, NamedTypeDefinition, TypeRef } from '../model.js';
import { hasMethods } from './classify-interfaces.js';
import { enumMemberValue } from './enum-member-value.js';
import { collectMembers } from './collect-members.js';
import type { DeclInfo } from './declaration-table.js';
import type { RegistryEntry } from './named-type-registry.js';
import { readDoc } from './read-doc.js';
import { readObjectMembers } from './read-object-members.js';
import type { ReadSession } from './read-session.js';
import { bindTypeArguments } from './read-type-arguments.js';
import { spanOf } from './span-of.js';
import type { TypeEnv } from './type-env.js';
import { readTypeNode } from './type-node/read-type-node.js';
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
  if (info.kind === 'interface' && s.roles.get(info) === 'data' && hasMethods(s, info))
    s.others.add(info);
  if (source.kind === 'type')
    return definitionOf(readType(s, source.type, siteOf(s, info), 'expand'));
  switch (info.kind) {
    case 'enum':
      return { kind: 'enum', members: readEnumMembers(s, info) };
    case 'interface':
      return readInterfaceDefinition(s, info, source.env);
    case 'alias':
      return definitionOf(
        readTypeNode(s, (info.declarations[0] as ts.TypeAliasDeclaration).type, source.env),
      );
    case 'class':
      return {
        kind: 'alias',
        type: unsupported('class', info.name, spanOf(s, info.declarations[0]!)),
      };
  }
}

function definitionOf(type: TypeRef): NamedTypeDefinition {
  return type.kind === 'object'
    ? { kind: 'object', properties: type.properties }
    : { kind: 'alias', type };
}

function readInterfaceDefinition(
  s: ReadSession,
  info: DeclInfo,
  env: TypeEnv,
): NamedTypeDefinition {
  const name = (info.declarations[0] as ts.InterfaceDeclaration).name;
  const { members, complete } = collectMembers(s, info, env, (base, args, outer) =>
    bindTypeArguments(s, base, args, outer),
  );
  if (complete) return definitionOf(readObjectMembers(s, members, name));
  // A base syntax cannot list (`extends Omit<User, 'password'>`): the checker merges. Generic
  // interfaces like that are not syntax-simple and never get here with an environment.
  const symbol = s.checker.getSymbolAtLocation(name);
  if (!symbol)
    return { kind: 'alias', type: unsupported('unresolved', name.text, spanOf(s, name)) };
  return definitionOf(
    readType(s, s.checker.getDeclaredTypeOfSymbol(symbol), siteOf(s, info), 'expand'),
  );
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
