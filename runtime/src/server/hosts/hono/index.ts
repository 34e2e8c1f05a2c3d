/**
 * `@contract-gen/runtime/server/hono`: a router inside a Hono app
 * (docs/hosts.md). Hono itself is not imported: an optional peer of the
 * application.
 */
export { createHonoHandler } from './hono-handler.js';
export type { HonoContextLike, HonoHandler } from './hono-handler.js';
