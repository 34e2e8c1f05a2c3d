import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { ContractError } from '../../protocol/contract-error.js';
import { WS_ENDPOINT } from '../../protocol/ws-frames.js';
import type { Principal } from '../auth/principal.js';
import { coreOf, type Router } from '../create-router.js';
import { errorOutput } from '../outputs.js';
import { NodeCallInput } from '../node-call-input.js';
import { acceptWebSocket } from './accept-web-socket.js';
import type { WebSocketOptions } from './web-socket-options.js';
import type { UpgradeRequest, WsPeer } from './ws-peer.js';

/** The WebSocket endpoint attached to a node:http server. */
export interface WebSocketEndpoint {
  /** Stops taking upgrades and closes every socket (1001), dropping those that do not answer within a second. */
  close(): void;
}

/** Upgrade headers that describe the socket handshake, not the caller: kept out of a call's `ctx.request`. */
const HANDSHAKE_HEADERS = new Set(['connection', 'upgrade', 'sec-websocket-key', 'sec-websocket-version', 'sec-websocket-extensions', 'sec-websocket-protocol']);

/**
 * Serves `GET {base}/_ws` upgrades of `server` with `router` (the `ws`
 * library in `noServer` mode). The router's auth hook runs on the upgrade
 * request first: a refused caller gets the HTTP error answer (401, 403)
 * and no socket. Frames larger than the router's body limit
 * close the socket (1009). Upgrades to other paths are left to other
 * `upgrade` listeners, or refused with 404 when there are none.
 * `createServer` calls this unless its `webSocket` option is `false`.
 */
export function attachWebSocket(server: Server, router: Router, options: WebSocketOptions = {}): WebSocketEndpoint {
  const core = coreOf(router);
  if (core?.channel === undefined) throw new TypeError('contract-gen: attachWebSocket needs a router made by createRouter with the event channel on.');
  const wss = new WebSocketServer({ noServer: true, maxPayload: core.limits.maxBodyBytes });
  const path = `${core.base}${WS_ENDPOINT}`;
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (new NodeCallInput(req).pathname === path) {
      // Nobody listens on the raw socket until ws takes it: a reset while the hook runs must not crash the process.
      const onError = (): void => void socket.destroy();
      socket.on('error', onError);
      void core.authenticateUpgrade(upgradeOf(req)).then((principal) => {
        socket.off('error', onError);
        if (socket.destroyed) return;
        if (principal instanceof ContractError) return refuseUpgrade(socket, principal);
        wss.handleUpgrade(req, socket, head, (ws) => serve(ws, req, router, options, principal));
      });
    } else if (server.listenerCount('upgrade') === 1) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    }
  };
  server.on('upgrade', onUpgrade);
  return {
    close() {
      server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) {
        ws.close(1001, 'the server is stopping');
        setTimeout(() => ws.terminate(), 1000).unref();
      }
      wss.close();
    },
  };
}

/** Answers a refused upgrade with the HTTP error answer, and closes the connection. */
function refuseUpgrade(socket: Duplex, refusal: ContractError): void {
  const { status, body } = errorOutput(refusal);
  const head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n`;
  socket.end(head + body);
}

function serve(ws: WebSocket, req: IncomingMessage, router: Router, options: WebSocketOptions, principal: Principal): void {
  let session: ReturnType<typeof acceptWebSocket> | undefined;
  const onSent = (): void => session?.drained();
  const peer: WsPeer = {
    send: (text) => ws.send(text, onSent),
    close: (code, reason) => ws.close(code, reason),
    terminate: () => ws.terminate(),
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
  };
  const handle = (session = acceptWebSocket(router, peer, upgradeOf(req), options, principal));
  ws.on('message', (data, isBinary) => handle.message(isBinary ? undefined : data.toString()));
  ws.on('close', () => handle.closed());
  // 'close' follows every error (a frame too big, a reset): nothing more to do here.
  ws.on('error', () => undefined);
}

function upgradeOf(req: IncomingMessage): UpgradeRequest {
  const scheme = (req.socket as { encrypted?: boolean }).encrypted === true ? 'https' : 'http';
  return {
    url: `${scheme}://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`,
    header(name) {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    headers() {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (HANDSHAKE_HEADERS.has(name) || value === undefined) continue;
        if (Array.isArray(value)) for (const item of value) headers.append(name, item);
        else headers.set(name, value);
      }
      return headers;
    },
  };
}
