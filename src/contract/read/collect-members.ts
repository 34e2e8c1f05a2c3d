import { ts } from './typescript.js';
import type { DeclInfo } from './declaration-table.js';
import { memberName } from './member-name.js';
import type { ReadSession } from './read-session.js';
import { resolveTypeName } from './resolve-type-name.js';
import { emptyEnv, type TypeEnv } from './type-env.js';

/** A member, the environment its types are read in (a generic base brings its own), and its file. */
export interface MemberSite {
  readonly member: ts.TypeElement;
  readonly env: TypeEnv;
  readonly sourceFile: ts.SourceFile;
}

export interface CollectedMembers {
  readonly members: readonly MemberSite[];
  /** False when a base is not an interface or object-literal alias (`extends Omit<X, 'a'>`): the checker must merge. */
  readonly complete: boolean;
}

/** Binds a base's type parameters to the type arguments written in a heritage clause. */
export type BindArguments = (base: DeclInfo, args: readonly ts.TypeNode[], env: TypeEnv) => TypeEnv;

/**
 * The members of an interface from syntax, inherited ones included, as
 * TypeScript merges them: own members first, then each base's in order,
 * skipping names already declared closer. Overloads at one level are all kept.
 * Without `bind`, bases see an empty environment (enough to classify).
 */
export function collectMembers(
  s: ReadSession,
  info: DeclInfo,
  env: TypeEnv,
  bind?: BindArguments,
): CollectedMembers {
  const walk: Walk = { members: [], seen: new Set(), visiting: new Set(), complete: true };
  visit(s, walk, info, env, bind);
  return { members: walk.members, complete: walk.complete };
}

interface Walk {
  readonly members: MemberSite[];
  /** Member names declared at a level already visited (closer to the interface). */
  readonly seen: Set<string>;
  readonly visiting: Set<DeclInfo>;
  complete: boolean;
}

function visit(
  s: ReadSession,
  walk: Walk,
  current: DeclInfo,
  env: TypeEnv,
  bind?: BindArguments,
): void {
  if (walk.visiting.has(current)) return; // `A extends B`, `B extends A`: TypeScript reports it; stop here
  walk.visiting.add(current);
  const own = ownMembers(current);
  if (!own) {
    walk.complete = false;
    return;
  }
  addLevel(walk, own, current, env);
  for (const base of heritageOf(current)) {
    const target = resolveTypeName(s, base.expression);
    if (target.kind === 'marker') continue;
    const kind = target.kind === 'contract' ? target.info.kind : undefined;
    if (target.kind !== 'contract' || (kind !== 'interface' && kind !== 'alias')) {
      walk.complete = false;
      continue;
    }
    visit(
      s,
      walk,
      target.info,
      bind ? bind(target.info, base.typeArguments ?? [], env) : emptyEnv,
      bind,
    );
  }
}

/** One interface's own members, minus names a closer level declared; overloads at this level all stay. */
function addLevel(
  walk: Walk,
  own: readonly ts.TypeElement[],
  current: DeclInfo,
  env: TypeEnv,
): void {
  const level = new Set<string>();
  for (const member of own) {
    const name = memberName(member);
    if (name !== undefined && walk.seen.has(name)) continue;
    if (name !== undefined) level.add(name);
    walk.members.push({ member, env, sourceFile: current.sourceFile });
  }
  for (const name of level) walk.seen.add(name);
}

/** Members declared directly: every merged interface declaration, or an alias's object literal. */
function ownMembers(info: DeclInfo): readonly ts.TypeElement[] | undefined {
  if (info.kind === 'alias') {
    let type = (info.declarations[0] as ts.TypeAliasDeclaration).type;
    while (ts.isParenthesizedTypeNode(type)) type = type.type;
    return ts.isTypeLiteralNode(type) ? type.members : undefined;
  }
  if (info.kind !== 'interface') return undefined;
  return info.declarations.flatMap((d) => [...(d as ts.InterfaceDeclaration).members]);
}

/** The `extends` types of every declaration of an interface. */
export function heritageOf(info: DeclInfo): ts.ExpressionWithTypeArguments[] {
  if (info.kind !== 'interface') return [];
  return info.declarations.flatMap((d) =>
    ((d as ts.InterfaceDeclaration).heritageClauses ?? []).flatMap((c) => [...c.types]),
  );
}
