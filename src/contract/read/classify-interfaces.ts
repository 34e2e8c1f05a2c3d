import { ts } from './typescript.js';
import { collectMembers, heritageOf } from './collect-members.js';
import type { DeclInfo } from './declaration-table.js';
import type { InterfaceRole, ReadSession } from './read-session.js';
import { resolveTypeName, type NameTarget } from './resolve-type-name.js';
import { emptyEnv } from './type-env.js';

/**
 * Decides what every interface is, before any type is walked (a callback's
 * uses must all become `{ kind: 'callback' }`, wherever they are met first):
 * marked services and callbacks (`extends Service`, also through another
 * marked interface), then unmarked interfaces with methods that a service
 * method takes as a parameter.
 */
export function classifyInterfaces(s: ReadSession): void {
  const interfaces = s.declarations.all.filter((info) => info.kind === 'interface');
  for (const info of interfaces) {
    s.roles.set(
      info,
      fact(s, info, 'role', () => markedRole(s, info, new Set())),
    );
  }
  for (const service of interfaces) {
    if (s.roles.get(service) !== 'service') continue;
    for (const info of fact(s, service, 'params', () => interfaceParams(s, service))) {
      if (s.roles.get(info) === 'data' && hasMethods(s, info)) {
        s.roles.set(info, 'callback-used');
      }
    }
  }
}

/** A fact that depends only on the declaration's file and what it imports: kept between reads when the cache may. */
function fact<T>(s: ReadSession, info: DeclInfo, key: string, make: () => T): T {
  return s.modelCache ? s.modelCache.fact(info, key, make) : make();
}

/** The role an interface has by its markers, inherited through contract interfaces. */
function markedRole(s: ReadSession, info: DeclInfo, visiting: Set<DeclInfo>): InterfaceRole {
  visiting.add(info);
  for (const base of heritageOf(info)) {
    const target = resolveTypeName(s, base.expression);
    if (target.kind === 'marker' && target.name === 'Service') return 'service';
    if (target.kind === 'marker' && target.name === 'Callback') return 'callback-marker';
    if (
      target.kind !== 'contract' ||
      target.info.kind !== 'interface' ||
      visiting.has(target.info)
    ) {
      continue;
    }
    const inherited = markedRole(s, target.info, visiting);
    if (inherited !== 'data') return inherited;
  }
  return 'data';
}

/** The interfaces a service's method parameters name directly: callbacks if they have methods. */
function interfaceParams(s: ReadSession, service: DeclInfo): DeclInfo[] {
  const found: DeclInfo[] = [];
  for (const { member } of collectMembers(s, service, emptyEnv).members) {
    if (!ts.isMethodSignature(member)) continue;
    for (const param of member.parameters) {
      const info = param.type && interfaceNamedBy(s, param.type);
      if (info) found.push(info);
    }
  }
  return found;
}

/** The interface a parameter type names directly (`events: ChatEvents`), through plain aliases. */
function interfaceNamedBy(s: ReadSession, node: ts.TypeNode): DeclInfo | undefined {
  while (ts.isParenthesizedTypeNode(node)) node = node.type;
  if (!ts.isTypeReferenceNode(node) || node.typeArguments) return undefined;
  const target: NameTarget = resolveTypeName(s, node.typeName);
  if (target.kind !== 'contract') return undefined;
  return target.info.kind === 'interface' ? target.info : interfaceRenamedBy(s, target.info);
}

/**
 * The interface a non-generic alias only renames (`type Events = ChatEvents`),
 * through chains of such aliases; undefined for any other declaration.
 */
export function interfaceRenamedBy(s: ReadSession, info: DeclInfo): DeclInfo | undefined {
  let current = info;
  for (
    let hops = 0;
    hops < 16 && current.kind === 'alias' && current.typeParameters.length === 0;
    hops++
  ) {
    let type = (current.declarations[0] as ts.TypeAliasDeclaration).type;
    while (ts.isParenthesizedTypeNode(type)) type = type.type;
    if (!ts.isTypeReferenceNode(type) || type.typeArguments) return undefined;
    const target = resolveTypeName(s, type.typeName);
    if (target.kind !== 'contract') return undefined;
    if (target.info.kind === 'interface') return target.info;
    current = target.info;
  }
  return undefined;
}

/** Whether an interface declares or inherits a method signature. */
export function hasMethods(s: ReadSession, info: DeclInfo): boolean {
  let known = s.caches.hasMethods.get(info);
  if (known === undefined) {
    known = fact(s, info, 'methods', () =>
      collectMembers(s, info, emptyEnv).members.some(({ member }) => ts.isMethodSignature(member)),
    );
    s.caches.hasMethods.set(info, known);
  }
  return known;
}
