import { coreOf, type Router } from '../create-router.js';
import { errorOutput } from '../outputs.js';
import { securityHeaders } from '../security-headers.js';

/**
 * The answer to send instead of accepting a WebSocket upgrade that comes
 * from a page of another origin than the server's own or one its `origins`
 * allow (403 `ORIGIN_NOT_ALLOWED`), or `undefined` to go on. Call it before
 * the runtime upgrades, so a refused page never gets a socket
 * (`attachWebSocket` does this on Node):
 *
 * ```ts
 * Deno.serve((request) => {
 *   if (request.headers.get('upgrade') !== 'websocket') return router.fetch(request);
 *   const refused = checkOrigin(router, request);
 *   if (refused !== undefined) return refused;
 *   const { socket, response } = Deno.upgradeWebSocket(request);
 *   // ... acceptWebSocket(router, socket, upgrade) ...
 *   return response;
 * });
 * ```
 *
 * `acceptWebSocket` checks again, and refuses such a socket with an `error`
 * frame before its hello is read. Throws a `TypeError` when `router` is not
 * from `createRouter`.
 */
export function checkOrigin(
  router: Pick<Router, 'fetch'>,
  request: Pick<Request, 'url' | 'headers'>,
): Response | undefined {
  const core = coreOf(router);
  if (core === undefined)
    throw new TypeError('contract-gen: checkOrigin needs a router made by createRouter.');
  const refusal = core.origins.checkUpgrade({
    url: request.url,
    header: (name) => request.headers.get(name) ?? undefined,
  });
  if (refusal === undefined) return undefined;
  const { status, body } = errorOutput(refusal);
  return new Response(body, {
    status,
    headers: { ...securityHeaders, 'content-type': 'application/json', vary: 'Origin' },
  });
}
