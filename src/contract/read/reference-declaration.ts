import type { ts } from './typescript.js';
import type { Span, TypeRef } from '../model.js';
import { interfaceRenamedBy } from './classify-interfaces.js';
import type { DeclInfo } from './declaration-table.js';
import type { ReadSession } from './read-session.js';
import { unsupported } from './unsupported.js';

/** How the walker that met the reference reads its type arguments and, if needed, the checker's type of it. */
export interface ReferenceSite {
  readonly span: () => Span;
  readonly text: () => string;
  readonly typeArguments: () => readonly TypeRef[];
  readonly type?: (() => ts.Type | undefined) | undefined;
}

/**
 * A use of a contract declaration → TypeRef, the same for both walkers:
 * callbacks (marked or used as one) are `{ kind: 'callback' }` wherever they
 * appear, so that a check can reject them inside data; services and classes
 * are not data; everything else is a `ref` to a named type, registered on
 * first use (generics once per distinct instantiation).
 */
export function referenceDeclaration(s: ReadSession, info: DeclInfo, site: ReferenceSite): TypeRef {
  if (info.kind === 'class') return unsupported('class', site.text(), site.span());
  // `type Events = ChatEvents` is ChatEvents under another name: a callback is still a callback.
  const renamed = info.kind === 'alias' ? interfaceRenamedBy(s, info) : undefined;
  const role = s.roles.get(renamed ?? info);
  const name = (renamed ?? info).name;
  // A service is a reference to an instance of it; the checks allow it only as a method's result (CG120).
  if (role === 'service') return { kind: 'service', name };
  if (role === 'callback-marker' || role === 'callback-used') {
    return { kind: 'callback', name };
  }
  if (info.typeParameters.length === 0) return s.registry.refTo(info, site.span);
  return s.registry.refTo(info, site.span, site.typeArguments(), site.type);
}
