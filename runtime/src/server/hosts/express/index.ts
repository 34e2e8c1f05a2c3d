/**
 * `@contract-gen/runtime/server/express`: a router inside an Express app
 * (docs/hosts.md). Express itself is not imported: an optional peer of the
 * application.
 */
export { createExpressMiddleware } from './express-middleware.js';
export type { ExpressMiddleware } from './express-middleware.js';
export { attachWebSocket } from '../../node/attach-web-socket.js';
export type { WebSocketEndpoint } from '../../node/attach-web-socket.js';
