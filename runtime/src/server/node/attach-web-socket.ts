import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { ContractError } from '../../protocol/contract-error.js';
import { WS_ENDPOINT } from '../../protocol/ws-frames.js';
import type { Principal } from '../auth/principal.js';
import { coreOf, type Router } from '../create-router.js';
import { errorOutput } from '../outputs.js';
import { securityHeaders } from '../security-headers.js';
import { loadWs, WS_MISSING } from './load-ws.js';
import { NodeCallInput } from './node-call-input.js';
import { originForm } from './request-target.js';
import { badHost, isValidHost } from './valid-host.js';
import { acceptWebSocket } from '../ws/accept-web-socket.js';
import type { WebSocketOptions } from '../ws/web-socket-options.js';
import type { UpgradeRequest, WsPeer, WsSessionHandle } from '../ws/ws-peer.js';

/** The WebSocket endpoint attached to a node:http server. */
export interface WebSocketEndpoint {
  /** Stops taking upgrades and closes every socket (1001), dropping those that do not answer within a second. */
  close(): void;
}

/** Upgrade headers that describe the socket handshake, not the caller: kept out of a call's `ctx.request`. */
const HANDSHAKE_HEADERS = new Set([
  'connection',
  'upgrade',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
  'sec-websocket-protocol',
]);

/**
 * Serves `GET {base}/_ws` upgrades of `server` with `router` (the `ws`
 * library in `noServer` mode). An upgrade from a page of another origin
 * than the server's own or those its `origins` option allows gets 403
 * `ORIGIN_NOT_ALLOWED`; then the router's auth hook runs on the upgrade
 * request: a refused caller gets the HTTP error answer (401, 403) and no
 * socket. Frames larger than the router's body limit
 * close the socket (1009). Upgrades to other paths are left to other
 * `upgrade` listeners, or refused with 404 when there are none.
 * `createServer` calls this unless its `webSocket` option is `false`.
 * Throws when the optional peer `ws` is not installed.
 */
