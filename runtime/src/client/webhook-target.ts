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
 * It is its own wire form, `{"$webhook": {"url": ..., "secret": ...}}` (the
 * secret travels with the call: send calls over https); it needs no client
 * (`_open`) and no polling here, and a server that takes no webhooks from
 * callers answers 501.
 */
export function webhookTarget<T extends object>(target: WebhookTargetSpec): T {
  const $webhook = Object.freeze({ url: target.url, secret: target.secret });
  return Object.freeze({ $webhook }) as unknown as T;
}
