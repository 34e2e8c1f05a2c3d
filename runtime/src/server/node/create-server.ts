import { createServer as createHttpServer, type Server } from 'node:http';
import { Server as NetServer, type AddressInfo } from 'node:net';
import { createRouter, type Router } from '../create-router.js';
import type { Topic } from '../events/topic.js';
import type { Log, LogOptions } from '../events/log-topic.js';
import type { CallbackInterfaceDescriptor } from '../../schema/schema-types.js';
import type { RouterOptions } from '../router-options.js';
import { answerClientError } from './client-error.js';
import { toNodeHandler } from './to-node-handler.js';
import { attachWebSocket, type WebSocketEndpoint } from './attach-web-socket.js';
import { loadWs, WS_MISSING } from './load-ws.js';
import type { WebSocketOptions } from '../ws/web-socket-options.js';

/** Options of `createServer`: the router's, and the WebSocket endpoint's. */
export interface ServerOptions extends RouterOptions {
  /**
   * The WebSocket endpoint `GET {base}/_ws` (docs/protocol.md): on with the
   * defaults of `WebSocketOptions` whenever the event channel is on;
   * `false` turns it off (clients then use long polling). Needs the optional
   * peer `ws`: without it and without this option, the server serves long
   * polling only and says so once at `listen`; with this option, `listen`
   * fails with the fix.
   */
  readonly webSocket?: WebSocketOptions | false;
  /**
   * Most milliseconds a request may take to arrive, headers and body; a
   * slower one gets Node's `408` and its connection closes, so bodies sent a
   * byte at a time cannot hold connections for minutes (Node's default is
   * 300 s). Headers alone get at most 10 s of it. Checked every 5 s, so a
   * slow request may last that much longer. Long polls and sockets are not
   * affected: their requests arrive at once. Default 30,000.
   */
  readonly requestTimeout?: number;
}

/** The default `requestTimeout`: 1 MiB (the default body limit) at 35 KB/s. */
const REQUEST_TIMEOUT = 30_000;

/** A server that is listening. */
export interface ListeningServer {
  /** `http://host:port` plus the router's base. */
  readonly url: string;
  readonly port: number;
  /**
   * Stops the router's event channel, stops accepting, closes idle and open
   * connections; resolves when closed. With `drain: true`, a graceful stop
   * for a rolling deploy: stops listening at once (a load balancer sends new
   * connections to other processes), answers what still arrives on open
   * connections with `connection: close`, then `router.drain({ timeout })`
   * (sockets told to reconnect with 1012, calls in flight finished, the
   * store flushed), then closes. docs/restarts.md.
   */
  close(options?: CloseOptions): Promise<void>;
}

/** Options of `ListeningServer.close`. */
export interface CloseOptions {
  /** Drain first (see `close`). Default `false`. */
  readonly drain?: boolean;
  /** Most milliseconds a drain waits for calls in flight and sockets. Default 30,000. */
  readonly timeout?: number;
}

/** A router bound to node:http. */
export interface ContractServer {
  readonly router: Router;
  /** `router.topic`: a subscription list kept in the event store (shared by every process using the store). */
  topic<T extends object>(callbacks: CallbackInterfaceDescriptor, name: string): Topic<T>;
  /** `router.log`: a topic with history, kept in the event store (docs/logs.md). */
  log<T extends object>(
    callbacks: CallbackInterfaceDescriptor,
    name: string,
    options?: LogOptions,
  ): Log<T>;
  /** `router.disconnect`: closes the principal's sockets and answers its parked polls now, in every process sharing the store. */
  disconnect(principalId: string, reason?: string): Promise<number>;
  /** `router.disconnectClient`: the same for one client. */
  disconnectClient(client: string, reason?: string): number;
  /** `router.reauthenticate`: re-checks the principal's open sockets (every one without it) now. */
  reauthenticate(principalId?: string): Promise<void>;
  /** Listens on `port` (0: any free one) and `host` (default loopback only). */
  listen(port?: number, host?: string): Promise<ListeningServer>;
}

