import { ContractError } from '../../protocol/contract-error.js';
import type { Principal } from '../auth/principal.js';
import type { AccessPolicy } from './compile-access.js';

/**
 * The 403 `FORBIDDEN` for `principal` calling `service.method`, or
 * `undefined` when the rules let it through. Deny wins: one group of the
 * principal in `deny` refuses the call whatever `allow` says. The answer
 * names the method but not the groups it needs, which are the server's
 * business.
 */
export function checkAccess(
  policy: AccessPolicy,
  principal: Principal,
  service: string,
  method: string,
): ContractError | undefined {
  const rule = policy.get(service)?.get(method);
  if (rule === undefined) return undefined;
  const groups = principal.groups ?? [];
  let allowed = rule.allow === undefined;
  for (const group of groups) {
    if (rule.deny.has(group)) return refusal(service, method);
    if (!allowed && rule.allow?.has(group) === true) allowed = true;
  }
  return allowed ? undefined : refusal(service, method);
}

function refusal(service: string, method: string): ContractError {
  return new ContractError('FORBIDDEN', `You may not call ${service}.${method}.`);
}
