import { ContractError } from '../protocol/contract-error.js';
import { CLIENT_HEADER, isWebhookRef, type CallbackRef } from '../protocol/messages.js';
import type { CallbackInterfaceDescriptor } from '../schema/schema-types.js';
import type { CallContext } from './call-context.js';
import type { CallbackResolver } from './router-options.js';
import type { MethodRoute } from './route-table.js';

/**
 * Turns a `{"$webhook": {url, secret}}` argument into the stand-in of a
 * webhook endpoint (`createWebhooks(router, { fromClients: true })`); throws
 * `BAD_ARGUMENT` at `path` for a URL or secret it refuses.
 */
export type WebhookResolver = (
  callbackInterface: CallbackInterfaceDescriptor,
  target: { readonly url: string; readonly secret: string },
  ctx: CallContext,
  path: string,
) => Promise<object>;

/**
 * Replaces each `{"$cb": n}` in `args` (already shape-checked, data
 * arguments already decoded) with the stand-in the resolver makes. Without
 * a resolver the call is answered 501, without a client header 400. A
 * `{"$webhook": ...}` goes to the webhook resolver instead (501 without one)
 * and needs no client.
 */
export async function resolveCallbacks(
  route: MethodRoute,
  args: unknown[],
  ctx: CallContext,
  resolver: CallbackResolver | undefined,
  webhooks?: WebhookResolver,
): Promise<void> {
  for (let i = 0; i < route.params.length; i++) {
    const callbackInterface = route.params[i]?.callback;
    const ref = args[i] as CallbackRef | undefined;
    if (callbackInterface === undefined || ref === undefined) continue;
    if (isWebhookRef(ref)) {
      if (webhooks === undefined)
        throw new ContractError(
          'NOT_IMPLEMENTED',
          `${route.service}.${route.method} was passed a webhook ({"$webhook": ...}) for ${callbackInterface.name}, and this server takes no webhooks from callers.`,
        );
      args[i] = await webhooks(callbackInterface, ref.$webhook, ctx, `args[${i}]`);
      continue;
    }
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
