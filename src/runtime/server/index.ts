/**
 * `contract-gen/server`: serve services over HTTP. `createRouter` is a
 * web-standard `Request → Response` handler; `toNodeHandler` and
 * `createServer` bind it to node:http.
 */
export { defineService } from './define-service.js';
export type { ServiceRegistration } from './define-service.js';
export { createRouter } from './create-router.js';
export type { Router } from './create-router.js';
export { defaultRouterLimits } from './router-options.js';
export type { RouterOptions, RouterLimits, CallbackResolver } from './router-options.js';
export type { CallContext } from './call-context.js';
export { toNodeHandler } from './to-node-handler.js';
export type { NodeHandler } from './to-node-handler.js';
export { createServer } from './create-server.js';
export type { ContractServer, ListeningServer } from './create-server.js';
export { ContractError } from '../protocol/contract-error.js';
export { ServiceError } from '../protocol/service-error.js';