/**
 * The quickest way to serve services over HTTP with Node:
 *
 * ```ts
 * const { url, close } = await createServer({ services: [chatHandlers(chat)] }).listen(3000);
 * ```
 */
export function createServer(options: ServerOptions): ContractServer {
  const router = createRouter(options);
  const handler = toNodeHandler(router);
  const { webSocket } = options;
  let withSocket =
    webSocket !== false && options.events !== false && options.callbacks === undefined;
  // Without the optional peer and without the option: long polling only, said when the server starts listening.
  const socketMissing = withSocket && webSocket === undefined && loadWs() === undefined;
  if (socketMissing) withSocket = false;
  return {
    router,
    topic: (callbacks, name) => router.topic(callbacks, name),
    log: (callbacks, name, options) => router.log(callbacks, name, options),
    disconnect: (principalId, reason) => router.disconnect(principalId, reason),
    disconnectClient: (client, reason) => router.disconnectClient(client, reason),
    reauthenticate: (principalId) => router.reauthenticate(principalId),
    listen: (port = 0, host = '127.0.0.1') => {
      if (socketMissing)
        console.warn(
          `contract-gen: WebSocket is off: ${WS_MISSING}. Clients fall back to long polling.`,
        );
      const requestTimeout = options.requestTimeout ?? REQUEST_TIMEOUT;
      const draining = { now: false };
      const server = createHttpServer(
        {
          requestTimeout,
          headersTimeout: Math.min(10_000, requestTimeout),
          connectionsCheckingInterval: 5_000,
        },
        (req, res) => {
          // While draining, each answer closes its connection: the client's next request reaches another process.
          if (draining.now) res.shouldKeepAlive = false;
          return handler(req, res);
        },
      );
      // Node's own answers (408, 431, 400) with the security headers and a JSON error, as every other answer.
      server.on('clientError', answerClientError);
      const endpoint =
        withSocket && webSocket !== false ? attachWebSocket(server, router, webSocket) : undefined;
      return listen(server, port, host, router, endpoint, draining);
    },
  };
}

function listen(
  server: Server,
  port: number,
  host: string,
  router: Router,
  endpoint: WebSocketEndpoint | undefined,
  draining: { now: boolean },
): Promise<ListeningServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const { port: bound } = server.address() as AddressInfo;
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${bound}${router.base}`,
        port: bound,
        close: (options?: CloseOptions) =>
          options?.drain === true
            ? drain(server, router, endpoint, draining, options.timeout)
            : close(server, router, endpoint),
      });
    });
  });
}

async function close(
  server: Server,
  router: Router,
  endpoint: WebSocketEndpoint | undefined,
): Promise<void> {
  // First answer parked long polls, so their connections end with an answer rather than a reset.
  await router.close();
  // Upgraded sockets are not the http server's to close: the endpoint closes them.
  endpoint?.close();
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    // Keep-alive connections would otherwise hold close() open until they time out.
    server.closeAllConnections();
  });
}

async function drain(
  server: Server,
  router: Router,
  endpoint: WebSocketEndpoint | undefined,
  draining: { now: boolean },
  timeout: number | undefined,
): Promise<void> {
  draining.now = true;
  // Stop listening now, but leave idle keep-alive connections open (http's close would end them at once, racing
  // with a request a client is sending on one, which then fails though nothing ran): each ends after its next
  // answer (connection: close), or at the keep-alive timeout, which clients know of (keep-alive: timeout=5).
  const closed = new Promise<void>((resolve) =>
    NetServer.prototype.close.call(server, () => resolve()),
  );
  await router.drain(timeout === undefined ? undefined : { timeout });
  endpoint?.close();
  await Promise.race([
    closed,
    new Promise((resolve) => setTimeout(resolve, server.keepAliveTimeout + 1_000).unref()),
  ]);
  server.closeAllConnections();
  await closed;
  // http's own close too, for what it keeps beside the listener (its connection-checking timer).
  server.close();
}
