// Shared by the node:http hosts: listen, and close in order (parked polls
// answered first, then sockets, then the server).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Router } from '@contract-gen/runtime/server';
import { attachWebSocket } from '@contract-gen/runtime/server/node';
import { urlOf, type HostServer } from './host-server.js';

/** Listens with `server`, attaching the WebSocket endpoint unless `webSocket` is false. */
export function listenNode(
  server: Server,
  router: Router,
  port: number,
  hostname: string,
  webSocket = true,
): Promise<HostServer> {
  const endpoint = webSocket ? attachWebSocket(server, router) : undefined;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      const bound = (server.address() as AddressInfo).port;
      resolve({
        url: urlOf(hostname, bound, router.base),
        port: bound,
        close: async () => {
          await router.close();
          endpoint?.close();
          await new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          });
        },
      });
    });
  });
}
