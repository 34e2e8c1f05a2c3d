import { coreOf, type Router } from '../../create-router.js';
import { checkOrigin } from '../../origin/check-origin.js';
import { acceptWebSocket } from '../../ws/accept-web-socket.js';
import type { WebSocketOptions } from '../../ws/web-socket-options.js';
import type { UpgradeRequest, WsPeer, WsSessionHandle } from '../../ws/ws-peer.js';
import { isSocketUpgrade, webUpgrade } from '../web-upgrade.js';
import { securityHeaders } from '../../security-headers.js';

/** What a socket keeps (Bun's `ws.data`). */
export interface BunSocketData {
  readonly upgrade: UpgradeRequest;
  session?: WsSessionHandle;
}

/** What the adapter uses of Bun's `ServerWebSocket` (typed structurally: the runtime builds without Bun's types). */
export interface BunSocketLike {
  readonly data: BunSocketData;
  send(text: string): number;
  close(code?: number, reason?: string): void;
  terminate?(): void;
  getBufferedAmount?(): number;
}

/** What the adapter uses of Bun's `Server`. */
export interface BunServerLike {
  upgrade(request: Request, options: { data: BunSocketData }): boolean;
}

/** The `fetch` and `websocket` options of `Bun.serve`. */
export interface BunServeOptions {
  fetch(request: Request, server: BunServerLike): Response | Promise<Response> | undefined;
  readonly websocket: {
    readonly maxPayloadLength: number;
    open(ws: BunSocketLike): void;
    message(ws: BunSocketLike, message: string | Uint8Array): void;
    close(ws: BunSocketLike): void;
    drain(ws: BunSocketLike): void;
  };
}

/**
 * Options for `Bun.serve` serving `router` and its WebSocket endpoint
 * (`GET {base}/_ws`) with Bun's own WebSocket server:
 * `Bun.serve({ port: 3000, ...createBunServe(router) })`. An upgrade from a
 * page of an origin the router does not allow is answered with 403 before
 * upgrading; the auth hook runs on the upgrade's headers when the socket's
 * hello arrives. Frames above the router's body limit close the socket
 * (1009). To keep routes of your own, wrap `fetch` and call it for paths
 * under the router's `base`.
 */
export function createBunServe(router: Router, options: WebSocketOptions = {}): BunServeOptions {
  const maxPayloadLength = coreOf(router)?.limits.maxBodyBytes ?? 1 << 20;
  return {
    fetch(request, server) {
      if (!isSocketUpgrade(request, router.base)) return router.fetch(request);
      const refused = checkOrigin(router, request);
      if (refused !== undefined) return refused;
      if (server.upgrade(request, { data: { upgrade: webUpgrade(request) } })) return undefined;
      return new Response('{"error":{"code":"BAD_REQUEST","message":"Not a WebSocket upgrade."}}', {
        status: 400,
        headers: { ...securityHeaders, 'content-type': 'application/json' },
      });
    },
    websocket: {
      maxPayloadLength,
      open(ws) {
        ws.data.session = acceptWebSocket(router, new BunPeer(ws), ws.data.upgrade, options);
      },
      message(ws, message) {
        ws.data.session?.message(typeof message === 'string' ? message : undefined);
      },
      close(ws) {
        ws.data.session?.closed();
      },
      drain(ws) {
        ws.data.session?.drained();
      },
    },
  };
}

/** Bun's socket as a `WsPeer`. */
class BunPeer implements WsPeer {
  constructor(private readonly ws: BunSocketLike) {}

  send(text: string): void {
    this.ws.send(text);
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  terminate(): void {
    if (this.ws.terminate === undefined) this.ws.close();
    else this.ws.terminate();
  }

  get bufferedAmount(): number {
    return this.ws.getBufferedAmount?.() ?? 0;
  }
}
