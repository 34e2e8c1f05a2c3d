import { ts } from 'ts-morph';
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
  const members: MemberSite[] = [];
  const seen = new Set<string>();
  const visiting = new Set<DeclInfo>();
  let complete = true;
  const visit = (current: DeclInfo, currentEnv: TypeEnv): void => {
    if (visiting.has(current)) return; // `A extends B`, `B extends A`: an error TypeScript reports; stop here
    visiting.add(current);
    const own = ownMembers(current);
    if (!own) {
      complete = false;
      return;
    }
    const level = new Set<string>();
    for (const member of own) {
      const name = memberName(member);
      if (name !== undefined && seen.has(name)) continue;
      if (name !== undefined) level.add(name);
      members.push({ member, env: currentEnv, sourceFile: current.sourceFile });
    }
    for (const name of level) seen.add(name);
    for (const base of heritageOf(current)) {
      const target = resolveTypeName(s, base.expression);
      if (target.kind === 'marker') continue;
      if (
        target.kind !== 'contract' ||
        target.info.kind === 'enum' ||
        target.info.kind === 'class'
      ) {
        complete = false;
        continue;
      }
      visit(target.info, bind ? bind(target.info, base.typeArguments ?? [], currentEnv) : emptyEnv);
    }
  };
  visit(info, env);
  return { members, complete };
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
