import type { WebhookSign } from './webhook-signature.js';

/**
 * One webhook request as the receiver reads it: from a web `Request`
 * (`receiver.fetch`), or straight from node:http's `IncomingMessage` (the
 * Node glue, which builds no `Request`, stream or `Response`).
 */
export interface WebhookInput {
  readonly method: string;
  /** A header by lower-case name, `undefined` when absent. */
  header(name: string): string | undefined;
  /** The body as text; rejects with 413 `TOO_LARGE` past `max` bytes, 400 `BAD_REQUEST` when not UTF-8. */
  text(max: number): Promise<string>;
}

/** A receiver's answer: a status and its JSON body. */
export interface WebhookAnswer {
  readonly status: number;
  readonly body: string;
}

/**
 * What a receiver does with one request. `sign` is the host's HMAC (the
 * Node glue's `nodeWebhookSign`), used unless the receiver's options name
 * one.
 */
export type ReceiverCore = (input: WebhookInput, sign?: WebhookSign) => Promise<WebhookAnswer>;

/** The key a receiver made by `createWebhookReceiver` keeps its core under. */
export const receiverCore: unique symbol = Symbol('contract-gen.webhook-receiver-core');

/** The core of `receiver` if `createWebhookReceiver` made it (the Node glue then skips web objects). */
export function receiverCoreOf(receiver: object): ReceiverCore | undefined {
  const core = (receiver as { [receiverCore]?: unknown })[receiverCore];
  return typeof core === 'function' ? (core as ReceiverCore) : undefined;
}
