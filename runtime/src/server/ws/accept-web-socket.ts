import type { Principal } from '../auth/principal.js';
import { coreOf, type Router } from '../create-router.js';
import { refuseSocket } from '../origin/refuse-socket.js';
import { SocketSession } from './socket-session.js';
import { resolveWebSocketOptions, type WebSocketOptions } from './web-socket-options.js';
import type { UpgradeRequest, WsPeer, WsSessionHandle } from './ws-peer.js';

/**
 * Serves the WebSocket binding (docs/protocol.md) on one accepted socket, on
 * any runtime: the adapter wraps its socket as a `WsPeer` and passes frames
 * and the close to the returned handle. On Node, `createServer` and
 * `attachWebSocket` do this with the `ws` library; on Deno, say:
 *
 * ```ts
 * const { socket, response } = Deno.upgradeWebSocket(request);
 * const session = acceptWebSocket(router, socket, upgradeOf(request));
 * socket.onmessage = (e) => session.message(typeof e.data === 'string' ? e.data : undefined);
 * socket.onclose = () => session.closed();
 * ```
 *
 * With an auth hook on the router, the session runs it on the upgrade's
 * headers when the hello arrives, unless `principal` says the adapter ran it
 * already (`attachWebSocket` does, so a refused caller never gets a socket).
 * A socket whose upgrade came from a page of an origin the router does not
 * allow gets an `error` frame (403 `ORIGIN_NOT_ALLOWED`) and is closed
 * (1008) before anything else: call `checkOrigin` before upgrading to
 * answer such a page with the HTTP 403 instead.
 *
 * Throws a `TypeError` when `router` is not from `createRouter` or runs
 * without the event channel.
 */
export function acceptWebSocket(
  router: Router,
  peer: WsPeer,
  upgrade: UpgradeRequest,
  options: WebSocketOptions = {},
  principal?: Principal,
): WsSessionHandle {
  const core = coreOf(router);
  const channel = core?.channel;
  if (core === undefined || channel === undefined) {
    throw new TypeError(
      'contract-gen: WebSocket needs a router made by createRouter with the event channel on (events not false).',
    );
  }
  const foreign = core.origins.checkUpgrade(upgrade);
  if (foreign !== undefined) return refuseSocket(peer, foreign);
  return new SocketSession(
    core,
    channel,
    peer,
    upgrade,
    resolveWebSocketOptions(options, channel.options.maxBatch),
    principal,
  );
}
