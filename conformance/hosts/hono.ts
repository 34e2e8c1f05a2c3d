// The conformance router in a Hono app on Node (docs/hosts.md, Hono): the
// handler over `fetch`, and WebSocket on the node:http server @hono/node-server makes.
import type { Server } from 'node:http';
import { Hono } from 'hono';
import { createAdaptorServer } from '@hono/node-server';
import { createHonoHandler } from '@contract-gen/runtime/server/hono';
import { HELLO_PATH, hello, type StartHost } from './host-server.js';
import { listenNode } from './node-http.js';

export const startHono: StartHost = (router, port, hostname) => {
  const app = new Hono();
  const handler = createHonoHandler(router);
  app.all(router.base === '' ? '/*' : `${router.base}/*`, handler);
  app.get(HELLO_PATH, (c) => c.text(hello('hono')));
  // Made, not yet listening: listenNode attaches the WebSocket endpoint, then listens.
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  return listenNode(server, router, port, hostname);
};
