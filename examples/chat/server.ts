// The chat example: `npm run example` (PORT env, default 3000), then open
// http://localhost:3000 in a browser. One node:http server answers the page's
// files first (serve-page.ts) and everything else with the API, so the page
// and the API share an origin: `connect(location.origin)`, no CORS.
import { existsSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRouter } from '@contract-gen/runtime/server';
import {
  attachWebSocket,
  toNodeHandler,
  type ListeningServer,
} from '@contract-gen/runtime/server/node';
import { chatHandlers } from '../../generated/chat.server.js';
import { createChatService } from './chat-service.js';
import { servePage } from './serve-page.js';

/**
 * Where the built page lives: build/web/chat in the repository (ignored by
 * git), written by scripts/bundle-chat-page.mjs. Found from this file's place,
 * which differs between the source and the compiled copy in build/apps.
 */
export function chatPageFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'build', 'web', 'chat');
}

/**
 * Starts the chat server (page and API); `port` 0 picks a free one. Its `url` is the API's base and the page's address.
 * `presenceGrace`: ms without a connection before a member shows as away (default: the runtime's, 5 s).
 */
export function startChatServer(
  port: number,
  host = '127.0.0.1',
  pageFolder = chatPageFolder(),
  presenceGrace?: number,
): Promise<ListeningServer> {
  const chat = createChatService();
  const router = createRouter({
    services: [chatHandlers(chat)],
    events: {
      // A member whose page lost its connection shows as away after a few seconds (the default grace), and as
      // before when it is back; they leave only when their client expires.
      presence: {
        ...(presenceGrace === undefined ? {} : { grace: presenceGrace }),
        onDisconnect: ({ client }) => chat.disconnected(client),
        onReconnect: ({ client }) => chat.reconnected(client),
      },
    },
  });
  const api = toNodeHandler(router);
  const server = createHttpServer((req, res) => servePage(req, res, pageFolder) || api(req, res));
  const socket = attachWebSocket(server, router);
  const close = async (): Promise<void> => {
    await router.close(); // answers parked long polls first
    socket.close();
    await new Promise<void>((resolve, reject) => {
      server.close((error) => (error === undefined ? resolve() : reject(error)));
      server.closeAllConnections();
    });
  };
  return listen(server, port, host, close);
}

function listen(
  server: Server,
  port: number,
  host: string,
  close: () => Promise<void>,
): Promise<ListeningServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
        port: bound,
        close,
      });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env['PORT'] ?? 3000);
  const server = await startChatServer(port, process.env['HOST'] ?? '127.0.0.1');
  console.log(
    `contract-gen chat example: open http://localhost:${server.port} in a browser (API at ${server.url})`,
  );
  if (!existsSync(join(chatPageFolder(), 'app.js')))
    console.warn('The page is not built: start the example with `npm run example`.');
}
