import type { ServiceDescriptor } from '../../schema/schema-types.js';

/**
 * Who may call: `allow` lists the groups let in (absent: every principal),
 * `deny` the groups kept out. A principal is in a group when the auth hook
 * put the name in its `groups`.
 */
export interface AccessRule {
  readonly allow?: readonly string[];
  readonly deny?: readonly string[];
}

/**
 * The rule of one service and, under `methods`, of some of its methods. A
 * method's `allow` replaces the service's (`publish: { allow: ['admin'] }`
 * under a service that allows `user` lets admins publish, users not); `deny`
 * adds up: the service's and the method's both apply, and deny wins over
 * any allow.
 */
export interface ServiceAccess<Method extends string = string> extends AccessRule {
  readonly methods?: { readonly [M in Method]?: AccessRule };
}

/**
 * Access rules by service name (`createRouter({ access })`). Services not
 * named are open to every principal the auth hook accepts. Checked at
 * startup: a service or method the router does not serve, or a misspelt
 * key, is a `TypeError` there, not a rule that silently never applies.
 */
export type AccessRules = { readonly [service: string]: ServiceAccess };

/** The method names of a service descriptor's type. */
type MethodOf<D> = D extends ServiceDescriptor<string, infer M> ? M : never;

/** Access rules whose service and method names are those of the descriptors `D`. */
export type AccessRulesFor<D extends ServiceDescriptor> = {
  readonly [S in D as S['name']]?: ServiceAccess<MethodOf<S>>;
};

/**
 * Access rules checked by the compiler against generated service
 * descriptors: a service or method name they do not declare is a type error
 * (and, for rules built any other way, a startup error).
 *
 * ```ts
 * createRouter({
 *   services: [tickerHandlers(ticker)],
 *   auth,
 *   access: accessRules([TickerService], { Ticker: { allow: ['user'], methods: { publish: { allow: ['admin'] } } } }),
 * });
 * ```
 */
export function accessRules<const D extends ServiceDescriptor>(
  services: readonly D[],
  rules: AccessRulesFor<D>,
): AccessRules {
  void services; // only its type matters: it names what `rules` may name
  return rules as AccessRules;
}
