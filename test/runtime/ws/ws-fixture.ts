// A Ticker server for the WebSocket tests, built by hand (createRouter +
// toNodeHandler + attachWebSocket) so a test can reach the server's side of
// each socket: its raw TCP socket, to cut it as a failing network would.
// Everything comes from the built package, like the conformance server, so
// stand-ins and Broadcast are one module instance.
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import {
  connect,
  type Connection,
  type ConnectOptions,
  type WebSocketConstructor,
  type WebSocketLike,
} from '@contract-gen/runtime/client';
import {
  createRouter,
  type EventOptions,
  type WebSocketOptions,
} from '@contract-gen/runtime/server';
import { attachWebSocket, toNodeHandler } from '@contract-gen/runtime/server/node';
import type { Ticker, TickerEvents } from '../../../conformance/contracts/ticker.js';
import { tickerClient } from '../../../conformance/generated/ticker.client.js';
import { tickerHandlers } from '../../../conformance/generated/ticker.server.js';
import { createTickerService } from '../../../conformance/ticker-service.js';

/** A running Ticker server with its WebSocket endpoint. */
export interface WsServer {
  readonly url: string;
  /** The server's side of every upgraded connection so far (raw TCP sockets). */
  readonly sockets: Set<Duplex>;
  close(): Promise<void>;
}

/** Starts a Ticker server on a free loopback port. */
export async function startWsServer(
  events: EventOptions = {},
  webSocket: WebSocketOptions = {},
): Promise<WsServer> {
  const router = createRouter({ services: [tickerHandlers(createTickerService())], events });
  const server = createHttpServer(toNodeHandler(router));
  const endpoint = attachWebSocket(server, router, webSocket);
  const sockets = new Set<Duplex>();
  server.on('upgrade', (req, socket: Duplex) => {
    // With a second upgrade listener, the endpoint leaves other paths to it: refuse them as a server without WebSocket would.
    if (req.url !== '/_ws')
      return void socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n');
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sockets,
    async close() {
      await router.close();
      endpoint.close();
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A WebSocket constructor (the `ws` package) that keeps the client sockets it made, and can refuse new ones. */
export interface SocketControl {
  readonly WebSocket: WebSocketConstructor;
  /** The client sockets made so far, newest last. */
  readonly made: WebSocket[];
  /** While true, new sockets ask for a path that does not upgrade (404), as behind a proxy that refuses WebSocket. */
  block: boolean;
}

export function socketControl(): SocketControl {
  const control: SocketControl = {
    made: [],
    block: false,
    WebSocket: function (
      url: string,
      protocols?: string | string[],
      init?: { headers: Record<string, string> },
    ): WebSocketLike {
      const socket = new WebSocket(
        control.block ? url.replace(/\/_ws$/, '/_blocked') : url,
        protocols,
        init,
      );
      control.made.push(socket);
      return socket;
    } as unknown as WebSocketConstructor,
  };
  return control;
}

/** A connection and its Ticker client. */
export function open(url: string, options: ConnectOptions): { conn: Connection; ticker: Ticker } {
  const conn = connect(url, options);
  return { conn, ticker: tickerClient(conn) };
}

/** Records `tick n` / `done total`; `onEvent` runs after each (a test kills a socket from there). */
export function recorder(
  onEvent: (seen: readonly string[]) => void = () => undefined,
): TickerEvents & { readonly seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    tick(_symbol, n) {
      seen.push(`tick ${n}`);
      onEvent(seen);
    },
    done(_symbol, total) {
      seen.push(`done ${total}`);
      onEvent(seen);
    },
  };
}

/** What `publish(symbol, count)` delivers to one subscription. */
export function burst(count: number): string[] {
  return [...Array.from({ length: count }, (_, i) => `tick ${i + 1}`), `done ${count}`];
}

/** Resolves once `condition` holds; throws `label` after `ms`. */
export async function until(condition: () => boolean, label: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`${label}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
