import { ts } from './typescript.js';
import type { MemberRef, Method } from '../model.js';
import { collectMembers, type MemberSite } from './collect-members.js';
import type { DeclInfo } from './declaration-table.js';
import { memberName } from './member-name.js';
import { readMethod } from './read-method.js';
import type { ReadSession } from './read-session.js';
import { bindTypeArguments } from './read-type-arguments.js';
import { spanOf } from './span-of.js';
import { emptyEnv } from './type-env.js';

/** The methods and non-method members of a service or callback interface, inherited ones included. */
export interface InterfaceMembers {
  readonly methods: Method[];
  readonly properties: MemberRef[];
}

/**
 * Reads a service or callback interface's members. A method name declared
 * more than once is one Method whose `overloads` says how many (read from the
 * first). Anything else — a property, even of function type
 * (`foo: () => void`), an index or call signature — is a MemberRef for the
 * check that rejects it.
 */
export function readInterfaceMembers(s: ReadSession, info: DeclInfo): InterfaceMembers {
  const { members } = collectMembers(s, info, emptyEnv, (base, args, env) =>
    bindTypeArguments(s, base, args, env),
  );
  const byName = new Map<string, MemberSite[]>();
  const properties: MemberRef[] = [];
  for (const site of members) {
    const name = memberName(site.member);
    if (ts.isMethodSignature(site.member) && name !== undefined) {
      const group = byName.get(name);
      if (group) group.push(site);
      else byName.set(name, [site]);
    } else {
      // An index or call signature has no name: it is named by its text (`[key: string]: unknown`).
      properties.push({
        name: name ?? site.member.getText().replace(/[;,]$/, ''),
        span: spanOf(s, site.member, site.sourceFile),
      });
    }
  }
  const methods = [...byName.values()].map((group) => readMethod(s, group[0]!, group.length));
  return { methods, properties };
}
