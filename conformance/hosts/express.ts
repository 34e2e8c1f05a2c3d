// The conformance router in an Express app (docs/hosts.md, Express).
import { createServer } from 'node:http';
import express from 'express';
import { createExpressMiddleware } from '@contract-gen/runtime/server/express';
import { HELLO_PATH, hello, type StartHost } from './host-server.js';
import { listenNode } from './node-http.js';

export const startExpress: StartHost = (router, port, hostname) => {
  const app = express();
  app.use(createExpressMiddleware(router));
  app.use(express.json());
  app.get(HELLO_PATH, (_req, res) => void res.type('text').send(hello('express')));
  return listenNode(createServer(app), router, port, hostname);
};
