/**
 * `@contract-gen/runtime/server/node`: a router on node:http. `createServer`
 * is the whole server (HTTP, WebSocket through `ws`, the store's lifetime);
 * `toNodeHandler` and `attachWebSocket` mount a router on a server the
 * application already has.
 */

export { toNodeHandler } from './to-node-handler.js';
export { answerClientError } from './client-error.js';
export type { NodeHandler } from './to-node-handler.js';
export { createServer } from './create-server.js';
export type {
  CloseOptions,
  ContractServer,
  ListeningServer,
  ServerOptions,
} from './create-server.js';
export { attachWebSocket } from './attach-web-socket.js';
export type { WebSocketEndpoint } from './attach-web-socket.js';
export { webhookFetch } from './webhook-fetch.js';
export { nodeWebhookSign } from './node-webhook-sign.js';