export function attachWebSocket(
  server: Server,
  router: Router,
  options: WebSocketOptions = {},
): WebSocketEndpoint {
  const core = coreOf(router);
  if (core?.channel === undefined)
    throw new TypeError(
      'contract-gen: attachWebSocket needs a router made by createRouter with the event channel on.',
    );
  const wsLib = loadWs();
  if (wsLib === undefined) throw new Error(`contract-gen: ${WS_MISSING}.`);
  const wss = new wsLib.WebSocketServer({ noServer: true, maxPayload: core.limits.maxBodyBytes });
  const path = `${core.base}${WS_ENDPOINT}`;
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (new NodeCallInput(req).pathname === path) {
      // The auth hook's request URL is built from the Host header.
      if (!isValidHost(req.headers.host)) return refuseUpgrade(socket, badHost());
      // Nobody listens on the raw socket until ws takes it: a reset while the hook runs must not crash the process.
      const onError = (): void => void socket.destroy();
      socket.on('error', onError);
      const upgrade = new NodeUpgrade(req);
      // A page of another site gets no socket, and its visitor's cookies never reach the auth hook.
      const foreign = core.origins.checkUpgrade(upgrade);
      if (foreign !== undefined) return refuseUpgrade(socket, foreign);
      void core.authenticateUpgrade(upgrade).then((principal) => {
        socket.off('error', onError);
        if (socket.destroyed) return;
        if (principal instanceof ContractError) return refuseUpgrade(socket, principal);
        wss.handleUpgrade(req, socket, head, (ws) => serve(ws, req, router, options, principal));
      });
    } else if (server.listenerCount('upgrade') === 1) {
      socket.end(
        `HTTP/1.1 404 Not Found\r\n${securityHead}connection: close\r\ncontent-length: 0\r\n\r\n`,
      );
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

const securityHead = Object.entries(securityHeaders)
  .map(([name, value]) => `${name}: ${value}\r\n`)
  .join('');

/** Answers a refused upgrade with the HTTP error answer, and closes the connection. */
function refuseUpgrade(socket: Duplex, refusal: ContractError): void {
  const { status, body } = errorOutput(refusal);
  const head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${securityHead}content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n`;
  socket.end(head + body);
}

/** Where a socket's session handle is kept on the `ws` object, so its listeners can be shared functions instead of closures per socket. */
const sessionOf: unique symbol = Symbol('contract-gen.ws-session');
type ServedSocket = WebSocket & { [sessionOf]?: WsSessionHandle };

function serve(
  ws: WebSocket,
  req: IncomingMessage,
  router: Router,
  options: WebSocketOptions,
  principal: Principal,
): void {
  const peer = new NodePeer(ws);
  // Without an auth hook the session's copy of the upgrade serves calls only: the handshake headers, which their
  // `ctx.request` never shows, need not be kept for the socket's lifetime. With one, the hook runs on it again (calls,
  // re-checks) and must see what it saw on the upgrade (a token in `sec-websocket-protocol`, say).
  const forCalls = coreOf(router)?.liveAuthority === undefined;
  const handle = (peer.session = acceptWebSocket(
    router,
    peer,
    new NodeUpgrade(req, forCalls),
    options,
    principal,
  ));
  (ws as ServedSocket)[sessionOf] = handle;
  ws.on('message', onMessage);
  ws.on('close', onClose);
  // 'close' follows every error (a frame too big, a reset): nothing more to do here.
  ws.on('error', ignore);
}

function onMessage(
  this: ServedSocket,
  data: Buffer | ArrayBuffer | Buffer[],
  isBinary: boolean,
): void {
  // The socket's binaryType stays ws's default 'nodebuffer', so a message is one Buffer (never an ArrayBuffer or
  // fragments): toString decodes its UTF-8 text.
  this[sessionOf]?.message(isBinary ? undefined : (data as Buffer).toString());
}

function onClose(this: ServedSocket): void {
  this[sessionOf]?.closed();
}

function ignore(): void {}

/**
 * The `ws` socket as a `WsPeer`. A class, not an object of closures: an idle
 * server holds one per socket, thousands of them, and prototype methods
 * cost nothing per socket (issue 11, memory per idle client).
 */
class NodePeer implements WsPeer {
  session: WsSessionHandle | undefined = undefined;
  /** One per socket (ws calls it without `this`): tells the session its frame left. */
  readonly #onSent = (): void => this.session?.drained();

  constructor(private readonly ws: WebSocket) {}

  send(text: string): void {
    this.ws.send(text, this.#onSent);
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  terminate(): void {
    this.ws.terminate();
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }
}

/**
 * The upgrade request as calls over the socket see it. It keeps the URL and
 * the header entries only, not the `IncomingMessage`: a session lives as
 * long as its socket, and the request with its streams and its dictionary of
 * headers cost about 1 KiB per idle socket.
 */
class NodeUpgrade implements UpgradeRequest {
  readonly url: string;
  /** `req.headers` as a flat list: lower-case name, value (a string, or several for repeated ones Node keeps apart). */
  readonly #entries: (string | string[])[] = [];

  /** `forCalls`: the handshake headers are left out, of `header` too (for a router without an auth hook, which would read them). */
  constructor(req: IncomingMessage, forCalls = false) {
    const scheme = (req.socket as { encrypted?: boolean }).encrypted === true ? 'https' : 'http';
    this.url = flat(`${scheme}://${req.headers.host ?? 'localhost'}${originForm(req.url ?? '/')}`);
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !(forCalls && HANDSHAKE_HEADERS.has(name)))
        this.#entries.push(name, value);
    }
  }

  header(name: string): string | undefined {
    const entries = this.#entries;
    for (let i = 0; i < entries.length; i += 2) {
      if (entries[i] !== name) continue;
      const value = entries[i + 1] as string | string[];
      return Array.isArray(value) ? value.join(', ') : value;
    }
    return undefined;
  }

  headers(): Headers {
    const headers = new Headers();
    const entries = this.#entries;
    for (let i = 0; i < entries.length; i += 2) {
      const name = entries[i] as string;
      const value = entries[i + 1] as string | string[];
      if (HANDSHAKE_HEADERS.has(name)) continue;
      if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      else headers.set(name, value);
    }
    return headers;
  }
}

/** Written so that the engine cannot drop the character read in `flat` as unused. */
const sink = { touched: 0 };

/** `text` as one flat string, kept for the socket's lifetime: V8 keeps a concatenation as a tree of pieces until a character is read. */
function flat(text: string): string {
  sink.touched ^= text.charCodeAt(0);
  return text;
}
