import { compileAccess } from '../access/compile-access.js';
import type { EventChannel } from '../events/event-channel.js';
import type { RouterLimits, RouterOptions } from '../router-options.js';
import type { RouteTable } from '../route-table.js';
import { resolveLiveAuth } from './live-auth-options.js';
import { RequestGuard } from './request-guard.js';

/**
 * The router's guard, or `undefined` without an auth hook (then every
 * caller is anonymous and nothing is checked beyond the contract). Throws a
 * `TypeError` at startup for options that cannot work: access rules without
 * a hook (every caller would be anonymous, in no group), `liveAuth` without
 * one, options of `liveAuth` that cannot work, rules that name
 * what the router does not serve, a store that cannot keep client owners.
 */
export function createGuard(
  options: RouterOptions,
  table: RouteTable,
  channel: EventChannel | undefined,
  limits: RouterLimits,
  fault: (error: unknown) => void,
  base: string,
): RequestGuard | undefined {
  const { auth, access, liveAuth } = options;
  if (auth === undefined) {
    if (access !== undefined)
      throw new TypeError(
        'contract-gen: access rules need an auth hook (createRouter({ auth, access })): without one every caller is anonymous, in no group',
      );
    if (liveAuth !== undefined)
      throw new TypeError(
        'contract-gen: liveAuth re-checks what the auth hook said, and there is none (createRouter({ auth, liveAuth }))',
      );
    return undefined;
  }
  if (typeof auth !== 'function')
    throw new TypeError('contract-gen: auth must be a function (request) => principal');
  const policy = access === undefined ? undefined : compileAccess(access, table);
  if (channel !== undefined && typeof channel.options.store.owner !== 'function') {
    throw new TypeError(
      'contract-gen: with an auth hook every client belongs to the principal that opened it, and this store keeps no owners (ClientStore.owner): use a store that does',
    );
  }
  return new RequestGuard(
    auth,
    policy,
    channel,
    limits.maxClientsPerPrincipal,
    fault,
    resolveLiveAuth(liveAuth),
    base,
  );
}
