import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Router } from '../../create-router.js';
import { toNodeHandler } from '../../node/to-node-handler.js';
import { ownsPath } from '../owns-path.js';

/** What the middleware reads of Koa's context (typed structurally: the runtime needs no Koa types). */
export interface KoaContextLike {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly originalUrl: string;
  respond?: boolean;
}

/** A Koa (2 or 3) middleware: `app.use(createKoaMiddleware(router))`. */
export type KoaMiddleware = (ctx: KoaContextLike, next: () => Promise<unknown>) => Promise<void>;

/**
 * Serves `router` inside a Koa app: requests under the router's `base` are
 * answered by the router on the raw node:http objects (`ctx.respond = false`,
 * so Koa writes nothing), every other one goes on down the middleware stack.
 * Put it before body parsers (`koa-bodyparser`): the router reads the raw
 * body itself. For WebSocket, call `attachWebSocket(server, router)` on the
 * server that `app.listen()` returns (or `http.createServer(app.callback())`).
 */
export function createKoaMiddleware(router: Router): KoaMiddleware {
  const handler = toNodeHandler(router);
  return async (ctx, next) => {
    if (!ownsPath(router.base, ctx.originalUrl)) {
      await next();
      return;
    }
    ctx.respond = false;
    ctx.req.url = ctx.originalUrl;
    handler(ctx.req, ctx.res);
  };
}
