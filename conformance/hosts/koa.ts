// The conformance router in a Koa app (docs/hosts.md, Koa).
import { createServer } from 'node:http';
import Koa from 'koa';
import { createKoaMiddleware } from '@contract-gen/runtime/server/koa';
import { HELLO_PATH, hello, type StartHost } from './host-server.js';
import { listenNode } from './node-http.js';

export const startKoa: StartHost = (router, port, hostname) => {
  const app = new Koa();
  app.use(createKoaMiddleware(router));
  app.use((ctx) => {
    if (ctx.path === HELLO_PATH) ctx.body = hello('koa');
  });
  const callback = app.callback();
  return listenNode(
    createServer((req, res) => void callback(req, res)),
    router,
    port,
    hostname,
  );
};
