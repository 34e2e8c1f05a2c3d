import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRouter, type Router } from './create-router.js';
import type { RouterOptions } from './router-options.js';
import { toNodeHandler } from './to-node-handler.js';

/** A server that is listening. */
export interface ListeningServer {
  /** `http://host:port` plus the router's base. */
  readonly url: string;
  readonly port: number;
  /** Stops the router's event channel, stops accepting, closes idle and open connections; resolves when closed. */
  close(): Promise<void>;
}

/** A router bound to node:http. */
export interface ContractServer {
  readonly router: Router;
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
export function createServer(options: RouterOptions): ContractServer {
  const router = createRouter(options);
  const handler = toNodeHandler(router);
  return {
    router,
    listen: (port = 0, host = '127.0.0.1') => listen(createHttpServer(handler), port, host, router),
  };
}

function listen(server: Server, port: number, host: string, router: Router): Promise<ListeningServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const { port: bound } = server.address() as AddressInfo;
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({ url: `http://${shown}:${bound}${router.base}`, port: bound, close: () => close(server, router) });
    });
  });
}

async function close(server: Server, router: Router): Promise<void> {
  // First answer parked long polls, so their connections end with an answer rather than a reset.
  await router.close();
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    // Keep-alive connections would otherwise hold close() open until they time out.
    server.closeAllConnections();
  });
}
