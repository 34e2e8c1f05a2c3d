/**
 * `@contract-gen/runtime/webhooks`: receiving a contract's callbacks as
 * Standard Webhooks, and signing them (docs/webhooks.md). Browser-safe: web
 * standards only (`fetch`'s Request and Response, WebCrypto).
 */
export { createWebhookReceiver } from './webhook-receiver.js';
export type { WebhookReceiver, WebhookReceiverOptions } from './webhook-receiver.js';
export { memorySeenSeqs } from './seen-seqs.js';
export type { SeenSeqs } from './seen-seqs.js';
export {
  newWebhookSecret,
  signatureHeader,
  signWebhook,
  verifySignature,
} from './webhook-signature.js';
export type { WebhookSign } from './webhook-signature.js';
export { WEBHOOK_ID, WEBHOOK_SIGNATURE, WEBHOOK_TIMESTAMP } from './webhook-body.js';
export type { WebhookBody } from './webhook-body.js';
