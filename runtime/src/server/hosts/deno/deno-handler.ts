import type { Router } from '../../create-router.js';
import { checkOrigin } from '../../origin/check-origin.js';
import { acceptWebSocket } from '../../ws/accept-web-socket.js';
import type { WebSocketOptions } from '../../ws/web-socket-options.js';
import type { WsSessionHandle } from '../../ws/ws-peer.js';
import { isSocketUpgrade, webUpgrade } from '../web-upgrade.js';

/** What the handler uses of the `Deno` namespace (typed structurally: the runtime builds without Deno's types). */
interface DenoLike {
  upgradeWebSocket(request: Request): { socket: WebSocket; response: Response };
}

/** A `Deno.serve` handler. */
export type DenoHandler = (request: Request) => Response | Promise<Response>;

/**
 * A handler for `Deno.serve` serving `router` and its WebSocket endpoint
 * (`GET {base}/_ws`, through `Deno.upgradeWebSocket`, unless `webSocket` is
 * `false`): `Deno.serve({ port: 8000 }, createDenoHandler(router))`. An
 * upgrade from a page of an origin the router does not allow is answered
 * with 403 before upgrading; the auth hook runs on the upgrade's headers
 * when the socket's hello arrives. To keep routes of your own, call it from
 * your handler for paths under the router's `base`.
 */
export function createDenoHandler(
  router: Router,
  webSocket: WebSocketOptions | false = {},
): DenoHandler {
  return (request) => {
    if (webSocket === false || !isSocketUpgrade(request, router.base)) return router.fetch(request);
    const refused = checkOrigin(router, request);
    if (refused !== undefined) return refused;
    const deno = (globalThis as { Deno?: DenoLike }).Deno;
    if (deno === undefined) throw new Error('contract-gen: createDenoHandler runs on Deno only.');
    // Read before upgrading: Deno closes the request's headers once it hands over the socket.
    const upgrade = webUpgrade(request);
    const { socket, response } = deno.upgradeWebSocket(request);
    let session: WsSessionHandle | undefined;
    socket.onopen = () => {
      session = acceptWebSocket(router, socket, upgrade, webSocket);
    };
    socket.onmessage = (event: MessageEvent) =>
      session?.message(typeof event.data === 'string' ? event.data : undefined);
    socket.onclose = () => session?.closed();
    return response;
  };
}
