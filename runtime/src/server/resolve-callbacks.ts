import { ContractError } from '../protocol/contract-error.js';
import { CLIENT_HEADER, type CallbackRef } from '../protocol/messages.js';
import type { CallContext } from './call-context.js';
import type { CallbackResolver } from './router-options.js';
import type { MethodRoute } from './route-table.js';

/**
 * Replaces each `{"$cb": n}` in `args` (already shape-checked, data
 * arguments already decoded) with the stand-in the resolver makes. Without
 * a resolver the call is answered 501, without a client header 400.
 */
export async function resolveCallbacks(
  route: MethodRoute,
  args: unknown[],
  ctx: CallContext,
  resolver: CallbackResolver | undefined,
): Promise<void> {
  for (let i = 0; i < route.params.length; i++) {
    const callbackInterface = route.params[i]?.callback;
    const ref = args[i] as CallbackRef | undefined;
    if (callbackInterface === undefined || ref === undefined) continue;
    if (resolver === undefined) {
      throw new ContractError(
        'NOT_IMPLEMENTED',
        `${route.service}.${route.method} takes a callback (${callbackInterface.name}), and this server has no callback support configured.`,
      );
    }
    if (ctx.client === undefined) {
      throw new ContractError(
        'BAD_REQUEST',
        `${route.service}.${route.method} takes a callback, so the call needs the ${CLIENT_HEADER} header: open a client with POST {base}/_open first.`,
      );
    }
    args[i] = await resolver(ctx.client, callbackInterface, ref.$cb, ctx);
  }
}
