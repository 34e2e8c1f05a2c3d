/** Where a `webhookTarget` keeps its URL and secret: a symbol, so it is never taken for a callback method. */
const TARGET: unique symbol = Symbol('contract-gen.webhook-target');

/** Where a webhook callback goes: the receiver's URL and the secret it verifies with. */
export interface WebhookTargetSpec {
  readonly url: string;
  /** `whsec_<base64>`: the receiver's secret (`newWebhookSecret()` from `@contract-gen/runtime/webhooks`). */
  readonly secret: string;
}

/**
 * A callback argument that asks the server to deliver the callback's
 * events to `url` as signed webhooks (docs/webhooks.md), instead of to this
 * client: pass it where the contract takes the callback object.
 *
 * ```ts
 * await chat.join('lobby', 'billing', webhookTarget<ChatEvents>({ url, secret }));
 * ```
 *
 * It travels as `{"$webhook": {"url": ..., "secret": ...}}` (the secret
 * with it: send calls over https), needs no client (`_open`) and no polling
 * here, and is refused (501) by a server that takes no webhooks from callers.
 */
export function webhookTarget<T extends object>(target: WebhookTargetSpec): T {
  const spec = { url: target.url, secret: target.secret };
  return Object.freeze({ [TARGET]: spec }) as unknown as T;
}

/** The URL and secret of a `webhookTarget`, or `undefined` for any other value. */
export function webhookTargetOf(value: unknown): WebhookTargetSpec | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return (value as { [TARGET]?: WebhookTargetSpec })[TARGET];
}
