/**
 * `@contract-gen/runtime/server/koa`: a router inside a Koa app
 * (docs/hosts.md). Koa itself is not imported: an optional peer of the
 * application.
 */
export { createKoaMiddleware } from './koa-middleware.js';
export type { KoaContextLike, KoaMiddleware } from './koa-middleware.js';
export { attachWebSocket } from '../../node/attach-web-socket.js';
export type { WebSocketEndpoint } from '../../node/attach-web-socket.js';
