/**
 * `@contract-gen/runtime/server/bun`: a router on `Bun.serve` with Bun's
 * WebSocket server (docs/hosts.md).
 */
export { createBunServe } from './bun-serve.js';
export type { BunServeOptions, BunServerLike, BunSocketData, BunSocketLike } from './bun-serve.js';
