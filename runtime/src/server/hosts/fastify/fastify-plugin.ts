import type { FastifyPluginCallback } from 'fastify';
import type { Router } from '../../create-router.js';
import { attachWebSocket, type WebSocketEndpoint } from '../../node/attach-web-socket.js';
import { toNodeHandler } from '../../node/to-node-handler.js';
import type { WebSocketOptions } from '../../ws/web-socket-options.js';

/** Options of `contractPlugin`. */
export interface ContractPluginOptions {
  readonly router: Router;
  /**
   * The WebSocket endpoint `GET {base}/_ws` on the app's own server
   * (`fastify.server`), with these options; `false` (the default) serves
   * long polling only. Needs the optional peer `ws`.
   */
  readonly webSocket?: WebSocketOptions | false;
}

const METHODS = ['GET', 'POST', 'OPTIONS', 'DELETE', 'PUT', 'PATCH', 'HEAD'];

/**
 * A Fastify (4 or 5) plugin serving `router` under its `base`:
 * `app.register(contractPlugin, { router, webSocket: {} })`. Register it
 * without `fastify-plugin`: its `onRequest` hook, which hands the raw
 * request to the router before Fastify parses the body (the router reads
 * it itself: its size limit and UTF-8 check), stays inside the plugin and
 * never sees the app's own routes. With `webSocket`, the endpoint closes on
 * `preClose`; answer parked long polls first with
 * `app.addHook('preClose', () => router.close())`.
 */
export const contractPlugin: FastifyPluginCallback<ContractPluginOptions> = (
  fastify,
  options,
  done,
) => {
  const { router, webSocket = false } = options;
  const handler = toNodeHandler(router);
  fastify.addHook('onRequest', (request, reply) => {
    // Hijacked: Fastify neither parses the body nor writes an answer; the router does both on the raw objects.
    reply.hijack();
    handler(request.raw, reply.raw);
  });
  const unreached = (): void => {};
  // A base of '' gives the root route '/' and the wildcard '/*'.
  fastify.route({
    method: METHODS,
    url: router.base === '' ? '/' : router.base,
    handler: unreached,
  });
  fastify.route({ method: METHODS, url: `${router.base}/*`, handler: unreached });
  let endpoint: WebSocketEndpoint | undefined;
  if (webSocket !== false) endpoint = attachWebSocket(fastify.server, router, webSocket);
  fastify.addHook('preClose', (next) => {
    endpoint?.close();
    next();
  });
  done();
};
