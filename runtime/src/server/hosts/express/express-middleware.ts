import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Router } from '../../create-router.js';
import { toNodeHandler } from '../../node/to-node-handler.js';
import { ownsPath } from '../owns-path.js';

/**
 * An Express (4 or 5) middleware, typed structurally so the runtime needs no
 * Express types: `app.use(createExpressMiddleware(router))` type-checks as
 * an Express `RequestHandler`.
 */
export type ExpressMiddleware = (
  req: IncomingMessage & { originalUrl?: string },
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * Serves `router` inside an Express app: requests under the router's `base`
 * are answered by the router, every other one goes on to the app's own
 * routes (`next()`). Mounted with or without a path (`app.use('/api', …)`
 * strips it from `req.url`; the router sees the original URL, so the mount
 * path must equal the router's `base`).
 *
 * Put it before body parsers such as `express.json()`: the router reads the
 * raw body itself (its size limit and UTF-8 check), and a parsed body is gone.
 * For WebSocket, call `attachWebSocket(server, router)` on the server that
 * `app.listen()` returns. Any `{ fetch, base }` mounts the same way: a
 * webhook receiver (`<name>Webhook(handlers, { secret, base })`, docs/webhooks.md).
 */
export function createExpressMiddleware(router: Pick<Router, 'fetch' | 'base'>): ExpressMiddleware {
  const handler = toNodeHandler(router);
  return (req, res, next) => {
    const url = req.originalUrl ?? req.url ?? '/';
    if (!ownsPath(router.base, url)) return next();
    req.url = url;
    handler(req, res);
  };
}
