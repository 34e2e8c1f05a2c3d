/**
 * `@contract-gen/runtime/server/deno`: a router on `Deno.serve` with
 * `Deno.upgradeWebSocket` (docs/hosts.md).
 */
export { createDenoHandler } from './deno-handler.js';
export type { DenoHandler } from './deno-handler.js';
