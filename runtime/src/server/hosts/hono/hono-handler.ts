import type { Router } from '../../create-router.js';

/** What the handler reads of Hono's context (typed structurally: the runtime needs no Hono types). */
export interface HonoContextLike {
  readonly req: { readonly raw: Request };
}

/** A Hono handler: `app.all('/api/*', createHonoHandler(router))`. */
export type HonoHandler = (c: HonoContextLike) => Promise<Response>;

/**
 * Serves `router` inside a Hono app, on any runtime Hono runs on: the
 * handler passes Hono's web-standard `Request` (with its full URL, so the
 * route's path must be the router's `base`) to `router.fetch`. Register it
 * for both `{base}` and `{base}/*`, before middleware that reads the body.
 * WebSocket on Node: `attachWebSocket(server, router)` from
 * `@contract-gen/runtime/server/node` on the server `serve()` of
 * `@hono/node-server` returns; on Deno and Bun, see docs/hosts.md.
 */
export function createHonoHandler(router: Pick<Router, 'fetch'>): HonoHandler {
  return (c) => router.fetch(c.req.raw);
}
