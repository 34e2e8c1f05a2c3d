// The conformance router on a bare node:http server (docs/hosts.md, Node).
import { createServer } from 'node:http';
import { toNodeHandler } from '@contract-gen/runtime/server/node';
import { HELLO_PATH, hello, type StartHost } from './host-server.js';
import { listenNode } from './node-http.js';

export const startNode: StartHost = (router, port, hostname) => {
  const handler = toNodeHandler(router);
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === HELLO_PATH) res.end(hello('node'));
    else handler(req, res);
  });
  return listenNode(server, router, port, hostname);
};
